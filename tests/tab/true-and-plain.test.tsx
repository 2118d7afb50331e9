/**
 * The tab telling people true and plain things, in jsdom with a scripted API: publishing the
 * policy previews what changes and whom it asks again before a confirm step (and says so when
 * nothing changed); the leadership view's empty states are true for leaders, team members and
 * admins; the server's validation messages show on the field they are about (policy, cohort form,
 * answer box with its character counter); and a new attempt clears the last success banner.
 */
import { FluentProvider, teamsLightTheme } from "@fluentui/react-components";
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { ReactNode } from "react";
import type { CohortSummary, LeadershipResponse, MeResponse, PolicyPreviewResponse, PolicyResponse, ProgressResponse, QuestionDto } from "../../bot/src/contract/api-contract";
import { STARTER_POLICY } from "../../bot/src/domain/policy-template";
import CohortsView from "../../tab/src/views/CohortsView";
import LeadershipView from "../../tab/src/views/LeadershipView";
import PolicyView from "../../tab/src/views/PolicyView";
import QuestionsView from "../../tab/src/views/QuestionsView";
import { installFakeFetch, type Route } from "../helpers/fake-fetch";

const wrap = (ui: ReactNode) => render(<FluentProvider theme={teamsLightTheme}>{ui}</FluentProvider>);
const me = (roles: MeResponse["roles"]): MeResponse => ({ tenantId: "t", userId: "u", displayName: "Ada", roles, facilitatorOf: [], memberOf: [], mode: "local" });
const ok = (body: unknown): Route => () => ({ status: 200, body });
const invalid = (message: string, issues: Array<{ field: string; message: string }>): Route => () => ({ status: 400, body: { error: { code: "VALIDATION.INVALID_INPUT", message, issues } } });
const suppressed = { suppressed: true } as const;
const cohort = (id: string, name: string, kind: CohortSummary["kind"], extra: Partial<CohortSummary> = {}): CohortSummary => ({ id, name, kind, status: "active", trackId: "finance", trackName: "Finance", startDate: "2026-03-02", timeZone: "Europe/London", memberCount: 6, currentWeek: 3, yourRole: "member", ...extra });
const progress = (cohortId: string): ProgressResponse => ({ cohortId, memberCount: 6, weekly: [], adoption: [], policyAcknowledged: suppressed, members: [], stuckCount: suppressed, helpRequests: suppressed });
const policy: PolicyResponse = { current: { tenantId: "t", version: 3, ...STARTER_POLICY, publishedAt: "2026-03-01T09:00:00.000Z", publishedBy: "a" }, changes: [], textChanges: [], acknowledgedByYou: true };
const posted = (fetch: jest.Mock, path: string) => fetch.mock.calls.filter(([url, init]) => url === path && init?.method === "POST");

afterEach(() => sessionStorage.clear());

