/**
 * The organisation report for the tab and its CSV. Admins see the whole tenant; anyone else sees
 * the cohorts they facilitate and the team cohorts that follow a leadership cohort they are a
 * member of. Figures are group figures only (domain/impact-report.ts); no names leave here.
 */
import type { AppContext } from "../../app-context";
import type { ImpactReportQuery, ImpactReportResponse } from "../../contract/impact-report-contract";
import { NotFoundError } from "../../domain/errors";
import { DEFAULT_REPORT_ASSUMPTIONS, impactReportFromParts, type ReportAssumptions } from "../../domain/impact-report";
import { SENIORITY_LABELS, SENIORITY_LEVELS } from "../../domain/seniority";
import { trackOfCohort } from "../tracks/cohort-track";
import type { Actor, Cohort } from "../../domain/types";
import { mapLimited } from "../../lib/concurrency";
import { authorize } from "../access";
import { withMeasuredUsage } from "../usage/measured-report";
import { trackNames } from "./cohort-views";
import { cohortReportParts, reportMembersOf, reportPartsStates, seniorityRulesOf } from "./impact-report-parts";

const NO_SUCH_COHORT = "That cohort is not in your report.";
/** Cohorts whose parts are recomputed at once when writes made them stale (each reads the cohort in full). */
const RECOMPUTED_AT_ONCE = 4;

async function cohortsInScope(ctx: AppContext, actor: Actor): Promise<Cohort[]> {
  const all = await ctx.repos.cohorts.list(actor.tenantId);
  if (actor.isAdmin) return all;
  const memberOf = new Set((await ctx.repos.memberships.listByUser(actor.tenantId, actor.userId)).map((m) => m.cohortId));
  const leads = new Set(all.filter((c) => c.kind === "leadership" && memberOf.has(c.id)).map((c) => c.id));
  return all.filter((c) => c.facilitatorIds.includes(actor.userId) || (c.kind === "team" && c.leadershipCohortId !== undefined && leads.has(c.leadershipCohortId)));
}

export async function impactReport(ctx: AppContext, actor: Actor, query: ImpactReportQuery): Promise<ImpactReportResponse> {
  await authorize(ctx, actor, "report.read");
  const scope = await cohortsInScope(ctx, actor);
  // A cohort outside the caller's report, another tenant's included, does not exist for them.
  if (query.cohortId !== undefined && !scope.some((c) => c.id === query.cohortId)) throw new NotFoundError(NO_SUCH_COHORT);
  const chosen = scope.filter((c) => (query.cohortId === undefined || c.id === query.cohortId) && (query.trackId === undefined || c.trackId === query.trackId));
  const assumptions: ReportAssumptions = {
    hoursPerFtePerWeek: query.hoursPerFtePerWeek ?? DEFAULT_REPORT_ASSUMPTIONS.hoursPerFtePerWeek,
    costPerHour: query.costPerHour ?? DEFAULT_REPORT_ASSUMPTIONS.costPerHour,
    currency: query.currency ?? DEFAULT_REPORT_ASSUMPTIONS.currency,
  };
  // Each cohort's released parts from the read model (impact-report-parts.ts): three point reads
  // per cohort, the raw records only of a cohort written to since its parts were saved.
  const [tracks, states] = await Promise.all([Promise.all(chosen.map((c) => trackOfCohort(ctx.repos.tracks, c))), reportPartsStates(ctx, actor.tenantId, chosen)]);
  const parts = await mapLimited(chosen, RECOMPUTED_AT_ONCE, async (c, i) => ({ cohortId: c.id, trackId: c.trackId, parts: await cohortReportParts(ctx, c, tracks[i], states) }));
  const figures = impactReportFromParts(parts, assumptions, query.seniority ? { seniority: query.seniority } : {});
  // Measured usage needs each cohort's members (and levels), only when the tenant turned it on.
  const settings = await ctx.repos.measuredUsage.getSettings(actor.tenantId);
  const measuredOn = settings?.enabled === true && settings.state !== "off";
  const members = measuredOn ? await Promise.all(chosen.map((c, i) => reportMembersOf(ctx, c, seniorityRulesOf(tracks[i])))) : [];
  const report = await withMeasuredUsage(ctx, actor.tenantId, chosen, members, figures, query.seniority);
  const names = trackNames(await ctx.repos.tracks.list(actor.tenantId));
  const byId = new Map(chosen.map((c) => [c.id, c]));
  return {
    scope: actor.isAdmin ? "tenant" : "own-cohorts",
    assumptions,
    filters: { ...(query.cohortId ? { cohortId: query.cohortId } : {}), ...(query.trackId ? { trackId: query.trackId } : {}), ...(query.seniority ? { seniority: query.seniority } : {}) },
    cohorts: scope.map((c) => ({ id: c.id, name: c.name, trackId: c.trackId })),
    tracks: [...new Set(scope.map((c) => c.trackId))].sort().map((id) => ({ id, name: names.get(id) ?? id })),
    seniorities: SENIORITY_LEVELS.map((id) => ({ id, name: SENIORITY_LABELS[id] })),
    overall: report.overall,
    byCohort: report.byCohort.map((s) => ({ cohortId: s.cohortId, cohortName: byId.get(s.cohortId)!.name, trackId: byId.get(s.cohortId)!.trackId, figures: s.figures })),
    byTrack: report.byTrack.map((s) => ({ trackId: s.trackId, trackName: names.get(s.trackId) ?? s.trackId, figures: s.figures })),
    bySeniority: report.bySeniority.map((s) => ({ level: s.level, levelName: SENIORITY_LABELS[s.level], figures: s.figures })),
  };
}
