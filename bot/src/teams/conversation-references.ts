/**
 * The conversation references stored to reach people later. Only the parts a proactive send needs:
 * not the id of the message that happened to carry it, so an unchanged chat is not rewritten on
 * every turn.
 */
import { TurnContext, type Activity, type ChannelAccount, type ConversationReference } from "botbuilder";

/** botframework-connector's AuthenticationConstants.AnonymousAuthType: what CloudAdapter sets when auth is off. */
const ANONYMOUS_AUTH_TYPE = "anonymous";

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

/**
 * True for the service URLs a bot without authentication (local mode: the Agents Playground, the
 * tests' Bot Connector stand-in) may talk to: http(s) on localhost, 127.0.0.0/8 or [::1].
 */
export function isLoopbackServiceUrl(serviceUrl: unknown): boolean {
  if (typeof serviceUrl !== "string") return false;
  let url: URL;
  try {
    url = new URL(serviceUrl);
  } catch {
    return false;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return false;
  if (url.username || url.password) return false;
  const host = url.hostname.toLowerCase();
  return host === "localhost" || host === "[::1]" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * May this turn's activity decide how we reach its sender later (their stored conversation
 * reference, a team's endpoint)? Only when the CloudAdapter verified its Bot Framework token, which
 * also checks the token's serviceurl claim against the activity's serviceUrl. Without bot
 * authentication (local mode) nothing is verified, so only a loopback service URL is ever trusted;
 * `teams-bot.ts` already refuses other activities in that mode, this is the second lock.
 */
export function mayRememberReference(turn: TurnContext): boolean {
  const identity = turn.turnState.get(turn.adapter.BotIdentityKey) as { isAuthenticated?: boolean; authenticationType?: unknown } | undefined;
  if (identity?.isAuthenticated && identity.authenticationType !== ANONYMOUS_AUTH_TYPE) return true;
  return isLoopbackServiceUrl(turn.activity.serviceUrl);
}
