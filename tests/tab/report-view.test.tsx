/**
 * The organisation report view in jsdom with a scripted API: loading, error and empty states,
 * "fewer than 5" for suppressed figures, the assumptions beside hours/FTE/cost, slicing (by
 * seniority too), the week-12 column, the CSV link and the print stylesheet.
 */
import { FluentProvider, teamsLightTheme } from "@fluentui/react-components";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { ImpactReportResponse } from "../../bot/src/contract/api-contract";
import { computeImpactReport } from "../../bot/src/domain/impact-report";
import type { SeniorityLevel } from "../../bot/src/domain/seniority";
import type { AdoptionAnswer, CheckIn } from "../../bot/src/domain/types";
import ReportView from "../../tab/src/views/ReportView";
import { installFakeFetch, pending } from "../helpers/fake-fetch";

const wrap = () => render(<FluentProvider theme={teamsLightTheme}><ReportView /></FluentProvider>);
// The view keeps its slice and filters in the address: each test starts from a clean one.
beforeEach(() => window.history.replaceState(null, "", "/"));
const checkIn = (i: number): CheckIn => ({ id: `c${i}`, tenantId: "t", cohortId: "fin", userId: `u${i}`, sessionNumber: 1, tried: "", worked: "", stuck: "", minutesSaved: 120, confidence: 4, wantsHelp: false, submittedAt: `2026-03-04T09:0${i}:00.000Z`, updatedAt: `2026-03-04T09:0${i}:00.000Z` });

function reportBody(): ImpactReportResponse {
  const assumptions = { hoursPerFtePerWeek: 37.5, costPerHour: 40, currency: "GBP" };
  const computed = computeImpactReport([{ cohortId: "fin", trackId: "finance", memberIds: ["u0", "u1", "u2", "u3", "u4", "u5"], records: { checkIns: [0, 1, 2, 3, 4].map(checkIn), adoption: [] } }], assumptions);
  return {
    scope: "tenant", assumptions, filters: {},
    cohorts: [{ id: "fin", name: "Finance cohort", trackId: "finance" }], tracks: [{ id: "finance", name: "Finance" }],
    overall: computed.overall,
    byCohort: [{ cohortId: "fin", cohortName: "Finance cohort", trackId: "finance", figures: computed.byCohort[0]!.figures }],
    byTrack: [{ trackId: "finance", trackName: "Finance", figures: computed.byTrack[0]!.figures }],
    seniorities: [{ id: "individual", name: "Individual contributors" }, { id: "manager", name: "People managers" }, { id: "executive", name: "Executives" }],
    bySeniority: computed.bySeniority.map((l) => ({ level: l.level, levelName: { individual: "Individual contributors", manager: "People managers", executive: "Executives" }[l.level], figures: l.figures })),
  };
}

