/** A cohort's metrics as CSV for L&D reporting; suppressed cells say so rather than show a number. */
import { stringify } from "csv-stringify/sync";
import type { AppContext } from "../../app-context";
import type { Actor, Aggregate } from "../../domain/types";
import { resolveCohortAccess, requireStaff } from "../access";
import { progressOf } from "./progress";

const cell = (a: Aggregate) => (a.suppressed ? "not enough responses" : String(a.value));

export async function metricsCsv(ctx: AppContext, actor: Actor, cohortId: string): Promise<{ filename: string; csv: string }> {
  const { cohort, role } = await resolveCohortAccess(ctx, actor, cohortId);
  requireStaff(role);
  const progress = await progressOf(ctx, actor, cohort, role);
  const rows: string[][] = [["cohort", "metric", "week", "value", "people"]];
  for (const w of progress.weekly) {
    rows.push([cohort.name, "participation", String(w.week), cell(w.participation), String(w.participation.n ?? "")]);
    rows.push([cohort.name, "average confidence (1-5)", String(w.week), cell(w.confidence), String(w.confidence.n ?? "")]);
    rows.push([cohort.name, "minutes saved", String(w.week), cell(w.minutesSaved), String(w.minutesSaved.n ?? "")]);
  }
  for (const a of progress.adoption) rows.push([cohort.name, "still using AI", String(a.week), cell(a.stillUsing), String(a.respondents)]);
  rows.push([cohort.name, "policy acknowledged", "", cell(progress.policyAcknowledged), String(progress.memberCount)]);
  return { filename: `${cohort.name.replace(/[^A-Za-z0-9-]+/g, "-").toLowerCase()}-metrics.csv`, csv: stringify(rows) };
}
