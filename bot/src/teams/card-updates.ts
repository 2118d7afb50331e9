/**
 * Replacing a card the bot already answered, after the turn that answered it has ended: used when
 * a follow-up (alerting facilitators) learns something the member must be told on that card.
 * Teams names the card's message in the invoke's `replyToId`. Never throws: the card's refresh
 * shows the same state the next time the member opens it.
 */
import { CardFactory, TurnContext, type CloudAdapter } from "botbuilder";
import type { AdaptiveCardJson, Logger } from "../domain/ports";
import { mayRememberReference } from "./conversation-references";

export interface CardToUpdate {
  reference: ReturnType<typeof TurnContext.getConversationReference>;
  activityId: string;
}

/** The card a Universal Action came from, when Teams said which message it is. */
export function cardOfInvoke(turn: TurnContext): CardToUpdate | undefined {
  const activityId = turn.activity.replyToId;
  if (typeof activityId !== "string" || !activityId || !mayRememberReference(turn)) return undefined;
  return { reference: TurnContext.getConversationReference(turn.activity), activityId };
}

export async function updateCard(adapter: CloudAdapter, botAppId: string, target: CardToUpdate, card: AdaptiveCardJson, logger: Logger): Promise<boolean> {
  let failed: unknown;
  try {
    await adapter.continueConversationAsync(botAppId, target.reference, async (context) => {
      try {
        await context.updateActivity({ type: "message", id: target.activityId, attachments: [CardFactory.adaptiveCard(card)] });
      } catch (err) {
        failed = err;
      }
    });
  } catch (err) {
    failed = err;
  }
  if (failed === undefined) return true;
  logger.warn({ err: failed instanceof Error ? failed.name : "error", tenantId: target.reference.conversation?.tenantId }, "could not update a card after the turn");
  return false;
}
