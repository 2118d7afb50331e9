/**
 * What the tab's views say, in jsdom with a scripted API: charts on fixed scales that keep weeks
 * hidden for privacy on the axis, timeline rows that count only what they collect, My data in
 * words rather than stored codes, and deleting one's data with a request the server accepts.
 */
import { FluentProvider, teamsLightTheme } from "@fluentui/react-components";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { ReactNode } from "react";
import type { Aggregate, CohortSummary, MeResponse, MyDataResponse, ProgressResponse, TimelineEventDto, TimelineResponse } from "../../bot/src/contract/api-contract";
import { api } from "../../tab/src/api";
import { browserTheme } from "../../tab/src/theme";
import { toBars, WEEKLY_SCALES } from "../../tab/src/components/WeeklyBarChart";
import MyDataView from "../../tab/src/views/MyDataView";
import ProgrammeView, { responsesText } from "../../tab/src/views/ProgrammeView";
import { installFakeFetch } from "../helpers/fake-fetch";

const wrap = (ui: ReactNode) => render(<FluentProvider theme={teamsLightTheme}>{ui}</FluentProvider>);
const me: MeResponse = { tenantId: "t", userId: "u", displayName: "Ada", roles: ["facilitator"], facilitatorOf: [], memberOf: [], mode: "local" };
const cohort: CohortSummary = { id: "fin", name: "Finance cohort", kind: "team", status: "active", trackId: "finance", trackName: "Finance", startDate: "2026-03-02", timeZone: "Europe/London", memberCount: 12, currentWeek: 5, yourRole: "facilitator" };
const hidden = { suppressed: true } as const;
const shown = (value: number, n = 12): Aggregate => ({ suppressed: false, n, value });

const progress: ProgressResponse = {
  cohortId: "fin",
  memberCount: 12,
  weekly: [
    { week: 2, participation: hidden, confidence: hidden, minutesSaved: hidden },
    { week: 3, participation: shown(0.84), confidence: shown(2.4), minutesSaved: shown(300) },
    { week: 4, participation: shown(0.75), confidence: shown(3.4), minutesSaved: shown(420) },
  ],
  adoption: [],
  policyAcknowledged: shown(0.67),
  members: [],
  stuckCount: hidden,
  helpRequests: shown(0),
};

const event = (e: Partial<TimelineEventDto> & Pick<TimelineEventDto, "key" | "kind" | "title" | "state">): TimelineEventDto => ({
  week: 1,
  localDate: "2026-03-09",
  localTime: "09:30",
  dueAt: "2026-03-09T09:30:00.000Z",
  delivery: { pending: 0, sent: 12, failed: 0 },
  responses: hidden,
  ...e,
});

const timeline: TimelineResponse = {
  cohortId: "fin",
  timeZone: "Europe/London",
  today: "2026-03-30",
  events: [
    event({ key: "policy", kind: "policy", title: "Acknowledge the AI-use policy", state: "past", week: 0 }),
    event({ key: "s1.learn", kind: "learn", title: "Session 1: Variance commentary", state: "past" }),
    event({ key: "s1.apply", kind: "apply", title: "Commit to a real piece of work (session 1)", state: "past", responses: shown(9) }),
    event({ key: "s1.checkin", kind: "checkin", title: "Check-in on session 1", state: "past", responses: shown(7) }),
    event({ key: "s1.checkin-reminder", kind: "checkin-reminder", title: "Reminder: check-in on session 1", state: "past", responses: shown(7) }),
    event({ key: "s2.checkin", kind: "checkin", title: "Check-in on session 2", state: "today", responses: shown(3) }),
    event({ key: "s3.apply", kind: "apply", title: "Commit to a real piece of work (session 3)", state: "upcoming", responses: shown(0), delivery: { pending: 0, sent: 0, failed: 0 } }),
  ],
};

const contentType = (init: RequestInit | undefined) => Object.entries((init?.headers ?? {}) as Record<string, string>).find(([k]) => k.toLowerCase() === "content-type")?.[1];

function rowFor(title: string): HTMLElement {
  return screen.getByRole("cell", { name: title }).closest("tr")!;
}
const responsesCell = (title: string) => within(rowFor(title)).getAllByRole("cell").at(-1)!.textContent;

