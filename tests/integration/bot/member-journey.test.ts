/**
 * A member's whole programme, driven over real HTTP through botbuilder's CloudAdapter with
 * Teams-shaped activities. The scheduler runs on an injected clock; what the bot sends lands on
 * the local Bot Connector stand-in (the Teams service is the only fake).
 */
import { ADOPTION_VERBS } from "../../../bot/src/cards/adoption.card";
import { APPLY_VERBS } from "../../../bot/src/cards/apply.card";
import { CHECKIN_VERBS } from "../../../bot/src/cards/checkin.card";
import { ALERT_VERBS } from "../../../bot/src/cards/facilitator-alert.card";
import { POLICY_VERBS } from "../../../bot/src/cards/policy.card";
import { QUESTION_VERBS } from "../../../bot/src/cards/question.card";
import { WIN_VERBS } from "../../../bot/src/cards/win.card";
import { ids } from "../../../bot/src/domain/ids";
import { STARTER_POLICY } from "../../../bot/src/domain/policy-template";
import { actionData, BotDriver, cardText, eventually } from "../../helpers/bot-driver";
import { validateCard } from "../../helpers/card-validator";
import { person, seedCohort } from "../../helpers/fixtures";
import { installActivity } from "../../helpers/teams-activities";
import { startTestServer, type TestServer } from "../../helpers/test-server";

const TENANT = "tenant-journey";
const alex = person(1, "Alex Wilber");
const megan = person(2, "Megan Bowen");
const others = [3, 4, 5, 6].map((n) => person(n, `Colleague ${n}`));

