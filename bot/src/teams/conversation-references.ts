/**
 * The conversation references stored to reach people later. Only the parts a proactive send needs:
 * not the id of the message that happened to carry it, so an unchanged chat is not rewritten on
 * every turn.
 */
import { TurnContext, type Activity, type ChannelAccount, type ConversationReference } from "botbuilder";

export type StoredReference = Omit<Partial<ConversationReference>, "activityId" | "locale">;

/** The reference of the conversation an activity came from. */
export function referenceOf(activity: Partial<Activity>): StoredReference {
  const { channelId, serviceUrl, conversation, bot, user } = TurnContext.getConversationReference(activity);
  return { channelId, serviceUrl, conversation, bot, user };
}

/** The reference of a 1:1 chat the bot opened itself (with a member of a team's roster). */
export function personalChatReference(chat: { conversationId: string; tenantId: string; serviceUrl: string; bot: ChannelAccount; user: ChannelAccount }): StoredReference {
  return {
    channelId: "msteams",
    serviceUrl: chat.serviceUrl,
    conversation: { id: chat.conversationId, tenantId: chat.tenantId, conversationType: "personal", isGroup: false, name: "" },
    bot: chat.bot,
    user: chat.user,
  };
}
