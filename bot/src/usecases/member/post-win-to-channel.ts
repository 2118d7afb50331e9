/**
 * A win the member agreed to share goes to the cohort's channel, after their card has updated. If
 * the channel cannot be reached the win is still recorded; it just is not marked as posted.
 */
import type { AppContext } from "../../app-context";
import { buildChannelWinCard } from "../../cards/win.card";
import type { CardSender } from "../../domain/ports";
import type { Cohort, Win } from "../../domain/types";

export async function postWinToChannel(ctx: AppContext, sender: CardSender, cohort: Cohort, win: Win): Promise<boolean> {
  if (!win.shareConsent || !cohort.winsChannel) return false;
  const card = buildChannelWinCard({ displayName: win.displayName, cohortName: cohort.name, text: win.text, minutesSaved: win.minutesSaved });
  const result = await sender.sendToChannel(cohort.tenantId, cohort.winsChannel, card, `${win.displayName} shared a win`);
  if (result.ok) await ctx.repos.wins.markPosted(cohort.tenantId, cohort.id, win.id, ctx.clock.now().toISOString());
  else ctx.logger.warn({ tenantId: cohort.tenantId, cohortId: cohort.id, winId: win.id, kind: result.failure.kind }, "win not posted to channel");
  return result.ok;
}
