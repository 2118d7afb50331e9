/**
 * The leader's side of "leaders go first" in the tab, in jsdom with a scripted API: the leadership
 * view's empty states with and without following team cohorts (including "No experiments shared
 * yet"), sharing an experiment (consent names the teams; one post per filled-in form; the server's
 * message on the field, what was typed kept), the note to the teams (a conflict keeps what was
 * typed), and a team facilitator holding the note back.
 */
import { FluentProvider, teamsLightTheme } from "@fluentui/react-components";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { ReactNode } from "react";
import type { CohortSummary, LeaderNoteResponse, LeaderNoteReviewResponse, LeadershipResponse, MeResponse, ProgressResponse } from "../../bot/src/contract/api-contract";
import { LeaderNoteReview } from "../../tab/src/views/LeaderNoteReview";
import LeadershipView from "../../tab/src/views/LeadershipView";
import { installFakeFetch, type Route } from "../helpers/fake-fetch";

const wrap = (ui: ReactNode) => render(<FluentProvider theme={teamsLightTheme}>{ui}</FluentProvider>);
const me: MeResponse = { tenantId: "t", userId: "u", displayName: "Lena", roles: ["employee"], facilitatorOf: [], memberOf: [], mode: "local" };
const ok = (body: unknown): Route => () => ({ status: 200, body });
const suppressed = { suppressed: true } as const;
const cohort = (id: string, name: string, kind: CohortSummary["kind"], extra: Partial<CohortSummary> = {}): CohortSummary => ({ id, name, kind, status: "active", trackId: "leadership", trackName: "Leadership", startDate: "2026-02-16", timeZone: "Europe/London", memberCount: 6, currentWeek: 3, yourRole: "member", ...extra });
const progress = (cohortId: string): ProgressResponse => ({ cohortId, memberCount: 6, weekly: [], adoption: [], policyAcknowledged: suppressed, members: [], stuckCount: suppressed, helpRequests: suppressed });
const lead = cohort("lead", "Leadership team", "leadership");
const team = (id: string, name: string) => ({ cohort: cohort(id, name, "team", { leadershipCohortId: "lead" }), progress: progress(id), aggregateOnly: true as const });
const calls = (fetch: jest.Mock, method: string, path: string) => fetch.mock.calls.filter(([url, init]) => url === path && init?.method === method);
const noteOf = (over: Partial<LeaderNoteResponse> = {}): LeaderNoteResponse => ({ cohortId: "lead", teams: [], ...over });

function leadershipWith(teams: ReturnType<typeof team>[], experiments: LeadershipResponse["leadership"][number]["experiments"] = []): LeadershipResponse {
  return { leadership: [{ cohort: lead, progress: progress("lead"), teams, experiments }], organisationHasLeadershipCohort: true };
}