describe("a member's programme in Teams, week 0 to week 8", () => {
  let server: TestServer;
  let bot: BotDriver;

  beforeAll(async () => {
    server = await startTestServer({ now: "2026-02-26T12:00:00.000Z" });
    bot = new BotDriver(server, TENANT);
    await seedCohort(server.repos, { tenantId: TENANT, members: [alex, ...others], facilitators: [megan], serviceUrl: server.connector.serviceUrl });
  });
  afterAll(() => server.close());

  /** Moves the clock and lets the scheduler deliver what is due; returns what Alex received. */
  async function at(instant: string) {
    server.clock.set(instant);
    const before = server.connector.activities.length;
    await server.service.scheduler.tick();
    return bot.sentTo(alex.conversationId, before);
  }

  it("when the app is installed, then the member is greeted with the programme and their next step", async () => {
    const before = server.connector.activities.length;
    const { status } = await bot.post(installActivity({ serviceUrl: server.connector.serviceUrl, tenantId: TENANT, user: alex, conversationId: alex.conversationId }));
    expect(status).toBe(200);
    const [welcome] = server.connector.activities.slice(before).map((a) => (a.activity.attachments as Array<{ content: object }>)[0]!.content);
    expect(cardText(welcome)).toMatch(/Welcome, Alex/);
    expect(cardText(welcome)).toMatch(/Finance test cohort/);
    expect(validateCard(welcome as never).errors).toEqual([]);
  });

  it("when week 0 comes, then the policy and the baseline arrive, and the member acknowledges and answers", async () => {
    const cards = await at("2026-02-27T10:00:00.000Z");
    expect(cards.map((c) => cardText(c).split("\n")[0])).toEqual(["Using AI at work", "Before we start: where are you today?"]);
    const ack = await bot.invoke(alex, POLICY_VERBS.acknowledge, actionData(cards[0]!, POLICY_VERBS.acknowledge));
    expect(ack.status).toBe(200);
    expect(cardText(ack.body.value)).toMatch(/acknowledged version 1/);
    const baseline = await bot.invoke(alex, ADOPTION_VERBS.submit, { ...actionData(cards[1]!, ADOPTION_VERBS.submit), stillUsing: "no", frequency: "rarely", usedFor: "" });
    expect(cardText(baseline.body.value)).toMatch(/Thanks, recorded/);
    expect(await server.repos.policies.hasAcknowledged(TENANT, 1, alex.aadObjectId)).toBe(true);
  });

  it("when week 1 starts, then the session brief comes before the apply card, and the commitment is stored", async () => {
    const cards = await at("2026-03-02T10:00:00.000Z");
    expect(cardText(cards[0])).toMatch(/Session 1: First drafts of variance commentary/);
    expect(cardText(cards[1])).toMatch(/Apply it to real work/);
    const committed = await bot.invoke(alex, APPLY_VERBS.submit, { ...actionData(cards[1]!, APPLY_VERBS.submit), deliverable: "Q3 variance commentary" });
    expect(cardText(committed.body.value)).toMatch(/Q3 variance commentary/);
  });

  it("when the week-2 check-in arrives, then it quotes the commitment back, and a submission is recorded", async () => {
    const cards = await at("2026-03-09T10:00:00.000Z");
    const checkIn = cards.find((c) => cardText(c).includes("check-in"))!;
    expect(cardText(checkIn)).toMatch(/You planned to use AI on \*\*Q3 variance commentary\*\*/);
    const result = await bot.invoke(alex, CHECKIN_VERBS.submit, { ...actionData(checkIn, CHECKIN_VERBS.submit), tried: "First draft of the commentary", worked: "Structure", stuck: "", minutesSaved: "45", confidence: "3", wantsHelp: "false" });
    expect(result.status).toBe(200);
    expect(cardText(result.body.value)).toMatch(/your check-in is in/);
    expect(validateCard(result.body.value!).errors).toEqual([]);
  });

  it("when the same check-in is submitted twice, then one record holds the latest answers", async () => {
    const data = { cohortId: "finance-test", sessionNumber: 1, tried: "Second go", worked: "", stuck: "", minutesSaved: "60", confidence: "4", wantsHelp: "false" };
    const first = await bot.invoke(alex, CHECKIN_VERBS.submit, data);
    const second = await bot.invoke(alex, CHECKIN_VERBS.submit, data);
    expect(cardText(first.body.value)).toMatch(/updated/);
    expect(cardText(second.body.value)).toMatch(/updated/);
    const records = await server.repos.loop.listCohortRecords(TENANT, "finance-test");
    expect(records.checkIns.filter((c) => c.userId === alex.aadObjectId && c.sessionNumber === 1)).toEqual([expect.objectContaining({ tried: "Second go", confidence: 4 })]);
  });

  it("when a check-in is invalid, then the card comes back with the problem shown and nothing is stored", async () => {
    const before = await server.repos.loop.getCheckIn(TENANT, "finance-test", 2, alex.aadObjectId);
    const result = await bot.invoke(alex, CHECKIN_VERBS.submit, { cohortId: "finance-test", sessionNumber: "2", tried: "", minutesSaved: "-3", confidence: "9", wantsHelp: "false" });
    expect(result.status).toBe(200);
    const text = cardText(result.body.value);
    expect(text).toMatch(/nothing was saved yet/);
    expect(text).toMatch(/Confidence is from 1 to 5/);
    expect(text).toMatch(/Tell us what you tried/);
    expect(await server.repos.loop.getCheckIn(TENANT, "finance-test", 2, alex.aadObjectId)).toEqual(before);
  });

  it("when a member asks for help in a check-in, then the facilitator gets an alert with context and can take it", async () => {
    const cards = await at("2026-03-16T10:00:00.000Z");
    const checkIn = cards.find((c) => cardText(c).includes("check-in"))!;
    const before = server.connector.activities.length;
    await bot.invoke(alex, CHECKIN_VERBS.submit, { ...actionData(checkIn, CHECKIN_VERBS.submit), tried: "Forecast challenge", worked: "", stuck: "It invented numbers", minutesSaved: "10", confidence: "2", wantsHelp: "true" });
    const alert = await eventually(() => bot.sentTo(megan.conversationId, before)[0]);
    expect(cardText(alert)).toMatch(/Alex Wilber asked for help/);
    expect(cardText(alert)).toMatch(/It invented numbers/);
    const taken = await bot.invoke(megan, ALERT_VERBS.reachOut, actionData(alert, ALERT_VERBS.reachOut));
    expect(cardText(taken.body.value)).toMatch(/Megan Bowen is reaching out/);
    const byAlex = await bot.invoke(alex, ALERT_VERBS.reachOut, actionData(alert, ALERT_VERBS.reachOut));
    expect(cardText(byAlex.body.value)).toMatch(/Only this cohort's facilitators/);
  });

  it("when weeks 4 and 8 come, then the adoption check arrives and is recorded", async () => {
    await at("2026-03-23T10:00:00.000Z");
    for (const instant of ["2026-03-25T10:00:00.000Z", "2026-04-22T09:00:00.000Z"]) {
      const cards = await at(instant);
      const adoption = cards.find((c) => /adoption|part of your work/i.test(cardText(c)))!;
      const result = await bot.invoke(alex, ADOPTION_VERBS.submit, { ...actionData(adoption, ADOPTION_VERBS.submit), stillUsing: "yes", frequency: "weekly", usedFor: "Commentary drafts" });
      expect(cardText(result.body.value)).toMatch(/Thanks, recorded/);
    }
    const adoption = (await server.repos.loop.listMemberRecords(TENANT, "finance-test", alex.aadObjectId)).adoption.map((a) => a.week).sort((a, b) => a - b);
    expect(adoption).toEqual([0, 4, 8]);
  });

  it("when a member asks anonymously, then the stored question carries no identity", async () => {
    const [card] = await bot.say(alex, "ask");
    const result = await bot.invoke(alex, QUESTION_VERBS.submit, { ...actionData(card!, QUESTION_VERBS.submit), text: "Is it fine to paste supplier names?", anonymous: "true" });
    expect(cardText(result.body.value)).toMatch(/Sent anonymously/);
    const [question] = await server.repos.questions.listByCohort(TENANT, "finance-test");
    const stored = JSON.stringify(question);
    expect(stored).not.toContain(alex.aadObjectId);
    expect(stored).not.toContain(alex.conversationId);
    expect(stored).not.toContain(alex.name);
    expect(question!.askedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(server.logs.filter((l) => JSON.stringify(l).includes("question asked")).map((l) => JSON.stringify(l))).not.toEqual(expect.arrayContaining([expect.stringContaining(alex.aadObjectId)]));
  });

  it("when a member shares a win, then it is recorded once however often the card is submitted", async () => {
    const [card] = await bot.say(alex, "win");
    const data = { ...actionData(card!, WIN_VERBS.submit), text: "Board commentary in 25 minutes", minutesSaved: "95", share: "false" };
    await bot.invoke(alex, WIN_VERBS.submit, data);
    await bot.invoke(alex, WIN_VERBS.submit, data);
    expect((await server.repos.wins.listByCohort(TENANT, "finance-test")).map((w) => w.text)).toEqual(["Board commentary in 25 minutes"]);
  });

  it("when the member asks for progress, then they see their check-ins, streak and minutes saved", async () => {
    const [card] = await bot.say(alex, "progress");
    const text = cardText(card);
    // Sessions 3 and 4 were not checked in (weeks 4 and 5), so the streak is broken.
    expect(text).toMatch(/Check-ins\n2 of 4 so far/);
    expect(text).toMatch(/Check-in streak\n0/);
    expect(text).toMatch(/Minutes saved\n70/);
    expect(text).toMatch(/Wins shared\n1/);
  });

  it("when a new policy version is published, then the member is asked to acknowledge it again", async () => {
    await server.repos.policies.publish({ tenantId: TENANT, version: 2, ...STARTER_POLICY, sections: { ...STARTER_POLICY.sections, approvedTools: [...STARTER_POLICY.sections.approvedTools, "The new meeting-notes assistant"] }, publishedAt: "2026-04-22T09:30:00.000Z", publishedBy: "admin" }, 1);
    const cards = await at("2026-04-22T10:00:00.000Z");
    const policyCard = cards.find((c) => cardText(c).includes("Version 2"))!;
    expect(cardText(policyCard)).toMatch(/What changed since version 1/);
    expect(cardText(policyCard)).toMatch(/meeting-notes assistant/);
    const ack = await bot.invoke(alex, POLICY_VERBS.acknowledge, actionData(policyCard, POLICY_VERBS.acknowledge));
    expect(cardText(ack.body.value)).toMatch(/acknowledged version 2/);
    expect(await server.repos.policies.hasAcknowledged(TENANT, 2, alex.aadObjectId)).toBe(true);
    const again = await at("2026-04-22T11:00:00.000Z");
    expect(again.filter((c) => cardText(c).includes("Version 2"))).toEqual([]);
  });

  it("when every card Alex received is checked, then each is a valid Adaptive Card under 28 KB", () => {
    const cards = bot.sentTo(alex.conversationId);
    expect(cards.length).toBeGreaterThan(12);
    for (const card of cards) expect(validateCard(card).errors).toEqual([]);
  });

  it("when the scheduler runs again, then no card is sent twice", async () => {
    await at("2026-04-23T10:00:00.000Z");
    const counts = server.connector.sendsByConversation();
    const deliveries = await server.repos.deliveries.listByCohort(TENANT, "finance-test");
    const alexSent = deliveries.filter((d) => d.userId === alex.aadObjectId && d.status === "sent");
    // Besides scheduled cards, Alex's chat holds the bot's direct replies: welcome, ask, win, progress.
    expect(counts.get(alex.conversationId)).toBe(alexSent.length + 4);
    expect(new Set(alexSent.map((d) => d.activityId)).size).toBe(alexSent.length);
    expect(new Set(deliveries.map((d) => d.id)).size).toBe(deliveries.length);
    expect(deliveries.find((d) => d.id === ids.deliveryId("finance-test", "s1.learn", alex.aadObjectId))!.status).toBe("sent");
  });
});
