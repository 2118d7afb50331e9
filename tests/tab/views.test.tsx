/**
 * The tab's views in jsdom with a scripted API: loading, empty, error and data states, the policy
 * conflict that keeps the admin's draft, and the cohort form's "leadership goes first" rule.
 */
import { FluentProvider, teamsLightTheme } from "@fluentui/react-components";
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { ReactNode } from "react";
import type { CohortSummary, MeResponse, PolicyResponse, ProgressResponse, TimelineResponse } from "../../bot/src/api/contract";
import { STARTER_POLICY } from "../../bot/src/domain/policy-template";
import CohortsView, { leadershipProblem, parseMembers } from "../../tab/src/views/CohortsView";
import PolicyView from "../../tab/src/views/PolicyView";
import ProgrammeView from "../../tab/src/views/ProgrammeView";
import { installFakeFetch, pending } from "../helpers/fake-fetch";

const wrap = (ui: ReactNode) => render(<FluentProvider theme={teamsLightTheme}>{ui}</FluentProvider>);
const me = (roles: MeResponse["roles"]): MeResponse => ({ tenantId: "t", userId: "u", displayName: "Ada", roles, facilitatorOf: [], memberOf: [], mode: "local" });
const cohort: CohortSummary = { id: "fin", name: "Finance cohort", kind: "team", status: "active", trackId: "finance", trackName: "Finance", startDate: "2026-03-02", timeZone: "Europe/London", memberCount: 4, currentWeek: 3, yourRole: "facilitator" };
const suppressed = { suppressed: true } as const;
const progress: ProgressResponse = {
  cohortId: "fin", memberCount: 4, weekly: [{ week: 2, participation: suppressed, confidence: suppressed, minutesSaved: suppressed }], adoption: [{ week: 0, stillUsing: suppressed, respondents: 3 }],
  policyAcknowledged: suppressed, members: [{ userId: "a", displayName: "Alex Wilber", status: "asked-for-help", checkInsDone: 1, minutesSaved: 30 }], stuckCount: suppressed, helpRequests: suppressed,
};
const timeline: TimelineResponse = { cohortId: "fin", timeZone: "Europe/London", today: "2026-03-16", events: [{ key: "s1.learn", kind: "learn", week: 1, sessionNumber: 1, title: "Session 1: Variance commentary", localDate: "2026-03-02", localTime: "09:30", dueAt: "2026-03-02T09:30:00.000Z", state: "past", delivery: { pending: 0, sent: 4, failed: 0 }, responses: suppressed }] };
const policy: PolicyResponse = { current: { tenantId: "t", version: 3, ...STARTER_POLICY, publishedAt: "2026-03-01T09:00:00.000Z", publishedBy: "a" }, changes: [], acknowledgedByYou: true };

afterEach(() => sessionStorage.clear());

describe("the Programme view", () => {
  it("when cohorts are loading, then a spinner says so", () => {
    installFakeFetch({ "GET /api/cohorts": pending });
    wrap(<ProgrammeView me={me(["facilitator"])} />);
    expect(screen.getByText("Loading cohorts")).toBeInTheDocument();
  });

  it("when there are no cohorts, then an admin is told how to start", async () => {
    installFakeFetch({ "GET /api/cohorts": () => ({ status: 200, body: [] }) });
    wrap(<ProgrammeView me={me(["admin"])} />);
    expect(await screen.findByText("No cohorts yet")).toBeInTheDocument();
    expect(screen.getByText(/leadership team, who go first/)).toBeInTheDocument();
  });

  it("when the API fails, then the error is shown with a Retry that works", async () => {
    let calls = 0;
    installFakeFetch({ "GET /api/cohorts": () => (++calls === 1 ? { status: 500, body: { error: { code: "INTERNAL", message: "Cosmos DB is not reachable" } } } : { status: 200, body: [] }) });
    wrap(<ProgrammeView me={me(["facilitator"])} />);
    expect(await screen.findByText("Cosmos DB is not reachable")).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Retry" }));
    expect(await screen.findByText("No cohorts yet")).toBeInTheDocument();
  });

  it("when a small cohort's figures are suppressed, then the view says there are not enough responses, and shows the timeline", async () => {
    installFakeFetch({
      "GET /api/cohorts": () => ({ status: 200, body: [cohort] }),
      "GET /api/cohorts/fin/progress": () => ({ status: 200, body: progress }),
      "GET /api/cohorts/fin/timeline": () => ({ status: 200, body: timeline }),
    });
    wrap(<ProgrammeView me={me(["facilitator"])} />);
    expect(await screen.findByRole("table", { name: "Programme timeline" })).toBeInTheDocument();
    expect(screen.getAllByText(/Not enough responses yet \(fewer than 5\)/).length).toBeGreaterThan(2);
    expect(screen.getByText("Session 1: Variance commentary")).toBeInTheDocument();
    expect(screen.getByRole("table", { name: "Members and how they are doing" })).toHaveTextContent("Alex WilberAsked for help");
  });
});

