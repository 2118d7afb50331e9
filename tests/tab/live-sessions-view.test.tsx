/**
 * The Live sessions view in jsdom with a scripted API: what it says when the feature is off or not
 * consented, the list of sessions with attendance, the run-sheet of the chosen one (anonymous
 * questions without a name, withheld figures), and the notes form with the server's field message
 * shown on its field.
 */
import { FluentProvider, teamsLightTheme } from "@fluentui/react-components";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { ReactNode } from "react";
import type { CohortSummary } from "../../bot/src/contract/api-contract";
import type { LiveSessionDto, RunSheetResponse } from "../../bot/src/contract/live-sessions-contract";
import LiveSessionsView from "../../tab/src/views/LiveSessionsView";
import { installFakeFetch, pending, type Route } from "../helpers/fake-fetch";

const wrap = (ui: ReactNode) => render(<FluentProvider theme={teamsLightTheme}>{ui}</FluentProvider>);
const ok = (body: unknown): Route => () => ({ status: 200, body });

const cohort: CohortSummary = { id: "c1", name: "Finance", kind: "team", status: "active", trackId: "finance", trackName: "Finance", startDate: "2026-03-09", timeZone: "Europe/London", memberCount: 12, currentWeek: 2, yourRole: "facilitator" };
const COHORTS = "GET /api/cohorts";
const SHEET = "GET /api/cohorts/c1/run-sheet";
// The pods panel beside it asks for its own data.
const PODS = { "GET /api/cohorts/c1/pods": ok({ cohortId: "c1", liveSessions: "on", pods: [], unassigned: [] }) };

const session = (over: Partial<LiveSessionDto>): LiveSessionDto => ({
  key: "kickoff",
  kind: "kickoff",
  sessionNumber: 1,
  title: "Kick-off",
  startsAt: "2026-03-09T09:30:00.000Z",
  endsAt: "2026-03-09T10:15:00.000Z",
  localDate: "2026-03-09",
  localTime: "09:30",
  state: "scheduled",
  joinUrl: "https://teams.microsoft.com/l/meetup-join/stand-in-1",
  attendance: { state: "read", invited: 12, attended: 9, readAt: "2026-03-09T12:00:00.000Z" },
  notes: "",
  catchUp: { state: "not-yet", sentTo: 0, dueAt: "2026-03-10T09:00:00.000Z" },
  ...over,
});
const kickoff = session({});
const clinic = session({ key: "clinic.s1", kind: "clinic", title: "Clinic after session 1", startsAt: "2026-03-16T09:30:00.000Z", endsAt: "2026-03-16T10:15:00.000Z", localDate: "2026-03-16", attendance: { state: "pending", invited: 0, attended: 0 }, catchUp: { state: "not-yet", sentTo: 0 } });

const plan = { sessionNumber: 1, title: "Month-end commentary", workflow: "Monthly variance commentary", summary: "Why this workflow.", tryThis: ["Paste the variance table", "Ask for a first draft"], examplePrompt: "Draft commentary for…", watchOut: "Check every number.", reflectQuestions: ["What did you check?"] };

const sheetFor = (selected: LiveSessionDto, over: Partial<NonNullable<RunSheetResponse["selected"]>> = {}): RunSheetResponse => ({
  cohortId: "c1",
  cohortName: "Finance",
  liveSessions: "on",
  sessions: [kickoff, clinic],
  selected: { session: selected, plan, stuck: [], openQuestions: [], ...over },
});

