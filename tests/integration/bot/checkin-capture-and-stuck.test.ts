/**
 * Check-ins over real HTTP through the CloudAdapter: the session's own reflect questions, the common
 * blockers and the member's quote choice are stored and shown back; a refused card keeps all of it;
 * and "stuck" follows the latest check-in, in the tab's API and in the CSV alike.
 */
import { CHECKIN_VERBS } from "../../../bot/src/cards/checkin.card";
import { MY_DATA_VERBS } from "../../../bot/src/cards/my-data.card";
import { getBuiltInTrack } from "../../../bot/src/domain/tracks";
import { CARD_ACTIONS } from "../../../bot/src/teams/card-actions";
import { apiAs } from "../../helpers/api-client";
import { BotDriver, cardText } from "../../helpers/bot-driver";
import { validateCard } from "../../helpers/card-validator";
import { person, seedCohort } from "../../helpers/fixtures";
import { startTestServer, type TestServer } from "../../helpers/test-server";

const TENANT = "tenant-checkin-capture";
const COHORT = "finance-test";
const members = [1, 2, 3, 4, 5, 6].map((n) => person(n, `Member ${n}`));
const [alex] = members as [(typeof members)[number]];
const megan = person(20, "Megan Bowen");
const question = (session: number) => getBuiltInTrack("finance")!.sessions[session - 1]!.reflectQuestions[0]!;

