/**
 * "Stuck" tells the truth after a facilitator has helped: the alert card goes from "I'll reach
 * out" to "Mark resolved" to resolved, and the member no longer shows as asking for help in the
 * tab's API, while the alert stays as the trail. Real HTTP through the CloudAdapter; the Teams
 * side is the Bot Connector stand-in.
 */
import { CHECKIN_VERBS } from "../../../bot/src/cards/checkin.card";
import { ALERT_VERBS } from "../../../bot/src/cards/facilitator-alert.card";
import { apiAs } from "../../helpers/api-client";
import { actionData, BotDriver, cardOf, cardText, eventually } from "../../helpers/bot-driver";
import { validateCard } from "../../helpers/card-validator";
import { person, seedCohort } from "../../helpers/fixtures";
import { startTestServer, type TestServer } from "../../helpers/test-server";

const TENANT = "tenant-alert-resolve";
const COHORT = "finance-resolve";
const alex = person(81, "Alex Wilber");
const megan = person(82, "Megan Bowen");
const lee = person(83, "Lee Gu");

describe("a facilitator resolves a help request", () => {
  let server: TestServer;
  let bot: BotDriver;

  beforeAll(async () => {
    server = await startTestServer({ now: "2026-03-10T12:00:00.000Z" });
    bot = new BotDriver(server, TENANT);
    await seedCohort(server.repos, { tenantId: TENANT, cohortId: COHORT, members: [alex, lee], facilitators: [megan], serviceUrl: server.connector.serviceUrl });
  });
  afterAll(() => server.close());

  const statusOf = async (userId: string) => {
    const api = await apiAs(server, { tenantId: TENANT, userId: megan.aadObjectId, displayName: megan.name });
    const { body } = await api.get(`/api/cohorts/${COHORT}/progress`);
    return (body.members as Array<{ userId: string; status: string }>).find((m) => m.userId === userId)?.status;
  };

  it("when the facilitator takes the alert and then marks it resolved, then the member no longer shows as asking for help, and the alert is kept", async () => {
    const before = server.connector.activities.length;
    await bot.invoke(alex, CHECKIN_VERBS.submit, { cohortId: COHORT, sessionNumber: 1, tried: "Variance notes", worked: "", stuck: "It invented a number", minutesSaved: "5", confidence: "2", wantsHelp: "true" });
    const alert = await eventually(() => server.connector.activities.slice(before).find((a) => a.conversationId === megan.conversationId));
    expect(await statusOf(alex.aadObjectId)).toBe("asked-for-help");

    const { body: taken } = await bot.invoke(megan, ALERT_VERBS.reachOut, actionData(cardOf(alert), ALERT_VERBS.reachOut));
    expect(cardText(taken.value)).toMatch(/Megan Bowen is reaching out/);
    expect(validateCard(taken.value!, Object.values(ALERT_VERBS)).errors).toEqual([]);

    // A member cannot resolve it, even with the card's data.
    const { body: refused } = await bot.invoke(lee, ALERT_VERBS.resolve, actionData(taken.value!, ALERT_VERBS.resolve));
    expect(cardText(refused.value)).not.toMatch(/Resolved by/);
    expect(await statusOf(alex.aadObjectId)).toBe("asked-for-help");

    const { body: resolved } = await bot.invoke(megan, ALERT_VERBS.resolve, actionData(taken.value!, ALERT_VERBS.resolve));
    expect(cardText(resolved.value)).toMatch(/Resolved by Megan Bowen/);
    expect(JSON.stringify(resolved.value)).not.toContain(ALERT_VERBS.resolve);
    expect(validateCard(resolved.value!, Object.values(ALERT_VERBS)).errors).toEqual([]);
    expect(await statusOf(alex.aadObjectId)).not.toBe("asked-for-help");
    const [kept] = await server.repos.alerts.listByMember(TENANT, COHORT, alex.aadObjectId);
    expect(kept).toMatchObject({ reason: "asked-for-help", resolvedBy: megan.aadObjectId, resolvedAt: "2026-03-10T12:00:00.000Z" });

    // Clicking again (another device, a stale card) changes nothing.
    const { body: again } = await bot.invoke(megan, ALERT_VERBS.resolve, actionData(taken.value!, ALERT_VERBS.resolve));
    expect(cardText(again.value)).toMatch(/Resolved by Megan Bowen/);
  });
});
