/**
 * The cohort form's people picker and dates, in jsdom with a scripted API: people are chosen (from
 * the organisation's people, or Teams' own picker), never typed as ids; a past first session needs
 * "This cohort is already running"; the server's message says what happens next; and a started
 * cohort's start date, track and kind are read-only, with the reason shown.
 */
import { FluentProvider, teamsLightTheme } from "@fluentui/react-components";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { ReactNode } from "react";
import type { CohortDetail, CohortSummary } from "../../bot/src/contract/api-contract";
import { registerTeamsPeoplePicker } from "../../tab/src/components/teams-people";
import { todayIn } from "../../tab/src/views/CohortForm";
import CohortsView from "../../tab/src/views/CohortsView";
import { installFakeFetch, type Route } from "../helpers/fake-fetch";

const wrap = (ui: ReactNode) => render(<FluentProvider theme={teamsLightTheme}>{ui}</FluentProvider>);
const ok = (body: unknown): Route => () => ({ status: 200, body });
const tracks = [{ id: "finance", name: "Finance", role: "finance", audience: "", sessionCount: 4 }, { id: "leadership", name: "Leadership", role: "leadership", audience: "", sessionCount: 4 }];
const MEGAN = { userId: "6e2a9f4c-1b7d-4c3e-9a8f-0d5b2c7e1f30", displayName: "Megan Bowen" };
const ALEX = { userId: "b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e", displayName: "Alex Wilber" };
/** A local date `days` from today in London (negative: in the past). */
const fromToday = (days: number) => todayIn("Europe/London", new Date(Date.now() + days * 86_400_000));
const combobox = (name: RegExp) => screen.getByRole("combobox", { name });
const chosen = (noun: string) => within(screen.getByRole("list", { name: `Chosen ${noun}` })).getAllByRole("listitem").map((li) => li.querySelector("span")?.textContent);
const postBodies = (fetch: jest.Mock) => fetch.mock.calls.filter(([, init]) => init?.method === "POST").map(([, init]) => JSON.parse(String(init.body)));

afterEach(() => registerTeamsPeoplePicker(undefined));

async function fillBasics(name: string, startDate: string) {
  await userEvent.type(await screen.findByLabelText(/^Name/), name);
  await userEvent.selectOptions(screen.getByLabelText(/^Track/), "finance");
  await userEvent.type(screen.getByLabelText(/First session/), startDate);
}

async function pick(field: RegExp, search: string, name: string) {
  await userEvent.type(combobox(field), search);
  await userEvent.click(await screen.findByRole("option", { name }));
}

describe("choosing people for a cohort", () => {
  it("when an admin types a name, then nothing is taken as an id: Create waits until a person is chosen from the list, and their object id is sent", async () => {
    const fetch = installFakeFetch({
      "GET /api/cohorts": ok([]),
      "GET /api/tracks": ok(tracks),
      "GET /api/people?search=megan": ok([MEGAN]),
      "GET /api/people?search=megan%20bowen": ok([MEGAN]),
      "GET /api/people?search=Al": ok([ALEX]),
      "POST /api/cohorts": ok({ message: "Sales pilot is created. Members hear from the bot starting with the AI-use policy, before the first session on 4 May." }),
    });
    wrap(<CohortsView />);
    await fillBasics("Sales pilot", fromToday(14));
    await userEvent.type(combobox(/^Facilitators/), "megan bowen");
    expect(screen.getByRole("button", { name: "Create cohort" })).toBeDisabled();
    expect(screen.getByText("No facilitators chosen yet.")).toBeInTheDocument();

    await userEvent.click(await screen.findByRole("option", { name: "Megan Bowen" }));
    expect(chosen("facilitators")).toEqual(["Megan Bowen"]);
    expect(combobox(/^Facilitators/)).toHaveValue("");
    await pick(/^Members/, "Al", "Alex Wilber");
    await userEvent.click(screen.getByRole("button", { name: "Remove Alex Wilber" }));
    expect(screen.getByText("No members chosen yet.")).toBeInTheDocument();
    await pick(/^Members/, "Al", "Alex Wilber");

    await userEvent.click(screen.getByRole("button", { name: "Create cohort" }));
    expect(await screen.findByText(/Sales pilot is created\. Members hear from the bot starting with the AI-use policy, before the first session on 4 May\./)).toBeInTheDocument();
    expect(postBodies(fetch)).toEqual([expect.objectContaining({ facilitatorIds: [MEGAN.userId], members: [ALEX] })]);
    expect(postBodies(fetch)[0]).not.toHaveProperty("alreadyRunning");
  });

  it("when the server refuses a person, then its plain message is on that field", async () => {
    const issue = "Facilitator 1: choose a person from the list; 'megan' is not a person's id.";
    installFakeFetch({
      "GET /api/cohorts": ok([]),
      "GET /api/tracks": ok(tracks),
      "GET /api/people?search=Meg": ok([{ userId: "megan", displayName: "megan" }]),
      "POST /api/cohorts": () => ({ status: 400, body: { error: { code: "VALIDATION.INVALID_INPUT", message: `Please fix this: ${issue}`, issues: [{ field: "facilitatorIds.0", message: issue }] } } }),
    });
    wrap(<CohortsView />);
    await fillBasics("Sales pilot", fromToday(14));
    await pick(/^Facilitators/, "Meg", "megan");
    await userEvent.click(screen.getByRole("button", { name: "Create cohort" }));
    expect(await screen.findByText(/see the messages by the fields above/)).toBeInTheDocument();
    expect(combobox(/^Facilitators/)).toHaveAccessibleDescription(issue);
  });

  it("inside Teams, when the admin uses Teams' people picker, then its selection becomes the facilitators; if it fails, the admin is told to search instead", async () => {
    const pickInTeams = jest.fn().mockResolvedValueOnce([MEGAN, ALEX]).mockRejectedValueOnce(new Error("not supported on mobile"));
    registerTeamsPeoplePicker({ isSupported: () => true, pick: pickInTeams });
    installFakeFetch({ "GET /api/cohorts": ok([]), "GET /api/tracks": ok(tracks) });
    wrap(<CohortsView />);
    await userEvent.click(await screen.findByRole("button", { name: "Choose facilitators in Teams…" }));
    expect(await screen.findByRole("list", { name: "Chosen facilitators" })).toBeInTheDocument();
    expect(chosen("facilitators")).toEqual(["Megan Bowen", "Alex Wilber"]);
    expect(pickInTeams).toHaveBeenLastCalledWith("Choose facilitators", []);
    await userEvent.click(screen.getByRole("button", { name: "Choose facilitators in Teams…" }));
    expect(await screen.findByText(/Teams' people picker is not available here: search by name below instead/)).toBeInTheDocument();
    expect(chosen("facilitators")).toEqual(["Megan Bowen", "Alex Wilber"]);
  });

  it("outside Teams, then there is no Teams picker button, only the search", async () => {
    registerTeamsPeoplePicker({ isSupported: () => false, pick: jest.fn() });
    installFakeFetch({ "GET /api/cohorts": ok([]), "GET /api/tracks": ok(tracks) });
    wrap(<CohortsView />);
    expect(await screen.findByRole("combobox", { name: /^Facilitators/ })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /in Teams/ })).not.toBeInTheDocument();
  });
});

