/**
 * "From your leaders": the experiments the leaders of a team cohort's leadership cohort shared
 * (with consent) since the team's previous brief, newest first, for the next brief. Session 1's
 * brief carries everything shared before it: leaders went first.
 */
import type { AppContext } from "../../app-context";
import type { LeaderExperimentQuote } from "../../cards/session-brief.card";
import type { Cohort } from "../../domain/types";
import { cohortSchedule } from "../member/member-context";

const MOST = 3;

export async function fromYourLeaders(ctx: AppContext, cohort: Cohort, nextSessionNumber: number): Promise<LeaderExperimentQuote[]> {
  if (cohort.kind !== "team" || !cohort.leadershipCohortId) return [];
  const [wins, schedule] = await Promise.all([ctx.repos.wins.listByCohort(cohort.tenantId, cohort.leadershipCohortId), cohortSchedule(ctx, cohort)]);
  const previousBrief = schedule?.timeline.find((e) => e.kind === "learn" && e.sessionNumber === nextSessionNumber - 1);
  const since = previousBrief?.dueAt ?? "";
  const now = ctx.clock.now().toISOString();
  return wins
    .filter((w) => w.experiment && w.shareConsent && w.createdAt > since && w.createdAt <= now)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
    .slice(0, MOST)
    .map((w) => ({ leaderName: w.displayName, work: w.experiment!.work, tried: w.text, outcome: w.experiment!.outcome }));
}