describe("the Live sessions view", () => {
  it("while the run-sheet loads, then a spinner says so", async () => {
    installFakeFetch({ ...PODS, [COHORTS]: ok([cohort]), [SHEET]: pending });
    wrap(<LiveSessionsView />);
    expect(await screen.findByText("Loading live sessions")).toBeInTheDocument();
  });

  it("when live sessions are off for the tenant, then it says an admin turns them on and grants the permissions, and lists nothing", async () => {
    installFakeFetch({ ...PODS, [COHORTS]: ok([cohort]), [SHEET]: ok({ cohortId: "c1", cohortName: "Finance", liveSessions: "off", sessions: [] }) });
    wrap(<LiveSessionsView />);
    expect(await screen.findByText("Live sessions are off")).toBeInTheDocument();
    expect(screen.getByText(/An admin turns this on for your organisation and grants the Microsoft Graph permissions/)).toBeInTheDocument();
    expect(screen.queryByRole("list", { name: "Live sessions" })).not.toBeInTheDocument();
  });

  it("when Graph refused the tenant's meetings, then it says an admin must grant consent", async () => {
    installFakeFetch({ ...PODS, [COHORTS]: ok([cohort]), [SHEET]: ok({ cohortId: "c1", cohortName: "Finance", liveSessions: "not-consented", sessions: [] }) });
    wrap(<LiveSessionsView />);
    expect(await screen.findByText("Waiting for an admin's consent")).toBeInTheDocument();
    expect(screen.getByText(/an admin must grant consent/)).toBeInTheDocument();
    expect(screen.getByText("No live sessions yet")).toBeInTheDocument();
  });

  it("when a member opens it, then there is nothing to run", async () => {
    installFakeFetch({ ...PODS, [COHORTS]: ok([{ ...cohort, yourRole: "member" }]) });
    wrap(<LiveSessionsView />);
    expect(await screen.findByText("No cohorts to run sessions for")).toBeInTheDocument();
  });

  it("when sessions exist, then each shows its local date and time, its Join link and its attendance; opening another loads its run-sheet with the cohort's figures, who is stuck, the questions (anonymous without a name) and who missed the last one", async () => {
    const fetch = installFakeFetch({
      ...PODS,
      [COHORTS]: ok([cohort]),
      [SHEET]: ok(sheetFor(kickoff)),
      [`${SHEET}?session=clinic.s1`]: ok(
        sheetFor(clinic, {
          reported: { sessionNumber: 1, responses: 3, members: 12, withheld: true, blockers: [] },
          stuck: [{ userId: "u1", displayName: "Alex Wilber", reason: "asked-for-help", sessionNumber: 1 }],
          openQuestions: [
            { id: "q1", text: "Can I paste supplier names?", askedAt: "2026-03-10" },
            { id: "q2", text: "Which model is it?", askedAt: "2026-03-11", askedBy: "Lee Gu" },
          ],
          lastAttendance: { key: "kickoff", title: "Kick-off", startsAt: kickoff.startsAt, attended: 9, invited: 12, missed: [{ userId: "u2", displayName: "Diego Siciliani" }] },
        }),
      ),
    });
    wrap(<LiveSessionsView />);
    const list = await screen.findByRole("list", { name: "Live sessions" });
    const items = within(list).getAllByRole("listitem");
    expect(items[0]).toHaveTextContent("Kick-off");
    expect(items[0]).toHaveTextContent("Mon 9 Mar 2026, 09:30");
    expect(items[0]).toHaveTextContent("9 of 12 attended");
    expect(within(items[0]!).getByRole("link", { name: "Join Kick-off in Teams" })).toHaveAttribute("href", kickoff.joinUrl);
    expect(items[1]).toHaveTextContent("Attendance not read yet");
    expect(screen.getByText("Times in Europe/London.")).toBeInTheDocument();
    // The kick-off's run-sheet: its plan, and the first session has no last one.
    expect(screen.getByRole("heading", { name: "Run-sheet: Kick-off" })).toBeInTheDocument();
    expect(screen.getByText("Monthly variance commentary")).toBeInTheDocument();
    expect(screen.getByText("Paste the variance table")).toBeInTheDocument();
    expect(screen.getByText("This is the cohort's first live session.")).toBeInTheDocument();

    await userEvent.click(screen.getByRole("button", { name: "Open the run-sheet for Clinic after session 1" }));
    expect(await screen.findByRole("heading", { name: "Run-sheet: Clinic after session 1" })).toBeInTheDocument();
    expect(fetch.mock.calls.map(([url]) => String(url))).toContain("/api/cohorts/c1/run-sheet?session=clinic.s1");
    expect(screen.getByRole("region", { name: "What the cohort reported on session 1" })).toHaveTextContent("3 of 12 checked in. With fewer than 5 answers the themes are withheld");
    expect(within(screen.getByRole("list", { name: "Members stuck or asking for help" })).getByRole("listitem")).toHaveTextContent(/^Alex Wilber\s*Asked for help\s*session 1$/);
    const questions = within(screen.getByRole("list", { name: "Open questions" })).getAllByRole("listitem");
    expect(questions[0]).toHaveTextContent(/^Can I paste supplier names\?\s*Anonymous · 2026-03-10$/);
    expect(questions[1]).toHaveTextContent("Lee Gu");
    expect(screen.getByRole("region", { name: "Last live session" })).toHaveTextContent("Kick-off: 9 of 12 attended.");
    expect(within(screen.getByRole("list", { name: "Missed the last live session" })).getByRole("listitem")).toHaveTextContent("Diego Siciliani");
  });

  it("when the recording link is refused, then the server's message shows on that field; sending the catch-up says to how many", async () => {
    let attempt = 0;
    const fetch = installFakeFetch({
      ...PODS,
      [COHORTS]: ok([cohort]),
      [SHEET]: ok(sheetFor(kickoff)),
      "PUT /api/cohorts/c1/live-sessions/kickoff/notes": () =>
        ++attempt === 1
          ? { status: 400, body: { error: { code: "VALIDATION.INVALID_INPUT", message: "Check the highlighted fields.", issues: [{ field: "recordingUrl", message: "The recording link must start with https://." }] } } }
          : { status: 200, body: {} },
    });
    wrap(<LiveSessionsView />);
    const notes = await screen.findByRole("textbox", { name: /What was covered/ });
    await userEvent.type(notes, "We drafted variance notes together.");
    await userEvent.type(screen.getByRole("textbox", { name: /Recording link/ }), "http://example.com/rec");
    await userEvent.click(screen.getByRole("button", { name: "Save and send catch-up to 3 who missed it" }));
    await screen.findByText("The recording link must start with https://.");
    expect(screen.getByRole("textbox", { name: /Recording link/ })).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByRole("textbox", { name: /Recording link/ })).toHaveAccessibleDescription(/The recording link must start with https:\/\/\./);
    expect(screen.getByRole("textbox", { name: /What was covered/ })).not.toHaveAttribute("aria-invalid", "true");
    // Only on the field: no banner repeats it.
    expect(within(screen.getByRole("form", { name: "Notes and recording for those who missed it" })).getAllByRole("alert")).toHaveLength(1);
    expect(screen.queryByText("Check the highlighted fields.")).not.toBeInTheDocument();

    const url = screen.getByRole("textbox", { name: /Recording link/ });
    await userEvent.clear(url);
    await userEvent.type(url, "https://stream.example/rec");
    await userEvent.click(screen.getByRole("button", { name: "Save and send catch-up to 3 who missed it" }));
    expect(await screen.findByText("Saved, and the catch-up is on its way to 3 who missed it.")).toBeInTheDocument();
    const puts = fetch.mock.calls.filter(([, init]) => init?.method === "PUT").map(([, init]) => JSON.parse(String(init.body)));
    expect(puts.at(-1)).toEqual({ notes: "We drafted variance notes together.", recordingUrl: "https://stream.example/rec", sendCatchUpNow: true });
  });
});
