import type { CloudAdapter } from "botbuilder";
import type { CardSender, PersonalChatOpener } from "../domain/ports";

/** What the Teams handlers need besides the application context. */
export interface TeamsServices {
  adapter: CloudAdapter;
  /** Empty in local mode (no Bot Framework auth). */
  botAppId: string;
  sender: CardSender;
  /** Opens 1:1 chats with people the bot has no conversation with yet. */
  chats: PersonalChatOpener;
}