describe("the Policy view", () => {
  it("when there is no policy yet, then the empty state explains it", async () => {
    installFakeFetch({ "GET /api/policy": () => ({ status: 200, body: { changes: [], acknowledgedByYou: false } }) });
    wrap(<PolicyView me={me(["employee"])} />);
    expect(await screen.findByText("No policy published yet")).toBeInTheDocument();
  });

  it("when another admin published first, then the conflict is shown and everything typed is kept", async () => {
    installFakeFetch({
      "GET /api/policy": () => ({ status: 200, body: policy }),
      "GET /api/policy/acknowledgements": () => ({ status: 200, body: { version: 3, cohorts: [] } }),
      "POST /api/policy": () => ({ status: 409, body: { error: { code: "CONCURRENCY.CONFLICT", message: "Another admin published version 4 while you were editing. Your draft is kept: review the new version and publish again." } } }),
    });
    wrap(<PolicyView me={me(["admin", "employee"])} />);
    const summary = await screen.findByLabelText(/Summary/);
    await userEvent.clear(summary);
    await userEvent.type(summary, "My carefully worded new summary.");
    await userEvent.click(screen.getByRole("button", { name: "Publish new version" }));
    expect(await screen.findByText(/Another admin published version 4/)).toBeInTheDocument();
    expect(screen.getByLabelText(/Summary/)).toHaveValue("My carefully worded new summary.");
    expect(JSON.parse(sessionStorage.getItem("cohort-coach.policy-draft")!).summary).toBe("My carefully worded new summary.");
  });
});

describe("the Cohorts view", () => {
  const leaders: CohortSummary = { ...cohort, id: "lead", name: "Leadership", kind: "leadership", startDate: "2026-03-02" };

  it("when a team cohort would start on or before its leadership cohort, then the form refuses it", async () => {
    expect(leadershipProblem({ kind: "team", startDate: "2026-03-02", leadershipCohortId: "lead" }, [leaders])).toMatch(/Leadership goes first/);
    expect(leadershipProblem({ kind: "team", startDate: "2026-03-09", leadershipCohortId: "lead" }, [leaders])).toBeUndefined();
    installFakeFetch({ "GET /api/cohorts": () => ({ status: 200, body: [leaders] }), "GET /api/tracks": () => ({ status: 200, body: [{ id: "finance", name: "Finance", role: "finance", audience: "", sessionCount: 4 }] }) });
    wrap(<CohortsView />);
    await userEvent.type(await screen.findByLabelText(/^Name/), "Finance team");
    await userEvent.selectOptions(screen.getByLabelText(/^Track/), "finance");
    await userEvent.selectOptions(screen.getByLabelText(/Leadership cohort that goes first/), "lead");
    await userEvent.type(screen.getByLabelText(/First session/), "2026-02-23");
    expect(await screen.findByText(/Leadership goes first: start after Leadership/)).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Create cohort" })).toBeDisabled();
  });

  it("when members are pasted as lines, then each line becomes a member", () => {
    expect(parseMembers("id-1, Alex Wilber\n\nid-2")).toEqual([{ userId: "id-1", displayName: "Alex Wilber" }, { userId: "id-2", displayName: "id-2" }]);
  });
});
