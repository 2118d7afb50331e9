/**
 * A member's whole programme, driven over real HTTP through botbuilder's CloudAdapter with
 * Teams-shaped activities: install, policy, baseline, three learn → apply → reflect weeks with the
 * commitment quoted back, a call for help, two adoption checks, a question and a win. The scheduler
 * runs on an injected clock; what the bot sends lands on the local Bot Connector stand-in (the
 * Teams service is the only fake).
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
import type { AdaptiveCardJson } from "../../../bot/src/domain/ports";
import { CARD_ACTIONS } from "../../../bot/src/teams/card-actions";
import { actionData, BotDriver, cardOf, cardText, eventually } from "../../helpers/bot-driver";
import { validateCard } from "../../helpers/card-validator";
import { person, seedCohort, type FixturePerson } from "../../helpers/fixtures";
import { installActivity, membersAddedActivity } from "../../helpers/teams-activities";
import { startTestServer, type TestServer } from "../../helpers/test-server";

const TENANT = "tenant-journey";
const COHORT = "finance-test";
const WINS_CHANNEL = "19:wins-channel@thread.tacv2";
const alex = person(1, "Alex Wilber");
const megan = person(2, "Megan Bowen");
const others = [3, 4, 5, 6].map((n) => person(n, `Colleague ${n}`));

/** Polls the store for what the bot writes after answering (bounded; no fixed sleeps). */
async function settled<T>(probe: () => Promise<T | undefined>): Promise<T> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error("the store never reached the expected state");
}

