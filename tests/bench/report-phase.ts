/**
 * Report phase of the benchmark (issue 20): an organisation of `members` (default 10,000) in
 * `cohorts` (default 50) team cohorts on four tracks, with `weeks` (default 12) of history, then
 * p50/p95 of the organisation report (GET /api/report: whole tenant, by cohort, by track, by
 * seniority, and /api/report.csv) at 4 concurrent requests as an admin.
 *
 * Seeding: answering 10,000 members' 12 weeks of cards through /api/messages (or even through the
 * member use cases, as the dashboard phase does for 1,000) would take hours on a 2-core machine.
 * The history is therefore written in-process through the store's own repositories, the same
 * write paths the bot's use cases end in (`repos.cohorts.create`, `repos.memberships.upsertMany`,
 * `repos.loop.upsertCommitment / upsertCheckIn / upsertAdoption`, each moving the cohort's write
 * marker as in production), against the embedded Cosmos DB server: no hand-made JSON. The records
 * are what the use cases would write (deterministic ids, first-answer times, blockers), from a
 * seeded random generator, so every run builds the same organisation: mixed tracks, job titles
 * that give individual contributors, managers and executives (some cohorts with fewer than 5 of a
 * level, so the report's suppression is exercised), participation that varies and drops off.
 *
 * Measuring: the real HTTP service (tests/helpers/test-server: `startService`, embedded Cosmos,
 * local sign-in) on that store, as the dashboard phase does. "cold" is the first request of each
 * kind; p50/p95 are over `requests` more.
 *
 * `fullRead` (`--report-full-read`) also times, once, what each request did before the report had a
 * read model (store/report-parts.repository.ts): every membership and record of every cohort.
 *
 * The embedded Cosmos DB server runs in its own process by default, as the database does in Azure
 * and as the fan-out phases run it (`--db inprocess` in `npm run bench`, `--inprocess` here: in the
 * service's process, as `npm start` does, where its query scans share the service's event loop).
 *
 *   npx tsx tests/bench/report-phase.ts [--members 10000 --cohorts 50 --weeks 12 --requests 40 --full-read --inprocess]
 */
import { ManualClock } from "../../bot/src/domain/clock";
import { ids } from "../../bot/src/domain/ids";
import { computeImpactReport } from "../../bot/src/domain/impact-report";
import { SENIORITY_LEVELS, seniorityOf } from "../../bot/src/domain/seniority";
import { buildTimeline } from "../../bot/src/domain/timeline";
import { getBuiltInTrack } from "../../bot/src/domain/tracks";
import { BLOCKERS, type AdoptionAnswer, type ApplyCommitment, type Blocker, type CheckIn, type Cohort, type Confidence, type Membership, type UsageFrequency } from "../../bot/src/domain/types";
import { mapLimited } from "../../bot/src/lib/concurrency";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadConfig } from "../../bot/src/config";
import { createMemoryLogger } from "../../bot/src/logger";
import { startService } from "../../bot/src/service";
import { startTestServer, type TestServer } from "../helpers/test-server";
import { startCosmosProcess } from "./cosmos-process";
import { seededRandom } from "../../bot/src/lib/seeded-random";

type ReportServer = Pick<TestServer, "baseUrl" | "ctx" | "repos" | "clock" | "tokenFor" | "close">;

