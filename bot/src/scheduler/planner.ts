/**
 * Planning: turns a cohort's timeline into delivery records, one per member and due event, with
 * deterministic ids, before anything is sent. Planning twice (a second instance, a restart, the
 * next tick) writes nothing new, so it needs no lock to be correct; a lease only saves the work.
 *
 * Planning a 10,000-member fan-out must not hold up members' requests (under `npm start` the
 * embedded database shares this process's event loop): records are built and written in small
 * chunks (`writeChunk`, a few in flight), with a turn of the event loop between chunks.
 */
import crypto from "node:crypto";
import { setImmediate as nextTurn } from "node:timers/promises";
import type { AppContext } from "../app-context";
import { mapLimited } from "../lib/concurrency";
import { ids } from "../domain/ids";
import { digestsDue, planDigests, type DueDigest } from "./digest-planning";
import type { CohortRecords, Versioned } from "../domain/ports";
import { ownTimeline, shiftForPauses } from "../domain/member-pause";
import { buildTimeline, isForMember, lateJoinedAt, sessionsBeforeJoining } from "../domain/timeline";
import { trackOfCohort } from "../usecases/tracks/cohort-track";
import type { Cohort, Delivery, DeliveryKind, Membership, PolicyVersion, TimelineEvent, UserId } from "../domain/types";
import { alertReasonsForMissedCheckIns } from "./missed-checkins";

export interface PlanOptions {
  /** Events older than this are not sent any more (a cohort created with a past start date must not get a backlog of cards). The policy is the exception: it is asked until acknowledged. */
  catchUpMs: number;
  /**
   * Plan in full at least this often, even when nothing seems to have changed: the backstop for a
   * membership change whose roster version was never written (a crash in between).
   */
  fullReplanMs: number;
  /** Records per write request while planning; the event loop gets a turn between them. */
  writeChunk: number;
  /** Write requests in flight at once while planning. */
  writeConcurrency: number;
}

export const DEFAULT_PLAN_OPTIONS: PlanOptions = { catchUpMs: 3 * 24 * 3600_000, fullReplanMs: 3600_000, writeChunk: 50, writeConcurrency: 2 };

/** Records built between two turns of the event loop. */
const BUILD_SLICE = 1000;

export interface PlanReport {
  tenantId: string;
  cohortId: string;
  created: number;
  events: string[];
}

/** What planning a cohort now is based on. */
export interface PlanBasis {
  timeline: TimelineEvent[];
  /** Events due for someone: the cohort, or a paused member whose moved card has fallen due. */
  due: TimelineEvent[];
  policy: PolicyVersion | undefined;
  /** Facilitators' "Before session n+1" digests due now (see digest-planning.ts). */
  digests: DueDigest[];
  /** Changes whenever planning could produce something new: see `planBasis`. */
  signature: string;
}

interface PlannedEvent {
  eventKey: string;
  kind: DeliveryKind;
  dueAt: string;
  recipients: UserId[];
}

/**
 * Whether a cohort needs planning, read cheaply: undefined when nothing is due, or when nothing has
 * changed since its last planning. Planning's output depends only on the cohort (its ETag), the
 * events past due, the current policy version and the members (the roster version): acknowledgements
 * and check-ins only ever remove recipients. So a tick over a quiet 10,000-member cohort costs a
 * few point reads, not a read of every membership and delivery.
 *
 * A member who paused (domain/member-pause.ts) has their own due times: the cohort's pauses
 * document (one more point read) gives them, and the events past due for each paused member are
 * part of the signature, so a moved card falling due is planned on the tick it falls due.
 */
