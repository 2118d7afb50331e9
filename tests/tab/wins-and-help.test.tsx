/**
 * Wins go somewhere and alerts reach someone, in the tab: the admin chooses a cohort's wins channel
 * in the cohort editor, facilitators read the wins feed (consented wins only, page by page, the rest
 * counted), and "who needs help" shows why, the member's words as plain text, whether Teams
 * delivered the alert, and a link to chat with the member.
 */
import { FluentProvider, teamsLightTheme } from "@fluentui/react-components";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { ReactNode } from "react";
import type { CohortDetail, CohortSummary, MeResponse, ProgressResponse, TimelineResponse, WinsChannelOption, WinsFeedResponse } from "../../bot/src/contract/api-contract";
import CohortsView from "../../tab/src/views/CohortsView";
import ProgrammeView from "../../tab/src/views/ProgrammeView";
import { installFakeFetch, type Route } from "../helpers/fake-fetch";

const wrap = (ui: ReactNode) => render(<FluentProvider theme={teamsLightTheme}>{ui}</FluentProvider>);
const ok = (body: unknown): Route => () => ({ status: 200, body });
const me: MeResponse = { tenantId: "t", userId: "fac-1", displayName: "Megan Bowen", roles: ["facilitator", "employee"], facilitatorOf: ["fin"], memberOf: [], mode: "local" };
const cohort: CohortSummary = { id: "fin", name: "Finance cohort", kind: "team", status: "active", trackId: "finance", trackName: "Finance", startDate: "2026-03-02", timeZone: "Europe/London", memberCount: 4, currentWeek: 3, yourRole: "facilitator" };
const suppressed = { suppressed: true } as const;
const timeline: TimelineResponse = { cohortId: "fin", timeZone: "Europe/London", today: "2026-03-16", events: [] };
const progress: ProgressResponse = {
  cohortId: "fin", memberCount: 4, weekly: [], adoption: [], policyAcknowledged: suppressed, stuckCount: suppressed, helpRequests: suppressed,
  members: [{ userId: "alex-id", displayName: "Alex Wilber", status: "asked-for-help", checkInsDone: 1, minutesSaved: 30 }],
  alerts: [
    { id: "a1", userId: "alex-id", displayName: "Alex Wilber", reason: "asked-for-help", sessionNumber: 2, raisedAt: "2026-03-10T09:00:00.000Z", context: "The **pivot** prompt [fails](https://evil.example)", unreachedSince: "2026-03-10T09:00:01.000Z", chatWith: "alex-id" },
    { id: "a2", userId: "lee-id", displayName: "Lee Gu", reason: "stuck-twice", sessionNumber: 2, raisedAt: "2026-03-10T09:00:00.000Z", context: "Data access", chatWith: "lee-id" },
  ],
};
const page1: WinsFeedResponse = { cohortId: "fin", wins: [{ id: "w3", displayName: "Lee Gu", text: "Summarised **contracts** <b>fast</b>", minutesSaved: 45, createdAt: "2026-03-12T10:00:00.000Z" }], unsharedCount: 2, nextCursor: "next-page" };
const page2: WinsFeedResponse = { cohortId: "fin", wins: [{ id: "w1", displayName: "Alex Wilber", text: "Variance note in 10 minutes", createdAt: "2026-03-03T10:00:00.000Z" }], unsharedCount: 2 };

function openProgramme(wins: Record<string, Route>) {
  return installFakeFetch({ "GET /api/cohorts": ok([cohort]), "GET /api/cohorts/fin/progress": ok(progress), "GET /api/cohorts/fin/timeline": ok(timeline), ...wins });
}

describe("who needs help, in the Programme view", () => {
  it("when an alert reached no facilitator, then it says so with the member's words as plain text and a Teams chat link", async () => {
    openProgramme({ "GET /api/cohorts/fin/wins": ok({ ...page1, wins: [], unsharedCount: 0, nextCursor: undefined }) });
    wrap(<ProgrammeView me={me} />);
    const list = await screen.findByRole("list", { name: "Who needs help" });
    const [alex, lee] = within(list).getAllByRole("listitem");
    expect(alex).toHaveTextContent("Asked for help");
    expect(alex).toHaveTextContent("What they wrote: The **pivot** prompt [fails](https://evil.example)");
    expect(alex!.querySelector("strong, b, a[href*='evil']")).toBeNull();
    expect(alex).toHaveTextContent("Not delivered in Teams — reach out directly.");
    expect(within(alex!).getByRole("link", { name: "Chat with Alex Wilber in Teams" })).toHaveAttribute("href", "https://teams.microsoft.com/l/chat/0/0?users=alex-id");
    expect(lee).toHaveTextContent("Stuck two check-ins in a row");
    expect(lee).toHaveTextContent("Sent to the facilitators in Teams.");
    expect(lee).not.toHaveTextContent("Not delivered");
  });
});

