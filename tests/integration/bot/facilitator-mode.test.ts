/**
 * Facilitators in the bot: Megan facilitates two cohorts and is a member of none. She is greeted as
 * a facilitator, `next` does not tell her she is "not in a cohort", and she has her own commands —
 * `my cohorts`, `who needs help`, `questions` — with released aggregates for group figures and
 * members' words as plain text. Real HTTP through the CloudAdapter, Teams-shaped activities.
 */
import fs from "node:fs";
import path from "node:path";
import { BOT_COMMANDS } from "../../../bot/src/contract/bot-commands";
import type { AdaptiveCardJson } from "../../../bot/src/domain/ports";
import { BotDriver, cardOf, cardText, imBackButtons } from "../../helpers/bot-driver";
import { renderedText, validateCard } from "../../helpers/card-validator";
import { person, seedCohort } from "../../helpers/fixtures";
import { installActivity } from "../../helpers/teams-activities";
import { startTestServer, type TestServer } from "../../helpers/test-server";

const TENANT = "tenant-facilitators";
const megan = person(61, "Megan Bowen");
const alex = person(62, "Alex Wilber");
const finance = [alex, ...[63, 64, 65, 66, 67].map((n) => person(n, `Finance colleague ${n}`))];
const marketing = [68, 69].map((n) => person(n, `Marketing colleague ${n}`));
const STUCK = "[Click me](https://evil.example) **the model** invented a figure";

/** Every TextBlock / FactSet string (rendered as markdown) and every TextRun (plain) on a card. */

