/**
 * A cohort's timeline and progress, as the tab's Programme view shows them. Group figures come from
 * the dashboard's read model (./cohort-figures.ts): a bounded number of small reads whatever the
 * cohort's size. The member table is a page of members (`cursor`), each row computed by the same
 * domain rule from that member's own records.
 */
import type { AppContext } from "../../app-context";
import type { ProgressResponse, TimelineEventDto, TimelineResponse } from "../../contract/api-contract";
import { computeCohortProgress } from "../../domain/metrics";
import { NotFoundError } from "../../domain/errors";
import { pausedUntil } from "../../domain/member-pause";
import { buildTimeline, localDateOf } from "../../domain/timeline";
import type { Actor, Cohort, MemberProgress, PolicyVersion, TimelineEvent, Track } from "../../domain/types";
import { cohortMeetingLinks, liveSessionsState, type MeetingLink } from "../live-sessions/meeting-links";
import { attendanceByKey, attendanceTally } from "../live-sessions/live-session-list";
import type { LiveSessionAttendanceDto } from "../../contract/live-sessions-contract";
import { eventTitle } from "../member/event-cards";
import { authorizeCohort, type CohortRole } from "../access";
import { trackOfCohort } from "../tracks/cohort-track";
import { cohortFigures } from "./cohort-figures";
import { openAlerts } from "./open-alerts";

/** Rows of the member table per page. */
export const MEMBER_PAGE_SIZE = 50;

/** The cohort's track at the version it runs on (`customTracks` is no longer needed: the store keeps them per instance). */
export async function trackOf(ctx: AppContext, cohort: Cohort, customTracks?: Track[]): Promise<Track> {
  void customTracks;
  const track = await trackOfCohort(ctx.repos.tracks, cohort);
  if (!track) throw new NotFoundError("This cohort's track no longer exists.");
  return track;
}

/** A kick-off shows on its session's brief, a clinic on the check-in it follows; staff also see who came. */
function meetingOf(meetings: MeetingLink[], event: TimelineEvent, attendance?: Map<string, LiveSessionAttendanceDto>): Pick<TimelineEventDto, "meeting"> {
  const wanted = event.kind === "learn" ? "kickoff" : event.kind === "checkin" ? "clinic" : undefined;
  const found = wanted && meetings.find((m) => m.kind === wanted && m.sessionNumber === event.sessionNumber);
  if (!found) return {};
  const came = attendance?.get(found.key);
  return { meeting: { title: found.title, startsAt: found.startsAt, joinUrl: found.joinUrl, ...(came ? { attendance: came } : {}) } };
}

export async function cohortTimeline(ctx: AppContext, actor: Actor, cohortId: string): Promise<TimelineResponse> {
  const { cohort, role } = await authorizeCohort(ctx, actor, "cohort.read", cohortId);
  const track = await trackOf(ctx, cohort);
  const [figures, counts, meetings, liveSessions] = await Promise.all([cohortFigures(ctx, cohort, track), ctx.repos.deliveries.countsByEvent(cohort.tenantId, cohort.id), cohortMeetingLinks(ctx, cohort, { fresh: true }), liveSessionsState(ctx, cohort.tenantId)]);
  // Who came is for the cohort's staff only; read only when there are meetings to show it on.
  const attendance = role !== "member" && meetings.length ? await attendanceByKey(ctx, cohort) : undefined;
  const today = localDateOf(ctx.clock.now(), cohort.timeZone);
  const events: TimelineEventDto[] = buildTimeline(cohort, track, ctx.clock.now()).map((event) => {
    const count = counts.find((c) => c.eventKey === event.key || (event.kind === "policy" && c.eventKey.startsWith("policy.v")));
    return {
      key: event.key,
      kind: event.kind,
      week: event.week,
      ...(event.sessionNumber ? { sessionNumber: event.sessionNumber } : {}),
      title: eventTitle(track, event),
      localDate: event.localDate,
      localTime: event.localTime,
      dueAt: event.dueAt,
      state: event.localDate < today ? "past" : event.localDate === today ? "today" : "upcoming",
      delivery: { pending: (count?.pending ?? 0) + (count?.claimed ?? 0), sent: count?.sent ?? 0, failed: count?.failed ?? 0 },
      responses: figures.responses[event.key] ?? { suppressed: true },
      ...meetingOf(meetings, event, attendance),
    };
  });
  return { cohortId: cohort.id, timeZone: cohort.timeZone, today, events, liveSessions };
}