describe("the wins feed, in the Programme view", () => {
  it("when there are shared wins, then they show as plain text, the private ones as a count, and older ones a page at a time", async () => {
    const fetch = openProgramme({ "GET /api/cohorts/fin/wins": ok(page1), "GET /api/cohorts/fin/wins?cursor=next-page": ok(page2) });
    wrap(<ProgrammeView me={me} />);
    const feed = await screen.findByRole("list", { name: "Shared wins" });
    expect(feed).toHaveTextContent("Lee Gu 2026-03-12 · 45 minutes savedSummarised **contracts** <b>fast</b>");
    expect(feed.querySelector("b, strong")).toBeNull();
    expect(screen.getByText("2 more wins were shared privately and are not shown.")).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Show older wins" }));
    expect(await within(feed).findByText("Variance note in 10 minutes")).toBeInTheDocument();
    expect(within(feed).getAllByRole("listitem").map((li) => li.textContent)).toEqual([expect.stringContaining("Lee Gu"), expect.stringContaining("Alex Wilber")]);
    expect(screen.queryByRole("button", { name: "Show older wins" })).not.toBeInTheDocument();
    expect(fetch.mock.calls.map(([url]) => String(url))).toContain("/api/cohorts/fin/wins?cursor=next-page");
  });

  it("when nobody has shared a win, then an empty state says where they will appear", async () => {
    openProgramme({ "GET /api/cohorts/fin/wins": ok({ cohortId: "fin", wins: [], unsharedCount: 0 }) });
    wrap(<ProgrammeView me={me} />);
    expect(await screen.findByText("No shared wins yet")).toBeInTheDocument();
    expect(screen.queryByText(/shared privately/)).not.toBeInTheDocument();
  });

  it("when a member looks at their cohort, then no wins feed is asked for", async () => {
    const fetch = installFakeFetch({ "GET /api/cohorts": ok([{ ...cohort, yourRole: "member" }]), "GET /api/cohorts/fin/progress": ok({ ...progress, alerts: undefined, members: [] }), "GET /api/cohorts/fin/timeline": ok(timeline) });
    wrap(<ProgrammeView me={{ ...me, roles: ["employee"] }} />);
    await screen.findByRole("table", { name: "Programme timeline" });
    expect(fetch.mock.calls.map(([url]) => String(url))).not.toContain("/api/cohorts/fin/wins");
    expect(screen.queryByRole("list", { name: "Who needs help" })).not.toBeInTheDocument();
  });
});

describe("choosing the wins channel in the cohort editor", () => {
  const tracks = [{ id: "finance", name: "Finance", role: "finance", audience: "", sessionCount: 4 }];
  const finance: CohortSummary = { ...cohort, yourRole: "admin" };
  const detail: CohortDetail = { ...finance, etag: '"v1"', localTime: "09:30", facilitators: [{ userId: "fac-1", displayName: "Megan Bowen" }], members: [{ userId: "id-1", displayName: "Alex Wilber" }] };
  const channels: WinsChannelOption[] = [
    { teamId: "team-1", teamName: "Finance", channelId: "team-1", channelName: "General" },
    { teamId: "team-1", teamName: "Finance", channelId: "chan-2", channelName: "Wins" },
  ];
  const putBodies = (fetch: jest.Mock) => fetch.mock.calls.filter(([, init]) => init?.method === "PUT").map(([, init]) => JSON.parse(String(init.body)));

  async function openEditor(put: Route) {
    const fetch = installFakeFetch({ "GET /api/cohorts": ok([finance]), "GET /api/tracks": ok(tracks), "GET /api/cohorts/fin": ok(detail), "GET /api/wins-channels": ok(channels), "PUT /api/cohorts/fin": put });
    wrap(<CohortsView />);
    await userEvent.click(await screen.findByRole("button", { name: "Edit Finance cohort" }));
    return fetch;
  }

  it("when an admin picks a channel where the app is installed, then Save sends that team and channel", async () => {
    const fetch = await openEditor(ok({ ...detail, winsChannel: { teamId: "team-1", channelId: "chan-2", channelName: "Wins" }, etag: '"v2"' }));
    const select = await screen.findByRole("combobox", { name: /^Wins channel/ });
    await within(select).findByRole("option", { name: "Finance › Wins" });
    expect(select).toHaveValue("");
    expect(within(select).getAllByRole("option").map((o) => o.textContent)).toEqual(["None: keep wins in the feed only", "Finance › General", "Finance › Wins"]);
    await userEvent.selectOptions(select, "Finance › Wins");
    await userEvent.click(screen.getByRole("button", { name: "Save changes" }));
    expect(await screen.findByText("Finance cohort is saved.")).toBeInTheDocument();
    expect(putBodies(fetch)[0].winsChannel).toEqual({ teamId: "team-1", channelId: "chan-2" });
  });

  it("when the server refuses the channel, then its message shows on the wins channel field, once", async () => {
    const message = "Choose one of the channels where Cohort Coach is installed, or none.";
    await openEditor(() => ({ status: 400, body: { error: { code: "VALIDATION.INVALID_INPUT", message, issues: [{ field: "winsChannel", message }] } } }));
    const select = await screen.findByRole("combobox", { name: /^Wins channel/ });
    await within(select).findByRole("option", { name: "Finance › General" });
    await userEvent.selectOptions(select, "Finance › General");
    await userEvent.click(screen.getByRole("button", { name: "Save changes" }));
    expect(await screen.findByText(message)).toBeInTheDocument();
    expect(screen.getAllByText(message)).toHaveLength(1);
  });
});
