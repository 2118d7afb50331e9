/**
 * Slow work done after a card action is answered: alerting facilitators, posting a win to the
 * cohort's channel. Failures are logged, never shown to the member whose card already updated.
 */
import type { AppContext } from "../app-context";
import { buildFacilitatorAlertCard } from "../cards/facilitator-alert.card";
import { buildChannelWinCard } from "../cards/win.card";
import type { Cohort, FacilitatorAlert, Win } from "../domain/types";
import type { TeamsServices } from "./teams-services";

export async function sendAlertsToFacilitators(ctx: AppContext, services: TeamsServices, cohort: Cohort, alerts: FacilitatorAlert[]): Promise<void> {
  const facilitators = await ctx.repos.people.getMany(cohort.tenantId, cohort.facilitatorIds);
  for (const alert of alerts) {
    const card = buildFacilitatorAlertCard({ cohortId: cohort.id, cohortName: cohort.name, alertId: alert.id, memberName: alert.displayName, reason: alert.reason, sessionNumber: alert.sessionNumber, context: alert.context });
    for (const facilitator of facilitators.filter((f) => f.conversationReference && !f.unreachableSince)) {
      const result = await services.sender.sendToPerson(facilitator, card, `${alert.displayName} needs a hand`);
      if (!result.ok) ctx.logger.warn({ tenantId: cohort.tenantId, cohortId: cohort.id, alertId: alert.id, kind: result.failure.kind }, "facilitator alert not delivered");
    }
  }
}

export async function postWinToChannel(ctx: AppContext, services: TeamsServices, cohort: Cohort, win: Win): Promise<void> {
  if (!cohort.winsChannel) return;
  const card = buildChannelWinCard({ displayName: win.displayName, cohortName: cohort.name, text: win.text, minutesSaved: win.minutesSaved });
  const result = await services.sender.sendToChannel(cohort.tenantId, cohort.winsChannel, card, `${win.displayName} shared a win`);
  if (result.ok) await ctx.repos.wins.markPosted(cohort.tenantId, cohort.id, win.id, ctx.clock.now().toISOString());
  else ctx.logger.warn({ tenantId: cohort.tenantId, cohortId: cohort.id, winId: win.id, kind: result.failure.kind }, "win not posted to channel");
}
