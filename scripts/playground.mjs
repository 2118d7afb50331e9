// `npm run playground`: the Microsoft 365 Agents Playground (a Teams-like chat client that runs
// locally) connected to the bot started by `npm start`. You chat as Alex Wilber, a seeded member
// of the finance cohort: try `help`, `next`, `policy`, `checkin`, `ask`, `win`, `progress`.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);
const cli = path.join(path.dirname(require.resolve("@microsoft/m365agentsplayground/package.json")), "cli.js");
const port = process.env.PORT ?? "3978";
const endpoint = `http://localhost:${port}/api/messages`;

const health = await fetch(`http://localhost:${port}/healthz`).catch(() => undefined);
if (!health?.ok) {
  console.error(`Cohort Coach is not running on port ${port}. Start it first with \`npm start\`, then run \`npm run playground\` in another terminal.`);
  process.exit(1);
}
console.log(`Opening the Agents Playground against ${endpoint} (Teams channel).`);
const child = spawn(process.execPath, [cli, "start", "--app-endpoint", endpoint, "--channel-id", "msteams"], { stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => process.exit(code ?? 0));
