/**
 * "Your programme", in a real browser against the real server: a member who committed and checked
 * in through the bot opens the tab and reads their own briefs, commitment and check-in (with the
 * reflect answer they gave), on a phone-width screen, with nothing sticking out sideways.
 */
import type { Browser } from "playwright-core";
import { APPLY_VERBS } from "../../bot/src/cards/apply.card";
import { CHECKIN_VERBS } from "../../bot/src/cards/checkin.card";
import { DEMO_TENANT_ID } from "../../bot/src/demo/personas";
import { BotDriver } from "../helpers/bot-driver";
import { ensureTabBuilt, launchBrowser, offViewportElements, screenshot } from "../helpers/browser";
import { person, personaFixture, seedCohort } from "../helpers/fixtures";
import { startTestServer, type TestServer } from "../helpers/test-server";

jest.setTimeout(120_000);

const COHORT = "e2e-your-programme";
const alexAsFixture = personaFixture("employee");

describe("your programme, in the tab", () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    ensureTabBuilt();
    // Wednesday of week 1: session 1's brief went out on Monday, its check-in is open.
    server = await startTestServer({ seed: true, serveTab: true, now: "2026-03-04T12:00:00.000Z" });
    browser = await launchBrowser();
    await seedCohort(server.repos, { tenantId: DEMO_TENANT_ID, cohortId: COHORT, cohortName: "Programme cohort", members: [alexAsFixture], facilitators: [person(601, "Fran Facilitator")], serviceUrl: server.connector.serviceUrl, policy: false });
    const bot = new BotDriver(server, DEMO_TENANT_ID);
    expect((await bot.invoke(alexAsFixture, APPLY_VERBS.submit, { cohortId: COHORT, sessionNumber: 1, deliverable: "The March variance commentary" })).status).toBe(200);
    expect((await bot.invoke(alexAsFixture, CHECKIN_VERBS.submit, { cohortId: COHORT, sessionNumber: 1, tried: "Drafted it with Copilot", worked: "The structure", stuck: "", minutesSaved: "40", confidence: "4", wantsHelp: "false", reflect1: "Check every figure against the ledger" })).status).toBe(200);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("when a member opens the Programme tab on a phone, then their briefs, commitment and check-in are listed as they gave them", async () => {
    const page = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    await page.goto(`${server.baseUrl}/tab/programme`);
    await page.getByRole("button", { name: "Sign in as Alex" }).click();
    await page.getByRole("heading", { name: "Cohort Coach" }).waitFor();
    await page.getByLabel("Cohort", { exact: true }).selectOption(COHORT);
    await page.getByRole("heading", { name: "Your programme" }).waitFor();
    const briefs = page.getByRole("region", { name: "Briefs you received" });
    await briefs.getByText(/Session 1/).first().waitFor();
    expect(await page.getByRole("region", { name: "Your commitments" }).innerText()).toContain("The March variance commentary");
    const checkIns = page.getByRole("region", { name: "Your check-ins" });
    expect(await checkIns.innerText()).toContain("Drafted it with Copilot");
    expect(await checkIns.innerText()).toContain("Check every figure against the ledger");
    await page.getByRole("heading", { name: "Your programme" }).scrollIntoViewIfNeeded();
    await screenshot(page, "member-your-programme-390");
    expect(await offViewportElements(page)).toEqual([]);
    await page.context().close();
  });
});