export async function planBasis(ctx: AppContext, cohort: Versioned<Cohort>, options: PlanOptions = DEFAULT_PLAN_OPTIONS): Promise<PlanBasis | undefined> {
  const { repos, clock, logger } = ctx;
  const track = await trackOfCohort(repos.tracks, cohort);
  if (!track) {
    logger.warn({ tenantId: cohort.tenantId, cohortId: cohort.id, trackId: cohort.trackId }, "cohort has an unknown track; nothing planned");
    return undefined;
  }
  const now = clock.now();
  // A resumed cohort's remaining events come moved by its pauses, so none is "old" on resume.
  const timeline = buildTimeline(cohort, track, now);
  const past = timeline.filter((e) => new Date(e.dueAt) <= now);
  const pauses = await repos.memberships.listPauses(cohort.tenantId, cohort.id);
  const pausedPast = Object.entries(pauses).map(([userId, own]) => [userId, shiftForPauses(timeline, own, cohort).filter((e) => new Date(e.dueAt) <= now)] as const);
  const dueKeys = new Set([...past, ...pausedPast.flatMap(([, events]) => events)].filter((e) => stillWorthSending(e, now, options)).map((e) => e.key));
  const due = timeline.filter((e) => dueKeys.has(e.key));
  const digests = digestsDue(timeline, now);
  if (due.length === 0 && digests.length === 0) return undefined;
  const [policy, roster, mark] = await Promise.all([
    due.some((e) => e.kind === "policy") ? repos.policies.current(cohort.tenantId) : undefined,
    repos.memberships.rosterVersion(cohort.tenantId, cohort.id),
    repos.deliveries.getPlanMark(cohort.tenantId, cohort.id),
  ]);
  const pausedInputs = pausedPast.filter(([, events]) => events.length).map(([userId, events]) => [userId, events.map((e) => `${e.key}@${e.dueAt}`)]);
  const inputs = [cohort.etag, past.map((e) => `${e.key}@${e.dueAt}`), policy?.version ?? null, roster ?? null, ...(pausedInputs.length ? [pausedInputs] : []), ...(digests.length ? [digests.map((d) => d.eventKey)] : [])];
  const signature = crypto.createHash("sha256").update(JSON.stringify(inputs)).digest("base64url");
  const fresh = mark && now.getTime() - new Date(mark.plannedAt).getTime() < options.fullReplanMs;
  if (fresh && mark.signature === signature) return undefined;
  return { timeline, due, digests, policy, signature };
}

/** Writes the deliveries (and facilitator alerts) the basis calls for that do not exist yet. */
export async function planCohort(ctx: AppContext, cohort: Cohort, basis: PlanBasis, options: PlanOptions = DEFAULT_PLAN_OPTIONS): Promise<PlanReport> {
  const { repos, clock, logger } = ctx;
  const report: PlanReport = { tenantId: cohort.tenantId, cohortId: cohort.id, created: 0, events: [] };
  const now = clock.now();
  const members = await repos.memberships.listByCohort(cohort.tenantId, cohort.id);

  let records: CohortRecords | undefined;
  const loadRecords = async () => (records ??= await repos.loop.listCohortRecords(cohort.tenantId, cohort.id));

  const joiners = lateJoiners(cohort, basis.timeline, members);
  const paused = pausedTimelines(cohort, basis.timeline, members);
  const planned: PlannedEvent[] = [];
  if (members.length > 0) {
    for (const event of basis.due) {
      const item = await planEvent(ctx, cohort, event, members, basis.policy, loadRecords);
      if (!item) continue;
      // Nothing from before a late joiner joined: the catch-up card stands in for it.
      const forJoiners = joiners.size ? item.recipients.filter((u) => { const late = joiners.get(u); return !late || isForMember(event, late.joinedAt, late.missed); }) : item.recipients;
      // Each member when it is due for them: a paused member at their moved time, everyone else at the cohort's.
      const recipients = forJoiners.filter((u) => isDueFor(paused.get(u)?.get(event.key) ?? event, now, options));
      if (recipients.length) planned.push({ ...item, recipients });
    }
    planned.push(...planCatchUps(joiners));
    planned.push(...planDigests(cohort, basis.digests));
    planned.push(...(await planMissedCheckInAlerts(ctx, cohort, basis.timeline, members, await loadRecords(), options, joiners)));
  }

  for (const item of planned) {
    const existing = await repos.deliveries.listUserIdsForEvent(cohort.tenantId, cohort.id, item.eventKey);
    const missing = item.recipients.filter((userId) => !existing.has(userId));
    if (missing.length === 0) continue;
    const stamp = now.toISOString();
    const deliveries = await mapInSlices(missing, (userId): Delivery => ({
      id: ids.deliveryId(cohort.id, item.eventKey, userId),
      tenantId: cohort.tenantId,
      cohortId: cohort.id,
      userId,
      eventKey: item.eventKey,
      kind: item.kind,
      status: "pending",
      attempts: 0,
      notBefore: item.dueAt,
      createdAt: stamp,
      updatedAt: stamp,
    }));
    const counts = await writeInChunks(deliveries, options, (chunk) => repos.deliveries.createManyIfAbsent(chunk));
    const count = counts.reduce((n, c) => n + c, 0);
    report.created += count;
    report.events.push(item.eventKey);
    logger.info({ tenantId: cohort.tenantId, cohortId: cohort.id, eventKey: item.eventKey, created: count }, "deliveries planned");
  }
  // Only once everything is written: a planning cut short is done again in full next tick.
  await repos.deliveries.savePlanMark({ tenantId: cohort.tenantId, cohortId: cohort.id, signature: basis.signature, plannedAt: now.toISOString() });
  return report;
}

