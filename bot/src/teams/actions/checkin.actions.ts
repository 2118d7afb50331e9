/** The weekly check-in: send (or resend) it, and the refresh that shows each member their own answers. */
import { CHECKIN_VERBS, CheckInSubmission } from "../../cards/checkin.card";
import { LIMITS } from "../../domain/limits";
import { alertFacilitators } from "../../usecases/member/alert-facilitators";
import { checkInAnsweredCard, checkInCard, checkInView } from "../../usecases/member/event-cards";
import { loadMemberContext } from "../../usecases/member/member-context";
import { recordCheckIn } from "../../usecases/member/record-check-in";
import { CheckInRefresh, parseActionData, parseSubmission, SessionRef, typedText } from "../action-data";
import type { ActionHandlers } from "./action-handler";

export const checkInActions: ActionHandlers = {
  [CHECKIN_VERBS.submit]: async ({ ctx, services, actor, data, later }) => {
    const { cohortId, sessionNumber } = parseActionData(SessionRef, data);
    const submission = parseSubmission(CheckInSubmission, data);
    if (!submission.ok) {
      const typed = { tried: typedText(data, "tried", LIMITS.answerText), worked: typedText(data, "worked", LIMITS.answerText), stuck: typedText(data, "stuck", LIMITS.answerText) };
      return checkInCard(ctx, await loadMemberContext(ctx, actor, cohortId), sessionNumber, { rejected: { problem: submission.problem, typed } });
    }
    const { member, checkIn, updated, newAlerts } = await recordCheckIn(ctx, actor, submission.value);
    if (newAlerts.length) later(() => alertFacilitators(ctx, services.sender, member.cohort, newAlerts));
    return checkInAnsweredCard(member, checkIn, updated);
  },

  [CHECKIN_VERBS.refresh]: async ({ ctx, actor, data }) => {
    const { cohortId, sessionNumber, edit } = parseActionData(CheckInRefresh, data);
    return checkInView(ctx, await loadMemberContext(ctx, actor, cohortId), sessionNumber, { edit });
  },
};
