/**
 * A member added to a cohort after it started (week 2), and any member reading past briefs again,
 * over HTTP through the CloudAdapter with Teams-shaped activities; the scheduler on an injected
 * clock, sending to the Bot Connector stand-in. The late joiner gets one catch-up card with what
 * they missed (each brief openable), is never asked about sessions from before they joined, and
 * `briefs` lists what has been sent so far, opening only briefs already sent.
 */
import { BRIEF_VERBS } from "../../../bot/src/cards/briefs.card";
import type { AdaptiveCardJson } from "../../../bot/src/domain/ports";
import { BotDriver, cardText } from "../../helpers/bot-driver";
import { validateCard } from "../../helpers/card-validator";
import { conversationOf, person, seedCohort } from "../../helpers/fixtures";
import { startTestServer, type TestServer } from "../../helpers/test-server";

const TENANT = "tenant-late";
const COHORT = "finance-test";
const alex = person(41, "Alex Wilber");
const megan = person(42, "Megan Bowen");
const lee = person(43, "Lee Gu");
const title = (c: AdaptiveCardJson) => cardText(c).split("\n")[0]!;

/** Every Action.Execute of `verb` on a card, with its title and data. */
function executes(card: AdaptiveCardJson, verb: string): Array<{ title: string; data: Record<string, unknown> }> {
  const out: Array<{ title: string; data: Record<string, unknown> }> = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === "object") {
      const obj = node as Record<string, unknown>;
      if (obj.type === "Action.Execute" && obj.verb === verb) out.push({ title: String(obj.title), data: obj.data as Record<string, unknown> });
      Object.values(obj).forEach(walk);
    }
  };
  walk(card);
  return out;
}

