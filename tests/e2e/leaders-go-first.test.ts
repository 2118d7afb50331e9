/**
 * Leaders go first, visibly, in a real browser against the real server: the leader sees the group
 * figures of both team cohorts that follow their leadership cohort, one of them with too few
 * check-ins to show ("not enough responses"); a team member sees the leadership cohort's progress
 * and the experiment a leader shared with consent, and never one shared without it.
 */
import type { Browser, Page } from "playwright-core";
import { CHECKIN_VERBS } from "../../bot/src/cards/checkin.card";
import { EXPERIMENT_VERBS } from "../../bot/src/cards/experiment.card";
import { DEMO_TENANT_ID } from "../../bot/src/demo/personas";
import { BotDriver } from "../helpers/bot-driver";
import { ensureTabBuilt, launchBrowser } from "../helpers/browser";
import { person, personaFixture, seedCohort, type FixturePerson } from "../helpers/fixtures";
import { startTestServer, type TestServer } from "../helpers/test-server";

jest.setTimeout(120_000);

const leader = personaFixture("leader");
const alex = personaFixture("employee");
const megan = personaFixture("facilitator");
const otherLeaders = [1, 2, 3, 4, 5].map((n) => person(600 + n, `Director ${n}`));
const fullTeam = [1, 2, 3, 4, 5].map((n) => person(620 + n, `Planner ${n}`));
const smallTeam = [1, 2, 3].map((n) => person(640 + n, `Buyer ${n}`));

describe("leaders go first, in the tab", () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    ensureTabBuilt();
    // Wednesday of the teams' week 1: their session 1 check-in is open; the leaders are in week 3.
    server = await startTestServer({ seed: true, serveTab: true, now: "2026-03-04T12:00:00.000Z" });
    browser = await launchBrowser();
    const serviceUrl = server.connector.serviceUrl;
    await seedCohort(server.repos, { tenantId: DEMO_TENANT_ID, cohortId: "e2e-leaders", cohortName: "E2E leaders", kind: "leadership", trackId: "leadership", startDate: "2026-02-16", members: [leader, ...otherLeaders], facilitators: [megan], serviceUrl, policy: false });
    await seedCohort(server.repos, { tenantId: DEMO_TENANT_ID, cohortId: "e2e-planning", cohortName: "E2E planning team", leadershipCohortId: "e2e-leaders", members: [alex, ...fullTeam], facilitators: [megan], serviceUrl, policy: false });
    await seedCohort(server.repos, { tenantId: DEMO_TENANT_ID, cohortId: "e2e-buying", cohortName: "E2E buying team", leadershipCohortId: "e2e-leaders", members: smallTeam, facilitators: [megan], serviceUrl, policy: false });
    const bot = new BotDriver(server, DEMO_TENANT_ID);
    const checkIn = async (m: FixturePerson, cohortId: string) =>
      expect((await bot.invoke(m, CHECKIN_VERBS.submit, { cohortId, sessionNumber: 1, tried: "Forecast notes", worked: "", stuck: "", minutesSaved: "20", confidence: "4", wantsHelp: "false", blockers: "finding-time", quoteConsent: "no" })).status).toBe(200);
    for (const m of [alex, ...fullTeam]) await checkIn(m, "e2e-planning");
    for (const m of smallTeam) await checkIn(m, "e2e-buying");
    const share = (who: FixturePerson, draftId: string, tried: string, consent: boolean) =>
      bot.invoke(who, EXPERIMENT_VERBS.submit, { cohortId: "e2e-leaders", draftId, work: "the March forecast", tried, outcome: "It got the structure right and two numbers wrong", share: String(consent) });
    expect((await share(leader, "e2e-experiment-0001", "Drafted the forecast commentary with Copilot", true)).status).toBe(200);
    expect((await share(otherLeaders[0]!, "e2e-experiment-0002", "Private trial on salaries", false)).status).toBe(200);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function leadershipViewAs(name: string): Promise<Page> {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await page.goto(`${server.baseUrl}/tab/leadership`);
    await page.getByRole("button", { name: `Sign in as ${name.split(" ")[0]}` }).click();
    await page.getByRole("heading", { name: "Leadership goes first" }).waitFor();
    return page;
  }
  const cardOf = (page: Page, cohortName: string) => page.locator(".fui-Card").filter({ has: page.getByText(cohortName, { exact: true }) });

  it("when the leader opens the leadership view, then both team cohorts' group figures show, the small one as not enough responses", async () => {
    const page = await leadershipViewAs(leader.name);
    const planning = cardOf(page, "E2E planning team");
    await planning.waitFor();
    // Six of six checked in, counted in fives so no one answer can be singled out by differencing.
    expect(await planning.innerText()).toMatch(/Participation\s+83%/);
    expect(await planning.innerText()).toMatch(/Confidence\s+4\.0 \/ 5/);
    const buying = cardOf(page, "E2E buying team");
    expect(await buying.innerText()).toMatch(/Participation\s+Not enough responses/);
    expect(await buying.innerText()).toMatch(/Confidence\s+Not enough responses/);
    for (const m of [...fullTeam, ...smallTeam]) expect(await page.locator("body").innerText()).not.toContain(m.name);
  });

  it("when a team member opens the leadership view, then they see the leadership cohort's progress and the experiment shared with consent only", async () => {
    const page = await leadershipViewAs(alex.name);
    await cardOf(page, "E2E leaders").waitFor();
    const experiments = page.getByLabel("Experiments the leaders shared");
    await experiments.getByText("Drafted the forecast commentary with Copilot", { exact: false }).first().waitFor();
    expect(await experiments.first().innerText()).toContain(`${leader.name} tried it on the March forecast`);
    expect(await page.locator("body").innerText()).not.toContain("Private trial on salaries");
  });
});
