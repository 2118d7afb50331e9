/**
 * The organisation report: did people start using AI? Group figures only, sliced by cohort, track,
 * seniority or programme week (and filtered by any of the first three), on fixed axes (shares 0–100 %, confidence 1–5). Hours, FTE and cost always
 * sit next to the assumptions that made them. Prints as a report (the print stylesheet hides the
 * navigation and controls, prints black on white and starts each section on a new page) and exports
 * as CSV with the same slice. The slice and filters live in the address (`?slice=&cohortId=&trackId=&seniority=`),
 * so a reload or a shared link opens the same view.
 */
import { Button, Field, Input, Link, Select, Text } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import type { Aggregate, ImpactReportResponse, ReportFigures } from "../../../bot/src/contract/api-contract";
import { apiRoutes } from "../../../bot/src/contract/api-routes";
import { BLOCKER_LABELS } from "../../../bot/src/domain/check-in-choices";
import { api, ApiError } from "../api";
import { AggregateValue, formatAggregate } from "../components/AggregateValue";
import { autoGrid, ScrollArea } from "../components/Layout";
import { Empty, Failure, Loading } from "../components/States";
import { WeeklyBarChart } from "../components/WeeklyBarChart";
import { useApi } from "../useApi";
import MeasuredUsagePanel from "./MeasuredUsagePanel";

type Slice = "cohort" | "track" | "seniority" | "week";
type Filters = { cohortId?: string; trackId?: string; seniority?: string };
interface Assumptions {
  hoursPerFtePerWeek: string;
  costPerHour: string;
  currency: string;
}

const FREQUENCY_LABELS: Record<string, string> = { daily: "Daily", "few-times-a-week": "A few times a week", weekly: "Weekly", rarely: "Rarely", "not-at-all": "Not at all" };
const FUNNEL_LABELS: Record<string, string> = { tried: "Tried it (checked in)", weekly: "Used it weekly (week 4)", "week-8": "Still using it at week 8", "week-12": "Still using it at week 12" };

/**
 * The printable report: no navigation, header or controls; black on white (in the dark theme too);
 * charts kept; each section on its own page; tables unrolled from their scroll boxes.
 */
export const PRINT_CSS = `@media print {
  @page { margin: 16mm; }
  nav, header, button, select, input, .report-controls, .report-no-print { display: none !important; }
  html, body, main, section, div, figure, table, th, td, li, p, span, h1, h2, h3 { background: #fff !important; color: #000 !important; box-shadow: none !important; }
  svg text { fill: #000 !important; }
  .report-section { break-inside: avoid; page-break-inside: avoid; }
  .report-section ~ .report-section { break-before: page; page-break-before: always; }
  .report-section [role="region"] { overflow: visible !important; }
  table { border-collapse: collapse; }
  th, td { border: 1px solid #000 !important; padding: 2px 4px; }
}`;

const SLICES: readonly Slice[] = ["cohort", "track", "seniority", "week"];
const SLICE_NAMES: Record<Slice, string> = { cohort: "cohort", track: "track", seniority: "seniority", week: "programme week" };

/** The slice and filters in the address, so a reload or a link opens the same view. */
function readAddress(): { filters: Filters; slice: Slice } {
  const params = new URLSearchParams(window.location.search);
  const pick = (key: string) => params.get(key) || undefined;
  const slice = params.get("slice") as Slice | null;
  return { filters: { cohortId: pick("cohortId"), trackId: pick("trackId"), seniority: pick("seniority") }, slice: slice && SLICES.includes(slice) ? slice : "cohort" };
}

/** Writes the slice and filters into the address (keeping any other parameter, such as Teams' own). */
function writeAddress(filters: Filters, slice: Slice): void {
  const params = new URLSearchParams(window.location.search);
  for (const [key, value] of Object.entries({ ...filters, slice: slice === "cohort" ? undefined : slice })) {
    if (value) params.set(key, value);
    else params.delete(key);
  }
  const search = params.toString();
  const path = /^\/tab(\/|$)/.test(window.location.pathname) ? "/tab/report" : window.location.pathname;
  const next = `${path}${search ? `?${search}` : ""}${window.location.hash}`;
  if (next !== `${window.location.pathname}${window.location.search}${window.location.hash}`) window.history.replaceState(window.history.state, "", next);
}

