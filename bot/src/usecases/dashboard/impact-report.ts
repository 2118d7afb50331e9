/**
 * The organisation report for the tab and its CSV. Admins see the whole tenant; anyone else sees
 * the cohorts they facilitate and the team cohorts that follow a leadership cohort they are a
 * member of. Figures are group figures only (domain/impact-report.ts); no names leave here.
 */
import type { AppContext } from "../../app-context";
import type { ImpactReportQuery, ImpactReportResponse } from "../../contract/impact-report-contract";
import { NotFoundError } from "../../domain/errors";
import { computeImpactReport, DEFAULT_REPORT_ASSUMPTIONS, type ReportAssumptions } from "../../domain/impact-report";
import { DEFAULT_SENIORITY_RULES, SENIORITY_LABELS, SENIORITY_LEVELS, seniorityOf, type SeniorityRule } from "../../domain/seniority";
import { trackOfCohort } from "../tracks/cohort-track";
import type { Actor, Cohort, Track } from "../../domain/types";
import { authorize } from "../access";
import { withMeasuredUsage } from "../usage/measured-report";
import { trackNames } from "./cohort-views";

const NO_SUCH_COHORT = "That cohort is not in your report.";

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
  const inputs = await Promise.all(
    chosen.map(async (c) => {
      const [memberships, records] = await Promise.all([ctx.repos.memberships.listByCohort(c.tenantId, c.id), ctx.repos.loop.listCohortRecords(c.tenantId, c.id)]);
      const rules = seniorityRulesOf(await trackOfCohort(ctx.repos.tracks, c));
      return { cohortId: c.id, trackId: c.trackId, memberIds: memberships.map((m) => m.userId), records, seniority: new Map(memberships.map((m) => [m.userId, seniorityOf(m, rules)])) };
    }),
  );
  const report = await withMeasuredUsage(ctx, actor.tenantId, chosen, inputs, computeImpactReport(inputs, assumptions, query.seniority ? { seniority: query.seniority } : {}), query.seniority);
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

/** The track's own title rules when it has them (track authoring), else the defaults. */
function seniorityRulesOf(track: Track | undefined): readonly SeniorityRule[] {
  return track?.seniorityRules?.length ? track.seniorityRules : DEFAULT_SENIORITY_RULES;
}
