/**
 * The tab in a real headless Chromium against the real server (embedded Cosmos DB, seeded demo
 * organisation), signed in as each role through the local sign-in. The tests share one server and
 * run in order; the cohort edits come last so the figures the earlier tests read stay as seeded.
 */
import type { Browser, Locator, Page } from "playwright-core";
import type { CohortDetail, CohortUpdate, TimelineResponse } from "../../bot/src/contract/api-contract";
import { POLICY_VERBS } from "../../bot/src/cards/policy.card";
import { DEMO_PERSONAS, DEMO_TENANT_ID } from "../../bot/src/demo/personas";
import { apiAs } from "../helpers/api-client";
import { BotDriver } from "../helpers/bot-driver";
import { ensureTabBuilt, launchBrowser, screenshot, seriousA11yViolations } from "../helpers/browser";
import { startTestServer, type TestServer } from "../helpers/test-server";

jest.setTimeout(120_000);

describe("the tab in a browser", () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    ensureTabBuilt();
    server = await startTestServer({ seed: true, serveTab: true, now: "2026-11-23T10:00:00.000Z" });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function signInAs(personaName: string): Promise<{ page: Page; firstPaintMs: number }> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const started = Date.now();
    await page.goto(`${server.baseUrl}/tab/programme`);
    await page.getByRole("button", { name: `Sign in as ${personaName}` }).click();
    await page.getByRole("heading", { name: "Cohort Coach" }).waitFor();
    return { page, firstPaintMs: Date.now() - started };
  }

  it("when a facilitator opens a cohort, then they see its timeline, charts and who needs help", async () => {
    const { page, firstPaintMs } = await signInAs("Megan");
    await page.getByRole("table", { name: "Programme timeline" }).waitFor();
    await page.getByLabel("Cohort", { exact: true }).selectOption("finance-spring");
    await page.getByRole("cell", { name: "Alex Wilber" }).waitFor();
    await page.getByRole("table", { name: "Members and how they are doing" }).waitFor();
    expect(await page.getByText("Participation (% of members who checked in)").count()).toBe(1);
    expect(await page.locator("svg").count()).toBeGreaterThan(0);
    const megan = DEMO_PERSONAS.find((p) => p.id === "facilitator")!;
    const read = (await (await apiAs(server, { tenantId: DEMO_TENANT_ID, userId: megan.userId, displayName: megan.displayName })).get("/api/cohorts/finance-spring/timeline")).body as TimelineResponse;
    const todays = read.events.filter((e) => e.state === "today");
    const timeline = page.getByRole("table", { name: "Programme timeline" });
    await page.getByText(`Today is ${read.today}.`, { exact: false }).waitFor();
    expect(await timeline.getByText("Today", { exact: true }).count()).toBe(todays.length);
    expect(await timeline.locator('tr[aria-current="date"]').allInnerTexts()).toEqual(todays.map((e) => expect.stringContaining(`${e.localDate} ${e.localTime}`)));
    expect(await page.getByRole("cell", { name: "Alex Wilber" }).count()).toBe(1);
    await screenshot(page, "facilitator-programme");
    expect(await seriousA11yViolations(page)).toEqual([]);
    console.log(`time to first meaningful paint (sign-in page → signed-in shell): ${firstPaintMs} ms`);
    const cohortListMs = await page.evaluate(() => performance.getEntriesByType("navigation")[0]?.duration ?? 0);
    console.log(`navigation duration: ${Math.round(cohortListMs)} ms`);
    await page.context().close();
  });

  it("when an admin publishes a new policy, then the acknowledgement rate drops, and rises when a member acknowledges through the bot", async () => {
    const { page } = await signInAs("Adele");
    await page.getByRole("tab", { name: "AI-use policy" }).click();
    const rate = page.getByTestId("ack-finance-spring");
    await rate.waitFor();
    const before = await rate.innerText();
    expect(before).toMatch(/%$/);
    expect(before).not.toBe("0%");

    await page.getByLabel("Summary (two sentences)").fill("Use the approved assistants on real work; you own what you send. Keep personal data out.");
    await page.getByRole("button", { name: "Publish new version" }).click();
    // The check step: what changes and how many people will be asked again, then the real publish.
    await page.getByText(/will ask \d+ people to acknowledge the policy again/).waitFor();
    await page.getByRole("button", { name: "Publish version 2" }).click();
    await page.getByText("Version 2 is published").waitFor();
    await page.getByText("Acknowledgement of version 2").waitFor();
    await expectText(page, "ack-finance-spring", "0%");
    await screenshot(page, "admin-policy-published");

    const alex = DEMO_PERSONAS.find((p) => p.id === "employee")!;
    const bot = new BotDriver(server, DEMO_TENANT_ID);
    const ack = await bot.invoke({ id: "29:alex", aadObjectId: alex.userId, name: alex.displayName }, POLICY_VERBS.acknowledge, { version: 2 });
    expect(ack.status).toBe(200);
    await page.reload();
    await page.getByRole("tab", { name: "AI-use policy" }).click();
    await expectText(page, "ack-finance-spring", "8%");
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.context().close();
  });

  it("when an employee opens the tab, then they see group figures and no other member's name", async () => {
    const { page } = await signInAs("Alex");
    await page.getByRole("table", { name: "Programme timeline" }).waitFor();
    await page.getByText("Group figures only").waitFor();
    const text = await page.locator("body").innerText();
    for (const other of ["Grady Archie", "Henrietta Mueller", "Johanna Lorenz"]) expect(text).not.toContain(other);
    expect(await page.getByRole("tab", { name: "Questions" }).count()).toBe(0);
    expect(await page.getByRole("tab", { name: "Cohorts" }).count()).toBe(0);
    await screenshot(page, "employee-programme");
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.context().close();
  });

  it("when the tab is narrow (a Teams side panel), then it still renders without sideways scrolling", async () => {
    const context = await browser.newContext({ viewport: { width: 420, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/`);
    await page.getByRole("button", { name: "Sign in as Megan" }).click();
    await page.getByRole("table", { name: "Programme timeline" }).waitFor();
    await screenshot(page, "facilitator-narrow");
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
    await context.close();
  });

  it("when an admin renames a seeded cohort and adds a member, then the table shows the new name and member count", async () => {
    // Someone the organisation already knows (a finance member) joins marketing, chosen with the people picker.
    const marketing = new Set((await server.repos.memberships.listByCohort(DEMO_TENANT_ID, "marketing-campaigns")).map((m) => m.userId));
    const newcomer = (await server.repos.memberships.listByCohort(DEMO_TENANT_ID, "finance-spring")).find((m) => !marketing.has(m.userId))!;
    const { page } = await openCohortEditor("Marketing: campaigns team");
    const chosen = page.getByRole("list", { name: "Chosen members" }).getByRole("listitem");
    expect(await chosen.count()).toBe(9);
    await screenshot(page, "admin-cohort-edit");
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByLabel(/^Name/).fill("Marketing: campaigns and growth");
    const search = page.getByRole("combobox", { name: /^Members/ });
    await search.click();
    await search.pressSequentially(newcomer.displayName);
    await page.getByRole("option", { name: newcomer.displayName }).click();
    expect(await chosen.count()).toBe(10);
    await page.getByRole("button", { name: "Save changes" }).click();
    await page.getByText("Marketing: campaigns and growth is saved.").waitFor();
    const row = page.getByRole("row").filter({ hasText: "Marketing: campaigns and growth" });
    await row.getByRole("cell", { name: "10", exact: true }).waitFor();
    await page.getByRole("heading", { name: "Create a cohort" }).waitFor();
    const roster = await server.repos.memberships.listByCohort(DEMO_TENANT_ID, "marketing-campaigns");
    expect(roster.find((m) => m.userId === newcomer.userId)?.displayName).toBe(newcomer.displayName);
    await page.context().close();
  });

  it("when another admin saves the cohort while an admin is editing it, then the admin's save is refused, their version fills the form, and re-applying saves", async () => {
    const { page } = await openCohortEditor("Marketing: campaigns and growth");
    const otherAdmin = await apiAs(server, { tenantId: DEMO_TENANT_ID, userId: "00000000-0000-0000-0000-0000000000030", displayName: "Lidia Holloway", isAdmin: true });
    const read = (await otherAdmin.get("/api/cohorts/marketing-campaigns")).body as CohortDetail;
    expect((await otherAdmin.send("PUT", "/api/cohorts/marketing-campaigns", { ...updateOf(read), name: "Marketing: spring campaigns" })).status).toBe(200);

    await page.getByLabel(/^Name/).fill("Marketing: brand and campaigns");
    await page.getByRole("button", { name: "Save changes" }).click();
    await page.getByText("Someone else changed this cohort while you were editing").waitFor();
    await expectValue(page.getByLabel(/^Name/), "Marketing: spring campaigns");
    expect(await page.getByRole("list", { name: "Your changes that were not saved" }).innerText()).toContain("Marketing: brand and campaigns");
    await screenshot(page, "admin-cohort-edit-conflict");
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByLabel(/^Name/).fill("Marketing: brand and campaigns");
    await page.getByRole("button", { name: "Save changes" }).click();
    await page.getByText("Marketing: brand and campaigns is saved.").waitFor();
    await page.getByRole("row").filter({ hasText: "Marketing: brand and campaigns" }).waitFor();
    expect((await server.repos.cohorts.get(DEMO_TENANT_ID, "marketing-campaigns"))?.name).toBe("Marketing: brand and campaigns");
    await page.context().close();
  });

  it("when a facilitator or an employee opens the tab, then there is no Cohorts section and no Edit button, as the server refuses their edits", async () => {
    for (const name of ["Megan", "Alex"]) {
      const { page } = await signInAs(name);
      await page.goto(`${server.baseUrl}/tab/cohorts`);
      await page.getByRole("table", { name: "Programme timeline" }).waitFor();
      expect(await page.getByRole("tab", { name: "Cohorts" }).count()).toBe(0);
      expect(await page.getByRole("button", { name: /^Edit/ }).count()).toBe(0);
      await page.context().close();
    }
    const megan = DEMO_PERSONAS.find((p) => p.id === "facilitator")!;
    const asMegan = await apiAs(server, { tenantId: DEMO_TENANT_ID, userId: megan.userId, displayName: megan.displayName });
    const read = (await asMegan.get("/api/cohorts/marketing-campaigns")).body as CohortDetail;
    expect((await asMegan.send("PUT", "/api/cohorts/marketing-campaigns", { ...updateOf(read), name: "Renamed by a facilitator" })).status).toBe(403);
  });

  async function openCohortEditor(cohortName: string): Promise<{ page: Page }> {
    const { page } = await signInAs("Adele");
    await page.getByRole("tab", { name: "Cohorts" }).click();
    await page.getByRole("button", { name: `Edit ${cohortName}` }).click();
    await expectValue(page.getByLabel(/^Name/), cohortName);
    return { page };
  }
});


function updateOf(detail: CohortDetail): CohortUpdate {
  return {
    name: detail.name,
    kind: detail.kind,
    trackId: detail.trackId,
    startDate: detail.startDate,
    timeZone: detail.timeZone,
    localTime: detail.localTime,
    facilitatorIds: detail.facilitators.map((f) => f.userId),
    members: detail.members,
    ...(detail.leadershipCohortId ? { leadershipCohortId: detail.leadershipCohortId } : {}),
    status: detail.status,
    etag: detail.etag,
  };
}

async function expectText(page: Page, testId: string, expected: string): Promise<void> {
  await page.waitForFunction(([id, value]) => document.querySelector(`[data-testid="${id}"]`)?.textContent === value, [testId, expected] as const, { timeout: 15_000 });
}

/** Waits for a form field to hold `expected`; a form that reloads replaces its fields meanwhile. */
async function expectValue(field: Locator, expected: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  let actual: string | undefined;
  while ((actual = await field.inputValue({ timeout: 15_000 }).catch(() => undefined)) !== expected) {
    if (Date.now() > deadline) throw new Error(`expected the field to hold "${expected}", found "${actual}"`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
