/**
 * What the bot does with text it does not know, invokes it does not handle, malformed activities,
 * invalid answers and actions on cohorts the member is not in: a helpful reply, the same card with
 * the problem shown, or a 4xx — never a 5xx, never an internal message, and nothing stored.
 */
import { APPLY_VERBS } from "../../../bot/src/cards/apply.card";
import { CHECKIN_VERBS } from "../../../bot/src/cards/checkin.card";
import { MY_DATA_VERBS } from "../../../bot/src/cards/my-data.card";
import { POLICY_VERBS } from "../../../bot/src/cards/policy.card";
import { QUESTION_VERBS } from "../../../bot/src/cards/question.card";
import { WIN_VERBS } from "../../../bot/src/cards/win.card";
import { BOT_COMMANDS } from "../../../bot/src/contract/bot-commands";
import { CARD_ACTIONS } from "../../../bot/src/teams/card-actions";
import { actionData, BotDriver, cardText } from "../../helpers/bot-driver";
import { validateCard } from "../../helpers/card-validator";
import { person, seedCohort } from "../../helpers/fixtures";
import { invokeActivity } from "../../helpers/teams-activities";
import { startTestServer, type TestServer } from "../../helpers/test-server";

const TENANT = "tenant-bad-input";
const COHORT = "finance-test";
const alex = person(11, "Alex Wilber");
const outsider = person(12, "Someone Else");
const megan = person(13, "Megan Bowen");
const checkIn = { cohortId: COHORT, sessionNumber: "1", tried: "A first draft", worked: "", stuck: "", minutesSaved: "20", confidence: "3", wantsHelp: "false" };

