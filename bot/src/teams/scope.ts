import type { TurnContext } from "botbuilder";
import { BOT_COMMANDS, CARD_ACTION_SCOPES, type BotScope } from "../contract/bot-commands";

/** Where a turn happens, in the manifest's terms: a 1:1 chat, a team channel or a group chat. */
export type Scope = BotScope;

export function scopeOf(turn: TurnContext): Scope {
  const type = turn.activity.conversation?.conversationType;
  return type === "channel" ? "team" : type === "groupChat" ? "groupChat" : "personal";
}

/**
 * The one place that decides where a text command or a card action may run. The table itself is
 * plain data in `domain/bot-commands.ts` (commands: the manifest's commandLists; verbs: the
 * `CARD_ACTION_SCOPES` table), so the manifest test and this check read the same thing. Anything
 * carrying or revealing one person's data is "personal" only: in a channel or group chat it is
 * answered with a pointer to the 1:1 chat, and the handler never runs.
 */
export function commandAllowedIn(command: string, scope: Scope): boolean {
  return BOT_COMMANDS.find((c) => c.name === command)?.scopes.includes(scope) ?? false;
}

/** An unknown verb is allowed nowhere (the card-actions map refuses to load without an entry). */
export function actionAllowedIn(verb: string, scope: Scope): boolean {
  return CARD_ACTION_SCOPES[verb]?.includes(scope) ?? false;
}

/**
 * A link that opens the member's 1:1 chat with the bot (Teams deep link to a chat with an app: the
 * bot's `28:` id). Undefined when the bot's id is not known (local tools without a `28:` id).
 */
export function personalChatLink(turn: TurnContext, botAppId: string): string | undefined {
  const recipient = turn.activity.recipient?.id;
  const botId = typeof recipient === "string" && /^28:[A-Za-z0-9._:-]{1,128}$/.test(recipient) ? recipient : botAppId ? `28:${botAppId}` : undefined;
  return botId ? `https://teams.microsoft.com/l/chat/0/0?users=${encodeURIComponent(botId)}` : undefined;
}
