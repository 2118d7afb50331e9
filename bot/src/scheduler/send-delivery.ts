/**
 * One claimed delivery: build its card from the records as they are now, wait for the pacer, send
 * it, and record sent, retry (with backoff, honouring Retry-After) or failure (permanent for a
 * member who blocked or removed the app, who is then marked unreachable).
 */
import type { AppContext } from "../app-context";
import { ConcurrencyError } from "../domain/errors";
import type { AdaptiveCardJson, CardSender, PersonalChatOpener, SendFailure, Versioned } from "../domain/ports";
import { isChannelPost, isChatPost, type Cohort, type Delivery, type Person } from "../domain/types";
import { registerPerson } from "../usecases/member/register-person";
import { afterDeliveryEnded } from "./delivery-effects";
import { decideRetry, type RetryPolicy } from "./retry-policy";
import type { SendPacer } from "./send-pacer";

/** `chat`: where a group-chat post (a practice pod's exercise) goes. */
export type CardDecision = { send: { card: AdaptiveCardJson; summary: string; chat?: { chatId: string; serviceUrl: string } } } | { skip: string };

/** Builds the card a delivery carries, from the records as they are at send time. */
export interface DeliveryCardFactory {
  build(delivery: Delivery, cohort: Cohort): Promise<CardDecision>;
}

export interface SendDeps {
  sender: CardSender;
  /** Opens a 1:1 chat for a recipient the bot never talked to, where the delivery says from where. */
  chats?: PersonalChatOpener;
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
    const next = { ...record, ...changes, updatedAt: stamp() };
    let saved: Versioned<Delivery>;
    try {
      saved = await ctx.repos.deliveries.update(next, etag);
    } catch (err) {
      if (!(err instanceof ConcurrencyError)) throw err;
      outcomes.push("lostClaims");
      return undefined;
    }
    if (next.status === "sent" || next.status === "failed" || next.status === "skipped") await afterDeliveryEnded(ctx, next);
    return saved;
  };

  // A claim that expired while this batch waited for its turn may already be another instance's.
  if (!record.claimExpiresAt || new Date(record.claimExpiresAt) <= ctx.clock.now()) {
    return { outcomes: ["lostClaims"] };
  }
  // A win or an answer posts to its own cohort's channel; a leader's experiment to the following team cohort's, whose delivery this is.
  const toChannel = isChannelPost(record.kind);
  // A practice pod's exercise goes to the pod's group chat: the card factory says which (`send.chat`).
  const toChat = isChatPost(record.kind);
  if (toChannel && !cohort.winsChannel) {
    outcomes.push("skipped");
    await save({ status: "skipped", failureReason: "the cohort has no wins channel", claimedBy: undefined, claimExpiresAt: undefined });
    return { outcomes };
  }
  if (!toChannel && !toChat && !person?.conversationReference && !person?.unreachableSince && record.openChatFrom && deps.chats) {
    const opened = await openChat(ctx, deps.chats, record, person);
    // Teams busy (429, 5xx): try again later like any send; refused (403/404): fails below.
    if ("failure" in opened && opened.failure.kind !== "permanent") return retryOrFail(opened.failure, record.attempts + 1);
    if ("person" in opened) person = opened.person;
  }
  if (!toChannel && !toChat && (!person?.conversationReference || person.unreachableSince)) {
    outcomes.push("failed");
    await save({ status: "failed", permanent: true, failureReason: person?.unreachableSince ? "blocked or removed the app" : "has not installed the app", claimedBy: undefined, claimExpiresAt: undefined });
    return { outcomes };
  }
  const decision = await deps.cards.build(record, cohort);
  if ("skip" in decision) {
    outcomes.push("skipped");
    await save({ status: "skipped", failureReason: decision.skip, claimedBy: undefined, claimExpiresAt: undefined });
    return { outcomes };
  }

  const chat = decision.send.chat;
  if (toChat && (!chat || !deps.sender.sendToChat)) {
    outcomes.push("skipped");
    await save({ status: "skipped", failureReason: "the pod has no chat to post to", claimedBy: undefined, claimExpiresAt: undefined });
    return { outcomes };
  }

  await deps.pacer.take();
  const attempts = record.attempts + 1;
  const result = toChat
    ? await deps.sender.sendToChat!(cohort.tenantId, chat!, decision.send.card, decision.send.summary)
    : toChannel
    ? await deps.sender.sendToChannel(cohort.tenantId, cohort.winsChannel!, decision.send.card, decision.send.summary)
    : await deps.sender.sendToPerson(person!, decision.send.card, decision.send.summary);
  if (result.ok) {
    outcomes.push("sent");
    await save({ status: "sent", attempts, sentAt: stamp(), activityId: result.activityId, failureReason: undefined, claimedBy: undefined, claimExpiresAt: undefined });
    return { outcomes };
  }
  return retryOrFail(result.failure, attempts);

  async function retryOrFail(failure: SendFailure, attempts: number): Promise<SendOutcome> {
    const retry = decideRetry(failure, attempts, deps.retryPolicy, deps.random);
    if (retry.retry) {
      outcomes.push("retried");
      const retryAt = ctx.clock.now().getTime() + retry.delayMs;
      const notBefore = new Date(retryAt).toISOString();
      const failureReason = describe(failure);
      if (retry.delayMs > deps.retryWithinPassMs) {
        await save({ status: "pending", attempts, notBefore, failureReason, claimedBy: undefined, claimExpiresAt: undefined });
        return { outcomes };
      }
      const kept = await save({ status: "claimed", attempts, notBefore, failureReason, claimExpiresAt: new Date(retryAt + deps.claimTtlMs).toISOString() });
      return kept ? { outcomes, retryInPass: { delivery: kept, at: retryAt } } : { outcomes };
    }
    outcomes.push("failed");
    const failureReason = toChat && retry.permanent ? "the pod's chat is gone or the app was removed from it" : toChannel && retry.permanent ? "the channel is gone or the app was removed from the team" : retry.permanent ? "blocked or removed the app" : retry.reason;
    await save({ status: "failed", attempts, permanent: retry.permanent, failureReason, claimedBy: undefined, claimExpiresAt: undefined });
    if (retry.permanent && !toChannel && person) await ctx.repos.people.markUnreachable(person.tenantId, person.userId, stamp());
    return { outcomes };
  }
}

