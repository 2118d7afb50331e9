/**
 * The scheduler: every tick, each active cohort's due events become delivery records (planning)
 * and due deliveries are claimed and sent (dispatch). Safe with several instances running, with no
 * in-memory locks: planning is idempotent (deterministic ids), is skipped when nothing it depends on
 * has changed (the plan mark), and a short lease per cohort keeps instances from repeating it; each
 * delivery is claimed with an ETag before it is sent.
 *
 * For each tenant, one instance sends at a time, under that tenant's `send:<tenant>` lease: Teams
 * limits an app to 50 requests/s per tenant, not per instance, so two instances each pacing
 * themselves to the limit would exceed it together, while different tenants' fan-outs may run on
 * different instances at once. The holder renews the lease before every claim and releases it
 * after its tick; if it dies, another instance takes over once the lease expires (`sendLeaseMs`).
 */
import crypto from "node:crypto";
import type { AppContext } from "../app-context";
import type { CardSender, Versioned } from "../domain/ports";
import type { Cohort } from "../domain/types";
import { createDeliveryCardFactory } from "./delivery-cards";
import { addReports, dispatchCohort, emptyDispatchReport, type DispatchReport } from "./dispatcher";
import type { DeliveryCardFactory } from "./send-delivery";
import { DEFAULT_PLAN_OPTIONS, planBasis, planCohort, type PlanOptions } from "./planner";
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from "./retry-policy";
import { limitsForRate, realTiming, SendPacer, type Timing } from "./send-pacer";

/** The lease under which one instance at a time sends a tenant's cards. */
export const sendLeaseOf = (tenantId: string) => `send:${tenantId}`;

export interface SchedulerOptions {
  /** Identifies this instance in claims and leases. */
  instanceId?: string;
  /** Time for the send pacing and for waiting out short retries; tests tie it to their clock. */
  timing?: Timing;
  /** Retries due within this long are waited for in the same tick (default 10 s). */
  retryWithinPassMs?: number;
  random?: () => number;
  retryPolicy?: RetryPolicy;
  plan?: Partial<PlanOptions>;
  cards?: DeliveryCardFactory;
  claimTtlMs?: number;
  batchSize?: number;
  concurrency?: number;
  /** Sends per second per tenant; defaults to config.scheduler.sendRatePerSecond. */
  ratePerSecond?: number;
  /** How long the send lease lasts without renewal (default one minute). */
  sendLeaseMs?: number;
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
  const timing = options.timing ?? realTiming;
  // Teams counts requests per app and tenant: each tenant has its own allowance.
  const pacers = new Map<string, SendPacer>();
  const pacerFor = (tenantId: string): SendPacer => {
    let pacer = pacers.get(tenantId);
    if (!pacer) pacers.set(tenantId, (pacer = new SendPacer(limitsForRate(rate), timing)));
    return pacer;
  };
  const planOptions: PlanOptions = { ...DEFAULT_PLAN_OPTIONS, ...options.plan };
  const tickMs = ctx.config.scheduler.tickSeconds * 1000;
  let stopping = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<TickReport> | undefined;

  const sendLeaseMs = options.sendLeaseMs ?? 60_000;
  const holdSendLease = (tenantId: string): Promise<boolean> => {
    const now = ctx.clock.now();
    return ctx.repos.leases.tryAcquire(sendLeaseOf(tenantId), instanceId, now.toISOString(), new Date(now.getTime() + sendLeaseMs).toISOString());
  };

  const dispatchDeps = {
    sender,
    cards: options.cards ?? createDeliveryCardFactory(ctx),
    instanceId,
    retryPolicy: options.retryPolicy ?? DEFAULT_RETRY_POLICY,
    random: options.random ?? Math.random,
    claimTtlMs: options.claimTtlMs ?? 5 * 60_000,
    // Large claims (2,000 is 40 s of sending at 50/s): fewer claim queries, which the embedded
    // server answers by scanning the whole container.
    batchSize: options.batchSize ?? 2000,
    concurrency: options.concurrency ?? 16,
    shouldStop: () => stopping,
    retryWithinPassMs: options.retryWithinPassMs ?? 10_000,
    timing,
  };

  async function planUnderLease(cohort: Versioned<Cohort>): Promise<number> {
    const basis = await planBasis(ctx, cohort, planOptions);
    if (!basis) return 0;
    const now = ctx.clock.now();
    const lease = `plan:${cohort.tenantId}:${cohort.id}`;
    // Held for most of a tick: another instance planning the same cohort would only repeat work.
    const acquired = await ctx.repos.leases.tryAcquire(lease, instanceId, now.toISOString(), new Date(now.getTime() + Math.max(tickMs / 2, 1000)).toISOString());
    if (!acquired) return 0;
    return (await planCohort(ctx, cohort, basis)).created;
  }

  async function tick(): Promise<TickReport> {
    const started = Date.now();
    const report: TickReport = { ...emptyDispatchReport(), cohorts: 0, planned: 0, durationMs: 0 };
    const sentFor = new Set<string>();
    try {
      for await (const cohort of ctx.repos.cohorts.listActiveForScheduling()) {
        if (stopping) break;
        report.cohorts++;
        try {
          report.planned += await planUnderLease(cohort);
          if (await holdSendLease(cohort.tenantId)) {
            sentFor.add(cohort.tenantId);
            const deps = { ...dispatchDeps, pacer: pacerFor(cohort.tenantId), keepSending: () => holdSendLease(cohort.tenantId) };
            addReports(report, await dispatchCohort(ctx, deps, cohort));
          }
        } catch (err) {
          // One cohort's trouble (a bad track, a store hiccup) must not stop the others' cards.
          ctx.logger.error({ tenantId: cohort.tenantId, cohortId: cohort.id, err: err instanceof Error ? err.message : String(err) }, "scheduler failed for cohort");
        }
      }
    } finally {
      // Another instance need not wait for the leases to expire before its next tick.
      for (const tenantId of sentFor) await ctx.repos.leases.release(sendLeaseOf(tenantId), instanceId).catch(() => undefined);
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