describe("the organisation report view", () => {
  it("when the report is loading, then a spinner says so", () => {
    installFakeFetch({ "GET /api/report": pending });
    wrap();
    expect(screen.getByText("Loading the report")).toBeInTheDocument();
  });

  it("when the API refuses, then its plain words are shown with a retry", async () => {
    installFakeFetch({ "GET /api/report": () => ({ status: 403, body: { error: { code: "AUTH.FORBIDDEN", message: "The organisation report is for admins, facilitators and leaders." } } }) });
    wrap();
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("The organisation report is for admins, facilitators and leaders.");
    expect(within(alert).getByRole("button", { name: "Retry" })).toBeInTheDocument();
  });

  it("when there are no cohorts in scope, then it says so", async () => {
    installFakeFetch({ "GET /api/report": () => ({ status: 200, body: { ...reportBody(), cohorts: [], byCohort: [] } }) });
    wrap();
    expect(await screen.findByText("No cohorts in your report yet")).toBeInTheDocument();
  });

  it("when the report has figures, then suppressed ones say fewer than 5, the assumptions sit next to hours and cost, and it can be sliced, exported and printed", async () => {
    const fetch = installFakeFetch({
      "GET /api/report": () => ({ status: 200, body: reportBody() }),
      "GET /api/report?trackId=finance": () => ({ status: 200, body: { ...reportBody(), filters: { trackId: "finance" } } }),
      "GET /api/report?hoursPerFtePerWeek=20": () => ({ status: 200, body: { ...reportBody(), assumptions: { hoursPerFtePerWeek: 20, costPerHour: 40, currency: "GBP" } } }),
    });
    const { container } = wrap();
    const overall = await screen.findByRole("region", { name: "All cohorts in this report" });
    expect(within(overall).getByText("10")).toBeInTheDocument(); // 5 people × 2 hours
    expect(within(overall).getByText("Assuming 37.5 hours per FTE per week and 40 GBP per hour.")).toBeInTheDocument();
    expect(within(overall).getByText("Week 4: fewer than 5 answered both the baseline and this week")).toBeInTheDocument();
    expect(within(overall).getByText(/Still using it at week 8: Fewer than 5/)).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Export CSV" })).toHaveAttribute("href", "/api/report.csv");
    expect(container.querySelector("style")?.textContent).toContain("@media print");

    await userEvent.selectOptions(screen.getByRole("combobox", { name: "Slice by" }), "week");
    expect(await screen.findByRole("table", { name: "By programme week" })).toBeInTheDocument();

    await userEvent.selectOptions(screen.getByRole("combobox", { name: "Track" }), "finance");
    await waitFor(() => expect(fetch).toHaveBeenCalledWith("/api/report?trackId=finance", expect.anything()));
    await userEvent.selectOptions(await screen.findByRole("combobox", { name: "Track" }), "");

    await userEvent.type(screen.getByRole("textbox", { name: "Hours per FTE per week" }), "20");
    await userEvent.click(screen.getByRole("button", { name: "Apply assumptions" }));
    expect(await screen.findAllByText("Assuming 20 hours per FTE per week and 40 GBP per hour.")).not.toHaveLength(0);
  });

  it("when the report is sliced and filtered by seniority, then each level shows its figures, a withheld level says fewer than 5, and week 12 has its column", async () => {
    // 12 members: u0–u6 individual contributors, u7–u11 managers; everyone answered week 0 and week 12.
    const ids = Array.from({ length: 12 }, (_, i) => `u${i}`);
    const seniority = new Map<string, SeniorityLevel>(ids.map((u, i) => [u, i < 7 ? "individual" : "manager"]));
    const answer = (i: number, week: number): AdoptionAnswer => ({ id: `a${week}-${i}`, tenantId: "t", cohortId: "fin", userId: `u${i}`, week, stillUsing: week === 12, frequency: "weekly", usedFor: "", answeredAt: `2026-05-20T09:${String(10 + i)}:00.000Z` });
    const twelve = computeImpactReport([{ cohortId: "fin", trackId: "finance", memberIds: ids, records: { checkIns: [], adoption: [...ids.map((_, i) => answer(i, 0)), ...ids.map((_, i) => answer(i, 12))] }, seniority }]);
    const levelNames: Record<SeniorityLevel, string> = { individual: "Individual contributors", manager: "People managers", executive: "Executives" };
    const body = { ...reportBody(), overall: twelve.overall, bySeniority: twelve.bySeniority.map((l) => ({ level: l.level, levelName: levelNames[l.level], figures: l.figures })) };
    const fetch = installFakeFetch({
      "GET /api/report": () => ({ status: 200, body }),
      "GET /api/report?seniority=manager": () => ({ status: 200, body: { ...body, filters: { seniority: "manager" } } }),
    });
    wrap();
    const overall = await screen.findByRole("region", { name: "All cohorts in this report" });
    const table = within(overall).getByRole("table", { name: "All cohorts in this report: using AI, same people" });
    expect(within(table).getByRole("columnheader", { name: "Week 12" })).toBeInTheDocument();
    const atThatWeek = within(table).getByRole("row", { name: /^At that week/ });
    expect(within(atThatWeek).getAllByRole("cell").map((c) => c.textContent)).toEqual(["fewer than 5", "fewer than 5", "100%"]);

    await userEvent.selectOptions(screen.getByRole("combobox", { name: "Slice by" }), "seniority");
    const managers = await screen.findByRole("region", { name: "People managers" });
    expect(within(managers).getByText(/Still using it at week 12/)).toBeInTheDocument();
    const executives = screen.getByRole("region", { name: "Executives" });
    expect(within(executives).getByText("Week 12: fewer than 5 answered both the baseline and this week")).toBeInTheDocument();

    await userEvent.selectOptions(screen.getByRole("combobox", { name: "Seniority" }), "manager");
    await waitFor(() => expect(fetch).toHaveBeenCalledWith("/api/report?seniority=manager", expect.anything()));
    expect(screen.getByRole("link", { name: "Export CSV" })).toHaveAttribute("href", "/api/report.csv?seniority=manager");
  });
});

