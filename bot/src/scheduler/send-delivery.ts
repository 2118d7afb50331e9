/**
 * One claimed delivery: build its card from the records as they are now, wait for the pacer, send
 * it, and record sent, retry (with backoff, honouring Retry-After) or failure (permanent for a
 * member who blocked or removed the app, who is then marked unreachable).
 */
import type { AppContext } from "../app-context";
import { ConcurrencyError } from "../domain/errors";
import type { AdaptiveCardJson, CardSender, Versioned } from "../domain/ports";
import type { Cohort, Delivery, Person } from "../domain/types";
import { decideRetry, type RetryPolicy } from "./retry-policy";
import type { SendPacer } from "./send-pacer";

export type CardDecision = { send: { card: AdaptiveCardJson; summary: string } } | { skip: string };

/** Builds the card a delivery carries, from the records as they are at send time. */
export interface DeliveryCardFactory {
  build(delivery: Delivery, cohort: Cohort): Promise<CardDecision>;
}

export interface SendDeps {
  sender: CardSender;
  cards: DeliveryCardFactory;
  pacer: SendPacer;
  retryPolicy: RetryPolicy;
  random: () => number;
  /** How long a claim lasts; a retry kept in the pass extends its claim by this much past its due time. */
  claimTtlMs: number;
  /**
   * A retry due within this long keeps its claim and is sent again in the same pass, so a
   * fan-out's throttled tail neither waits for the next tick nor costs another claim query. Later
   * retries go back to pending, for whichever instance is sending when they fall due.
   */
  retryWithinPassMs: number;
}

export type DispatchOutcome = "sent" | "retried" | "failed" | "skipped" | "lostClaims";

export interface SendOutcome {
  /** What became of the delivery; a lost claim may come on top of a send. */
  outcomes: DispatchOutcome[];
  /** A retry kept in this pass: the delivery as saved (still claimed) and when to send it again (ms). */
  retryInPass?: { delivery: Versioned<Delivery>; at: number };
}

/** Sends one claimed delivery (or records why not) and writes the result, ETag-guarded by the claim. */
export async function sendDelivery(ctx: AppContext, deps: SendDeps, cohort: Cohort, delivery: Versioned<Delivery>, person: Person | undefined): Promise<SendOutcome> {
  const outcomes: DispatchOutcome[] = [];
  const { etag, ...record } = delivery;
  const stamp = () => ctx.clock.now().toISOString();
  const save = async (changes: Partial<Delivery>): Promise<Versioned<Delivery> | undefined> => {
    try {
      return await ctx.repos.deliveries.update({ ...record, ...changes, updatedAt: stamp() }, etag);
    } catch (err) {
      if (!(err instanceof ConcurrencyError)) throw err;
      outcomes.push("lostClaims");
      return undefined;
    }
  };

  // A claim that expired while this batch waited for its turn may already be another instance's.
  if (!record.claimExpiresAt || new Date(record.claimExpiresAt) <= ctx.clock.now()) {
    return { outcomes: ["lostClaims"] };
  }
  if (!person?.conversationReference || person.unreachableSince) {
    outcomes.push("failed");
    await save({ status: "failed", permanent: true, failureReason: person?.unreachableSince ? "member blocked or removed the app" : "app not installed for this member", claimedBy: undefined, claimExpiresAt: undefined });
    return { outcomes };
  }
  const decision = await deps.cards.build(record, cohort);
  if ("skip" in decision) {
    outcomes.push("skipped");
    await save({ status: "skipped", failureReason: decision.skip, claimedBy: undefined, claimExpiresAt: undefined });
    return { outcomes };
  }

  await deps.pacer.take();
  const attempts = record.attempts + 1;
  const result = await deps.sender.sendToPerson(person, decision.send.card, decision.send.summary);
  if (result.ok) {
    outcomes.push("sent");
    await save({ status: "sent", attempts, sentAt: stamp(), activityId: result.activityId, failureReason: undefined, claimedBy: undefined, claimExpiresAt: undefined });
    return { outcomes };
  }
  const retry = decideRetry(result.failure, attempts, deps.retryPolicy, deps.random);
  if (retry.retry) {
    outcomes.push("retried");
    const retryAt = ctx.clock.now().getTime() + retry.delayMs;
    const notBefore = new Date(retryAt).toISOString();
    const failureReason = describe(result.failure);
    if (retry.delayMs > deps.retryWithinPassMs) {
      await save({ status: "pending", attempts, notBefore, failureReason, claimedBy: undefined, claimExpiresAt: undefined });
      return { outcomes };
    }
    const kept = await save({ status: "claimed", attempts, notBefore, failureReason, claimExpiresAt: new Date(retryAt + deps.claimTtlMs).toISOString() });
    return kept ? { outcomes, retryInPass: { delivery: kept, at: retryAt } } : { outcomes };
  }
  outcomes.push("failed");
  await save({ status: "failed", attempts, permanent: retry.permanent, failureReason: retry.reason, claimedBy: undefined, claimExpiresAt: undefined });
  if (retry.permanent) await ctx.repos.people.markUnreachable(person.tenantId, person.userId, stamp());
  return { outcomes };
}

function describe(failure: { kind: string; status?: number }): string {
  return `${failure.kind}${failure.status ? ` (${failure.status})` : ""}`;
}
