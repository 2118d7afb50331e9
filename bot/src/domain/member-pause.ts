/**
 * "I'm on leave": a member pauses their own programme by whole weeks. Everything of theirs due
 * after the moment they paused moves later by the weeks the pause lasted; what was due before
 * stays (it was already sent). Nothing else in the cohort moves.
 *
 * Rules (in the cohort's time zone, so 09:30 stays 09:30 across a daylight-saving change):
 * - A pause starts now and lasts 1–4 weeks. While one is running, asking again changes nothing
 *   (a double click is one pause).
 * - "I'm back" ends it early. The shift is then the whole weeks actually away, rounded down: back
 *   after ten days of a two-week pause is a one-week shift, and what fell due in those last three
 *   days comes now (within the scheduler's catch-up window); back within the week is no shift.
 * - A shifted event that lands on a day off (a holiday, a weekend in another calendar) moves to
 *   the next working day, at the same local time.
 * - A check-in sent before the pause but still open then closes that much later too.
 * - Pauses apply in the order they were taken; each moves what is still ahead of it.
 */
import { DateTime } from "luxon";
import { shiftEventByWeeks } from "./cohort-pause";
import { ValidationError } from "./errors";
import { lateJoinedAt, memberTimeline } from "./timeline";
import type { Cohort, LocalDate, MemberPause, Membership, TimelineEvent } from "./types";
import { calendarOf } from "./working-days";

export const PAUSE_WEEK_CHOICES = [1, 2, 3, 4] as const;

export type { MemberPause };

type CohortCalendar = Pick<Cohort, "timeZone" | "workingDays" | "holidays" | "tenantCalendar">;

/** The weeks a pause moves the member's programme by: all of them, or the whole weeks served if ended early. */
export function weeksShifted(pause: MemberPause, timeZone: string): number {
  if (!pause.endedAt) return pause.weeks;
  const from = DateTime.fromISO(pause.from, { zone: timeZone });
  const ended = DateTime.fromISO(pause.endedAt, { zone: timeZone });
  let served = 0;
  while (served < pause.weeks && from.plus({ weeks: served + 1 }) <= ended) served++;
  return served;
}

/** When the pause ends (or ended): its start plus the weeks it shifts by, in local weeks. */
export function pauseEnd(pause: MemberPause, timeZone: string): DateTime {
  return DateTime.fromISO(pause.from, { zone: timeZone }).plus({ weeks: weeksShifted(pause, timeZone) });
}

/** The pause running at `now`, if any. */
export function activePause(pauses: readonly MemberPause[] | undefined, now: Date, timeZone: string): MemberPause | undefined {
  return (pauses ?? []).find((p) => !p.endedAt && new Date(p.from).getTime() <= now.getTime() && now.getTime() < pauseEnd(p, timeZone).toMillis());
}

/** "Paused until …": the local date the running pause ends on, or undefined when the member is not paused. */
export function pausedUntil(pauses: readonly MemberPause[] | undefined, now: Date, timeZone: string): LocalDate | undefined {
  const pause = activePause(pauses, now, timeZone);
  return pause ? pauseEnd(pause, timeZone).toISODate()! : undefined;
}

/**
 * The member's pauses once they ask to pause for `weeks` at `now`; undefined when nothing changes
 * (already paused: the running pause stands, so a second click is not a second pause).
 */
export function startPause(pauses: readonly MemberPause[] | undefined, weeks: number, now: Date, timeZone: string): MemberPause[] | undefined {
  if (!PAUSE_WEEK_CHOICES.includes(weeks as (typeof PAUSE_WEEK_CHOICES)[number])) {
    throw new ValidationError("Choose a pause of 1 to 4 weeks.", [{ field: "weeks", message: "choose 1 to 4 weeks" }]);
  }
  if (activePause(pauses, now, timeZone)) return undefined;
  return [...(pauses ?? []), { from: now.toISOString(), weeks }];
}

/** The member's pauses once they say "I'm back" at `now`; undefined when they were not paused. */
export function endPause(pauses: readonly MemberPause[] | undefined, now: Date, timeZone: string): MemberPause[] | undefined {
  const running = activePause(pauses, now, timeZone);
  if (!running) return undefined;
  return (pauses ?? []).map((p) => (p === running ? { ...p, endedAt: now.toISOString() } : p));
}

/** `timeline` with every event after each pause's start moved later by the weeks it lasted. */
export function shiftForPauses(timeline: TimelineEvent[], pauses: readonly MemberPause[] | undefined, cohort: CohortCalendar): TimelineEvent[] {
  if (!pauses?.length) return timeline;
  const calendar = calendarOf(cohort);
  let events = timeline;
  for (const pause of [...pauses].sort((a, b) => a.from.localeCompare(b.from))) {
    const weeks = weeksShifted(pause, cohort.timeZone);
    if (weeks === 0) continue;
    const from = new Date(pause.from).getTime();
    events = events.map((e) => shiftEventByWeeks(e, from, weeks, cohort.timeZone, calendar));
  }
  return events;
}

/** The member's own timeline: the cohort's, without what came before a late joiner joined, moved by their pauses. */
export function ownTimeline(cohortTimeline: TimelineEvent[], membership: Pick<Membership, "joinedAt" | "pauses">, cohort: CohortCalendar & Pick<Cohort, "createdAt">): TimelineEvent[] {
  return shiftForPauses(memberTimeline(cohortTimeline, lateJoinedAt(cohortTimeline, membership, cohort)), membership.pauses, cohort);
}
