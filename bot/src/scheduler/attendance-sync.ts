/**
 * After each live session: who came, and a catch-up for those who did not (issue 19).
 *
 * Each tick, for each active cohort of a tenant with live sessions on, every scheduled meeting that
 * ended at least ATTENDANCE_AFTER_MINUTES ago has its Teams attendance read once:
 * - the read is claimed in the session's follow-up document with its ETag, so with several
 *   instances one reads and the others skip it; a claim expires (`claimTtlMs`) if its holder dies;
 * - no report yet (Teams makes it a while after the meeting): tried again every `retryMs`, for up
 *   to ATTENDANCE_GIVE_UP_HOURS after the meeting, then "unavailable";
 * - 401/403 (no OnlineMeetingArtifact.Read.All or no application access policy) and 404 are
 *   "unavailable" at once, with a note in plain words for the facilitator.
 * CATCH_UP_AFTER_HOURS after the read, each invited member who did not join gets one catch-up card
 * through the outbox (deterministic delivery ids: never twice, whoever writes it).
 * A cohort with nothing due is looked at again only when something can be (at most `recheckMs` later).
 */
import type { AppContext } from "../app-context";
import type { MeetingRecord } from "../domain/live-sessions";
import type { LiveSessionFollowUp, MeetingAttendancePort, MeetingFailure, Versioned } from "../domain/ports";
import type { Cohort } from "../domain/types";
import { ATTENDANCE_AFTER_MINUTES, ATTENDANCE_GIVE_UP_HOURS, CATCH_UP_AFTER_HOURS, changeFollowUp, invitedMembers, sendLiveCatchUp } from "../usecases/live-sessions/follow-ups";
import { liveSessionsOn } from "./meeting-sync";

export interface AttendanceSyncOptions {
  attendance: MeetingAttendancePort;
  instanceId: string;
  /** How long a claim on a read holds (default two minutes). */
  claimTtlMs?: number;
  /** How long after "no report yet" the read is tried again (default 30 minutes). */
  retryMs?: number;
  /** The longest a cohort goes unchecked (default 10 minutes). */
  recheckMs?: number;
}

