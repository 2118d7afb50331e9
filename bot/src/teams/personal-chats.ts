/**
 * Opening a 1:1 chat with someone the bot has not talked to yet: the roster members of a team a
 * cohort was created from, or a facilitator who never opened the app but must get a member's help
 * request. Teams lets a bot do this with the person's Entra object id (personal scope only) when
 * the app is installed for them, personally or in a team they share; otherwise it answers 403 or
 * 404, which is classified like a failed send (never thrown).
 */
import type { ChannelAccount, CloudAdapter } from "botbuilder";
import type { ChatOrigin, OpenChatResult, PersonalChatOpener } from "../domain/ports";
import { classifySendError } from "./card-sender";
import { personalChatReference } from "./conversation-references";

export interface PersonalChatTarget {
  tenantId: string;
  serviceUrl: string;
  bot: ChannelAccount;
  /** The Teams user: `id` is their 29: id when known, else their Entra object id. */
  user: ChannelAccount & { aadObjectId?: string };
}

/** Creates the conversation and returns the reference to store; throws what the Bot Connector answered. */
export async function createPersonalChat(adapter: CloudAdapter, botAppId: string, target: PersonalChatTarget) {
  const { tenantId, serviceUrl, bot, user } = target;
  let conversationId = "";
  await adapter.createConversationAsync(botAppId, "msteams", serviceUrl, "", { isGroup: false, bot, members: [user], tenantId, channelData: { tenant: { id: tenantId } } }, async (context) => {
    conversationId = context.activity.conversation.id;
  });
  if (!conversationId) throw Object.assign(new Error("the Bot Connector returned no conversation id"), { statusCode: 502 });
  return personalChatReference({ conversationId, tenantId, serviceUrl, bot, user });
}

export function createPersonalChatOpener(adapter: CloudAdapter, botAppId: string): PersonalChatOpener {
  return {
    async openPersonalChat(tenantId, person, origin: ChatOrigin): Promise<OpenChatResult> {
      const user = { id: person.userId, name: person.displayName, aadObjectId: person.userId };
      try {
        const conversationReference = await createPersonalChat(adapter, botAppId, { tenantId, serviceUrl: origin.serviceUrl, bot: { id: origin.bot.id, name: origin.bot.name ?? "" }, user });
        return { ok: true, conversationReference };
      } catch (err) {
        return { ok: false, failure: classifySendError(err) };
      }
    },
  };
}
