/**
 * A cohort's group figures for the dashboard, served from the read model
 * (store/cohort-figures.repository.ts explains the design): a handful of point reads build the key
 * of what the figures depend on; a saved snapshot with that key is served as it is; otherwise the
 * figures are recomputed from the raw records by the domain's own rules (`computeCohortProgress`,
 * `responsesForEvent`: the suppression and differencing rules are not repeated here) and saved.
 *
 * The key is read before the raw records and every writer moves its marker after writing, so a
 * saved snapshot never claims to be newer than what it saw. Recomputing is idempotent: the same
 * records give the same document.
 */
import crypto from "node:crypto";
import type { AppContext } from "../../app-context";
import { computeCohortProgress, responsesForEvent } from "../../domain/metrics";
import type { CohortFiguresSnapshot } from "../../domain/ports";
import { buildTimeline } from "../../domain/timeline";
import { trackOfCohort } from "../tracks/cohort-track";
import type { Actor, Cohort, PolicyVersion, TimelineEvent, Track } from "../../domain/types";
import type { RecomputeFiguresResponse } from "../../contract/api-contract";
import { NotFoundError } from "../../domain/errors";
import { authorizeCohort } from "../access";

export interface FiguresInputs {
  timeline: TimelineEvent[];
  policy: PolicyVersion | undefined;
}

/** What the figures depend on, read without touching the cohort's records. */
async function keyOf(ctx: AppContext, cohort: Cohort, timeline: TimelineEvent[], policy: PolicyVersion | undefined): Promise<string> {
  const now = ctx.clock.now();
  const [writes, acks] = await Promise.all([ctx.repos.figures.writeMarker(cohort.tenantId, cohort.id), ctx.repos.figures.acknowledgementMarker(cohort.tenantId)]);
  const due = timeline.filter((e) => new Date(e.dueAt) <= now).length;
  const shape = crypto.createHash("sha256").update(JSON.stringify(timeline.map((e) => [e.key, e.kind, e.week, e.sessionNumber ?? null, e.adoptionWeek ?? null, e.dueAt]))).digest("base64url").slice(0, 16);
  return [writes, acks, `policy ${policy?.version ?? 0}`, `timeline ${shape}`, `due ${due}`].join(" · ");
}

/** Computed from every raw record of the cohort: the full recomputation the snapshot must equal. */
export async function recomputeFigures(ctx: AppContext, cohort: Cohort, timeline: TimelineEvent[], policy: PolicyVersion | undefined, key: string): Promise<CohortFiguresSnapshot> {
  const [memberships, records, alerts] = await Promise.all([
    ctx.repos.memberships.listByCohort(cohort.tenantId, cohort.id),
    ctx.repos.loop.listCohortFigureInputs(cohort.tenantId, cohort.id),
    ctx.repos.alerts.listByCohort(cohort.tenantId, cohort.id),
  ]);
  const acknowledged = new Set(policy ? (await ctx.repos.policies.listAcknowledgements(cohort.tenantId, policy.version)).map((a) => a.userId) : []);
  const resolutions = alerts.filter((a) => a.resolvedAt);
  const progress = computeCohortProgress({ timeline, memberships, records, acknowledgedUserIds: acknowledged, now: ctx.clock.now(), resolutions });
  return {
    key,
    computedAt: ctx.clock.now().toISOString(),
    memberCount: progress.memberCount,
    acknowledgedCount: memberships.filter((m) => acknowledged.has(m.userId)).length,
    weekly: progress.weekly,
    adoption: progress.adoption,
    policyAcknowledged: progress.policyAcknowledged,
    stuckCount: progress.stuckCount,
    helpRequests: progress.helpRequests,
    responses: Object.fromEntries(timeline.map((event) => [event.key, responsesForEvent(event, records, memberships.length)])),
  };
}

/** A cohort's group figures as a dashboard read serves them. */
export type CohortFigures = CohortFiguresSnapshot & {
  /** True when answers came in since `computedAt` and a recount behind this read is counting them. */
  refreshing?: boolean;
};