describe("the bot, given things it should refuse", () => {
  let server: TestServer;
  let bot: BotDriver;

  beforeAll(async () => {
    // Week 2 of the cohort: sessions 1 and 2 have started, 3 and 4 have not.
    server = await startTestServer({ now: "2026-03-10T12:00:00.000Z" });
    bot = new BotDriver(server, TENANT);
    await seedCohort(server.repos, { tenantId: TENANT, members: [alex], facilitators: [megan], serviceUrl: server.connector.serviceUrl });
    await seedCohort(server.repos, { tenantId: TENANT, cohortId: "other-cohort", members: [outsider], facilitators: [megan], serviceUrl: server.connector.serviceUrl });
  });
  afterEach(() => jest.restoreAllMocks());
  afterAll(() => server.close());

  const records = () => server.repos.loop.listCohortRecords(TENANT, COHORT);

  describe("text", () => {
    it("when a member types something unknown, then they get the command list with 'I didn't catch that', not silence", async () => {
      const [card] = await bot.say(alex, "what's the weather?");
      expect(cardText(card)).toMatch(/I didn't catch that/);
      expect(cardText(card)).toMatch(/checkin/);
    });

    it.each(BOT_COMMANDS.filter((c) => c.scopes.includes("personal")).map((c) => c.name))("when a member types '%s' in capitals, then the bot answers with that command's card", async (command) => {
      const cards = await bot.say(alex, `  ${command.toUpperCase()} `);
      expect(cards).toHaveLength(1);
      expect(cardText(cards[0])).not.toMatch(/I didn't catch that|went wrong/);
      expect(validateCard(cards[0]!, [...CARD_ACTIONS.keys()]).errors).toEqual([]);
    });

    it("when a command is followed by more words, then the first words decide; a word that merely starts like a command does not", async () => {
      expect(cardText((await bot.say(alex, "checkin please"))[0])).toMatch(/Check-in on session 2/);
      expect(cardText((await bot.say(alex, "my data now"))[0])).toMatch(/Your data/);
      expect(cardText((await bot.say(alex, "winter plans"))[0])).toMatch(/I didn't catch that/);
      expect(cardText((await bot.say(alex, "my"))[0])).toMatch(/I didn't catch that/);
    });

    it("when someone in no cohort asks for their next step, then they are told so kindly", async () => {
      const [card] = await bot.say(person(19, "New Starter"), "next");
      expect(cardText(card)).toMatch(/You are not in a cohort yet/);
    });
  });

  describe("invokes", () => {
    it("when an unknown verb is invoked, then the answer is a 400 error response", async () => {
      const { status, body } = await bot.invoke(alex, "rm.rf", {});
      expect(status).toBe(400);
      expect(body).toMatchObject({ statusCode: 400, type: "application/vnd.microsoft.error", value: { code: "UnknownVerb" } });
    });

    it("when an invoke is malformed or of a kind the bot does not handle, then the answer is a 4xx", async () => {
      const base = invokeActivity({ serviceUrl: server.connector.serviceUrl, tenantId: TENANT, user: alex, verb: CHECKIN_VERBS.submit, data: {} });
      for (const activity of [{ ...base, value: undefined }, { ...base, value: { action: "nope" } }, { ...base, value: { action: { type: "Action.Submit" } } }, { ...base, name: "task/fetch" }, { ...base, name: "composeExtension/query" }]) {
        const { status } = await bot.post(activity);
        expect(status).toBeGreaterThanOrEqual(400);
        expect(status).toBeLessThan(500);
      }
    });

    it("when the ids a card carries are missing or not ids, then the answer is a 400 and nothing is stored", async () => {
      for (const [verb, data] of [
        [CHECKIN_VERBS.submit, { ...checkIn, cohortId: "../other" }],
        [CHECKIN_VERBS.submit, { ...checkIn, sessionNumber: "one" }],
        [CHECKIN_VERBS.refresh, { cohortId: COHORT }],
        [POLICY_VERBS.acknowledge, { version: "latest" }],
        [QUESTION_VERBS.submit, { cohortId: COHORT, draftId: "x", text: "Hello there" }],
        [MY_DATA_VERBS.confirmDelete, {}],
      ] as const) {
        const { status, body } = await bot.invoke(alex, verb, data);
        expect({ verb, status, type: body.type }).toEqual({ verb, status: 400, type: "application/vnd.microsoft.error" });
      }
      expect(await records()).toEqual({ commitments: [], checkIns: [], adoption: [], wins: [] });
      expect(await server.repos.policies.hasAcknowledged(TENANT, 1, alex.aadObjectId)).toBe(false);
    });

    it("when an activity is not an activity at all, then the endpoint answers 400", async () => {
      for (const body of [{}, { type: 42 }, { type: "message" }]) {
        const res = await fetch(`${server.baseUrl}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
        expect(res.status).toBe(400);
      }
      const res = await fetch(`${server.baseUrl}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: "{not json" });
      expect(res.status).toBe(400);
    });

    it("when an activity has no Entra identity, then the action is refused with 401", async () => {
      const anonymous = { ...alex, aadObjectId: undefined as unknown as string };
      const { status } = await bot.invoke(anonymous, CHECKIN_VERBS.submit, checkIn);
      expect(status).toBe(401);
    });
  });

  describe("invalid answers", () => {
    it("when a check-in is invalid, then the same card comes back with each problem shown, what was typed kept, and nothing stored", async () => {
      const { status, body } = await bot.invoke(alex, CHECKIN_VERBS.submit, { ...checkIn, sessionNumber: "2", tried: "", worked: "Kept this", minutesSaved: "-3", confidence: "9" });
      expect(status).toBe(200);
      const text = cardText(body.value);
      expect(text).toMatch(/Check-in on session 2/);
      expect(text).toMatch(/nothing was saved yet/);
      expect(text).toMatch(/Tell us what you tried/);
      expect(text).toMatch(/Minutes saved cannot be negative/);
      expect(text).toMatch(/Confidence is from 1 to 5/);
      expect(text).toMatch(/Kept this/);
      expect(validateCard(body.value!).errors).toEqual([]);
      expect((await records()).checkIns).toEqual([]);
    });

    it("when an answer is far too long, then the card says so, stays under Teams' size budget, and nothing is stored", async () => {
      const { body } = await bot.invoke(alex, CHECKIN_VERBS.submit, { ...checkIn, tried: "x".repeat(60_000) });
      expect(cardText(body.value)).toMatch(/What you tried must be under 1000 characters/);
      expect(validateCard(body.value!).errors).toEqual([]);
      expect((await records()).checkIns).toEqual([]);
    });

    it("when a commitment is empty, then the apply card asks again and nothing is stored", async () => {
      const { body } = await bot.invoke(alex, APPLY_VERBS.submit, { cohortId: COHORT, sessionNumber: 2, deliverable: " " });
      expect(cardText(body.value)).toMatch(/Name the piece of work you will use AI on/);
      expect(cardText(body.value)).toMatch(/Apply it to real work/);
      expect((await records()).commitments).toEqual([]);
    });

    it("when a question or a win is empty, then its card asks again and nothing is stored", async () => {
      const [ask] = await bot.say(alex, "ask");
      const question = await bot.invoke(alex, QUESTION_VERBS.submit, { ...actionData(ask!, QUESTION_VERBS.submit), text: "", anonymous: "true" });
      expect(cardText(question.body.value)).toMatch(/Write your question/);
      const [win] = await bot.say(alex, "win");
      const shared = await bot.invoke(alex, WIN_VERBS.submit, { ...actionData(win!, WIN_VERBS.submit), text: "", minutesSaved: "lots" });
      expect(cardText(shared.body.value)).toMatch(/Tell us about your win/);
      expect(cardText(shared.body.value)).toMatch(/Minutes saved must be a number/);
      expect(await server.repos.questions.listByCohort(TENANT, COHORT)).toEqual([]);
      expect((await records()).wins).toEqual([]);
    });

    it("when a check-in names a session that has not started, then it is refused and nothing is stored", async () => {
      const { status, body } = await bot.invoke(alex, CHECKIN_VERBS.submit, { ...checkIn, sessionNumber: "4" });
      expect(status).toBe(200);
      expect(cardText(body.value)).toMatch(/Session 4 has not started yet: it begins on 2026-03-23/);
      expect((await records()).checkIns).toEqual([]);
    });
  });

  describe("who may act", () => {
    it("when a member submits a check-in for a cohort they are not in, then a card refuses it and nothing is stored", async () => {
      const { status, body } = await bot.invoke(alex, CHECKIN_VERBS.submit, { ...checkIn, cohortId: "other-cohort" });
      expect(status).toBe(200);
      expect(cardText(body.value)).toMatch(/You are not in that cohort/);
      expect((await server.repos.loop.listCohortRecords(TENANT, "other-cohort")).checkIns).toEqual([]);
    });

    it("when the data names another member, then it is ignored: the actor is who Teams says sent it", async () => {
      await bot.invoke(alex, CHECKIN_VERBS.submit, { ...checkIn, userId: outsider.aadObjectId, tenantId: "tenant-somewhere-else" });
      const stored = (await records()).checkIns;
      expect(stored.map((c) => [c.userId, c.tenantId])).toEqual([[alex.aadObjectId, TENANT]]);
    });

    it("when an activity comes from another tenant, then that tenant's member sees nothing of this one", async () => {
      const stranger = new BotDriver(server, "tenant-somewhere-else");
      const { body } = await stranger.invoke(alex, CHECKIN_VERBS.submit, checkIn);
      expect(cardText(body.value)).toMatch(/You are not in that cohort/);
    });

    it("when the conversation and channelData name different tenants, then the activity is refused", async () => {
      const activity = invokeActivity({ serviceUrl: server.connector.serviceUrl, tenantId: TENANT, user: alex, verb: CHECKIN_VERBS.submit, data: checkIn });
      const { status } = await bot.post({ ...activity, channelData: { tenant: { id: "tenant-somewhere-else" } } });
      expect(status).toBe(401);
    });
  });

  describe("failures inside the bot", () => {
    // Fault injection on the real store: the only way to make a turn fail from the outside.
    const secret = "Cosmos exploded near 'what Alex typed'";

    it("when a command fails unexpectedly, then the member gets 'something went wrong' and the logs keep no message", async () => {
      jest.spyOn(server.repos.memberships, "listByUser").mockRejectedValueOnce(new Error(secret));
      const logsBefore = server.logs.length;
      const [card] = await bot.say(alex, "next");
      expect(cardText(card)).toMatch(/Sorry, something went wrong/);
      expect(JSON.stringify(card)).not.toContain("exploded");
      const logged = server.logs.slice(logsBefore);
      expect(logged.map((l) => l.message)).toContain("unhandled error in a bot turn");
      expect(JSON.stringify(logged)).not.toContain("exploded");
    });

    it("when a card action fails unexpectedly, then the invoke is answered 200 with 'something went wrong', not a 5xx", async () => {
      jest.spyOn(server.repos.memberships, "get").mockRejectedValueOnce(new Error(secret));
      const { status, body } = await bot.invoke(alex, CHECKIN_VERBS.submit, checkIn);
      expect(status).toBe(200);
      expect(body.type).toBe("application/vnd.microsoft.card.adaptive");
      expect(cardText(body.value)).toMatch(/Sorry, something went wrong/);
      expect(JSON.stringify(body)).not.toContain("exploded");
    });
  });
});
