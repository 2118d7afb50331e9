/**
 * Working-day arithmetic in a cohort's own calendar: its working weekdays and public holidays.
 * Dates here are local calendar dates; turning them into instants happens in timeline.ts.
 */
import { DateTime } from "luxon";
import { ValidationError } from "./errors";
import type { LocalDate, WorkingWeek } from "./types";

export const DEFAULT_WORKING_DAYS = [1, 2, 3, 4, 5];

export interface WorkingCalendar {
  workingDays: number[]; // ISO weekdays, 1 = Monday
  holidays: Set<LocalDate>;
}

/**
 * The calendar a cohort runs on: its own working days and holidays where it sets them, else its
 * organisation's (`tenantCalendar`, attached when the cohort is read), else Monday–Friday with no holidays.
 */
export function calendarOf(cohort: { workingDays?: number[]; holidays?: LocalDate[]; tenantCalendar?: WorkingWeek }): WorkingCalendar {
  const inherited = cohort.tenantCalendar;
  const workingDays = cohort.workingDays?.length ? cohort.workingDays : inherited?.workingDays.length ? inherited.workingDays : DEFAULT_WORKING_DAYS;
  if (workingDays.some((d) => !Number.isInteger(d) || d < 1 || d > 7)) {
    throw new ValidationError("Working days must be ISO weekdays from 1 (Monday) to 7 (Sunday).", [{ field: "workingDays", message: "must be 1–7" }]);
  }
  return { workingDays, holidays: new Set(cohort.holidays ?? inherited?.holidays ?? []) };
}

export function isWorkingDay(date: DateTime, calendar: WorkingCalendar): boolean {
  return calendar.workingDays.includes(date.weekday) && !calendar.holidays.has(date.toISODate()!);
}

/** `date` itself if it is a working day, else the next one. */
export function onOrNextWorkingDay(date: DateTime, calendar: WorkingCalendar): DateTime {
  let d = date;
  for (let i = 0; i < 366 && !isWorkingDay(d, calendar); i++) d = d.plus({ days: 1 });
  return d;
}

/** The last working day strictly before `date`. */
export function previousWorkingDay(date: DateTime, calendar: WorkingCalendar): DateTime {
  let d = date.minus({ days: 1 });
  for (let i = 0; i < 366 && !isWorkingDay(d, calendar); i++) d = d.minus({ days: 1 });
  return d;
}

/** Moves forward `count` working days (count ≥ 0). */
export function addWorkingDays(date: DateTime, count: number, calendar: WorkingCalendar): DateTime {
  let d = date;
  for (let moved = 0; moved < count; ) {
    d = d.plus({ days: 1 });
    if (isWorkingDay(d, calendar)) moved++;
  }
  return d;
}

/** Moves back `count` working days (count ≥ 0); 0 leaves `date` as it is. */
export function subtractWorkingDays(date: DateTime, count: number, calendar: WorkingCalendar): DateTime {
  let d = date;
  for (let moved = 0; moved < count; ) {
    d = d.minus({ days: 1 });
    if (isWorkingDay(d, calendar)) moved++;
  }
  return d;
}

/** Parses a `YYYY-MM-DD` local date as midnight in `zone`, or throws a ValidationError naming `field`. */
export function parseLocalDate(value: string, zone: string, field: string): DateTime {
  const date = DateTime.fromISO(value, { zone });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || !date.isValid) {
    throw new ValidationError(`${field} must be a date like 2026-03-02.`, [{ field, message: "must be a date like 2026-03-02" }]);
  }
  return date.startOf("day");
}

export function assertTimeZone(zone: string, field = "timeZone"): void {
  if (!DateTime.local().setZone(zone).isValid) {
    throw new ValidationError(`"${zone}" is not a time zone we know. Use an IANA name such as Europe/London.`, [{ field, message: "must be an IANA time zone such as Europe/London" }]);
  }
}
