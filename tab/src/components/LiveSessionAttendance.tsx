/** How a live session's attendance reads, the same in the Live sessions view and on the Programme timeline. */
import type { LiveSessionAttendanceDto } from "../../../bot/src/contract/live-sessions-contract";

/** "9 of 12 attended", "Attendance not read yet", or why Teams gave no report. */
export function attendanceText(attendance: LiveSessionAttendanceDto): string {
  if (attendance.state === "read") return `${attendance.attended} of ${attendance.invited} attended`;
  if (attendance.state === "unavailable") return attendance.note?.trim() || "Teams gave no attendance report for this meeting.";
  return "Attendance not read yet";
}

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "Mon 9 Mar 2026" for a local date (YYYY-MM-DD): a calendar day, so no time zone shifts it. */
export function longDate(localDate: string): string {
  const date = new Date(`${localDate}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return localDate;
  return `${WEEKDAYS[date.getUTCDay()]} ${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}
