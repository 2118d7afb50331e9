/**
 * "Delete my data" keeps its promise ("Delete all of these"): the member's reflections go, and so
 * do their words quoted in facilitator alerts; and afterwards `next` does not ask them to redo
 * every past step. Real HTTP through the CloudAdapter; the Teams side is the Bot Connector stand-in.
 */
import { APPLY_VERBS } from "../../../bot/src/cards/apply.card";
import { CHECKIN_VERBS } from "../../../bot/src/cards/checkin.card";
import { MY_DATA_VERBS } from "../../../bot/src/cards/my-data.card";
import { NEXT_VERBS } from "../../../bot/src/cards/next-steps.card";
import { actionData, BotDriver, cardText, eventually } from "../../helpers/bot-driver";
import { validateCard } from "../../helpers/card-validator";
import { person, seedCohort } from "../../helpers/fixtures";
import { startTestServer, type TestServer } from "../../helpers/test-server";

const TENANT = "tenant-delete";
const COHORT = "finance-delete";
const alex = person(51, "Alex Wilber");
const megan = person(52, "Megan Bowen");
const SECRET = "I pasted the payroll file and it went wrong";

/** The titles of the steps a `next` card offers to open. */
function stepsOn(card: Record<string, unknown>): string[] {
  return ((card.actions ?? []) as Array<{ verb?: string; title: string }>).filter((a) => a.verb === NEXT_VERBS.open).map((a) => a.title);
}

describe("deleting my data deletes everything it promises, and the programme carries on", () => {
  let server: TestServer;
  let bot: BotDriver;

  beforeAll(async () => {
    server = await startTestServer({ now: "2026-03-17T12:00:00.000Z" });
    bot = new BotDriver(server, TENANT);
    await seedCohort(server.repos, { tenantId: TENANT, cohortId: COHORT, members: [alex], facilitators: [megan], serviceUrl: server.connector.serviceUrl });
    const ok = async (verb: string, data: Record<string, unknown>) => expect((await bot.invoke(alex, verb, { cohortId: COHORT, ...data })).status).toBe(200);
    await ok(APPLY_VERBS.submit, { sessionNumber: 1, deliverable: "Q3 variance commentary" });
    await ok(APPLY_VERBS.submit, { sessionNumber: 2, deliverable: "Forecast assumptions" });
    await ok(CHECKIN_VERBS.submit, { sessionNumber: 1, tried: "Drafting", worked: "", stuck: SECRET, minutesSaved: "10", confidence: "2", wantsHelp: "true" });
    await ok(CHECKIN_VERBS.submit, { sessionNumber: 2, tried: "Again", worked: "", stuck: SECRET, minutesSaved: "10", confidence: "2", wantsHelp: "false" });
    // Both alerts (asked for help; stuck twice) quote the member's words.
    await eventually(() => (server.logs.filter((l) => l.message === "facilitators alerted").length >= 2 ? true : undefined));
    const alerts = await server.repos.alerts.listByCohort(TENANT, COHORT);
    expect(alerts.map((a) => a.reason).sort()).toEqual(["asked-for-help", "stuck-twice"]);
    expect(alerts.every((a) => a.context.includes(SECRET))).toBe(true);
  });
  afterAll(() => server.close());

  it("when the member confirms 'delete all of these', then their reflections and their words in facilitator alerts are gone", async () => {
    const [shown] = await bot.say(alex, "my data");
    expect(cardText(shown)).toMatch(/2 notes to your facilitators quoting your check-in/);
    const confirming = (await bot.invoke(alex, MY_DATA_VERBS.askDelete, actionData(shown!, MY_DATA_VERBS.askDelete))).body.value!;
    expect(cardText(confirming)).toMatch(/Delete all of these\?/);
    const done = (await bot.invoke(alex, MY_DATA_VERBS.confirmDelete, actionData(confirming, MY_DATA_VERBS.confirmDelete))).body.value!;
    expect(validateCard(done).errors).toEqual([]);
    expect(cardText(done)).toMatch(/Deleted 6 records/);

    const records = await server.repos.loop.listMemberRecords(TENANT, COHORT, alex.aadObjectId);
    expect(records).toEqual({ commitments: [], checkIns: [], adoption: [], wins: [] });
    const alerts = await server.repos.alerts.listByCohort(TENANT, COHORT);
    expect(alerts).toHaveLength(2);
    expect(JSON.stringify(alerts)).not.toContain(SECRET);
    expect(JSON.stringify(alerts)).not.toContain("payroll");
    // Who asked and why stay, so a facilitator can still reach them.
    expect(alerts.map((a) => a.reason).sort()).toEqual(["asked-for-help", "stuck-twice"]);

    const [again] = await bot.say(alex, "my data");
    expect(cardText(again)).toMatch(/We hold no reflections of yours/);
  });

  it("when the member asks what's next after deleting, then only this week's open steps are listed, not every past one", async () => {
    const [card] = await bot.say(alex, "Next");
    const steps = stepsOn(card!);
    expect(steps).not.toEqual(expect.arrayContaining([expect.stringMatching(/session 1\)|session 1$/)]));
    expect(steps.filter((s) => /Commit to a real piece of work/.test(s))).toEqual(["Commit to a real piece of work (session 3)"]);
    // Tuesday of week 3: session 3's check-in has just opened; session 2's closed last Thursday.
    expect(steps.filter((s) => /Check-in on session/.test(s))).toEqual(["Check-in on session 3, closes 2026-03-19"]);
    expect(cardText(card)).toMatch(/earlier weeks don't need catching up/);
  });
});
