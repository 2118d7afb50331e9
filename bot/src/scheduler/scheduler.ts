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
 * once it has sent that tenant's cards for the tick and they have left Teams' one-second window
 * (so the next holder may start at the full rate); if it dies, another instance takes over once
 * the lease expires (`sendLeaseMs`).
 *
 * Tenants in parallel: one instance works several tenants at once (`tenantsInFlight`, default 4),
 * each at its own ceiling (its own pacer) under its own send lease, so one organisation's long
 * fan-out does not hold back the others. A tenant's cohorts are planned and sent one after another.
 */
import crypto from "node:crypto";
import type { AppContext } from "../app-context";
import type { CardSender, GraphPort, MeetingAttendancePort, MeetingCalendarPort, PersonalChatOpener, PodChatPort, Versioned } from "../domain/ports";
import type { Cohort } from "../domain/types";
import { createDeliveryCardFactory } from "./delivery-cards";
import { addReports, dispatchCohort, emptyDispatchReport, type DispatchReport } from "./dispatcher";
import { Signal } from "./member-lanes";
import type { DeliveryCardFactory } from "./send-delivery";
import { mapLimited } from "../lib/concurrency";
import { withNewCorrelation } from "../logger";
import { DEFAULT_PLAN_OPTIONS, planBasis, planCohort, type PlanOptions } from "./planner";
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from "./retry-policy";
import { limitsForRate, realTiming, SendPacer, type Timing } from "./send-pacer";
import { graphPortFromConfig } from "../graph";
import { createUsageSync } from "./usage-sync";
import { meetingCalendarFromConfig } from "../graph/meetings";
import { createMeetingSync } from "./meeting-sync";
import { podChatsFromConfig } from "../graph/chats.graph";
import { createPodSync } from "./pods-sync";
import { meetingAttendanceFromConfig } from "../graph/attendance.graph";
import { createAttendanceSync } from "./attendance-sync";

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
  /**
   * Tenants this instance plans and sends for at once, each at its own ceiling (default 4; config
   * key SCHEDULER_TENANTS_IN_FLIGHT once config.ts has it). 1 sends tenants one after another.
   */
  tenantsInFlight?: number;
  /** Opens 1:1 chats with recipients the bot has never talked to (facilitators who never opened the app). */
  chats?: PersonalChatOpener;
  /** Microsoft Graph for the daily Copilot usage read (usage-sync.ts); default from config, none when MEASURED_USAGE_ENABLED is off. */
  graph?: GraphPort;
  /** Live sessions' Teams meetings (meeting-sync.ts); default from config, none while LIVE_SESSIONS_ENABLED is off. */
  meetings?: MeetingCalendarPort;
  /** Practice pods' group chats (pods-sync.ts); default from config, none while LIVE_SESSIONS_ENABLED is off. */
  podChats?: PodChatPort;
  /** Live sessions' attendance reports (attendance-sync.ts); default from config, none while LIVE_SESSIONS_ENABLED is off. */
  attendance?: MeetingAttendancePort;
}

export const DEFAULT_TENANTS_IN_FLIGHT = 4;

export interface TickReport extends DispatchReport {
  cohorts: number;
  planned: number;
  durationMs: number;
}

export interface Scheduler {
  readonly instanceId: string;
  /** One full pass: plan every active cohort, then send what is due. */
  tick(): Promise<TickReport>;
  /**
   * Sends one cohort's due deliveries now (an alert, an answer, a win just written to the outbox)
   * instead of at the next tick, under the tenant's send lease like any tick. Left to the next
   * tick when another instance holds the lease or this one is stopping.
   */
  sendSoon(tenantId: string, cohortId: string): Promise<void>;
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

  const sendLeaseMs = options.sendLeaseMs ?? (ctx.config.scheduler.sendLeaseSeconds ?? 60) * 1000;
  const holdSendLease = (tenantId: string): Promise<boolean> => {
    const now = ctx.clock.now();
    return ctx.repos.leases.tryAcquire(sendLeaseOf(tenantId), instanceId, now.toISOString(), new Date(now.getTime() + sendLeaseMs).toISOString());
  };

