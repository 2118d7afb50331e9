/**
 * Measured Microsoft 365 Copilot usage: the rules, with no I/O. Once a day the scheduler reads the
 * tenant's Copilot usage report (usecases/usage/sync-copilot-usage.ts); what is kept of it is, per
 * cohort member, the distinct last-activity dates it has shown (at most the last
 * MEASURED_USAGE_KEEP_DAYS days), nothing else. From those dates the report counts, for programme
 * weeks 4, 8 and 12, the members active in Copilot in the 28 days before that week.
 *
 * The figures follow the organisation report's release rules (domain/metrics.ts,
 * domain/impact-report.ts): a cohort under 5 members adds nothing; each cohort releases its count
 * of active members rounded down to a multiple of 5; a slice over several cohorts adds those
 * released counts up and never reopens anyone's dates. Members without a Copilot licence are not in
 * the report and count as not active. One person's dates are never shown to anyone.
 */
import { DateTime } from "luxon";
import { pauseWeeks } from "./cohort-pause";
import { MIN_GROUP_SIZE, memberCountIn, memberShareIn, roundDownToStep } from "./metrics";
import type { Aggregate, CohortPause, MeasuredUsageSettings, MeasuredUsageState, UserId } from "./types";

export type { MeasuredUsageSettings, MeasuredUsageState } from "./types";

export const MEASURED_WEEKS = [4, 8, 12] as const;
export type MeasuredWeek = (typeof MEASURED_WEEKS)[number];
/** "Active" means at least one Copilot activity in this many days before the programme week. */
export const ACTIVE_WINDOW_DAYS = 28;
/** Dates older than this are dropped: week 12's window ends 84 days after the start, plus the report's lag. */
export const MEASURED_USAGE_KEEP_DAYS = 120;
/** Graph's usage reports can be up to 72 hours old; a failed read is tried again after this long. */
export const RETRY_FAILED_READ_HOURS = 6;

export const utcDay = (instant: Date): string => instant.toISOString().slice(0, 10);

/** Whether the daily read should run now for this tenant. */
export function isReadDue(settings: MeasuredUsageSettings | undefined, now: Date): boolean {
  if (!settings?.enabled) return false;
  if (settings.lastReadDay === utcDay(now)) return false;
  return !settings.retryAfter || settings.retryAfter <= now.toISOString();
}

/**
 * Concealed names: with "Display concealed user, group, and site names in all reports" on, the
 * report's user principal names are hashes, not addresses. A real UPN always has an "@".
 */
