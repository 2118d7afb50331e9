/**
 * A cohort's live sessions as its staff see them: each Teams meeting with its attendance, the
 * facilitator's notes and the catch-up's state. The run-sheet, the timeline and the Programme
 * view all read them from here. Two single-partition reads per cohort (meetings, follow-ups).
 */
import { DateTime } from "luxon";
import type { AppContext } from "../../app-context";
import type { LiveSessionAttendanceDto, LiveSessionDto, LiveSessionsStateDto } from "../../contract/live-sessions-contract";
import type { MeetingRecord } from "../../domain/live-sessions";
import type { LiveSessionFollowUp } from "../../domain/ports";
import type { Cohort, UserId } from "../../domain/types";
import { absentees } from "./follow-ups";
import { liveSessionsState } from "./meeting-links";

export interface CohortLiveSessions {
  state: LiveSessionsStateDto;
  /** Every live session not cancelled, earliest first. */
  sessions: LiveSessionDto[];
}

export async function listLiveSessions(ctx: AppContext, cohort: Pick<Cohort, "tenantId" | "id" | "timeZone">): Promise<CohortLiveSessions> {
  const state = await liveSessionsState(ctx, cohort.tenantId);
  if (state === "off") return { state, sessions: [] };
  const [records, followUps] = await Promise.all([ctx.repos.meetings.listByCohort(cohort.tenantId, cohort.id), ctx.repos.liveSessionFollowUps.listByCohort(cohort.tenantId, cohort.id)]);
  const byKey = new Map(followUps.map((f) => [f.key, f]));
  const sessions = records
    .filter((r) => r.state !== "cancelled")
    .map((r) => toDto(r, byKey.get(r.key), cohort.timeZone))
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.key.localeCompare(b.key));
  return { state, sessions };
}

/** The members who joined a live session, from its attendance report; undefined until it has been read. */
export async function attendedMemberIds(ctx: AppContext, cohort: Pick<Cohort, "tenantId" | "id">, key: string): Promise<ReadonlySet<UserId> | undefined> {
  const followUp = await ctx.repos.liveSessionFollowUps.get(cohort.tenantId, cohort.id, key);
  return followUp?.attendance.state === "read" ? new Set(followUp.attendance.attendedIds) : undefined;
}

/** Attendance by live-session key, for the timeline (staff): only sessions whose follow-up exists. */
export async function attendanceByKey(ctx: AppContext, cohort: Pick<Cohort, "tenantId" | "id">): Promise<Map<string, LiveSessionAttendanceDto>> {
  const followUps = await ctx.repos.liveSessionFollowUps.listByCohort(cohort.tenantId, cohort.id);
  return new Map(followUps.map((f) => [f.key, attendanceOf(f)]));
}

/**
 * Per member, how many of the sessions whose attendance was read they came to (staff's member
 * table). Undefined when none was read. A cohort has a handful of follow-ups: one query.
 */
export async function attendanceTally(ctx: AppContext, cohort: Pick<Cohort, "tenantId" | "id">, userIds: readonly UserId[]): Promise<{ held: number; attendedBy: Record<UserId, number> } | undefined> {
  const read = (await ctx.repos.liveSessionFollowUps.listByCohort(cohort.tenantId, cohort.id)).filter((f) => f.attendance.state === "read");
  if (!read.length) return undefined;
  const attendedBy: Record<UserId, number> = {};
  for (const id of userIds) attendedBy[id] = read.filter((f) => f.attendance.attendedIds.includes(id)).length;
  return { held: read.length, attendedBy };
}

function attendanceOf(f: LiveSessionFollowUp | undefined): LiveSessionAttendanceDto {
  if (!f || f.attendance.state === "pending") return { state: "pending", invited: f?.attendance.invitedIds.length ?? 0, attended: 0 };
  const { state, invitedIds, attendedIds, readAt, note } = f.attendance;
  return { state, invited: invitedIds.length, attended: attendedIds.length, ...(readAt ? { readAt } : {}), ...(note ? { note } : {}) };
}

function catchUpOf(f: LiveSessionFollowUp | undefined): LiveSessionDto["catchUp"] {
  if (f?.catchUp.sentAt) return { state: "sent", sentTo: f.catchUp.sentTo.length, sentAt: f.catchUp.sentAt };
  if (f?.attendance.state === "read" && absentees(f).length === 0) return { state: "none-missed", sentTo: 0 };
  return { state: "not-yet", sentTo: 0, ...(f?.catchUp.dueAt ? { dueAt: f.catchUp.dueAt } : {}) };
}

/** One live session as staff see it, from its meeting and its follow-up (if any yet). */
export function toDto(record: MeetingRecord, followUp: LiveSessionFollowUp | undefined, timeZone: string): LiveSessionDto {
  const local = DateTime.fromISO(record.startsAt, { zone: "utc" }).setZone(timeZone);
  return {
    key: record.key,
    kind: record.kind,
    sessionNumber: record.sessionNumber,
    title: record.title,
    startsAt: record.startsAt,
    endsAt: record.endsAt,
    localDate: local.toISODate() ?? record.startsAt.slice(0, 10),
    localTime: local.toFormat("HH:mm"),
    state: record.state,
    ...(record.joinUrl?.startsWith("https://") ? { joinUrl: record.joinUrl } : {}),
    attendance: attendanceOf(followUp),
    notes: followUp?.notes ?? "",
    ...(followUp?.recordingUrl ? { recordingUrl: followUp.recordingUrl } : {}),
    catchUp: catchUpOf(followUp),
  };
}
