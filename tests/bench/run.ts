/**
 * `npm run bench [-- --members N --rate R --phases clean,faults,two-tenants --db process|inprocess]`
 *
 * Fans one event out to N members (default 10,000) through the real service: the embedded Cosmos
 * DB server, the scheduler, botbuilder's CloudAdapter and a local stand-in for the Bot Connector
 * service that enforces Teams' documented rate limits and injects 429 and 500 answers. While the
 * fan-out runs, members submit check-ins (adaptiveCard/action invokes over HTTP) and their
 * latency is measured. Prints: duration, successful sends/s against the configured ceiling,
 * duplicates, lost cards, retries, and check-in p50/p95.
 *
 * `dashboard` (not run unless asked for): a cohort of `--dashboard-members` (default 1,000) with 8
 * weeks of history, then p50/p95 of every tab API the Programme, Leadership and Cohorts views call
 * (tests/bench/dashboard-phase.ts).
 *
 * `report` (not run unless asked for): `--report-members` (default 10,000) in `--report-cohorts` (50)
 * with `--report-weeks` (12) of history, seeded in-process through the store's repositories, then
 * p50/p95 of the organisation report and its CSV (tests/bench/report-phase.ts); `--report-full-read`
 * also times once what a report request read before it had a read model.
 *
 * `two-tenants` (not run unless asked for): two organisations of N/2 members each on one instance,
 * the stand-in enforcing the ceiling per tenant as Teams does; each must reach its own ceiling
 * while the other sends too. Prints one row per tenant.
 *
 * The embedded Cosmos DB server runs in its own process by default (`--db process`), as the
 * database does in Azure; `--db inprocess` shares the service's event loop, as `npm start` does.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadConfig, type Config } from "../../bot/src/config";
import type { Clock } from "../../bot/src/domain/clock";
import { createLogger } from "../../bot/src/logger";
import { createScheduler } from "../../bot/src/scheduler/scheduler";
import { startService } from "../../bot/src/service";
import { startBotConnectorStub, type FaultPlan } from "../helpers/bot-connector-stub";
import { benchTenant, seedBenchCohort, BENCH_EVENT_DUE_AT, BENCH_EVENT_KEY, DEFAULT_BENCH_TENANT, type BenchCohort } from "./bench-cohort";
import { startCosmosProcess } from "./cosmos-process";
import { CheckInLoad } from "./checkin-load";
import { formatDashboardPhase, runDashboardPhase } from "./dashboard-phase";
import { formatReportPhase, runReportPhase } from "./report-phase";

type Phase = "clean" | "faults" | "two-tenants" | "dashboard" | "report";
const PHASES: Phase[] = ["clean", "faults", "two-tenants", "dashboard", "report"];

interface Args {
  members: number;
  rate: number;
  phases: Phase[];
  db: "process" | "inprocess";
  dashboardMembers: number;
  report: { members: number; cohorts: number; weeks: number; requests: number; fullRead: boolean };
}

function parseArgs(argv: string[]): Args {
  const value = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const members = Number(value("members") ?? 10_000);
  const rate = Number(value("rate") ?? 50);
  const phases = (value("phases") ?? "clean,faults").split(",").filter((p): p is Phase => (PHASES as string[]).includes(p));
  const db = value("db") ?? "process";
  const dashboardMembers = Number(value("dashboard-members") ?? 1000);
  const report = { members: Number(value("report-members") ?? 10_000), cohorts: Number(value("report-cohorts") ?? 50), weeks: Number(value("report-weeks") ?? 12), requests: Number(value("report-requests") ?? 40) };
  const reportOk = Object.values(report).every((n) => Number.isInteger(n) && n >= 1) && report.members >= report.cohorts;
  const fullRead = argv.includes("--report-full-read");
  if (!reportOk || !Number.isInteger(members) || members < 1 || !Number.isInteger(dashboardMembers) || dashboardMembers < 1 || !(rate > 0) || phases.length === 0 || (db !== "process" && db !== "inprocess")) {
    console.error("Usage: npm run bench -- [--members N] [--rate R] [--phases clean,faults,two-tenants,dashboard,report] [--dashboard-members N] [--report-members N --report-cohorts C --report-weeks W --report-requests R --report-full-read] [--db process|inprocess]");
    process.exit(2);
  }
  return { members, rate, phases, db, dashboardMembers, report: { ...report, fullRead } };
}

/** Real time, shifted so that the benchmark's event is due "now". */
function shiftedClock(dueAt: string): Clock {
  const offset = new Date(dueAt).getTime() + 60_000 - Date.now();
  return { now: () => new Date(Date.now() + offset) };
}

