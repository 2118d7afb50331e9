/**
 * Session 2 builds on session 1, over real HTTP through the CloudAdapter, with the scheduler driven
 * on an injected clock and the Bot Connector stand-in as Teams: members check in on session 1 with
 * themes and quotable answers; when the check-in closes, each facilitator gets "Before session 2"
 * with counts and quotes but no names; the facilitator features a quote and writes a note from the
 * card; session 2's brief to every member opens with them and the line that closes the loop. With
 * only 4 responses nothing is quoted anywhere.
 */
import { CHECKIN_VERBS } from "../../../bot/src/cards/checkin.card";
import { DIGEST_VERBS } from "../../../bot/src/cards/digest.card";
import type { SessionDigestResponse } from "../../../bot/src/contract/api-contract";
import type { AdaptiveCardJson } from "../../../bot/src/domain/ports";
import { createScheduler } from "../../../bot/src/scheduler/scheduler";
import { apiAs } from "../../helpers/api-client";
import { actionData, BotDriver, cardOf, cardText } from "../../helpers/bot-driver";
import { validateCard } from "../../helpers/card-validator";
import { person, seedCohort, type FixturePerson } from "../../helpers/fixtures";
import { startTestServer, type TestServer } from "../../helpers/test-server";

const TENANT = "tenant-session-two";
const six = [1, 2, 3, 4, 5, 6].map((n) => person(900 + n, `Member ${n}`));
const few = [1, 2, 3, 4, 5, 6].map((n) => person(920 + n, `Small ${n}`));
const megan = person(950, "Megan Bowen");
const lee = person(951, "Lee Gu");
const fast = { ratePerSecond: 2000, random: () => 0.5 };

// Session 1 on Monday 2 March 09:30 London (GMT); its check-in opens Tuesday and closes Thursday
// 5 March 09:30, two working days before session 2 on Monday 9 March.
const CHECK_IN_OPEN = "2026-03-03T12:00:00.000Z";
const CHECK_IN_CLOSED = "2026-03-05T09:31:00.000Z";
const SESSION_TWO = "2026-03-09T09:31:00.000Z";

const answer = (cohortId: string, n: number) => ({
  cohortId,
  sessionNumber: 1,
  tried: `Variance commentary draft ${n}`,
  worked: n === 1 ? "It got the structure right first time" : "",
  stuck: n === 2 ? "Two numbers were wrong and I only caught one" : "",
  minutesSaved: "30",
  confidence: "3",
  wantsHelp: "false",
  blockers: n <= 4 ? "trusting-output" : "finding-time",
  quoteConsent: n === 1 ? "named" : n === 2 ? "anonymous" : "no",
});

