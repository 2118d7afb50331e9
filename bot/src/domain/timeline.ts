/**
 * A cohort's programme timeline, computed from its track and its calendar.
 *
 * Rules (all in the cohort's time zone, at its delivery time, on its working days):
 * - Week n (n ≥ 1) starts on startDate + 7·(n−1) days, moved to the next working day if needed.
 * - Week 0, the last working day before the start: acknowledge the AI-use policy (governance comes
 *   first) and the baseline adoption check, so weeks 4 and 8 have something to compare with.
 * - Session i, on the first working day of week i: the learn brief, then the apply card.
 * - The reflect check-in for session i opens the working day after session i (it asks about the
 *   deliverable committed there) and closes `gapWorkingDays` working days before session i+1 (the
 *   day session i+1 would fall on, after the last session), so what members report can reach the
 *   facilitators before the next session. At most one reminder, the working day before it closes.
 *   The track's `checkInCadence` sets both; a gap too long for the week is shortened so the
 *   check-in is open at least one working day.
 * - Adoption checks on the third working day of each of the track's adoption weeks (4 and 8), so
 *   they do not pile onto a session day.
 * Local wall-clock times are kept across daylight-saving changes: 09:30 stays 09:30 local.
 */
import { DateTime } from "luxon";
import { ValidationError } from "./errors";
import type { CheckInCadence, Cohort, LocalTime, TimelineEvent, TimelineEventKind, Track } from "./types";
import { addWorkingDays, assertTimeZone, calendarOf, onOrNextWorkingDay, parseLocalDate, previousWorkingDay, subtractWorkingDays, type WorkingCalendar } from "./working-days";

type CohortSchedule = Pick<Cohort, "startDate" | "timeZone" | "localTime" | "workingDays" | "holidays" | "tenantCalendar">;

/** Same-moment events go out in this order (the brief before the apply card). */
const KIND_ORDER: TimelineEventKind[] = ["policy", "baseline", "learn", "apply", "checkin", "checkin-reminder", "adoption"];

export const DEFAULT_CHECK_IN_CADENCE: CheckInCadence = { gapWorkingDays: 2, reminder: true };
/** Gaps are 1 (never in the same minute as the next brief) to 4 working days (longer would leave no day to answer in a five-day week). */
export const MAX_CHECK_IN_GAP = 4;

export function buildTimeline(cohort: CohortSchedule, track: Pick<Track, "sessions" | "defaultLocalTime" | "adoptionCheckWeeks" | "checkInCadence">): TimelineEvent[] {
  assertTimeZone(cohort.timeZone);
  const calendar = calendarOf(cohort);
  const start = parseLocalDate(cohort.startDate, cohort.timeZone, "startDate");
  const time = parseLocalTime(cohort.localTime ?? track.defaultLocalTime);
  const at = (date: DateTime) => date.set({ hour: time.hour, minute: time.minute, second: 0, millisecond: 0 });
  const weekStart = (week: number) => onOrNextWorkingDay(start.plus({ days: 7 * (week - 1) }), calendar);

  const events: TimelineEvent[] = [];
  const add = (key: string, kind: TimelineEventKind, week: number, date: DateTime, extra: Partial<TimelineEvent> = {}) =>
    events.push(toEvent(key, kind, week, at(date), extra));

  const weekZero = previousWorkingDay(start, calendar);
  add("policy", "policy", 0, weekZero);
  add("adoption.w0", "baseline", 0, weekZero, { adoptionWeek: 0 });

  for (const session of [...track.sessions].sort((a, b) => a.number - b.number)) {
    const n = session.number;
    add(`s${n}.learn`, "learn", n, weekStart(n), { sessionNumber: n });
    add(`s${n}.apply`, "apply", n, weekStart(n), { sessionNumber: n });
    const window = checkInWindow(weekStart(n), weekStart(n + 1), track.checkInCadence ?? DEFAULT_CHECK_IN_CADENCE, calendar);
    const closes = { closesAt: at(window.closes).toUTC().toISO()!, closesOn: window.closes.toISODate()! };
    add(`s${n}.checkin`, "checkin", n, window.opens, { sessionNumber: n, ...closes });
    if (window.reminder) add(`s${n}.checkin-reminder`, "checkin-reminder", n, window.reminder, { sessionNumber: n, ...closes });
  }
  for (const week of track.adoptionCheckWeeks) {
    add(`adoption.w${week}`, "adoption", week, addWorkingDays(weekStart(week), 2, calendar), { adoptionWeek: week });
  }

  return events.sort((a, b) => a.dueAt.localeCompare(b.dueAt) || KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind));
}

