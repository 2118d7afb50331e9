/**
 * Sending: claims due deliveries of one cohort (ETag-guarded, with an expiry so a crashed
 * instance's claims are taken over), sends each card at the allowed rate, and records the result.
 *
 * Exactly-once, as far as Teams allows: a delivery is only sent by the instance whose claim is
 * current, and it is marked sent as soon as Teams answers. What remains is the moment between
 * Teams accepting a message and our write of "sent"; a crash exactly there could send that one card
 * again after the claim expires. Teams offers no idempotency key to close that gap.
 */
import type { AppContext } from "../app-context";
import { ConcurrencyError } from "../domain/errors";
import type { Versioned } from "../domain/ports";
import { isChannelPost, type Cohort, type Delivery, type Person } from "../domain/types";
import { mapLimited } from "../lib/concurrency";
import { MemberLanes, Signal, type Lane } from "./member-lanes";
import { sendDelivery, type DispatchOutcome, type SendDeps, type SendOutcome } from "./send-delivery";
import type { Timing } from "./send-pacer";

export interface DispatchDeps extends SendDeps {
  instanceId: string;
  batchSize: number;
  /** Sends in flight at once; one member's cards go out in order. */
  concurrency: number;
  /** Stop claiming new batches (the scheduler is stopping). */
  shouldStop: () => boolean;
  /**
   * Renews this instance's right to send (the scheduler's send lease) before each claim; false
   * when another instance has it now, and this pass claims nothing more.
   */
  keepSending: () => Promise<boolean>;
  /** Sleeps while only retries are left, until the first is due: real time in Azure, the test's clock in tests. */
  timing: Timing;
  /**
   * Resolves when something new was written for this cohort (an alert, an answer): a pass waiting
   * out a retry claims again instead of keeping it waiting until the pass ends.
   */
  newWork?: () => Promise<void>;
}

export type DispatchReport = Record<DispatchOutcome, number>;

export function emptyDispatchReport(): DispatchReport {
  return { sent: 0, retried: 0, failed: 0, skipped: 0, lostClaims: 0 };
}

/** Adds `more` into `into`, field by field. */
export function addReports<T extends DispatchReport>(into: T, more: DispatchReport): T {
  for (const key of Object.keys(emptyDispatchReport()) as DispatchOutcome[]) into[key] += more[key];
  return into;
}

/** One claim's deliveries: its report is logged once the last of them has been dealt with. */
interface Batch {
  number: number;
  claimed: number;
  open: number;
  report: DispatchReport;
}

interface QueuedDelivery {
  delivery: Versioned<Delivery>;
  person: Person | undefined;
  batch: Batch;
}

/**
 * Sends a cohort's due deliveries as one continuous stream: workers send while the next batch is
 * claimed in the background, so the pacer is never left waiting on Cosmos DB between batches. A
 * send to be retried soon stays claimed and waits in its member's lane (see `retryWithinPassMs`).
 */