describe("a member's programme in Teams, from install to week 8", () => {
  let server: TestServer;
  let bot: BotDriver;
  /** Every card the bot answered an invoke with, to validate them all at the end. */
  const returned: AdaptiveCardJson[] = [];
  /** Cards the bot replied with in Alex's chat (not scheduled deliveries). */
  let directReplies = 0;

  beforeAll(async () => {
    server = await startTestServer({ now: "2026-02-26T12:00:00.000Z" });
    bot = new BotDriver(server, TENANT);
    const cohort = await seedCohort(server.repos, { tenantId: TENANT, members: [alex, ...others], facilitators: [megan], serviceUrl: server.connector.serviceUrl });
    const { etag } = (await server.repos.cohorts.get(TENANT, COHORT))!;
    await server.repos.cohorts.update({ ...cohort, winsChannel: { teamId: "19:finance-team@thread.tacv2", channelId: WINS_CHANNEL, serviceUrl: server.connector.serviceUrl } }, etag);
  });
  afterAll(() => server.close());

  /** Moves the clock and lets the scheduler deliver what is due; returns what Alex received. */
  async function at(instant: string): Promise<AdaptiveCardJson[]> {
    server.clock.set(instant);
    const before = server.connector.activities.length;
    await server.service.scheduler.tick();
    return bot.sentTo(alex.conversationId, before);
  }

  /** Clicks `verb` on `card` as `user`, with `answers` typed in; returns the card Teams shows instead. */
  async function act(user: FixturePerson, card: AdaptiveCardJson, verb: string, answers: Record<string, unknown> = {}): Promise<AdaptiveCardJson> {
    const { status, body } = await bot.invoke(user, verb, { ...actionData(card, verb), ...answers });
    expect(status).toBe(200);
    expect(body.type).toBe("application/vnd.microsoft.card.adaptive");
    returned.push(body.value!);
    return body.value!;
  }

  async function say(text: string): Promise<AdaptiveCardJson> {
    const cards = await bot.say(alex, text);
    directReplies += cards.length;
    expect(cards).toHaveLength(1);
    return cards[0]!;
  }

  const titled = (cards: AdaptiveCardJson[], pattern: RegExp) => {
    const card = cards.find((c) => pattern.test(cardText(c).split("\n")[0]!));
    if (!card) throw new Error(`no card titled ${pattern} among: ${cards.map((c) => cardText(c).split("\n")[0]).join(" | ")}`);
    return card;
  };

  it("when the app is installed, then the member is greeted once with the programme and their next step", async () => {
    const before = server.connector.activities.length;
    const where = { serviceUrl: server.connector.serviceUrl, tenantId: TENANT, user: alex, conversationId: alex.conversationId };
    // Teams sends both for one personal install.
    expect((await bot.post(installActivity(where))).status).toBe(200);
    expect((await bot.post(membersAddedActivity(where))).status).toBe(200);
    const cards = server.connector.activities.slice(before).map(cardOf);
    directReplies += cards.length;
    expect(cards).toHaveLength(1);
    const text = cardText(cards[0]);
    expect(text).toMatch(/Welcome, Alex/);
    expect(text).toMatch(/You are in Finance test cohort/);
    expect(text).toMatch(/\*\*Acknowledge the AI-use policy\*\* arrives on 2026-02-27/);
    const stored = await server.repos.people.get(TENANT, alex.aadObjectId);
    expect(stored?.conversationReference).toMatchObject({ conversation: { id: alex.conversationId, tenantId: TENANT }, user: { aadObjectId: alex.aadObjectId } });
    expect(stored?.conversationReference).not.toHaveProperty("activityId");
  });

  it("when week 0 comes, then the policy and the baseline arrive, and acknowledging and answering records both", async () => {
    const cards = await at("2026-02-27T10:00:00.000Z");
    expect(cards.map((c) => cardText(c).split("\n")[0])).toEqual(["Using AI at work", "Before we start: where are you today?"]);
    expect(cardText(await act(alex, cards[0]!, POLICY_VERBS.acknowledge))).toMatch(/acknowledged version 1/);
    expect(cardText(await act(alex, cards[1]!, ADOPTION_VERBS.submit, { stillUsing: "no", frequency: "rarely", usedFor: "" }))).toMatch(/Thanks, recorded/);
    expect(await server.repos.policies.hasAcknowledged(TENANT, 1, alex.aadObjectId)).toBe(true);
  });

  it("when week 1 starts, then the session brief comes before the apply card, and the commitment is stored", async () => {
    const cards = await at("2026-03-02T10:00:00.000Z");
    expect(cards.map((c) => cardText(c).split("\n")[0])).toEqual(["Session 1: First drafts of variance commentary", "Apply it to real work"]);
    expect(cardText(await act(alex, cards[1]!, APPLY_VERBS.submit, { deliverable: "Q3 variance commentary" }))).toMatch(/This week you will use AI on Q3 variance commentary\. We will ask/);
    expect(await server.repos.loop.getCommitment(TENANT, COHORT, 1, alex.aadObjectId)).toMatchObject({ deliverable: "Q3 variance commentary" });
  });

  it("when the day after session 1 comes, then the check-in quotes the commitment and closes before session 2", async () => {
    const cards = await at("2026-03-03T10:00:00.000Z");
    expect(cards.map((c) => cardText(c).split("\n")[0])).toEqual(["Check-in on session 1"]);
    expect(cardText(cards[0])).toMatch(/You planned to use AI on Q3 variance commentary\. How did it go\?/);
    expect(cardText(cards[0])).toMatch(/It closes on 2026-03-05, before the next session/);
    const answered = await act(alex, cards[0]!, CHECKIN_VERBS.submit, { tried: "First draft of the commentary", worked: "Structure", stuck: "", minutesSaved: "45", confidence: "3", wantsHelp: "false" });
    expect(cardText(answered)).toMatch(/Thanks, your check-in is in/);
  });

  it("when week 2 starts, then session 2's brief and apply card come, with no check-in alongside", async () => {
    const cards = await at("2026-03-09T10:00:00.000Z");
    expect(cards.map((c) => cardText(c).split("\n")[0])).toEqual(["Session 2: Checking forecast assumptions", "Apply it to real work"]);
    await act(alex, cards[1]!, APPLY_VERBS.submit, { deliverable: "Q4 forecast assumptions" });
  });

  it("when a check-in card is refreshed, then the member sees their own answers, and 'change' reopens the form with them", async () => {
    const refresh = async (data: Record<string, unknown>) => {
      const { status, body } = await bot.invoke(alex, CHECKIN_VERBS.refresh, data);
      expect(status).toBe(200);
      returned.push(body.value!);
      return cardText(body.value);
    };
    const view = await refresh({ cohortId: COHORT, sessionNumber: 1 });
    expect(view).toMatch(/Thanks, your check-in is in/);
    expect(view).toMatch(/First draft of the commentary/);
    const form = await refresh({ cohortId: COHORT, sessionNumber: 1, edit: true });
    expect(form).toMatch(/Update my check-in/);
    expect(form).toMatch(/First draft of the commentary/);
  });

  it("when the same check-in is submitted twice, then one record holds the latest answers", async () => {
    const data = { cohortId: COHORT, sessionNumber: 1, tried: "Second go", worked: "", stuck: "", minutesSaved: "60", confidence: "4", wantsHelp: "false" };
    const first = await bot.invoke(alex, CHECKIN_VERBS.submit, data);
    const second = await bot.invoke(alex, CHECKIN_VERBS.submit, data);
    expect(cardText(first.body.value)).toMatch(/updated/);
    expect(cardText(second.body.value)).toMatch(/updated/);
    const records = await server.repos.loop.listCohortRecords(TENANT, COHORT);
    expect(records.checkIns.filter((c) => c.userId === alex.aadObjectId && c.sessionNumber === 1)).toEqual([expect.objectContaining({ tried: "Second go", confidence: 4 })]);
  });

  it("when session 2's check-in asks for help, then the facilitator gets an alert with context and can take it", async () => {
    const checkIn = titled(await at("2026-03-10T10:00:00.000Z"), /Check-in on session 2/);
    expect(cardText(checkIn)).toMatch(/You planned to use AI on Q4 forecast assumptions\. How did it go\?/);
    const before = server.connector.activities.length;
    await act(alex, checkIn, CHECKIN_VERBS.submit, { tried: "Forecast challenge", worked: "", stuck: "It invented numbers", minutesSaved: "10", confidence: "2", wantsHelp: "true" });
    const alert = await eventually(() => bot.sentTo(megan.conversationId, before)[0]);
    expect(cardText(alert)).toMatch(/Alex Wilber asked for help/);
    expect(cardText(alert)).toMatch(/It invented numbers/);
    expect(cardText(await act(megan, alert, ALERT_VERBS.reachOut))).toMatch(/Megan Bowen is reaching out/);
    expect(cardText(await act(alex, alert, ALERT_VERBS.reachOut))).toMatch(/Only this cohort's facilitators/);
    await act(alex, titled(await at("2026-03-16T10:00:00.000Z"), /Apply it to real work/), APPLY_VERBS.submit, { deliverable: "Supplier query replies" });
  });

  it("when session 3's check-in comes, then it quotes its commitment, and the week-4 adoption check is recorded", async () => {
    const checkIn = titled(await at("2026-03-17T10:00:00.000Z"), /Check-in on session 3/);
    expect(cardText(checkIn)).toMatch(/You planned to use AI on Supplier query replies\. How did it go\?/);
    await act(alex, checkIn, CHECKIN_VERBS.submit, { tried: "Drafted twenty replies", worked: "Tone", stuck: "", minutesSaved: "90", confidence: "4", wantsHelp: "false" });
    const adoption = titled(await at("2026-03-25T10:00:00.000Z"), /Week 4: is AI part of your work now/);
    expect(cardText(await act(alex, adoption, ADOPTION_VERBS.submit, { stillUsing: "yes", frequency: "weekly", usedFor: "Commentary drafts" }))).toMatch(/Thanks, recorded/);
  });

  it("when a member asks anonymously, then the stored question and the logs carry no trace of them", async () => {
    const card = await say("ask");
    const logsBefore = server.logs.length;
    const sent = await act(alex, card, QUESTION_VERBS.submit, { text: "Is it fine to paste supplier names?", anonymous: "true" });
    expect(cardText(sent)).toMatch(/Sent anonymously/);
    const [question] = await server.repos.questions.listByCohort(TENANT, COHORT);
    expect(question).toMatchObject({ anonymous: true, text: "Is it fine to paste supplier names?", askedOn: "2026-03-25" });
    const stored = JSON.stringify(question);
    for (const trace of [alex.aadObjectId, alex.id, alex.conversationId, alex.name, "T10:00"]) expect(stored).not.toContain(trace);
    expect(JSON.stringify(server.logs.slice(logsBefore))).not.toContain(alex.aadObjectId);
  });

  it("when a member shares a win with consent, then it is recorded once and posted once to the cohort's channel", async () => {
    const card = await say("win");
    const answers = { text: "Board commentary in 25 minutes", minutesSaved: "95", share: "true" };
    expect(cardText(await act(alex, card, WIN_VERBS.submit, answers))).toMatch(/on its way to your cohort's channel/);
    await act(alex, card, WIN_VERBS.submit, answers);
    const posted = await eventually(() => server.connector.activities.find((a) => a.conversationId === WINS_CHANNEL));
    expect(cardText(cardOf(posted))).toMatch(/Alex Wilber shared a win/);
    const [win, ...more] = await settled(async () => {
      const wins = await server.repos.wins.listByCohort(TENANT, COHORT);
      return wins.every((w) => w.postedToChannelAt) ? wins : undefined;
    });
    expect(more).toEqual([]);
    expect(win).toMatchObject({ text: "Board commentary in 25 minutes", shareConsent: true, userId: alex.aadObjectId });
    expect(server.connector.activities.filter((a) => a.conversationId === WINS_CHANNEL)).toHaveLength(1);
  });

  it("when week 8 comes, then the second adoption check is recorded", async () => {
    await at("2026-03-30T10:00:00.000Z");
    const adoption = titled(await at("2026-04-22T09:00:00.000Z"), /Week 8: is AI part of your work now/);
    await act(alex, adoption, ADOPTION_VERBS.submit, { stillUsing: "yes", frequency: "few-times-a-week", usedFor: "Commentary and query replies" });
    const weeks = (await server.repos.loop.listMemberRecords(TENANT, COHORT, alex.aadObjectId)).adoption.map((a) => a.week).sort((a, b) => a - b);
    expect(weeks).toEqual([0, 4, 8]);
  });

  it("when the member asks for progress, then they see their check-ins, streak, minutes saved and wins", async () => {
    const text = cardText(await say("progress"));
    // Sessions 1-3 were checked in; session 4's check-in (in week 4) was not, so the streak is broken.
    expect(text).toMatch(/Check-ins\n3 of 4 so far/);
    expect(text).toMatch(/Check-in streak\n0/);
    expect(text).toMatch(/Minutes saved\n160/);
    expect(text).toMatch(/Wins shared\n1/);
    expect(text).toMatch(/Confidence\n4 → 2 → 4/);
  });

  it("when a new policy version is published, then the member is asked to acknowledge it again, once", async () => {
    await server.repos.policies.publish({ tenantId: TENANT, version: 2, ...STARTER_POLICY, sections: { ...STARTER_POLICY.sections, approvedTools: [...STARTER_POLICY.sections.approvedTools, "The new meeting-notes assistant"] }, publishedAt: "2026-04-22T09:30:00.000Z", publishedBy: "admin" }, 1);
    const policyCard = titled(await at("2026-04-22T10:00:00.000Z"), /Using AI at work/);
    expect(cardText(policyCard)).toMatch(/Version 2/);
    expect(cardText(policyCard)).toMatch(/What changed since version 1/);
    expect(cardText(policyCard)).toMatch(/meeting-notes assistant/);
    expect(cardText(await act(alex, policyCard, POLICY_VERBS.acknowledge))).toMatch(/acknowledged version 2/);
    expect(await server.repos.policies.hasAcknowledged(TENANT, 2, alex.aadObjectId)).toBe(true);
    expect((await at("2026-04-22T11:00:00.000Z")).filter((c) => cardText(c).includes("Version 2"))).toEqual([]);
  });

  it("when every card the bot sent or returned is checked, then each is a valid Adaptive Card under 28 KB whose verbs the bot handles", () => {
    const cards = [...server.connector.activities.filter((a) => a.operation !== "update").map(cardOf), ...returned];
    expect(cards.length).toBeGreaterThan(30);
    const verbs = [...CARD_ACTIONS.keys()];
    for (const card of cards) expect(validateCard(card, verbs).errors).toEqual([]);
  });

  it("when the scheduler runs again, then no card is sent twice", async () => {
    await at("2026-04-23T10:00:00.000Z");
    const deliveries = await server.repos.deliveries.listByCohort(TENANT, COHORT);
    // A win goes to the cohort's channel, not to Alex's chat, although its delivery is keyed by its author.
    const alexSent = deliveries.filter((d) => d.userId === alex.aadObjectId && d.status === "sent" && d.kind !== "win");
    expect(server.connector.sendsByConversation().get(alex.conversationId)).toBe(alexSent.length + directReplies);
    expect(new Set(alexSent.map((d) => d.activityId)).size).toBe(alexSent.length);
    expect(new Set(deliveries.map((d) => d.id)).size).toBe(deliveries.length);
    expect(deliveries.find((d) => d.id === ids.deliveryId(COHORT, "s1.learn", alex.aadObjectId))!.status).toBe("sent");
  });
});
