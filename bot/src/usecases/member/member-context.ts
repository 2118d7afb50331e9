/**
 * Where a member is in their programme: the cohort (their current one if they are in several),
 * its track and timeline. Every member story starts here, and a person in no cohort gets a clear
 * answer instead of an error.
 */
import type { AppContext } from "../../app-context";
import { NotFoundError, ValidationError } from "../../domain/errors";
import type { Versioned } from "../../domain/ports";
import { ownTimeline } from "../../domain/member-pause";
import { buildTimeline, lateJoinedAt } from "../../domain/timeline";
import { trackForMember } from "../../domain/tracks/session-variant";
import type { Actor, Cohort, Membership, TimelineEvent, Track } from "../../domain/types";
import { trackOfCohort } from "../tracks/cohort-track";

export interface MemberContext {
  cohort: Versioned<Cohort>;
  membership: Membership;
  track: Track;
  /** The member's own timeline: for a late joiner, without what came before they joined; moved by their pauses. */
  timeline: TimelineEvent[];
  /** The whole cohort's timeline (session briefs a late joiner caught up on are in it). */
  cohortTimeline: TimelineEvent[];
  /** Set for a member who joined after the cohort's first session. */
  lateJoinedAt?: Date;
}

/** The member's context from the cohort's schedule: their own timeline, and when they joined if late. */
function contextOf(cohort: Versioned<Cohort>, membership: Membership, track: Track, cohortTimeline: TimelineEvent[]): MemberContext {
  const late = lateJoinedAt(cohortTimeline, membership, cohort);
  // The member's own version of each session: the seniority variant for them, when the track has one.
  return { cohort, membership, track: trackForMember(track, membership), timeline: ownTimeline(cohortTimeline, membership, cohort), cohortTimeline, ...(late ? { lateJoinedAt: late } : {}) };
}

export class NotInCohortError extends NotFoundError {
  constructor() {
    super("You are not in a cohort yet. Your facilitator or L&D team will add you; until then, type **policy** to read the AI-use policy.");
  }
}

/** The member's cohort: the one named (if they belong to it), else the active one that started last. */
export async function loadMemberContext(ctx: AppContext, actor: Actor, cohortId?: string): Promise<MemberContext> {
  // A card names its cohort: one point read. Only a typed command needs the member's cohort list.
  const candidates = cohortId
    ? [await ctx.repos.memberships.get(actor.tenantId, cohortId, actor.userId)].filter((m): m is Membership => !!m)
    : await ctx.repos.memberships.listByUser(actor.tenantId, actor.userId);
  const cohorts = (await Promise.all(candidates.map((m) => ctx.repos.cohorts.get(actor.tenantId, m.cohortId)))).filter((c): c is Versioned<Cohort> => !!c && c.status !== "archived");
  const cohort = cohorts.sort((a, b) => b.startDate.localeCompare(a.startDate))[0];
  if (!cohort) throw new NotInCohortError();
  const track = await trackOfCohort(ctx.repos.tracks, cohort);
  if (!track) throw new NotFoundError("This cohort's track is no longer available. Please tell your facilitator.");
  return contextOf(cohort, candidates.find((m) => m.cohortId === cohort.id)!, track, buildTimeline(cohort, track, ctx.clock.now()));
}

export function sessionOf(track: Track, sessionNumber: number) {
  const session = track.sessions.find((s) => s.number === sessionNumber);
  if (!session) throw new NotFoundError(`Session ${sessionNumber} is not part of this programme.`);
  return session;
}

/** A session the member can answer for: part of the track and already begun (no check-ins on next month's session). */
export function startedSessionOf(member: MemberContext, sessionNumber: number, now: Date) {
  const session = sessionOf(member.track, sessionNumber);
  const brief = member.timeline.find((e) => e.kind === "learn" && e.sessionNumber === sessionNumber);
  if (brief && new Date(brief.dueAt) > now) {
    throw new ValidationError(`Session ${sessionNumber} has not started yet: it begins on ${brief.localDate}.`, [{ field: "sessionNumber", message: "has not started yet" }]);
  }
  return session;
}

export interface CohortSchedule {
  track: Track;
  timeline: TimelineEvent[];
}

export async function cohortSchedule(ctx: AppContext, cohort: Cohort): Promise<CohortSchedule | undefined> {
  const track = await trackOfCohort(ctx.repos.tracks, cohort);
  return track ? { track, timeline: buildTimeline(cohort, track, ctx.clock.now()) } : undefined;
}

/** The same context for a member the scheduler is writing to (no actor: it is the system acting). */
export async function memberContextFor(ctx: AppContext, cohort: Versioned<Cohort> | Cohort, userId: string, schedule?: CohortSchedule): Promise<MemberContext | undefined> {
  const [membership, resolved] = await Promise.all([ctx.repos.memberships.get(cohort.tenantId, cohort.id, userId), schedule ?? cohortSchedule(ctx, cohort)]);
  if (!membership || !resolved) return undefined;
  return contextOf({ etag: "", ...cohort }, membership, resolved.track, resolved.timeline);
}
