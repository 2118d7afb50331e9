/**
 * The gentle reminder for an adoption check, over real HTTP through botbuilder's CloudAdapter: the
 * week-4 check opens on Wednesday 25 March 2026 at 09:30 (London), its one reminder three working
 * days later, on Monday 30 March at 09:30 (08:30 UTC, summer time). A member who has not answered
 * gets one reminder and can answer it with one tap; one who answered gets none; nobody gets two; a
 * paused member gets theirs a week later, like their other cards; week 12's habit check goes out
 * after the last session. The scheduler runs on an injected
 * clock; what the bot sends lands on the local Bot Connector stand-in (the Teams service is the
 * only fake).
 */
import { ADOPTION_VERBS } from "../../../bot/src/cards/adoption.card";
import type { AdaptiveCardJson } from "../../../bot/src/domain/ports";
import { actionData, BotDriver, cardText } from "../../helpers/bot-driver";
import { validateCard } from "../../helpers/card-validator";
import { person, seedCohort } from "../../helpers/fixtures";
import { startTestServer, type TestServer } from "../../helpers/test-server";

const TENANT = "tenant-adoption-reminder";
const COHORT = "finance-test";
const answered = person(801, "Ann Answered");
const silent = person(802, "Sam Silent");
const tapper = person(803, "Tess Tapper");
const paused = person(804, "Pat Paused");
const others = [805, 806].map((n) => person(n, `Colleague ${n}`));
const facilitator = person(809, "Fin Facilitator");

const REMINDER = "Week 4: one quick question";
const isReminder = (card: AdaptiveCardJson) => cardText(card).includes(REMINDER);
const isCheck = (card: AdaptiveCardJson) => cardText(card).includes("Week 4: is AI part of your work now?");

describe("the adoption check's reminder", () => {
  let server: TestServer;
  let bot: BotDriver;
  const remindersTo = (p: typeof answered) => bot.sentTo(p.conversationId).filter(isReminder);

  async function at(instant: string): Promise<void> {
    server.clock.set(instant);
    await server.service.scheduler.tick();
  }

  beforeAll(async () => {
    server = await startTestServer({ now: "2026-03-25T10:00:00.000Z" });
    bot = new BotDriver(server, TENANT);
    await seedCohort(server.repos, { tenantId: TENANT, members: [answered, silent, tapper, paused, ...others], facilitators: [facilitator], serviceUrl: server.connector.serviceUrl });
    // Pat goes on leave for a week from Thursday 26 March: their cards after that move a week later.
    await server.repos.memberships.updatePauses(TENANT, COHORT, paused.aadObjectId, () => [{ from: "2026-03-26T10:00:00.000Z", weeks: 1 }]);
  });
  afterAll(() => server?.close());

  it("when the week-4 check opens, then everyone gets it, and a member who answers it is recorded", async () => {
    await at("2026-03-25T10:00:00.000Z");
    for (const p of [answered, silent, tapper, paused]) expect(bot.sentTo(p.conversationId).filter(isCheck)).toHaveLength(1);
    const check = bot.sentTo(answered.conversationId).find(isCheck)!;
    const res = await bot.invoke(answered, ADOPTION_VERBS.submit, { ...actionData(check, ADOPTION_VERBS.submit), stillUsing: "yes", frequency: "daily", usedFor: "first drafts" });
    expect(res.status).toBe(200);
    expect(cardText(res.body.value)).toContain("Thanks, recorded.");
  });

  it("when three working days have passed, then only those who have not answered get one reminder, kind and short, answerable with one tap", async () => {
    await at("2026-03-30T08:00:00.000Z"); // half an hour early: nothing yet
    expect(remindersTo(silent)).toHaveLength(0);
    await at("2026-03-30T08:31:00.000Z");
    expect(remindersTo(answered)).toHaveLength(0);
    expect(remindersTo(silent)).toHaveLength(1);
    expect(remindersTo(tapper)).toHaveLength(1);
    expect(remindersTo(paused)).toHaveLength(0); // on leave: theirs moved a week

    const reminder = remindersTo(tapper)[0]!;
    expect(validateCard(reminder, Object.values(ADOPTION_VERBS)).errors).toEqual([]);
    expect(cardText(reminder)).toContain("No pressure, and there is no wrong answer.");
    expect(JSON.stringify(reminder)).not.toContain("Input.");
    const mostDays = (reminder.actions as Array<{ title: string; data: Record<string, unknown> }>).find((a) => a.title === "Most days")!;
    const res = await bot.invoke(tapper, ADOPTION_VERBS.submit, mostDays.data);
    expect(res.status).toBe(200);
    expect(cardText(res.body.value)).toContain("Thanks, recorded.");
    const recorded = (await server.repos.loop.listMemberRecords(TENANT, COHORT, tapper.aadObjectId)).adoption;
    expect(recorded).toEqual([expect.objectContaining({ week: 4, stillUsing: true, frequency: "daily" })]);
  });

  it("when the scheduler runs again over the following days, then nobody gets a second reminder, and the paused member gets theirs a week later", async () => {
    for (const instant of ["2026-03-30T12:00:00.000Z", "2026-03-31T08:31:00.000Z", "2026-04-01T08:31:00.000Z"]) await at(instant);
    for (const p of [answered, silent, tapper, ...others]) expect(remindersTo(p).length).toBeLessThanOrEqual(1);
    expect(remindersTo(answered)).toHaveLength(0);
    expect(remindersTo(paused)).toHaveLength(0);

    await at("2026-04-06T08:31:00.000Z");
    expect(remindersTo(paused)).toHaveLength(1);
    await at("2026-04-07T08:31:00.000Z");
    expect(remindersTo(paused)).toHaveLength(1);
    expect(remindersTo(silent)).toHaveLength(1);
    // One delivery record per member who had not answered when it fell due, each sent once.
    const records = await server.repos.deliveries.listForEvent(TENANT, COHORT, "adoption.w4.reminder");
    expect(records.map((d) => d.userId).sort()).toEqual([silent, tapper, paused, ...others].map((p) => p.aadObjectId).sort());
    expect(records.every((d) => d.status === "sent")).toBe(true);
  });

  it("when week 12 comes, long after the last session, then the habit check still goes out, with its own reminder", async () => {
    // Week 12 starts Monday 18 May; the check opens on its third working day, Wednesday 20 May, 09:30 summer time.
    await at("2026-05-20T08:31:00.000Z");
    const week12 = (card: AdaptiveCardJson) => cardText(card).includes("Week 12: is AI part of your work now?");
    for (const p of [answered, silent, tapper]) expect(bot.sentTo(p.conversationId).filter(week12)).toHaveLength(1);
    await at("2026-05-25T08:31:00.000Z");
    expect(bot.sentTo(silent.conversationId).filter((c) => cardText(c).includes("Week 12: one quick question"))).toHaveLength(1);
  });
});
