/** The adoption check at weeks 0, 4 and 8. */
import { ADOPTION_VERBS, AdoptionSubmission, buildAdoptionSubmittedCard } from "../../cards/adoption.card";
import { answerAdoptionCheck } from "../../usecases/member/answer-adoption-check";
import { adoptionCard } from "../../usecases/member/event-cards";
import { loadMemberContext } from "../../usecases/member/member-context";
import { AdoptionRef, parseActionData, parseSubmission } from "../action-data";
import type { ActionHandlers } from "./action-handler";

export const adoptionActions: ActionHandlers = {
  [ADOPTION_VERBS.submit]: async ({ ctx, actor, data }) => {
    const { cohortId, week } = parseActionData(AdoptionRef, data);
    const submission = parseSubmission(AdoptionSubmission, data);
    if (!submission.ok) return adoptionCard(await loadMemberContext(ctx, actor, cohortId), week, submission.problem);
    const { member, answer } = await answerAdoptionCheck(ctx, actor, submission.value);
    return buildAdoptionSubmittedCard({ cohortId: member.cohort.id, cohortName: member.cohort.name, week: answer.week }, answer);
  },
};
