/** Apply: the member commits to the real piece of work they will use AI on this week, and later changes it, marks it done or links the work. */
import { APPLY_VERBS, ApplySubmission, LINK_MAX } from "../../cards/apply.card";
import { LIMITS } from "../../domain/limits";
import { commitToDeliverable } from "../../usecases/member/commit-to-deliverable";
import { applyCard, applyCommittedCard } from "../../usecases/member/event-cards";
import { loadMemberContext } from "../../usecases/member/member-context";
import { parseActionData, parseSubmission, SessionRef, typedText } from "../action-data";
import type { ActionHandlers } from "./action-handler";

export const applyActions: ActionHandlers = {
  [APPLY_VERBS.submit]: async ({ ctx, actor, data }) => {
    const { cohortId, sessionNumber } = parseActionData(SessionRef, data);
    const submission = parseSubmission(ApplySubmission, data);
    if (!submission.ok) {
      return applyCard(ctx, await loadMemberContext(ctx, actor, cohortId), sessionNumber, {
        problem: submission.problem,
        typed: typedText(data, "deliverable", LIMITS.shortText * 2),
        done: data.done === true || data.done === "true",
        link: typedText(data, "link", LINK_MAX * 2),
      });
    }
    const { member, commitment } = await commitToDeliverable(ctx, actor, submission.value);
    return applyCommittedCard(member, commitment);
  },
  [APPLY_VERBS.edit]: async ({ ctx, actor, data }) => {
    const { cohortId, sessionNumber } = parseActionData(SessionRef, data);
    return applyCard(ctx, await loadMemberContext(ctx, actor, cohortId), sessionNumber);
  },
};