describe("the Programme view's charts", () => {
  it("when shares and confidence are charted, then shares run 0–100 % and confidence 1–5, whatever the data's maximum", () => {
    expect(WEEKLY_SCALES.share).toMatchObject({ yMinValue: 0, yMaxValue: 100, yAxisTickValues: [0, 25, 50, 75, 100] });
    const format = WEEKLY_SCALES.share.yAxisTickFormat as (d: number) => string;
    expect(format(100)).toBe("100%");
    // Confidence bars rise from 1, the lowest answer: plotted as score − 1 on 0..4 and labelled 1..5.
    expect(WEEKLY_SCALES.score).toMatchObject({ yMinValue: 0, yMaxValue: 4, yAxisTickValues: [0, 1, 2, 3, 4] });
    expect((WEEKLY_SCALES.score.yAxisTickValues as number[]).map(WEEKLY_SCALES.score.yAxisTickFormat as (d: number) => string)).toEqual(["1", "2", "3", "4", "5"]);
    const bars = toBars([{ label: "Week 3", value: 2.4 }, { label: "Week 4", value: 3.4 }], "score", "blue");
    expect(bars.map((b) => [b.y, b.barLabel, b.yAxisCalloutData])).toEqual([
      [1.4, "2.4", "2.4 / 5"],
      [2.4, "3.4", "3.4 / 5"],
    ]);
    expect(toBars([{ label: "Week 3", value: 0.84 }], "share", "blue").map((b) => [b.y, b.barLabel])).toEqual([[84, "84%"]]);
  });

  it("when a week's figures are hidden for privacy, then the week stays on the chart's axis without a bar and is named under the chart", async () => {
    const bars = toBars([{ label: "Week 2" }, { label: "Week 3", value: 0.84 }], "share", "blue");
    expect(bars.map((b) => [b.x, b.y])).toEqual([
      ["Week 2", 0],
      ["Week 3", 84],
    ]);
    expect(bars[0]!.callOutAccessibilityData?.ariaLabel).toBe("Week 2: fewer than 5 responses");

    installFakeFetch({
      "GET /api/cohorts": () => ({ status: 200, body: [cohort] }),
      "GET /api/cohorts/fin/progress": () => ({ status: 200, body: progress }),
      "GET /api/cohorts/fin/timeline": () => ({ status: 200, body: timeline }),
    });
    wrap(<ProgrammeView me={me} />);
    const participation = await screen.findByRole("figure", { name: "Participation (% of members who checked in)" });
    expect(participation).toHaveTextContent("Week 2: no bar, fewer than 5 responses");
    expect(screen.getByRole("figure", { name: "Average confidence (1–5)" })).toHaveTextContent("Week 2: no bar, fewer than 5 responses");
  });
});

describe("the Programme view's timeline", () => {
  it("when rows are reminders, session briefs or still to come, then they show no responses; the policy row shows the acknowledgement", async () => {
    installFakeFetch({
      "GET /api/cohorts": () => ({ status: 200, body: [cohort] }),
      "GET /api/cohorts/fin/progress": () => ({ status: 200, body: progress }),
      "GET /api/cohorts/fin/timeline": () => ({ status: 200, body: timeline }),
    });
    wrap(<ProgrammeView me={me} />);
    await screen.findByRole("table", { name: "Programme timeline" });
    await screen.findByText("Latest check-in participation");
    await waitFor(() => expect(responsesCell("Acknowledge the AI-use policy")).toBe("67% acknowledged"));
    expect(responsesCell("Session 1: Variance commentary")).toBe("–");
    expect(responsesCell("Commit to a real piece of work (session 1)")).toBe("9");
    expect(responsesCell("Check-in on session 1")).toBe("7");
    expect(responsesCell("Reminder: check-in on session 1")).toBe("–");
    expect(responsesCell("Check-in on session 2")).toBe("3");
    expect(responsesCell("Commit to a real piece of work (session 3)")).toBe("–");
  });

  it("when the server counts the policy's acknowledgements itself, then the policy row shows that count", () => {
    expect(responsesText(event({ key: "policy", kind: "policy", title: "p", state: "past", responses: shown(8) }), shown(0.67))).toBe("8 acknowledged");
    expect(responsesText(event({ key: "policy", kind: "policy", title: "p", state: "past" }), hidden)).toBe("–");
  });
});