/**
 * Opens a 1:1 chat with someone the bot has never talked to (Teams allows it when the app is
 * installed for them or in a team they share) and stores it for next time. Undefined when Teams
 * refuses: the delivery then fails as "has not installed the app".
 */
async function openChat(ctx: AppContext, chats: PersonalChatOpener, delivery: Delivery, person: Person | undefined): Promise<{ person: Person | undefined } | { failure: SendFailure }> {
  const opened = await chats.openPersonalChat(delivery.tenantId, { userId: delivery.userId, displayName: person?.displayName ?? "" }, delivery.openChatFrom!);
  if (!opened.ok) {
    ctx.logger.info({ tenantId: delivery.tenantId, cohortId: delivery.cohortId, userId: delivery.userId, status: opened.failure.kind === "throttled" ? 429 : opened.failure.status }, "could not open a 1:1 chat");
    return opened.failure.kind === "permanent" ? { person } : { failure: opened.failure };
  }
  await registerPerson(ctx, { tenantId: delivery.tenantId, userId: delivery.userId, displayName: person?.displayName ?? "", isAdmin: false }, opened.conversationReference);
  ctx.logger.info({ tenantId: delivery.tenantId, cohortId: delivery.cohortId, userId: delivery.userId }, "1:1 chat opened");
  return { person: await ctx.repos.people.get(delivery.tenantId, delivery.userId) };
}

function describe(failure: { kind: string; status?: number }): string {
  return `${failure.kind}${failure.status ? ` (${failure.status})` : ""}`;
}