/** Local days the check-in on a session opens, is reminded (if it is) and closes. */
function checkInWindow(session: DateTime, nextSession: DateTime, cadence: CheckInCadence, calendar: WorkingCalendar): { opens: DateTime; reminder?: DateTime; closes: DateTime } {
  const opens = addWorkingDays(session, 1, calendar);
  const gap = Math.min(Math.max(Math.floor(cadence.gapWorkingDays), 1), MAX_CHECK_IN_GAP);
  const wanted = subtractWorkingDays(nextSession, gap, calendar);
  const closes = wanted > opens ? wanted : addWorkingDays(opens, 1, calendar);
  const reminder = previousWorkingDay(closes, calendar);
  return { opens, closes, ...(cadence.reminder && reminder > opens ? { reminder } : {}) };
}

function toEvent(key: string, kind: TimelineEventKind, week: number, local: DateTime, extra: Partial<TimelineEvent>): TimelineEvent {
  return {
    key,
    kind,
    week,
    ...extra,
    dueAt: local.toUTC().toISO()!,
    localDate: local.toISODate()!,
    localTime: local.toFormat("HH:mm"),
  };
}

export function parseLocalTime(value: LocalTime): { hour: number; minute: number } {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(value);
  if (!match) throw new ValidationError("The delivery time must look like 09:30.", [{ field: "localTime", message: "must be a time like 09:30" }]);
  return { hour: Number(match[1]), minute: Number(match[2]) };
}

/** The programme week `now` falls in: 0 before the start date, then 1, 2, … */
export function programmeWeek(cohort: Pick<Cohort, "startDate" | "timeZone">, now: Date): number {
  const start = parseLocalDate(cohort.startDate, cohort.timeZone, "startDate");
  const today = DateTime.fromJSDate(now, { zone: cohort.timeZone }).startOf("day");
  const days = Math.floor(today.diff(start, "days").days);
  return days < 0 ? 0 : Math.floor(days / 7) + 1;
}

export function localDateOf(instant: Date, timeZone: string): string {
  return DateTime.fromJSDate(instant, { zone: timeZone }).toISODate()!;
}

export function eventsDueBy(timeline: TimelineEvent[], now: Date): TimelineEvent[] {
  const t = now.getTime();
  return timeline.filter((e) => new Date(e.dueAt).getTime() <= t);
}

export type { WorkingCalendar };

// ---------------------------------------------------------------------------------------------
// Late joiners
// ---------------------------------------------------------------------------------------------
//
// A member added after the cohort's first session did not get what went out before they joined.
// They get one catch-up card with the briefs of the sessions already begun, and are never asked to
// commit to, check in on or remind about those sessions, nor to answer adoption checks due before
// they joined. The cohort's original roster (added when the cohort was created, even a cohort
// created with a past start date) and memberships stored without a join time count as joined at
// the cohort's start: for them nothing changes.

/** When `membership` joined, if that was after the cohort's first session (a late joiner); else undefined. */
export function lateJoinedAt(timeline: TimelineEvent[], membership: { joinedAt?: string }, cohort: { createdAt?: string }): Date | undefined {
  if (!membership.joinedAt) return undefined;
  const joined = new Date(membership.joinedAt);
  if (Number.isNaN(joined.getTime())) return undefined;
  const first = timeline.find((e) => e.kind === "learn");
  if (!first || joined.getTime() <= new Date(first.dueAt).getTime()) return undefined;
  if (cohort.createdAt && joined.getTime() <= new Date(cohort.createdAt).getTime()) return undefined;
  return joined;
}

/** Sessions whose brief went out before `joinedAt`: what a late joiner missed (none for anyone else). */
export function sessionsBeforeJoining(timeline: TimelineEvent[], joinedAt: Date | undefined): number[] {
  if (!joinedAt) return [];
  return timeline.filter((e) => e.kind === "learn" && new Date(e.dueAt).getTime() < joinedAt.getTime()).map((e) => e.sessionNumber!);
}

/** Whether `event` is asked of a member who joined at `joinedAt` (undefined: from the start). The policy always is. */
export function isForMember(event: TimelineEvent, joinedAt: Date | undefined, missedSessions: readonly number[] = []): boolean {
  if (!joinedAt || event.kind === "policy") return true;
  if (event.sessionNumber !== undefined && missedSessions.includes(event.sessionNumber)) return false;
  return new Date(event.dueAt).getTime() >= joinedAt.getTime();
}

/** The member's own timeline: the cohort's, without what came before a late joiner joined. */
export function memberTimeline(timeline: TimelineEvent[], joinedAt: Date | undefined): TimelineEvent[] {
  if (!joinedAt) return timeline;
  const missed = sessionsBeforeJoining(timeline, joinedAt);
  return timeline.filter((e) => isForMember(e, joinedAt, missed));
}
