/**
 * "Before session n+1" in the Programme view: a facilitator sees what members reported on the last
 * session, picks up to three quotes or wins, writes a note and publishes it to the next brief;
 * when another facilitator published first, their version shows and this one's note is kept.
 */
import { FluentProvider, teamsLightTheme } from "@fluentui/react-components";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { ReactNode } from "react";
import type { CohortSummary, MeResponse, ProgressResponse, SessionDigestResponse, TimelineResponse } from "../../bot/src/contract/api-contract";
import ProgrammeView from "../../tab/src/views/ProgrammeView";
import { installFakeFetch, type Route } from "../helpers/fake-fetch";

const wrap = (ui: ReactNode) => render(<FluentProvider theme={teamsLightTheme}>{ui}</FluentProvider>);
const ok = (body: unknown): Route => () => ({ status: 200, body });
const me: MeResponse = { tenantId: "t", userId: "fac-1", displayName: "Megan Bowen", roles: ["facilitator", "employee"], facilitatorOf: ["fin"], memberOf: [], mode: "local" };
const cohort: CohortSummary = { id: "fin", name: "Finance cohort", kind: "team", status: "active", trackId: "finance", trackName: "Finance", startDate: "2026-03-02", timeZone: "Europe/London", memberCount: 14, currentWeek: 3, yourRole: "facilitator" };
const suppressed = { suppressed: true } as const;
const timeline: TimelineResponse = { cohortId: "fin", timeZone: "Europe/London", today: "2026-03-16", events: [] };
const progress: ProgressResponse = { cohortId: "fin", memberCount: 14, weekly: [], adoption: [], policyAcknowledged: suppressed, stuckCount: suppressed, helpRequests: suppressed, members: [], alerts: [] };

const digest: SessionDigestResponse = {
  cohortId: "fin",
  sessionNumber: 2,
  nextSessionNumber: 3,
  checkInClosesOn: "2026-03-18",
  nextSessionOn: "2026-03-20",
  members: 14,
  responses: 9,
  quotesWithheld: false,
  blockers: [
    { blocker: "checking-output", label: "Trusting or checking the output", count: 4 },
    { blocker: "finding-time", label: "Finding time", count: 2 },
  ],
  quotes: [
    { id: "q1", kind: "worked", text: "Drafting the variance note", named: false },
    { id: "q2", kind: "stuck", text: "Checking the **numbers** <b>twice</b> [here](https://evil.example)", named: true },
    { id: "q3", kind: "reflect", question: "Where could you use it next week?", text: "Board pack summaries", named: false },
  ],
  wins: [{ id: "w1", displayName: "Lee Gu", text: "Summarised 40 contracts", minutesSaved: 90 }],
  openHelpRequests: 2,
  openQuestions: 1,
  summaryLine: "9 of 14 of you tried it; the most common block was checking the numbers, so this session starts there.",
  etag: '"d1"',
  sessions: [
    { sessionNumber: 2, checkInClosesOn: "2026-03-18", published: false },
    { sessionNumber: 1, checkInClosesOn: "2026-03-11", published: true },
  ],
};
const publishedByLee = { note: "Lee's note: bring your numbers.", featured: ["w1"], publishedByName: "Lee Gu", publishedAt: "2026-03-18T15:00:00.000Z" };

function openProgramme(routes: Record<string, Route>) {
  return installFakeFetch({
    "GET /api/cohorts": ok([cohort]),
    "GET /api/cohorts/fin/progress": ok(progress),
    "GET /api/cohorts/fin/timeline": ok(timeline),
    "GET /api/cohorts/fin/wins": ok({ cohortId: "fin", wins: [], unsharedCount: 0 }),
    "GET /api/cohorts/fin/deliveries": ok({ cohortId: "fin", events: [], kinds: [] }),
    ...routes,
  });
}

const PUBLISH = "POST /api/cohorts/fin/digest/2/publish";
const publishBodies = (fetch: jest.Mock) => fetch.mock.calls.filter(([url, init]) => String(url).endsWith("/publish") && init?.method === "POST").map(([, init]) => JSON.parse(String(init.body)));
// A text query, not a role query, and a longer wait: the whole Programme view renders first, slowly on a busy machine.
const card = async () => (await screen.findByText("Before session 3", { selector: "h3" }, { timeout: 5000 })).closest(".fui-Card") as HTMLElement;
const featureBox = (list: HTMLElement, text: string) => within(within(list).getByText(text).closest("li")!).getByRole("checkbox", { name: "Feature" });