describe("My data", () => {
  const mine: MyDataResponse = {
    cohorts: [
      {
        cohortId: "fin",
        cohortName: "Finance cohort",
        commitments: [{ sessionNumber: 1, deliverable: "Variance note" }],
        checkIns: [{ sessionNumber: 1, tried: "Drafted commentary", worked: "", stuck: "", minutesSaved: 25, confidence: 3, reflectAnswers: [{ question: "What would you do differently?", answer: "Check totals first" }], blockers: ["Trusting or checking the output"], quoting: "Please don't quote me" }],
        adoption: [
          { week: 0, stillUsing: false, frequency: "not-at-all", usedFor: "" },
          { week: 4, stillUsing: true, frequency: "few-times-a-week", usedFor: "forecast notes" },
        ],
        wins: [],
      },
    ],
  };
  const empty: MyDataResponse = { cohorts: [{ ...mine.cohorts[0]!, commitments: [], checkIns: [], adoption: [], wins: [] }] };

  it("when a member reads their answers, then they see the words they chose, not stored codes", async () => {
    installFakeFetch({ "GET /api/my/data": () => ({ status: 200, body: mine }) });
    wrap(<MyDataView />);
    const list = await screen.findByRole("list");
    expect(list).not.toHaveTextContent(/not-at-all|few-times-a-week/);
    expect(list).toHaveTextContent("Before the programme (baseline): not using AI in real work, not at all");
    expect(list).toHaveTextContent("Week 4: using AI in real work, a few times a week");
    expect(list).toHaveTextContent("confidence 3 / 5, getting there");
    expect(list).toHaveTextContent("“What would you do differently?” “Check totals first”");
    expect(list).toHaveTextContent("what got in the way: Trusting or checking the output; please don't quote me");
  });

  it("when a member deletes their data and confirms, then the request carries a JSON body the server accepts, and the view shows nothing stored", async () => {
    let deleted = false;
    const fetch = installFakeFetch({
      "GET /api/my/data": () => ({ status: 200, body: deleted ? empty : mine }),
      "DELETE /api/my/data": (init) => {
        if (contentType(init) !== "application/json") return { status: 415, body: { error: { code: "REQUEST.UNSUPPORTED_MEDIA_TYPE", message: "Send the request body as application/json." } } };
        deleted = true;
        return { status: 200, body: { deleted: 4 } };
      },
    });
    wrap(<MyDataView />);
    await userEvent.click(await screen.findByRole("button", { name: "Delete my reflections…" }, { timeout: 5_000 }));
    await userEvent.click(await within(await screen.findByRole("dialog", {}, { timeout: 5_000 })).findByText("Delete", { selector: "button" }, { timeout: 5_000 }));
    expect(await screen.findByText("Nothing stored about you")).toBeInTheDocument();
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
    const [, init] = fetch.mock.calls.find(([, i]) => i?.method === "DELETE")!;
    expect(init.body).toBe("{}");
  });

  it("when the tab calls any DELETE, then it sends an empty JSON object with its content type", async () => {
    const fetch = installFakeFetch({ "DELETE /api/x": () => ({ status: 200, body: {} }) });
    await api.del("/api/x");
    expect(contentType(fetch.mock.calls[0]![1])).toBe("application/json");
    expect(fetch.mock.calls[0]![1]!.body).toBe("{}");
  });
});

describe("the theme outside Teams", () => {
  const original = window.matchMedia;
  afterEach(() => {
    window.matchMedia = original;
    window.history.replaceState(null, "", "/");
  });
  const prefers = (dark: boolean) => (window.matchMedia = ((query: string) => ({ ...original(query), matches: dark && query === "(prefers-color-scheme: dark)" })) as typeof window.matchMedia);

  it("when the browser prefers dark, then the tab is dark; a ?theme= parameter overrides it", () => {
    prefers(true);
    expect(browserTheme()).toBe("dark");
    prefers(false);
    expect(browserTheme()).toBe("default");
    window.history.replaceState(null, "", "/tab/programme?theme=dark");
    expect(browserTheme()).toBe("dark");
  });
});
