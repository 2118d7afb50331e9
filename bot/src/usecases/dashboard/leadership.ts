/**
 * "Leadership goes first", made visible: each leadership cohort beside the team cohorts that follow
 * it. Everyone sees the whole chain their cohorts belong to: a leader sees the team cohorts that
 * follow their leadership cohort, and a team member or facilitator sees the leadership cohort
 * their team follows. Cohorts the caller has no role in are shown as group figures only (progress
 * read with a member-level role, so no names reach them). Every cohort's progress here is its
 * group figures alone (`members` is empty): the view lists no names, so it reads no member rows.
 */
import type { AppContext } from "../../app-context";
import type { CohortSummary, LeaderExperimentDto, LeadershipResponse } from "../../contract/api-contract";
import type { Actor, Cohort } from "../../domain/types";
import { listVisibleCohorts, summarise, trackNames } from "./cohort-views";
import { progressOf } from "./progress";

export async function leadershipView(ctx: AppContext, actor: Actor): Promise<LeadershipResponse> {
  const [visible, all] = await Promise.all([listVisibleCohorts(ctx, actor), ctx.repos.cohorts.list(actor.tenantId)]);
  const byId = new Map(all.map((c) => [c.id, c]));
  const seen = new Map(visible.map((c) => [c.id, c]));
  const [customTracks, policy] = await Promise.all([ctx.repos.tracks.list(actor.tenantId), ctx.repos.policies.current(actor.tenantId)]);
  const names = trackNames(customTracks);
  // Group figures only: the view shows no member rows or alerts, so it reads no page of members.
  const shared = { customTracks, policy: policy ?? null, figuresOnly: true };
  const live = (c: Cohort) => c.status !== "archived";

  // Leadership cohorts the caller is part of, and those that the caller's team cohorts follow.
  const leadershipIds = new Set<string>();
  for (const c of visible) {
    if (c.kind === "leadership") leadershipIds.add(c.id);
    else if (c.leadershipCohortId && byId.get(c.leadershipCohortId)?.kind === "leadership") leadershipIds.add(c.leadershipCohortId);
  }

  /** The caller's own summary where they have a role; otherwise a member-level one (aggregates only). */
  const entry = async (cohort: Cohort): Promise<{ cohort: CohortSummary; progress: Awaited<ReturnType<typeof progressOf>>; aggregateOnly?: true }> => {
    const own = seen.get(cohort.id);
    if (own) return { cohort: own, progress: await progressOf(ctx, actor, cohort, own.yourRole, shared) };
    return { cohort: await summarise(ctx, cohort, "member", names), progress: await progressOf(ctx, actor, cohort, "member", shared), aggregateOnly: true };
  };

  const leadership = await Promise.all(
    [...leadershipIds].map(async (id) => {
      const cohort = byId.get(id)!;
      const followers = all.filter((t) => t.kind === "team" && t.leadershipCohortId === id && (seen.has(t.id) || live(t)));
      const [own, teams, experiments] = await Promise.all([entry(cohort), Promise.all(followers.map(entry)), sharedExperiments(ctx, cohort)]);
      return { ...own, teams, experiments };
    }),
  );
  return { leadership, organisationHasLeadershipCohort: all.some((c) => c.kind === "leadership") };
}

const SHOWN_EXPERIMENTS = 10;

/** What the leaders shared with their teams: only what they agreed to share, which they did with their name. */
async function sharedExperiments(ctx: AppContext, leadership: Cohort): Promise<LeaderExperimentDto[]> {
  // Shared wins only, newest first, a bounded page: not every win the cohort ever recorded.
  const { wins } = await ctx.repos.wins.listSharedPage(leadership.tenantId, leadership.id, SHOWN_EXPERIMENTS * 5);
  return wins
    .filter((w) => w.experiment && w.shareConsent)
    .slice(0, SHOWN_EXPERIMENTS)
    .map((w) => ({ id: w.id, leaderName: w.displayName, work: w.experiment!.work, tried: w.text, outcome: w.experiment!.outcome, sharedAt: w.createdAt }));
}
