/**
 * The measured-usage panel of the organisation report in jsdom with a scripted API: measured
 * figures next to the self-reported ones, "fewer than 5" when suppressed, the concealed-names
 * explanation, and the admin switch (loading, error, turning it on).
 */
import { FluentProvider, teamsLightTheme } from "@fluentui/react-components";
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { ImpactReportResponse } from "../../bot/src/contract/api-contract";
import { computeImpactReport } from "../../bot/src/domain/impact-report";
import { combineMeasured, computeMeasuredUsage } from "../../bot/src/domain/measured-usage";
import MeasuredUsagePanel from "../../tab/src/views/MeasuredUsagePanel";
import { installFakeFetch, pending } from "../helpers/fake-fetch";

const ids = Array.from({ length: 10 }, (_, i) => `u${i}`);

function reportWith(measured: ImpactReportResponse["overall"]["measured"], scope: "tenant" | "own-cohorts" = "tenant"): ImpactReportResponse {
  const computed = computeImpactReport([{ cohortId: "fin", trackId: "finance", memberIds: ids, records: { checkIns: [], adoption: [] } }], { hoursPerFtePerWeek: 37.5, costPerHour: 40, currency: "GBP" });
  const figures = { ...computed.overall, ...(measured ? { measured } : {}) };
  return {
    scope, assumptions: computed.assumptions, filters: {},
    cohorts: [{ id: "fin", name: "Finance cohort", trackId: "finance" }], tracks: [{ id: "finance", name: "Finance" }],
    overall: figures,
    byCohort: [{ cohortId: "fin", cohortName: "Finance cohort", trackId: "finance", figures }],
    byTrack: [], seniorities: [], bySeniority: [],
  };
}

const wrap = (report: ImpactReportResponse) => render(<FluentProvider theme={teamsLightTheme}><MeasuredUsagePanel report={report} slice="cohort" /></FluentProvider>);
const SETTINGS_OFF = { available: true, enabled: false, state: "off" };

describe("the measured usage panel", () => {
  it("when usage is measured, then each slice shows the measured share next to what people said, and a small group says fewer than 5", async () => {
    installFakeFetch({ "GET /api/measured-usage": () => ({ status: 200, body: { available: true, enabled: true, state: "on", reportRefreshDate: "2026-04-08" } }) });
    const activity = new Map(ids.slice(0, 6).map((u): [string, string[]] => [u, ["2026-01-20"]]));
    const measured = computeMeasuredUsage([{ cohortId: "fin", startDate: "2026-01-05", memberIds: ids, activity }], { from: "2026-01-01", through: "2026-04-08" });
    wrap(reportWith(measured));
    const table = screen.getByRole("table", { name: "Measured and self-reported usage" });
    expect(table).toHaveTextContent("Finance cohort");
    expect(table).toHaveTextContent("50% (5) · fewer than 5");
    expect(screen.getByText(/data up to 2026-04-08/)).toBeInTheDocument();
    expect(await screen.findByText(/State: On\./)).toBeInTheDocument();

    const small = combineMeasured([new Map([[4, { count: 0, of: 0 }], [8, "pending"], [12, "pending"]])], "on", "2026-02-10");
    wrap(reportWith(small, "own-cohorts"));
    expect(screen.getAllByRole("table")[1]).toHaveTextContent("fewer than 5 · fewer than 5");
    expect(screen.getAllByRole("table")[1]).toHaveTextContent("not yet");
  });

  it("when names are concealed, then it explains that usage cannot be joined and where an admin turns the setting off", () => {
    installFakeFetch({ "GET /api/measured-usage": pending });
    wrap(reportWith({ status: "concealed", weeks: [] }, "own-cohorts"));
    expect(screen.getByText("Measured usage cannot be joined")).toBeInTheDocument();
    expect(screen.getByText(/Settings → Org settings → Services → Reports/)).toBeInTheDocument();
    expect(screen.queryByRole("table")).toBeNull();
  });

  it("when an admin opens it, then the setting loads, an error can be retried, and turning it on saves it", async () => {
    installFakeFetch({ "GET /api/measured-usage": pending });
    const first = wrap(reportWith(undefined));
    expect(screen.getByText("Loading the measured usage setting")).toBeInTheDocument();
    first.unmount();

    installFakeFetch({ "GET /api/measured-usage": () => ({ status: 500, body: { error: { code: "INTERNAL", message: "The store is unavailable." } } }) });
    const second = wrap(reportWith(undefined));
    expect(await screen.findByRole("alert")).toHaveTextContent("The store is unavailable.");
    second.unmount();

    let saved: unknown;
    let state: Record<string, unknown> = SETTINGS_OFF;
    installFakeFetch({
      "GET /api/measured-usage": () => ({ status: 200, body: state }),
      "PUT /api/measured-usage": (init) => {
        saved = JSON.parse(String(init?.body));
        state = { available: true, enabled: true, state: "on-waiting-for-first-read" };
        return { status: 200, body: state };
      },
    });
    wrap(reportWith(undefined));
    expect(screen.getByText(/Not measured/)).toBeInTheDocument();
    expect(await screen.findByText(/Reports\.Read\.All to read the usage report, User\.ReadBasic\.All/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole("switch", { name: "Measure Copilot usage" }));
    await waitFor(() => expect(saved).toEqual({ enabled: true }));
    expect(await screen.findByText(/waiting for the first daily read/)).toBeInTheDocument();
  });
});
