/**
 * Members stay in control, over real HTTP through the CloudAdapter, with the scheduler driven by
 * hand on the injected clock: a member snoozes a week and gets their next cards a week later while
 * everyone else's go out on time; facilitators see only "paused until …"; a member changes their
 * deliverable, marks it done and links the work; and sees their own history.
 */
import { apiRoutes } from "../../../bot/src/contract/api-routes";
import type { ProgressResponse } from "../../../bot/src/contract/api-contract";
import type { AdaptiveCardJson } from "../../../bot/src/domain/ports";
import { createScheduler } from "../../../bot/src/scheduler/scheduler";
import { apiAs } from "../../helpers/api-client";
import { actionData, BotDriver, cardOf, cardText } from "../../helpers/bot-driver";
import { validateCard } from "../../helpers/card-validator";
import { person, seedCohort } from "../../helpers/fixtures";
import { startTestServer, type TestServer } from "../../helpers/test-server";

const TENANT = "tenant-in-control";
const COHORT = "finance-test";
const ana = person(31, "Ana Away");
const ben = person(32, "Ben Here");
const cy = person(33, "Cy Here");
const fay = person(39, "Fay Facilitator");
const fast = { ratePerSecond: 2000, random: () => 0.5 };

let server: TestServer;
let bot: BotDriver;

beforeEach(async () => {
  server = await startTestServer({ now: "2026-03-02T08:00:00.000Z" });
  bot = new BotDriver(server, TENANT);
  await seedCohort(server.repos, { tenantId: TENANT, cohortId: COHORT, members: [ana, ben, cy], facilitators: [fay], serviceUrl: server.connector.serviceUrl, policy: false });
});
afterEach(async () => {
  scheduled.clear();
  await server?.close();
});

function valid(card: AdaptiveCardJson | undefined): AdaptiveCardJson {
  expect(card).toBeDefined();
  expect(validateCard(card!).errors).toEqual([]);
  return card!;
}

/** Activities that were the scheduler's (not replies to what a member typed or clicked). */
const scheduled = new Set<number>();
async function tick(scheduler: { tick(): Promise<unknown> }): Promise<void> {
  const before = server.connector.activities.length;
  await scheduler.tick();
  for (let i = before; i < server.connector.activities.length; i++) scheduled.add(i);
}

/** How many scheduled cards showing `text` each person was sent, in order. */
function sentWith(text: string, people = [ana, ben, cy]): number[] {
  const activities = server.connector.activities;
  return people.map((p) => [...scheduled].filter((i) => activities[i]!.conversationId === p.conversationId && activities[i]!.operation !== "update" && cardText(cardOf(activities[i]!)).includes(text)).length);
}

