/**
 * A cohort's metrics as CSV for L&D reporting; suppressed cells say so rather than show a number.
 *
 * Spreadsheets run a cell that starts with `=`, `+`, `-` or `@` (or a tab or carriage return
 * before one) as a formula: a cohort named `=HYPERLINK(...)` would become a live link in whoever
 * opens the export. Every text cell therefore goes through `textCell`, which prefixes such a value
 * with a single quote (OWASP's CSV-injection advice); only numbers this code computes are written
 * as numbers. New columns with names or free text must use `textCell` too.
 */
import { stringify } from "csv-stringify/sync";
import type { AppContext } from "../../app-context";
import type { Actor, Aggregate } from "../../domain/types";
import { authorizeCohort } from "../access";
import { progressOf } from "./progress";

/** A cell: text we neutralise, or a number we computed ourselves. */
type Cell = { text: string } | number | undefined;

const FORMULA_START = /^[\s]*[=+\-@\t\r]/;

/** Text as a spreadsheet will only ever show it, never run it. */
export function neutraliseCsvText(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

const text = (value: string): Cell => ({ text: value });

function render(cell: Cell): string {
  if (cell === undefined) return "";
  if (typeof cell === "number") return Number.isFinite(cell) ? String(cell) : "";
  return neutraliseCsvText(cell.text);
}

const value = (a: Aggregate): Cell => (a.suppressed ? text("not enough responses") : a.value);
const people = (a: Aggregate): Cell => (a.suppressed ? undefined : a.n);
/** The same honesty as the tab: say how a figure was rounded (domain/metrics.ts). */
const note = (a: Aggregate): Cell => {
  if (a.suppressed) return text("fewer than 5 people");
  if (a.basis === "first-respondents") return text(`over the first ${a.n} respondents (counted in fives)`);
  if (a.basis === "rounded-down-count") return text("count rounded down to a multiple of 5");
  if (a.basis === "rounded-down-share") return text("share of people counted in fives, rounded down");
  return undefined;
};

export async function metricsCsv(ctx: AppContext, actor: Actor, cohortId: string): Promise<{ filename: string; csv: string }> {
  const { cohort, role } = await authorizeCohort(ctx, actor, "cohort.monitor", cohortId);
  // Group figures only: the CSV has no member rows, so it reads no page of members.
  const progress = await progressOf(ctx, actor, cohort, role, { figuresOnly: true });
  const name = text(cohort.name);
  const rows: Cell[][] = [[text("cohort"), text("metric"), text("week"), text("value"), text("people"), text("note")]];
  for (const w of progress.weekly) {
    rows.push([name, text("participation"), w.week, value(w.participation), people(w.participation), note(w.participation)]);
    rows.push([name, text("average confidence (1-5)"), w.week, value(w.confidence), people(w.confidence), note(w.confidence)]);
    rows.push([name, text("minutes saved"), w.week, value(w.minutesSaved), people(w.minutesSaved), note(w.minutesSaved)]);
  }
  for (const a of progress.adoption) rows.push([name, text("still using AI"), a.week, value(a.stillUsing), people(a.stillUsing), note(a.stillUsing)]);
  rows.push([name, text("policy acknowledged"), undefined, value(progress.policyAcknowledged), progress.memberCount, note(progress.policyAcknowledged)]);
  // Where members stand now, by the same rule as the tab (domain/alerts.ts `currentDifficulty`).
  rows.push([name, text("members stuck now"), undefined, value(progress.stuckCount), people(progress.stuckCount), note(progress.stuckCount)]);
  rows.push([name, text("members asking for help now"), undefined, value(progress.helpRequests), people(progress.helpRequests), note(progress.helpRequests)]);
  return { filename: `${cohort.name.replace(/[^A-Za-z0-9-]+/g, "-").toLowerCase()}-metrics.csv`, csv: stringify(rows.map((row) => row.map(render))) };
}