describe("publishing the policy", () => {
  const preview = (over: Partial<PolicyPreviewResponse>): PolicyPreviewResponse => ({ currentVersion: 3, nextVersion: 4, unchanged: false, textChanges: [], changes: [], membersToAsk: 42, ...over });

  it("when the admin presses Publish, then they see what changes and how many people are asked again, and only Confirm publishes", async () => {
    const fetch = installFakeFetch({
      "GET /api/policy": ok(policy),
      "GET /api/policy/acknowledgements": ok({ version: 3, cohorts: [] }),
      "POST /api/policy/preview": ok(preview({ textChanges: [{ field: "summary", before: "old", after: "A new summary." }], changes: [{ section: "approvedTools", added: ["Copilot Chat"], removed: [] }] })),
      "POST /api/policy": () => ({ status: 201, body: { version: 4 } }),
    });
    wrap(<PolicyView me={me(["admin", "employee"])} />);
    await userEvent.click(await screen.findByRole("button", { name: "Publish new version" }));
    expect(await screen.findByText(/Publishing version 4 will ask 42 people to acknowledge the policy again/)).toBeInTheDocument();
    const list = screen.getByRole("list", { name: "What changes" });
    expect(list).toHaveTextContent("summary rewritten: “A new summary.”");
    expect(list).toHaveTextContent("added to Approved tools: “Copilot Chat”");
    expect(posted(fetch, "/api/policy")).toHaveLength(0);
    await userEvent.click(screen.getByRole("button", { name: "Publish version 4" }));
    await waitFor(() => expect(posted(fetch, "/api/policy")).toHaveLength(1));
  });

  it("when nothing has changed, then the admin is told so and there is nothing to confirm", async () => {
    const fetch = installFakeFetch({ "GET /api/policy": ok(policy), "GET /api/policy/acknowledgements": ok({ version: 3, cohorts: [] }), "POST /api/policy/preview": ok(preview({ unchanged: true })) });
    wrap(<PolicyView me={me(["admin", "employee"])} />);
    await userEvent.click(await screen.findByRole("button", { name: "Publish new version" }));
    expect(await screen.findByText(/Nothing has changed since version 3/)).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /Publish version/ })).not.toBeInTheDocument();
    expect(posted(fetch, "/api/policy")).toHaveLength(0);
  });

  it("when the server finds a problem in the draft, then its message is on the field it is about", async () => {
    installFakeFetch({
      "GET /api/policy": ok(policy),
      "GET /api/policy/acknowledgements": ok({ version: 3, cohorts: [] }),
      "POST /api/policy/preview": invalid("Please fix this: Summary is too long: keep it to 600 characters or fewer.", [{ field: "summary", message: "Summary is too long: keep it to 600 characters or fewer." }]),
    });
    wrap(<PolicyView me={me(["admin", "employee"])} />);
    await userEvent.click(await screen.findByRole("button", { name: "Publish new version" }));
    await waitFor(() => expect(screen.getByLabelText(/^Summary/)).toHaveAccessibleDescription("Summary is too long: keep it to 600 characters or fewer."));
    expect(screen.getByLabelText(/^Title/)).not.toHaveAccessibleDescription(/too long/);
  });

  it("when the current version rewrote the summary, then What changed says so", async () => {
    installFakeFetch({ "GET /api/policy": ok({ ...policy, textChanges: [{ field: "summary", before: "Old.", after: "Rewritten summary." }] }) });
    wrap(<PolicyView me={me(["employee"])} />);
    expect(await screen.findByText(/What changed since version 2/)).toBeInTheDocument();
    expect(screen.getByText(/summary rewritten: “Rewritten summary.”/)).toBeInTheDocument();
  });
});

describe("the leadership view's empty states", () => {
  const lead = cohort("lead", "Leadership team", "leadership");
  const view = (body: LeadershipResponse, roles: MeResponse["roles"] = ["employee"]) => {
    installFakeFetch({ "GET /api/leadership": ok(body) });
    wrap(<LeadershipView me={me(roles)} />);
  };

  it("when team cohorts follow the leader's cohort, then they are shown and no empty state claims otherwise", async () => {
    view({ leadership: [{ cohort: lead, progress: progress("lead"), teams: [{ cohort: cohort("fin", "Finance", "team"), progress: progress("fin"), aggregateOnly: true }] }], organisationHasLeadershipCohort: true });
    expect(await screen.findByText("Finance")).toBeInTheDocument();
    expect(screen.getByText("Group figures only")).toBeInTheDocument();
    expect(screen.queryByText(/No team cohorts follow/)).not.toBeInTheDocument();
  });

  it("when no team cohort follows, then it says exactly that", async () => {
    view({ leadership: [{ cohort: lead, progress: progress("lead"), teams: [] }], organisationHasLeadershipCohort: true });
    expect(await screen.findByText("No team cohorts follow this leadership cohort yet")).toBeInTheDocument();
  });

  it("when the organisation has a leadership cohort the caller's team does not follow, then it does not claim there is none", async () => {
    view({ leadership: [], organisationHasLeadershipCohort: true });
    expect(await screen.findByText("None of your cohorts follows a leadership cohort")).toBeInTheDocument();
    expect(screen.queryByText(/no leadership cohort yet/i)).not.toBeInTheDocument();
  });

  it("when there is none at all, then members are told so and only admins are told to create one", async () => {
    view({ leadership: [], organisationHasLeadershipCohort: false });
    expect(await screen.findByText("Your organisation has no leadership cohort yet")).toBeInTheDocument();
    expect(screen.queryByText(/Create one/)).not.toBeInTheDocument();
  });

  it("when there is none and the caller is an admin, then they are told where to create one", async () => {
    view({ leadership: [], organisationHasLeadershipCohort: false }, ["admin", "employee"]);
    expect(await screen.findByText(/Create one in the Cohorts tab/)).toBeInTheDocument();
  });
});

