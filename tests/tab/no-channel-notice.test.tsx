/**
 * A cohort without a channel says so to its facilitators in the Programme view, with how to set
 * one: an admin edits the cohort, a facilitator asks an admin. Members are not told.
 */
import { FluentProvider, teamsLightTheme } from "@fluentui/react-components";
import { render, screen } from "@testing-library/react";
import type { CohortSummary, MeResponse, ProgressResponse, TimelineResponse } from "../../bot/src/contract/api-contract";
import ProgrammeView from "../../tab/src/views/ProgrammeView";
import { installFakeFetch, type Route } from "../helpers/fake-fetch";

const ok = (body: unknown): Route => () => ({ status: 200, body });
const me: MeResponse = { tenantId: "t", userId: "fac-1", displayName: "Megan Bowen", roles: ["facilitator", "employee"], facilitatorOf: ["fin"], memberOf: [], mode: "local" };
const base: CohortSummary = { id: "fin", name: "Finance cohort", kind: "team", status: "active", trackId: "finance", trackName: "Finance", startDate: "2026-03-02", timeZone: "Europe/London", memberCount: 4, currentWeek: 3, yourRole: "facilitator" };
const suppressed = { suppressed: true } as const;
const timeline: TimelineResponse = { cohortId: "fin", timeZone: "Europe/London", today: "2026-03-16", events: [] };
const progress: ProgressResponse = { cohortId: "fin", memberCount: 4, weekly: [], adoption: [], policyAcknowledged: suppressed, stuckCount: suppressed, helpRequests: suppressed, members: [], alerts: [] };

function open(cohort: CohortSummary) {
  installFakeFetch({
    "GET /api/cohorts": ok([cohort]),
    "GET /api/cohorts/fin/progress": ok(progress),
    "GET /api/cohorts/fin/timeline": ok(timeline),
    "GET /api/cohorts/fin/wins": ok({ cohortId: "fin", wins: [], unsharedCount: 0 }),
    "GET /api/cohorts/fin/digest": () => ({ status: 404, body: { error: { message: "Not found." } } }),
    "GET /api/cohorts/fin/deliveries": ok({ cohortId: "fin", kinds: [], events: [] }),
  });
  render(<FluentProvider theme={teamsLightTheme}><ProgrammeView me={me} /></FluentProvider>);
}

describe("a cohort without a channel, in the Programme view", () => {
  it("when a facilitator opens it, then they are told it has no channel and to ask an admin", async () => {
    open({ ...base, hasChannel: false });
    expect(await screen.findByText("This cohort has no channel")).toBeInTheDocument();
    expect(screen.getByText(/Ask an admin to choose one in the Cohorts tab/)).toBeInTheDocument();
  });

  it("when an admin opens it, then they are told to pick the channel in the cohort editor", async () => {
    open({ ...base, yourRole: "admin", hasChannel: false });
    expect(await screen.findByText(/edit this cohort and pick its channel/)).toBeInTheDocument();
    expect(screen.queryByText(/Ask an admin/)).toBeNull();
  });

  it("when the cohort has a channel, then there is no notice", async () => {
    open({ ...base, hasChannel: true });
    // The notice renders with the cohort itself, no request needed: once the cohort shows, it would be there.
    await screen.findAllByText(/Finance/);
    expect(screen.queryByText("This cohort has no channel")).toBeNull();
  });
});
