/**
 * A leader shares an experiment, recorded once per card (the draft id keys it) in the leadership
 * cohort, like a win. With consent, one post is queued for each following team cohort that has a
 * channel: the delivery lives in the team cohort's partition, keyed by the experiment, so each team
 * gets it exactly once however often the card is submitted. Their next brief quotes it
 * (usecases/digest/from-your-leaders.ts) whether or not they have a channel.
 */
import type { AppContext } from "../../app-context";
import { ValidationError } from "../../domain/errors";
import { ids } from "../../domain/ids";
import type { Actor, Cohort, Win } from "../../domain/types";
import { loadMemberContext, type MemberContext } from "./member-context";

/** The event key of a leader's experiment posted to a team cohort's channel. */
export const experimentEventKey = (experimentId: string) => `experiment.${experimentId}`;

/** The team cohorts that follow a leadership cohort and still run. */
export async function followingTeams(ctx: AppContext, leadership: Cohort): Promise<Cohort[]> {
  if (leadership.kind !== "leadership") return [];
  const all = await ctx.repos.cohorts.list(leadership.tenantId);
  return all.filter((c) => c.kind === "team" && c.leadershipCohortId === leadership.id && c.status !== "archived");
}

/** The cohort a leader shares from: a leadership cohort they are a member of. */
export async function leaderContext(ctx: AppContext, actor: Actor, cohortId: string): Promise<MemberContext> {
  const member = await loadMemberContext(ctx, actor, cohortId);
  if (member.cohort.kind !== "leadership") {
    throw new ValidationError("Sharing an experiment with your teams is for leadership cohorts. To share something AI helped you do, type **win**.", [{ field: "cohortId", message: "is not a leadership cohort" }]);
  }
  return member;
}

export async function shareExperiment(
  ctx: AppContext,
  actor: Actor,
  input: { cohortId: string; draftId: string; work: string; tried: string; outcome: string; share: boolean },
): Promise<{ member: MemberContext; experiment: Win; postedTo: Cohort[] }> {
  const member = await leaderContext(ctx, actor, input.cohortId);
  const experiment: Win = {
    id: ids.winId(member.cohort.id, input.draftId),
    tenantId: actor.tenantId,
    cohortId: member.cohort.id,
    userId: actor.userId,
    displayName: member.membership.displayName,
    text: input.tried,
    experiment: { work: input.work, outcome: input.outcome },
    shareConsent: input.share,
    createdAt: ctx.clock.now().toISOString(),
  };
  const created = (await ctx.repos.wins.createIfAbsent(experiment)) === "created";
  if (!created || !input.share) return { member, experiment, postedTo: [] };
  const teams = (await followingTeams(ctx, member.cohort)).filter((t) => t.winsChannel);
  await ctx.outbox.enqueue(teams.map((team) => ({ tenantId: team.tenantId, cohortId: team.id, userId: actor.userId, eventKey: experimentEventKey(experiment.id), kind: "leader-experiment" as const, urgent: true })));
  return { member, experiment, postedTo: teams };
}
