/** A leader shares an experiment: the card opens from their win card, and is recorded once per card. */
import { buildExperimentCard, buildExperimentSharedCard, EXPERIMENT_VERBS, ExperimentSubmission } from "../../cards/experiment.card";
import { newDraftId } from "../../cards/card-kit";
import { LIMITS } from "../../domain/limits";
import { followingTeams, leaderContext, shareExperiment } from "../../usecases/member/share-experiment";
import { CohortRef, DraftRef, parseActionData, parseSubmission, typedText } from "../action-data";
import type { ActionHandlers } from "./action-handler";

const typed = (data: Record<string, unknown>) => ({ work: typedText(data, "work", LIMITS.shortText), tried: typedText(data, "tried", LIMITS.answerText), outcome: typedText(data, "outcome", LIMITS.answerText) });

export const experimentActions: ActionHandlers = {
  [EXPERIMENT_VERBS.open]: async ({ ctx, actor, data }) => {
    const { cohortId } = parseActionData(CohortRef, data);
    const { cohort } = await leaderContext(ctx, actor, cohortId);
    const teams = await followingTeams(ctx, cohort);
    return buildExperimentCard({ cohortId: cohort.id, cohortName: cohort.name, draftId: newDraftId(), followingTeams: teams.map((t) => t.name) });
  },
  [EXPERIMENT_VERBS.submit]: async ({ ctx, actor, data, later }) => {
    const { cohortId, draftId } = parseActionData(DraftRef, data);
    const submission = parseSubmission(ExperimentSubmission, data);
    if (!submission.ok) {
      const { cohort } = await leaderContext(ctx, actor, cohortId);
      const teams = await followingTeams(ctx, cohort);
      return buildExperimentCard({ cohortId: cohort.id, cohortName: cohort.name, draftId, followingTeams: teams.map((t) => t.name) }, { ...submission.problem, typed: typed(data) });
    }
    const { member, experiment, postedTo } = await shareExperiment(ctx, actor, submission.value);
    // Stored before the card is answered; posted after it, paced with the tenant's other sends.
    if (postedTo.length) later(() => Promise.all(postedTo.map((team) => ctx.outbox.sendSoon(team.tenantId, team.id))));
    return buildExperimentSharedCard({ cohortName: member.cohort.name }, experiment.text, postedTo.length);
  },
};