/**
 * The cohort's figures: the saved snapshot when it is current; else recounted from the raw
 * records and saved. A recount reads the whole cohort (about 11 records per member by week 8), so
 * for a cohort of `config.dashboard.recountInBackgroundFromMembers` or more, a read that finds
 * the snapshot out of date answers at once with it, marked `refreshing`, and the recount runs
 * behind it: the next read sees the new figures. Only the first read of such a cohort, with no
 * snapshot at all yet, waits for its recount.
 */
export async function cohortFigures(ctx: AppContext, cohort: Cohort, track: Track, policy?: PolicyVersion | null): Promise<CohortFigures> {
  const timeline = buildTimeline(cohort, track, ctx.clock.now());
  const currentPolicy = policy === undefined ? await ctx.repos.policies.current(cohort.tenantId) : (policy ?? undefined);
  // In parallel: a snapshot is served only when its key equals the one just read, whichever came first.
  const [key, saved] = await Promise.all([keyOf(ctx, cohort, timeline, currentPolicy), ctx.repos.figures.get(cohort.tenantId, cohort.id)]);
  if (saved && saved.key === key) return saved;
  if (saved && saved.memberCount >= ctx.config.dashboard.recountInBackgroundFromMembers) {
    recountBehind(ctx, cohort, () => recountAndSave(ctx, cohort, timeline, currentPolicy, key));
    return { ...saved, refreshing: true };
  }
  return recountAndSave(ctx, cohort, timeline, currentPolicy, key);
}

async function recountAndSave(ctx: AppContext, cohort: Cohort, timeline: TimelineEvent[], policy: PolicyVersion | undefined, key: string): Promise<CohortFiguresSnapshot> {
  const fresh = await recomputeFigures(ctx, cohort, timeline, policy, key);
  await ctx.repos.figures.save(cohort.tenantId, cohort.id, fresh);
  return fresh;
}

/**
 * Recounts running behind reads, per cohort, in this process: however many people open a large
 * cohort's dashboard while its members answer, one recount at a time reads it. (Each instance of
 * a scaled-out service runs at most one per cohort; a recount is idempotent, so two at once only
 * cost a second read.) Keyed by the repositories: one map per running service.
 */
const recounts = new WeakMap<object, Map<string, Promise<void>>>();

function recountBehind(ctx: AppContext, cohort: Cohort, recount: () => Promise<unknown>): void {
  let running = recounts.get(ctx.repos.figures);
  if (!running) recounts.set(ctx.repos.figures, (running = new Map()));
  const id = `${cohort.tenantId}/${cohort.id}`;
  if (running.has(id)) return;
  const done = recount().then(
    () => undefined,
    // Nobody waits for it: the failure is logged, and the next read that finds the figures out of date tries again.
    (err: unknown) => ctx.logger.warn({ tenantId: cohort.tenantId, cohortId: cohort.id, err: err instanceof Error ? err.message : String(err) }, "cohort figures: the recount behind a read failed"),
  ).finally(() => running.delete(id));
  running.set(id, done);
}

/** Settles when every recount running behind a read has finished (the service waits for it before closing the store). */
export async function recountsSettled(ctx: AppContext): Promise<void> {
  const running = recounts.get(ctx.repos.figures);
  while (running && running.size > 0) await Promise.all(running.values());
}

/**
 * The consistency check: whether the saved figures equal a full recomputation from the raw
 * records. A snapshot whose key is out of date is not wrong, only stale: it is rebuilt, and so is
 * a wrong one. Rebuilding is idempotent (the same records give the same document).
 */
export async function checkFigures(ctx: AppContext, cohort: Cohort, track: Track): Promise<{ consistent: boolean; stale: boolean }> {
  return (await checkAndRebuild(ctx, cohort, track)).check;
}

/**
 * The check, and the figures kept afterwards. Safe while writes continue: the key is read before
 * the raw records and again after them; a write in between makes the comparison say nothing (the
 * recount saw records the kept figures could not have), so it counts as stale, not wrong, and the
 * recount is saved under the earlier key, which the next read finds out of date.
 */