describe("late joiners and past briefs", () => {
  let server: TestServer;
  let bot: BotDriver;
  const returned: AdaptiveCardJson[] = [];

  beforeAll(async () => {
    server = await startTestServer({ now: "2026-03-02T10:00:00.000Z" });
    bot = new BotDriver(server, TENANT);
    await seedCohort(server.repos, { tenantId: TENANT, members: [alex], facilitators: [megan], serviceUrl: server.connector.serviceUrl });
    await server.service.scheduler.tick(); // week 1 for the original roster
  });
  afterAll(() => server.close());

  async function tickAt(instant: string): Promise<AdaptiveCardJson[]> {
    server.clock.set(instant);
    const before = server.connector.activities.length;
    await server.service.scheduler.tick();
    return bot.sentTo(lee.conversationId, before);
  }

  async function invoke(verb: string, data: Record<string, unknown>) {
    const { status, body } = await bot.invoke(lee, verb, data);
    expect(status).toBe(200);
    returned.push(body.value!);
    return body.value!;
  }

  it("when a member is added after session 1, then they get exactly one catch-up card listing session 1, and never the session-1 check-in or its reminder", async () => {
    // Added the morning after session 1, before its check-in opens (that day) and is reminded (the next).
    server.clock.set("2026-03-03T08:00:00.000Z");
    await server.repos.people.upsert({ tenantId: TENANT, userId: lee.aadObjectId, displayName: lee.name, conversationReference: conversationOf(lee, TENANT, server.connector.serviceUrl), updatedAt: "2026-03-03T08:00:00.000Z" });
    await server.repos.memberships.upsertMany([{ tenantId: TENANT, cohortId: COHORT, userId: lee.aadObjectId, displayName: lee.name, joinedAt: "2026-03-03T08:00:00.000Z" }]);

    const first = await tickAt("2026-03-03T08:01:00.000Z");
    const later = [...(await tickAt("2026-03-03T10:00:00.000Z")), ...(await tickAt("2026-03-04T10:00:00.000Z")), ...(await tickAt("2026-03-05T10:00:00.000Z")), ...(await tickAt("2026-03-09T10:00:00.000Z"))];
    const all = [...first, ...later];

    const catchUps = all.filter((c) => /what you missed/.test(title(c)));
    expect(catchUps).toHaveLength(1);
    const catchUp = catchUps[0]!;
    returned.push(catchUp);
    expect(cardText(catchUp)).toMatch(/Session 1: First drafts of variance commentary/);
    expect(cardText(catchUp)).toMatch(/Next for you: Session 2: Checking forecast assumptions/);
    expect(executes(catchUp, BRIEF_VERBS.show).map((a) => a.data)).toEqual([{ cohortId: COHORT, sessionNumber: 1 }]);

    // Session 2 arrives as for everyone; nothing about session 1 does.
    expect(later.map(title)).toEqual(["Session 2: Checking forecast assumptions", "Apply it to real work"]);
    expect(all.some((c) => /check-in/i.test(title(c)))).toBe(false);
    const keys = (await server.repos.deliveries.listByCohort(TENANT, COHORT)).filter((d) => d.userId === lee.aadObjectId).map((d) => d.eventKey).sort();
    expect(keys).toEqual(["catchup", "policy.v1", "s2.apply", "s2.learn"]);

    // The original member got the session-1 check-in, and no catch-up.
    const alexKeys = (await server.repos.deliveries.listByCohort(TENANT, COHORT)).filter((d) => d.userId === alex.aadObjectId).map((d) => d.eventKey);
    expect(alexKeys).toEqual(expect.arrayContaining(["s1.checkin", "s1.learn"]));
    expect(alexKeys).not.toContain("catchup");

    // Planning again (a full replan an hour on) sends no second catch-up.
    await tickAt("2026-03-09T12:00:00.000Z");
    expect((await server.repos.deliveries.listByCohort(TENANT, COHORT)).filter((d) => d.eventKey === "catchup")).toHaveLength(1);
  });

  it("when the late joiner opens session 1 from the catch-up card, then the full brief comes back", async () => {
    const brief = await invoke(BRIEF_VERBS.show, { cohortId: COHORT, sessionNumber: 1 });
    expect(title(brief)).toBe("Session 1: First drafts of variance commentary");
    expect(cardText(brief)).toMatch(/Try this/);
  });

  it("when the late joiner asks what's next or for their check-in, then session 1 is never mentioned", async () => {
    const [next] = await bot.say(lee, "next");
    returned.push(next!);
    expect(cardText(next)).not.toMatch(/session 1\b/i);
    const keys = executes(next!, "next.open").map((a) => a.data.eventKey);
    expect(keys).not.toEqual(expect.arrayContaining([expect.stringMatching(/^s1\./)]));
    expect(keys).not.toContain("adoption.w0");
    expect(keys).toContain("s2.apply");

    const [checkin] = await bot.say(lee, "checkin");
    expect(title(checkin!)).toBe("No check-in yet");
  });

  it("when a member types briefs, then every brief sent so far is listed with a button, and only those open", async () => {
    const [list] = await bot.say(lee, "briefs");
    returned.push(list!);
    expect(title(list!)).toBe("Your session briefs");
    expect(cardText(list)).toMatch(/Session 1: First drafts of variance commentary/);
    expect(cardText(list)).toMatch(/Session 2: Checking forecast assumptions/);
    expect(cardText(list)).not.toMatch(/Session 3:/);
    const buttons = executes(list!, BRIEF_VERBS.show);
    expect(buttons.map((b) => b.data.sessionNumber)).toEqual([1, 2]);
    expect(title(await invoke(BRIEF_VERBS.show, buttons[1]!.data))).toBe("Session 2: Checking forecast assumptions");

    // Session 3 has not been sent yet: a forged button is refused, showing nothing of it.
    const early = await invoke(BRIEF_VERBS.show, { cohortId: COHORT, sessionNumber: 3 });
    expect(cardText(early)).toMatch(/has not been sent to you yet/);
    expect(cardText(early)).not.toMatch(/Session 3:/);

    // The original member sees the same list of the cohort's briefs.
    const [alexList] = await bot.say(alex, "briefs");
    expect(executes(alexList!, BRIEF_VERBS.show).map((b) => b.data.sessionNumber)).toEqual([1, 2]);
  });

  it("when briefs is typed in a channel, then it points to the 1:1 chat", async () => {
    const cards = await bot.say(lee, "briefs", { conversationType: "channel", conversationId: "19:finance-team@thread.tacv2;messageid=1", team: { id: "19:finance-team@thread.tacv2", name: "Finance" }, channel: { id: "19:finance-team@thread.tacv2" } });
    expect(cardText(cards[0])).not.toMatch(/Session 1:/);
  });

  it("when every card the bot sent or returned is checked, then each is a valid Adaptive Card under 28 KB", () => {
    for (const card of returned) {
      const result = validateCard(card, [BRIEF_VERBS.show, "next.open", "pause.start", "history.show"]);
      expect(result.errors).toEqual([]);
      expect(result.sizeBytes).toBeLessThan(28 * 1024);
    }
  });
});
