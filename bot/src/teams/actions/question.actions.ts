/** A question to the facilitators, named or anonymous. */
import { z } from "zod";
import { buildAnonymousQuestionStatusCard, buildNoSuchCodeCard, buildQuestionCard, buildQuestionSentCard, QUESTION_VERBS, QuestionSubmission } from "../../cards/question.card";
import { LIMITS } from "../../domain/limits";
import { anonymousAnswerFor, askQuestion, QUESTION_CODE } from "../../usecases/member/ask-question";
import { loadMemberContext } from "../../usecases/member/member-context";
import { CohortRef, DraftRef, parseActionData, parseSubmission, typedText } from "../action-data";

const CodeRef = CohortRef.extend({ code: z.string().regex(QUESTION_CODE) });
import type { ActionHandlers } from "./action-handler";

export const questionActions: ActionHandlers = {
  [QUESTION_VERBS.submit]: async ({ ctx, actor, data, turn }) => {
    const { cohortId, draftId } = parseActionData(DraftRef, data);
    const submission = parseSubmission(QuestionSubmission, data);
    if (!submission.ok) {
      const { cohort } = await loadMemberContext(ctx, actor, cohortId);
      return buildQuestionCard({ cohortId: cohort.id, cohortName: cohort.name, draftId }, { ...submission.problem, text: typedText(data, "text", LIMITS.answerText), anonymous: data.anonymous === "true" });
    }
    const { member, question, code } = await askQuestion(ctx, actor, submission.value);
    // The code goes only into this card, the answer to the asker's own invoke in their 1:1 chat.
    return buildQuestionSentCard({ cohortId: member.cohort.id, cohortName: member.cohort.name, draftId }, question.text, question.anonymous, code ? { code, refreshUserId: turn.activity.from.id } : undefined);
  },

  /** The asker's card for an anonymous question, refreshed or clicked: nothing is logged or written. */
  [QUESTION_VERBS.check]: async ({ ctx, actor, data, turn }) => {
    const { cohortId, code } = parseActionData(CodeRef, data);
    const { member, result } = await anonymousAnswerFor(ctx, actor, cohortId, code);
    if (!result.found) return buildNoSuchCodeCard();
    const base = { cohortId: member.cohort.id, cohortName: member.cohort.name, code, refreshUserId: turn.activity.from.id, text: result.text };
    return buildAnonymousQuestionStatusCard(result.status === "answered" ? { ...base, status: "answered", answer: result.answer, privately: result.privately } : { ...base, status: "open" });
  },
};