  const dispatchDeps = {
    sender,
    ...(options.chats ? { chats: options.chats } : {}),
    cards: options.cards ?? createDeliveryCardFactory(ctx),
    instanceId,
    retryPolicy: options.retryPolicy ?? DEFAULT_RETRY_POLICY,
    random: options.random ?? Math.random,
    claimTtlMs: options.claimTtlMs ?? (ctx.config.scheduler.claimSeconds ?? 300) * 1000,
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
    return (await planCohort(ctx, cohort, basis, planOptions)).created;
  }

  const tenantsInFlight = Math.max(1, Math.floor(options.tenantsInFlight ?? ctx.config.scheduler.tenantsInFlight ?? DEFAULT_TENANTS_IN_FLIGHT));
  const graph = options.graph ?? graphPortFromConfig(ctx.config);
  const usageSync = graph ? createUsageSync(ctx, graph, instanceId) : undefined;
  const meetingCalendar = options.meetings ?? meetingCalendarFromConfig(ctx.config);
  const meetingSync = meetingCalendar ? createMeetingSync(ctx, { calendar: meetingCalendar, instanceId }) : undefined;
  const podChats = options.podChats ?? podChatsFromConfig(ctx.config);
  const podSync = podChats ? createPodSync(ctx, { chats: podChats, instanceId }) : undefined;
  const attendancePort = options.attendance ?? meetingAttendanceFromConfig(ctx.config);
  const attendanceSync = attendancePort ? createAttendanceSync(ctx, { attendance: attendancePort, instanceId }) : undefined;

  /**
   * Work sending for one tenant on this instance (a tick's share, a `sendSoon`): the send lease is
   * released only when the last of them is done, so one finishing never hands the tenant to
   * another instance while this one is still sending.
   */
  const sendingFor = new Map<string, { users: number; held: boolean }>();
  async function withTenant(tenantId: string, work: (send: (cohort: Cohort) => Promise<DispatchReport | undefined>) => Promise<void>): Promise<void> {
    const session = sendingFor.get(tenantId) ?? { users: 0, held: false };
    sendingFor.set(tenantId, session);
    session.users++;
    const send = async (cohort: Cohort): Promise<DispatchReport | undefined> => {
      if (!(await holdSendLease(tenantId))) return undefined;
      session.held = true;
      return dispatchCohort(ctx, { ...dispatchDeps, pacer: pacerFor(tenantId), keepSending: () => holdSendLease(tenantId), newWork: () => newWorkFor(tenantId, cohort.id).next() }, cohort);
    };
    try {
      await work(send);
    } finally {
      if (--session.users === 0) {
        sendingFor.delete(tenantId);
        if (session.held) {
          // Hand over a quiet window: the next holder's pacer knows nothing of this one's sends, so
          // release only once they have all left Teams' window (at most a second).
          const quietIn = pacerFor(tenantId).quietAt() - timing.now();
          if (quietIn > 0) await timing.sleep(quietIn).catch(() => undefined);
          // Another instance need not wait for the lease to expire before its next tick.
          if (!sendingFor.has(tenantId)) await ctx.repos.leases.release(sendLeaseOf(tenantId), instanceId).catch(() => undefined);
        }
      }
    }
  }

  /** One tenant's share of a tick: its cohorts planned and sent in turn, under its send lease. */
  function tickTenant(tenantId: string, cohorts: Array<Versioned<Cohort>>, report: TickReport): Promise<void> {
    return withTenant(tenantId, async (send) => {
      for (const cohort of cohorts) {
        if (stopping) break;
        try {
          // Read the result first: `report.planned += await …` would add to a stale total, the
          // other tenants' planning having moved it on meanwhile.
          const planned = await planUnderLease(cohort);
          report.planned += planned;
          if (stopping) break;
          const sent = await send(cohort);
          if (sent) addReports(report, sent);
        } catch (err) {
          // One cohort's trouble (a bad track, a store hiccup) must not stop the others' cards.
          ctx.logger.error({ tenantId, cohortId: cohort.id, err: err instanceof Error ? err.message : String(err) }, "scheduler failed for cohort");
        }
      }
    });
  }

