/**
 * A cohort form's chosen members at scale (jsdom): with thousands of members the list renders the
 * first 100, says how many there are, and finds anyone by name; a short list shows everyone.
 */
import { FluentProvider, teamsLightTheme } from "@fluentui/react-components";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { ChosenPeopleList } from "../../tab/src/components/ChosenPeopleList";

const people = (n: number) => Array.from({ length: n }, (_, i) => ({ userId: `u${i}`, displayName: `Member ${i}` }));
const rows = () => within(screen.getByRole("list", { name: "Chosen members" })).getAllByRole("listitem");

describe("the chosen members list", () => {
  it("when a cohort has 5,000 members, then 100 are listed, the count is said, and a name finds someone to remove", async () => {
    const removed = jest.fn();
    render(<FluentProvider theme={teamsLightTheme}><ChosenPeopleList people={people(5000)} noun="member" onRemove={removed} /></FluentProvider>);
    expect(rows()).toHaveLength(100);
    expect(screen.getByRole("status")).toHaveTextContent("5,000 members; the first 100 are listed. Type a name to find someone.");

    await userEvent.type(screen.getByRole("textbox", { name: "Find a member in the list" }), "member 4321");
    expect(await screen.findByText("1 of 5,000 members match “member 4321”.")).toBeInTheDocument();
    expect(rows().map((r) => r.querySelector("span")?.textContent)).toEqual(["Member 4321"]);
    await userEvent.click(screen.getByRole("button", { name: "Remove Member 4321" }));
    expect(removed).toHaveBeenCalledWith("u4321");

    await userEvent.clear(screen.getByRole("textbox", { name: "Find a member in the list" }));
    await userEvent.type(screen.getByRole("textbox", { name: "Find a member in the list" }), "nobody");
    expect(await screen.findByText("No member in the list is called “nobody”.")).toBeInTheDocument();
    expect(screen.queryByRole("list", { name: "Chosen members" })).toBeNull();

    await userEvent.clear(screen.getByRole("textbox", { name: "Find a member in the list" }));
    await userEvent.type(screen.getByRole("textbox", { name: "Find a member in the list" }), "member 1");
    expect(await screen.findByText("1,111 of 5,000 members match “member 1”; the first 100 are listed.")).toBeInTheDocument();
    expect(rows()).toHaveLength(100);
  });

  it("when a cohort has a few members, then every one is listed with no search box; with none, it says so", () => {
    const { unmount } = render(<FluentProvider theme={teamsLightTheme}><ChosenPeopleList people={people(12)} noun="member" onRemove={() => undefined} /></FluentProvider>);
    expect(rows()).toHaveLength(12);
    expect(screen.queryByRole("textbox", { name: "Find a member in the list" })).toBeNull();
    unmount();
    render(<FluentProvider theme={teamsLightTheme}><ChosenPeopleList people={[]} noun="facilitator" onRemove={() => undefined} /></FluentProvider>);
    expect(screen.getByText("No facilitators chosen yet.")).toBeInTheDocument();
  });
});
