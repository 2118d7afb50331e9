/**
 * Rules a cohort's schedule must keep. Leadership goes first: a team cohort starts at least a
 * configured gap (LEADERS_GO_FIRST_DAYS, default two weeks) after its leaders', so the leaders have
 * tried things and shared experiments before their teams begin.
 */
import { DateTime } from "luxon";
import { ValidationError, type FieldIssue } from "./errors";
import { localDateOf, programmeWeek } from "./timeline";
import type { Cohort, Track } from "./types";
import { assertTimeZone, parseLocalDate } from "./working-days";

type Schedule = Pick<Cohort, "kind" | "startDate" | "timeZone" | "leadershipCohortId">;

/** The earliest a team cohort may start: `gapDays` after its leadership cohort. */
export function earliestTeamStart(leadershipStart: string, gapDays: number): string {
  return DateTime.fromISO(leadershipStart, { zone: "UTC" }).plus({ days: Math.max(1, gapDays) }).toISODate()!;
}

/** The latest a leadership cohort may start: `gapDays` before the team cohort that follows it. */
export function latestLeadershipStart(teamStart: string, gapDays: number): string {
  return DateTime.fromISO(teamStart, { zone: "UTC" }).minus({ days: Math.max(1, gapDays) }).toISODate()!;
}

const gapWords = (gapDays: number) => (gapDays % 7 === 0 ? `${gapDays / 7} week${gapDays === 7 ? "" : "s"}` : `${gapDays} day${gapDays === 1 ? "" : "s"}`);

