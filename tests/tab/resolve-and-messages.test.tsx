/**
 * In the Programme view a facilitator closes a help request once the member is unblocked, and sees
 * what the bot sent per kind of message, with why some did not arrive, in plain words.
 */
import { FluentProvider, teamsLightTheme } from "@fluentui/react-components";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { ReactNode } from "react";
import type { CohortSummary, DeliveryStatusResponse, MeResponse, ProgressResponse, TimelineResponse } from "../../bot/src/contract/api-contract";
import ProgrammeView from "../../tab/src/views/ProgrammeView";
import { installFakeFetch, type Route } from "../helpers/fake-fetch";

const wrap = (ui: ReactNode) => render(<FluentProvider theme={teamsLightTheme}>{ui}</FluentProvider>);
const ok = (body: unknown): Route => () => ({ status: 200, body });
const me: MeResponse = { tenantId: "t", userId: "fac-1", displayName: "Megan Bowen", roles: ["facilitator", "employee"], facilitatorOf: ["fin"], memberOf: [], mode: "local" };
const cohort: CohortSummary = { id: "fin", name: "Finance cohort", kind: "team", status: "active", trackId: "finance", trackName: "Finance", startDate: "2026-03-02", timeZone: "Europe/London", memberCount: 4, currentWeek: 3, yourRole: "facilitator" };
const suppressed = { suppressed: true } as const;
const timeline: TimelineResponse = { cohortId: "fin", timeZone: "Europe/London", today: "2026-03-16", events: [] };
const alert = { id: "alert:fin:alex:asked-for-help:s2", userId: "alex-id", displayName: "Alex Wilber", reason: "asked-for-help" as const, sessionNumber: 2, raisedAt: "2026-03-10T09:00:00.000Z", context: "Pivot tables", chatWith: "alex-id", takenByName: "Megan Bowen" };
const progress = (alerts: ProgressResponse["alerts"]): ProgressResponse => ({ cohortId: "fin", memberCount: 4, weekly: [], adoption: [], policyAcknowledged: suppressed, stuckCount: suppressed, helpRequests: suppressed, members: [], alerts });
const status: DeliveryStatusResponse = {
  cohortId: "fin",
  events: [],
  kinds: [
    { group: "programme", label: "Programme cards", sent: 40, waiting: 2, failed: 1, notNeeded: 3, problems: [{ text: "blocked or removed the app", count: 1 }, { text: "Teams was busy: trying again shortly", count: 2 }] },
    { group: "alerts", label: "Alerts to facilitators", sent: 1, waiting: 0, failed: 0, notNeeded: 0, problems: [] },
    { group: "wins", label: "Posts to the cohort's channel (wins, leaders' experiments, answers for the cohort)", sent: 0, waiting: 0, failed: 0, notNeeded: 0, problems: [] },
  ],
};

describe("resolving a help request in the tab", () => {
  it("when the facilitator marks it resolved, then the request is sent for that alert and the list reloads without it", async () => {
    let resolved = false;
    const fetch = installFakeFetch({
      "GET /api/cohorts": ok([cohort]),
      "GET /api/cohorts/fin/timeline": ok(timeline),
      "GET /api/cohorts/fin/progress": () => ({ status: 200, body: progress(resolved ? [] : [alert]) }),
      "GET /api/cohorts/fin/wins": ok({ cohortId: "fin", wins: [], unsharedCount: 0 }),
      "GET /api/cohorts/fin/deliveries": ok(status),
      [`POST /api/cohorts/fin/alerts/${encodeURIComponent(alert.id)}/resolve`]: () => ((resolved = true), { status: 200, body: { alertId: alert.id, resolvedAt: "2026-03-16T10:00:00.000Z" } }),
    });
    wrap(<ProgrammeView me={me} />);
    const list = await screen.findByRole("list", { name: "Who needs help" });
    const item = within(list).getByRole("listitem");
    expect(item).toHaveTextContent("Megan Bowen is reaching out.");
    await userEvent.click(within(item).getByRole("button", { name: "Mark resolved" }));
    await screen.findByText("Nobody is waiting for a facilitator");
    expect(resolved).toBe(true);
    expect(fetch.mock.calls.some(([url, init]) => String(url).endsWith("/resolve") && init?.method === "POST")).toBe(true);
  });

  it("when resolving fails, then the reason shows next to that request and it stays listed", async () => {
    installFakeFetch({
      "GET /api/cohorts": ok([cohort]),
      "GET /api/cohorts/fin/timeline": ok(timeline),
      "GET /api/cohorts/fin/progress": ok(progress([alert])),
      "GET /api/cohorts/fin/wins": ok({ cohortId: "fin", wins: [], unsharedCount: 0 }),
      "GET /api/cohorts/fin/deliveries": ok(status),
      [`POST /api/cohorts/fin/alerts/${encodeURIComponent(alert.id)}/resolve`]: () => ({ status: 403, body: { error: { code: "AUTH.FORBIDDEN", message: "Only this cohort's facilitators can take an alert." } } }),
    });
    wrap(<ProgrammeView me={me} />);
    const list = await screen.findByRole("list", { name: "Who needs help" });
    await userEvent.click(within(list).getByRole("button", { name: "Mark resolved" }));
    expect(await within(list).findByRole("alert")).toHaveTextContent("Only this cohort's facilitators can take an alert.");
    expect(within(list).getAllByRole("listitem")).toHaveLength(1);
  });
});