describe("Before session n+1, for facilitators", () => {
  it("when the digest loads, then it shows the figures, themes, quotes and wins with a preview", async () => {
    openProgramme({ "GET /api/cohorts/fin/digest": ok(digest) });
    wrap(<ProgrammeView me={me} />);
    const view = await card();
    expect(within(view).getByText(/From the check-in on session 2, which closes on 2026-03-18\. Session 3 starts on 2026-03-20\./)).toBeInTheDocument();
    expect(within(view).getByRole("list", { name: "Check-in in figures" })).toHaveTextContent("9 of 14 checked inOpen help requests: 2Open questions: 1");
    expect(within(within(view).getByRole("list", { name: "Blockers by theme" })).getAllByRole("listitem").map((li) => li.textContent)).toEqual(["Trusting or checking the output: 4", "Finding time: 2"]);
    const quotes = within(view).getByRole("list", { name: "Quotes from the check-in" });
    const [worked, stuck, reflect] = within(quotes).getAllByRole("listitem");
    expect(worked).toHaveTextContent("What worked");
    expect(worked).not.toHaveTextContent("may be named");
    expect(stuck).toHaveTextContent("Where they got stuck may be named");
    expect(reflect).toHaveTextContent("Reflection: Where could you use it next week?Board pack summaries");
    expect(within(view).getByRole("list", { name: "Wins shared this week" })).toHaveTextContent("Lee Gu · 90 minutes savedSummarised 40 contracts");
    const preview = within(view).getByRole("region", { name: "Preview of what members will read" });
    expect(preview).toHaveTextContent("From your cohort last week");
    expect(preview).toHaveTextContent(digest.summaryLine!);
    expect(within(view).getByRole("combobox", { name: "Check-in to prepare from" })).toHaveValue("2");
    expect(within(view).getByRole("button", { name: "Publish to session 3's brief" })).toBeInTheDocument();
  });

  it("when three items are chosen, then the other checkboxes are disabled until one is unchosen", async () => {
    openProgramme({ "GET /api/cohorts/fin/digest": ok(digest) });
    wrap(<ProgrammeView me={me} />);
    const view = await card();
    const quotes = within(view).getByRole("list", { name: "Quotes from the check-in" });
    const wins = within(view).getByRole("list", { name: "Wins shared this week" });
    await userEvent.click(featureBox(quotes, "Drafting the variance note"));
    await userEvent.click(featureBox(wins, "Summarised 40 contracts"));
    expect(within(view).getByText("2 of 3 chosen")).toBeInTheDocument();
    await userEvent.click(featureBox(quotes, "Board pack summaries"));
    expect(within(view).getByText("3 of 3 chosen")).toBeInTheDocument();
    const stuck = within(quotes).getAllByRole("listitem")[1]!;
    expect(within(stuck).getByRole("checkbox", { name: "Feature" })).toBeDisabled();
    expect(featureBox(quotes, "Drafting the variance note")).toBeEnabled();
    await userEvent.click(featureBox(quotes, "Drafting the variance note"));
    expect(within(stuck).getByRole("checkbox", { name: "Feature" })).toBeEnabled();
    expect(within(view).getByText("2 of 3 chosen")).toBeInTheDocument();
  });

  it("when the facilitator publishes, then the note, the chosen ids and the etag are sent, and who published shows with an Update button", async () => {
    const fetch = openProgramme({
      "GET /api/cohorts/fin/digest": ok(digest),
      [PUBLISH]: (init) => ({ status: 200, body: { ...digest, etag: '"d2"', published: { ...JSON.parse(String(init?.body)), publishedByName: "Megan Bowen", publishedAt: "2026-03-18T16:00:00.000Z" } } }),
    });
    wrap(<ProgrammeView me={me} />);
    const view = await card();
    await userEvent.click(featureBox(within(view).getByRole("list", { name: "Wins shared this week" }), "Summarised 40 contracts"));
    await userEvent.click(featureBox(within(view).getByRole("list", { name: "Quotes from the check-in" }), "Drafting the variance note"));
    await userEvent.type(within(view).getByRole("textbox", { name: "Your note to the cohort" }), "  Start with the numbers.  ");
    expect(within(view).getByText(/23 of 600 characters\./)).toBeInTheDocument();
    const preview = within(view).getByRole("region", { name: "Preview of what members will read" });
    expect(within(within(preview).getByRole("list", { name: "Featured in the brief" })).getAllByRole("listitem").map((li) => li.textContent)).toEqual(["“Summarised 40 contracts”— Lee Gu", "“Drafting the variance note”— A member"]);
    expect(preview).toHaveTextContent("Start with the numbers.");
    await userEvent.click(within(view).getByRole("button", { name: "Publish to session 3's brief" }));
    expect(await within(view).findByText(/Published to session 3's brief by Megan Bowen on /)).toBeInTheDocument();
    expect(publishBodies(fetch)).toEqual([{ note: "Start with the numbers.", featured: ["w1", "q1"], etag: '"d1"' }]);
    expect(within(view).getByRole("button", { name: "Update" })).toBeInTheDocument();
  });

  it("when another facilitator published first, then theirs shows, the typed note stays, and publishing again sends their etag", async () => {
    let reads = 0;
    const fetch = openProgramme({
      "GET /api/cohorts/fin/digest": () => ({ status: 200, body: reads++ === 0 ? digest : { ...digest, etag: '"d2"', published: publishedByLee } }),
      [PUBLISH]: (init) => (JSON.parse(String(init?.body)).etag === '"d1"' ? { status: 409, body: { error: { code: "CONCURRENCY.CONFLICT", message: "Someone else published first." } } } : { status: 200, body: { ...digest, etag: '"d3"', published: { ...publishedByLee, note: "Mine", publishedByName: "Megan Bowen" } } }),
    });
    wrap(<ProgrammeView me={me} />);
    const view = await card();
    const note = within(view).getByRole("textbox", { name: "Your note to the cohort" });
    await userEvent.type(note, "My own note");
    await userEvent.click(featureBox(within(view).getByRole("list", { name: "Quotes from the check-in" }), "Board pack summaries"));
    await userEvent.click(within(view).getByRole("button", { name: "Publish to session 3's brief" }));
    expect(await within(view).findByText("Another facilitator published first")).toBeInTheDocument();
    expect(await within(view).findByText(/Published to session 3's brief by Lee Gu on /)).toBeInTheDocument();
    expect(within(view).getByText("Lee's note: bring your numbers.")).toBeVisible();
    expect(within(view).getByRole("textbox", { name: "Your note to the cohort" })).toHaveValue("My own note");
    expect(featureBox(within(view).getByRole("list", { name: "Quotes from the check-in" }), "Board pack summaries")).toBeChecked();
    await userEvent.click(within(view).getByRole("button", { name: "Update" }));
    expect(await within(view).findByText(/Published to session 3's brief by Megan Bowen on /)).toBeInTheDocument();
    expect(publishBodies(fetch)).toEqual([
      { note: "My own note", featured: ["q3"], etag: '"d1"' },
      { note: "My own note", featured: ["q3"], etag: '"d2"' },
    ]);
    expect(within(view).queryByText("Another facilitator published first")).not.toBeInTheDocument();
  });

  it("when the digest was already published, then the form starts from it", async () => {
    openProgramme({ "GET /api/cohorts/fin/digest": ok({ ...digest, published: publishedByLee }) });
    wrap(<ProgrammeView me={me} />);
    const view = await card();
    expect(within(view).getByRole("textbox", { name: "Your note to the cohort" })).toHaveValue(publishedByLee.note);
    expect(featureBox(within(view).getByRole("list", { name: "Wins shared this week" }), "Summarised 40 contracts")).toBeChecked();
    expect(within(view).getByText("1 of 3 chosen")).toBeInTheDocument();
    expect(within(view).getByRole("button", { name: "Update" })).toBeInTheDocument();
  });

  it("when the server refuses the note, then its message shows on the note field", async () => {
    const message = "Keep the note under 600 characters.";
    openProgramme({ "GET /api/cohorts/fin/digest": ok(digest), [PUBLISH]: () => ({ status: 400, body: { error: { code: "VALIDATION.INVALID_INPUT", message: "Check the note.", issues: [{ field: "note", message }] } } }) });
    wrap(<ProgrammeView me={me} />);
    const view = await card();
    await userEvent.type(within(view).getByRole("textbox", { name: "Your note to the cohort" }), "Hello");
    await userEvent.click(within(view).getByRole("button", { name: "Publish to session 3's brief" }));
    expect(await within(view).findByText(message)).toBeInTheDocument();
    expect(within(view).getAllByText(message)).toHaveLength(1);
    expect(within(view).getByRole("textbox", { name: "Your note to the cohort" })).toHaveValue("Hello");
  });

  it("when fewer than 5 answered, then no quotes, themes or checkboxes show and the brief carries only the note", async () => {
    const fetch = openProgramme({
      "GET /api/cohorts/fin/digest": ok({ ...digest, responses: 4, quotesWithheld: true, blockers: [], quotes: [], summaryLine: undefined }),
      [PUBLISH]: (init) => ({ status: 200, body: { ...digest, quotesWithheld: true, quotes: [], blockers: [], published: { ...JSON.parse(String(init?.body)), publishedByName: "Megan Bowen", publishedAt: "2026-03-18T16:00:00.000Z" } } }),
    });
    wrap(<ProgrammeView me={me} />);
    const view = await card();
    expect(within(view).getByText("Fewer than 5 members answered, so no quotes or themes are shown, and session 3's brief will carry only your note.")).toBeInTheDocument();
    expect(within(view).getByRole("list", { name: "Check-in in figures" })).toHaveTextContent("4 of 14 checked in");
    expect(within(view).queryByRole("list", { name: "Blockers by theme" })).not.toBeInTheDocument();
    expect(within(view).queryByRole("checkbox")).not.toBeInTheDocument();
    expect(within(view).queryByText(/of 3 chosen/)).not.toBeInTheDocument();
    await userEvent.type(within(view).getByRole("textbox", { name: "Your note to the cohort" }), "Short week.");
    await userEvent.click(within(view).getByRole("button", { name: "Publish to session 3's brief" }));
    await within(view).findByText(/Published to session 3's brief by Megan Bowen/);
    expect(publishBodies(fetch)).toEqual([{ note: "Short week.", featured: [], etag: '"d1"' }]);
  });

  it("when no check-in has opened yet, then an empty state says when the digest appears", async () => {
    openProgramme({});
    wrap(<ProgrammeView me={me} />);
    expect(await screen.findByText("No check-in has opened yet")).toBeInTheDocument();
    expect(screen.getByText("The digest appears when the first check-in opens.")).toBeInTheDocument();
    expect(screen.getByRole("heading", { name: "Before the next session" })).toBeInTheDocument();
  });

  it("when the facilitator chooses an earlier session, then that session's digest is asked for", async () => {
    const fetch = openProgramme({
      "GET /api/cohorts/fin/digest": ok(digest),
      "GET /api/cohorts/fin/digest?session=1": ok({ ...digest, sessionNumber: 1, nextSessionNumber: 2, checkInClosesOn: "2026-03-11", nextSessionOn: "2026-03-13", published: publishedByLee }),
    });
    wrap(<ProgrammeView me={me} />);
    const view = await card();
    await userEvent.selectOptions(within(view).getByRole("combobox", { name: "Check-in to prepare from" }), "1");
    expect(await screen.findByRole("heading", { name: "Before session 2" })).toBeInTheDocument();
    expect(fetch.mock.calls.map(([url]) => String(url))).toContain("/api/cohorts/fin/digest?session=1");
    expect(screen.getByRole("textbox", { name: "Your note to the cohort" })).toHaveValue(publishedByLee.note);
  });

  it("when member text carries markdown or HTML, then it shows literally", async () => {
    openProgramme({ "GET /api/cohorts/fin/digest": ok(digest) });
    wrap(<ProgrammeView me={me} />);
    const view = await card();
    const quotes = within(view).getByRole("list", { name: "Quotes from the check-in" });
    const stuck = within(quotes).getAllByRole("listitem")[1]!;
    expect(stuck).toHaveTextContent("Checking the **numbers** <b>twice</b> [here](https://evil.example)");
    await userEvent.click(within(stuck).getByRole("checkbox", { name: "Feature" }));
    const preview = within(view).getByRole("region", { name: "Preview of what members will read" });
    expect(preview).toHaveTextContent("“Checking the **numbers** <b>twice</b> [here](https://evil.example)”— named if they agreed");
    expect(view.querySelector("b, strong, a[href*='evil']")).toBeNull();
  });

  it("when a member looks at their cohort, then no digest is asked for", async () => {
    const fetch = installFakeFetch({ "GET /api/cohorts": ok([{ ...cohort, yourRole: "member" }]), "GET /api/cohorts/fin/progress": ok({ ...progress, alerts: undefined }), "GET /api/cohorts/fin/timeline": ok(timeline) });
    wrap(<ProgrammeView me={{ ...me, roles: ["employee"] }} />);
    await screen.findByRole("table", { name: "Programme timeline" });
    expect(fetch.mock.calls.map(([url]) => String(url)).filter((url) => url.includes("/digest"))).toEqual([]);
    expect(screen.queryByRole("heading", { name: /^Before / })).not.toBeInTheDocument();
  });
});