describe("a facilitator in the 1:1 chat", () => {
  let server: TestServer;
  let bot: BotDriver;
  const seen: AdaptiveCardJson[] = [];

  async function say(who: typeof megan, text: string): Promise<AdaptiveCardJson> {
    const cards = await bot.say(who, text);
    expect(cards).toHaveLength(1);
    seen.push(cards[0]!);
    return cards[0]!;
  }

  beforeAll(async () => {
    // Monday of week 2, after session 2's brief and before its check-in opens (Tuesday): session 1's is the latest.
    server = await startTestServer({ now: "2026-03-09T16:00:00.000Z" });
    bot = new BotDriver(server, TENANT);
    await seedCohort(server.repos, { tenantId: TENANT, cohortId: "finance-fac", cohortName: "Finance test cohort", members: finance, facilitators: [megan], serviceUrl: server.connector.serviceUrl });
    await seedCohort(server.repos, { tenantId: TENANT, cohortId: "marketing-fac", cohortName: "Marketing test cohort", startDate: "2026-03-09", members: marketing, facilitators: [megan], serviceUrl: server.connector.serviceUrl });
    // Five of six finance members checked in on session 1; one asked for help, in words full of markdown.
    for (const [i, m] of finance.slice(0, 5).entries()) {
      await server.repos.loop.upsertCheckIn({
        id: `checkin:finance-fac:1:${m.aadObjectId}`, tenantId: TENANT, cohortId: "finance-fac", userId: m.aadObjectId, sessionNumber: 1,
        tried: "Drafting", worked: "", stuck: i === 1 ? STUCK : "", minutesSaved: 20, confidence: 3, wantsHelp: i === 1,
        submittedAt: `2026-03-09T1${i}:00:00.000Z`, updatedAt: `2026-03-09T1${i}:00:00.000Z`,
      });
    }
    await server.repos.questions.createIfAbsent({ id: "question:finance-fac:q1", tenantId: TENANT, cohortId: "finance-fac", text: "Can I paste **supplier** names?", askedOn: "2026-03-09", status: "open", anonymous: true });
    await server.repos.questions.createIfAbsent({ id: "question:marketing-fac:q2", tenantId: TENANT, cohortId: "marketing-fac", text: "Which tool for images?", askedOn: "2026-03-10", status: "open", anonymous: false, askedBy: marketing[0]!.aadObjectId, askedByName: marketing[0]!.name });
    await server.repos.questions.createIfAbsent({ id: "question:marketing-fac:q3", tenantId: TENANT, cohortId: "marketing-fac", text: "Answered already", askedOn: "2026-03-10", status: "answered", anonymous: true, answer: "Yes" });
  });
  afterAll(() => server.close());

  it("when a facilitator installs the app, then they are greeted as a facilitator, not told they will be added to a cohort", async () => {
    const before = server.connector.activities.length;
    expect((await bot.post(installActivity({ serviceUrl: server.connector.serviceUrl, tenantId: TENANT, user: megan, conversationId: megan.conversationId }))).status).toBe(200);
    const [card] = server.connector.activities.slice(before).map(cardOf);
    seen.push(card!);
    const text = cardText(card);
    expect(text).not.toMatch(/Your facilitator will add you to a cohort/);
    expect(text).toMatch(/You look after 2 cohorts/);
    expect(text).toMatch(/who needs help/);
    expect(imBackButtons(card!).map((b) => b.value)).toEqual(["who needs help", "questions"]);
  });

  it("when a facilitator types next, then they are pointed at their own commands instead of 'not in a cohort'", async () => {
    const text = cardText(await say(megan, "next"));
    expect(text).not.toMatch(/Not found|not in a cohort/i);
    expect(text).toMatch(/who needs help/);
  });

  it("when a facilitator asks for help, then the card lists the facilitator commands, with buttons that post them", async () => {
    const card = await say(megan, "help");
    const text = cardText(card);
    for (const command of ["my cohorts", "who needs help", "questions", "policy"]) expect(text).toContain(command);
    expect(text).not.toMatch(/\ncheckin\n/);
    const buttons = imBackButtons(card).map((b) => b.value);
    expect(buttons).toEqual(expect.arrayContaining(["who needs help", "questions", "my cohorts"]));
  });

  it("when a facilitator types 'my cohorts', then each cohort shows its week, members and the latest check-in's released response rate", async () => {
    const card = await say(megan, "My Cohorts");
    const text = cardText(card);
    expect(text).toMatch(/Finance test cohort\nweek 2 of \d+ · 6 members\nCheck-in on session 1: 83% of 6 members/);
    // Two members: below the group size, the rate is held back rather than shown.
    expect(text).toMatch(/Marketing test cohort\nweek 1 of \d+ · 2 members\nNo check-in has opened yet/);
  });

  it("when a facilitator types 'who needs help', then members who asked are named, with what they wrote as plain text", async () => {
    const card = await say(megan, "who-needs-help");
    const text = cardText(card);
    expect(text).toMatch(/Finance colleague 63 asked for help · Finance test cohort/);
    const { markdown, runs } = renderedText(card);
    expect(runs.join("\n")).toContain("[Click me](https∶//evil․example) **the model** invented a figure");
    for (const line of markdown) expect(line).not.toMatch(/Click me|evil|invented/);
    expect(text).not.toMatch(/Finance colleague 64/);
  });

  it("when a facilitator types 'questions', then open questions are listed oldest first, anonymous ones without a name", async () => {
    const card = await say(megan, "questions");
    const text = cardText(card);
    expect(text).toMatch(/Anonymous · 2026-03-09 · Finance test cohort\nCan I paste \*\*supplier\*\* names\?[\s\S]*Marketing colleague 68 · 2026-03-10 · Marketing test cohort\nWhich tool for images\?/);
    expect(text).not.toMatch(/Answered already/);
    const { markdown } = renderedText(card);
    for (const line of markdown) expect(line).not.toMatch(/supplier|images/);
  });

  it("when a member types a facilitator command, then nothing about others is shown", async () => {
    for (const command of ["who needs help", "my cohorts", "questions"]) {
      const text = cardText(await say(alex, command));
      expect(text).toMatch(/is for facilitators/);
      expect(text).not.toMatch(/Finance colleague 63|supplier/);
    }
  });

  it("when the manifest is read, then the facilitator commands are personal commands there too", () => {
    const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, "../../../appPackage/manifest.json"), "utf8")) as { bots: Array<{ commandLists: Array<{ scopes: string[]; commands: Array<{ title: string }> }> }> };
    const personal = manifest.bots[0]!.commandLists.find((l) => l.scopes.includes("personal"))!.commands.map((c) => c.title);
    expect(personal).toEqual(expect.arrayContaining(["my cohorts", "who needs help", "questions"]));
    for (const name of ["my cohorts", "who needs help", "questions"]) expect(BOT_COMMANDS.find((c) => c.name === name)?.scopes).toEqual(["personal"]);
  });

  it("when every card Megan and Alex got is checked, then each is a valid Adaptive Card 1.5 under 28 KB", () => {
    for (const card of seen) expect(validateCard(card, []).errors).toEqual([]);
  });
});
