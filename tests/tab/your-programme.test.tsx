/** "Your programme" in the tab: a member sees their own briefs, commitments, check-ins with answers and wins, with their link as plain text. */
import { FluentProvider, teamsLightTheme } from "@fluentui/react-components";
import { render, screen, within } from "@testing-library/react";
import type { MyHistoryResponse } from "../../bot/src/contract/api-contract";
import { YourProgramme } from "../../tab/src/views/YourProgramme";
import { installFakeFetch } from "../helpers/fake-fetch";

const history: MyHistoryResponse = {
  cohortId: "fin",
  cohortName: "Finance cohort",
  pausedUntil: "2026-03-16",
  briefs: [{ sessionNumber: 1, title: "Variance commentary", sentOn: "2026-03-02" }],
  commitments: [{ sessionNumber: 1, deliverable: "March variance commentary", done: true, link: "https://contoso.sharepoint.com/q1.docx" }],
  checkIns: [{ sessionNumber: 1, tried: "Drafted it", worked: "First draft in minutes", stuck: "Checking the numbers", minutesSaved: 45, confidence: 4, reflectAnswers: [{ question: "What would you try next?", answer: "The board pack" }] }],
  wins: [{ text: "Board pack a day early", createdAt: "2026-03-04T10:00:00.000Z" }],
};

describe("Your programme", () => {
  it("when a member opens it, then their briefs, commitments, check-ins and wins are listed, and their link is text, not a link", async () => {
    installFakeFetch({ "GET /api/cohorts/fin/my-history": () => ({ status: 200, body: history }) });
    render(<FluentProvider theme={teamsLightTheme}><YourProgramme cohortId="fin" /></FluentProvider>);
    expect(await screen.findByText("Your programme")).toBeInTheDocument();
    expect(screen.getByText("Paused until 2026-03-16")).toBeInTheDocument();
    expect(within(screen.getByRole("region", { name: "Briefs you received" })).getByText(/Session 1: Variance commentary/)).toBeInTheDocument();
    const commitments = screen.getByRole("region", { name: "Your commitments" });
    expect(within(commitments).getByText(/March variance commentary/)).toBeInTheDocument();
    expect(within(commitments).getByText("Done")).toBeInTheDocument();
    expect(within(commitments).getByText("https://contoso.sharepoint.com/q1.docx")).toBeInTheDocument();
    expect(within(commitments).queryByRole("link")).toBeNull();
    expect(screen.getByText("Stuck: Checking the numbers")).toBeInTheDocument();
    expect(screen.getByText("What would you try next?: The board pack")).toBeInTheDocument();
    expect(within(screen.getByRole("region", { name: "Your wins" })).getByText("Board pack a day early")).toBeInTheDocument();
  });

  it("when the API refuses, then the reason is shown", async () => {
    installFakeFetch({ "GET /api/cohorts/fin/my-history": () => ({ status: 403, body: { error: { code: "FORBIDDEN", message: "This shows your own programme, and you are not a member of this cohort." } } }) });
    render(<FluentProvider theme={teamsLightTheme}><YourProgramme cohortId="fin" /></FluentProvider>);
    expect(await screen.findByText(/you are not a member of this cohort/)).toBeInTheDocument();
  });
});
