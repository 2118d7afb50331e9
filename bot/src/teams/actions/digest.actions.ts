/** A facilitator publishes "From your cohort last week" from the digest card in their chat. */
import { DIGEST_VERBS, DigestSubmission } from "../../cards/digest.card";
import { ValidationError } from "../../domain/errors";
import { LIMITS } from "../../domain/limits";
import { digestCardWithProblem, publishFromCard } from "../../usecases/digest/digest-card";
import { parseActionData, parseSubmission, SessionRef, typedText } from "../action-data";
import type { ActionHandlers } from "./action-handler";

export const digestActions: ActionHandlers = {
  [DIGEST_VERBS.publish]: async ({ ctx, actor, data }) => {
    const { cohortId, sessionNumber } = parseActionData(SessionRef, data);
    const submission = parseSubmission(DigestSubmission, data);
    if (!submission.ok) {
      const featured = typeof data.featured === "string" ? data.featured.split(",").filter(Boolean).slice(0, 10) : [];
      return digestCardWithProblem(ctx, actor, cohortId, sessionNumber, new ValidationError(submission.problem.message, submission.problem.issues), { note: typedText(data, "note", LIMITS.digestNote), featured });
    }
    return publishFromCard(ctx, actor, submission.value);
  },
};
