/** "Leadership goes first", made visible: each leadership cohort beside the team cohorts that follow it. */
import type { AppContext } from "../../app-context";
import type { LeadershipResponse } from "../../api/contract";
import type { Actor } from "../../domain/types";
import { listVisibleCohorts } from "./cohort-views";
import { progressOf } from "./progress";

export async function leadershipView(ctx: AppContext, actor: Actor): Promise<LeadershipResponse> {
  const visible = await listVisibleCohorts(ctx, actor);
  const byId = new Map((await ctx.repos.cohorts.list(actor.tenantId)).map((c) => [c.id, c]));
  const leadership = visible.filter((c) => c.kind === "leadership");
  return {
    leadership: await Promise.all(
      leadership.map(async (summary) => ({
        cohort: summary,
        progress: await progressOf(ctx, actor, byId.get(summary.id)!, summary.yourRole),
        teams: await Promise.all(
          visible.filter((t) => t.leadershipCohortId === summary.id).map(async (team) => ({ cohort: team, progress: await progressOf(ctx, actor, byId.get(team.id)!, team.yourRole) })),
        ),
      })),
    ),
  };
}
