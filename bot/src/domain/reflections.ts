/** How to read what members wrote in a check-in. */
import type { CheckIn } from "./types";

const NOTHING = /^(none|nothing|n\/?a|no|nope|not really|nothing yet|-+|\.+)\.?$/i;

/** A member "reported being stuck" when the stuck answer says something real, or they named a blocker. */
export function reportsStuck(checkIn: Pick<CheckIn, "stuck" | "blockers">): boolean {
  const text = checkIn.stuck.trim();
  return (text.length > 0 && !NOTHING.test(text)) || (checkIn.blockers?.length ?? 0) > 0;
}