describe("check-ins that capture what matters, and a 'stuck' that tells the truth", () => {
  let server: TestServer;
  let bot: BotDriver;

  beforeAll(async () => {
    server = await startTestServer({ now: "2026-03-04T12:00:00.000Z" });
    bot = new BotDriver(server, TENANT);
    await seedCohort(server.repos, { tenantId: TENANT, members, facilitators: [megan], serviceUrl: server.connector.serviceUrl });
  });
  afterAll(() => server.close());

  const base = { cohortId: COHORT, sessionNumber: 1, tried: "Drafted the commentary", worked: "Structure", minutesSaved: "30", confidence: "3", wantsHelp: "false" };

  it("when a member answers the reflect question, picks blockers and agrees to be quoted without their name, then all of it is stored and shown back as plain text", async () => {
    const [card] = await bot.say(alex, "checkin");
    expect(cardText(card)).toContain(question(1));
    const { status, body } = await bot.invoke(alex, CHECKIN_VERBS.submit, { ...base, stuck: "It mixed up two columns", reflect1: "It found a [link](https://evil.example) in the data", blockers: "trusting-output,finding-time", quoteConsent: "anonymous" });
    expect(status).toBe(200);
    expect(cardText(body.value)).toMatch(/Thanks, your check-in is in/);
    expect(cardText(body.value)).toMatch(/Trusting or checking the output; Finding time/);
    expect(cardText(body.value)).toMatch(/You may quote me without my name/);
    expect(validateCard(body.value!, [...CARD_ACTIONS.keys()]).errors).toEqual([]);
    const stored = await server.repos.loop.getCheckIn(TENANT, COHORT, 1, alex.aadObjectId);
    expect(stored).toMatchObject({ reflectAnswers: [{ question: question(1), answer: "It found a [link](https://evil.example) in the data" }], blockers: ["trusting-output", "finding-time"], quoteConsent: "anonymous" });
    expect(JSON.stringify(body.value)).not.toMatch(/"type":"TextBlock","text":"[^"]*evil/);
  });

  it("when the check-in is reopened to change it, then the reflect answer, blockers and quote choice are filled in", async () => {
    const { body } = await bot.invoke(alex, CHECKIN_VERBS.refresh, { cohortId: COHORT, sessionNumber: 1, edit: true });
    const json = JSON.stringify(body.value);
    expect(json).toContain('"value":"trusting-output,finding-time"');
    expect(json).toContain('"value":"anonymous"');
    expect(cardText(body.value)).toMatch(/It found a \[link\]/);
  });

  it("when a check-in is refused, then the same card comes back with the problem on its field and everything typed kept, and nothing is stored", async () => {
    const typed = { ...base, sessionNumber: 1, tried: "", stuck: "Kept stuck text", reflect1: "Kept reflect answer", blockers: "first-draft", quoteConsent: "named", minutesSaved: "15" };
    const { status, body } = await bot.invoke(members[1]!, CHECKIN_VERBS.submit, typed);
    expect(status).toBe(200);
    const json = JSON.stringify(body.value);
    expect(cardText(body.value)).toMatch(/nothing was saved yet/);
    expect(json.indexOf("Tell us what you tried, even if it did not work.", json.indexOf('"id":"tried"'))).toBeGreaterThan(json.indexOf('"id":"tried"'));
    for (const kept of ["Kept stuck text", "Kept reflect answer", '"value":"first-draft"', '"value":"named"', '"value":15']) expect(json).toContain(kept);
    expect(await server.repos.loop.getCheckIn(TENANT, COHORT, 1, members[1]!.aadObjectId)).toBeUndefined();
  });

  it("when a member opens 'my data', then their reflect answers, blockers and quote choice are listed, and deleting removes them", async () => {
    const [card] = await bot.say(alex, "my data");
    expect(cardText(card)).toMatch(/It found a \[link\]/);
    expect(cardText(card)).toMatch(/in the way: Trusting or checking the output; Finding time/);
    const { body } = await bot.invoke(alex, MY_DATA_VERBS.confirmDelete, { cohortId: COHORT });
    expect(cardText(body.value)).toMatch(/Deleted/);
    expect(await server.repos.loop.getCheckIn(TENANT, COHORT, 1, alex.aadObjectId)).toBeUndefined();
  });

  it("when five members were stuck twice and one of them later reports progress, then that one is no longer stuck in the API or the CSV", async () => {
    const stuckFive = members.slice(1);
    for (const m of stuckFive) {
      expect((await bot.invoke(m, CHECKIN_VERBS.submit, { ...base, stuck: "The totals did not tie" })).status).toBe(200);
    }
    server.clock.set("2026-03-11T12:00:00.000Z");
    for (const m of stuckFive) {
      expect((await bot.invoke(m, CHECKIN_VERBS.submit, { ...base, sessionNumber: 2, stuck: "", blockers: "trusting-output" })).status).toBe(200);
    }
    // Signed in afresh at each look: tokens are checked against the injected clock.
    const asMegan = { tenantId: TENANT, userId: megan.aadObjectId, displayName: megan.name };
    const csv = async () => (await fetch(`${server.baseUrl}/api/cohorts/${COHORT}/metrics.csv`, { headers: { authorization: `Bearer ${await server.tokenFor(asMegan)}` } })).text();
    const statusOf = async (userId: string) => ((await (await apiAs(server, asMegan)).get(`/api/cohorts/${COHORT}/progress`)).body.members as Array<{ userId: string; status: string }>).find((m) => m.userId === userId)!.status;

    const recovering = stuckFive[0]!;
    expect(await statusOf(recovering.aadObjectId)).toBe("stuck");
    expect(await csv()).toMatch(/members stuck now,,5,/);

    server.clock.set("2026-03-17T12:00:00.000Z");
    const { status } = await bot.invoke(recovering, CHECKIN_VERBS.submit, { ...base, sessionNumber: 3, stuck: "", worked: "Checking the totals first" });
    expect(status).toBe(200);
    expect(await statusOf(recovering.aadObjectId)).toBe("on-track");
    expect(await statusOf(stuckFive[1]!.aadObjectId)).toBe("stuck");
    expect(await csv()).toMatch(/members stuck now,,0,/);
    // The history keeps the trail: the earlier answers and the alert raised for them are still there.
    expect(await server.repos.loop.getCheckIn(TENANT, COHORT, 2, recovering.aadObjectId)).toMatchObject({ blockers: ["trusting-output"] });
    expect((await server.repos.alerts.listByMember(TENANT, COHORT, recovering.aadObjectId)).map((a) => a.reason)).toContain("stuck-twice");
  });
});
