/**
 * "Import people" in the cohort form, in jsdom with a scripted API: a CSV file's preview shows the
 * good rows and each bad row's problem, "Add N people" puts the good ones in the member list, and
 * the cohort is saved with them as always; a team's members come in one click; no team, a refused
 * file and a file too large each say what to do.
 */
import { FluentProvider, teamsLightTheme } from "@fluentui/react-components";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { ReactNode } from "react";
import type { PeopleImportPreview, TeamMembersResponse } from "../../bot/src/contract/api-contract";
import { ImportPeople } from "../../tab/src/components/ImportPeople";
import { todayIn } from "../../tab/src/views/CohortForm";
import CohortsView from "../../tab/src/views/CohortsView";
import { installFakeFetch, type Route } from "../helpers/fake-fetch";

const wrap = (ui: ReactNode) => render(<FluentProvider theme={teamsLightTheme}>{ui}</FluentProvider>);
const ok = (body: unknown): Route => () => ({ status: 200, body });
const tracks = [{ id: "finance", name: "Finance", role: "finance", audience: "", sessionCount: 4 }];
const MEGAN = { userId: "6e2a9f4c-1b7d-4c3e-9a8f-0d5b2c7e1f30", displayName: "Megan Bowen" };
const ALEX = { userId: "b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e", displayName: "Alex Wilber", jobTitle: "Analyst" };
const FINN = { userId: "c1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e", displayName: "Finn Already", otherCohorts: ["Finance pilot"] };
const csvFile = (text: string, name = "people.csv") => new File([text], name, { type: "text/csv" });
const chosenMembers = () => within(screen.getByRole("list", { name: "Chosen members" })).getAllByRole("listitem").map((li) => li.querySelector("span")?.textContent);
const postBodies = (fetch: jest.Mock, path: string) => fetch.mock.calls.filter(([url, init]) => init?.method === "POST" && url === path).map(([, init]) => JSON.parse(String(init.body)));

const preview: PeopleImportPreview = {
  rows: [
    { row: 2, person: ALEX },
    { row: 3, error: "row 3: no name" },
    { row: 4, person: FINN },
    { row: 5, error: "row 5: nobody with this e-mail in the teams where Cohort Coach is installed" },
  ],
  good: 2,
  bad: 2,
  header: true,
  notes: [],
};

