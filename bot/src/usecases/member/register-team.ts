/**
 * The app was added to a team, or a cohort was just created from one: every cohort that shares
 * wins to this team learns the endpoint that reaches it, so a win shared later lands in its channel.
 */
import type { AppContext } from "../../app-context";
import { ConcurrencyError } from "../../domain/errors";
import type { TenantId } from "../../domain/types";

export async function registerTeam(ctx: AppContext, tenantId: TenantId, team: { teamId: string; serviceUrl: string }): Promise<number> {
  const stale = (await ctx.repos.cohorts.list(tenantId)).filter((c) => c.winsChannel?.teamId === team.teamId && c.winsChannel.serviceUrl !== team.serviceUrl);
  let updated = 0;
  for (const { etag, ...cohort } of stale) {
    try {
      await ctx.repos.cohorts.update({ ...cohort, winsChannel: { ...cohort.winsChannel!, serviceUrl: team.serviceUrl }, updatedAt: ctx.clock.now().toISOString() }, etag);
      updated++;
    } catch (err) {
      // Someone edited the cohort at the same moment; the team's next event records the endpoint again.
      if (!(err instanceof ConcurrencyError)) throw err;
    }
  }
  if (updated) ctx.logger.info({ tenantId, cohorts: updated }, "team endpoint recorded");
  return updated;
}
