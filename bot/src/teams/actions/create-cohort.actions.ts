/** In a team channel: the create-cohort form is submitted. */
import { buildCohortCreatedCard, CREATE_COHORT_VERBS, CreateCohortSubmission } from "../../cards/create-cohort.card";
import { ValidationError } from "../../domain/errors";
import { parseSubmission } from "../action-data";
import { createCohortForm, createCohortFromTeam, openPersonalChats, teamChannelOf, teamOriginOf } from "../create-cohort-from-team";
import type { ActionHandlers } from "./action-handler";

export const createCohortActions: ActionHandlers = {
  [CREATE_COHORT_VERBS.submit]: async ({ ctx, services, turn, actor, data, later }) => {
    const team = teamChannelOf(turn);
    if (!team) throw new ValidationError("Create a cohort from a channel of the team whose members should take part.");
    const submission = parseSubmission(CreateCohortSubmission, data);
    if (!submission.ok) return createCohortForm(ctx, actor, team, submission.problem, data);
    try {
      const { cohort, roster } = await createCohortFromTeam(ctx, turn, actor, team, submission.value);
      const origin = teamOriginOf(turn, actor.tenantId);
      later(() => openPersonalChats(ctx, services, origin, roster));
      return buildCohortCreatedCard(cohort.name, roster.length, cohort.startDate, cohort.message);
    } catch (err) {
      // A rule the form can't check by itself (a past start date, a leadership cohort that starts later): back on the form.
      if (err instanceof ValidationError && err.issues.length > 0) return createCohortForm(ctx, actor, team, { message: err.message, issues: err.issues }, data);
      throw err;
    }
  },
};