export default function ReportView() {
  const [initial] = useState(readAddress);
  const [filters, setFilters] = useState<Filters>(initial.filters);
  const [draft, setDraft] = useState<Assumptions>({ hoursPerFtePerWeek: "", costPerHour: "", currency: "" });
  const [applied, setApplied] = useState<Assumptions>(draft);
  const [slice, setSlice] = useState<Slice>(initial.slice);
  useEffect(() => writeAddress(filters, slice), [filters, slice]);
  const query = { ...filters, hoursPerFtePerWeek: applied.hoursPerFtePerWeek, costPerHour: applied.costPerHour, currency: applied.currency };
  const [report, reload] = useApi<ImpactReportResponse>(apiRoutes.impactReport.url(query));

  return (
    <section aria-labelledby="report-title">
      <style>{PRINT_CSS}</style>
      <Text as="h2" id="report-title" size={500} weight="semibold" block>
        Organisation report
      </Text>
      <div className="report-controls" style={{ ...autoGrid(160, 8), alignItems: "end", margin: "8px 0 16px" }}>
        <Field label="Hours per FTE per week" style={{ minWidth: 0 }}>
          <Input style={NARROW_INPUT} inputMode="decimal" value={draft.hoursPerFtePerWeek} placeholder="37.5" onChange={(_e, d) => setDraft({ ...draft, hoursPerFtePerWeek: d.value })} />
        </Field>
        <Field label="Cost per hour" style={{ minWidth: 0 }}>
          <Input style={NARROW_INPUT} inputMode="decimal" value={draft.costPerHour} placeholder="40" onChange={(_e, d) => setDraft({ ...draft, costPerHour: d.value })} />
        </Field>
        <Field label="Currency" style={{ minWidth: 0 }}>
          <Input style={NARROW_INPUT} value={draft.currency} placeholder="GBP" maxLength={3} onChange={(_e, d) => setDraft({ ...draft, currency: d.value.toUpperCase() })} />
        </Field>
        <Button onClick={() => setApplied(draft)}>Apply assumptions</Button>
      </div>
      {report.state === "loading" ? <Loading label="Loading the report" /> : null}
      {report.state === "error" ? <Failure error={report.error} onRetry={reload} /> : null}
      {report.state === "ready" ? <Report data={report.data} filters={filters} setFilters={setFilters} slice={slice} setSlice={setSlice} query={query} /> : null}
    </section>
  );
}

/** An input never wider than its column (Fluent's default minimum is wider than a phone's column). */
const NARROW_INPUT = { minWidth: 0, width: "100%" } as const;

/** A select never wider than its column: a long cohort or track name is cut, not the page widened. */
const NARROW_SELECT = { root: { style: { minWidth: 0, maxWidth: "100%" } }, select: { style: { minWidth: 0, width: "100%", textOverflow: "ellipsis" } } } as const;

