/**
 * A cohort's live sessions: the Teams meetings its track holds, planned from its timeline.
 *
 * Rules (all in the cohort's time zone, on its working days, organisation calendar inherited):
 * - A track lists its live sessions (`Track.liveSessions`); without a list it has a kick-off on
 *   session 1's day (45 minutes) and a clinic after each reflect phase (45 minutes); `[]` means none.
 * - A kick-off in week n is on session n's day (the day its brief goes out).
 * - A clinic in week n is on the working day after session n's check-in closes, so it falls
 *   between what members reported and session n + 1.
 * - It starts at the session's own `localTime`, else the cohort's delivery time; start and end are
 *   UTC instants of that local wall-clock time, so 09:30 stays 09:30 across a daylight-saving change.
 * - The organiser is the cohort's first facilitator (the meeting lives on their calendar); the
 *   attendees are the members and the facilitators, and for a team cohort's kick-off also the
 *   members of its leadership cohort ("have senior leaders attend sessions").
 * Everything follows the cohort's timeline (domain/timeline.ts), so its pauses move meetings too.
 */
import { DateTime } from "luxon";
import { ValidationError, type FieldIssue } from "./errors";
import { buildTimeline, parseLocalTime } from "./timeline";
import type { Cohort, Instant, LiveSessionDefinition, LocalDate, LocalTime, Track, UserId } from "./types";
import { addWorkingDays, calendarOf, parseLocalDate } from "./working-days";

export const DEFAULT_LIVE_SESSION_MINUTES = 45;
export const MIN_LIVE_SESSION_MINUTES = 15;
export const MAX_LIVE_SESSION_MINUTES = 240;

/** A planned Teams meeting for one live session of one cohort. */
export interface PlannedMeeting {
  /** The live session's key, stable within the cohort's track ("kickoff", "clinic.s2"). */
  key: string;
  kind: LiveSessionDefinition["kind"];
  /** The session it belongs to: the brief of this session links to it. */
  sessionNumber: number;
  title: string;
  /** The calendar event's subject: the cohort's name and the session's title. */
  subject: string;
  timeZone: string;
  localDate: LocalDate;
  localTime: LocalTime;
  startsAt: Instant;
  endsAt: Instant;
  /** Whose calendar holds it: the cohort's first facilitator. */
  organizerId: UserId;
  /** Everyone invited (the organiser included), sorted and without repeats. */
  attendeeIds: UserId[];
}

export interface LiveSessionPlanInput {
  cohort: Pick<Cohort, "name" | "kind" | "startDate" | "timeZone" | "localTime" | "workingDays" | "holidays" | "tenantCalendar" | "facilitatorIds"> & Partial<Pick<Cohort, "pauses">>;
  track: Pick<Track, "name" | "sessions" | "defaultLocalTime" | "adoptionCheckWeeks" | "checkInCadence" | "liveSessions">;
  memberIds: readonly UserId[];
  /** Members of the cohort's leadership cohort (team cohorts only): invited to the kick-off. */
  leaderIds?: readonly UserId[];
  /** Passed on to the timeline: matters only while the cohort is paused. */
  now?: Date;
}

/** A kick-off on session 1's day and a clinic after each session's reflect phase. */
export function defaultLiveSessions(track: Pick<Track, "sessions">): LiveSessionDefinition[] {
  const numbers = track.sessions.map((s) => s.number).sort((a, b) => a - b);
  if (!numbers.length) return [];
  return [
    { key: "kickoff", kind: "kickoff", week: numbers[0]!, title: "Kick-off", durationMinutes: DEFAULT_LIVE_SESSION_MINUTES },
    ...numbers.map((n): LiveSessionDefinition => ({ key: `clinic.s${n}`, kind: "clinic", week: n, title: `Clinic: what worked and what got stuck after session ${n}`, durationMinutes: DEFAULT_LIVE_SESSION_MINUTES })),
  ];
}

/** The track's live sessions: its own list, or the defaults when it has none. */
export function liveSessionsOf(track: Pick<Track, "sessions" | "liveSessions">): LiveSessionDefinition[] {
  return track.liveSessions ?? defaultLiveSessions(track);
}

/** What is wrong with a track's live-session list, field by field (empty when nothing is). */
export function liveSessionIssues(definitions: readonly LiveSessionDefinition[], track: Pick<Track, "sessions">): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const sessions = new Set(track.sessions.map((s) => s.number));
  const seen = new Set<string>();
  definitions.forEach((d, i) => {
    const at = (field: string) => `liveSessions[${i}].${field}`;
    if (!/^[a-z0-9][a-z0-9.-]{0,39}$/.test(d.key)) issues.push({ field: at("key"), message: "must be short: lower-case letters, digits, dots and dashes" });
    else if (seen.has(d.key)) issues.push({ field: at("key"), message: "is used by another live session of this track" });
    seen.add(d.key);
    if (d.kind !== "kickoff" && d.kind !== "clinic") issues.push({ field: at("kind"), message: "must be kickoff or clinic" });
    if (!sessions.has(d.week)) issues.push({ field: at("week"), message: "must be the week of one of the track's sessions" });
    if (!d.title?.trim() || d.title.length > 120) issues.push({ field: at("title"), message: "must be 1–120 characters" });
    if (!Number.isInteger(d.durationMinutes) || d.durationMinutes < MIN_LIVE_SESSION_MINUTES || d.durationMinutes > MAX_LIVE_SESSION_MINUTES) {
      issues.push({ field: at("durationMinutes"), message: `must be a whole number of minutes from ${MIN_LIVE_SESSION_MINUTES} to ${MAX_LIVE_SESSION_MINUTES}` });
    }
    if (d.localTime !== undefined && !/^([01]\d|2[0-3]):([0-5]\d)$/.test(d.localTime)) issues.push({ field: at("localTime"), message: "must be a time like 14:00" });
  });
  return issues;
}

