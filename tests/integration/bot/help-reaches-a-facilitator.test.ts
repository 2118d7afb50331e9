/**
 * "I'd like help" must reach a person. A facilitator who never opened the app gets a 1:1 chat
 * opened for them (tenant, the bot's service URL from the member's conversation, their Entra
 * object id) and the alert lands there; where Teams refuses, the member is told so honestly on the
 * card they answered, and the alert is stored as unreached for the tab and `who needs help`.
 * Real HTTP through the CloudAdapter; the Teams side is the Bot Connector stand-in.
 */
import { CHECKIN_VERBS } from "../../../bot/src/cards/checkin.card";
import { ALERT_VERBS } from "../../../bot/src/cards/facilitator-alert.card";
import type { StoredAlert } from "../../../bot/src/domain/ports";
import { actionData, BotDriver, cardOf, cardText, eventually } from "../../helpers/bot-driver";
import { validateCard } from "../../helpers/card-validator";
import { person, seedCohort } from "../../helpers/fixtures";
import { startTestServer, type TestServer } from "../../helpers/test-server";

const TENANT = "tenant-help-reach";
const alex = person(41, "Alex Wilber");
const megan = person(42, "Megan Bowen");
const lee = person(43, "Lee Gu");
const nobody = person(44, "Nobody Installed");
const checkIn = (cohortId: string) => ({ cohortId, sessionNumber: 1, tried: "Variance notes", worked: "", stuck: "It invented a number", minutesSaved: "5", confidence: "2", wantsHelp: "true" });

