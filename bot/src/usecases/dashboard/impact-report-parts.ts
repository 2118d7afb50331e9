/**
 * Each cohort's report parts for the organisation report, served from the read model
 * (store/report-parts.repository.ts): the cohort's write marker and roster (which every write of a
 * membership, commitment, check-in, adoption answer or "delete my data" moves, after writing) and
 * the seniority rules of its track make the key; saved parts with that key are used as they are,
 * otherwise they are recomputed from the raw records by the domain's own rules (`reportPartsOf`:
 * the release and complement rules are not repeated here) and saved. Three point reads per cohort
 * (`statesOf`), however large it is.
 *
 * The key is read before the raw records, so saved parts never claim to be newer than what they
 * saw: a write racing a recomputation only causes one more recomputation later. The parts do not
 * depend on the clock, the assumptions or the filters, so one document serves every slice.
 */
import crypto from "node:crypto";
import type { AppContext } from "../../app-context";
import { reportPartsOf, restoreReportParts, storeReportParts, type CohortReportParts, type ReportCohortInput, type StoredReportParts } from "../../domain/impact-report";
import type { ReportPartsSnapshot, ReportPartsState } from "../../domain/ports";
import { DEFAULT_SENIORITY_RULES, seniorityOf, type SeniorityRule } from "../../domain/seniority";
import type { Cohort, Track } from "../../domain/types";

/** Bumped when what `reportPartsOf` keeps changes: parts saved by older code are then recomputed. */
const PARTS_FORMAT = "report-parts 1";

/** The track's own title rules when it has them (track authoring), else the defaults. */
export function seniorityRulesOf(track: Track | undefined): readonly SeniorityRule[] {
  return track?.seniorityRules?.length ? track.seniorityRules : DEFAULT_SENIORITY_RULES;
}


function keyOf(state: ReportPartsState, rules: readonly SeniorityRule[]): string {
  const rulesHash = crypto.createHash("sha256").update(JSON.stringify(rules)).digest("base64url").slice(0, 16);
  return [PARTS_FORMAT, state.writes, `rules ${rulesHash}`].join(" · ");
}

/** The cohorts' states (write markers and saved parts), read before any raw record. */
export function reportPartsStates(ctx: AppContext, tenantId: string, cohorts: readonly Cohort[]): Promise<Map<string, ReportPartsState>> {
  return ctx.repos.reportParts.statesOf(tenantId, cohorts.map((c) => c.id));
}

/** The cohort's members, their levels and their records: what the parts are computed from. */
async function reportInputOf(ctx: AppContext, cohort: Cohort, rules: readonly SeniorityRule[]): Promise<ReportCohortInput> {
  const [members, records] = await Promise.all([reportMembersOf(ctx, cohort, rules), ctx.repos.loop.listCohortRecords(cohort.tenantId, cohort.id)]);
  return { ...members, trackId: cohort.trackId, records };
}

/** The cohort's members and their levels, without their records (for measured usage). */
export async function reportMembersOf(ctx: AppContext, cohort: Cohort, rules: readonly SeniorityRule[]): Promise<Pick<ReportCohortInput, "cohortId" | "memberIds" | "seniority">> {
  const memberships = await ctx.repos.memberships.listByCohort(cohort.tenantId, cohort.id);
  return { cohortId: cohort.id, memberIds: memberships.map((m) => m.userId), seniority: new Map(memberships.map((m) => [m.userId, seniorityOf(m, rules)])) };
}

/** Computed from every raw record of the cohort: the full recomputation saved parts must equal. */
export async function recomputeReportParts(ctx: AppContext, cohort: Cohort, rules: readonly SeniorityRule[], key: string): Promise<ReportPartsSnapshot> {
  const input = await reportInputOf(ctx, cohort, rules);
  return { key, computedAt: ctx.clock.now().toISOString(), parts: storeReportParts(reportPartsOf(input)) };
}

/** The cohort's report parts: the saved ones when current, else recomputed once and saved. `states` from `reportPartsStates`. */
export async function cohortReportParts(ctx: AppContext, cohort: Cohort, track: Track | undefined, states: ReadonlyMap<string, ReportPartsState>): Promise<CohortReportParts> {
  const rules = seniorityRulesOf(track);
  const state = states.get(cohort.id);
  if (!state) throw new Error(`no report state read for cohort ${cohort.id}`);
  const key = keyOf(state, rules);
  const saved = state.saved;
  if (saved && saved.key === key) return restoreReportParts(saved.parts as StoredReportParts);
  const fresh = await recomputeReportParts(ctx, cohort, rules, key);
  await ctx.repos.reportParts.save(cohort.tenantId, cohort.id, fresh);
  return restoreReportParts(fresh.parts as StoredReportParts);
}

/**
 * The consistency check: whether the saved parts equal a full recomputation from the raw records.
 * Parts whose key is out of date are not wrong, only stale; stale or wrong, they are rebuilt.
 */
export async function checkReportParts(ctx: AppContext, cohort: Cohort, track: Track | undefined): Promise<{ consistent: boolean; stale: boolean }> {
  const rules = seniorityRulesOf(track);
  const state = (await reportPartsStates(ctx, cohort.tenantId, [cohort])).get(cohort.id)!;
  const key = keyOf(state, rules);
  const saved = state.saved;
  const full = await recomputeReportParts(ctx, cohort, rules, key);
  const stale = saved === undefined || saved.key !== key;
  const consistent = stale || JSON.stringify(canonical(saved.parts)) === JSON.stringify(canonical(full.parts));
  if (stale || !consistent) await ctx.repos.reportParts.save(cohort.tenantId, cohort.id, full);
  return { consistent, stale };
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)).map(([k, v]) => [k, canonical(v)]));
  return value;
}
