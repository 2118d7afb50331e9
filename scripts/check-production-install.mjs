// Proves what `teamsapp.yml`'s deploy step ships can start: the compiled service (dist/bot) with
// only production dependencies (`npm ci --omit=dev`, as App Service gets them), started in
// production mode, answers /healthz. Development dependencies (the embedded Cosmos DB server
// among them) are absent there, so anything that still needs one fails here, not in Azure.
//
// Azure Cosmos DB itself cannot run here: a stand-in (the embedded server, run from this checkout's
// full install in a process of its own) plays it, reached with an account key as the emulator would be.
// Usage: `npm run build:bot && node scripts/check-production-install.mjs`
import { spawn, execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const STARTUP_LIMIT_MS = 60_000;

if (!fs.existsSync(path.join(root, "dist/bot/index.js"))) {
  console.error("dist/bot/index.js is missing: run `npm run build:bot` first.");
  process.exit(1);
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), "cohort-coach-prod-"));
const children = [];
const cleanUp = () => {
  for (const child of children) child.kill("SIGKILL");
  fs.rmSync(work, { recursive: true, force: true });
};

try {
  for (const file of ["package.json", "package-lock.json"]) fs.copyFileSync(path.join(root, file), path.join(work, file));
  fs.cpSync(path.join(root, "dist/bot"), path.join(work, "dist/bot"), { recursive: true });
  console.log(`production install in ${work} (npm ci --omit=dev)…`);
  execFileSync("npm", ["ci", "--omit=dev", "--no-audit", "--no-fund", "--ignore-scripts"], { cwd: work, stdio: ["ignore", "ignore", "inherit"] });
  if (fs.existsSync(path.join(work, "node_modules/@vercel/cosmosdb-server"))) throw new Error("the embedded Cosmos DB server was installed with --omit=dev: it must be a development dependency");

  // HTTPS with the package's self-signed certificate, as the Cosmos DB emulator serves it: the
  // production client follows the account's https endpoints, so plain HTTP would not do.
  const standIn = `import { createHttpsServer } from "@vercel/cosmosdb-server";
    const server = createHttpsServer({ keepAlive: true });
    server.listen(0, "127.0.0.1", () => process.stdout.write("listening " + server.address().port + "\\n"));
    process.stdin.on("end", () => process.exit(0)); process.stdin.resume();`;
  const cosmos = spawn(process.execPath, ["--input-type=module", "-e", standIn], { cwd: root, stdio: ["pipe", "pipe", "inherit"] });
  children.push(cosmos);
  const cosmosPort = await firstMatch(cosmos.stdout, /listening (\d+)/);

  const port = 39000 + Math.floor(Math.random() * 1000);
  const service = spawn(process.execPath, ["dist/bot/index.js"], {
    cwd: work,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      PATH: process.env.PATH,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      PUBLIC_URL: "https://cohort-coach.example.test",
      COSMOS_ENDPOINT: `https://127.0.0.1:${cosmosPort}`,
      // Only for the stand-in's self-signed certificate (as with the Cosmos DB emulator).
      NODE_TLS_REJECT_UNAUTHORIZED: "0",
      COSMOS_KEY: "stand-in-key",
      BOT_ID: "00000000-0000-0000-0000-0000000000b0",
      BOT_TENANT_ID: "00000000-0000-0000-0000-0000000000a1",
      AAD_APP_CLIENT_ID: "00000000-0000-0000-0000-0000000000c1",
      SCHEDULER_ENABLED: "false",
      LOG_LEVEL: "warn",
    },
  });
  children.push(service);
  let output = "";
  service.stdout.on("data", (d) => (output += d));
  service.stderr.on("data", (d) => (output += d));

  const started = Date.now();
  let health;
  while (!health && Date.now() - started < STARTUP_LIMIT_MS) {
    if (service.exitCode !== null) throw new Error(`the production service exited with code ${service.exitCode}:\n${output}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (res.ok) health = await res.json();
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  if (!health) throw new Error(`/healthz did not answer within ${STARTUP_LIMIT_MS / 1000} s:\n${output}`);
  if (health.mode !== "production") throw new Error(`expected production mode, got ${JSON.stringify(health)}`);
  console.log(`production install: /healthz answered ${JSON.stringify(health)} after ${Date.now() - started} ms`);
} catch (err) {
  console.error(`production install check failed: ${err instanceof Error ? err.message : err}`);
  cleanUp();
  process.exit(1);
}
cleanUp();

function firstMatch(stream, pattern) {
  return new Promise((resolve, reject) => {
    let seen = "";
    stream.on("data", (d) => {
      seen += d;
      const m = pattern.exec(seen);
      if (m) resolve(m[1]);
    });
    stream.on("end", () => reject(new Error(`stream ended before ${pattern}`)));
  });
}