describe("importing people into the cohort form", () => {
  it("when an admin imports a CSV file, then good rows and each bad row's problem show, and 'Add 2 people' puts them in the form, saved with the cohort", async () => {
    const fetch = installFakeFetch({
      "GET /api/cohorts": ok([]),
      "GET /api/tracks": ok(tracks),
      "GET /api/people?search=Meg": ok([MEGAN]),
      "POST /api/people/import-preview": ok(preview),
      "POST /api/cohorts": ok({ message: "Sales pilot is created." }),
    });
    wrap(<CohortsView />);
    await userEvent.type(await screen.findByLabelText(/^Name/), "Sales pilot");
    await userEvent.selectOptions(screen.getByLabelText(/^Track/), "finance");
    await userEvent.type(screen.getByLabelText(/First session/), todayIn("Europe/London", new Date(Date.now() + 14 * 86_400_000)));
    await userEvent.type(screen.getByRole("combobox", { name: /^Facilitators/ }), "Meg");
    await userEvent.click(await screen.findByRole("option", { name: "Megan Bowen" }));

    const text = "Name,Email,Job title\nAlex,alex@contoso.com,Analyst\n";
    await userEvent.upload(screen.getByLabelText("CSV file of people"), csvFile(text));
    expect(await screen.findByText("people.csv: 2 people to add, 2 rows with a problem.")).toBeInTheDocument();
    expect(postBodies(fetch, "/api/people/import-preview")).toEqual([{ file: text }]);
    const problems = within(screen.getByRole("list", { name: "Rows with a problem" })).getAllByRole("listitem").map((li) => li.textContent);
    expect(problems).toEqual(["row 3: no name", "row 5: nobody with this e-mail in the teams where Cohort Coach is installed"]);
    const table = screen.getByRole("table", { name: "People to import" });
    expect(within(table).getByText("Alex Wilber")).toBeInTheDocument();
    expect(within(table).getByText("Also in Finance pilot")).toBeInTheDocument();
    expect(screen.getByText(/1 person is already in another cohort\. That is fine: they get each cohort's cards, every card names its cohort/)).toBeInTheDocument();
    // Nothing is in the form until the admin confirms.
    expect(screen.getByText("No members chosen yet.")).toBeInTheDocument();

    await userEvent.click(screen.getByRole("button", { name: "Add 2 people" }));
    expect(chosenMembers()).toEqual(["Alex Wilber", "Finn Already"]);
    expect(screen.getByText("Added 2 people to the members list. They join when you save the cohort.")).toBeInTheDocument();

    await userEvent.click(screen.getByRole("button", { name: "Create cohort" }));
    expect(await screen.findByText(/Sales pilot is created\./)).toBeInTheDocument();
    expect(postBodies(fetch, "/api/cohorts")[0].members).toEqual([
      { userId: ALEX.userId, displayName: "Alex Wilber", jobTitle: "Analyst" },
      { userId: FINN.userId, displayName: "Finn Already" },
    ]);
  });

  it("when people in the file are already in the list, then they are marked and not added twice", async () => {
    installFakeFetch({ "POST /api/people/import-preview": ok(preview) });
    const onAdd = jest.fn();
    wrap(<ImportPeople current={[{ userId: ALEX.userId.toUpperCase(), displayName: "Alex Wilber" }]} onAdd={onAdd} />);
    await userEvent.upload(screen.getByLabelText("CSV file of people"), csvFile("x"));
    expect(await screen.findByText("people.csv: 1 person to add, 1 person already in the list, 2 rows with a problem.")).toBeInTheDocument();
    expect(screen.getByText("Already in the list")).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Add 1 person" }));
    expect(onAdd).toHaveBeenCalledWith([{ userId: FINN.userId, displayName: "Finn Already" }]);
  });

  it("when a facilitator imports from a team, then they choose one of the app's teams and add its members in one click", async () => {
    const team: TeamMembersResponse = { teamId: "19:b", teamName: "Sales", people: [ALEX, { userId: MEGAN.userId, displayName: MEGAN.displayName }] };
    const fetch = installFakeFetch({
      "GET /api/people/teams": ok([{ teamId: "19:a", teamName: "Finance" }, { teamId: "19:b", teamName: "Sales" }]),
      "POST /api/people/team-members": ok(team),
    });
    const onAdd = jest.fn();
    wrap(<ImportPeople current={[]} onAdd={onAdd} />);
    await userEvent.click(screen.getByRole("button", { name: "From a team…" }));
    await userEvent.selectOptions(await screen.findByLabelText("Team"), "19:b");
    await userEvent.click(screen.getByRole("button", { name: "Show its members" }));
    expect(await screen.findByText("Sales: 2 people to add.")).toBeInTheDocument();
    expect(postBodies(fetch, "/api/people/team-members")).toEqual([{ teamId: "19:b" }]);
    await userEvent.click(screen.getByRole("button", { name: "Add 2 people" }));
    expect(onAdd).toHaveBeenCalledWith([
      { userId: ALEX.userId, displayName: "Alex Wilber", jobTitle: "Analyst" },
      { userId: MEGAN.userId, displayName: "Megan Bowen" },
    ]);
  });

  it("when the app is in no team yet, then the empty state says how to add it, and a CSV file is suggested", async () => {
    installFakeFetch({ "GET /api/people/teams": ok([]) });
    wrap(<ImportPeople current={[]} onAdd={jest.fn()} />);
    await userEvent.click(screen.getByRole("button", { name: "From a team…" }));
    expect(await screen.findByText("Cohort Coach isn't in any team yet")).toBeInTheDocument();
    expect(screen.getByText(/import a CSV file/)).toBeInTheDocument();
  });

  it("when the server refuses the file, then its message shows and nothing is added", async () => {
    installFakeFetch({
      "POST /api/people/import-preview": () => ({ status: 400, body: { error: { code: "VALIDATION.INVALID_INPUT", message: "Please fix this: File is empty: choose a CSV file with a name, an e-mail address or object id, and a job title on each row.", issues: [] } } }),
    });
    const onAdd = jest.fn();
    wrap(<ImportPeople current={[]} onAdd={onAdd} />);
    await userEvent.upload(screen.getByLabelText("CSV file of people"), csvFile(" "));
    expect(await screen.findByRole("alert")).toHaveTextContent(/File is empty: choose a CSV file/);
    expect(onAdd).not.toHaveBeenCalled();
  });

  it("when the file is larger than the import takes, then it is refused before sending, with what to do", async () => {
    const fetch = installFakeFetch({});
    wrap(<ImportPeople current={[]} onAdd={jest.fn()} />);
    await userEvent.upload(screen.getByLabelText("CSV file of people"), csvFile("a".repeat(2_000_000), "everyone.csv"));
    expect(await screen.findByRole("alert")).toHaveTextContent("everyone.csv is 2.0 MB; the import takes CSV files up to 200 KB (about 2,500 people). Split it into smaller files.");
    expect(fetch).not.toHaveBeenCalled();
  });

  it("when a file names nobody usable, then the empty state says so and Add is not offered", async () => {
    installFakeFetch({ "POST /api/people/import-preview": ok({ rows: [{ row: 1, error: "row 1: no name" }], good: 0, bad: 1, header: false, notes: [] }) });
    wrap(<ImportPeople current={[]} onAdd={jest.fn()} />);
    await userEvent.upload(screen.getByLabelText("CSV file of people"), csvFile("x"));
    expect(await screen.findByText("Nobody to add")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Add 0 people" })).toBeDisabled();
  });
});
