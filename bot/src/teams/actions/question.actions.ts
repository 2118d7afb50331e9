/** A question to the facilitators, named or anonymous. */
import { buildQuestionCard, buildQuestionSentCard, QUESTION_VERBS, QuestionSubmission } from "../../cards/question.card";
import { LIMITS } from "../../domain/limits";
import { askQuestion } from "../../usecases/member/ask-question";
import { loadMemberContext } from "../../usecases/member/member-context";
import { DraftRef, parseActionData, parseSubmission, typedText } from "../action-data";
import type { ActionHandlers } from "./action-handler";

export const questionActions: ActionHandlers = {
  [QUESTION_VERBS.submit]: async ({ ctx, actor, data }) => {
    const { cohortId, draftId } = parseActionData(DraftRef, data);
    const submission = parseSubmission(QuestionSubmission, data);
    if (!submission.ok) {
      const { cohort } = await loadMemberContext(ctx, actor, cohortId);
      return buildQuestionCard({ cohortId: cohort.id, cohortName: cohort.name, draftId }, { ...submission.problem, text: typedText(data, "text", LIMITS.answerText), anonymous: data.anonymous === "true" });
    }
    const { member, question } = await askQuestion(ctx, actor, submission.value);
    return buildQuestionSentCard({ cohortId: member.cohort.id, cohortName: member.cohort.name, draftId }, question.text, question.anonymous);
  },
};