/** Event key of the one catch-up card a late joiner gets (its delivery id is deterministic per member). */
export const CATCH_UP_EVENT_KEY = "catchup";

interface LateJoiner {
  joinedAt: Date;
  missed: number[];
}

/** Members who joined after the cohort's first session, with the sessions they missed. */
function lateJoiners(cohort: Cohort, timeline: TimelineEvent[], members: Membership[]): Map<UserId, LateJoiner> {
  const out = new Map<UserId, LateJoiner>();
  for (const m of members) {
    const joinedAt = lateJoinedAt(timeline, m, cohort);
    if (joinedAt) out.set(m.userId, { joinedAt, missed: sessionsBeforeJoining(timeline, joinedAt) });
  }
  return out;
}

/** One catch-up card per late joiner who missed a session brief, due when they joined. */
function planCatchUps(joiners: Map<UserId, LateJoiner>): PlannedEvent[] {
  const byDue = new Map<string, UserId[]>();
  for (const [userId, late] of joiners) {
    if (late.missed.length === 0) continue;
    const dueAt = late.joinedAt.toISOString();
    byDue.set(dueAt, [...(byDue.get(dueAt) ?? []), userId]);
  }
  return [...byDue].map(([dueAt, recipients]) => ({ eventKey: CATCH_UP_EVENT_KEY, kind: "catchup" as const, dueAt, recipients }));
}

/** Each paused member's own events by key (moved by their pauses). */
function pausedTimelines(cohort: Cohort, timeline: TimelineEvent[], members: Membership[]): Map<UserId, Map<string, TimelineEvent>> {
  const out = new Map<UserId, Map<string, TimelineEvent>>();
  for (const m of members) {
    if (m.pauses?.length) out.set(m.userId, new Map(shiftForPauses(timeline, m.pauses, cohort).map((e) => [e.key, e])));
  }
  return out;
}

/** An event (as one member has it) that is past due and still worth sending. */
function isDueFor(event: TimelineEvent, now: Date, options: PlanOptions): boolean {
  return new Date(event.dueAt).getTime() <= now.getTime() && stillWorthSending(event, now, options);
}

/** A past event still worth sending: recent enough, or the policy, which is asked until acknowledged. */
function stillWorthSending(event: TimelineEvent, now: Date, options: PlanOptions): boolean {
  return event.kind === "policy" || now.getTime() - new Date(event.dueAt).getTime() <= options.catchUpMs;
}

