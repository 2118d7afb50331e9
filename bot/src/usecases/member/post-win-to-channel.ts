/**
 * A win the member agreed to share goes to the cohort's channel through the outbox: written with
 * the win, posted after the member's card has updated, and marked posted once Teams accepts it
 * (scheduler/delivery-effects.ts). If the channel cannot be reached the win is still recorded.
 */
import type { AppContext } from "../../app-context";
import type { Cohort, Win } from "../../domain/types";

/** The event key of a win's post to the cohort's channel. */
export const winEventKey = (winId: string) => `win.${winId}`;

export async function queueWinPost(ctx: AppContext, cohort: Cohort, win: Win): Promise<boolean> {
  if (!win.shareConsent || !cohort.winsChannel) return false;
  // One post per win: the delivery is keyed by the author, who is also whose lane it waits in.
  await ctx.outbox.enqueue([{ tenantId: cohort.tenantId, cohortId: cohort.id, userId: win.userId, eventKey: winEventKey(win.id), kind: "win", urgent: true }]);
  return true;
}