describe("a help request always reaches a facilitator, or the member is told honestly", () => {
  let server: TestServer;
  let bot: BotDriver;

  beforeAll(async () => {
    server = await startTestServer({ now: "2026-03-10T12:00:00.000Z" });
    bot = new BotDriver(server, TENANT);
    // Megan facilitates but has never opened the app: no stored conversation.
    await seedCohort(server.repos, { tenantId: TENANT, cohortId: "finance-reach", members: [alex], facilitators: [megan], withoutChat: [megan], serviceUrl: server.connector.serviceUrl });
    // This cohort's only facilitator cannot be reached: Teams refuses to open a chat.
    await seedCohort(server.repos, { tenantId: TENANT, cohortId: "marketing-reach", cohortName: "Marketing test cohort", members: [lee], facilitators: [nobody], withoutChat: [nobody], serviceUrl: server.connector.serviceUrl });
    server.connector.refuseConversationsWith(nobody.aadObjectId, 403);
  });
  afterAll(() => server.close());

  it("when a member asks for help and the facilitator has no chat with the bot, then a 1:1 chat is opened, stored, and the alert arrives there", async () => {
    const before = server.connector.activities.length;
    const { status, body } = await bot.invoke(alex, CHECKIN_VERBS.submit, checkIn("finance-reach"), { replyToId: "checkin-card-1", conversationId: alex.conversationId });
    expect(status).toBe(200);
    expect(cardText(body.value)).toMatch(/A facilitator will get in touch/);

    const created = await eventually(() => server.connector.createdConversations.find((c) => c.memberId === megan.aadObjectId));
    expect(created.tenantId).toBe(TENANT);
    const alert = await eventually(() => server.connector.activities.slice(before).find((a) => a.conversationId === created.conversationId));
    const card = cardOf(alert);
    expect(cardText(card)).toMatch(/Alex Wilber asked for help/);
    expect(cardText(card)).toMatch(/It invented a number/);
    expect(validateCard(card).errors).toEqual([]);

    const stored = await server.repos.people.get(TENANT, megan.aadObjectId);
    expect(stored?.conversationReference).toMatchObject({ conversation: { id: created.conversationId, tenantId: TENANT, conversationType: "personal" }, serviceUrl: server.connector.serviceUrl, user: { aadObjectId: megan.aadObjectId } });
    // Recorded once the alert's delivery has ended, just after Teams accepted it.
    const logged = await eventually(() => server.logs.find((l) => l.message === "facilitators alerted" && (l.fields as { cohortId?: string }).cohortId === "finance-reach"));
    expect(logged.fields).toMatchObject({ facilitators: 1, sent: 1, unreached: 0 });
    expect(server.logs.some((l) => l.message === "1:1 chat opened" && (l.fields as { userId?: string }).userId === megan.aadObjectId)).toBe(true);
    const [saved] = (await server.repos.alerts.listByCohort(TENANT, "finance-reach")) as StoredAlert[];
    expect(saved!.reach).toMatchObject({ reachedFacilitators: 1 });
    expect(saved!.reach!.unreachedSince).toBeUndefined();
    // The member's card was not touched: the promise on it holds.
    expect(server.connector.activities.filter((a) => a.operation === "update" && a.activityId === "checkin-card-1")).toEqual([]);

    // Megan can take it from the chat the bot opened.
    const { body: taken } = await bot.invoke(megan, ALERT_VERBS.reachOut, actionData(card, ALERT_VERBS.reachOut), { conversationId: created.conversationId });
    expect(cardText(taken.value)).toMatch(/is reaching out/);
  });

  it("when the facilitator now has a chat, then the next alert goes straight to it without opening another", async () => {
    const opened = server.connector.createdConversations.length;
    const before = server.connector.activities.length;
    const meganChat = (server.connector.createdConversations.find((c) => c.memberId === megan.aadObjectId))!.conversationId;
    // Stuck a second time (session 2): a new alert for the facilitators.
    await bot.invoke(alex, CHECKIN_VERBS.submit, { ...checkIn("finance-reach"), sessionNumber: 2, wantsHelp: "false", stuck: "Still inventing numbers" });
    const alert = await eventually(() => server.connector.activities.slice(before).find((a) => a.conversationId === meganChat));
    expect(cardText(cardOf(alert))).toMatch(/Alex Wilber has reported being stuck twice/);
    expect(server.connector.createdConversations.length).toBe(opened);
  });

  it("when Teams refuses to open a chat with every facilitator, then the member's card says so honestly and the alert is kept as unreached", async () => {
    const { status, body } = await bot.invoke(lee, CHECKIN_VERBS.submit, checkIn("marketing-reach"), { replyToId: "checkin-card-2", conversationId: lee.conversationId });
    expect(status).toBe(200);
    expect(cardText(body.value)).toMatch(/Thanks, your check-in is in/);

    const updated = await eventually(() => server.connector.activities.find((a) => a.operation === "update" && a.activityId === "checkin-card-2"));
    expect(updated.conversationId).toBe(lee.conversationId);
    const honest = cardOf(updated);
    expect(cardText(honest)).toMatch(/Your facilitators can't be reached in Teams yet; your request is listed for them in the Cohort Coach tab/);
    expect(cardText(honest)).not.toMatch(/A facilitator will get in touch/);
    expect(validateCard(honest, Object.values(CHECKIN_VERBS)).errors).toEqual([]);

    const [saved] = (await server.repos.alerts.listByCohort(TENANT, "marketing-reach")) as StoredAlert[];
    expect(saved).toMatchObject({ reason: "asked-for-help", userId: lee.aadObjectId, reach: { reachedFacilitators: 0, unreachedSince: expect.any(String) } });
    expect(server.connector.activities.filter((a) => a.activity.type === "message" && JSON.stringify(a.activity).includes("Lee Gu asked for help"))).toEqual([]);
    expect((await server.repos.people.get(TENANT, nobody.aadObjectId))?.conversationReference).toBeUndefined();

    // Opening the card again (Teams' refresh) shows the same honest state.
    const refreshed = await bot.invoke(lee, CHECKIN_VERBS.refresh, { cohortId: "marketing-reach", sessionNumber: 1 });
    expect(cardText(refreshed.body.value)).toMatch(/can't be reached in Teams yet/);
  });
});
