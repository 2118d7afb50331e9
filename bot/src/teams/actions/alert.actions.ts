/** A facilitator takes an alert: "I'll reach out". */
import { ALERT_VERBS, buildFacilitatorAlertCard } from "../../cards/facilitator-alert.card";
import { acknowledgeAlert } from "../../usecases/member/acknowledge-alert";
import { AlertRef, parseActionData } from "../action-data";
import type { ActionHandlers } from "./action-handler";

export const alertActions: ActionHandlers = {
  [ALERT_VERBS.reachOut]: async ({ ctx, actor, data }) => {
    const { cohort, alert, takenByName } = await acknowledgeAlert(ctx, actor, parseActionData(AlertRef, data));
    return buildFacilitatorAlertCard({
      cohortId: cohort.id,
      cohortName: cohort.name,
      alertId: alert.id,
      memberName: alert.displayName,
      reason: alert.reason,
      sessionNumber: alert.sessionNumber,
      context: alert.context,
      acknowledgedByName: takenByName,
    });
  },
};