describe("messages from the bot, in the tab", () => {
  it("shows each kind that has messages with sent, waiting and not delivered, and the reasons in plain words", async () => {
    installFakeFetch({
      "GET /api/cohorts": ok([cohort]),
      "GET /api/cohorts/fin/timeline": ok(timeline),
      "GET /api/cohorts/fin/progress": ok(progress([])),
      "GET /api/cohorts/fin/wins": ok({ cohortId: "fin", wins: [], unsharedCount: 0 }),
      "GET /api/cohorts/fin/deliveries": ok(status),
    });
    wrap(<ProgrammeView me={me} />);
    const table = await screen.findByRole("table", { name: "Messages from the bot" });
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows).toHaveLength(2); // the wins row has nothing yet and is left out
    expect(rows[0]).toHaveTextContent("Programme cards1 blocked or removed the app2 Teams was busy: trying again shortly4021");
    expect(rows[1]).toHaveTextContent("Alerts to facilitators100");
    await waitFor(() => expect(screen.queryByText("Loading message status")).toBeNull());
  });
});

describe("a paused member, in the member table", () => {
  it("shows only that they are paused and until when, not that they missed check-ins", async () => {
    installFakeFetch({
      "GET /api/cohorts": ok([cohort]),
      "GET /api/cohorts/fin/timeline": ok(timeline),
      "GET /api/cohorts/fin/progress": ok({ ...progress([]), members: [{ userId: "ana", displayName: "Ana Away", status: "missed-checkins", checkInsDone: 1, minutesSaved: 10, pausedUntil: "2026-03-23" }, { userId: "bo", displayName: "Bo Behind", status: "missed-checkins", checkInsDone: 0, minutesSaved: 0 }] }),
      "GET /api/cohorts/fin/wins": ok({ cohortId: "fin", wins: [], unsharedCount: 0 }),
      "GET /api/cohorts/fin/deliveries": ok(status),
    });
    wrap(<ProgrammeView me={me} />);
    const ana = (await screen.findByText("Ana Away")).closest("tr")!;
    expect(ana).toHaveTextContent("Paused until 2026-03-23");
    expect(ana).not.toHaveTextContent(/missed/i);
    const bo = screen.getByText("Bo Behind").closest("tr")!;
    expect(bo).not.toHaveTextContent("Paused");
  });
});

describe("a large cohort's member table", () => {
  it("shows the first page, then the next with Show more members, keeping whoever asked for help on top", async () => {
    const member = (i: number, stuck = false) => ({ userId: `m${i}`, displayName: `Member ${i}`, status: stuck ? ("asked-for-help" as const) : ("on-track" as const), checkInsDone: 2, minutesSaved: 20 });
    installFakeFetch({
      "GET /api/cohorts": ok([cohort]),
      "GET /api/cohorts/fin/timeline": ok(timeline),
      "GET /api/cohorts/fin/progress": ok({ ...progress([]), members: [member(1), member(2)], membersCursor: "page-2" }),
      "GET /api/cohorts/fin/progress?cursor=page-2": ok({ ...progress([]), members: [member(3, true)] }),
      "GET /api/cohorts/fin/wins": ok({ cohortId: "fin", wins: [], unsharedCount: 0 }),
      "GET /api/cohorts/fin/deliveries": ok(status),
    });
    wrap(<ProgrammeView me={me} />);
    await screen.findByText("Member 1");
    expect(screen.queryByText("Member 3")).toBeNull();
    await userEvent.click(screen.getByRole("button", { name: "Show more members" }));
    const rows = await screen.findAllByRole("row");
    await waitFor(() => expect(screen.getByText("Member 3")).toBeInTheDocument());
    const names = screen.getAllByRole("row").map((r) => r.textContent ?? "").filter((t) => t.startsWith("Member "));
    expect(rows.length).toBeGreaterThan(0);
    expect(names[0]).toContain("Member 3");
    expect(screen.queryByRole("button", { name: "Show more members" })).toBeNull();
  });
});
