/**
 * After a live session: its follow-up document (attendance, the facilitator's notes, the catch-up)
 * and the catch-up card to the members who missed it. Shared by the scheduler
 * (scheduler/attendance-sync.ts), the facilitator's "save notes" and the delivery pipeline.
 *
 * Exactly one catch-up card per member and session, however many instances or clicks: the card is
 * a delivery with a deterministic id (`catchup-live.{key}` for that member), so enqueueing it again
 * writes nothing; `catchUp.sentAt` only says it has been done.
 */
import type { AppContext } from "../../app-context";
import { ConcurrencyError } from "../../domain/errors";
import type { MeetingRecord } from "../../domain/live-sessions";
import type { LiveSessionFollowUp, Versioned } from "../../domain/ports";
import type { Cohort, CohortId, Membership, TenantId, UserId } from "../../domain/types";

/** Attendance is read this long after a meeting ends (Teams makes its report a few minutes after). */
export const ATTENDANCE_AFTER_MINUTES = 30;
/** Teams' report is waited for this long after the meeting; then the attendance is "unavailable". */
export const ATTENDANCE_GIVE_UP_HOURS = 24;
/** The catch-up goes this long after attendance is read, so the facilitator can add notes first. */
export const CATCH_UP_AFTER_HOURS = 24;

/** The delivery event of a live session's catch-up: one per member (ids.deliveryId). */
export const LIVE_CATCH_UP_PREFIX = "catchup-live.";
export const liveCatchUpEventKey = (key: string) => `${LIVE_CATCH_UP_PREFIX}${key}`;

export function emptyFollowUp(tenantId: TenantId, cohortId: CohortId, key: string, now: Date): LiveSessionFollowUp {
  return { tenantId, cohortId, key, attendance: { state: "pending", invitedIds: [], attendedIds: [], tries: 0 }, notes: "", catchUp: { sentTo: [] }, updatedAt: now.toISOString() };
}

/**
 * Applies `change` to the session's follow-up (created empty first when there is none), with the
 * ETag it read, again on a lost race, so concurrent writers (the scheduler, a facilitator) never
 * overwrite each other. `change` returning undefined leaves it as it is (and returns undefined).
 */
export async function changeFollowUp(ctx: AppContext, tenantId: TenantId, cohortId: CohortId, key: string, change: (current: LiveSessionFollowUp) => LiveSessionFollowUp | undefined): Promise<Versioned<LiveSessionFollowUp> | undefined> {
  const repo = ctx.repos.liveSessionFollowUps;
  for (let attempt = 1; ; attempt++) {
    const current = (await repo.get(tenantId, cohortId, key)) ?? (await repo.createIfAbsent(emptyFollowUp(tenantId, cohortId, key, ctx.clock.now()))) ?? (await repo.get(tenantId, cohortId, key));
    if (!current) throw new ConcurrencyError();
    const { etag, ...record } = current;
    const next = change(record);
    if (!next) return undefined;
    try {
      return await repo.update({ ...next, updatedAt: ctx.clock.now().toISOString() }, etag);
    } catch (err) {
      if (!(err instanceof ConcurrencyError) || attempt >= 5) throw err;
    }
  }
}

/** Members invited to the meeting: in the cohort by its end (facilitators are staff, leaders belong to another cohort). */
export function invitedMembers(meeting: Pick<MeetingRecord, "endsAt">, members: readonly Membership[], cohort: Pick<Cohort, "facilitatorIds">): UserId[] {
  const staff = new Set(cohort.facilitatorIds);
  return members.filter((m) => !staff.has(m.userId) && (m.joinedAt ?? "") <= meeting.endsAt).map((m) => m.userId).sort();
}

/** Invited members Teams did not see join. */
export function absentees(followUp: Pick<LiveSessionFollowUp, "attendance">): UserId[] {
  const came = new Set(followUp.attendance.attendedIds);
  return followUp.attendance.invitedIds.filter((id) => !came.has(id));
}

/**
 * Writes the catch-up card of each member who missed the session to the outbox, then records it
 * as sent. Safe to run twice, from anywhere: the deliveries' ids make the second run write nothing.
 * Returns how many members it is for (0: attendance not read, or nobody missed it).
 */
export async function sendLiveCatchUp(ctx: AppContext, followUp: LiveSessionFollowUp): Promise<number> {
  if (followUp.attendance.state !== "read") return 0;
  const missed = absentees(followUp);
  if (!missed.length) return 0;
  const { tenantId, cohortId, key } = followUp;
  await ctx.outbox.enqueue(missed.map((userId) => ({ tenantId, cohortId, userId, eventKey: liveCatchUpEventKey(key), kind: "catchup" as const })));
  const now = ctx.clock.now().toISOString();
  await changeFollowUp(ctx, tenantId, cohortId, key, (current) => (current.catchUp.sentAt ? undefined : { ...current, catchUp: { ...current.catchUp, sentAt: now, sentTo: missed } }));
  return missed.length;
}
