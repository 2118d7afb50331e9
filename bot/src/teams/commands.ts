/**
 * Text commands: the message, with the bot's @mention already removed, is split into words on
 * spaces, hyphens and underscores, lower-cased, and its first word(s) — joined without separators —
 * must equal a command name written the same way. So "Check In", "check-in" and "checkin" are all
 * `checkin`, and "My-Data" is `my data`; but only whole leading words count (never a substring), so
 * "winter plans" is not "win" and "helpful" is not "help". Longer matches are tried first, so no
 * command can shadow another. Trailing punctuation ("help?") is ignored.
 */
import { BOT_COMMANDS } from "../contract/bot-commands";

const squash = (words: readonly string[]) => words.join("");
const wordsOf = (text: string) => text.trim().toLowerCase().replace(/[.!?…]+$/u, "").split(/[\s\-_\u2010-\u2015]+/u).filter(Boolean);

const COMMANDS = BOT_COMMANDS.map((c) => ({ name: c.name, key: squash(wordsOf(c.name)) }));
/** The most words a command spelled in separate pieces can take ("who needs help" → 3; "check in" → 2). */
const MAX_WORDS = Math.max(...BOT_COMMANDS.map((c) => c.name.length));

export function parseCommand(text: string): string | undefined {
  const words = wordsOf(text);
  for (let n = Math.min(words.length, MAX_WORDS); n >= 1; n--) {
    const key = squash(words.slice(0, n));
    const found = COMMANDS.find((c) => c.key === key);
    if (found) return found.name;
  }
  return undefined;
}
