// `npm start`: build the tab if it is missing or older than its sources, then run the service from source.
// In Azure the service runs the compiled build instead (`npm run build`, `node dist/bot/index.js`).
//
// The launcher forwards SIGINT/SIGTERM/SIGHUP to the service and exits with the service's status
// when it stops. The service is started with an IPC channel and stops when that channel closes,
// so it never outlives the launcher (even one killed with kill -9). COHORT_COACH_SKIP_TAB_BUILD=1
// skips the tab build check (tests of the launcher itself).
import { spawn } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ensureTabBuilt } from "./lib/tab-build.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

if (process.env.COHORT_COACH_SKIP_TAB_BUILD !== "1" && !ensureTabBuilt()) process.exit(1);

const child = spawn(process.execPath, ["--import", "tsx", "bot/src/index.ts"], {
  cwd: root,
  stdio: ["inherit", "inherit", "inherit", "ipc"],
  env: { ...process.env, COHORT_COACH_LAUNCHER: "1" },
});
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, () => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  });
}
child.on("error", (err) => {
  console.error("Could not start Cohort Coach:", err.message);
  process.exit(1);
});
child.on("exit", (code, signal) => process.exit(code ?? 128 + (os.constants.signals[signal] ?? 0)));
