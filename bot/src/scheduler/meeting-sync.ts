/**
 * Live sessions as Teams meetings: each tick, for each active cohort of a tenant with live sessions
 * turned on, the planned meetings (domain/live-sessions.ts) are reconciled with the stored ones:
 * missing ones are created, changed ones (start date moved, members changed) updated, and those no
 * longer planned (the cohort archived, the session removed from the track) cancelled.
 *
 * Safe with several scheduler instances, with no in-memory locks:
 * - Each meeting record is claimed before any Graph call: a new one is created with the claim in it
 *   (a duplicate id loses), an existing one is claimed with its ETag. Whoever loses skips it.
 * - The event's creation carries a deterministic Graph `transactionId`: if an instance dies after
 *   Graph created the event but before the record says so, the next claimant's retry returns the
 *   same event instead of a second one.
 * - A claim expires (`claimTtlMs`), so a crashed instance's meeting is picked up later.
 * Off unless LIVE_SESSIONS_ENABLED (and the tenant is in LIVE_SESSIONS_TENANT_IDS when set). A 401/403
 * from Graph records the tenant as "not consented" (the tab says so) and is retried hourly.
 * Meetings already over are history: never created late, moved or cancelled.
 */
import crypto from "node:crypto";
import type { AppContext } from "../app-context";
import { ConcurrencyError } from "../domain/errors";
import { meetingSignature, planLiveSessions, type MeetingRecord, type PlannedMeeting } from "../domain/live-sessions";
import type { LiveSessionsStatus, MeetingCalendarPort, MeetingFailure, TeamsMeetingRequest, Versioned } from "../domain/ports";
import { trackOfCohort } from "../usecases/tracks/cohort-track";
import type { Cohort, TenantId } from "../domain/types";

export interface MeetingSyncOptions {
  calendar: MeetingCalendarPort;
  instanceId: string;
  /** How long a claim on a meeting record holds (default two minutes). */
  claimTtlMs?: number;
  /** How long after a "not consented" answer a tenant is tried again (default one hour). */
  consentRetryMs?: number;
}

export interface MeetingSyncReport {
  created: number;
  updated: number;
  cancelled: number;
  failed: number;
  /** Meetings left for later: claimed by another instance, or Graph unavailable. */
  deferred: number;
}

export const emptyMeetingReport = (): MeetingSyncReport => ({ created: 0, updated: 0, cancelled: 0, failed: 0, deferred: 0 });

/** Whether live sessions are turned on for the tenant (config); Graph consent is learnt on the first call. */
export function liveSessionsOn(ctx: Pick<AppContext, "config">, tenantId: TenantId): boolean {
  const settings = ctx.config.liveSessions;
  return Boolean(settings?.enabled) && (!settings.tenantIds.length || settings.tenantIds.includes(tenantId));
}

