/**
 * The real Cohort Coach service as a child process (`node --import tsx bot/src/index.ts`, or the
 * `npm start` launcher), talked to over HTTP, for tests about processes: kill -9, signals, locks.
 */
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const ROOT = path.resolve(__dirname, "../..");

export interface ServiceProcess {
  child: ChildProcess;
  /** Everything the process printed so far (stdout and stderr). */
  output(): string;
  /** Resolves with the service URL once it prints that it is running; rejects if it exits first. */
  ready: Promise<string>;
  /** Resolves when a line matching `pattern` has been printed (or rejects when the process exits first). */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function spawnService(opts: { dataDir: string; env?: Record<string, string>; launcher?: boolean }): ServiceProcess {
  const args = opts.launcher ? ["scripts/start.mjs"] : ["--import", "tsx", "bot/src/index.ts"];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      NODE_ENV: "development",
      PORT: "0",
      HOST: "127.0.0.1",
      LOCAL_DATA_DIR: opts.dataDir,
      LOCAL_PERSIST: "true",
      SCHEDULER_ENABLED: "false",
      SEED_DEMO_DATA: "false",
      LOG_LEVEL: "info",
      NODE_NO_WARNINGS: "1",
      COHORT_COACH_SKIP_TAB_BUILD: "1",
      ...opts.env,
    },
  });
  let text = "";
  const waiters: Array<{ pattern: RegExp; resolve: () => void }> = [];
  const onData = (chunk: Buffer): void => {
    text += chunk.toString("utf8");
    for (const w of [...waiters]) {
      if (w.pattern.test(text)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  };
  child.stdout!.on("data", onData);
  child.stderr!.on("data", onData);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));

  const waitFor = (pattern: RegExp, timeoutMs = 30_000): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      if (pattern.test(text)) return resolve();
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${pattern}; output:\n${text}`)), timeoutMs);
      waiters.push({ pattern, resolve: () => (clearTimeout(timer), resolve()) });
      void exited.then(({ code, signal }) => {
        clearTimeout(timer);
        if (!pattern.test(text)) reject(new Error(`the service exited (${code ?? signal}) before printing ${pattern}; output:\n${text}`));
      });
    });

  const ready = waitFor(/cohort coach is running/).then(() => /"url":"(http:\/\/[^"]+)"/.exec(text)![1]!);
  ready.catch(() => undefined);
  return { child, output: () => text, ready, waitFor, exited };
}

/** Signs in as a demo persona through the local sign-in route. */
export async function signIn(url: string, personaId = "admin"): Promise<string> {
  const res = await fetch(`${url}/api/local/sign-in`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ personaId }) });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

/** The cohorts' facilitator: any valid Entra object id will do (the service runs on the real clock). */
const FACILITATOR_ID = "00000000-0000-0000-0000-000000000022";

/** Creates a cohort through the tab API; resolves when the service has acknowledged it (201). */
export async function createCohort(url: string, token: string, name: string): Promise<void> {
  const res = await fetch(`${url}/api/cohorts`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ name, kind: "team", trackId: "finance", startDate: nextWeek(), timeZone: "Europe/London", facilitatorIds: [FACILITATOR_ID], members: [] }),
  });
  const body = await res.text();
  if (res.status !== 201) throw new Error(`creating ${name} failed: ${res.status} ${body}`);
}

/** A start date a week from today: a cohort may not start in the past unless it says it is already running. */
function nextWeek(): string {
  return new Date(Date.now() + 7 * 24 * 3600_000).toISOString().slice(0, 10);
}

export async function cohortNames(url: string, token: string): Promise<string[]> {
  const res = await fetch(`${url}/api/cohorts`, { headers: { authorization: `Bearer ${token}` } });
  if (res.status !== 200) throw new Error(`listing cohorts failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as Array<{ name: string }>).map((c) => c.name);
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Pids whose parent is `pid` (Linux /proc). */
export function childPids(pid: number): number[] {
  const found: number[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid === pid) found.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return found;
}

export async function pollUntil(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export const SYNTHETIC_TENANT = "synthetic-tenant";
export const SYNTHETIC_COHORT = "synthetic-cohort";

/**
 * Writes a data folder holding `count` check-ins of one cohort, in the store's on-disk format
 * (`<container>.json` arrays plus `manifest.json` with each file's sha256), as a long-running
 * local install would have. Written here, independently of the store's code.
 */
export function writeSyntheticDataFolder(dataDir: string, count: number): void {
  fs.mkdirSync(dataDir, { recursive: true });
  const cohortKey = `${SYNTHETIC_TENANT}:${SYNTHETIC_COHORT}`;
  const checkIns = Array.from({ length: count }, (_, i) => ({
    id: `checkin:${SYNTHETIC_COHORT}:${1 + (i % 8)}:user-${i}`,
    tenantId: SYNTHETIC_TENANT,
    cohortId: SYNTHETIC_COHORT,
    userId: `user-${i}`,
    sessionNumber: 1 + (i % 8),
    tried: "drafted the monthly commentary with Copilot, then checked every figure",
    worked: "structure and first draft",
    stuck: i % 5 === 0 ? "tables from the ledger export" : "",
    minutesSaved: i % 90,
    confidence: 1 + (i % 5),
    wantsHelp: i % 7 === 0,
    submittedAt: "2026-03-02T08:00:00.000Z",
    updatedAt: "2026-03-02T08:00:00.000Z",
    cohortKey,
    docType: "checkin",
  }));
  const containers: Record<string, unknown[]> = { tenants: [], cohortRecords: checkIns, deliveries: [], leases: [], anonymousQuestions: [] };
  const manifest = { format: 1, generation: 1, writtenAt: new Date().toISOString(), containers: {} as Record<string, unknown> };
  for (const [id, docs] of Object.entries(containers)) {
    const bytes = Buffer.from(JSON.stringify(docs));
    fs.writeFileSync(path.join(dataDir, `${id}.json`), bytes);
    manifest.containers[id] = { file: `${id}.json`, documents: docs.length, sha256: crypto.createHash("sha256").update(bytes).digest("hex") };
  }
  fs.writeFileSync(path.join(dataDir, "manifest.json"), JSON.stringify(manifest));
}