describe("session 2 starts from what the cohort did in session 1", () => {
  let server: TestServer;
  let bot: BotDriver;

  beforeAll(async () => {
    server = await startTestServer({ now: CHECK_IN_OPEN });
    bot = new BotDriver(server, TENANT);
    await seedCohort(server.repos, { tenantId: TENANT, cohortId: "fin-six", members: six, facilitators: [megan], serviceUrl: server.connector.serviceUrl });
    await seedCohort(server.repos, { tenantId: TENANT, cohortId: "fin-few", cohortName: "Small cohort", members: few, facilitators: [lee], serviceUrl: server.connector.serviceUrl });
    for (const [i, m] of six.entries()) expect((await bot.invoke(m, CHECKIN_VERBS.submit, answer("fin-six", i + 1))).status).toBe(200);
    for (const [i, m] of few.slice(0, 4).entries()) expect((await bot.invoke(m, CHECKIN_VERBS.submit, answer("fin-few", i + 1))).status).toBe(200);
  });
  afterAll(() => server.close());

  const cardsTo = (p: FixturePerson, text: string, from = 0): AdaptiveCardJson[] =>
    server.connector.activities.slice(from).filter((a) => a.operation !== "update" && a.conversationId === p.conversationId && JSON.stringify(a.activity).includes(text)).map(cardOf);

  let digest: AdaptiveCardJson;

  it("when the check-in closes, then each facilitator gets 'Before session 2' with counts, themes and quotes without names", async () => {
    const before = server.connector.activities.length;
    server.clock.set(CHECK_IN_CLOSED);
    await createScheduler(server.ctx, server.service.bot.sender, fast).tick();
    const cards = cardsTo(megan, "Before session 2", before);
    expect(cards).toHaveLength(1);
    digest = cards[0]!;
    const text = cardText(digest);
    expect(text).toMatch(/Checked in\n6 of 6/);
    expect(text).toMatch(/Trusting or checking the output\n4/);
    expect(text).toContain("It got the structure right first time");
    expect(text).toContain("Two numbers were wrong and I only caught one");
    for (const m of six) expect(text).not.toContain(m.name);
    expect(validateCard(digest, Object.values(DIGEST_VERBS)).errors).toEqual([]);
    // Nobody who said "don't quote me" is offered.
    expect(text).not.toContain("Variance commentary draft 3");
  });

  it("when the facilitator features a quote and writes a note on the card, then the card shows it published", async () => {
    const choices = (digest.body as Array<Record<string, unknown>>).find((e) => e.id === "featured")!.choices as Array<{ title: string; value: string }>;
    const named = choices.find((c) => c.title.startsWith("It got the structure"))!;
    const { status, body } = await bot.invoke(megan, DIGEST_VERBS.publish, { ...actionData(digest, DIGEST_VERBS.publish), note: "Checking the numbers is where we start on Monday.", featured: named.value });
    expect(status).toBe(200);
    expect(cardText(body.value)).toMatch(/Megan Bowen published the note and 1 featured for session 2's brief/);
    // Clicking publish again on the old card (a stale ETag) does not overwrite: it says so and keeps the note.
    const again = await bot.invoke(megan, DIGEST_VERBS.publish, { ...actionData(digest, DIGEST_VERBS.publish), note: "A different note", featured: "" });
    expect(cardText(again.body.value)).toMatch(/published this session's digest a moment ago/);
    expect(JSON.stringify(again.body.value)).toContain("A different note");
    const api = await apiAs(server, { tenantId: TENANT, userId: megan.aadObjectId, displayName: megan.name });
    const stored = (await api.get("/api/cohorts/fin-six/digest")).body as SessionDigestResponse;
    expect(stored.published).toMatchObject({ note: "Checking the numbers is where we start on Monday.", featured: [named.value], publishedByName: "Megan Bowen" });
  });

  it("when session 2 goes out, then every member's brief opens with the note, the quote (named, as its author agreed) and the line that closes the loop", async () => {
    const before = server.connector.activities.length;
    server.clock.set(SESSION_TWO);
    await createScheduler(server.ctx, server.service.bot.sender, fast).tick();
    for (const m of six) {
      const briefs = cardsTo(m, "Session 2:", before);
      expect(briefs).toHaveLength(1);
      const text = cardText(briefs[0]);
      expect(text).toContain("From your cohort last week");
      expect(text).toContain("Checking the numbers is where we start on Monday.");
      expect(text).toContain("“It got the structure right first time”");
      expect(text).toContain("— Member 1");
      // Counted in steps of 5, as every figure members see: 6 of 6 reads "at least 5".
      expect(text).toContain("At least 5 of 6 of you tried it; the most common block was trusting or checking the output, so this session starts there.");
      expect(validateCard(briefs[0]!).errors).toEqual([]);
    }
  });

  it("when only 4 answered, then the digest offers no quotes or themes and the brief carries no quote and no summary", async () => {
    const lees = cardsTo(lee, "Before session 2");
    expect(lees).toHaveLength(1);
    const text = cardText(lees[0]);
    expect(text).toMatch(/Checked in\n4 of 6/);
    expect(text).toMatch(/Fewer than 5 people checked in/);
    expect(text).not.toContain("It got the structure right first time");
    expect(text).not.toContain("Trusting or checking");
    expect(JSON.stringify(lees[0])).not.toContain('"id":"featured"');
    for (const m of few) {
      const [brief] = cardsTo(m, "Session 2:");
      expect(brief).toBeDefined();
      const briefText = cardText(brief);
      expect(briefText).not.toContain("From your cohort last week");
      expect(briefText).not.toContain("It got the structure right first time");
      expect(briefText).not.toMatch(/of you tried it/);
    }
  });
});
