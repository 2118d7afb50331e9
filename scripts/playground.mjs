// `npm run playground`: the Microsoft 365 Agents Playground (a Teams-like chat client that runs
// locally) connected to the bot that `npm start` serves. Local mode has no Bot Framework auth and
// listens on loopback only, which is what the Playground expects.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);
const cli = path.join(path.dirname(require.resolve("@microsoft/m365agentsplayground/package.json")), "cli.js");
const port = process.env.PORT ?? "3978";
const endpoint = `http://localhost:${port}/api/messages`;

const health = await fetch(`http://localhost:${port}/healthz`).catch(() => undefined);
if (!health?.ok) {
  console.error(`Cohort Coach is not running on port ${port}. Start it with \`npm start\`, then run \`npm run playground\` in a second terminal.`);
  process.exit(1);
}

console.log(`
Microsoft 365 Agents Playground → ${endpoint} (channel "msteams")

You chat as Alex Wilber, in week 3 of the finance cohort. Opening the chat installs the app, so
the bot greets you once with the programme and your next step. Then, as the README walks through:
  policy    the AI-use policy; "I have read and will follow this policy" records it
  next      what is waiting for you; each button opens that step's card (this week's apply card)
  checkin   your latest check-in, quoting the work you committed to; "I'd like help" alerts Megan
  ask       a question to the facilitators, anonymously if you switch the toggle on
  win · progress · briefs · my data · help
Every card updates in place when you submit it; a mistake comes back on the card, nothing stored.
Stop with Ctrl+C.
`);

const child = spawn(process.execPath, [cli, "start", "--app-endpoint", endpoint, "--channel-id", "msteams", "--disable-telemetry"], { stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => process.exit(code ?? 0));