function Report({ data, filters, setFilters, slice, setSlice, query }: { data: ImpactReportResponse; filters: Filters; setFilters: (f: Filters) => void; slice: Slice; setSlice: (s: Slice) => void; query: Record<string, string | undefined> }) {
  const [csvError, setCsvError] = useState<ApiError>();
  if (data.cohorts.length === 0) return <Empty title="No cohorts in your report yet">The report covers the cohorts you run or that follow your leadership cohort.</Empty>;
  const { assumptions: a } = data;
  const stated = `Assuming ${a.hoursPerFtePerWeek} hours per FTE per week and ${a.costPerHour} ${a.currency} per hour`;
  const weeks = data.overall.weekly.map((w) => w.week);
  return (
    <>
      <div className="report-controls" style={{ ...autoGrid(160, 8), alignItems: "end", marginBottom: 16 }}>
        <Field label="Cohort" style={{ minWidth: 0 }}>
          <Select {...NARROW_SELECT} value={filters.cohortId ?? ""} onChange={(_e, d) => setFilters({ ...filters, cohortId: d.value || undefined })}>
            <option value="">All cohorts</option>
            {data.cohorts.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
          </Select>
        </Field>
        <Field label="Track" style={{ minWidth: 0 }}>
          <Select {...NARROW_SELECT} value={filters.trackId ?? ""} onChange={(_e, d) => setFilters({ ...filters, trackId: d.value || undefined })}>
            <option value="">All tracks</option>
            {data.tracks.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
          </Select>
        </Field>
        <Field label="Seniority" style={{ minWidth: 0 }}>
          <Select {...NARROW_SELECT} value={filters.seniority ?? ""} onChange={(_e, d) => setFilters({ ...filters, seniority: d.value || undefined })}>
            <option value="">Everyone</option>
            {data.seniorities.map((l) => <option key={l.id} value={l.id}>{l.name}</option>)}
          </Select>
        </Field>
        <Field label="Slice by" style={{ minWidth: 0 }}>
          <Select {...NARROW_SELECT} value={slice} onChange={(_e, d) => setSlice(d.value as Slice)}>
            <option value="cohort">Cohort</option>
            <option value="track">Track</option>
            <option value="seniority">Seniority</option>
            <option value="week">Programme week</option>
          </Select>
        </Field>
        <div style={{ display: "flex", gap: 12, flexWrap: "wrap", alignItems: "center" }}>
          <Link href={apiRoutes.impactReportCsv.url(query)} onClick={(e) => void downloadCsv(e, apiRoutes.impactReportCsv.url(query)).then(() => setCsvError(undefined), (err: unknown) => setCsvError(err instanceof ApiError ? err : new ApiError(0, "The CSV could not be downloaded. Try again.")))}>Export CSV</Link>
          <Button onClick={() => window.print()}>Printable report</Button>
        </div>
      </div>
      {csvError ? <div className="report-no-print"><Failure error={csvError} /></div> : null}
      <Text block data-testid="report-showing" style={{ marginBottom: 12 }}>
        {showing(data, filters, slice)}
      </Text>
      <Figures title="All cohorts in this report" figures={data.overall} stated={stated} currency={a.currency} weeks={weeks} />
      <MeasuredUsagePanel report={data} slice={slice} />
      {slice === "week" ? <WeekTable figures={data.overall} /> : null}
      {slice === "cohort" ? data.byCohort.map((c) => <Figures key={c.cohortId} title={c.cohortName} figures={c.figures} stated={stated} currency={a.currency} weeks={weeks} />) : null}
      {slice === "track" ? data.byTrack.map((t) => <Figures key={t.trackId} title={t.trackName} figures={t.figures} stated={stated} currency={a.currency} weeks={weeks} />) : null}
      {slice === "seniority" ? data.bySeniority.map((l) => <Figures key={l.level} title={l.levelName} figures={l.figures} stated={stated} currency={a.currency} weeks={weeks} />) : null}
    </>
  );
}

/** What the report shows, in words: printed at the top so a printout says which slice it is. */
function showing(data: ImpactReportResponse, filters: Filters, slice: Slice): string {
  const chosen = [
    filters.cohortId ? `cohort ${data.cohorts.find((c) => c.id === filters.cohortId)?.name ?? filters.cohortId}` : undefined,
    filters.trackId ? `track ${data.tracks.find((t) => t.id === filters.trackId)?.name ?? filters.trackId}` : undefined,
    filters.seniority ? `seniority ${data.seniorities.find((l) => l.id === filters.seniority)?.name ?? filters.seniority}` : undefined,
  ].filter(Boolean);
  return `Showing ${chosen.length ? chosen.join(", ") : "every cohort in this report"}, sliced by ${SLICE_NAMES[slice]}.`;
}

/** A weekly chart's points on the report's own weeks: every slice's chart has the same weeks along its axis. */
function onWeeks(weeks: readonly number[], figures: ReportFigures, value: (w: ReportFigures["weekly"][number]) => Aggregate) {
  return weeks.map((week) => {
    const at = figures.weekly.find((w) => w.week === week);
    const v = at ? value(at) : undefined;
    return { label: `Week ${week}`, value: v && !v.suppressed ? v.value : undefined };
  });
}

function Figures({ title, figures: f, stated, currency, weeks }: { title: string; figures: ReportFigures; stated: string; currency: string; weeks: readonly number[] }) {
  const small = f.memberCount < MIN_GROUP;
  return (
    <section className="report-section" aria-label={title} style={{ marginBottom: 24 }}>
      <Text as="h3" size={400} weight="semibold" block>
        {title} · {small ? "fewer than 5 members" : `${f.memberCount} members`}
      </Text>
      {small ? <Text block>Fewer than 5 people: this slice’s figures are withheld so no one’s answers can be worked out.</Text> : null}
      <div style={autoGrid(150, 12)}>
        <AggregateValue label="Participation" value={f.participation} kind="share" />
        <AggregateValue label="Average confidence" value={f.confidence} kind="score" />
        <AggregateValue label="Hours saved" value={f.hoursSaved} kind="number" />
        <AggregateValue label="FTE saved per week" value={f.fteSaved} kind="number" />
        <AggregateValue label={`Cost saved (${currency})`} value={f.costSaved} kind="number" />
      </div>
      <Text size={200} block style={{ marginTop: 4 }}>
        {stated}.
      </Text>
      <div style={autoGrid(280)}>
        <WeeklyBarChart title="Using AI, same people (% at baseline → at week)" scale="share" points={f.adoption.filter((p) => p.week > 0).flatMap((p) => [{ label: `W0 vs W${p.week}`, value: p.before.value }, { label: `Week ${p.week}`, value: p.after.value }])} />
        <WeeklyBarChart title="Average confidence (1–5)" scale="score" points={onWeeks(weeks, f, (w) => w.confidence)} />
        <WeeklyBarChart title="Response rate (%)" scale="share" points={onWeeks(weeks, f, (w) => w.responseRate)} />
      </div>
      <AdoptionTable title={title} figures={f} />
      <ul aria-label="Answered both">
        {f.adoption.filter((p) => p.week > 0).map((p) => (
          <li key={p.week}>
            Week {p.week}: {p.pairs === 0 ? "fewer than 5 answered both the baseline and this week" : `${p.pairs} answered both the baseline and this week: ${formatAggregate(p.before, "share")} → ${formatAggregate(p.after, "share")}`}
          </li>
        ))}
      </ul>
      <div style={autoGrid(240)}>
        <div>
          <Text weight="semibold" block>Habit funnel</Text>
          <ol>{f.funnel.map((s) => <li key={s.step}>{FUNNEL_LABELS[s.step]}: {formatAggregate(s.people, "number")}</li>)}</ol>
        </div>
        <div>
          <Text weight="semibold" block>How often (latest check)</Text>
          <FrequencyList figures={f} />
        </div>
        <div>
          <Text weight="semibold" block>Where people get stuck</Text>
          {f.blockers.checkIns === 0 ? <Text block>Fewer than 5 check-ins</Text> : f.blockers.themes.every((t) => t.count === 0) ? <Text block>Nothing named in {f.blockers.checkIns} check-ins</Text> : (
            <ul>{f.blockers.themes.filter((t) => t.count > 0).map((t) => <li key={t.blocker}>{BLOCKER_LABELS[t.blocker]}: {t.count} of {f.blockers.checkIns} check-ins</li>)}</ul>
          )}
        </div>
      </div>
    </section>
  );
}

/** Using AI at weeks 0, 4, 8 and 12, the same people before and after: one column per check. */
function AdoptionTable({ title, figures }: { title: string; figures: ReportFigures }) {
  const later = figures.adoption.filter((p) => p.week > 0);
  return (
    <ScrollArea label={`${title}: adoption by week`} minWidth={320}>
      <table aria-label={`${title}: using AI, same people`}>
        <thead><tr><th scope="col">Using AI</th>{later.map((p) => <th key={p.week} scope="col">Week {p.week}</th>)}</tr></thead>
        <tbody>
          <tr><th scope="row">At week 0 (baseline)</th>{later.map((p) => <td key={p.week}>{cell(p.before, "share")}</td>)}</tr>
          <tr><th scope="row">At that week</th>{later.map((p) => <td key={p.week}>{cell(p.after, "share")}</td>)}</tr>
          <tr><th scope="row">Answered both</th>{later.map((p) => <td key={p.week}>{p.pairs === 0 ? "fewer than 5" : p.pairs}</td>)}</tr>
        </tbody>
      </table>
    </ScrollArea>
  );
}

function FrequencyList({ figures }: { figures: ReportFigures }) {
  const latest = [...figures.frequency].reverse().find((d) => d.respondents > 0);
  if (!latest) return <Text block>Fewer than 5 answers</Text>;
  return <ul aria-label={`Week ${latest.week}, ${latest.respondents} answers`}>{latest.counts.map((c) => <li key={c.frequency}>{FREQUENCY_LABELS[c.frequency]}: {c.count}</li>)}</ul>;
}

const MIN_GROUP = 5;
const cell = (a: Aggregate, kind: "share" | "score" | "number") => (a.suppressed ? "fewer than 5" : formatAggregate(a, kind));

function WeekTable({ figures }: { figures: ReportFigures }) {
  if (figures.weekly.length === 0) return <Empty title="No check-ins yet" />;
  return (
    <div style={{ overflowX: "auto", marginBottom: 24 }} className="report-section">
      <table aria-label="By programme week">
        <thead><tr><th scope="col">Week</th><th scope="col">Response rate</th><th scope="col">Confidence</th><th scope="col">Hours saved</th></tr></thead>
        <tbody>
          {figures.weekly.map((w) => (
            <tr key={w.week}><th scope="row">{w.week}</th><td>{cell(w.responseRate, "share")}</td><td>{cell(w.confidence, "score")}</td><td>{cell(w.hoursSaved, "number")}</td></tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

async function downloadCsv(event: React.MouseEvent, url: string) {
  event.preventDefault();
  const csv = await api.get<string>(url);
  const href = URL.createObjectURL(new Blob([csv], { type: "text/csv" }));
  Object.assign(document.createElement("a"), { href, download: "organisation-report.csv" }).click();
  // Revoked once the browser has started the download, not before.
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}
