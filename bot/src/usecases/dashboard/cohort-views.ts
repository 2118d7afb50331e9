/** The cohort lists and details the tab shows, filtered to what the caller may see. */
import type { AppContext } from "../../app-context";
import type { CohortDetail, CohortSummary } from "../../contract/api-contract";
import type { Versioned } from "../../domain/ports";
import { programmeWeek } from "../../domain/timeline";
import { calendarOf } from "../../domain/working-days";
import { listTracks } from "../../domain/tracks";
import { trackOfCohort } from "../tracks/cohort-track";
import type { Actor, Cohort, Track } from "../../domain/types";
import { authorize, authorizeCohort, type CohortRole } from "../access";

/** A cohort as the cohort list shows it to someone with `role` in it. */
export async function summarise(ctx: AppContext, cohort: Cohort, role: CohortRole, trackNames: Map<string, string>): Promise<CohortSummary> {
  // Kept on the roster document by each roster change: one point read, not a count of the cohort.
  const memberCount = await ctx.repos.figures.memberCount(cohort.tenantId, cohort.id);
  return {
    id: cohort.id,
    name: cohort.name,
    kind: cohort.kind,
    status: cohort.status,
    trackId: cohort.trackId,
    trackName: trackNames.get(cohort.trackId) ?? cohort.trackId,
    startDate: cohort.startDate,
    timeZone: cohort.timeZone,
    memberCount,
    currentWeek: programmeWeek(cohort, ctx.clock.now()),
    ...(cohort.leadershipCohortId ? { leadershipCohortId: cohort.leadershipCohortId } : {}),
    yourRole: role,
    // Staff only: whether answers and wins have somewhere to go.
    ...(role === "member" ? {} : { hasChannel: Boolean(cohort.winsChannel) }),
  };
}

export function trackNames(customTracks: Track[]): Map<string, string> {
  return new Map(listTracks(customTracks).map((t) => [t.id, t.name]));
}

export async function listVisibleCohorts(ctx: AppContext, actor: Actor): Promise<CohortSummary[]> {
  await authorize(ctx, actor, "cohorts.list");
  const all = await ctx.repos.cohorts.list(actor.tenantId);
  const memberOf = new Set((await ctx.repos.memberships.listByUser(actor.tenantId, actor.userId)).map((m) => m.cohortId));
  const names = trackNames(await ctx.repos.tracks.list(actor.tenantId));
  const visible: Array<[Cohort, CohortRole]> = [];
  for (const cohort of all) {
    if (actor.isAdmin) visible.push([cohort, "admin"]);
    else if (cohort.facilitatorIds.includes(actor.userId)) visible.push([cohort, "facilitator"]);
    else if (memberOf.has(cohort.id)) visible.push([cohort, "member"]);
  }
  return Promise.all(visible.map(([c, role]) => summarise(ctx, c, role, names)));
}

export async function cohortDetail(ctx: AppContext, actor: Actor, cohortId: string): Promise<CohortDetail> {
  const { cohort, role } = await authorizeCohort(ctx, actor, "cohort.read", cohortId);
  return detailOf(ctx, cohort, role);
}

function effectiveCalendar(cohort: Cohort): CohortDetail["calendar"] {
  const calendar = calendarOf(cohort);
  return { workingDays: calendar.workingDays, holidays: [...calendar.holidays].sort(), inherited: !cohort.workingDays && !cohort.holidays };
}

export async function detailOf(ctx: AppContext, cohort: Versioned<Cohort>, role: CohortRole): Promise<CohortDetail> {
  const customTracks = await ctx.repos.tracks.list(cohort.tenantId);
  const summary = await summarise(ctx, cohort, role, trackNames(customTracks));
  // The editor's list: names only, in one projected query (not every membership document in full).
  const members = role === "member" ? [] : await ctx.repos.figures.rosterNames(cohort.tenantId, cohort.id);
  const facilitators = await ctx.repos.people.getMany(cohort.tenantId, cohort.facilitatorIds);
  const track = await trackOfCohort(ctx.repos.tracks, cohort);
  return {
    ...summary,
    etag: cohort.etag,
    // The time its cards actually go out: a cohort created without one follows its track.
    localTime: cohort.localTime ?? track?.defaultLocalTime ?? "09:30",
    facilitators: cohort.facilitatorIds.map((id) => ({ userId: id, displayName: facilitators.find((f) => f.userId === id)?.displayName ?? "Facilitator" })),
    members: members.map((m) => ({ userId: m.userId, displayName: m.displayName, ...(m.jobTitle ? { jobTitle: m.jobTitle } : {}) })),
    ...(cohort.workingDays ? { workingDays: cohort.workingDays } : {}),
    ...(cohort.holidays ? { holidays: cohort.holidays } : {}),
    calendar: effectiveCalendar(cohort),
    ...(cohort.winsChannel ? { winsChannel: { teamId: cohort.winsChannel.teamId, channelId: cohort.winsChannel.channelId, ...(cohort.winsChannel.channelName ? { channelName: cohort.winsChannel.channelName } : {}) } } : {}),
  };
}