export function validateCohortSchedule(cohort: Schedule, leadershipCohort: Pick<Cohort, "id" | "kind" | "startDate" | "name"> | undefined, gapDays: number): void {
  assertTimeZone(cohort.timeZone);
  parseLocalDate(cohort.startDate, cohort.timeZone, "startDate");
  if (cohort.kind === "leadership" && cohort.leadershipCohortId) {
    throw new ValidationError("A leadership cohort cannot itself follow another leadership cohort.", [{ field: "leadershipCohortId", message: "must be empty for a leadership cohort" }]);
  }
  if (!cohort.leadershipCohortId) return;
  if (!leadershipCohort || leadershipCohort.kind !== "leadership") {
    throw new ValidationError("The leadership cohort was not found.", [{ field: "leadershipCohortId", message: "must name a leadership cohort in your organisation" }]);
  }
  const earliest = earliestTeamStart(leadershipCohort.startDate, gapDays);
  if (cohort.startDate < earliest) {
    throw new ValidationError(
      `Leadership goes first: this cohort must start at least ${gapWords(gapDays)} after "${leadershipCohort.name}" (which starts ${leadershipCohort.startDate}), so on ${earliest} or later.`,
      [{ field: "startDate", message: `must be ${earliest} or later: "${leadershipCohort.name}" starts ${leadershipCohort.startDate} and leaders go ${gapWords(gapDays)} first` }],
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Start dates in the past, and what a started cohort may not change
// ---------------------------------------------------------------------------------------------

/** "2 March" (this year) or "2 March 2025": how a date reads in a message. */
export function readableDate(localDate: string, timeZone: string, now: Date): string {
  const date = parseLocalDate(localDate, timeZone, "startDate");
  const sameYear = date.year === DateTime.fromJSDate(now, { zone: timeZone }).year;
  return date.setLocale("en-GB").toFormat(sameYear ? "d MMMM" : "d MMMM yyyy");
}

/** How many weeks a track's programme runs: its sessions, and any adoption check after them. */
export function programmeLengthWeeks(track: Pick<Track, "sessions" | "adoptionCheckWeeks">): number {
  return Math.max(track.sessions.length, ...track.adoptionCheckWeeks, 1);
}

/** Whether the cohort's first programme day is today or earlier, in its own time zone. */
export function hasStarted(cohort: Pick<Cohort, "startDate" | "timeZone">, now: Date): boolean {
  return programmeWeek(cohort, now) >= 1;
}

/** Whether `startDate` is before today in `timeZone`. */
export function isInThePast(startDate: string, timeZone: string, now: Date): boolean {
  return startDate < localDateOf(now, timeZone);
}

/**
 * A new cohort's start date: today or later; or, when the admin says the cohort is already
 * running, a past date still within one programme length (otherwise the programme is over and the
 * bot would never send anything).
 */
export function validateNewCohortStart(input: { startDate: string; timeZone: string; alreadyRunning?: boolean }, track: Pick<Track, "sessions" | "adoptionCheckWeeks" | "name">, now: Date): void {
  if (!isInThePast(input.startDate, input.timeZone, now)) return;
  const weeks = programmeLengthWeeks(track);
  const week = programmeWeek(input, now);
  const when = readableDate(input.startDate, input.timeZone, now);
  if (week > weeks) {
    throw new ValidationError(`A cohort starting on ${when} would already be in week ${week}, but ${track.name} runs for ${weeks} weeks: the programme would be over before it began. Choose a start date from today on.`, [
      { field: "startDate", message: `${when} is more than ${weeks} weeks ago, longer than the whole programme: choose a date from today on.` },
    ]);
  }
  if (!input.alreadyRunning) {
    throw new ValidationError(`${when} is in the past. If this cohort is already running, say so ("This cohort is already running"); otherwise choose a start date from today on.`, [
      { field: "startDate", message: `${when} is in the past: choose a date from today on, or tick "This cohort is already running".` },
    ]);
  }
}

/** The confirmation for a newly created cohort: when members hear from the bot. */
export function creationMessage(cohort: Pick<Cohort, "name" | "startDate" | "timeZone">, track: Pick<Track, "sessions" | "adoptionCheckWeeks">, now: Date, facilitatorNote = ""): string {
  const when = readableDate(cohort.startDate, cohort.timeZone, now);
  const note = facilitatorNote ? ` ${facilitatorNote}` : "";
  if (!isInThePast(cohort.startDate, cohort.timeZone, now)) return `${cohort.name} is created. Members hear from the bot starting with the AI-use policy, before the first session on ${when}.${note}`;
  const week = programmeWeek(cohort, now);
  return `${cohort.name} is created as already running: it started on ${when}, so members join at the current week, week ${week} of ${programmeLengthWeeks(track)}, not at the beginning.${note}`;
}

type Editable = Pick<Cohort, "id" | "name" | "kind" | "trackId" | "startDate" | "timeZone" | "leadershipCohortId">;

/**
 * A normal edit of a started cohort keeps its history: its start date, track and kind stay as
 * they were, because the timeline, what was sent and everyone's progress hang on them.
 */
export function validateStartedCohortEdit(before: Editable, after: Pick<Cohort, "kind" | "trackId" | "startDate">, now: Date): void {
  if (!hasStarted(before, now)) return;
  const when = readableDate(before.startDate, before.timeZone, now);
  const issues: FieldIssue[] = [];
  if (after.startDate !== before.startDate) issues.push({ field: "startDate", message: `This cohort started on ${when}; its start date can't move once it has started.` });
  if (after.trackId !== before.trackId) issues.push({ field: "trackId", message: `This cohort started on ${when}; its track can't change once it has started.` });
  if (after.kind !== before.kind) issues.push({ field: "kind", message: `This cohort started on ${when}; it can't change between leadership and team once it has started.` });
  if (issues.length) throw new ValidationError(issues.map((i) => i.message).join(" "), issues);
}

/**
 * Leaders go first, seen from the leadership cohort: it may not start on or after any team cohort
 * that follows it, and it may not stop being a leadership cohort while team cohorts follow it.
 */
export function validateLeadershipFollowers(after: Pick<Cohort, "kind" | "startDate">, followers: Array<Pick<Cohort, "name" | "startDate">>, gapDays: number): void {
  if (!followers.length) return;
  const names = (list: Array<Pick<Cohort, "name">>) => list.map((c) => `"${c.name}"`).join(", ");
  if (after.kind !== "leadership") {
    throw new ValidationError(`Team cohorts follow this leadership cohort (${names(followers)}), so it must stay a leadership cohort. Point them at another leadership cohort first.`, [
      { field: "kind", message: `${names(followers)} ${followers.length === 1 ? "follows" : "follow"} this leadership cohort, so it can't become a team cohort.` },
    ]);
  }
  const overtaken = followers.filter((c) => after.startDate > latestLeadershipStart(c.startDate, gapDays));
  if (overtaken.length) {
    const first = [...overtaken].sort((a, b) => a.startDate.localeCompare(b.startDate))[0]!;
    const latest = latestLeadershipStart(first.startDate, gapDays);
    throw new ValidationError(`Leadership goes first: this cohort must start before ${names(overtaken)}, which ${overtaken.length === 1 ? "follows" : "follow"} it, by at least ${gapWords(gapDays)} (the earliest starts ${first.startDate}), so on ${latest} or earlier.`, [
      { field: "startDate", message: `must be ${latest} or earlier: "${first.name}" (a team cohort that follows this one) starts ${first.startDate} and leaders go ${gapWords(gapDays)} first` },
    ]);
  }
}
