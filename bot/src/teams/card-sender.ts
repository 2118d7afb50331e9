/**
 * Proactive sends through the CloudAdapter. Never throws for a Teams-side failure: it says what
 * kind of failure it was, so the scheduler can wait (429), retry (412/5xx) or give up (403/404).
 */
import { CardFactory, type CloudAdapter, type ConversationReference } from "botbuilder";
import type { AdaptiveCardJson, CardSender, Logger, SendFailure, SendResult } from "../domain/ports";
import type { Person, TenantId, WinsChannel } from "../domain/types";

export function createCardSender(adapter: CloudAdapter, botAppId: string, logger: Logger): CardSender {
  async function send(reference: Partial<ConversationReference>, card: AdaptiveCardJson, summary: string): Promise<SendResult> {
    let activityId = "";
    // Caught inside the turn: an error escaping the logic would go to the adapter's turn-error
    // handler, and the send would look successful.
    let sendError: unknown;
    try {
      await adapter.continueConversationAsync(botAppId, reference, async (context) => {
        try {
          const response = await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)], summary });
          activityId = response?.id ?? "";
        } catch (err) {
          sendError = err;
        }
      });
      if (sendError) throw sendError;
      return { ok: true, activityId };
    } catch (err) {
      const failure = classify(err);
      logger.warn({ kind: failure.kind, status: "status" in failure ? failure.status : undefined, conversationType: reference.conversation?.conversationType }, "proactive send failed");
      return { ok: false, failure };
    }
  }

  return {
    sendToPerson: (person: Person, card, summary) => send(person.conversationReference as Partial<ConversationReference>, card, summary),
    async sendToChannel(tenantId: TenantId, channel: WinsChannel, card, summary) {
      if (!channel.serviceUrl) return { ok: false, failure: { kind: "permanent", status: 404, reason: "the app has not been used in that team yet" } };
      return send({ channelId: "msteams", serviceUrl: channel.serviceUrl, conversation: { id: channel.channelId, isGroup: true, conversationType: "channel", tenantId, name: "" } }, card, summary);
    },
  };
}

export function classify(err: unknown): SendFailure {
  const e = err as { statusCode?: number; response?: { status?: number; headers?: { get?(name: string): string | undefined } }; code?: string; message?: string };
  const status = e.statusCode ?? e.response?.status;
  const reason = (e.code ?? e.message ?? "unknown").toString().slice(0, 200);
  if (status === 429) {
    const retryAfter = Number(e.response?.headers?.get?.("retry-after"));
    return { kind: "throttled", status, ...(Number.isFinite(retryAfter) && retryAfter >= 0 ? { retryAfterMs: retryAfter * 1000 } : {}) };
  }
  if (status === 403 || status === 404) return { kind: "permanent", status, reason };
  if (status === 400 || status === 401) return { kind: "permanent", status, reason };
  return { kind: "transient", ...(status ? { status } : {}), reason };
}
