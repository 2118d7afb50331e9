/**
 * The scheduler: every tick, each active cohort's due events become delivery records (planning)
 * and due deliveries are claimed and sent (dispatch). Safe with several instances running: planning
 * is idempotent (deterministic ids) and a short lease per cohort keeps instances from repeating it;
 * sending is coordinated by ETag-guarded claims in Cosmos DB. No in-memory locks.
 */
import crypto from "node:crypto";
import type { AppContext } from "../app-context";
import type { CardSender } from "../domain/ports";
import type { Cohort } from "../domain/types";
import { createDeliveryCardFactory } from "./delivery-cards";
import { dispatchCohort, emptyDispatchReport, type DeliveryCardFactory, type DispatchReport } from "./dispatcher";
import { DEFAULT_PLAN_OPTIONS, planCohort, type PlanOptions } from "./planner";
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from "./retry-policy";
import { realTiming, TokenBucket, type Timing } from "./token-bucket";

export interface SchedulerOptions {
  /** Identifies this instance in claims and leases. */
  instanceId?: string;
  /** Time for the send pacing (the token bucket); the benchmark and tests may speed it up. */
  timing?: Timing;
  random?: () => number;
  retryPolicy?: RetryPolicy;
  plan?: Partial<PlanOptions>;
  cards?: DeliveryCardFactory;
  claimTtlMs?: number;
  batchSize?: number;
  concurrency?: number;
  /** Sends per second; defaults to config.scheduler.sendRatePerSecond. */
  ratePerSecond?: number;
}

export interface TickReport extends DispatchReport {
  cohorts: number;
  planned: number;
  durationMs: number;
}

export interface Scheduler {
  readonly instanceId: string;
  /** One full pass: plan every active cohort, then send what is due. */
  tick(): Promise<TickReport>;
  /** Ticks every config.scheduler.tickSeconds until stopped. */
  start(): void;
  /** Stops ticking and waits for the tick in progress to finish its current batch. */
  stop(): Promise<void>;
}

export function createScheduler(ctx: AppContext, sender: CardSender, options: SchedulerOptions = {}): Scheduler {
  const instanceId = options.instanceId ?? `instance-${crypto.randomUUID()}`;
  const rate = options.ratePerSecond ?? ctx.config.scheduler.sendRatePerSecond;
  // A burst of one: Teams counts in sliding windows, so an even pace is what stays under the limit.
  const bucket = new TokenBucket(rate, 1, options.timing ?? realTiming);
  const planOptions: PlanOptions = { ...DEFAULT_PLAN_OPTIONS, ...options.plan };
  const tickMs = ctx.config.scheduler.tickSeconds * 1000;
  let stopping = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<TickReport> | undefined;

  const dispatchDeps = {
    sender,
    cards: options.cards ?? createDeliveryCardFactory(ctx),
    bucket,
    instanceId,
    retryPolicy: options.retryPolicy ?? DEFAULT_RETRY_POLICY,
    random: options.random ?? Math.random,
    claimTtlMs: options.claimTtlMs ?? 5 * 60_000,
    batchSize: options.batchSize ?? 250,
    concurrency: options.concurrency ?? 16,
    shouldStop: () => stopping,
  };

  async function planUnderLease(cohort: Cohort): Promise<number> {
    const now = ctx.clock.now();
    const lease = `plan:${cohort.tenantId}:${cohort.id}`;
    // Held for most of a tick: another instance planning the same cohort would only repeat work.
    const acquired = await ctx.repos.leases.tryAcquire(lease, instanceId, now.toISOString(), new Date(now.getTime() + Math.max(tickMs / 2, 1000)).toISOString());
    if (!acquired) return 0;
    return (await planCohort(ctx, cohort, planOptions)).created;
  }

  async function tick(): Promise<TickReport> {
    const started = Date.now();
    const report: TickReport = { ...emptyDispatchReport(), cohorts: 0, planned: 0, durationMs: 0 };
    for await (const cohort of ctx.repos.cohorts.listActiveForScheduling()) {
      if (stopping) break;
      report.cohorts++;
      try {
        report.planned += await planUnderLease(cohort);
        const sent = await dispatchCohort(ctx, dispatchDeps, cohort);
        for (const key of Object.keys(sent) as Array<keyof DispatchReport>) report[key] += sent[key];
      } catch (err) {
        // One cohort's trouble (a bad track, a store hiccup) must not stop the others' cards.
        ctx.logger.error({ tenantId: cohort.tenantId, cohortId: cohort.id, err: err instanceof Error ? err.message : String(err) }, "scheduler failed for cohort");
      }
    }
    report.durationMs = Date.now() - started;
    if (report.planned || report.sent || report.failed || report.retried) ctx.logger.info({ instanceId, ...report }, "scheduler tick");
    return report;
  }

  function runTick(): Promise<TickReport> {
    running ??= tick().finally(() => {
      running = undefined;
    });
    return running;
  }

  return {
    instanceId,
    tick: runTick,
    start() {
      if (timer) return;
      stopping = false;
      timer = setInterval(() => void runTick().catch((err) => ctx.logger.error({ err: String(err) }, "scheduler tick failed")), tickMs);
      timer.unref();
      void runTick().catch((err) => ctx.logger.error({ err: String(err) }, "scheduler tick failed"));
    },
    async stop() {
      stopping = true;
      if (timer) clearInterval(timer);
      timer = undefined;
      await running?.catch(() => undefined);
    },
  };
}