  /** Wakes a pass of this cohort that is waiting out a retry when `sendSoon` has new work for it. */
  const newWork = new Map<string, Signal>();
  const newWorkFor = (tenantId: string, cohortId: string): Signal => {
    const key = `${tenantId}\u0000${cohortId}`;
    let signal = newWork.get(key);
    if (!signal) newWork.set(key, (signal = new Signal()));
    return signal;
  };

  /** Cohorts with a `sendSoon` running, and whether another was asked for meanwhile. */
  const soon = new Map<string, { again: boolean; done: Promise<void> }>();
  function sendSoon(tenantId: string, cohortId: string): Promise<void> {
    if (stopping) return Promise.resolve();
    const key = `${tenantId}\u0000${cohortId}`;
    newWork.get(key)?.notify();
    const running = soon.get(key);
    if (running) {
      // Records written after the running pass claimed may be missed by it: one more pass follows.
      running.again = true;
      return running.done;
    }
    const entry = { again: false, done: Promise.resolve() };
    entry.done = (async () => {
      try {
        do {
          entry.again = false;
          const cohort = await ctx.repos.cohorts.get(tenantId, cohortId);
          if (!cohort || cohort.status !== "active" || stopping) return;
          await withTenant(tenantId, async (send) => {
            const report = await send(cohort);
            if (report && (report.sent || report.failed || report.retried)) ctx.logger.info({ instanceId, tenantId, cohortId, ...report }, "sent soon");
          });
        } while (entry.again && !stopping);
      } finally {
        soon.delete(key);
      }
    })();
    soon.set(key, entry);
    return entry.done;
  }

  async function tick(): Promise<TickReport> {
    const started = Date.now();
    const report: TickReport = { ...emptyDispatchReport(), cohorts: 0, planned: 0, durationMs: 0 };
    // Grouped by tenant, in the order tenants first appear: cohorts are few and small documents.
    const byTenant = new Map<string, Array<Versioned<Cohort>>>();
    for await (const cohort of ctx.repos.cohorts.listActiveForScheduling()) {
      if (stopping) break;
      report.cohorts++;
      const list = byTenant.get(cohort.tenantId);
      if (list) list.push(cohort);
      else byTenant.set(cohort.tenantId, [cohort]);
    }
    // Who came to live sessions that ended, and the catch-up cards for who did not: written before this tick's sends, so they go with them.
    if (attendanceSync && !stopping) await attendanceSync.run([...byTenant.values()].flat()).catch((err) => ctx.logger.error({ err: err instanceof Error ? err.message : String(err) }, "live sessions attendance failed"));
    // The daily Copilot usage read runs beside the sends, under its own lease per tenant.
    const usage = stopping ? undefined : usageSync?.runDue();
    // Practice pods' chats and this week's exercises, before the sends so the exercises go out in this tick.
    if (podSync && !stopping) await podSync.run([...byTenant.values()].flat()).catch((err) => ctx.logger.error({ err: err instanceof Error ? err.message : String(err) }, "practice pods sync failed"));
    await mapLimited([...byTenant], tenantsInFlight, async ([tenantId, cohorts]) => {
      if (!stopping) await withNewCorrelation(() => tickTenant(tenantId, cohorts, report));
    });
    await usage;
    // Live sessions' meetings follow the cohorts (created, moved, cancelled); each meeting is claimed, so instances may overlap.
    if (meetingSync && !stopping) await meetingSync.run([...byTenant.values()].flat()).catch((err) => ctx.logger.error({ err: err instanceof Error ? err.message : String(err) }, "live sessions sync failed"));
    report.durationMs = Date.now() - started;
    if (report.planned || report.sent || report.failed || report.retried) ctx.logger.info({ instanceId, ...report }, "scheduler tick");
    return report;
  }

  function runTick(): Promise<TickReport> {
    running ??= withNewCorrelation(tick).finally(() => {
      running = undefined;
    });
    return running;
  }

  return {
    instanceId,
    tick: runTick,
    sendSoon,
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
      await Promise.all([...soon.values()].map((s) => s.done.catch(() => undefined)));
    },
  };
}
