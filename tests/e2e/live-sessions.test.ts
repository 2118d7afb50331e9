/**
 * Live sessions in the tab, in a real headless Chromium against the real server (embedded Cosmos DB)
 * with live sessions on and a LOCAL STAND-IN FOR MICROSOFT GRAPH (tests/helpers/graph-stub.ts with
 * the calendar and attendance routes of graph-stub-calendar.ts; Graph itself cannot run here). The
 * real scheduler creates the cohort's Teams meetings in the stand-in and, once the kick-off is over,
 * reads its attendance report from it (scheduler/attendance-sync.ts): nothing is written to the
 * store by the test. The facilitator then opens the Live sessions view: the sessions with their
 * attendance ("9 of 12"), the run-sheet, and the catch-up to the three who missed the kick-off.
 */
import type { Browser, Page } from "playwright-core";
import { apiRoutes } from "../../bot/src/contract/api-routes";
import type { LiveSessionsResponse } from "../../bot/src/contract/live-sessions-contract";
import { DEMO_TENANT_ID } from "../../bot/src/demo/personas";
import { createMeetingAttendance } from "../../bot/src/graph/attendance.graph";
import { GraphClient } from "../../bot/src/graph/graph-client";
import { createMeetingCalendar } from "../../bot/src/graph/meetings";
import { createScheduler } from "../../bot/src/scheduler/scheduler";
import { apiAs } from "../helpers/api-client";
import { ensureTabBuilt, launchBrowser, offViewportElements, screenshot, seriousA11yViolations } from "../helpers/browser";
import { person, personaFixture, seedCohort } from "../helpers/fixtures";
import { standInTokens, startGraphStub, type GraphStub } from "../helpers/graph-stub";
import { calendarStandIn, type CalendarStandIn } from "../helpers/graph-stub-calendar";
import { startTestServer, type TestServer } from "../helpers/test-server";

jest.setTimeout(180_000);

const COHORT = "e2e-live";
const megan = personaFixture("facilitator");
const members = Array.from({ length: 12 }, (_, i) => person(800 + i, `Live analyst ${String(i + 1).padStart(2, "0")}`));
const came = members.slice(0, 9);
const missed = members.slice(9);

