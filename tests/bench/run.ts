/**
 * `npm run bench [-- --members N --rate R --phases clean,faults --db process|inprocess]`
 *
 * Fans one event out to N members (default 10,000) through the real service: the embedded Cosmos
 * DB server, the scheduler, botbuilder's CloudAdapter and a local stand-in for the Bot Connector
 * service that enforces Teams' documented rate limits and injects 429 and 500 answers. While the
 * fan-out runs, members submit check-ins (adaptiveCard/action invokes over HTTP) and their
 * latency is measured. Prints: duration, successful sends/s against the configured ceiling,
 * duplicates, lost cards, retries, and check-in p50/p95.
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
import { seedBenchCohort, BENCH_EVENT_DUE_AT } from "./bench-cohort";
import { startCosmosProcess } from "./cosmos-process";
import { CheckInLoad } from "./checkin-load";

interface Args {
  members: number;
  rate: number;
  phases: Array<"clean" | "faults">;
  db: "process" | "inprocess";
}

function parseArgs(argv: string[]): Args {
  const value = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const members = Number(value("members") ?? 10_000);
  const rate = Number(value("rate") ?? 50);
  const phases = (value("phases") ?? "clean,faults").split(",").filter((p): p is "clean" | "faults" => p === "clean" || p === "faults");
  const db = value("db") ?? "process";
  if (!Number.isInteger(members) || members < 1 || !(rate > 0) || phases.length === 0 || (db !== "process" && db !== "inprocess")) {
    console.error("Usage: npm run bench -- [--members N] [--rate R] [--phases clean,faults] [--db process|inprocess]");
    process.exit(2);
  }
  return { members, rate, phases, db };
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

async function runPhase(args: Args, phase: "clean" | "faults"): Promise<Record<string, string | number>> {
  const faults: FaultPlan = phase === "faults" ? { rate429: 0.1, rate500: 0.01, retryAfterSeconds: 1, seed: 42 } : {};
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "cohort-coach-bench-"));
  const connector = await startBotConnectorStub();
  // Teams' documented limits: 7 messages/s per conversation, and the per-app ceiling (50/s unless
  // `--rate` asks what a higher one would give).
  connector.setLimits({ perConversationPerSecond: 7, globalPerSecond: args.rate });
  connector.setFaults(faults);

  const localConfig = loadConfig({ PORT: "0", HOST: "127.0.0.1", LOCAL_DATA_DIR: dataDir, LOCAL_PERSIST: "false", SEED_DEMO_DATA: "false", SCHEDULER_ENABLED: "false", LOG_LEVEL: "error", SEND_RATE_PER_SECOND: String(args.rate) });
  const database = args.db === "process" ? await startCosmosProcess() : undefined;
  const config: Config = database ? { ...localConfig, cosmos: { kind: "embedded-server", endpoint: database.endpoint, database: localConfig.cosmos.database } } : localConfig;
  const clock = shiftedClock(BENCH_EVENT_DUE_AT);
  const service = await startService(config, { clock, logger: createLogger("error"), startScheduler: false });
  const ctx = service.ctx;

  process.stdout.write(`\n[${phase}] seeding ${args.members} members… `);
  const seeded = await seedBenchCohort(ctx, args.members, connector.serviceUrl);
  process.stdout.write("done\n");

  const scheduler = createScheduler(ctx, service.bot.sender, { ratePerSecond: args.rate, instanceId: `bench-${phase}` });
  const load = new CheckInLoad(service.url, connector.serviceUrl, seeded, 5);

  const started = Date.now();
  let lastPrint = 0;
  const progress = setInterval(() => {
    const sent = connector.activities.filter((a) => a.operation !== "update" && seeded.conversationIds.has(a.conversationId)).length;
    const elapsed = (Date.now() - started) / 1000;
    if (elapsed - lastPrint >= 5) {
      lastPrint = elapsed;
      process.stdout.write(`[${phase}] ${elapsed.toFixed(0)} s: ${sent}/${args.members} cards sent (${(sent / elapsed).toFixed(1)}/s), check-ins measured: ${load.latencies.length}\n`);
    }
  }, 1000);
  load.start();

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
    const counts = await ctx.repos.deliveries.countsByEvent(seeded.tenantId, seeded.cohortId);
    const open = counts.reduce((n, c) => n + c.pending + c.claimed, 0);
    if (open === 0) break;
    // Deliveries waiting out a Retry-After or backoff: come back when they are due.
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const durationSeconds = (Date.now() - started) / 1000;
  clearInterval(progress);
  await load.stop();

  const perConversation = connector.sendsByConversation();
  const eventSends = [...perConversation.entries()].filter(([id]) => seeded.conversationIds.has(id));
  const duplicates = eventSends.reduce((n, [, count]) => n + Math.max(0, count - 1), 0);
  const reached = eventSends.filter(([, count]) => count >= 1).length;
  const lost = args.members - reached;
  // The send rate is measured over the sending itself: first card to last card.
  const sendTimes = connector.activities.filter((a) => seeded.conversationIds.has(a.conversationId)).map((a) => a.at);
  const sendSeconds = Math.max(0.001, (Math.max(...sendTimes) - Math.min(...sendTimes)) / 1000);
  // Before the first card the scheduler is writing one delivery per member; after it, sending.
  const firstSendAt = Math.min(...sendTimes);
  const whilePlanning = load.latencies.filter((_, i) => load.startedAt[i]! < firstSendAt);
  const whileSending = load.latencies.filter((_, i) => load.startedAt[i]! >= firstSendAt);

  await service.stop();
  await database?.close();
  await connector.close();
  fs.rmSync(dataDir, { recursive: true, force: true });

  return {
    phase,
    members: args.members,
    "duration (s)": durationSeconds.toFixed(1),
    "first tick incl. planning (s)": firstPlanSeconds.toFixed(1),
    "sending (s)": sendSeconds.toFixed(1),
    "successful sends/s": (reached / sendSeconds).toFixed(1),
    "ceiling (sends/s)": args.rate,
    "of ceiling": `${((reached / sendSeconds / args.rate) * 100).toFixed(1)}%`,
    duplicates,
    lost,
    retries: totals.retried,
    "429 injected / throttled by limits": `${connector.stats.injected429} / ${connector.stats.throttled}`,
    "500 injected": connector.stats.injected500,
    "check-ins measured": load.latencies.length,
    "check-in p50 (ms)": percentile(load.latencies, 50).toFixed(1),
    "check-in p95 (ms)": percentile(load.latencies, 95).toFixed(1),
    "p95 while planning / sending (ms)": `${percentile(whilePlanning, 95).toFixed(0)} / ${percentile(whileSending, 95).toFixed(0)}`,
    "check-in errors": load.errors,
  };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  console.log(`Cohort Coach fan-out benchmark: ${args.members} members, ceiling ${args.rate} sends/s, phases ${args.phases.join(", ")}, embedded Cosmos DB ${args.db === "process" ? "in its own process" : "in the service's process"}`);
  console.log(`Machine: ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
  const results = [];
  for (const phase of args.phases) results.push(await runPhase(args, phase));
  console.log("\nResults");
  console.table(results);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
