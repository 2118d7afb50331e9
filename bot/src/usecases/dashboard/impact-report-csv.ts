/**
 * The organisation report as CSV: one row per figure per slice (all, track, cohort, seniority), the
 * assumptions beside hours, FTE and cost, and "fewer than 5" wherever the tab says so. Every text cell goes through
 * `neutraliseCsvText` (metrics-csv.ts), so a cohort named `=HYPERLINK(...)` stays text.
 */
import { stringify } from "csv-stringify/sync";
import type { AppContext } from "../../app-context";
import type { ImpactReportQuery, ReportFigures } from "../../contract/impact-report-contract";
import { BLOCKER_LABELS } from "../../domain/check-in-choices";
import { MIN_GROUP_SIZE } from "../../domain/metrics";
import { SENIORITY_LABELS } from "../../domain/seniority";
import type { Actor, Aggregate } from "../../domain/types";
import { impactReport } from "./impact-report";
import { neutraliseCsvText } from "./metrics-csv";

type Cell = string | number | undefined;
const SUPPRESSED = "fewer than 5";

const valueOf = (a: Aggregate): Cell => (a.suppressed ? SUPPRESSED : a.value);
const countCell = (count: number): Cell => (count === 0 ? SUPPRESSED : count);

function render(cell: Cell): string {
  if (cell === undefined) return "";
  if (typeof cell === "number") return Number.isFinite(cell) ? String(cell) : "";
  return neutraliseCsvText(cell);
}

export async function impactReportCsv(ctx: AppContext, actor: Actor, query: ImpactReportQuery): Promise<{ filename: string; csv: string }> {
  const report = await impactReport(ctx, actor, query);
  const { hoursPerFtePerWeek, costPerHour, currency } = report.assumptions;
  const stated = `assuming ${hoursPerFtePerWeek} hours per FTE per week and ${costPerHour} ${currency} per hour`;
  const rows: Cell[][] = [["slice", "name", "metric", "week", "value", "people", "note"]];
  if (report.filters.seniority) rows.push(["filter", "seniority", SENIORITY_LABELS[report.filters.seniority], undefined, undefined, undefined, "every slice below counts only these members"]);
  const slices: Array<[string, string, ReportFigures]> = [
    ["all", "All cohorts in this report", report.overall],
    ...report.byTrack.map((t): [string, string, ReportFigures] => ["track", t.trackName, t.figures]),
    ...report.byCohort.map((c): [string, string, ReportFigures] => ["cohort", c.cohortName, c.figures]),
    ...report.bySeniority.map((l): [string, string, ReportFigures] => ["seniority", l.levelName, l.figures]),
  ];
  for (const [slice, name, f] of slices) {
    const row = (metric: string, week: number | undefined, value: Cell, people: Cell, note?: string) => rows.push([slice, name, metric, week, value, people, note]);
    const agg = (metric: string, week: number | undefined, a: Aggregate, note?: string) => row(metric, week, valueOf(a), a.n, note);
    // A slice under 5 people gives its size as "fewer than 5", as the tab does: never 1, 2, 3 or 4.
    row("members", undefined, f.memberCount < MIN_GROUP_SIZE ? SUPPRESSED : f.memberCount, undefined);
    agg("participation (share who checked in)", undefined, f.participation);
    agg("average confidence (1-5)", undefined, f.confidence);
    agg("hours saved", undefined, f.hoursSaved);
    agg("FTE saved per week", undefined, f.fteSaved, stated);
    agg(`cost saved (${currency})`, undefined, f.costSaved, stated);
    for (const w of f.weekly) {
      agg("response rate", w.week, w.responseRate);
      agg("average confidence (1-5)", w.week, w.confidence);
      agg("hours saved", w.week, w.hoursSaved);
    }
    for (const a of f.adoption) {
      agg("using AI at baseline (paired)", a.week, a.before, `${a.pairs} answered both`);
      agg("using AI at this week (paired)", a.week, a.after, `${a.pairs} answered both`);
    }
    for (const d of f.frequency) for (const c of d.counts) row(`how often: ${c.frequency}`, d.week, d.respondents === 0 ? SUPPRESSED : c.count, d.respondents === 0 ? undefined : d.respondents);
    for (const t of f.blockers.themes) row(`stuck on: ${BLOCKER_LABELS[t.blocker]}`, undefined, f.blockers.checkIns === 0 ? SUPPRESSED : t.count, f.blockers.checkIns === 0 ? undefined : f.blockers.checkIns, "check-ins naming it");
    for (const s of f.funnel) row(`habit funnel: ${s.step}`, undefined, s.people.suppressed ? SUPPRESSED : countCell(s.people.value), s.people.n, "counted in fives");
  }
  return { filename: "organisation-report.csv", csv: stringify(rows.map((r) => r.map(render))) };
}