describe("the leadership view for a leader", () => {
  it("when no team cohort follows yet, then it says so, says no experiment is shared yet, and sharing offers no consent to post", async () => {
    installFakeFetch({ "GET /api/leadership": ok(leadershipWith([])), "GET /api/cohorts/lead/leader-note": ok(noteOf()) });
    wrap(<LeadershipView me={me} />);
    expect(await screen.findByText("No team cohorts follow this leadership cohort yet")).toBeInTheDocument();
    expect(screen.getByText("No experiments shared yet")).toBeInTheDocument();
    const form = screen.getByRole("group", { name: "Share an experiment with your teams" });
    expect(within(form).getByText(/No team cohort follows your leadership cohort yet/)).toBeInTheDocument();
    expect(within(form).queryByRole("checkbox")).not.toBeInTheDocument();
    expect(await screen.findByText(/when one does, your note opens its first session/)).toBeInTheDocument();
  });

  it("when two team cohorts follow and nothing is shared yet, then both show, the experiments say none yet, and consent names both teams", async () => {
    installFakeFetch({ "GET /api/leadership": ok(leadershipWith([team("fin", "Finance team"), team("ops", "Ops team")])), "GET /api/cohorts/lead/leader-note": ok(noteOf()) });
    wrap(<LeadershipView me={me} />);
    expect(await screen.findByText("Finance team")).toBeInTheDocument();
    expect(screen.getByText("Ops team")).toBeInTheDocument();
    expect(screen.getByText("No experiments shared yet")).toBeInTheDocument();
    expect(screen.queryByText("No team cohorts follow this leadership cohort yet")).not.toBeInTheDocument();
    expect(screen.getByRole("checkbox", { name: /Share it with my teams, with my name: "Finance team", "Ops team"/ })).toBeInTheDocument();
  });

  it("when experiments were shared, then they show as plain text and the empty state does not", async () => {
    installFakeFetch({
      "GET /api/leadership": ok(leadershipWith([team("fin", "Finance team")], [{ id: "w1", leaderName: "Lena Leader", work: "the <b>board</b> pack", tried: "A first draft", outcome: "Two numbers wrong", sharedAt: "2026-03-01T09:00:00.000Z" }])),
      "GET /api/cohorts/lead/leader-note": ok(noteOf()),
    });
    wrap(<LeadershipView me={me} />);
    expect(await screen.findByText("Lena Leader tried it on the <b>board</b> pack")).toBeInTheDocument();
    expect(screen.queryByText("No experiments shared yet")).not.toBeInTheDocument();
  });

  it("when a team member sees their leaders' cohort, then there is no form to share or write a note", async () => {
    installFakeFetch({ "GET /api/leadership": ok({ leadership: [{ cohort: cohort("lead", "Leadership team", "leadership"), progress: progress("lead"), aggregateOnly: true, teams: [team("fin", "Finance team")], experiments: [] }], organisationHasLeadershipCohort: true }) });
    wrap(<LeadershipView me={me} />);
    expect(await screen.findByText("No experiments shared yet")).toBeInTheDocument();
    expect(screen.queryByRole("group", { name: "Share an experiment with your teams" })).not.toBeInTheDocument();
    expect(screen.queryByRole("group", { name: "A note to your teams" })).not.toBeInTheDocument();
  });
});

describe("sharing an experiment from the tab", () => {
  const fill = async () => {
    await userEvent.type(await screen.findByRole("textbox", { name: /Which real piece of work/ }), "the Q1 board pack");
    await userEvent.type(screen.getByRole("textbox", { name: /What did you try/ }), "A first draft with AI");
    await userEvent.type(screen.getByRole("textbox", { name: /What happened/ }), "x");
  };

  it("when the leader shares with consent, then one request carries the fields and consent, and the teams are named back", async () => {
    const fetch = installFakeFetch({
      "GET /api/leadership": ok(leadershipWith([team("fin", "Finance team"), team("ops", "Ops team")])),
      "GET /api/cohorts/lead/leader-note": ok(noteOf()),
      "POST /api/cohorts/lead/experiments": () => ({ status: 201, body: { experimentId: "win:lead:d", postedTo: ["Finance team", "Ops team"] } }),
    });
    wrap(<LeadershipView me={me} />);
    await fill();
    await userEvent.click(screen.getByRole("checkbox", { name: /Share it with my teams/ }));
    await userEvent.click(screen.getByRole("button", { name: "Share" }));
    expect(await screen.findByText("Thanks! It is on its way to Finance team, Ops team, and into their next brief.")).toBeInTheDocument();
    const sent = calls(fetch, "POST", "/api/cohorts/lead/experiments");
    expect(sent).toHaveLength(1);
    expect(JSON.parse(String(sent[0]![1].body))).toEqual({ draftId: expect.stringMatching(/^[A-Za-z0-9-]{8,64}$/), work: "the Q1 board pack", tried: "A first draft with AI", outcome: "x", share: true });
  });

  it("when the server refuses a field, then its message is on that field and what was typed is kept", async () => {
    installFakeFetch({
      "GET /api/leadership": ok(leadershipWith([team("fin", "Finance team")])),
      "GET /api/cohorts/lead/leader-note": ok(noteOf()),
      "POST /api/cohorts/lead/experiments": () => ({ status: 400, body: { error: { code: "VALIDATION.INVALID_INPUT", message: "Please fix this", issues: [{ field: "outcome", message: "What happened needs a few words: say what happened, even if it went wrong." }] } } }),
    });
    wrap(<LeadershipView me={me} />);
    await fill();
    await userEvent.click(screen.getByRole("button", { name: "Share" }));
    await waitFor(() => expect(screen.getByRole("textbox", { name: /What happened/ })).toHaveAccessibleDescription("What happened needs a few words: say what happened, even if it went wrong."));
    expect(screen.getByRole("textbox", { name: /Which real piece of work/ })).toHaveValue("the Q1 board pack");
    expect(screen.getByRole("textbox", { name: /What did you try/ })).not.toHaveAccessibleDescription(/needs/);
  });
});