async function planEvent(
  ctx: AppContext,
  cohort: Cohort,
  event: TimelineEvent,
  members: Membership[],
  policy: PolicyVersion | undefined,
  loadRecords: () => Promise<CohortRecords>,
): Promise<PlannedEvent | undefined> {
  const everyone = members.map((m) => m.userId);
  switch (event.kind) {
    case "policy": {
      // Keyed by version: publishing a new policy makes this event due again for everyone.
      if (!policy) return undefined;
      const acknowledged = new Set((await ctx.repos.policies.listAcknowledgements(cohort.tenantId, policy.version)).map((a) => a.userId));
      const dueAt = maxInstant(event.dueAt, policy.publishedAt);
      return { eventKey: `policy.v${policy.version}`, kind: "policy", dueAt, recipients: everyone.filter((u) => !acknowledged.has(u)) };
    }
    case "checkin-reminder": {
      const answered = new Set((await loadRecords()).checkIns.filter((c) => c.sessionNumber === event.sessionNumber).map((c) => c.userId));
      return { eventKey: event.key, kind: event.kind, dueAt: event.dueAt, recipients: everyone.filter((u) => !answered.has(u)) };
    }
    case "adoption-reminder": {
      const answered = new Set((await loadRecords()).adoption.filter((a) => a.week === event.adoptionWeek).map((a) => a.userId));
      return { eventKey: event.key, kind: event.kind, dueAt: event.dueAt, recipients: everyone.filter((u) => !answered.has(u)) };
    }
    default:
      return { eventKey: event.key, kind: event.kind, dueAt: event.dueAt, recipients: everyone };
  }
}

/**
 * Members who missed two check-ins get their facilitators' attention: one alert record per member
 * (the tab lists them), and one digest card per facilitator and session, however many members it
 * names, so a large cohort does not flood its facilitators' chat.
 */
async function planMissedCheckInAlerts(ctx: AppContext, cohort: Cohort, timeline: TimelineEvent[], members: Membership[], records: CohortRecords, options: PlanOptions, joiners: Map<UserId, LateJoiner>): Promise<PlannedEvent[]> {
  const now = ctx.clock.now();
  // A late joiner is never counted as missing the check-ins of sessions from before they joined,
  // nor a paused member as missing those their pause moved: each is judged on their own timeline.
  const ownPace = (m: Membership) => joiners.has(m.userId) || !!m.pauses?.length;
  const alerts = alertReasonsForMissedCheckIns(cohort, timeline, members.filter((m) => !ownPace(m)), records.checkIns, now);
  for (const m of members.filter(ownPace)) {
    alerts.push(...alertReasonsForMissedCheckIns(cohort, ownTimeline(timeline, m, cohort), [m], records.checkIns, now));
  }
  await nextTurn();
  const created = (await writeInChunks(alerts, options, (chunk) => ctx.repos.alerts.createManyIfAbsent(chunk))).flat();
  const sessions = [...new Set(created.map((a) => a.sessionNumber))];
  return sessions.map((session) => ({ eventKey: `${MISSED_DIGEST_PREFIX}${session}`, kind: "alert", dueAt: ctx.clock.now().toISOString(), recipients: cohort.facilitatorIds }));
}

/** Event key of the facilitators' digest of members who missed two check-ins by session n. */
export const MISSED_DIGEST_PREFIX = "alerts.missed.s";

/** `items` mapped, with a turn of the event loop after every slice of them. */
async function mapInSlices<T, R>(items: readonly T[], fn: (item: T) => R): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += BUILD_SLICE) {
    if (i > 0) await nextTurn();
    for (const item of items.slice(i, i + BUILD_SLICE)) out.push(fn(item));
  }
  return out;
}

/**
 * Writes `items` in chunks of `writeChunk`, `writeConcurrency` at a time, each after a turn of the
 * event loop: one large write would keep the database (in this process, locally) busy for long
 * stretches, and members' requests would queue behind it. Results in chunk order.
 */
async function writeInChunks<T, R>(items: readonly T[], options: PlanOptions, write: (chunk: T[]) => Promise<R>): Promise<R[]> {
  const size = Math.max(1, Math.floor(options.writeChunk));
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return mapLimited(chunks, Math.max(1, Math.floor(options.writeConcurrency)), async (chunk) => {
    await nextTurn();
    return write(chunk);
  });
}

function maxInstant(a: string, b: string): string {
  return new Date(a).getTime() >= new Date(b).getTime() ? a : b;
}