export function looksConcealed(userPrincipalNames: readonly string[]): boolean {
  if (userPrincipalNames.length === 0) return false;
  const hashed = userPrincipalNames.filter((upn) => !upn.includes("@")).length;
  return hashed * 2 > userPrincipalNames.length;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Distinct dates, oldest first, none before `keepFrom`: what is stored for a member after a read. */
export function mergeActivityDates(existing: readonly string[], observed: readonly string[], keepFrom: string): string[] {
  return [...new Set([...existing, ...observed])].filter((d) => DATE.test(d) && d >= keepFrom).sort();
}

/** The first day kept on `today` (UTC). */
export function keepFromOn(today: Date): string {
  return utcDay(new Date(today.getTime() - MEASURED_USAGE_KEEP_DAYS * 86_400_000));
}

/**
 * The 28 days before programme week `week`, inclusive: the cohort's start + 7 × week days, moved
 * later by the whole weeks of each cohort pause that began before that day (as the pause moves the
 * week's adoption check: domain/cohort-pause.ts). Undefined while a pause before it is still running:
 * nobody knows yet when that week will be.
 */
export function activeWindow(startDate: string, week: number, paused: PausedCohort = {}): { from: string; to: string } | undefined {
  const zone = paused.timeZone ?? "utc";
  let weekStarts = DateTime.fromISO(startDate, { zone }).plus({ days: 7 * week });
  for (const pause of [...(paused.pauses ?? [])].sort((a, b) => a.from.localeCompare(b.from))) {
    if (DateTime.fromISO(pause.from, { zone }) >= weekStarts) break;
    if (!pause.resumedAt) return undefined;
    weekStarts = weekStarts.plus({ weeks: pauseWeeks(pause, zone) });
  }
  return { from: weekStarts.minus({ days: ACTIVE_WINDOW_DAYS }).toISODate()!, to: weekStarts.minus({ days: 1 }).toISODate()! };
}

/** A cohort's pauses and the zone they are counted in (whole local weeks). */
export interface PausedCohort {
  pauses?: readonly CohortPause[];
  timeZone?: string;
}

export interface MeasuredCohortInput extends PausedCohort {
  cohortId: string;
  /** The cohort's first programme day (YYYY-MM-DD). */
  startDate: string;
  memberIds: readonly UserId[];
  /** Observed dates per member; members missing here were never seen active. */
  activity: ReadonlyMap<UserId, readonly string[]>;
}

/** A count of people rounded down to a multiple of 5, in a group of `of` (0 when the group is under 5). */
interface Count {
  count: number;
  of: number;
}

/**
 * The days the stored dates can speak for: from the first successful read's refresh date (before
 * it, a member's later activity hides earlier dates) or the oldest day kept, whichever is later,
 * through the latest read's refresh date.
 */
export interface MeasuredCoverage {
  from: string;
  through: string;
}

/** A week's count, or why it has none: its window ends after the data, or starts before it. */
type WeekPart = Count | "pending" | "not-covered";

/** What one cohort releases per week. */
export type MeasuredCohortParts = Map<MeasuredWeek, WeekPart>;

/** One cohort's released counts over the days `coverage` speaks for. */
export function measuredCohortParts(input: MeasuredCohortInput, coverage: MeasuredCoverage): MeasuredCohortParts {
  const members = [...new Set(input.memberIds)];
  const parts: MeasuredCohortParts = new Map();
  for (const week of MEASURED_WEEKS) {
    const window = activeWindow(input.startDate, week, input);
    if (!window || coverage.through < window.to) parts.set(week, "pending");
    else if (window.from < coverage.from) parts.set(week, "not-covered");
    else if (members.length < MIN_GROUP_SIZE) parts.set(week, { count: 0, of: 0 });
    else {
      const active = members.filter((m) => (input.activity.get(m) ?? []).some((d) => d >= window.from && d <= window.to)).length;
      parts.set(week, { count: roundDownToStep(active), of: members.length });
    }
  }
  return parts;
}

export interface MeasuredWeekFigure {
  week: MeasuredWeek;
  /** Members active in Copilot in the 28 days before this week, in fives. */
  active: Aggregate;
  /** The same, as a share of the members of the cohorts counted. */
  share: Aggregate;
  /** Cohorts whose window has ended within the report's data. */
  cohortsCounted: number;
  /** Cohorts whose window has not ended within the report's data yet: not in the figure. */
  cohortsPending: number;
  /** Cohorts whose window began before the usage data held (read first, or kept, later): not in the figure. */
  cohortsNotCovered: number;
}

/**
 * Measured usage on a report slice. `status` other than "on" means there are no figures, and why:
 * the tab explains it (concealed names, consent missing, first read still to come).
 */
export interface MeasuredUsageFigures {
  status: Exclude<MeasuredUsageState, "off">;
  /** The day the usage data goes up to. */
  dataThrough?: string;
  weeks: MeasuredWeekFigure[];
}

/** A slice's figures: the sum of its cohorts' released counts. */
export function combineMeasured(parts: readonly MeasuredCohortParts[], status: MeasuredUsageFigures["status"], dataThrough?: string): MeasuredUsageFigures {
  if (status !== "on") return { status, ...(dataThrough ? { dataThrough } : {}), weeks: [] };
  return {
    status,
    ...(dataThrough ? { dataThrough } : {}),
    weeks: MEASURED_WEEKS.map((week) => {
      const at = parts.map((p) => p.get(week));
      const counted = at.filter((c): c is Count => typeof c === "object");
      const total = counted.reduce((t, c) => ({ count: t.count + c.count, of: t.of + c.of }), { count: 0, of: 0 });
      return {
        week,
        active: memberCountIn(total.count, total.of),
        share: memberShareIn(total.count, total.of),
        cohortsCounted: counted.length,
        cohortsPending: at.filter((c) => c === "pending").length,
        cohortsNotCovered: at.filter((c) => c === "not-covered").length,
      };
    }),
  };
}

/** Convenience for one set of cohorts taken together. */
export function computeMeasuredUsage(cohorts: readonly MeasuredCohortInput[], coverage: MeasuredCoverage): MeasuredUsageFigures {
  return combineMeasured(cohorts.map((c) => measuredCohortParts(c, coverage)), "on", coverage.through);
}

/** What the stored dates cover for a tenant now, or undefined before the first successful read. */
export function coverageOf(settings: Pick<MeasuredUsageSettings, "observedSince" | "reportRefreshDate"> | undefined, now: Date): MeasuredCoverage | undefined {
  if (!settings?.observedSince || !settings.reportRefreshDate) return undefined;
  const kept = keepFromOn(now);
  return { from: settings.observedSince > kept ? settings.observedSince : kept, through: settings.reportRefreshDate };
}