describe("the leader's note to their teams", () => {
  it("when another leader changed the note first, then theirs is shown and what this leader typed is kept", async () => {
    let version = 0;
    const fetch = installFakeFetch({
      "GET /api/leadership": ok(leadershipWith([team("fin", "Finance team")])),
      "GET /api/cohorts/lead/leader-note": () => ({ status: 200, body: noteOf({ teams: [{ cohortId: "fin", name: "Finance team", heldBack: false }], ...(version++ ? { note: { text: "Olu's note", authorName: "Olu Leader", updatedAt: "2026-02-20T09:00:00.000Z", etag: "e2" } } : {}) }) }),
      "PUT /api/cohorts/lead/leader-note": () => ({ status: 409, body: { error: { code: "CONCURRENCY.CONFLICT", message: "The note changed a moment ago." } } }),
    });
    wrap(<LeadershipView me={me} />);
    const box = await screen.findByRole("textbox", { name: /Your note/ });
    expect(screen.getByText(/It opens session 1's brief for "Finance team"/)).toBeInTheDocument();
    await userEvent.type(box, "We went first: your turn.");
    await userEvent.click(screen.getByRole("button", { name: "Save the note" }));
    expect(await screen.findByText(/The note changed a moment ago \(now: "Olu's note", by Olu Leader\)/)).toBeInTheDocument();
    expect(await screen.findByRole("textbox", { name: /Your note/ })).toHaveValue("We went first: your turn.");
    expect(JSON.parse(String(calls(fetch, "PUT", "/api/cohorts/lead/leader-note")[0]![1].body))).toEqual({ text: "We went first: your turn." });
  });
});

describe("a team facilitator reviewing the leaders' note", () => {
  const review = (heldBack: boolean): LeaderNoteReviewResponse => ({ cohortId: "fin", leadershipCohortName: "Leadership team", sessionOneSent: false, note: { text: "We went <i>first</i>.", authorName: "Lena Leader", updatedAt: "2026-02-20T09:00:00.000Z", etag: "e1", heldBack } });

  it("when the facilitator holds it back, then the request says so and the panel says session 1 goes without it", async () => {
    const fetch = installFakeFetch({ "GET /api/cohorts/fin/leader-note/review": ok(review(false)), "PUT /api/cohorts/fin/leader-note/review": ok(review(true)) });
    wrap(<LeaderNoteReview cohortId="fin" />);
    expect(await screen.findByText("We went <i>first</i>.")).toBeInTheDocument();
    expect(screen.getByText(/opens session 1's brief for your cohort/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Hold it back" }));
    expect(await screen.findByText(/session 1's brief goes out without it/)).toBeInTheDocument();
    expect(JSON.parse(String(calls(fetch, "PUT", "/api/cohorts/fin/leader-note/review")[0]![1].body))).toEqual({ heldBack: true, etag: "e1" });
    expect(screen.getByRole("button", { name: "Let it go out" })).toBeInTheDocument();
  });

  it("when the leaders have written nothing, then the facilitator is told they will see it here first", async () => {
    installFakeFetch({ "GET /api/cohorts/fin/leader-note/review": ok({ cohortId: "fin", leadershipCohortName: "Leadership team", sessionOneSent: false }) });
    wrap(<LeaderNoteReview cohortId="fin" />);
    expect(await screen.findByText(/has not written a note for session 1 yet/)).toBeInTheDocument();
    expect(screen.queryByRole("button")).not.toBeInTheDocument();
  });
});