describe("answering a question", () => {
  const question: QuestionDto = { id: "q1", text: "Can I paste client names?", askedOn: "2026-03-10", anonymous: true, status: "open", etag: "e1" };
  const routes = (answer: Route) => ({ "GET /api/cohorts": ok([cohort("fin", "Finance", "team", { yourRole: "facilitator" })]), "GET /api/cohorts/fin/questions": ok([question]), "POST /api/cohorts/fin/questions/q1/answer": answer });

  it("when the facilitator types, then a counter shows how many characters are left, and a long answer is flagged before sending", async () => {
    installFakeFetch(routes(ok({})));
    wrap(<QuestionsView />);
    const box = await screen.findByLabelText(/Your answer/);
    await userEvent.type(box, "No.");
    expect(box).toHaveAccessibleDescription(/3 of 1000 characters/);
    await userEvent.clear(box);
    await userEvent.click(box);
    await userEvent.paste("x".repeat(1005));
    expect(box).toHaveAccessibleDescription(/5 characters too long/);
    expect(screen.getByRole("button", { name: "Send answer" })).toBeDisabled();
  });

  it("when the server refuses the answer, then its message is on the answer box, not in a developer banner", async () => {
    installFakeFetch(routes(invalid("Please fix this: Answer is too long: keep it to 1000 characters or fewer.", [{ field: "answer", message: "Answer is too long: keep it to 1000 characters or fewer." }])));
    wrap(<QuestionsView />);
    await userEvent.type(await screen.findByLabelText(/Your answer/), "An answer");
    await userEvent.click(screen.getByRole("button", { name: "Send answer" }));
    await waitFor(() => expect(screen.getByLabelText(/Your answer/)).toHaveAccessibleDescription(/Answer is too long: keep it to 1000 characters or fewer\./));
    // No banner repeats it (the only alert is the field's own message).
    expect(screen.getAllByRole("alert")).toHaveLength(1);
    expect(screen.queryByText(/Please fix this/)).not.toBeInTheDocument();
  });
});

describe("creating cohorts", () => {
  const tracks = [{ id: "finance", name: "Finance", role: "finance", audience: "", sessionCount: 4 }];

  it("when a create fails after an earlier success, then the old success banner goes and each message is on its field, counting members from 1", async () => {
    let calls = 0;
    installFakeFetch({
      "GET /api/cohorts": ok([]),
      "GET /api/tracks": ok(tracks),
      "GET /api/people?search=Meg": ok([{ userId: "00000000-0000-0000-0000-00000000000f", displayName: "Megan Bowen" }]),
      "GET /api/people?search=Al": ok([{ userId: "00000000-0000-0000-0000-00000000000a", displayName: "Alex Wilber" }, { userId: "00000000-0000-0000-0000-00000000000b", displayName: "Alan Bo" }]),
      "POST /api/cohorts": () =>
        ++calls === 1
          ? { status: 201, body: {} }
          : invalid("Please fix these: Member 2: the object id must be an Entra object id. Time zone is not valid.", [
              { field: "members.1.userId", message: "Member 2: the object id must be an Entra object id." },
              { field: "timeZone", message: "Time zone must be an IANA time zone such as Europe/London." },
            ])(undefined),
    });
    wrap(<CohortsView />);
    const fill = async (name: string) => {
      await userEvent.type(await screen.findByLabelText(/^Name/), name);
      await userEvent.selectOptions(screen.getByLabelText(/^Track/), "finance");
      await userEvent.type(screen.getByLabelText(/First session/), "2099-04-06");
      await userEvent.type(screen.getByRole("combobox", { name: /^Facilitators/ }), "Meg");
      await userEvent.click(await screen.findByRole("option", { name: "Megan Bowen" }));
      for (const name of ["Alex Wilber", "Alan Bo"]) {
        await userEvent.type(screen.getByRole("combobox", { name: /^Members/ }), "Al");
        await userEvent.click(await screen.findByRole("option", { name }));
      }
      await userEvent.click(screen.getByRole("button", { name: "Create cohort" }));
    };
    await fill("First");
    expect(await screen.findByText(/First is created/)).toBeInTheDocument();
    await fill("Second");
    await waitFor(() => expect(screen.getByRole("combobox", { name: /^Members/ })).toHaveAccessibleDescription("Member 2: the object id must be an Entra object id."));
    expect(screen.getByLabelText(/^Time zone/)).toHaveAccessibleDescription("Time zone must be an IANA time zone such as Europe/London.");
    expect(screen.queryByText(/First is created/)).not.toBeInTheDocument();
    expect(screen.getByText(/see the messages by the fields above/)).toBeInTheDocument();
  });
});