async function checkAndRebuild(ctx: AppContext, cohort: Cohort, track: Track): Promise<{ check: { consistent: boolean; stale: boolean }; figures: CohortFiguresSnapshot }> {
  const timeline = buildTimeline(cohort, track, ctx.clock.now());
  const policy = await ctx.repos.policies.current(cohort.tenantId);
  const key = await keyOf(ctx, cohort, timeline, policy);
  const saved = await ctx.repos.figures.get(cohort.tenantId, cohort.id);
  const full = await recomputeFigures(ctx, cohort, timeline, policy, key);
  // The member table's row summaries, checked against (and rebuilt from) the same raw records.
  const summaries = await ctx.repos.figures.rebuildMemberSummaries(cohort.tenantId, cohort.id);
  const movedMeanwhile = (await keyOf(ctx, cohort, timeline, policy)) !== key;
  const stale = saved === undefined || saved.key !== key || movedMeanwhile;
  const consistent = (stale || sameFigures(saved, full)) && (summaries.differed === 0 || movedMeanwhile);
  if (stale || !consistent) await ctx.repos.figures.save(cohort.tenantId, cohort.id, full);
  return { check: { consistent, stale }, figures: stale || !consistent ? full : saved };
}

/** The admin's "Recompute figures" (POST /api/cohorts/:cohortId/figures/recompute). */
export async function recomputeCohortFigures(ctx: AppContext, actor: Actor, cohortId: string): Promise<RecomputeFiguresResponse> {
  const { cohort } = await authorizeCohort(ctx, actor, "cohort.figures.recompute", cohortId);
  const track = await trackOfCohort(ctx.repos.tracks, cohort);
  if (!track) throw new NotFoundError("This cohort's track no longer exists, so it has no figures to recompute.");
  const { check, figures } = await checkAndRebuild(ctx, cohort, track);
  const outcome = !check.consistent ? "mismatch" : check.stale ? "outdated" : "matched";
  ctx.logger.info({ tenantId: cohort.tenantId, cohortId: cohort.id, outcome }, "cohort figures recomputed");
  return { cohortId: cohort.id, outcome, figuresAsOf: figures.computedAt };
}

/** The figures without when they were computed: what must match. */
export function sameFigures(a: CohortFiguresSnapshot, b: CohortFiguresSnapshot): boolean {
  const strip = ({ computedAt, key, ...rest }: CohortFiguresSnapshot) => (void computedAt, void key, rest);
  return JSON.stringify(canonical(strip(a))) === JSON.stringify(canonical(strip(b)));
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)).map(([k, v]) => [k, canonical(v)]));
  return value;
}

/**
 * Acknowledgement of `policy` per cohort, kept with each cohort's figures: one snapshot read per
 * cohort instead of every acknowledgement of the tenant and every member of every cohort.
 */
export async function acknowledgementCounts(ctx: AppContext, cohorts: Cohort[], policy: PolicyVersion): Promise<Array<{ cohort: Cohort; memberCount: number; acknowledged: number }>> {
  if (cohorts.length === 0) return [];
  return Promise.all(
    cohorts.map(async (cohort) => {
      const track = await trackOfCohort(ctx.repos.tracks, cohort);
      if (track) {
        const figures = await cohortFigures(ctx, cohort, track, policy);
        return { cohort, memberCount: figures.memberCount, acknowledged: figures.acknowledgedCount };
      }
      // A cohort whose track is gone has no figures to keep: counted from its records.
      const [members, acks] = await Promise.all([ctx.repos.memberships.listByCohort(cohort.tenantId, cohort.id), ctx.repos.policies.listAcknowledgements(cohort.tenantId, policy.version)]);
      const acknowledged = new Set(acks.map((a) => a.userId));
      return { cohort, memberCount: members.length, acknowledged: members.filter((m) => acknowledged.has(m.userId)).length };
    }),
  );
}