export async function dispatchCohort(ctx: AppContext, deps: DispatchDeps, cohort: Cohort): Promise<DispatchReport> {
  const total = emptyDispatchReport();
  const lanes = new MemberLanes<QueuedDelivery>();
  const progress = new Signal();
  let batches = 0;
  let inFlight = 0;
  /** The last claim was full, so more is probably due: claim ahead, before the queue runs dry. */
  let backlogLeft = true;
  /** Another instance holds the send lease now: send what is claimed, claim nothing more. */
  let handedOver = false;
  let failure: { error: unknown } | undefined;
  let claiming: Promise<void> | undefined;
  let sleeping: Promise<void> | undefined;

  async function claimBatch(): Promise<void> {
    handedOver = !(await deps.keepSending());
    if (handedOver) return;
    const now = ctx.clock.now();
    const claimed = await ctx.repos.deliveries.claimDue(cohort.tenantId, cohort.id, deps.instanceId, now.toISOString(), new Date(now.getTime() + deps.claimTtlMs).toISOString(), deps.batchSize);
    backlogLeft = claimed.length >= deps.batchSize;
    if (claimed.length === 0) return;
    const batch: Batch = { number: ++batches, claimed: claimed.length, open: claimed.length, report: emptyDispatchReport() };
    const people = await loadPeople(ctx, cohort.tenantId, claimed);
    for (const delivery of inSendingOrder(claimed)) lanes.add(laneOf(delivery), { delivery, person: people.get(delivery.userId), batch });
  }

  /** Claims the next batch once the queue runs low; resolves when its deliveries are queued. */
  function refill(): Promise<void> | undefined {
    if (claiming || !backlogLeft || handedOver || failure || deps.shouldStop()) return claiming;
    if (lanes.waiting >= deps.batchSize / 2) return undefined;
    claiming = claimBatch()
      .catch((error: unknown) => {
        failure ??= { error };
      })
      .finally(() => {
        claiming = undefined;
        progress.notify();
      });
    return claiming;
  }

  /** Nothing to send and nothing in flight, only retries waiting: sleep until the first is due. */
  function sleepUntilNextRetry(): Promise<void> {
    sleeping ??= deps.timing.sleep(Math.max(0, lanes.nextWakeAt - ctx.clock.now().getTime())).finally(() => (sleeping = undefined));
    return sleeping;
  }

  /** Sleeps until the first retry is due, or until new deliveries are written, then claims again. */
  async function waitForRetryOrNewWork(): Promise<void> {
    const woken = await Promise.race([sleepUntilNextRetry().then(() => "retry" as const), ...(deps.newWork ? [deps.newWork().then(() => "new" as const)] : [])]);
    if (woken === "new") backlogLeft = true;
  }

  function settle(item: QueuedDelivery, lane: Lane<QueuedDelivery>, { outcomes, retryInPass }: SendOutcome): void {
    for (const outcome of outcomes) {
      item.batch.report[outcome]++;
      total[outcome]++;
    }
    if (retryInPass) {
      lane.retryAt({ ...item, delivery: retryInPass.delivery }, retryInPass.at);
      return;
    }
    if (--item.batch.open === 0) {
      ctx.logger.info({ tenantId: cohort.tenantId, cohortId: cohort.id, batch: item.batch.number, claimed: item.batch.claimed, ...item.batch.report }, "delivery batch");
    }
  }

  async function sendLane(lane: Lane<QueuedDelivery>): Promise<void> {
    inFlight++;
    try {
      // One member's cards go out in order; items claimed later for the same member join this lane,
      // and a card to be retried holds back the member's later ones until it has gone.
      let item = lane.next();
      while (item) {
        settle(item, lane, await sendDelivery(ctx, deps, cohort, item.delivery, item.person));
        item = failure || deps.shouldStop() || lane.wakeAt ? undefined : lane.next();
      }
    } catch (error) {
      failure ??= { error };
    } finally {
      lane.close();
      inFlight--;
      progress.notify();
    }
  }

  async function worker(): Promise<void> {
    while (!failure && !deps.shouldStop()) {
      const pendingClaim = refill();
      const lane = lanes.take(ctx.clock.now().getTime());
      if (lane) await sendLane(lane);
      else if (pendingClaim) await pendingClaim;
      // Others' sends may yet end in a retry: wait for them.
      else if (inFlight > 0) await progress.next();
      else if (Number.isFinite(lanes.nextWakeAt)) await waitForRetryOrNewWork();
      else return;
    }
  }

  await Promise.all(Array.from({ length: Math.max(1, deps.concurrency) }, worker));
  await claiming;
  // Stopping (a restart, a scale-in) or failing (a store hiccup): hand back what was claimed and
  // not sent, so it goes out when due (the next tick, or another instance) rather than after the
  // claims expire. Only deliveries no worker took: a card on its way may have reached Teams.
  const unsent = lanes.drain();
  if (failure) {
    await mapLimited(unsent, 8, (item) => releaseClaim(ctx, item.delivery)).catch(() => undefined);
    throw failure.error;
  }
  await mapLimited(unsent, 8, (item) => releaseClaim(ctx, item.delivery));
  if (unsent.length) ctx.logger.info({ tenantId: cohort.tenantId, cohortId: cohort.id, released: unsent.length }, "claims released on stop");
  return total;
}

async function releaseClaim(ctx: AppContext, delivery: Versioned<Delivery>): Promise<void> {
  const { etag, ...record } = delivery;
  try {
    await ctx.repos.deliveries.update({ ...record, status: "pending", claimedBy: undefined, claimExpiresAt: undefined, updatedAt: ctx.clock.now().toISOString() }, etag);
  } catch (err) {
    if (!(err instanceof ConcurrencyError)) throw err; // already another instance's
  }
}

async function loadPeople(ctx: AppContext, tenantId: string, deliveries: Delivery[]): Promise<Map<string, Person>> {
  const userIds = [...new Set(deliveries.map((d) => d.userId))];
  const people = await ctx.repos.people.getMany(tenantId, userIds);
  return new Map(people.map((p) => [p.userId, p]));
}

/**
 * One member's cards go out in order, in one lane. A post to a channel is keyed by its author but
 * goes to the channel, so it has a lane of its own: a channel that keeps refusing must not hold
 * back the author's own messages.
 */
function laneOf(delivery: Delivery): string {
  return isChannelPost(delivery.kind) ? `channel:${delivery.eventKey}` : delivery.userId;
}

/** The order they are due in, and the brief before the apply card when both are due at once. */
function inSendingOrder(deliveries: Array<Versioned<Delivery>>): Array<Versioned<Delivery>> {
  return [...deliveries].sort((a, b) => a.notBefore.localeCompare(b.notBefore) || KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind));
}

const KIND_ORDER: Delivery["kind"][] = ["policy", "baseline", "catchup", "checkin", "checkin-reminder", "learn", "apply", "adoption", "adoption-reminder", "answer", "alert", "win", "leader-experiment", "answer-post"];