describe("live sessions in the tab", () => {
  let server: TestServer;
  let stub: GraphStub;
  let calendar: CalendarStandIn;
  let browser: Browser;
  let tick: () => Promise<unknown>;

  beforeAll(async () => {
    ensureTabBuilt();
    stub = await startGraphStub();
    calendar = calendarStandIn();
    stub.use(calendar.route);
    // A week before the cohort starts on Monday 9 March 2026 (kick-off 09:30–10:15 London time).
    server = await startTestServer({ seed: true, serveTab: true, now: "2026-03-02T08:00:00.000Z", env: { LIVE_SESSIONS_ENABLED: "true", GRAPH_BASE_URL: stub.baseUrl } });
    browser = await launchBrowser();
    await seedCohort(server.repos, { tenantId: DEMO_TENANT_ID, cohortId: COHORT, cohortName: "Live finance", startDate: "2026-03-09", members, facilitators: [megan], serviceUrl: server.connector.serviceUrl, policy: false });
    // Everyone the demo tenant's cohorts invite exists in the stand-in's directory.
    const people = new Map<string, string>();
    for (const c of await server.repos.cohorts.list(DEMO_TENANT_ID)) {
      for (const m of await server.repos.memberships.listByCohort(DEMO_TENANT_ID, c.id)) people.set(m.userId, m.displayName);
      for (const f of c.facilitatorIds) people.set(f, people.get(f) ?? f);
    }
    people.set(megan.aadObjectId, megan.name);
    stub.setUsers(DEMO_TENANT_ID, [...people].map(([id, displayName]) => ({ id, userPrincipalName: `${id}@contoso.example`, displayName })));
    const sleep = async (ms: number) => server.clock.advance(ms);
    const client = new GraphClient({ baseUrl: stub.baseUrl, tokens: standInTokens, sleep });
    const scheduler = createScheduler(server.ctx, server.service.bot.sender, { instanceId: "e2e-live", meetings: createMeetingCalendar(client), attendance: createMeetingAttendance(client), ratePerSecond: 2000, random: () => 0.5 });
    tick = () => scheduler.tick();

    await tick(); // the meetings are created in the stand-in
    const kickoff = calendar.live(DEMO_TENANT_ID).find((e) => e.subject === "Live finance: Kick-off");
    expect(kickoff).toBeDefined();
    // The kick-off ran: nine of the twelve members and the organiser joined; Teams' report is ready 45 minutes after it ended.
    calendar.setAttendance(kickoff!.joinUrl, [megan.aadObjectId, ...came.map((m) => m.aadObjectId)]);
    server.clock.set("2026-03-09T11:00:00.000Z");
    await tick(); // the scheduler reads who came
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await stub?.close();
  });

  async function openLiveSessions(viewport: { width: number; height: number }, colorScheme: "light" | "dark" = "light"): Promise<Page> {
    const page = await (await browser.newContext({ viewport, colorScheme })).newPage();
    await page.goto(`${server.baseUrl}/tab/live-sessions`);
    await page.getByRole("button", { name: "Sign in as Megan" }).click();
    await page.getByRole("heading", { name: "Cohort Coach" }).waitFor();
    await page.getByRole("tab", { name: "Live sessions" }).click();
    await page.getByLabel("Cohort", { exact: true }).selectOption(COHORT);
    await page.getByRole("list", { name: "Live sessions" }).waitFor();
    return page;
  }

  it("when the stand-in's report has been read, then the API says 9 of 12 attended the kick-off", async () => {
    const api = await apiAs(server, { tenantId: DEMO_TENANT_ID, userId: megan.aadObjectId, displayName: megan.name });
    const res = await api.get(apiRoutes.liveSessions.url({ cohortId: COHORT }));
    expect(res.status).toBe(200);
    const kickoff = (res.body as LiveSessionsResponse).sessions.find((s) => s.key === "kickoff")!;
    expect(kickoff.attendance).toMatchObject({ state: "read", invited: 12, attended: 9 });
  });

  it("when the facilitator opens Live sessions, then the kick-off shows 9 of 12 attended with its Join link, and the next clinic's run-sheet lists the three who missed the kick-off", async () => {
    const page = await openLiveSessions({ width: 1280, height: 900 });
    const list = page.getByRole("list", { name: "Live sessions" });
    const kickoff = list.getByRole("listitem").filter({ hasText: "Kick-off" });
    await kickoff.getByText("9 of 12 attended").waitFor();
    expect(await kickoff.innerText()).toContain("Mon 9 Mar 2026, 09:30");
    expect(await kickoff.getByRole("link", { name: "Join Kick-off in Teams" }).getAttribute("href")).toMatch(/^https:\/\/teams\.microsoft\.com\/l\/meetup-join\/stand-in-/);
    // The next session not over is session 1's clinic: its run-sheet opens by itself.
    await page.getByRole("heading", { name: /^Run-sheet: Clinic/ }).waitFor();
    await page.getByRole("region", { name: /^Session plan: session 1/ }).waitFor();
    const last = page.getByRole("region", { name: "Last live session" });
    await last.getByText("Kick-off: 9 of 12 attended.").waitFor();
    expect(await page.getByRole("list", { name: "Missed the last live session" }).getByRole("listitem").allInnerTexts()).toEqual(missed.map((m) => m.name));
    await screenshot(page, "live-sessions-1280");
    await page.context().close();
  });

  it("when the facilitator writes the kick-off's notes and sends the catch-up, then the three who missed it get it and nobody else", async () => {
    const page = await openLiveSessions({ width: 1280, height: 900 });
    await page.getByRole("button", { name: "Open the run-sheet for Kick-off" }).click();
    await page.getByRole("heading", { name: "Run-sheet: Kick-off" }).waitFor();
    await page.getByRole("textbox", { name: /What was covered/ }).fill("We drafted variance commentary together and checked every number.");
    await page.getByRole("textbox", { name: /Recording link/ }).fill("https://stream.example/kick-off");
    await page.getByRole("button", { name: "Save and send catch-up to 3 who missed it" }).click();
    await page.getByText("Saved, and the catch-up is on its way to 3 who missed it.").waitFor();
    await tick(); // the outbox sends at the allowed rate
    const chats = new Map(members.map((m) => [m.conversationId, m]));
    const catchUps = server.connector.activities.filter((a) => chats.has(a.conversationId) && JSON.stringify(a.activity).includes("We drafted variance commentary together"));
    expect(catchUps.map((a) => chats.get(a.conversationId)!.name).sort()).toEqual(missed.map((m) => m.name));
    await page.context().close();
  });

  it("when the facilitator opens the Programme view, then the kick-off's timeline row says 9 of 12 attended and the member table counts who came", async () => {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await page.goto(`${server.baseUrl}/tab/programme`);
    await page.getByRole("button", { name: "Sign in as Megan" }).click();
    await page.getByLabel("Cohort", { exact: true }).selectOption(COHORT);
    const timeline = page.getByRole("table", { name: "Programme timeline" });
    await timeline.getByText("Live session: 9 of 12 attended").waitFor();
    const table = page.getByRole("table", { name: "Members and how they are doing" });
    await table.getByRole("columnheader", { name: "Attended" }).waitFor();
    const rowOf = (name: string) => table.getByRole("row").filter({ hasText: name });
    expect(await rowOf(came[0]!.name).getByRole("cell").last().innerText()).toBe("1 of 1");
    expect(await rowOf(missed[0]!.name).getByRole("cell").last().innerText()).toBe("0 of 1");
    await page.context().close();
  });

  it("when the view is open at 390 px in the dark theme, then nothing overflows sideways and axe finds no serious violation", async () => {
    const page = await openLiveSessions({ width: 390, height: 844 }, "dark");
    await page.getByRole("region", { name: "Last live session" }).waitFor();
    const overflow = await offViewportElements(page);
    const a11y = await seriousA11yViolations(page);
    await screenshot(page, "live-sessions-390-dark");
    await page.context().close();
    expect(overflow).toEqual([]);
    expect(a11y).toEqual([]);
  });
});
