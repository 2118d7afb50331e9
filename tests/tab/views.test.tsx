/**
 * The tab's views in jsdom with a scripted API: loading, empty, error and data states, the policy
 * conflict that keeps the admin's draft, the cohort form's "leadership goes first" rule, and
 * editing a cohort: prefilled, ETag-guarded, with the conflict that loads the other admin's version.
 */
import { FluentProvider, teamsLightTheme } from "@fluentui/react-components";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { ReactNode } from "react";
import type { CohortDetail, CohortSummary, MeResponse, PolicyResponse, ProgressResponse, TimelineResponse } from "../../bot/src/contract/api-contract";
import { STARTER_POLICY } from "../../bot/src/domain/policy-template";
import { leadershipProblem } from "../../tab/src/views/CohortForm";
import CohortsView from "../../tab/src/views/CohortsView";
import PolicyView from "../../tab/src/views/PolicyView";
import ProgrammeView from "../../tab/src/views/ProgrammeView";
import { installFakeFetch, pending, type Route } from "../helpers/fake-fetch";

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
      "POST /api/policy/preview": () => ({ status: 200, body: { currentVersion: 3, nextVersion: 4, unchanged: false, textChanges: [{ field: "summary", before: "x", after: "My carefully worded new summary." }], changes: [], membersToAsk: 12 } }),
      "POST /api/policy": () => ({ status: 409, body: { error: { code: "CONCURRENCY.CONFLICT", message: "Another admin published version 4 while you were editing. Your draft is kept: review the new version and publish again." } } }),
    });
    wrap(<PolicyView me={me(["admin", "employee"])} />);
    const summary = await screen.findByLabelText(/Summary/);
    await userEvent.clear(summary);
    await userEvent.type(summary, "My carefully worded new summary.");
    await userEvent.click(screen.getByRole("button", { name: "Publish new version" }));
    await userEvent.click(await screen.findByRole("button", { name: "Publish version 4" }));
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

});