const percentile = (values: number[], p: number) => {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};

async function runPhase(args: Args, phase: Phase): Promise<Array<Record<string, string | number>>> {
  const faults: FaultPlan = phase === "faults" ? { rate429: 0.1, rate500: 0.01, retryAfterSeconds: 1, seed: 42 } : {};
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "cohort-coach-bench-"));
  const connector = await startBotConnectorStub();
  // Teams' documented limits: 7 messages/s per conversation, and the per-app ceiling per tenant
  // (50/s unless `--rate` asks what a higher one would give). With one tenant, "per app" and
  // "per tenant" are the same; with two, the stand-in counts each tenant's requests apart.
  const multiTenant = phase === "two-tenants";
  connector.setLimits(multiTenant ? { perConversationPerSecond: 7, perTenantPerSecond: args.rate } : { perConversationPerSecond: 7, globalPerSecond: args.rate });
  connector.setFaults(faults);

  const localConfig = loadConfig({ PORT: "0", HOST: "127.0.0.1", LOCAL_DATA_DIR: dataDir, LOCAL_PERSIST: "false", SEED_DEMO_DATA: "false", SCHEDULER_ENABLED: "false", LOG_LEVEL: "error", SEND_RATE_PER_SECOND: String(args.rate) });
  const database = args.db === "process" ? await startCosmosProcess() : undefined;
  const config: Config = database ? { ...localConfig, cosmos: { kind: "embedded-server", endpoint: database.endpoint, database: localConfig.cosmos.database } } : localConfig;
  const clock = shiftedClock(BENCH_EVENT_DUE_AT);
  const service = await startService(config, { clock, logger: createLogger("error"), startScheduler: false });
  const ctx = service.ctx;

  const each = multiTenant ? Math.ceil(args.members / 2) : args.members;
  const where = multiTenant ? [benchTenant(0, each), benchTenant(1, each)] : [DEFAULT_BENCH_TENANT];
  process.stdout.write(`\n[${phase}] seeding ${where.length} × ${each} members… `);
  const cohorts: BenchCohort[] = [];
  for (const w of where) cohorts.push(await seedBenchCohort(ctx, each, connector.serviceUrl, w));
  process.stdout.write("done\n");
  const allConversations = new Set(cohorts.flatMap((c) => [...c.conversationIds]));

  const scheduler = createScheduler(ctx, service.bot.sender, { ratePerSecond: args.rate, instanceId: `bench-${phase}` });
  // Five check-ins a second in all, spread over the organisations.
  const loads = cohorts.map((c) => new CheckInLoad(service.url, connector.serviceUrl, c, 5 / cohorts.length));

  const started = Date.now();
  let lastPrint = 0;
  const total = each * cohorts.length;
  const progress = setInterval(() => {
    const elapsed = (Date.now() - started) / 1000;
    if (elapsed - lastPrint < 5) return;
    lastPrint = elapsed;
    const sent = cohorts.map((c) => connector.activities.filter((a) => a.operation !== "update" && c.conversationIds.has(a.conversationId)).length);
    const all = sent.reduce((n, x) => n + x, 0);
    const measured = loads.reduce((n, l) => n + l.latencies.length, 0);
    process.stdout.write(`[${phase}] ${elapsed.toFixed(0)} s: ${sent.join(" + ")} = ${all}/${total} cards sent (${(all / elapsed).toFixed(1)}/s), check-ins measured: ${measured}\n`);
  }, 1000);
  for (const load of loads) load.start();

  const totals = { planned: 0, sent: 0, retried: 0, failed: 0, lostClaims: 0 };
  let firstPlanSeconds = 0;
  for (let pass = 0; pass < 10_000; pass++) {
    const report = await scheduler.tick();
    if (pass === 0) firstPlanSeconds = (Date.now() - started) / 1000;
    totals.planned += report.planned;
    totals.sent += report.sent;
    totals.retried += report.retried;
    totals.failed += report.failed;
    totals.lostClaims += report.lostClaims;
    // Done when every member's card has been dealt with: a tick whose planning failed (and wrote
    // nothing yet) leaves nothing open, but is not the end.
    let open = 0;
    let settled = 0;
    for (const c of cohorts) {
      for (const e of await ctx.repos.deliveries.countsByEvent(c.tenantId, c.cohortId)) {
        open += e.pending + e.claimed;
        if (e.eventKey === BENCH_EVENT_KEY) settled += e.sent + e.failed + e.skipped;
      }
    }
    if (open === 0 && settled >= total) break;
    // Deliveries waiting out a Retry-After or backoff: come back when they are due.
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const durationSeconds = (Date.now() - started) / 1000;
  clearInterval(progress);
  for (const load of loads) await load.stop();
  const latencies = loads.flatMap((l) => l.latencies);
  const startedAt = loads.flatMap((l) => l.startedAt);
  const errors = loads.reduce((n, l) => n + l.errors, 0);

  const perConversation = connector.sendsByConversation();
  // Before the first card the scheduler is writing one delivery per member; after it, sending.
  const firstSendAt = Math.min(...connector.activities.filter((a) => allConversations.has(a.conversationId)).map((a) => a.at));
  const whilePlanning = latencies.filter((_, i) => startedAt[i]! < firstSendAt);
  const whileSending = latencies.filter((_, i) => startedAt[i]! >= firstSendAt);
  const spans = cohorts.map((c) => {
    const times = connector.activities.filter((a) => a.operation !== "update" && c.conversationIds.has(a.conversationId)).map((a) => a.at);
    return { first: Math.min(...times), last: Math.max(...times) };
  });
  // How long every organisation was being sent to at once, against the longest one's sending.
  const together = Math.max(0, Math.min(...spans.map((s) => s.last)) - Math.max(...spans.map((s) => s.first))) / 1000;

  await service.stop();
  await database?.close();
  await connector.close();
  fs.rmSync(dataDir, { recursive: true, force: true });

  return cohorts.map((c, n) => {
    const eventSends = [...perConversation.entries()].filter(([id]) => c.conversationIds.has(id));
    const duplicates = eventSends.reduce((sum, [, count]) => sum + Math.max(0, count - 1), 0);
    const reached = eventSends.filter(([, count]) => count >= 1).length;
    const lost = each - reached;
    // The send rate is measured over the sending itself: first card to last card.
    const sendSeconds = Math.max(0.001, (spans[n]!.last - spans[n]!.first) / 1000);
    const attempts = connector.attemptsByTenant().get(c.tenantId) ?? [];
    return {
      phase: multiTenant ? `${phase} #${n + 1}` : phase,
      members: each,
      "duration (s)": durationSeconds.toFixed(1),
      "first tick incl. planning (s)": firstPlanSeconds.toFixed(1),
      "sending (s)": sendSeconds.toFixed(1),
      ...(multiTenant ? { "all sending at once (s)": together.toFixed(1) } : {}),
      "successful sends/s": (reached / sendSeconds).toFixed(1),
      "ceiling (sends/s)": args.rate,
      "of ceiling": `${((reached / sendSeconds / args.rate) * 100).toFixed(1)}%`,
      duplicates,
      lost,
      ...(multiTenant ? { "max sends in 1 s": connector.maxSendsPerWindow(c.tenantId, 1000), "refused (429)": attempts.filter((a) => !a.accepted).length } : {}),
      retries: totals.retried,
      "429 injected / throttled by limits": `${connector.stats.injected429} / ${connector.stats.throttled}`,
      "500 injected": connector.stats.injected500,
      "check-ins measured": latencies.length,
      "check-in p50 (ms)": percentile(latencies, 50).toFixed(1),
      "check-in p95 (ms)": percentile(latencies, 95).toFixed(1),
      "p95 while planning / sending (ms)": `${percentile(whilePlanning, 95).toFixed(0)} / ${percentile(whileSending, 95).toFixed(0)}`,
      "check-in errors": errors,
    };
  });
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  console.log(`Cohort Coach fan-out benchmark: ${args.members} members, ceiling ${args.rate} sends/s, phases ${args.phases.join(", ")}, embedded Cosmos DB ${args.db === "process" ? "in its own process" : "in the service's process"}`);
  console.log(`Machine: ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
  const results = [];
  const dashboards: string[] = [];
  for (const phase of args.phases) {
    if (phase === "dashboard") dashboards.push(formatDashboardPhase(await runDashboardPhase({ members: args.dashboardMembers, log: (line) => console.log(`[dashboard] ${line}`) })));
    else if (phase === "report") dashboards.push(formatReportPhase(await runReportPhase({ ...args.report, db: args.db, log: (line) => console.log(`[report] ${line}`) })));
    else results.push(...(await runPhase(args, phase)));
  }
  if (results.length) {
    console.log("\nResults");
    console.table(results);
  }
  for (const table of dashboards) console.log(`\n${table}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
