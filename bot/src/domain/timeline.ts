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
 * - Adoption checks on the third working day of each of the track's adoption weeks (4, 8 and 12 in
 *   the built-in tracks), so they do not pile onto a session day; weeks after the last session
 *   count too (habits take weeks to form). One reminder, to those who have not answered,
 *   ADOPTION_REMINDER_WORKING_DAYS working days later (not for the week-0 baseline).
 * - A paused cohort's remaining events move later by each pause, in whole weeks (cohort-pause.ts).
 * Local wall-clock times are kept across daylight-saving changes: 09:30 stays 09:30 local.
 */
import { DateTime } from "luxon";
import { pausedWeeksBy, shiftForCohortPauses } from "./cohort-pause";
import { ValidationError } from "./errors";
import type { CheckInCadence, Cohort, LocalTime, TimelineEvent, TimelineEventKind, Track } from "./types";
import { addWorkingDays, assertTimeZone, calendarOf, onOrNextWorkingDay, parseLocalDate, previousWorkingDay, subtractWorkingDays, type WorkingCalendar } from "./working-days";

type CohortSchedule = Pick<Cohort, "startDate" | "timeZone" | "localTime" | "workingDays" | "holidays" | "tenantCalendar"> & Partial<Pick<Cohort, "pauses">>;

/** Same-moment events go out in this order (the brief before the apply card). */
const KIND_ORDER: TimelineEventKind[] = ["policy", "baseline", "learn", "apply", "checkin", "checkin-reminder", "adoption", "adoption-reminder"];

export const DEFAULT_CHECK_IN_CADENCE: CheckInCadence = { gapWorkingDays: 2, reminder: true };
/** Gaps are 1 (never in the same minute as the next brief) to 4 working days (longer would leave no day to answer in a five-day week). */
export const MAX_CHECK_IN_GAP = 4;
/** Working days from an adoption check opening to its one reminder. */
export const ADOPTION_REMINDER_WORKING_DAYS = 3;

/**
 * The cohort's timeline, moved later by its pauses (cohort-pause.ts). `now` matters only while the
 * cohort is paused: what is still ahead then waits at least as long as the pause has lasted.
 */
export function buildTimeline(cohort: CohortSchedule, track: Pick<Track, "sessions" | "defaultLocalTime" | "adoptionCheckWeeks" | "checkInCadence">, now?: Date): TimelineEvent[] {
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
    const opens = addWorkingDays(weekStart(week), 2, calendar);
    add(`adoption.w${week}`, "adoption", week, opens, { adoptionWeek: week });
    add(`adoption.w${week}.reminder`, "adoption-reminder", week, addWorkingDays(opens, ADOPTION_REMINDER_WORKING_DAYS, calendar), { adoptionWeek: week });
  }

  const planned = events.sort((a, b) => a.dueAt.localeCompare(b.dueAt) || KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind));
  return shiftForCohortPauses(planned, cohort.pauses, cohort, now);
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

/**
 * The programme week `now` falls in: 0 before the start date, then 1, 2, … The weeks a cohort's
 * pauses moved it by do not count, and while it is paused the week stands still.
 */
export function programmeWeek(cohort: Pick<Cohort, "startDate" | "timeZone"> & Partial<Pick<Cohort, "pauses">>, now: Date): number {
  const start = parseLocalDate(cohort.startDate, cohort.timeZone, "startDate");
  const paused = pausedWeeksBy(cohort.pauses, now, cohort.timeZone);
  const today = DateTime.fromJSDate(paused.frozenAt ?? now, { zone: cohort.timeZone }).minus({ weeks: paused.weeks }).startOf("day");
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
// they joined. The original roster of a cohort created before its first session, and memberships
// stored without a join time, count as joined at the start: for them nothing changes. A cohort
// created "already running" (its first session in the past) is different: its whole roster joins
// when it is created, so everyone in it gets the catch-up card for the sessions already begun.

/** When `membership` joined, if that was after the cohort's first session (a late joiner); else undefined. */
export function lateJoinedAt(timeline: TimelineEvent[], membership: { joinedAt?: string }, _cohort: { createdAt?: string }): Date | undefined {
  if (!membership.joinedAt) return undefined;
  const joined = new Date(membership.joinedAt);
  if (Number.isNaN(joined.getTime())) return undefined;
  const first = timeline.find((e) => e.kind === "learn");
  // Joined with a cohort created before its first session (joinedAt = createdAt), or any time before it: from the start.
  if (!first || joined.getTime() <= new Date(first.dueAt).getTime()) return undefined;
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