describe("a first session in the past", () => {
  it("when the date is in the past, then 'This cohort is already running' must be ticked before Create, it is sent, and the server's message is shown", async () => {
    const fetch = installFakeFetch({
      "GET /api/cohorts": ok([]),
      "GET /api/tracks": ok(tracks),
      "GET /api/people?search=Meg": ok([MEGAN]),
      "POST /api/cohorts": ok({ message: "Running is created as already running: it started on 6 April, so members join at the current week, week 3 of 8, not at the beginning." }),
    });
    wrap(<CohortsView />);
    await fillBasics("Running", fromToday(-14));
    await pick(/^Facilitators/, "Meg", "Megan Bowen");
    const running = screen.getByRole("checkbox", { name: "This cohort is already running" });
    expect(running).not.toBeChecked();
    expect(running).toHaveAccessibleDescription(/is in the past\. Tick this if the cohort is already running/);
    expect(screen.getByRole("button", { name: "Create cohort" })).toBeDisabled();

    await userEvent.click(running);
    await userEvent.click(screen.getByRole("button", { name: "Create cohort" }));
    expect(await screen.findByText(/members join at the current week/)).toBeInTheDocument();
    expect(screen.queryByText(/starting with the AI-use policy/)).not.toBeInTheDocument();
    expect(postBodies(fetch)).toEqual([expect.objectContaining({ startDate: fromToday(-14), alreadyRunning: true })]);
  });

  it("when the date is today or later, then there is no 'already running' box", async () => {
    installFakeFetch({ "GET /api/cohorts": ok([]), "GET /api/tracks": ok(tracks) });
    wrap(<CohortsView />);
    await fillBasics("Later", fromToday(7));
    expect(screen.queryByRole("checkbox", { name: "This cohort is already running" })).not.toBeInTheDocument();
  });
});

describe("editing a started cohort", () => {
  const summary = (startDate: string): CohortSummary => ({ id: "lead", name: "Leaders", kind: "leadership", status: "active", trackId: "leadership", trackName: "Leadership", startDate, timeZone: "Europe/London", memberCount: 1, currentWeek: 3, yourRole: "admin" });
  const detailOf = (startDate: string): CohortDetail => ({ ...summary(startDate), etag: '"v1"', localTime: "08:30", facilitators: [MEGAN], members: [ALEX] });

  it("when the cohort has started, then its start date, track and kind are read-only and the form says why", async () => {
    const start = fromToday(-49);
    installFakeFetch({ "GET /api/cohorts": ok([summary(start)]), "GET /api/tracks": ok(tracks), "GET /api/cohorts/lead": ok(detailOf(start)) });
    wrap(<CohortsView />);
    await userEvent.click(await screen.findByRole("button", { name: "Edit Leaders" }));
    const date = await screen.findByLabelText(/First session/);
    expect(date).toHaveAttribute("readonly");
    expect(date).toHaveAccessibleDescription(/^This cohort started on .+: its start date, track and kind can't change once it has started\.$/);
    expect(screen.getByLabelText(/^Track/)).toBeDisabled();
    expect(screen.getByLabelText(/^Kind/)).toBeDisabled();
    expect(screen.getByLabelText(/^Name/)).toBeEnabled();
  });

  it("when the cohort has not started, then its start date, track and kind can still be changed", async () => {
    const start = fromToday(21);
    installFakeFetch({ "GET /api/cohorts": ok([summary(start)]), "GET /api/tracks": ok(tracks), "GET /api/cohorts/lead": ok(detailOf(start)) });
    wrap(<CohortsView />);
    await userEvent.click(await screen.findByRole("button", { name: "Edit Leaders" }));
    expect(await screen.findByLabelText(/First session/)).not.toHaveAttribute("readonly");
    expect(screen.getByLabelText(/^Track/)).toBeEnabled();
    expect(screen.getByLabelText(/^Kind/)).toBeEnabled();
    expect(screen.queryByText(/can't change once it has started/)).not.toBeInTheDocument();
  });
});
