/**
 * The app was added to a team, a message came from one, or a cohort was just created from one:
 * the team is recorded as a place wins can go (admins choose a cohort's wins channel from these in
 * the tab), and every cohort that shares wins to this team learns the endpoint that reaches it.
 */
import type { AppContext } from "../../app-context";
import { ConcurrencyError } from "../../domain/errors";
import type { TenantId } from "../../domain/types";

export interface SeenTeam {
  teamId: string;
  serviceUrl: string;
  teamName?: string;
  /** The channel the event came from, when there was one. */
  channelId?: string;
  channelName?: string;
}

export async function registerTeam(ctx: AppContext, tenantId: TenantId, team: SeenTeam): Promise<number> {
  const cohorts = await ctx.repos.cohorts.list(tenantId);
  await recordInstalledTeam(ctx, tenantId, team, cohorts.flatMap((c) => (c.winsChannel?.teamId === team.teamId ? [c.winsChannel] : [])));
  const stale = cohorts.filter((c) => c.winsChannel?.teamId === team.teamId && c.winsChannel.serviceUrl !== team.serviceUrl);
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

/**
 * The General channel's id is the team's own id in Teams, so every installed team offers at least
 * that; channels cohorts already post to (set by `create cohort` there) keep their names.
 */
async function recordInstalledTeam(ctx: AppContext, tenantId: TenantId, team: SeenTeam, cohortChannels: Array<{ channelId: string; channelName?: string }>): Promise<void> {
  const general = { channelId: team.teamId, channelName: team.channelId === team.teamId && team.channelName ? team.channelName : "General" };
  const seen = team.channelId ? [{ channelId: team.channelId, ...(team.channelName ? { channelName: team.channelName } : {}) }] : [];
  await ctx.repos.teams.record({
    tenantId,
    teamId: team.teamId,
    ...(team.teamName ? { teamName: team.teamName } : {}),
    serviceUrl: team.serviceUrl,
    channels: [general, ...seen.filter((c) => c.channelId !== team.teamId), ...cohortChannels.map((c) => ({ channelId: c.channelId, ...(c.channelName ? { channelName: c.channelName } : {}) }))],
    updatedAt: ctx.clock.now().toISOString(),
  });
}
