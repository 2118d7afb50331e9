/**
 * Messages in group chats. With the resource-specific permission ChatMessage.Read.Chat (manifest)
 * Teams sends the bot every message of a chat it is installed in, not only those that mention it:
 * - in a practice pod's chat, a message is counted (usecases/pods/pod-activity.ts) and nothing
 *   else happens: no reply, nothing of its text kept or logged;
 * - in any other group chat, the bot answers only when it is mentioned.
 */
import type { TurnContext } from "botbuilder";
import type { AppContext } from "../app-context";
import { countPodMessage } from "../usecases/pods/pod-activity";

/** True when the turn is handled here and the bot must not answer it. */
export async function quietInGroupChat(ctx: AppContext, turn: TurnContext, tenantId: string): Promise<boolean> {
  const { activity } = turn;
  if (activity.conversation?.conversationType !== "groupChat") return false;
  const chatId = String(activity.conversation.id ?? "").split(";")[0]!;
  if (chatId && (await countPodMessage(ctx, tenantId, chatId))) return true;
  return !mentionsBot(turn);
}

/** Whether the message @mentions the bot (Teams adds a mention entity naming the bot's id). */
export function mentionsBot(turn: TurnContext): boolean {
  const botId = turn.activity.recipient?.id;
  return (turn.activity.entities ?? []).some((e) => e.type === "mention" && (e as { mentioned?: { id?: string } }).mentioned?.id === botId);
}
