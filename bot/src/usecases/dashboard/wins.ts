/**
 * Where wins go and what facilitators see of them. The feed lists only wins their authors agreed
 * to share; the others are a count, so nobody reads words a member kept to themselves.
 */
import type { AppContext } from "../../app-context";
import type { WinsChannelOption, WinsFeedResponse } from "../../contract/api-contract";
import type { Actor } from "../../domain/types";
import { authorize, authorizeCohort } from "../access";

const DEFAULT_PAGE_SIZE = 20;

export async function winsFeed(ctx: AppContext, actor: Actor, cohortId: string, page: { cursor?: string; limit?: number }): Promise<WinsFeedResponse> {
  const { cohort } = await authorizeCohort(ctx, actor, "wins.read", cohortId);
  const [shared, unsharedCount] = await Promise.all([
    ctx.repos.wins.listSharedPage(cohort.tenantId, cohort.id, page.limit ?? DEFAULT_PAGE_SIZE, page.cursor),
    ctx.repos.wins.countUnshared(cohort.tenantId, cohort.id),
  ]);
  return {
    cohortId: cohort.id,
    wins: shared.wins.map((w) => ({ id: w.id, displayName: w.displayName, text: w.text, ...(w.minutesSaved !== undefined ? { minutesSaved: w.minutesSaved } : {}), createdAt: w.createdAt })),
    unsharedCount,
    ...(shared.nextCursor ? { nextCursor: shared.nextCursor } : {}),
  };
}

/** Admins choose a cohort's wins channel from these: every channel the bot knows in this tenant's teams. */
export async function listWinsChannels(ctx: AppContext, actor: Actor): Promise<WinsChannelOption[]> {
  await authorize(ctx, actor, "wins-channels.list");
  const teams = await ctx.repos.teams.list(actor.tenantId);
  return teams
    .flatMap((t) => t.channels.map((c) => ({ teamId: t.teamId, ...(t.teamName ? { teamName: t.teamName } : {}), channelId: c.channelId, ...(c.channelName ? { channelName: c.channelName } : {}) })))
    .sort((a, b) => (a.teamName ?? "").localeCompare(b.teamName ?? "") || (a.channelName ?? "").localeCompare(b.channelName ?? ""));
}
