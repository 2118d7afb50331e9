/**
 * "Before session 2", in a real browser against the real server: six members checked in on
 * session 1 through the bot (blockers, quotable answers); the facilitator opens the Programme view,
 * sees the themes and the quotes without names, features one, writes a note and publishes; the
 * published note is what session 2's brief will open with. Then the same view at phone width.
 */
import type { Browser, Page } from "playwright-core";
import { CHECKIN_VERBS } from "../../bot/src/cards/checkin.card";
import { DEMO_TENANT_ID } from "../../bot/src/demo/personas";
import { BotDriver } from "../helpers/bot-driver";
import { ensureTabBuilt, launchBrowser, offViewportElements, screenshot } from "../helpers/browser";
import { person, personaFixture, seedCohort } from "../helpers/fixtures";
import { startTestServer, type TestServer } from "../helpers/test-server";

jest.setTimeout(120_000);

const COHORT = "e2e-digest";
const meganAsFixture = personaFixture("facilitator");
const six = [1, 2, 3, 4, 5, 6].map((n) => person(700 + n, `Analyst ${n}`));

describe("before session 2, in the tab", () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    ensureTabBuilt();
    // Wednesday of week 1: session 1's check-in is open.
    server = await startTestServer({ seed: true, serveTab: true, now: "2026-03-04T12:00:00.000Z" });
    browser = await launchBrowser();
    await seedCohort(server.repos, { tenantId: DEMO_TENANT_ID, cohortId: COHORT, cohortName: "Digest cohort", members: six, facilitators: [meganAsFixture], serviceUrl: server.connector.serviceUrl, policy: false });
    const bot = new BotDriver(server, DEMO_TENANT_ID);
    for (const [i, m] of six.entries()) {
      const { status } = await bot.invoke(m, CHECKIN_VERBS.submit, {
        cohortId: COHORT,
        sessionNumber: 1,
        tried: "Month-end commentary",
        worked: i === 0 ? "The first draft had the right structure" : "",
        stuck: i === 1 ? "It got two numbers wrong" : "",
        minutesSaved: "20",
        confidence: "3",
        wantsHelp: "false",
        blockers: i < 4 ? "trusting-output" : "finding-time",
        quoteConsent: i < 2 ? "anonymous" : "no",
      });
      expect(status).toBe(200);
    }
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function signInAsMegan(viewport: { width: number; height: number }): Promise<Page> {
    const page = await (await browser.newContext({ viewport })).newPage();
    await page.goto(`${server.baseUrl}/tab/programme`);
    await page.getByRole("button", { name: "Sign in as Megan" }).click();
    await page.getByRole("heading", { name: "Cohort Coach" }).waitFor();
    await page.getByLabel("Cohort", { exact: true }).selectOption(COHORT);
    await page.getByText("Before session 2").first().waitFor();
    return page;
  }

  it("when the facilitator picks a quote, writes a note and publishes, then it is stored for session 2's brief, and nobody is named", async () => {
    const page = await signInAsMegan({ width: 1280, height: 900 });
    const themes = page.getByRole("list", { name: "Blockers by theme" });
    await themes.getByText(/Trusting or checking the output/).waitFor();
    const quotes = page.getByRole("list", { name: "Quotes from the check-in" });
    await quotes.getByText("The first draft had the right structure").waitFor();
    expect(await quotes.innerText()).toContain("It got two numbers wrong");
    // Facilitators see names in the member table by design; the quotes and what members will read carry none.
    for (const m of six) expect(await quotes.innerText()).not.toContain(m.name);

    const item = quotes.getByRole("listitem").filter({ hasText: "The first draft had the right structure" });
    await item.getByRole("checkbox", { name: "Feature" }).check();
    await page.getByRole("textbox", { name: "Your note to the cohort" }).fill("We start Monday with checking the numbers.");
    await page.getByRole("button", { name: "Publish to session 2's brief" }).click();
    await page.getByText(/Published to session 2's brief by Megan Bowen/).waitFor();
    const preview = page.getByRole("region", { name: "Preview of what members will read" });
    expect(await preview.innerText()).toContain("We start Monday with checking the numbers.");
    for (const m of six) expect(await preview.innerText()).not.toContain(m.name);

    const stored = await server.repos.digests.get(DEMO_TENANT_ID, COHORT, 1);
    expect(stored).toMatchObject({ note: "We start Monday with checking the numbers.", featured: [{ kind: "quote", text: "The first draft had the right structure" }] });
    expect(stored!.featured[0]!.attribution).toBeUndefined();
    await screenshot(page, "facilitator-before-session-1280");
    await page.context().close();
  });

  it("when the facilitator opens it on a phone, then the published digest reads without anything sticking out", async () => {
    const page = await signInAsMegan({ width: 390, height: 844 });
    await page.getByRole("button", { name: "Update" }).waitFor();
    await page.getByRole("button", { name: "Update" }).scrollIntoViewIfNeeded();
    await screenshot(page, "facilitator-before-session-390");
    expect(await offViewportElements(page)).toEqual([]);
    await page.context().close();
  });
});
