/**
 * Tells each facilitator of the cohort about new alerts, in their 1:1 chat, with "I'll reach out".
 * Runs after the member's card has updated. A facilitator Teams cannot reach (blocked, removed) is
 * recorded and skipped; the alert stays on the tab's dashboard either way.
 */
import type { AppContext } from "../../app-context";
import { buildFacilitatorAlertCard } from "../../cards/facilitator-alert.card";
import type { CardSender } from "../../domain/ports";
import type { Cohort, FacilitatorAlert } from "../../domain/types";

export async function alertFacilitators(ctx: AppContext, sender: CardSender, cohort: Cohort, alerts: FacilitatorAlert[]): Promise<{ sent: number; failed: number }> {
  const facilitators = (await ctx.repos.people.getMany(cohort.tenantId, cohort.facilitatorIds)).filter((p) => p.conversationReference && !p.unreachableSince);
  const outcome = { sent: 0, failed: 0 };
  for (const alert of alerts) {
    const card = buildFacilitatorAlertCard({ cohortId: cohort.id, cohortName: cohort.name, alertId: alert.id, memberName: alert.displayName, reason: alert.reason, sessionNumber: alert.sessionNumber, context: alert.context });
    for (const facilitator of facilitators) {
      const result = await sender.sendToPerson(facilitator, card, `${alert.displayName} needs a hand`);
      if (result.ok) {
        outcome.sent++;
        continue;
      }
      outcome.failed++;
      if (result.failure.kind === "permanent") await ctx.repos.people.markUnreachable(cohort.tenantId, facilitator.userId, ctx.clock.now().toISOString());
    }
  }
  ctx.logger.info({ tenantId: cohort.tenantId, cohortId: cohort.id, alerts: alerts.length, facilitators: facilitators.length, ...outcome }, "facilitators alerted");
  return outcome;
}