/** The real service (`startService`) on the embedded Cosmos DB server in a process of its own. */
async function startWithDatabaseProcess(now: string): Promise<ReportServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "cohort-coach-report-"));
  const database = await startCosmosProcess();
  const local = loadConfig({ PORT: "0", HOST: "127.0.0.1", LOCAL_DATA_DIR: dataDir, LOCAL_PERSIST: "false", SEED_DEMO_DATA: "false", SCHEDULER_ENABLED: "false", LOG_LEVEL: "error", API_RATE_LIMIT_PER_MINUTE: "100000" });
  const clock = new ManualClock(now);
  const service = await startService({ ...local, cosmos: { kind: "embedded-server", endpoint: database.endpoint, database: local.cosmos.database } }, { clock, logger: createMemoryLogger(), startScheduler: false, tabDir: path.join(dataDir, "no-tab") });
  const issuer = service.localIssuer!;
  return {
    baseUrl: service.url,
    ctx: service.ctx,
    repos: service.ctx.repos,
    clock,
    tokenFor: (actor) => issuer.issue({ tenantId: actor.tenantId, userId: actor.userId, displayName: actor.displayName, isAdmin: actor.isAdmin ?? false }),
    async close() {
      await service.stop();
      await database.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface ReportPhaseOptions {
  members: number;
  cohorts: number;
  weeks: number;
  /** Measured requests per kind (after one cold request). */
  requests?: number;
  /**
   * Also time, once and in-process, what every report request did before the read model: read
   * every membership and record of every cohort and compute the report from them.
   */
  fullRead?: boolean;
  /**
   * Where the embedded Cosmos DB server runs: in its own process (default, as the database does in
   * Azure, and as the fan-out phases run it) or in the service's process (as `npm start` does).
   */
  db?: "process" | "inprocess";
  /** Called with the running service after measuring, before it stops (for profiling). */
  afterMeasuring?: (server: ReportServer, admin: { tenantId: string; userId: string; displayName: string; isAdmin: boolean }) => Promise<void>;
  log?: (line: string) => void;
}

export interface ReportPhaseResult {
  members: number;
  cohorts: number;
  weeks: number;
  db: "process" | "inprocess";
  seedSeconds: number;
  documents: Record<string, number>;
  requests: Array<{ name: string; cold: number; p50: number; p95: number; count: number; errors: number }>;
  /** The full read of every cohort, when asked for: how long, or how it failed. */
  fullRead?: { ms: number; error?: string };
}

const TRACKS = ["operations", "finance", "marketing", "hr"] as const;
const START_DATES = ["2026-01-05", "2026-01-12", "2026-01-19", "2026-01-26"];
const NOW = "2026-05-11T12:00:00.000Z";
const TITLES = {
  individual: ["Analyst", "Engineer", "Coordinator", "Specialist", "Consultant", ""],
  manager: ["Team Manager", "Supervisor", "Team Lead"],
  executive: ["Director of Operations", "Head of Finance", "Chief Marketing Officer"],
};
const FREQUENCIES: UsageFrequency[] = ["daily", "few-times-a-week", "weekly", "rarely", "not-at-all"];

const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : 0);
const round1 = (n: number) => Math.round(n * 10) / 10;

export async function runReportPhase(options: ReportPhaseOptions): Promise<ReportPhaseResult> {
  const log = options.log ?? (() => undefined);
  const { members: N, cohorts: C, weeks: W } = options;
  const rnd = seededRandom(20_260_511);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const server: ReportServer = options.db === "inprocess" ? await startTestServer({ now: NOW }) : await startWithDatabaseProcess(NOW);
  const clock = server.clock as ManualClock;
  try {
    const tenantId = "bench-report-000-0000-000000000001";
    const admin = { tenantId, userId: "bench-report-admin", displayName: "Admin", isAdmin: true };
    const repos = server.ctx.repos;
    const documents: Record<string, number> = { cohort: 0, membership: 0, commitment: 0, checkin: 0, adoption: 0 };
    log(`embedded Cosmos DB ${options.db === "inprocess" ? "in the service's process" : "in its own process"}`);
    log(`seeding ${N} members in ${C} cohorts with ${W} weeks of history in-process, through the store's repositories (the bot's write paths), not /api/messages`);
    const started = Date.now();

    // Cohort sizes vary (0.5× to 1.5× the mean) and add up to N exactly.
    const weights = Array.from({ length: C }, () => 0.5 + rnd());
    const total = weights.reduce((s, w) => s + w, 0);
    const sizes = weights.map((w) => Math.max(1, Math.floor((w / total) * N)));
    sizes[C - 1]! += N - sizes.reduce((s, n) => s + n, 0);

    let memberNo = 0;
    for (let c = 0; c < C; c++) {
      const trackId = TRACKS[c % TRACKS.length]!;
      const track = getBuiltInTrack(trackId)!;
      const created = new Date(Date.parse(`${START_DATES[c % START_DATES.length]}T00:00:00.000Z`) - 14 * 86_400_000).toISOString();
      const cohort: Cohort = {
        id: `bench-report-${String(c + 1).padStart(2, "0")}`,
        tenantId,
        name: `${track.name} cohort ${c + 1}`,
        kind: "team",
        trackId,
        startDate: START_DATES[c % START_DATES.length]!,
        timeZone: "Europe/London",
        localTime: "09:30",
        facilitatorIds: [`bench-report-facilitator-${c % 7}`],
        status: "active",
        createdAt: created,
        createdBy: admin.userId,
        updatedAt: created,
      };
      await repos.cohorts.create(cohort);
      documents.cohort!++;
      // Seniority mix per cohort: some have fewer than 5 managers or executives.
      const execShare = rnd() * 0.08;
      const managerShare = 0.08 + rnd() * 0.22;
      const memberships: Membership[] = Array.from({ length: sizes[c]! }, () => {
        const i = memberNo++;
        const r = rnd();
        const level = r < execShare ? "executive" : r < execShare + managerShare ? "manager" : "individual";
        const title = pick(TITLES[level]);
        return {
          tenantId,
          cohortId: cohort.id,
          userId: `00000000-0000-0000-cccc-${String(i).padStart(12, "0")}`,
          displayName: `Report Member ${i}`,
          ...(title ? { jobTitle: title } : {}),
          // A few have the admin's explicit choice instead of a title rule.
          ...(rnd() < 0.02 ? { seniority: pick(SENIORITY_LEVELS) } : {}),
          joinedAt: created,
        };
      });
      for (let i = 0; i < memberships.length; i += 500) await repos.memberships.upsertMany(memberships.slice(i, i + 500));
      documents.membership! += memberships.length;

      // The history up to week W, in timeline order.
      const events = buildTimeline(cohort, track).filter((e) => ["apply", "checkin", "baseline", "adoption"].includes(e.kind) && e.week <= W);
      const writes: Array<() => Promise<void>> = [];
      for (const m of memberships) {
        const engagement = 0.35 + rnd() * 0.65; // how likely this member answers at all
        const optimism = rnd();
        for (const event of events) {
          const decay = 1 - 0.03 * event.week; // fewer answers as the weeks go by
          if (rnd() > engagement * decay) continue;
          const at = new Date(Date.parse(event.dueAt) + Math.floor(rnd() * 3 * 86_400_000)).toISOString();
          const base = { tenantId, cohortId: cohort.id, userId: m.userId };
          if (event.kind === "apply") {
            const commitment: ApplyCommitment = { ...base, id: ids.commitmentId(cohort.id, event.sessionNumber!, m.userId), sessionNumber: event.sessionNumber!, deliverable: "The monthly report", ...(rnd() < 0.5 ? { doneAt: at } : {}), committedAt: at, updatedAt: at };
            writes.push(() => repos.loop.upsertCommitment(commitment));
            documents.commitment!++;
          } else if (event.kind === "checkin") {
            const blockers: Blocker[] = BLOCKERS.filter(() => rnd() < 0.15);
            const checkIn: CheckIn = {
              ...base,
              id: ids.checkInId(cohort.id, event.sessionNumber!, m.userId),
              sessionNumber: event.sessionNumber!,
              tried: "drafting",
              worked: "a first summary",
              stuck: blockers.length ? "data access" : "",
              minutesSaved: Math.floor(rnd() * 25) * 5,
              confidence: Math.min(5, Math.max(1, Math.round(1 + optimism * 3 + rnd() + event.week * 0.1))) as Confidence,
              wantsHelp: rnd() < 0.03,
              blockers,
              quoteConsent: "no",
              submittedAt: at,
              updatedAt: at,
            };
            writes.push(() => repos.loop.upsertCheckIn(checkIn));
            documents.checkin!++;
          } else {
            const week = event.kind === "baseline" ? 0 : event.adoptionWeek!;
            const using = rnd() < 0.3 + optimism * 0.3 + week * 0.03;
            const answer: AdoptionAnswer = { ...base, id: ids.adoptionId(cohort.id, week, m.userId), week, stillUsing: using, frequency: using ? pick(FREQUENCIES.slice(0, 4)) : "not-at-all", usedFor: "reports", answeredAt: at, firstAnsweredAt: at };
            writes.push(() => repos.loop.upsertAdoption(answer));
            documents.adoption!++;
          }
        }
      }
      await mapLimited(writes, 32, (write) => write());
      if ((c + 1) % 5 === 0 || c === C - 1) log(`  seeded ${c + 1}/${C} cohorts, ${memberNo} members, ${documents.commitment! + documents.checkin! + documents.adoption!} records (${Math.round((Date.now() - started) / 1000)} s)`);
    }
    const seedSeconds = Math.round((Date.now() - started) / 1000);
    clock.set(NOW);

    // Tokens are checked against the service's clock: sign in at "now".
    const token = await server.tokenFor(admin);
    let errors = 0;
    const call = async (path: string) => {
      const res = await fetch(server.baseUrl + path, { headers: { authorization: `Bearer ${token}` } });
      const text = await res.text();
      if (res.status >= 400) {
        errors++;
        log(`  GET ${path}: ${res.status} ${text.slice(0, 160)}`);
      }
      return text;
    };
    const cohortIds = Array.from({ length: C }, (_, c) => `bench-report-${String(c + 1).padStart(2, "0")}`);
    const kinds: Array<[string, (i: number) => string]> = [
      ["report: whole tenant", () => "/api/report"],
      ["report: by cohort", (i) => `/api/report?cohortId=${cohortIds[i % C]}`],
      ["report: by track", (i) => `/api/report?trackId=${TRACKS[i % TRACKS.length]}`],
      ["report: by seniority", (i) => `/api/report?seniority=${SENIORITY_LEVELS[i % SENIORITY_LEVELS.length]}`],
      ["report.csv: whole tenant", () => "/api/report.csv"],
    ];
    const rounds = options.requests ?? 40;
    const requests: ReportPhaseResult["requests"] = [];
    for (const [name, pathOf] of kinds) {
      errors = 0;
      const t0 = performance.now();
      await call(pathOf(0));
      const cold = performance.now() - t0;
      const samples: number[] = [];
      await mapLimited(Array.from({ length: rounds }, (_, i) => i + 1), 4, async (i) => {
        const t = performance.now();
        await call(pathOf(i));
        samples.push(performance.now() - t);
      });
      samples.sort((a, b) => a - b);
      requests.push({ name, cold: round1(cold), p50: round1(percentile(samples, 50)), p95: round1(percentile(samples, 95)), count: samples.length, errors });
      log(`  ${name}: cold ${round1(cold)} ms, p50 ${round1(percentile(samples, 50))} ms, p95 ${round1(percentile(samples, 95))} ms`);
    }
    let fullRead: ReportPhaseResult["fullRead"];
    if (options.fullRead) {
      const t0 = performance.now();
      try {
        const cohorts = await repos.cohorts.list(tenantId);
        const inputs = await Promise.all(
          cohorts.map(async (c) => {
            const [memberships, records] = await Promise.all([repos.memberships.listByCohort(tenantId, c.id), repos.loop.listCohortRecords(tenantId, c.id)]);
            return { cohortId: c.id, trackId: c.trackId, memberIds: memberships.map((m) => m.userId), records, seniority: new Map(memberships.map((m) => [m.userId, seniorityOf(m)])) };
          }),
        );
        computeImpactReport(inputs);
        fullRead = { ms: round1(performance.now() - t0) };
      } catch (err) {
        fullRead = { ms: round1(performance.now() - t0), error: err instanceof Error ? err.message.slice(0, 120) : String(err) };
      }
      log(`  full read of every cohort (before the read model): ${fullRead.ms} ms${fullRead.error ? `, failed: ${fullRead.error}` : ""}`);
    }
    await options.afterMeasuring?.(server, admin);
    return { members: N, cohorts: C, weeks: W, db: options.db ?? "process", seedSeconds, documents, requests, ...(fullRead ? { fullRead } : {}) };
  } finally {
    await server.close();
  }
}

export function formatReportPhase(r: ReportPhaseResult): string {
  const docs = Object.values(r.documents).reduce((s, n) => s + n, 0);
  const lines = [
    `organisation report at ${r.members} members (embedded Cosmos DB ${r.db === "inprocess" ? "in the service's process" : "in its own process"}) in ${r.cohorts} cohorts × ${r.weeks} weeks (seeded in ${r.seedSeconds}s in-process through the store's repositories; ${docs} documents: ${Object.entries(r.documents).map(([k, n]) => `${n} ${k}`).join(", ")}; plus write markers and rosters)`,
    `| request (4 concurrent, admin) | cold ms | p50 ms | p95 ms | n | errors |`,
    `| --- | ---: | ---: | ---: | ---: | ---: |`,
  ];
  for (const q of r.requests) lines.push(`| ${q.name} | ${q.cold} | ${q.p50} | ${q.p95} | ${q.count} | ${q.errors} |`);
  if (r.fullRead) lines.push(`| (before the read model) every cohort read in full, once, in-process | ${r.fullRead.ms} | | | 1 | ${r.fullRead.error ? 1 : 0} |`);
  return lines.join("\n");
}

if (require.main === module) {
  const arg = (name: string, fallback: number) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? Number(process.argv[i + 1]) : fallback;
  };
  runReportPhase({ members: arg("members", 10_000), cohorts: arg("cohorts", 50), weeks: arg("weeks", 12), requests: arg("requests", 40), fullRead: process.argv.includes("--full-read"), db: process.argv.includes("--inprocess") ? "inprocess" : "process", log: (l) => console.log(l) })
    .then((r) => {
      console.log(formatReportPhase(r));
      process.exit(0);
    })
    .catch((err) => {
      console.error(err);
      process.exit(1);
    });
}
