/**
 * "My data" with the member's own measured Copilot usage, in jsdom with a scripted API: shown in
 * words when the server sends it, absent when it does not, and named in what "Delete" removes.
 */
import { FluentProvider, teamsLightTheme } from "@fluentui/react-components";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { MyDataResponse } from "../../bot/src/contract/api-contract";
import MyDataView from "../../tab/src/views/MyDataView";
import { installFakeFetch } from "../helpers/fake-fetch";

const wrap = () => render(<FluentProvider theme={teamsLightTheme}><MyDataView /></FluentProvider>);
const withUsage: MyDataResponse = { cohorts: [], measuredUsage: { lastActiveOn: "2026-04-04", activeDays: 2, windowDays: 28, through: "2026-04-05" } };

describe("my measured Copilot usage in My data", () => {
  it("when the server sends my measured usage, then I read when I was last active and on how many of the last 28 days, and that only I see it", async () => {
    installFakeFetch({ "GET /api/my/data": () => ({ status: 200, body: withUsage }) });
    wrap();
    const card = await screen.findByLabelText("Your measured Copilot usage");
    expect(card).toHaveTextContent("Microsoft 365 Copilot: last active on 4 April 2026, active on 2 of the last 28 days.");
    expect(card).toHaveTextContent("Up to 5 April 2026");
    expect(card).toHaveTextContent("Only you see this");
    expect(screen.queryByText("Nothing stored about you")).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Delete my reflections…" }));
    // Found by its text: Fluent's dialog stays inaccessible in jsdom while its opening motion never ends.
    expect(await screen.findByText(/and the Copilot activity dates stored for you/)).toBeInTheDocument();
  });

  it("when the server sends none, then nothing about Copilot usage is shown", async () => {
    installFakeFetch({ "GET /api/my/data": () => ({ status: 200, body: { cohorts: [] } }) });
    wrap();
    expect(await screen.findByText("Nothing stored about you")).toBeInTheDocument();
    expect(screen.queryByText(/Microsoft 365 Copilot: last active/)).not.toBeInTheDocument();
  });
});
