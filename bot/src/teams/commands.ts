/**
 * Text commands: the message, with the bot's @mention already removed, is trimmed and lower-cased,
 * and its first word(s) must equal a command name exactly. Longer names are tried first, so no
 * command can shadow another and "winter plans" is not "win".
 */
import { BOT_COMMANDS } from "../domain/bot-commands";

const COMMANDS = BOT_COMMANDS.map((c) => ({ name: c.name, words: c.name.split(" ") })).sort((a, b) => b.words.length - a.words.length);

export function parseCommand(text: string): string | undefined {
  const words = text.trim().toLowerCase().split(/\s+/);
  return COMMANDS.find((command) => command.words.every((word, i) => words[i] === word))?.name;
}
