/**
 * What the bot does with text it does not know, invokes it does not handle, malformed activities
 * and actions on cohorts the member is not in: a helpful reply or a 4xx, never a 5xx, nothing stored.
 */
import { CHECKIN_VERBS } from "../../../bot/src/cards/checkin.card";
import { CREATE_COHORT_VERBS } from "../../../bot/src/cards/create-cohort.card";
import { BOT_COMMANDS } from "../../../bot/src/domain/bot-commands";
import { actionData, BotDriver, cardText } from "../../helpers/bot-driver";
import { person, seedCohort } from "../../helpers/fixtures";
import { invokeActivity } from "../../helpers/teams-activities";
import { startTestServer, type TestServer } from "../../helpers/test-server";

const TENANT = "tenant-bad-input";
const alex = person(11, "Alex Wilber");
const outsider = person(12, "Someone Else");
const megan = person(13, "Megan Bowen");

describe("the bot, given things it should refuse", () => {
  let server: TestServer;
  let bot: BotDriver;

  beforeAll(async () => {
    server = await startTestServer({ now: "2026-03-10T12:00:00.000Z" });
    bot = new BotDriver(server, TENANT);
    await seedCohort(server.repos, { tenantId: TENANT, members: [alex], facilitators: [megan], serviceUrl: server.connector.serviceUrl });
    await seedCohort(server.repos, { tenantId: TENANT, cohortId: "other-cohort", members: [outsider], facilitators: [megan], serviceUrl: server.connector.serviceUrl });
  });
  afterAll(() => server.close());

  it("when a member types something unknown, then they get the command list, not silence", async () => {
    const [card] = await bot.say(alex, "what's the weather?");
    expect(cardText(card)).toMatch(/I didn't catch that/);
    expect(cardText(card)).toMatch(/checkin/);
  });

  it.each(BOT_COMMANDS.filter((c) => c.scopes.includes("personal")).map((c) => c.name))("when a member types '%s', then the bot answers with a card of its own", async (command) => {
    const cards = await bot.say(alex, command.toUpperCase());
    expect(cards).toHaveLength(1);
    expect(cardText(cards[0])).not.toMatch(/I didn't catch that|went wrong/);
  });

  it("when an unknown verb is invoked, then the answer is a 400 error response", async () => {
    const { status, body } = await bot.invoke(alex, "rm.rf", {});
    expect(status).toBe(400);
    expect(body).toMatchObject({ statusCode: 400, type: "application/vnd.microsoft.error" });
  });

  it("when an invoke is malformed or of a kind the bot does not handle, then the answer is a 4xx", async () => {
    const base = invokeActivity({ serviceUrl: server.connector.serviceUrl, tenantId: TENANT, user: alex, verb: CHECKIN_VERBS.submit, data: {} });
    for (const activity of [{ ...base, value: undefined }, { ...base, value: { action: "nope" } }, { ...base, value: { action: { type: "Action.Submit" } } }, { ...base, name: "task/fetch" }, { ...base, name: "composeExtension/query" }]) {
      const { status } = await bot.post(activity);
      expect(status).toBeGreaterThanOrEqual(400);
      expect(status).toBeLessThan(500);
    }
  });

  it("when an activity is not an activity at all, then the endpoint answers 400", async () => {
    for (const body of [{}, { type: 42 }, { type: "message" }]) {
      const res = await fetch(`${server.baseUrl}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
    }
    const res = await fetch(`${server.baseUrl}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: "{not json" });
    expect(res.status).toBe(400);
  });

  it("when a member submits a check-in for a cohort they are not in, then it is refused and nothing is stored", async () => {
    const { status, body } = await bot.invoke(alex, CHECKIN_VERBS.submit, { cohortId: "other-cohort", sessionNumber: "1", tried: "x", confidence: "3", wantsHelp: "false" });
    expect(status).toBe(200);
    expect(cardText(body.value)).toMatch(/not in a cohort|Not found/i);
    expect((await server.repos.loop.listCohortRecords(TENANT, "other-cohort")).checkIns).toEqual([]);
  });

  it("when the data names another member, then it is ignored: the actor is who Teams says sent it", async () => {
    await bot.invoke(alex, CHECKIN_VERBS.submit, { cohortId: "finance-test", sessionNumber: "1", tried: "mine", confidence: "3", wantsHelp: "false", userId: outsider.aadObjectId });
    const records = await server.repos.loop.listCohortRecords(TENANT, "finance-test");
    expect(records.checkIns.map((c) => c.userId)).toEqual([alex.aadObjectId]);
  });

  it("when an activity comes from another tenant, then that tenant's member sees nothing of this one", async () => {
    const stranger = new BotDriver(server, "tenant-somewhere-else");
    const { body } = await stranger.invoke(alex, CHECKIN_VERBS.submit, { cohortId: "finance-test", sessionNumber: "1", tried: "x", confidence: "3", wantsHelp: "false" });
    expect(cardText(body.value)).toMatch(/not in a cohort/i);
  });

  it("when an activity has no Entra identity, then the action is refused with 401", async () => {
    const anonymous = { ...alex, aadObjectId: undefined as unknown as string };
    const { status } = await bot.invoke(anonymous, CHECKIN_VERBS.submit, {});
    expect(status).toBe(401);
  });

  it("when a facilitator types 'create cohort' in a team channel, then a cohort is created from the paged roster", async () => {
    const teamId = "19:team-finance@thread.tacv2";
    const roster = Array.from({ length: 7 }, (_, i) => ({ id: `29:roster-${i}`, aadObjectId: `00000000-0000-0000-cccc-${String(i).padStart(12, "0")}`, name: `Roster ${i}` }));
    server.connector.setRoster(teamId, roster);
    const channel = { conversationType: "channel" as const, conversationId: `${teamId};messageid=1`, team: { id: teamId, name: "Finance team" }, channel: { id: teamId, name: "General" } };
    const [form] = await bot.say(megan, "create cohort", channel);
    expect(cardText(form)).toMatch(/Create a cohort from this team/);
    const result = await bot.post(
      invokeActivity({ serviceUrl: server.connector.serviceUrl, tenantId: TENANT, user: megan, ...channel, verb: CREATE_COHORT_VERBS.submit, data: { ...actionData(form!, CREATE_COHORT_VERBS.submit), name: "Finance team AI", trackId: "finance", startDate: "2026-04-06", timeZone: "Europe/London", kind: "team" } }),
    );
    expect(cardText((result.body as { value: unknown }).value)).toMatch(/Finance team AI: 7 members/);
    const created = (await server.repos.cohorts.list(TENANT)).find((c) => c.name === "Finance team AI")!;
    expect((await server.repos.memberships.listByCohort(TENANT, created.id))).toHaveLength(7);
    expect(created.facilitatorIds).toContain(megan.aadObjectId);
  });

  it("when a member who facilitates nothing tries to create a cohort, then it is refused and nothing is created", async () => {
    const teamId = "19:team-x@thread.tacv2";
    server.connector.setRoster(teamId, [{ id: "29:a", aadObjectId: "00000000-0000-0000-dddd-000000000001", name: "A" }]);
    const channel = { conversationType: "channel" as const, conversationId: `${teamId};messageid=1`, team: { id: teamId, name: "X" }, channel: { id: teamId } };
    const before = (await server.repos.cohorts.list(TENANT)).length;
    const result = await bot.post(invokeActivity({ serviceUrl: server.connector.serviceUrl, tenantId: TENANT, user: alex, ...channel, verb: CREATE_COHORT_VERBS.submit, data: { name: "Mine", trackId: "finance", startDate: "2026-04-06", timeZone: "Europe/London", kind: "team" } }));
    expect(cardText((result.body as { value: unknown }).value)).toMatch(/Only admins and existing facilitators/);
    expect((await server.repos.cohorts.list(TENANT)).length).toBe(before);
  });
});
