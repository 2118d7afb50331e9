/**
 * Measured usage on the organisation report: when the tenant turned it on, every slice (overall,
 * by cohort, by track, by seniority) gains `measured`, from the members' stored activity dates
 * under the report's release rules (domain/measured-usage.ts). Only group counts leave here.
 */
import type { AppContext } from "../../app-context";
import type { ReportFigures } from "../../domain/impact-report";
import { combineMeasured, coverageOf, measuredCohortParts, type MeasuredCohortParts } from "../../domain/measured-usage";
import type { Cohort, TenantId, UserId } from "../../domain/types";

interface ReportSlices {
  overall: ReportFigures;
  byCohort: Array<{ cohortId: string; figures: ReportFigures }>;
  byTrack: Array<{ trackId: string; figures: ReportFigures }>;
  bySeniority?: Array<{ level: string; figures: ReportFigures }>;
}

interface CohortMembers {
  cohortId: string;
  memberIds: readonly UserId[];
  /** Each member's seniority level, when the report slices by it. */
  seniority?: ReadonlyMap<UserId, string>;
}

/** Adds measured usage to each slice of `report` (in place) and returns it. */
export async function withMeasuredUsage<R extends ReportSlices>(ctx: AppContext, tenantId: TenantId, cohorts: readonly Cohort[], members: readonly CohortMembers[], report: R, onlySeniority?: string): Promise<R> {
  const settings = await ctx.repos.measuredUsage.getSettings(tenantId);
  if (!settings?.enabled || settings.state === "off") return report;
  const coverage = settings.state === "on" ? coverageOf(settings, ctx.clock.now()) : undefined;
  const status = coverage ? "on" : settings.state === "on" ? "on-waiting-for-first-read" : settings.state;
  const dataThrough = settings.reportRefreshDate;
  const slice = (parts: MeasuredCohortParts[]) => combineMeasured(parts, status, dataThrough);
  if (!coverage) {
    for (const s of [{ figures: report.overall }, ...report.byCohort, ...report.byTrack, ...(report.bySeniority ?? [])]) s.figures.measured = slice([]);
    return report;
  }

  const activity = await ctx.repos.measuredUsage.listActivity(tenantId);
  const cohortById = new Map(cohorts.map((c) => [c.id, c]));
  const partsOf = (m: CohortMembers, level?: string): MeasuredCohortParts | undefined => {
    const cohort = cohortById.get(m.cohortId);
    if (!cohort) return undefined;
    const memberIds = level === undefined ? m.memberIds : m.memberIds.filter((u) => m.seniority?.get(u) === level);
    return measuredCohortParts({ cohortId: m.cohortId, startDate: cohort.startDate, pauses: cohort.pauses, timeZone: cohort.timeZone, memberIds, activity }, coverage);
  };
  const all = members.flatMap((m) => partsOf(m, onlySeniority) ?? []);
  report.overall.measured = slice(all);
  for (const s of report.byCohort) s.figures.measured = slice(members.filter((m) => m.cohortId === s.cohortId).flatMap((m) => partsOf(m, onlySeniority) ?? []));
  for (const s of report.byTrack) s.figures.measured = slice(members.filter((m) => cohortById.get(m.cohortId)?.trackId === s.trackId).flatMap((m) => partsOf(m, onlySeniority) ?? []));
  for (const s of report.bySeniority ?? []) s.figures.measured = slice(members.flatMap((m) => partsOf(m, s.level) ?? []));
  return report;
}