describe("the organisation report view: address, fixed axes, print and small slices", () => {
  const ci = (cohortId: string, user: string, session: number, minute: number): CheckIn => ({ ...checkIn(minute), id: `c-${cohortId}-${user}-${session}`, cohortId, userId: user, sessionNumber: session, submittedAt: `2026-03-0${session + 3}T09:${String(minute).padStart(2, "0")}:00.000Z`, updatedAt: `2026-03-0${session + 3}T09:${String(minute).padStart(2, "0")}:00.000Z` });
  const fin = Array.from({ length: 6 }, (_, i) => `f${i}`);
  const mkt = Array.from({ length: 6 }, (_, i) => `m${i}`);
  const hr = ["h0", "h1", "h2"];

  /** Finance answered weeks 1 and 2, marketing week 1 only, and the HR pilot has 3 people. */
  function twoTracks(): ImpactReportResponse {
    const computed = computeImpactReport([
      { cohortId: "fin", trackId: "finance", memberIds: fin, records: { checkIns: [...fin.map((u, i) => ci("fin", u, 1, i)), ...fin.map((u, i) => ci("fin", u, 2, i))], adoption: [] } },
      { cohortId: "mkt", trackId: "marketing", memberIds: mkt, records: { checkIns: mkt.map((u, i) => ci("mkt", u, 1, 10 + i)), adoption: [] } },
      { cohortId: "hr", trackId: "hr", memberIds: hr, records: { checkIns: hr.map((u, i) => ci("hr", u, 1, 20 + i)), adoption: [] } },
    ]);
    const names: Record<string, string> = { finance: "Finance", marketing: "Marketing", hr: "HR" };
    return {
      ...reportBody(),
      cohorts: [{ id: "fin", name: "Finance cohort", trackId: "finance" }, { id: "mkt", name: "Marketing cohort", trackId: "marketing" }, { id: "hr", name: "HR pilot", trackId: "hr" }],
      tracks: Object.entries(names).map(([id, name]) => ({ id, name })),
      overall: computed.overall,
      byCohort: [],
      byTrack: computed.byTrack.map((t) => ({ trackId: t.trackId, trackName: names[t.trackId]!, figures: t.figures })),
    };
  }
  const chartAxes = (region: HTMLElement) => [...region.querySelectorAll("figure[data-y-min]")].map((f) => [f.getAttribute("data-y-min"), f.getAttribute("data-y-max"), f.getAttribute("data-y-ticks"), f.getAttribute("data-x-labels")]);

  beforeEach(() => window.history.replaceState(null, "", "/tab/report"));

  it("when the report is sliced and filtered, then the address follows, and an address with a slice opens on it", async () => {
    window.history.replaceState(null, "", "/tab/report?slice=track&trackId=finance&theme=dark");
    installFakeFetch({
      "GET /api/report?trackId=finance": () => ({ status: 200, body: { ...twoTracks(), filters: { trackId: "finance" } } }),
      "GET /api/report?trackId=finance&seniority=manager": () => ({ status: 200, body: { ...twoTracks(), filters: { trackId: "finance", seniority: "manager" } } }),
    });
    wrap();
    expect(await screen.findByRole("region", { name: "Marketing" })).toBeInTheDocument();
    expect(screen.getByRole("combobox", { name: "Slice by" })).toHaveValue("track");
    expect(screen.getByRole("combobox", { name: "Track" })).toHaveValue("finance");
    expect(screen.getByTestId("report-showing")).toHaveTextContent("Showing track Finance, sliced by track.");

    await userEvent.selectOptions(screen.getByRole("combobox", { name: "Seniority" }), "manager");
    await waitFor(() => expect(new URLSearchParams(window.location.search).get("seniority")).toBe("manager"));
    expect(window.location.pathname).toBe("/tab/report");
    expect(Object.fromEntries(new URLSearchParams(window.location.search))).toEqual({ slice: "track", trackId: "finance", theme: "dark", seniority: "manager" });
    expect(await screen.findByRole("link", { name: "Export CSV" })).toHaveAttribute("href", "/api/report.csv?trackId=finance&seniority=manager");

    await userEvent.selectOptions(screen.getByRole("combobox", { name: "Slice by" }), "cohort");
    await waitFor(() => expect(new URLSearchParams(window.location.search).has("slice")).toBe(false));
  });

  it("when slices have different weeks and figures, then every chart has the same fixed axes: 0–100 %, 1–5 and the report's weeks", async () => {
    window.history.replaceState(null, "", "/tab/report?slice=track");
    installFakeFetch({ "GET /api/report": () => ({ status: 200, body: twoTracks() }) });
    wrap();
    const overall = await screen.findByRole("region", { name: "All cohorts in this report" });
    const expected = [
      ["0%", "100%", "0%,25%,50%,75%,100%", "W0 vs W4|Week 4|W0 vs W8|Week 8|W0 vs W12|Week 12"],
      ["1", "5", "1,2,3,4,5", "Week 1|Week 2"],
      ["0%", "100%", "0%,25%,50%,75%,100%", "Week 1|Week 2"],
    ];
    expect(chartAxes(overall)).toEqual(expected);
    // Marketing answered week 1 only: week 2 stays on its axis, without a bar.
    const marketing = screen.getByRole("region", { name: "Marketing" });
    expect(chartAxes(marketing)).toEqual(expected);
    expect(chartAxes(screen.getByRole("region", { name: "Finance" }))).toEqual(expected);
  });

  it("when a slice has fewer than 5 people, then it says fewer than 5 instead of its size and figures", async () => {
    window.history.replaceState(null, "", "/tab/report?slice=track");
    installFakeFetch({ "GET /api/report": () => ({ status: 200, body: twoTracks() }) });
    wrap();
    const small = await screen.findByRole("region", { name: "HR" });
    expect(within(small).getByRole("heading", { level: 3 })).toHaveTextContent("HR · fewer than 5 members");
    expect(within(small).getByText(/Fewer than 5 people: this slice’s figures are withheld/)).toBeInTheDocument();
    expect(within(small).queryByText(/\b3 members/)).not.toBeInTheDocument();
    expect(within(screen.getByRole("region", { name: "Finance" })).getByRole("heading", { level: 3 })).toHaveTextContent("Finance · 6 members");
  });

  it("when the admin asks for the printable report, then the browser prints, and the print stylesheet hides navigation and controls and breaks pages between sections", async () => {
    installFakeFetch({ "GET /api/report": () => ({ status: 200, body: twoTracks() }) });
    const print = jest.spyOn(window, "print").mockImplementation(() => undefined);
    const { container } = wrap();
    await userEvent.click(await screen.findByRole("button", { name: "Printable report" }));
    expect(print).toHaveBeenCalledTimes(1);
    print.mockRestore();
    const css = container.querySelector("style")!.textContent!;
    expect(css).toContain("@media print");
    expect(css).toMatch(/nav, header, button, select, input, \.report-controls/);
    expect(css).toMatch(/\.report-section ~ \.report-section \{ break-before: page/);
    expect(css).toMatch(/color: #000 !important/);
  });
});
