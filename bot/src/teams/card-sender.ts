/**
 * Proactive sends through the CloudAdapter. Never throws for a Teams-side failure: it says what
 * kind of failure it was, so the scheduler can wait (429), retry (412, 5xx, network) or give up on
 * the member (403, including MessageWritesBlocked, and 404: they blocked or removed the app).
 */
import { CardFactory, type CloudAdapter, type ConversationReference } from "botbuilder";
import type { AdaptiveCardJson, CardSender, Logger, SendFailure, SendResult } from "../domain/ports";
import type { Person, TenantId, WinsChannel } from "../domain/types";

export function createCardSender(adapter: CloudAdapter, botAppId: string, logger: Logger): CardSender {
  async function send(reference: Partial<ConversationReference>, card: AdaptiveCardJson, summary: string): Promise<SendResult> {
    let activityId = "";
    // Caught inside the turn: an error escaping the logic would go to the adapter's turn-error
    // handler instead of to us, and the send would look successful.
    let sendError: unknown;
    try {
      await adapter.continueConversationAsync(botAppId, reference, async (context) => {
        try {
          activityId = (await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)], summary }))?.id ?? "";
        } catch (err) {
          sendError = err;
        }
      });
    } catch (err) {
      sendError = err;
    }
    if (sendError === undefined) return { ok: true, activityId };
    const failure = classifySendError(sendError);
    logger.warn({ kind: failure.kind, status: failure.status, conversationType: reference.conversation?.conversationType }, "proactive send failed");
    return { ok: false, failure };
  }

  return {
    sendToPerson(person: Person, card, summary) {
      if (!person.conversationReference) return Promise.resolve(notReachable("no conversation with this person yet"));
      return send(person.conversationReference as Partial<ConversationReference>, card, summary);
    },
    sendToChannel(tenantId: TenantId, channel: WinsChannel, card, summary) {
      if (!channel.serviceUrl) return Promise.resolve(notReachable("the app has not been used in that team yet"));
      return send({ channelId: "msteams", serviceUrl: channel.serviceUrl, conversation: { id: channel.channelId, isGroup: true, conversationType: "channel", tenantId, name: "" } }, card, summary);
    },
    sendToChat(tenantId: TenantId, chat, card, summary) {
      return send({ channelId: "msteams", serviceUrl: chat.serviceUrl, conversation: { id: chat.chatId, isGroup: true, conversationType: "groupChat", tenantId, name: "" } }, card, summary);
    },
  };
}

function notReachable(reason: string): SendResult {
  return { ok: false, failure: { kind: "permanent", status: 404, reason } };
}

interface ConnectorError {
  statusCode?: number;
  code?: string;
  message?: string;
  response?: { status?: number; headers?: { get?(name: string): string | undefined } };
}

export function classifySendError(err: unknown): SendFailure {
  const e = (err ?? {}) as ConnectorError;
  const status = e.statusCode ?? e.response?.status;
  const reason = String(e.code ?? e.message ?? "unknown").slice(0, 200);
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(e.response?.headers?.get?.("retry-after"));
    return { kind: "throttled", status, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
  }
  if (status === 403 || status === 404) return { kind: "permanent", status, reason };
  // 400, 401, 413 are our own mistakes (a bad card, a bad credential), not the member's: they must
  // not mark the member unreachable, and the scheduler gives up after its last attempt anyway.
  return { kind: "transient", ...(status ? { status } : {}), reason };
}

/** Retry-After is either delay-seconds or an HTTP date (RFC 9110). */
function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