/**
 * The cohort's meetings, earliest first. A cohort without a facilitator has nobody whose calendar
 * could hold them: no meetings. Throws ValidationError for a live-session list that is invalid.
 */
export function planLiveSessions(input: LiveSessionPlanInput): PlannedMeeting[] {
  const { cohort, track } = input;
  const definitions = liveSessionsOf(track);
  const organizerId = cohort.facilitatorIds[0];
  if (!definitions.length || !organizerId) return [];
  const issues = liveSessionIssues(definitions, track);
  if (issues.length) throw new ValidationError("The track's live sessions need fixing.", issues);

  const calendar = calendarOf(cohort);
  const timeline = buildTimeline(cohort, track, input.now);
  const everyone = [...input.memberIds, ...cohort.facilitatorIds];
  const leaders = cohort.kind === "team" ? (input.leaderIds ?? []) : [];

  const meetings: PlannedMeeting[] = [];
  for (const def of definitions) {
    const day = sessionDay(def, timeline, cohort.timeZone, calendar);
    if (!day) continue;
    const time = def.localTime ?? cohort.localTime ?? track.defaultLocalTime;
    const { hour, minute } = parseLocalTime(time);
    const start = day.set({ hour, minute, second: 0, millisecond: 0 });
    const end = start.plus({ minutes: def.durationMinutes });
    meetings.push({
      key: def.key,
      kind: def.kind,
      sessionNumber: def.week,
      title: def.title,
      subject: `${cohort.name}: ${def.title}`,
      timeZone: cohort.timeZone,
      localDate: start.toISODate()!,
      localTime: start.toFormat("HH:mm"),
      startsAt: start.toUTC().toISO()!,
      endsAt: end.toUTC().toISO()!,
      organizerId,
      attendeeIds: [...new Set([...everyone, ...(def.kind === "kickoff" ? leaders : [])])].sort(),
    });
  }
  return meetings.sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.key.localeCompare(b.key));
}

/** The local day a live session falls on, from the cohort's timeline (undefined: no such session). */
function sessionDay(def: LiveSessionDefinition, timeline: ReturnType<typeof buildTimeline>, zone: string, calendar: ReturnType<typeof calendarOf>): DateTime | undefined {
  if (def.kind === "kickoff") {
    const brief = timeline.find((e) => e.kind === "learn" && e.sessionNumber === def.week);
    return brief ? parseLocalDate(brief.localDate, zone, "localDate") : undefined;
  }
  const checkIn = timeline.find((e) => e.kind === "checkin" && e.sessionNumber === def.week);
  if (!checkIn?.closesOn) return undefined;
  return addWorkingDays(parseLocalDate(checkIn.closesOn, zone, "closesOn"), 1, calendar);
}

/**
 * What a stored meeting must match to be up to date: everything the calendar event carries.
 * Two plans with the same signature need no update.
 */
export function meetingSignature(meeting: PlannedMeeting): string {
  return JSON.stringify([meeting.subject, meeting.timeZone, meeting.startsAt, meeting.endsAt, meeting.organizerId, meeting.attendeeIds]);
}

/** The meeting a session's brief links to: the first of that session's meetings not yet over at `now`. */
export function meetingForSession<T extends { sessionNumber: number; startsAt: Instant; endsAt: Instant }>(meetings: readonly T[], sessionNumber: number, now: Date): T | undefined {
  return [...meetings]
    .filter((m) => m.sessionNumber === sessionNumber && new Date(m.endsAt).getTime() > now.getTime())
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt))[0];
}

// ---------------------------------------------------------------------------------------------
// Stored meetings
// ---------------------------------------------------------------------------------------------

/**
 * - "creating": an instance claimed it and is creating the event (or crashed doing so: once the
 *   claim expires another instance retries with the same Graph `transactionId`, so at most one event exists).
 * - "scheduled": the event exists on the organiser's calendar, as the plan with `planHash` said.
 * - "cancelled": the event was cancelled (cohort archived, live session removed from the track).
 * - "failed": Graph refused it for good (e.g. the organiser has no mailbox); `lastError` says why.
 */
export type MeetingState = "creating" | "scheduled" | "cancelled" | "failed";

/** One cohort's live session as a Teams meeting: one record per cohort and live-session key. */
export interface MeetingRecord {
  tenantId: string;
  cohortId: string;
  key: string;
  state: MeetingState;
  kind: PlannedMeeting["kind"];
  sessionNumber: number;
  title: string;
  startsAt: Instant;
  endsAt: Instant;
  /** Whose calendar holds the event. */
  organizerId?: UserId;
  /** Graph's event id on the organiser's calendar. */
  eventId?: string;
  /** The Teams join link (`onlineMeeting.joinUrl`). */
  joinUrl?: string;
  /** Hash of the plan the event was last written from (meetingSignature). */
  planHash?: string;
  /** Sent with the event's creation: Graph creates one event per transaction id, whoever retries. */
  transactionId: string;
  /** Bumped each time the meeting is created afresh (after a cancellation or a new organiser). */
  generation: number;
  claimedBy?: string;
  claimExpiresAt?: Instant;
  lastError?: string;
  updatedAt: Instant;
}
