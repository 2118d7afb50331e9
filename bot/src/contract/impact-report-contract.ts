/** The organisation report's API types (domain/impact-report.ts computes the figures). */
import { z } from "zod";
import type { ReportAssumptions, ReportFigures } from "../domain/impact-report";
import { SENIORITY_LEVELS, type SeniorityLevel } from "../domain/seniority";

export type { BlockerTheme, FrequencyDistribution, FunnelStep, PairedAdoption, ReportAssumptions, ReportFigures, ReportWeek } from "../domain/impact-report";

/** `?cohortId=&trackId=&seniority=&hoursPerFtePerWeek=&costPerHour=&currency=`; absent values take the defaults. */
export const ImpactReportQuery = z.object({
  cohortId: z.string().min(1).max(128).optional(),
  trackId: z.string().min(1).max(128).optional(),
  seniority: z.enum(SENIORITY_LEVELS, { message: "Seniority is individual, manager or executive." }).optional(),
  hoursPerFtePerWeek: z.coerce.number({ message: "Hours per FTE per week must be a number." }).gt(0, "Hours per FTE per week must be more than 0.").max(80, "Hours per FTE per week can be at most 80.").optional(),
  costPerHour: z.coerce.number({ message: "Cost per hour must be a number." }).min(0, "Cost per hour cannot be negative.").max(10_000, "Cost per hour can be at most 10,000.").optional(),
  currency: z.string().regex(/^[A-Z]{3}$/, "Currency is a three-letter code, such as GBP or EUR.").optional(),
});
export type ImpactReportQuery = z.infer<typeof ImpactReportQuery>;

export interface ImpactReportResponse {
  /** "tenant" for admins; otherwise the cohorts the caller facilitates and those following their leadership cohort. */
  scope: "tenant" | "own-cohorts";
  assumptions: ReportAssumptions;
  filters: { cohortId?: string; trackId?: string; seniority?: SeniorityLevel };
  /** Everything in scope, for the filter pickers. */
  cohorts: Array<{ id: string; name: string; trackId: string }>;
  tracks: Array<{ id: string; name: string }>;
  seniorities: Array<{ id: SeniorityLevel; name: string }>;
  overall: ReportFigures;
  byCohort: Array<{ cohortId: string; cohortName: string; trackId: string; figures: ReportFigures }>;
  byTrack: Array<{ trackId: string; trackName: string; figures: ReportFigures }>;
  /** Individual contributors, people managers and executives (only the filtered level when `filters.seniority` is set). */
  bySeniority: Array<{ level: SeniorityLevel; levelName: string; figures: ReportFigures }>;
}