export async function cohortProgress(ctx: AppContext, actor: Actor, cohortId: string, cursor?: string): Promise<ProgressResponse> {
  const { cohort, role } = await authorizeCohort(ctx, actor, "cohort.read", cohortId);
  return progressOf(ctx, actor, cohort, role, { cursor });
}

export interface ProgressOptions {
  /** The member table's page to read (from the previous page's `membersCursor`). */
  cursor?: string;
  /** Group figures only (metrics.csv): no member rows, no alerts. */
  figuresOnly?: boolean;
  customTracks?: Track[];
  /** Already read by the caller (null: there is none). */
  policy?: PolicyVersion | null;
}

export async function progressOf(ctx: AppContext, actor: Actor, cohort: Cohort, role: CohortRole, options: ProgressOptions = {}): Promise<ProgressResponse> {
  const track = await trackOf(ctx, cohort, options.customTracks);
  const figures = await cohortFigures(ctx, cohort, track, options.policy);
  const group = {
    cohortId: cohort.id,
    memberCount: figures.memberCount,
    weekly: figures.weekly,
    adoption: figures.adoption,
    policyAcknowledged: figures.policyAcknowledged,
    stuckCount: figures.stuckCount,
    helpRequests: figures.helpRequests,
    figuresAsOf: figures.computedAt,
    ...(figures.refreshing ? { figuresRefreshing: true as const } : {}),
  };
  if (options.figuresOnly) return { ...group, members: [] };
  // Names are for the cohort's facilitators and admins; a member sees only their own row.
  // A member's own pause shows as "paused until …", never why.
  if (role === "member") return { ...group, members: await ownRow(ctx, actor, cohort, track) };
  const [{ rows, nextCursor }, alerts] = await Promise.all([memberRows(ctx, cohort, track, options.cursor), openAlerts(ctx, cohort)]);
  const liveSessionAttendance = ctx.config.liveSessions?.enabled ? await attendanceTally(ctx, cohort, rows.map((r) => r.userId)) : undefined;
  return { ...group, members: rows, ...(nextCursor ? { membersCursor: nextCursor } : {}), alerts, ...(liveSessionAttendance ? { liveSessionAttendance } : {}) };
}

/** A page of the member table, each row by the domain's rule (`computeCohortProgress`) from that member's records. */
async function memberRows(ctx: AppContext, cohort: Cohort, track: Track, cursor: string | undefined): Promise<{ rows: MemberProgress[]; nextCursor?: string }> {
  const page = await ctx.repos.figures.memberPage(cohort.tenantId, cohort.id, MEMBER_PAGE_SIZE, cursor);
  return { rows: rowsOf(ctx, cohort, track, page.memberships, page.records, page.resolutions), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
}

async function ownRow(ctx: AppContext, actor: Actor, cohort: Cohort, track: Track): Promise<MemberProgress[]> {
  const membership = await ctx.repos.memberships.get(cohort.tenantId, cohort.id, actor.userId);
  if (!membership) return [];
  const [records, alerts] = await Promise.all([ctx.repos.loop.listMemberRecords(cohort.tenantId, cohort.id, actor.userId), ctx.repos.alerts.listByMember(cohort.tenantId, cohort.id, actor.userId)]);
  return rowsOf(ctx, cohort, track, [membership], { ...records }, alerts.filter((a) => a.resolvedAt));
}

function rowsOf(ctx: AppContext, cohort: Cohort, track: Track, memberships: Parameters<typeof computeCohortProgress>[0]["memberships"], records: Parameters<typeof computeCohortProgress>[0]["records"], resolutions: Parameters<typeof computeCohortProgress>[0]["resolutions"]): MemberProgress[] {
  const now = ctx.clock.now();
  // Rows depend only on each member's own records: the group figures are not used from this call.
  const { members } = computeCohortProgress({ timeline: buildTimeline(cohort, track, now), memberships, records, acknowledgedUserIds: new Set(), now, ...(resolutions ? { resolutions } : {}) });
  const pauses = new Map(memberships.map((m) => [m.userId, pausedUntil(m.pauses, now, cohort.timeZone)]));
  return members.map((m) => (pauses.get(m.userId) ? { ...m, pausedUntil: pauses.get(m.userId)! } : m));
}