/** Graph's `transactionId` for a meeting's creation: the same for every retry of one generation. */
export function transactionIdOf(tenantId: string, cohortId: string, key: string, generation: number): string {
  const hex = crypto.createHash("sha256").update(`${tenantId}\u0000${cohortId}\u0000${key}\u0000${generation}`).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

const planHash = (meeting: PlannedMeeting) => crypto.createHash("sha256").update(meetingSignature(meeting)).digest("base64url");

class NotConsented extends Error {}

export function createMeetingSync(ctx: AppContext, options: MeetingSyncOptions) {
  const claimTtlMs = options.claimTtlMs ?? 120_000;
  const consentRetryMs = options.consentRetryMs ?? 3600_000;
  const { calendar, instanceId } = options;
  const now = () => ctx.clock.now();
  const iso = () => now().toISOString();
  const claimUntil = () => new Date(now().getTime() + claimTtlMs).toISOString();
  const claimedByOther = (r: MeetingRecord) => r.claimedBy !== undefined && r.claimedBy !== instanceId && (r.claimExpiresAt ?? "") > iso();
  const over = (endsAt: string) => new Date(endsAt).getTime() <= now().getTime();

  /** Claims `record` (ETag-guarded); undefined when another instance got there first. */
  async function claim(record: Versioned<MeetingRecord>, changes: Partial<MeetingRecord> = {}): Promise<Versioned<MeetingRecord> | undefined> {
    if (claimedByOther(record)) return undefined;
    const { etag, ...current } = record;
    try {
      return await ctx.repos.meetings.update({ ...current, ...changes, claimedBy: instanceId, claimExpiresAt: claimUntil(), updatedAt: iso() }, etag);
    } catch (err) {
      if (err instanceof ConcurrencyError) return undefined;
      throw err;
    }
  }

  /** Writes the outcome and drops the claim; a lost claim (it expired and someone took over) is left to them. */
  async function settle(record: Versioned<MeetingRecord>, changes: Partial<MeetingRecord>): Promise<void> {
    const { etag, claimedBy, claimExpiresAt, ...current } = record;
    void claimedBy, void claimExpiresAt;
    try {
      await ctx.repos.meetings.update({ ...current, ...changes, updatedAt: iso() }, etag);
    } catch (err) {
      if (!(err instanceof ConcurrencyError)) throw err;
      ctx.logger.warn({ tenantId: record.tenantId, cohortId: record.cohortId, key: record.key }, "meeting claim lost before its outcome was written");
    }
  }

  /** What a failed Graph call means for the meeting: stop the tenant, try later, or record it as failed. */
  async function onFailure(record: Versioned<MeetingRecord>, failure: MeetingFailure, report: MeetingSyncReport): Promise<void> {
    if (failure.kind === "not-consented") {
      await settle(record, {});
      throw new NotConsented();
    }
    if (failure.kind === "unavailable") {
      // Keep the claim's record as it was; the next tick (any instance) tries again.
      await settle(record, {});
      report.deferred++;
      return;
    }
    await settle(record, { state: "failed", lastError: `${failure.kind} (${failure.status}${failure.code ? ` ${failure.code}` : ""})` });
    report.failed++;
  }

  function request(cohort: Cohort, meeting: PlannedMeeting): TeamsMeetingRequest {
    return {
      subject: meeting.subject,
      bodyText: `${meeting.title}. A live session of ${cohort.name} in Cohort Coach: bring what you tried on your real work, what worked and where you got stuck.`,
      timeZone: meeting.timeZone,
      startsAt: meeting.startsAt,
      endsAt: meeting.endsAt,
      attendeeIds: meeting.attendeeIds.filter((id) => id !== meeting.organizerId),
    };
  }

  async function create(cohort: Cohort, record: Versioned<MeetingRecord>, meeting: PlannedMeeting, report: MeetingSyncReport): Promise<void> {
    const result = await calendar.createMeeting(cohort.tenantId, meeting.organizerId, request(cohort, meeting), record.transactionId);
    if (!result.ok) return onFailure(record, result.failure, report);
    await settle(record, { state: "scheduled", eventId: result.value.eventId, ...(result.value.joinUrl ? { joinUrl: result.value.joinUrl } : {}), ...planned(meeting), lastError: undefined });
    report.created++;
  }

  const planned = (meeting: PlannedMeeting): Partial<MeetingRecord> => ({
    kind: meeting.kind,
    sessionNumber: meeting.sessionNumber,
    title: meeting.title,
    startsAt: meeting.startsAt,
    endsAt: meeting.endsAt,
    organizerId: meeting.organizerId,
    planHash: planHash(meeting),
  });

  /** A fresh event for a record whose last one is gone (cancelled, failed, another organiser): a new generation. */
  function nextGeneration(record: MeetingRecord): Partial<MeetingRecord> {
    const generation = record.generation + 1;
    return { state: "creating", generation, transactionId: transactionIdOf(record.tenantId, record.cohortId, record.key, generation), eventId: undefined, joinUrl: undefined };
  }

  async function cancel(record: Versioned<MeetingRecord>, report: MeetingSyncReport): Promise<boolean> {
    const claimed = await claim(record);
    if (!claimed) {
      report.deferred++;
      return false;
    }
    if (claimed.eventId && claimed.organizerId) {
      const result = await calendar.cancelMeeting(claimed.tenantId, claimed.organizerId, claimed.eventId, "This live session is no longer part of the programme.");
      if (!result.ok && result.failure.kind !== "not-found") {
        await onFailure(claimed, result.failure, report);
        return false;
      }
    }
    await settle(claimed, { state: "cancelled", joinUrl: undefined });
    report.cancelled++;
    return true;
  }

  async function reconcile(cohort: Cohort, meeting: PlannedMeeting, stored: Versioned<MeetingRecord> | undefined, report: MeetingSyncReport): Promise<boolean> {
    const hash = planHash(meeting);
    if (!stored) {
      if (over(meeting.endsAt)) return true;
      const record: MeetingRecord = {
        tenantId: cohort.tenantId,
        cohortId: cohort.id,
        key: meeting.key,
        state: "creating",
        ...(planned(meeting) as Pick<MeetingRecord, "kind" | "sessionNumber" | "title" | "startsAt" | "endsAt">),
        organizerId: meeting.organizerId,
        planHash: hash,
        generation: 1,
        transactionId: transactionIdOf(cohort.tenantId, cohort.id, meeting.key, 1),
        claimedBy: instanceId,
        claimExpiresAt: claimUntil(),
        updatedAt: iso(),
      };
      const created = await ctx.repos.meetings.createIfAbsent(record);
      if (!created) {
        report.deferred++;
        return false;
      }
      await create(cohort, created, meeting, report);
      return true;
    }
    if (over(stored.endsAt) && stored.state !== "creating") return true;
    switch (stored.state) {
      case "creating": {
        // Someone crashed (or is still) creating it: retry with the same transaction id once the claim is free.
        const claimed = await claim(stored);
        if (!claimed) return report.deferred++, false;
        await create(cohort, claimed, meeting, report);
        return true;
      }
      case "failed":
      case "cancelled": {
        // A failed one is tried again only once its plan changed.
        if (over(meeting.endsAt) || (stored.state === "failed" && stored.planHash === hash)) return true;
        const claimed = await claim(stored, { ...nextGeneration(stored), planHash: hash });
        if (!claimed) return report.deferred++, false;
        await create(cohort, claimed, meeting, report);
        return true;
      }
      case "scheduled": {
        if (stored.planHash === hash) return true;
        if (stored.organizerId !== meeting.organizerId || !stored.eventId) {
          // The event lives on the old organiser's calendar: cancel it there and create it on the new one's.
          if (!(await cancel(stored, report))) return false;
          const fresh = (await ctx.repos.meetings.listByCohort(cohort.tenantId, cohort.id)).find((r) => r.key === meeting.key);
          return fresh ? reconcile(cohort, meeting, fresh, report) : false;
        }
        const claimed = await claim(stored);
        if (!claimed) return report.deferred++, false;
        const result = await calendar.updateMeeting(cohort.tenantId, meeting.organizerId, stored.eventId, request(cohort, meeting));
        if (!result.ok) {
          if (result.failure.kind === "not-found") {
            // Deleted from the calendar by hand: it is needed, so it is created again.
            await settle(claimed, { state: "cancelled", joinUrl: undefined });
            const fresh = (await ctx.repos.meetings.listByCohort(cohort.tenantId, cohort.id)).find((r) => r.key === meeting.key);
            return fresh ? reconcile(cohort, meeting, fresh, report) : false;
          }
          await onFailure(claimed, result.failure, report);
          return false;
        }
        await settle(claimed, { ...planned(meeting), ...(result.value.joinUrl ? { joinUrl: result.value.joinUrl } : {}), lastError: undefined });
        report.updated++;
        return true;
      }
    }
  }

  /** Everything the cohort's meetings depend on, so an unchanged cohort costs a few point reads. */
  async function signatureOf(cohort: Versioned<Cohort>, trackJson: string): Promise<string> {
    const leaders = cohort.kind === "team" && cohort.leadershipCohortId ? await ctx.repos.memberships.rosterVersion(cohort.tenantId, cohort.leadershipCohortId) : "";
    const roster = await ctx.repos.memberships.rosterVersion(cohort.tenantId, cohort.id);
    return crypto.createHash("sha256").update(JSON.stringify([cohort.etag, roster ?? "", leaders ?? "", trackJson, cohort.tenantCalendar ?? null])).digest("base64url");
  }

  /** Reconciles one active cohort's meetings. Throws NotConsented to stop the tenant. */
  async function syncCohort(cohort: Versioned<Cohort>, report: MeetingSyncReport): Promise<void> {
    const track = await trackOfCohort(ctx.repos.tracks, cohort);
    if (!track) return;
    const signature = await signatureOf(cohort, JSON.stringify(track));
    if ((await ctx.repos.meetings.getSyncMark(cohort.tenantId, cohort.id)) === signature) return;

    const [members, leaders, stored] = await Promise.all([
      ctx.repos.memberships.listByCohort(cohort.tenantId, cohort.id),
      cohort.kind === "team" && cohort.leadershipCohortId ? ctx.repos.memberships.listByCohort(cohort.tenantId, cohort.leadershipCohortId) : Promise.resolve([]),
      ctx.repos.meetings.listByCohort(cohort.tenantId, cohort.id),
    ]);
    const plan = planLiveSessions({ cohort, track, memberIds: members.map((m) => m.userId), leaderIds: leaders.map((m) => m.userId), now: now() });
    const byKey = new Map(stored.map((r) => [r.key, r]));
    let complete = true;
    for (const meeting of plan) {
      if (!(await reconcile(cohort, meeting, byKey.get(meeting.key), report))) complete = false;
      byKey.delete(meeting.key);
    }
    for (const leftOver of byKey.values()) {
      if (leftOver.state === "cancelled" || leftOver.state === "failed" || over(leftOver.endsAt)) continue;
      if (!(await cancel(leftOver, report))) complete = false;
    }
    // Only a sync that reached every meeting may say "nothing to do" next time.
    if (complete) await ctx.repos.meetings.saveSyncMark(cohort.tenantId, cohort.id, signature);
  }

  /** Cancels the meetings still open of a cohort that is no longer active (archived or gone); a paused cohort keeps them. */
  async function sweepInactive(tenantId: TenantId, cohortId: string, report: MeetingSyncReport): Promise<void> {
    const cohort = await ctx.repos.cohorts.get(tenantId, cohortId);
    if (cohort && cohort.status !== "archived") return;
    for (const record of await ctx.repos.meetings.listByCohort(tenantId, cohortId)) {
      if (record.state === "cancelled" || record.state === "failed" || over(record.endsAt)) continue;
      await cancel(record, report);
    }
  }

  async function withConsent(tenantId: TenantId, statuses: Map<TenantId, LiveSessionsStatus | undefined>, work: () => Promise<void>): Promise<void> {
    if (!statuses.has(tenantId)) statuses.set(tenantId, await ctx.repos.meetings.getStatus(tenantId));
    const status = statuses.get(tenantId);
    if (status?.state === "not-consented" && now().getTime() - new Date(status.checkedAt).getTime() < consentRetryMs) throw new NotConsented();
    try {
      await work();
      if (status?.state !== "on") {
        const on: LiveSessionsStatus = { tenantId, state: "on", checkedAt: iso() };
        await ctx.repos.meetings.saveStatus(on);
        statuses.set(tenantId, on);
      }
    } catch (err) {
      if (err instanceof NotConsented) {
        if (status?.state !== "not-consented" || now().getTime() - new Date(status.checkedAt).getTime() >= consentRetryMs) {
          const off: LiveSessionsStatus = { tenantId, state: "not-consented", checkedAt: iso() };
          await ctx.repos.meetings.saveStatus(off);
          statuses.set(tenantId, off);
          ctx.logger.warn({ tenantId }, "live sessions: Graph refused the calendar write (not consented)");
        }
      }
      throw err;
    }
  }

  return {
    /**
     * One pass: every active cohort given (grouped by tenant) whose tenant has live sessions on,
     * then the cohorts that still have open meetings but are no longer active.
     */
    async run(activeCohorts: Iterable<Versioned<Cohort>>): Promise<MeetingSyncReport> {
      const report = emptyMeetingReport();
      const statuses = new Map<TenantId, LiveSessionsStatus | undefined>();
      const refused = new Set<TenantId>();
      const active = new Set<string>();
      for (const cohort of activeCohorts) {
        active.add(`${cohort.tenantId}\u0000${cohort.id}`);
        if (!liveSessionsOn(ctx, cohort.tenantId) || refused.has(cohort.tenantId)) continue;
        try {
          await withConsent(cohort.tenantId, statuses, () => syncCohort(cohort, report));
        } catch (err) {
          if (err instanceof NotConsented) refused.add(cohort.tenantId);
          else ctx.logger.error({ tenantId: cohort.tenantId, cohortId: cohort.id, err: err instanceof Error ? err.message : String(err) }, "live sessions: sync failed for cohort");
        }
      }
      if (!ctx.config.liveSessions?.enabled) return report;
      for (const { tenantId, cohortId } of await ctx.repos.meetings.listCohortsWithOpenMeetings()) {
        if (active.has(`${tenantId}\u0000${cohortId}`) || !liveSessionsOn(ctx, tenantId) || refused.has(tenantId)) continue;
        try {
          await withConsent(tenantId, statuses, () => sweepInactive(tenantId, cohortId, report));
        } catch (err) {
          if (err instanceof NotConsented) refused.add(tenantId);
          else ctx.logger.error({ tenantId, cohortId, err: err instanceof Error ? err.message : String(err) }, "live sessions: cancelling failed for cohort");
        }
      }
      if (report.created || report.updated || report.cancelled || report.failed) ctx.logger.info({ instanceId, ...report }, "live sessions synced");
      return report;
    },
  };
}

export type MeetingSync = ReturnType<typeof createMeetingSync>;
