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
import type { AdaptiveCardJson, CardSender, Versioned } from "../domain/ports";
import type { Cohort, Delivery, Person } from "../domain/types";
import { mapLimited } from "../lib/concurrency";
import { decideRetry, type RetryPolicy } from "./retry-policy";
import type { TokenBucket } from "./token-bucket";

export type CardDecision = { send: { card: AdaptiveCardJson; summary: string } } | { skip: string };

/** Builds the card a delivery carries, from the records as they are at send time. */
export interface DeliveryCardFactory {
  build(delivery: Delivery, cohort: Cohort): Promise<CardDecision>;
}

export interface DispatchDeps {
  sender: CardSender;
  cards: DeliveryCardFactory;
  bucket: TokenBucket;
  instanceId: string;
  retryPolicy: RetryPolicy;
  random: () => number;
  claimTtlMs: number;
  batchSize: number;
  /** Members served in parallel; one member's cards go out in order. */
  concurrency: number;
  /** Stop claiming new batches (the scheduler is stopping). */
  shouldStop: () => boolean;
}

export interface DispatchReport {
  sent: number;
  retried: number;
  failed: number;
  skipped: number;
  lostClaims: number;
}

export function emptyDispatchReport(): DispatchReport {
  return { sent: 0, retried: 0, failed: 0, skipped: 0, lostClaims: 0 };
}

export async function dispatchCohort(ctx: AppContext, deps: DispatchDeps, cohort: Cohort): Promise<DispatchReport> {
  const report = emptyDispatchReport();
  for (let batch = 1; !deps.shouldStop(); batch++) {
    const now = ctx.clock.now();
    const claimed = await ctx.repos.deliveries.claimDue(
      cohort.tenantId,
      cohort.id,
      deps.instanceId,
      now.toISOString(),
      new Date(now.getTime() + deps.claimTtlMs).toISOString(),
      deps.batchSize,
    );
    if (claimed.length === 0) break;
    const batchReport = emptyDispatchReport();
    const people = await loadPeople(ctx, cohort.tenantId, claimed);
    const byMember = groupByMember(claimed);
    await mapLimited([...byMember.values()], deps.concurrency, async (deliveries) => {
      for (const delivery of deliveries) await sendOne(ctx, deps, cohort, delivery, people.get(delivery.userId), batchReport);
    });
    for (const key of Object.keys(report) as Array<keyof DispatchReport>) report[key] += batchReport[key];
    ctx.logger.info({ tenantId: cohort.tenantId, cohortId: cohort.id, batch, claimed: claimed.length, ...batchReport }, "delivery batch");
  }
  return report;
}

async function sendOne(ctx: AppContext, deps: DispatchDeps, cohort: Cohort, delivery: Versioned<Delivery>, person: Person | undefined, report: DispatchReport): Promise<void> {
  const { etag, ...record } = delivery;
  const stamp = () => ctx.clock.now().toISOString();
  const save = async (changes: Partial<Delivery>): Promise<void> => {
    try {
      await ctx.repos.deliveries.update({ ...record, ...changes, updatedAt: stamp() }, etag);
    } catch (err) {
      if (!(err instanceof ConcurrencyError)) throw err;
      report.lostClaims++;
    }
  };

  // A claim that expired while this batch waited for its turn may already be another instance's.
  if (!record.claimExpiresAt || new Date(record.claimExpiresAt) <= ctx.clock.now()) {
    report.lostClaims++;
    return;
  }
  if (!person?.conversationReference || person.unreachableSince) {
    report.failed++;
    await save({ status: "failed", permanent: true, failureReason: person?.unreachableSince ? "member blocked or removed the app" : "app not installed for this member", claimedBy: undefined, claimExpiresAt: undefined });
    return;
  }
  const decision = await deps.cards.build(record, cohort);
  if ("skip" in decision) {
    report.skipped++;
    await save({ status: "skipped", failureReason: decision.skip, claimedBy: undefined, claimExpiresAt: undefined });
    return;
  }

  await deps.bucket.take();
  const attempts = record.attempts + 1;
  const result = await deps.sender.sendToPerson(person, decision.send.card, decision.send.summary);
  if (result.ok) {
    report.sent++;
    await save({ status: "sent", attempts, sentAt: stamp(), activityId: result.activityId, failureReason: undefined, claimedBy: undefined, claimExpiresAt: undefined });
    return;
  }
  const retry = decideRetry(result.failure, attempts, deps.retryPolicy, deps.random);
  if (retry.retry) {
    report.retried++;
    await save({
      status: "pending",
      attempts,
      notBefore: new Date(ctx.clock.now().getTime() + retry.delayMs).toISOString(),
      failureReason: describe(result.failure),
      claimedBy: undefined,
      claimExpiresAt: undefined,
    });
    return;
  }
  report.failed++;
  await save({ status: "failed", attempts, permanent: retry.permanent, failureReason: retry.reason, claimedBy: undefined, claimExpiresAt: undefined });
  if (retry.permanent) await ctx.repos.people.markUnreachable(person.tenantId, person.userId, stamp());
}

function describe(failure: { kind: string; status?: number }): string {
  return `${failure.kind}${failure.status ? ` (${failure.status})` : ""}`;
}

async function loadPeople(ctx: AppContext, tenantId: string, deliveries: Delivery[]): Promise<Map<string, Person>> {
  const userIds = [...new Set(deliveries.map((d) => d.userId))];
  const people = await ctx.repos.people.getMany(tenantId, userIds);
  return new Map(people.map((p) => [p.userId, p]));
}

/** Each member's deliveries in the order they are due (the brief before the apply card). */
function groupByMember(deliveries: Array<Versioned<Delivery>>): Map<string, Array<Versioned<Delivery>>> {
  const sorted = [...deliveries].sort((a, b) => a.notBefore.localeCompare(b.notBefore) || KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind));
  const groups = new Map<string, Array<Versioned<Delivery>>>();
  for (const d of sorted) groups.set(d.userId, [...(groups.get(d.userId) ?? []), d]);
  return groups;
}

const KIND_ORDER: Delivery["kind"][] = ["policy", "baseline", "checkin", "checkin-reminder", "learn", "apply", "adoption", "answer", "alert"];
