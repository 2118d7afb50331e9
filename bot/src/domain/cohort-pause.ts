/**
 * Pausing a whole cohort: the rest of its programme waits, and resuming continues it from where it
 * was. (A member's own "I'm on leave" is member-pause.ts; both can apply, the member's on top.)
 *
 * Rules (in the cohort's time zone, so 09:30 stays 09:30 across a daylight-saving change):
 * - A pause is recorded when the cohort's status goes active → paused, and closed when it goes
 *   paused → active (`recordStatusChange`).
 * - Every event not yet due when the pause began moves later by the pause's length rounded UP to
 *   whole weeks, at the same local time, onto the cohort's working days (a holiday or a day off
 *   moves it to the next working day). Whole weeks rather than whole working days: sessions keep
 *   their weekday, so a live session booked for Mondays stays on Mondays and a check-in keeps its
 *   place between two sessions; shifting by working days would slide every later session onto
 *   another weekday. Rounding up means the shift is never shorter than the pause, so nothing
 *   falls due while the cohort is paused.
 * - A check-in sent before the pause but still open then closes that much later too.
 * - Events due before the pause stay where they were (they were sent).
 * - Pauses apply in the order they were taken; each moves what is still ahead of it.
 * - While the cohort is still paused, its remaining events are shown at least a week later, or
 *   as far as the pause has lasted so far (rounded up to whole weeks) when the time is known.
 */
import { DateTime } from "luxon";
import type { Cohort, CohortPause, CohortStatus, Instant, TimelineEvent } from "./types";
import { calendarOf, onOrNextWorkingDay, type WorkingCalendar } from "./working-days";

export type { CohortPause };

type CohortCalendar = Pick<Cohort, "timeZone" | "workingDays" | "holidays" | "tenantCalendar">;

/**
 * The cohort's pauses after its status changes from `before` to `after` at `now`; undefined when
 * the change records nothing (a save that keeps the status, archiving, a resume with no open pause).
 */
export function recordStatusChange(pauses: readonly CohortPause[] | undefined, before: CohortStatus, after: CohortStatus, now: Date): CohortPause[] | undefined {
  const list = pauses ?? [];
  const open = list.find((p) => !p.resumedAt);
  if (before === "active" && after === "paused") return open ? undefined : [...list, { from: now.toISOString() }];
  if (before === "paused" && after !== "paused" && open) return list.map((p) => (p === open ? { ...p, resumedAt: maxInstant(now.toISOString(), p.from) } : p));
  return undefined;
}

/** The running pause, if the cohort is paused now. */
export function openPause(pauses: readonly CohortPause[] | undefined): CohortPause | undefined {
  return (pauses ?? []).find((p) => !p.resumedAt);
}

/**
 * Whole weeks the pause moves the remaining programme by: the least number of local weeks that
 * covers it. A running pause covers at least a week, and up to `now` when it is given.
 */
export function pauseWeeks(pause: CohortPause, timeZone: string, now?: Date): number {
  const from = DateTime.fromISO(pause.from, { zone: timeZone });
  const end = pause.resumedAt ? DateTime.fromISO(pause.resumedAt, { zone: timeZone }) : DateTime.fromJSDate(now ?? new Date(pause.from), { zone: timeZone });
  let weeks = pause.resumedAt ? 0 : 1;
  while (from.plus({ weeks }) < end) weeks++;
  return weeks;
}

/** `timeline` with everything ahead of each pause moved later by it (see the rules above), in time order. */
export function shiftForCohortPauses(timeline: TimelineEvent[], pauses: readonly CohortPause[] | undefined, cohort: CohortCalendar, now?: Date): TimelineEvent[] {
  if (!pauses?.length) return timeline;
  const calendar = calendarOf(cohort);
  let events = timeline;
  for (const pause of [...pauses].sort((a, b) => a.from.localeCompare(b.from))) {
    const weeks = pauseWeeks(pause, cohort.timeZone, now);
    if (weeks === 0) continue;
    const from = new Date(pause.from).getTime();
    events = events.map((e) => shiftEventByWeeks(e, from, weeks, cohort.timeZone, calendar));
  }
  const order = new Map(timeline.map((e, i) => [e.key, i]));
  return [...events].sort((a, b) => a.dueAt.localeCompare(b.dueAt) || order.get(a.key)! - order.get(b.key)!);
}

/**
 * Local weeks of the programme the pauses begun by `now` took up: whole weeks of finished pauses,
 * and, while one is running, everything since it began (the programme week stands still).
 */
export function pausedWeeksBy(pauses: readonly CohortPause[] | undefined, now: Date, timeZone: string): { weeks: number; frozenAt?: Date } {
  let weeks = 0;
  for (const pause of [...(pauses ?? [])].sort((a, b) => a.from.localeCompare(b.from))) {
    if (new Date(pause.from).getTime() > now.getTime()) break;
    const resumed = pause.resumedAt ? new Date(pause.resumedAt) : undefined;
    if (!resumed || resumed.getTime() > now.getTime()) return { weeks, frozenAt: new Date(pause.from) };
    weeks += pauseWeeks(pause, timeZone);
  }
  return { weeks };
}

/**
 * Moves what is still ahead of `from` by whole weeks, onto a working day at the same local time: the
 * event if it was not due yet, and the closing of a check-in that was sent but still open (so people
 * get the same time to answer it). Shared by cohort pauses and a member's own pauses.
 */
export function shiftEventByWeeks(event: TimelineEvent, from: number, weeks: number, timeZone: string, calendar: WorkingCalendar): TimelineEvent {
  const ahead = (instant: Instant) => new Date(instant).getTime() > from;
  const due = ahead(event.dueAt) ? moveLocal(event.dueAt, weeks, timeZone, calendar) : undefined;
  const closes = event.closesAt && ahead(event.closesAt) ? moveLocal(event.closesAt, weeks, timeZone, calendar) : undefined;
  if (!due && !closes) return event;
  return {
    ...event,
    ...(due ? { dueAt: due.toUTC().toISO()!, localDate: due.toISODate()!, localTime: due.toFormat("HH:mm") } : {}),
    ...(closes ? { closesAt: closes.toUTC().toISO()!, closesOn: closes.toISODate()! } : {}),
  };
}

function moveLocal(instant: Instant, weeks: number, timeZone: string, calendar: WorkingCalendar): DateTime {
  const local = DateTime.fromISO(instant, { zone: timeZone });
  const day = onOrNextWorkingDay(local.plus({ weeks }).startOf("day"), calendar);
  return day.set({ hour: local.hour, minute: local.minute, second: 0, millisecond: 0 });
}

function maxInstant(a: Instant, b: Instant): Instant {
  return new Date(a).getTime() >= new Date(b).getTime() ? a : b;
}