describe("members stay in control", () => {
  it("when a member snoozes a week from their next card, then their cards come a week later, everyone else's on time, and facilitators see only 'paused until'", async () => {
    const scheduler = createScheduler(server.ctx, server.service.bot.sender, fast);
    server.clock.set("2026-03-02T09:30:00.000Z");
    await tick(scheduler);
    expect(sentWith("Session 1:")).toEqual([1, 1, 1]);

    // Tuesday afternoon: Ana is going on leave.
    server.clock.set("2026-03-03T14:00:00.000Z");
    const [next] = await bot.say(ana, "next");
    const data = { ...actionData(valid(next), "pause.start"), weeks: "1" };
    const paused = await bot.invoke(ana, "pause.start", data);
    expect(paused.status).toBe(200);
    expect(cardText(valid(paused.body.value))).toContain("2026-03-10");
    expect(actionData(paused.body.value!, "pause.end")).toMatchObject({ cohortId: COHORT });
    // A double click is one pause.
    expect((await bot.invoke(ana, "pause.start", data)).status).toBe(200);
    expect((await server.repos.memberships.get(TENANT, COHORT, ana.aadObjectId))?.pauses).toHaveLength(1);

    // A forged number of weeks is refused on its field, and nothing changes.
    const [progress] = await bot.say(ben, "progress");
    const refused = await bot.invoke(ben, "pause.start", { ...actionData(valid(progress), "pause.start"), weeks: "9" });
    expect(cardText(valid(refused.body.value))).toContain("Choose 1 to 4 weeks.");
    expect((await server.repos.memberships.get(TENANT, COHORT, ben.aadObjectId))?.pauses).toBeUndefined();

    // The facilitator sees that Ana is paused, until when, and nothing else about it.
    const asFay = await apiAs(server, { tenantId: TENANT, userId: fay.aadObjectId, displayName: fay.name });
    const res = await asFay.get(apiRoutes.progress.url({ cohortId: COHORT }));
    const rows = (res.body as ProgressResponse).members;
    expect(rows.find((m) => m.userId === ana.aadObjectId)?.pausedUntil).toBe("2026-03-10");
    expect(rows.find((m) => m.userId === ben.aadObjectId)?.pausedUntil).toBeUndefined();

    // Wednesday: the reminder of session 1's check-in goes to the others, not to Ana.
    server.clock.set("2026-03-04T09:30:00.000Z");
    await tick(scheduler);
    expect(sentWith("A gentle reminder").slice(1)).toEqual([1, 1]);
    expect(sentWith("A gentle reminder")[0]).toBe(0);

    // Monday: session 2 for the others only.
    server.clock.set("2026-03-09T09:30:00.000Z");
    await tick(scheduler);
    expect(sentWith("Session 2:")).toEqual([0, 1, 1]);

    // A week later than everyone else, Ana's own cards arrive, once.
    server.clock.set("2026-03-11T09:30:00.000Z");
    await tick(scheduler);
    expect(sentWith("A gentle reminder")).toEqual([1, 2, 2]);
    server.clock.set("2026-03-16T09:30:00.000Z");
    await tick(scheduler);
    await tick(scheduler);
    expect(sentWith("Session 2:")).toEqual([1, 1, 1]);
    expect(sentWith("Session 3:")).toEqual([0, 1, 1]);
    // And her pause is over: no longer shown to the facilitator.
    const fayNow = await apiAs(server, { tenantId: TENANT, userId: fay.aadObjectId, displayName: fay.name }); // a fresh token for the later day
    const after = (await fayNow.get(apiRoutes.progress.url({ cohortId: COHORT }))).body as ProgressResponse;
    expect(after.members.find((m) => m.userId === ana.aadObjectId)?.pausedUntil).toBeUndefined();
  });

  it("when only a paused member's moved card falls due (the cohort has nothing that week), then the scheduler still sends it, once", async () => {
    // A year-long full-replan interval: only the plan signature can make the planner look again.
    const scheduler = createScheduler(server.ctx, server.service.bot.sender, { ...fast, plan: { fullReplanMs: 365 * 24 * 3600_000 } });
    server.clock.set("2026-03-20T12:00:00.000Z"); // Friday of week 3
    const [progress] = await bot.say(ana, "progress");
    expect((await bot.invoke(ana, "pause.start", { ...actionData(valid(progress), "pause.start"), weeks: "1" })).status).toBe(200);

    server.clock.set("2026-03-23T09:30:00.000Z");
    await tick(scheduler);
    expect(sentWith("Session 4:")).toEqual([0, 1, 1]);
    server.clock.set("2026-03-25T09:30:00.000Z"); // the cohort's last events before week 5
    await tick(scheduler);

    // Week 5 (after the clocks went forward) has nothing for the cohort; Ana's session 4 is now.
    server.clock.set("2026-03-30T08:29:00.000Z");
    await tick(scheduler);
    expect(sentWith("Session 4:")[0]).toBe(0);
    server.clock.set("2026-03-30T08:30:00.000Z");
    await tick(scheduler);
    await tick(scheduler);
    expect(sentWith("Session 4:")).toEqual([1, 1, 1]);
  });

  it("when a member says 'I'm back' early, then the pause ends and the button to pause is offered again", async () => {
    server.clock.set("2026-03-03T14:00:00.000Z");
    const [next] = await bot.say(ana, "next");
    await bot.invoke(ana, "pause.start", { ...actionData(next!, "pause.start"), weeks: "2" });
    server.clock.set("2026-03-04T10:00:00.000Z");
    const back = await bot.invoke(ana, "pause.end", { cohortId: COHORT, view: "next" });
    expect(cardText(valid(back.body.value))).toContain("Welcome back");
    expect(actionData(back.body.value!, "pause.start")).toMatchObject({ cohortId: COHORT });
    // Twice is once.
    await bot.invoke(ana, "pause.end", { cohortId: COHORT, view: "next" });
    const pauses = (await server.repos.memberships.get(TENANT, COHORT, ana.aadObjectId))?.pauses;
    expect(pauses).toHaveLength(1);
    expect(pauses![0]!.endedAt).toBe("2026-03-04T10:00:00.000Z");
  });

  it("when a member changes their deliverable, marks it done and links the work, then it is one record, the link is checked and shown as plain text", async () => {
    server.clock.set("2026-03-02T10:00:00.000Z");
    const first = await bot.invoke(ana, "apply.submit", { cohortId: COHORT, sessionNumber: 1, deliverable: "March variance commentary" });
    expect(first.status).toBe(200);

    // From `next`: the deliverable, with a way to change it.
    const [next] = await bot.say(ana, "next");
    expect(cardText(valid(next))).toContain("March variance commentary");
    const edit = await bot.invoke(ana, "next.open", { cohortId: COHORT, eventKey: "s1.apply" });
    expect(JSON.stringify(next)).toContain('"eventKey":"s1.apply"');
    const form = valid(edit.body.value);
    expect(JSON.stringify(form)).toContain('"id":"link"');

    // A link that is not https is refused on its field; nothing is written.
    const bad = await bot.invoke(ana, "apply.submit", { cohortId: COHORT, sessionNumber: 1, deliverable: "Q1 variance commentary", done: "true", link: "javascript:alert(1)" });
    expect(cardText(valid(bad.body.value))).toContain("https://");
    expect(JSON.stringify(bad.body.value)).toContain("javascript:alert(1)"); // what was typed is kept in the field
    expect((await server.repos.loop.getCommitment(TENANT, COHORT, 1, ana.aadObjectId))?.deliverable).toBe("March variance commentary");

    const link = "https://contoso.sharepoint.com/sites/finance/Q1-commentary.docx";
    const body = { cohortId: COHORT, sessionNumber: 1, deliverable: "Q1 variance commentary", done: "true", link };
    const done = await bot.invoke(ana, "apply.submit", body);
    await bot.invoke(ana, "apply.submit", body); // a double click
    const card = valid(done.body.value);
    expect(cardText(card)).toContain("Marked done");
    // Shown, but never as a link: the URL is defanged inside a plain TextRun, and nothing opens it.
    expect(JSON.stringify(card)).not.toContain(link);
    expect(JSON.stringify(card)).not.toContain("Action.OpenUrl");
    expect(cardText(card)).toContain("contoso\u2024sharepoint");
    const stored = await server.repos.loop.listMemberRecords(TENANT, COHORT, ana.aadObjectId);
    expect(stored.commitments).toHaveLength(1);
    expect(stored.commitments[0]).toMatchObject({ deliverable: "Q1 variance commentary", link, doneAt: "2026-03-02T10:00:00.000Z" });
  });

  it("when a member opens their history from the progress card, then they see their briefs, commitments, check-ins with answers and wins", async () => {
    server.clock.set("2026-03-02T09:30:00.000Z");
    await tick(createScheduler(server.ctx, server.service.bot.sender, fast));
    server.clock.set("2026-03-04T10:00:00.000Z");
    await bot.invoke(ana, "apply.submit", { cohortId: COHORT, sessionNumber: 1, deliverable: "March variance commentary" });
    await server.repos.loop.upsertCheckIn({ id: `checkin:${COHORT}:1:${ana.aadObjectId}`, tenantId: TENANT, cohortId: COHORT, userId: ana.aadObjectId, sessionNumber: 1, tried: "Drafted the commentary", worked: "First draft in minutes", stuck: "Checking the numbers", minutesSaved: 45, confidence: 4, wantsHelp: false, submittedAt: "2026-03-04T10:00:00.000Z", updatedAt: "2026-03-04T10:00:00.000Z" });
    await server.repos.wins.createIfAbsent({ id: "win-ana-1", tenantId: TENANT, cohortId: COHORT, userId: ana.aadObjectId, displayName: ana.name, text: "Board pack a day early", shareConsent: false, createdAt: "2026-03-04T10:00:00.000Z" });

    const [progress] = await bot.say(ana, "progress");
    const opened = await bot.invoke(ana, "history.show", actionData(valid(progress), "history.show"));
    const text = cardText(valid(opened.body.value));
    for (const expected of ["Your history", "Session 1: ", "March variance commentary", "Drafted the commentary", "Checking the numbers", "Board pack a day early"]) expect(text).toContain(expected);

    // Nobody else's: another member's history shows none of it.
    const [bens] = await bot.say(ben, "progress");
    const other = cardText((await bot.invoke(ben, "history.show", actionData(bens!, "history.show"))).body.value);
    expect(other).not.toContain("March variance commentary");
    expect(other).not.toContain("Board pack");
  });
});