export interface AttendanceSyncReport {
  read: number;
  unavailable: number;
  /** Reads left for later: no report yet, Graph unavailable, or another instance's claim. */
  deferred: number;
  /** Catch-up cards written to the outbox. */
  catchUps: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Plain words for the facilitator: why Teams gave no attendance. */
export const ATTENDANCE_NOTES = {
  notConsented: 'Teams did not let the app read who came: an admin must grant it OnlineMeetingArtifact.Read.All and an application access policy for the organiser (README, "Live sessions").',
  notFound: 'Teams could not find this meeting\'s attendance: the meeting may have been deleted, or the organiser has no application access policy for the app (README, "Live sessions").',
  noReport: "Teams made no attendance report within a day of the meeting (perhaps nobody joined, or attendance reports are turned off for the organiser).",
  unreachable: "Teams could not be reached to read who came within a day of the meeting.",
  rejected: (status: number) => `Teams refused to give this meeting's attendance (status ${status}).`,
} as const;

export function createAttendanceSync(ctx: AppContext, options: AttendanceSyncOptions) {
  const claimTtlMs = options.claimTtlMs ?? 2 * MINUTE;
  const retryMs = options.retryMs ?? 30 * MINUTE;
  const recheckMs = options.recheckMs ?? 10 * MINUTE;
  const { attendance, instanceId } = options;
  const now = () => ctx.clock.now();
  const at = (ms: number) => new Date(ms).toISOString();
  /** When each cohort may next have something to do (this instance only: it saves reads, nothing more). */
  const nextLook = new Map<string, number>();

  const readable = <M extends MeetingRecord>(m: M): m is M & { joinUrl: string; organizerId: string } =>
    m.state === "scheduled" && Boolean(m.joinUrl) && Boolean(m.organizerId) && new Date(m.endsAt).getTime() + ATTENDANCE_AFTER_MINUTES * MINUTE <= now().getTime();

  const claimedByOther = (f: LiveSessionFollowUp) => f.claimedBy !== undefined && f.claimedBy !== instanceId && (f.claimExpiresAt ?? "") > now().toISOString();

  function unavailable(failure: MeetingFailure): string {
    if (failure.kind === "not-consented") return ATTENDANCE_NOTES.notConsented;
    if (failure.kind === "not-found") return ATTENDANCE_NOTES.notFound;
    return ATTENDANCE_NOTES.rejected(failure.status ?? 0);
  }

  async function readAttendance(cohort: Cohort, meeting: MeetingRecord & { joinUrl: string; organizerId: string }, report: AttendanceSyncReport): Promise<void> {
    const t = now();
    const claimed = await changeFollowUp(ctx, cohort.tenantId, cohort.id, meeting.key, (current) => {
      if (current.attendance.state !== "pending" || claimedByOther(current)) return undefined;
      if (current.attendance.nextTryAt && current.attendance.nextTryAt > t.toISOString()) return undefined;
      return { ...current, claimedBy: instanceId, claimExpiresAt: at(t.getTime() + claimTtlMs) };
    });
    if (!claimed) return void report.deferred++;

    const [result, members] = await Promise.all([attendance.meetingAttendance(cohort.tenantId, meeting.organizerId, meeting.joinUrl), ctx.repos.memberships.listByCohort(cohort.tenantId, cohort.id)]);
    const invitedIds = invitedMembers(meeting, members, cohort);
    const done = now();
    const givenUp = done.getTime() >= new Date(meeting.endsAt).getTime() + ATTENDANCE_GIVE_UP_HOURS * HOUR;
    let outcome: Partial<LiveSessionFollowUp["attendance"]> & Pick<LiveSessionFollowUp["attendance"], "state">;
    if (result.ok && result.value.reports > 0) {
      const came = new Set(result.value.attendeeIds);
      outcome = { state: "read", invitedIds, attendedIds: invitedIds.filter((id) => came.has(id)), readAt: done.toISOString() };
    } else if (result.ok || result.failure.kind === "unavailable") {
      outcome = givenUp ? { state: "unavailable", note: result.ok ? ATTENDANCE_NOTES.noReport : ATTENDANCE_NOTES.unreachable } : { state: "pending", nextTryAt: at(done.getTime() + (result.ok ? retryMs : 5 * MINUTE)) };
    } else {
      outcome = { state: "unavailable", note: unavailable(result.failure) };
    }
    await changeFollowUp(ctx, cohort.tenantId, cohort.id, meeting.key, (current) => {
      const { claimedBy, claimExpiresAt, ...rest } = current;
      void claimedBy, void claimExpiresAt;
      const { nextTryAt, note, ...previous } = current.attendance;
      void nextTryAt, void note;
      return {
        ...rest,
        attendance: { ...previous, ...outcome, tries: current.attendance.tries + 1 },
        ...(outcome.state === "read" ? { catchUp: { ...current.catchUp, dueAt: at(done.getTime() + CATCH_UP_AFTER_HOURS * HOUR) } } : {}),
      };
    });
    if (outcome.state === "read") report.read++;
    else if (outcome.state === "unavailable") report.unavailable++;
    else report.deferred++;
    if (!result.ok) ctx.logger.warn({ tenantId: cohort.tenantId, cohortId: cohort.id, key: meeting.key, failure: result.failure.kind, status: "status" in result.failure ? result.failure.status : undefined }, "live sessions: attendance not read");
  }

  /** The cohort's due work; returns when it may next have some. */
  async function syncCohort(cohort: Cohort, report: AttendanceSyncReport): Promise<number> {
    const t = now().getTime();
    const meetings = (await ctx.repos.meetings.listByCohort(cohort.tenantId, cohort.id)).filter((m) => m.state === "scheduled");
    let next = t + recheckMs;
    const ready = meetings.filter(readable);
    for (const m of meetings) if (!readable(m)) next = Math.min(next, new Date(m.endsAt).getTime() + ATTENDANCE_AFTER_MINUTES * MINUTE);
    if (!ready.length) return next;
    const followUps = new Map<string, Versioned<LiveSessionFollowUp>>((await ctx.repos.liveSessionFollowUps.listByCohort(cohort.tenantId, cohort.id)).map((f) => [f.key, f]));
    for (const meeting of ready) {
      let followUp: LiveSessionFollowUp | undefined = followUps.get(meeting.key);
      if (!followUp || followUp.attendance.state === "pending") {
        const tryAt = followUp?.attendance.nextTryAt ? new Date(followUp.attendance.nextTryAt).getTime() : t;
        if (tryAt <= t && !(followUp && claimedByOther(followUp))) {
          await readAttendance(cohort, meeting, report);
          followUp = await ctx.repos.liveSessionFollowUps.get(cohort.tenantId, cohort.id, meeting.key);
        } else next = Math.min(next, tryAt);
      }
      if (followUp?.attendance.state !== "read" || followUp.catchUp.sentAt) continue;
      const due = followUp.catchUp.dueAt ? new Date(followUp.catchUp.dueAt).getTime() : t;
      if (due > t) {
        next = Math.min(next, due);
        continue;
      }
      report.catchUps += await sendLiveCatchUp(ctx, followUp);
    }
    return next;
  }

  return {
    /** One pass over the active cohorts given (their tenants with live sessions on). */
    async run(activeCohorts: Iterable<Cohort>): Promise<AttendanceSyncReport> {
      const report: AttendanceSyncReport = { read: 0, unavailable: 0, deferred: 0, catchUps: 0 };
      for (const cohort of activeCohorts) {
        if (!liveSessionsOn(ctx, cohort.tenantId)) continue;
        const id = `${cohort.tenantId}\u0000${cohort.id}`;
        if ((nextLook.get(id) ?? 0) > now().getTime()) continue;
        try {
          nextLook.set(id, await syncCohort(cohort, report));
        } catch (err) {
          ctx.logger.error({ tenantId: cohort.tenantId, cohortId: cohort.id, err: err instanceof Error ? err.message : String(err) }, "live sessions: attendance failed for cohort");
        }
      }
      if (report.read || report.unavailable || report.catchUps) ctx.logger.info({ instanceId, ...report }, "live sessions: attendance and catch-ups");
      return report;
    },
  };
}

export type AttendanceSync = ReturnType<typeof createAttendanceSync>;
