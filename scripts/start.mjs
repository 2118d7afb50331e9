// `npm start`: build the tab if it is missing or older than its sources, then run the service from source.
// In Azure the service runs the compiled build instead (`npm run build`, `node dist/bot/index.js`).
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ensureTabBuilt } from "./lib/tab-build.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

if (!ensureTabBuilt()) process.exit(1);

const child = spawn(process.execPath, ["--import", "tsx", "bot/src/index.ts"], { cwd: root, stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => process.exit(code ?? 0));
