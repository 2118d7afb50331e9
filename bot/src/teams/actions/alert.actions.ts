/** A facilitator takes an alert ("I'll reach out"), then marks it resolved once the member is unblocked. */
import { ALERT_VERBS, buildFacilitatorAlertCard, type FacilitatorAlertCardData } from "../../cards/facilitator-alert.card";
import type { AdaptiveCardJson } from "../../domain/ports";
import type { Cohort, FacilitatorAlert } from "../../domain/types";
import { acknowledgeAlert, resolveAlert } from "../../usecases/member/acknowledge-alert";
import { AlertRef, parseActionData } from "../action-data";
import type { ActionHandlers } from "./action-handler";

export const alertActions: ActionHandlers = {
  [ALERT_VERBS.reachOut]: async ({ ctx, actor, data }) => {
    const { cohort, alert, takenByName } = await acknowledgeAlert(ctx, actor, parseActionData(AlertRef, data));
    return alertCard(cohort, alert, { acknowledgedByName: takenByName });
  },
  [ALERT_VERBS.resolve]: async ({ ctx, actor, data }) => {
    const { cohort, alert } = await resolveAlert(ctx, actor, parseActionData(AlertRef, data));
    const resolvedByName = alert.resolvedBy === actor.userId ? actor.displayName : (await ctx.repos.people.get(actor.tenantId, alert.resolvedBy!))?.displayName;
    return alertCard(cohort, alert, { resolvedByName: resolvedByName || "a facilitator" });
  },
};

function alertCard(cohort: Cohort, alert: FacilitatorAlert, state: Pick<FacilitatorAlertCardData, "acknowledgedByName" | "resolvedByName">): AdaptiveCardJson {
  return buildFacilitatorAlertCard({ cohortId: cohort.id, cohortName: cohort.name, alertId: alert.id, memberName: alert.displayName, reason: alert.reason, sessionNumber: alert.sessionNumber, context: alert.context, ...state });
}
