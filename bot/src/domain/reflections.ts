/** How to read what members wrote in a check-in. */
import type { CheckIn } from "./types";

const NOTHING = /^(none|nothing|n\/?a|no|nope|not really|nothing yet|-+|\.+)\.?$/i;

/** A member "reported being stuck" when the stuck answer says something real. */
export function reportsStuck(checkIn: Pick<CheckIn, "stuck">): boolean {
  const text = checkIn.stuck.trim();
  return text.length > 0 && !NOTHING.test(text);
}
