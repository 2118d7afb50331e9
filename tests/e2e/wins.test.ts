/**
 * Wins go somewhere, in a real browser against the real server: the app is installed in a team
 * (as Teams tells the bot), the admin makes its General channel the Finance cohort's wins channel
 * in the cohort editor, and the facilitator, on a phone-width screen, reads a win a member agreed
 * to share in the cohort's wins feed, while a win kept private shows only as a count.
 */
import type { Browser, Page } from "playwright-core";
import { DEMO_PERSONAS, DEMO_TENANT_ID } from "../../bot/src/demo/personas";
import { BotDriver } from "../helpers/bot-driver";
import { ensureTabBuilt, launchBrowser, offViewportElements, screenshot } from "../helpers/browser";
import { installActivity } from "../helpers/teams-activities";
import { startTestServer, type TestServer } from "../helpers/test-server";

jest.setTimeout(120_000);

const TEAM = { id: "19:finance-team@thread.tacv2", name: "Finance" };

describe("wins in the tab", () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    ensureTabBuilt();
    server = await startTestServer({ seed: true, serveTab: true, now: "2026-11-23T10:00:00.000Z" });
    browser = await launchBrowser();
    const megan = DEMO_PERSONAS.find((p) => p.id === "facilitator")!;
    const installed = await new BotDriver(server, DEMO_TENANT_ID).post(
      installActivity({ serviceUrl: server.connector.serviceUrl, tenantId: DEMO_TENANT_ID, user: { id: "29:megan", aadObjectId: megan.userId, name: megan.displayName }, conversationType: "channel", conversationId: `${TEAM.id};messageid=1`, team: TEAM, channel: { id: TEAM.id } }),
    );
    expect(installed.status).toBe(200);
    const alex = DEMO_PERSONAS.find((p) => p.id === "employee")!;
    const win = { tenantId: DEMO_TENANT_ID, cohortId: "finance-spring", userId: alex.userId, displayName: alex.displayName, createdAt: "2026-11-23T09:00:00.000Z" };
    await server.repos.wins.createIfAbsent({ ...win, id: "e2e-win-shared", text: "Drafted the month-end variance commentary with Copilot in 12 minutes instead of an hour", minutesSaved: 48, shareConsent: true });
    await server.repos.wins.createIfAbsent({ ...win, id: "e2e-win-private", text: "A private win nobody else reads", shareConsent: false });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function signInAs(personaName: string, viewport: { width: number; height: number }): Promise<Page> {
    const page = await (await browser.newContext({ viewport })).newPage();
    await page.goto(`${server.baseUrl}/tab/programme`);
    await page.getByRole("button", { name: `Sign in as ${personaName}` }).click();
    await page.getByRole("heading", { name: "Cohort Coach" }).waitFor();
    return page;
  }

  it("when the admin sets the wins channel, then the facilitator sees the shared win in the feed at 390 px without anything sticking out", async () => {
    const admin = await signInAs("Adele", { width: 1280, height: 900 });
    await admin.getByRole("tab", { name: "Cohorts" }).click();
    await admin.getByRole("button", { name: "Edit Finance: reporting and planning" }).click();
    const channel = admin.getByRole("combobox", { name: /^Wins channel/ });
    await channel.locator("option", { hasText: "General" }).waitFor({ state: "attached" });
    await channel.selectOption({ label: "Finance › General" });
    await admin.getByRole("button", { name: "Save changes" }).click();
    await admin.getByText("Finance: reporting and planning is saved.").waitFor();
    expect((await server.repos.cohorts.get(DEMO_TENANT_ID, "finance-spring"))!.winsChannel).toMatchObject({ teamId: TEAM.id, channelId: TEAM.id, channelName: "General" });
    await admin.context().close();

    const facilitator = await signInAs("Megan", { width: 390, height: 844 });
    await facilitator.getByLabel("Cohort", { exact: true }).selectOption("finance-spring");
    const feed = facilitator.getByRole("list", { name: "Shared wins" });
    await feed.getByText("Drafted the month-end variance commentary with Copilot in 12 minutes instead of an hour").waitFor();
    expect(await feed.innerText()).toContain("48 minutes saved");
    expect(await facilitator.getByText(/1 more win was shared privately/).count()).toBe(1);
    expect(await facilitator.getByText("A private win nobody else reads").count()).toBe(0);
    await feed.scrollIntoViewIfNeeded();
    await screenshot(facilitator, "facilitator-wins-feed-390");
    expect(await offViewportElements(facilitator)).toEqual([]);
    await facilitator.context().close();
  });
});