describe("editing a cohort in the Cohorts view", () => {
  const tracks = [{ id: "finance", name: "Finance", role: "finance", audience: "", sessionCount: 4 }];
  const leaders: CohortSummary = { ...cohort, id: "lead", name: "Leadership", kind: "leadership", startDate: "2026-02-23", yourRole: "admin" };
  const finance: CohortSummary = { ...cohort, yourRole: "admin", leadershipCohortId: "lead" };
  const detail: CohortDetail = {
    ...finance,
    etag: '"v1"',
    localTime: "09:30",
    facilitators: [{ userId: "fac-1", displayName: "Megan Bowen" }],
    members: [
      { userId: "id-1", displayName: "Alex Wilber", jobTitle: "Financial Analyst" },
      { userId: "id-2", displayName: "Grady Archie" },
    ],
    winsChannel: { teamId: "team-1", channelId: "channel-1", channelName: "Wins" },
  };
  const ok = (body: unknown): Route => () => ({ status: 200, body });
  const chosen = (noun: string) => within(screen.getByRole("list", { name: `Chosen ${noun}` })).getAllByRole("listitem").map((li) => li.querySelector("span")?.textContent);
  const putBodies = (fetch: jest.Mock) => fetch.mock.calls.filter(([, init]) => init?.method === "PUT").map(([, init]) => JSON.parse(String(init.body)));

  async function openEditor(routes: Record<string, Route>) {
    const fetch = installFakeFetch({ "GET /api/cohorts": ok([leaders, finance]), "GET /api/tracks": ok(tracks), ...routes });
    wrap(<CohortsView />);
    await userEvent.click(await screen.findByRole("button", { name: "Edit Finance cohort" }));
    return fetch;
  }

  it("when an admin edits a cohort, then the form is filled from its detail, and Save sends the ETag it was read with and the edits", async () => {
    let answerPut: (reply: { status: number; body: unknown }) => void = () => undefined;
    const fetch = await openEditor({
      "GET /api/cohorts/fin": ok(detail),
      "PUT /api/cohorts/fin": () => new Promise((resolve) => (answerPut = resolve)),
      "GET /api/people?search=Henr": ok([{ userId: "id-1", displayName: "Alex Wilber" }, { userId: "id-3", displayName: "Henrietta Mueller" }]),
    });
    expect(await screen.findByLabelText(/^Name/)).toHaveValue("Finance cohort");
    expect(screen.getByRole("heading", { name: "Edit Finance cohort" })).toHaveFocus();
    expect(chosen("facilitators")).toEqual(["Megan Bowen"]);
    expect(chosen("members")).toEqual(["Alex Wilber", "Grady Archie"]);
    expect(screen.getByLabelText(/^Leadership cohort that goes first/)).toHaveValue("lead");
    expect(screen.getByLabelText(/^Status/)).toHaveValue("active");
    expect(screen.queryByRole("heading", { name: "Create a cohort" })).not.toBeInTheDocument();

    await userEvent.clear(screen.getByLabelText(/^Name/));
    await userEvent.type(screen.getByLabelText(/^Name/), "Finance team");
    await userEvent.type(screen.getByRole("combobox", { name: /^Members/ }), "Henr");
    await userEvent.click(await screen.findByRole("option", { name: "Henrietta Mueller" }));
    expect(chosen("members")).toEqual(["Alex Wilber", "Grady Archie", "Henrietta Mueller"]);
    await userEvent.selectOptions(screen.getByLabelText(/^Status/), "paused");
    await userEvent.click(screen.getByRole("button", { name: "Save changes" }));
    const saving = screen.getByRole("button", { name: "Saving…" });
    expect(saving).toBeDisabled();
    await userEvent.click(saving);
    expect(putBodies(fetch)).toHaveLength(1);
    expect(putBodies(fetch)[0]).toEqual({
      name: "Finance team",
      kind: "team",
      trackId: "finance",
      startDate: "2026-03-02",
      timeZone: "Europe/London",
      localTime: "09:30",
      facilitatorIds: ["fac-1"],
      facilitatorNames: [{ userId: "fac-1", displayName: "Megan Bowen" }],
      members: [
        { userId: "id-1", displayName: "Alex Wilber", jobTitle: "Financial Analyst" },
        { userId: "id-2", displayName: "Grady Archie" },
        { userId: "id-3", displayName: "Henrietta Mueller" },
      ],
      leadershipCohortId: "lead",
      winsChannel: { teamId: "team-1", channelId: "channel-1" },
      status: "paused",
      etag: '"v1"',
    });

    const cohortListLoads = () => fetch.mock.calls.filter(([url, init]) => url === "/api/cohorts" && init?.method === "GET").length;
    const listLoadsBefore = cohortListLoads();
    answerPut({ status: 200, body: { ...detail, name: "Finance team", status: "paused", etag: '"v2"' } });
    expect(await screen.findByText("Finance team is saved.")).toBeInTheDocument();
    expect(await screen.findByRole("heading", { name: "Create a cohort" })).toBeInTheDocument();
    expect(cohortListLoads()).toBe(listLoadsBefore + 1);
  });

  it("when the cohort's detail is loading or fails to load, then a spinner and then the error with a Retry that works are shown", async () => {
    let loads = 0;
    let finishFirstLoad: (reply: { status: number; body: unknown }) => void = () => undefined;
    await openEditor({
      "GET /api/cohorts/fin": () => (++loads === 1 ? new Promise((resolve) => (finishFirstLoad = resolve)) : { status: 200, body: detail }),
    });
    expect(screen.getByText("Loading the cohort")).toBeInTheDocument();
    finishFirstLoad({ status: 500, body: { error: { code: "INTERNAL", message: "Something went wrong on our side. Try again in a moment." } } });
    expect(await screen.findByText("Something went wrong on our side. Try again in a moment.")).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Retry" }));
    expect(await screen.findByLabelText(/^Name/)).toHaveValue("Finance cohort");
  });

  it("when someone else saved the cohort first, then the admin is told, their version is loaded into the form, and the next save carries its ETag", async () => {
    const theirs: CohortDetail = { ...detail, name: "Finance: reporting", etag: '"v2"', members: [...detail.members, { userId: "id-9", displayName: "Lynne Robbins" }] };
    let loads = 0;
    let puts = 0;
    const fetch = await openEditor({
      "GET /api/cohorts/fin": () => ({ status: 200, body: ++loads === 1 ? detail : theirs }),
      "PUT /api/cohorts/fin": () =>
        ++puts === 1
          ? { status: 409, body: { error: { code: "CONCURRENCY.CONFLICT", message: "Someone else changed this at the same time. Reload and try again." } } }
          : { status: 200, body: { ...theirs, status: "archived", etag: '"v3"' } },
    });
    await userEvent.clear(await screen.findByLabelText(/^Name/));
    await userEvent.type(screen.getByLabelText(/^Name/), "My new name");
    await userEvent.click(screen.getByRole("button", { name: "Save changes" }));

    expect(await screen.findByText("Someone else changed this cohort while you were editing")).toBeInTheDocument();
    expect(within(screen.getByRole("list", { name: "Your changes that were not saved" })).getByRole("listitem")).toHaveTextContent("Name: My new name");
    expect(await screen.findByLabelText(/^Name/)).toHaveValue("Finance: reporting");
    expect(chosen("members")).toEqual(["Alex Wilber", "Grady Archie", "Lynne Robbins"]);
    expect(screen.queryByText(/is saved/)).not.toBeInTheDocument();

    await userEvent.selectOptions(screen.getByLabelText(/^Status/), "archived");
    await userEvent.click(screen.getByRole("button", { name: "Save changes" }));
    expect(await screen.findByText("Finance: reporting is saved.")).toBeInTheDocument();
    expect(putBodies(fetch).map((body) => [body.etag, body.name, body.status])).toEqual([
      ['"v1"', "My new name", "active"],
      ['"v2"', "Finance: reporting", "archived"],
    ]);
  });

  it("when the server refuses the edit as invalid, then its message is shown on the field and the admin's input is kept", async () => {
    const issue = "Facilitator 1: choose a person from the list; 'fac-1' is not a person's id.";
    await openEditor({
      "GET /api/cohorts/fin": ok(detail),
      "PUT /api/cohorts/fin": () => ({ status: 400, body: { error: { code: "VALIDATION.INVALID_INPUT", message: `Please fix this: ${issue}`, issues: [{ field: "facilitatorIds.0", message: issue }] } } }),
    });
    await userEvent.clear(await screen.findByLabelText(/^Name/));
    await userEvent.type(screen.getByLabelText(/^Name/), "Kept name");
    await userEvent.click(screen.getByRole("button", { name: "Save changes" }));
    expect(await screen.findByText(/see the messages by the fields above/)).toBeInTheDocument();
    expect(screen.getByRole("combobox", { name: /^Facilitators/ })).toHaveAccessibleDescription(issue);
    expect(screen.getByLabelText(/^Name/)).toHaveValue("Kept name");
    expect(chosen("facilitators")).toEqual(["Megan Bowen"]);
    expect(screen.getByRole("button", { name: "Save changes" })).toBeEnabled();
  });

  it("when the admin cancels, then the form is back in create mode and nothing is sent", async () => {
    const fetch = await openEditor({ "GET /api/cohorts/fin": ok(detail) });
    await screen.findByLabelText(/^Name/);
    await userEvent.click(screen.getByRole("button", { name: "Cancel" }));
    expect(screen.getByRole("heading", { name: "Create a cohort" })).toBeInTheDocument();
    expect(screen.getByLabelText(/^Name/)).toHaveValue("");
    expect(putBodies(fetch)).toHaveLength(0);
  });

  it("when the caller is not an admin of a cohort, then that cohort has no Edit button", async () => {
    installFakeFetch({ "GET /api/cohorts": ok([{ ...finance, yourRole: "facilitator" }, { ...leaders, yourRole: "member" }]), "GET /api/tracks": ok(tracks) });
    wrap(<CohortsView />);
    await screen.findByRole("table", { name: "Cohorts" });
    expect(screen.queryByRole("button", { name: /^Edit/ })).not.toBeInTheDocument();
    expect(screen.queryByRole("columnheader", { name: "Actions" })).not.toBeInTheDocument();
  });
});
