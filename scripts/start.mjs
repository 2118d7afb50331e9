// `npm start`: build the tab if it has not been built, then run the service from source.
// In Azure the service runs the compiled build instead (`npm run build`, `node dist/bot/index.js`).
import { spawnSync, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const npx = process.platform === "win32" ? "npx.cmd" : "npx";

if (!existsSync(path.join(root, "dist/tab/index.html"))) {
  console.log("Building the tab (first run only)…");
  const build = spawnSync(npx, ["vite", "build", "--config", "tab/vite.config.mts", "--logLevel", "warn"], { cwd: root, stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const child = spawn(process.execPath, ["--import", "tsx", "bot/src/index.ts"], { cwd: root, stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => process.exit(code ?? 0));
