/**
 * "Answer the asker only", without anyone learning who asked: the anonymous asker's confirmation
 * card (an invoke answer, only in their 1:1 chat) carries a random private code; the question
 * stores only its hash. A facilitator answers privately through the tab's API; nothing is sent to
 * the cohort, and the asker's card (refreshed, or clicked) shows "answered privately" and the
 * answer; a broadcast answer shows "answered for the whole cohort". Over HTTP through the
 * CloudAdapter with Teams-shaped activities; no log line carries the asker's ids or the code.
 */
import type { Container } from "@azure/cosmos";
import { QUESTION_VERBS } from "../../../bot/src/cards/question.card";
import { questionCodeHash } from "../../../bot/src/usecases/member/ask-question";
import type { AdaptiveCardJson } from "../../../bot/src/domain/ports";
import { apiAs } from "../../helpers/api-client";
import { actionData, BotDriver, cardText, eventually } from "../../helpers/bot-driver";
import { validateCard } from "../../helpers/card-validator";
import { person, seedCohort } from "../../helpers/fixtures";
import { startTestServer, type TestServer } from "../../helpers/test-server";

const TENANT = "tenant-private";
const COHORT = "finance-test";
const alex = person(81, "Alex Wilber");
const megan = person(82, "Megan Bowen");
const others = [83, 84, 85].map((n) => person(n, `Colleague ${n}`));
const CODE = /\b[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}\b/;

describe("answering an anonymous question privately", () => {
  let server: TestServer;
  let bot: BotDriver;
  let anonymous: Container;
  const returned: AdaptiveCardJson[] = [];

  beforeAll(async () => {
    server = await startTestServer({ now: "2026-03-10T14:23:00.000Z" });
    bot = new BotDriver(server, TENANT);
    await seedCohort(server.repos, { tenantId: TENANT, members: [alex, ...others], facilitators: [megan], serviceUrl: server.connector.serviceUrl });
    anonymous = (server.repos.questions as unknown as { anonymous: Container }).anonymous;
  });
  afterAll(() => server.close());

  async function askAnonymously(text: string): Promise<{ card: AdaptiveCardJson; code: string; logs: typeof server.logs }> {
    const [form] = await bot.say(alex, "ask");
    const before = server.logs.length;
    const { status, body } = await bot.invoke(alex, QUESTION_VERBS.submit, { ...actionData(form!, QUESTION_VERBS.submit), text, anonymous: "true" });
    expect(status).toBe(200);
    returned.push(body.value!);
    const code = CODE.exec(cardText(body.value))?.[0];
    if (!code) throw new Error(`no private code on: ${cardText(body.value)}`);
    return { card: body.value!, code, logs: server.logs.slice(before) };
  }

  async function check(card: AdaptiveCardJson): Promise<{ card: AdaptiveCardJson; logs: typeof server.logs }> {
    const before = server.logs.length;
    const { status, body } = await bot.invoke(alex, QUESTION_VERBS.check, actionData(card, QUESTION_VERBS.check));
    expect(status).toBe(200);
    returned.push(body.value!);
    return { card: body.value!, logs: server.logs.slice(before) };
  }

  async function answer(questionText: string, body: { answer: string; privately?: boolean }) {
    const fac = await apiAs(server, { tenantId: TENANT, userId: megan.aadObjectId, displayName: megan.name });
    const list = (await fac.get(`/api/cohorts/${COHORT}/questions`)).body as Array<{ id: string; text: string; etag: string }>;
    const question = list.find((q) => q.text === questionText)!;
    return fac.send("POST", `/api/cohorts/${COHORT}/questions/${encodeURIComponent(question.id)}/answer`, { ...body, etag: question.etag });
  }

  it("when a member asks anonymously, then only their card shows a private code; the question stores its hash and nothing of them", async () => {
    const { card, code, logs } = await askAnonymously("Can I paste salary bands into the assistant?");
    expect(cardText(card)).toMatch(/Your private code/);
    expect((card as { refresh?: { action: { verb: string; data: object }; userIds: string[] } }).refresh).toEqual({ action: { type: "Action.Execute", verb: QUESTION_VERBS.check, data: { cohortId: COHORT, code } }, userIds: [alex.id] });

    const { resources } = await anonymous.items.readAll().fetchAll();
    expect(resources).toHaveLength(1);
    const doc = resources[0]!;
    expect(doc.codeHashes).toEqual([questionCodeHash(code)]);
    const stored = JSON.stringify(doc);
    for (const trace of [code, alex.aadObjectId, alex.id, alex.conversationId, alex.name, "14:23"]) expect(stored).not.toContain(trace);
    const logged = JSON.stringify(logs);
    for (const trace of [code, alex.aadObjectId, alex.id, alex.conversationId]) expect(logged).not.toContain(trace);
    // The tab never sees the hashes.
    const fac = await apiAs(server, { tenantId: TENANT, userId: megan.aadObjectId, displayName: megan.name });
    expect(JSON.stringify((await fac.get(`/api/cohorts/${COHORT}/questions`)).body)).not.toContain(doc.codeHashes[0]);
  });

  it("when the facilitator answers privately, then nobody is sent anything, and the asker's card shows the answer as private", async () => {
    const { card } = await askAnonymously("Is the assistant allowed for draft contracts?");
    const open = await check(card);
    expect(cardText(open.card)).toMatch(/Not answered yet/);

    const before = server.connector.activities.length;
    const res = await answer("Is the assistant allowed for draft contracts?", { answer: "Only with Legal's template.", privately: true });
    expect(res.status).toBe(200);
    await server.service.scheduler.tick();
    const sent = server.connector.activities.slice(before).map((a) => JSON.stringify(a.activity));
    expect(sent.filter((a) => a.includes("draft contracts") || a.includes("Legal"))).toEqual([]);
    const deliveries = await server.repos.deliveries.listByCohort(TENANT, COHORT);
    expect(deliveries.filter((d) => d.kind === "answer")).toEqual([]);

    const { card: answered, logs } = await check(card);
    expect(cardText(answered)).toMatch(/Answered privately, for you only/);
    expect(cardText(answered)).toMatch(/Only with Legal's template\./);
    const logged = JSON.stringify(logs);
    for (const trace of [alex.aadObjectId, alex.id, alex.conversationId]) expect(logged).not.toContain(trace);

    // Another member with a made-up code learns nothing.
    const { body } = await bot.invoke(others[0]!, QUESTION_VERBS.check, { cohortId: COHORT, code: "AAAA-BBBB-CCCC" });
    expect(cardText(body.value)).toMatch(/No question in your cohort has that code/);
    expect(cardText(body.value)).not.toMatch(/Legal/);
  });

  it("when the facilitator answers for the whole cohort, then every member gets it, and the asker's card says so", async () => {
    const { card } = await askAnonymously("Do we have a list of approved tools?");
    const before = server.connector.activities.length;
    const res = await answer("Do we have a list of approved tools?", { answer: "Yes: see the policy card." });
    expect(res.status).toBe(200);
    // Sent at once through the outbox, not at the next tick; a tick after it sends nothing again.
    const answers = () => server.connector.activities.slice(before).filter((a) => JSON.stringify(a.activity).includes("approved tools"));
    await eventually(() => (answers().length === 1 + others.length ? true : undefined), 500);
    await server.service.scheduler.tick();
    expect(answers()).toHaveLength(1 + others.length);
    const { card: answered } = await check(card);
    expect(cardText(answered)).toMatch(/Answered for the whole cohort/);
    expect(cardText(answered)).toMatch(/Yes: see the policy card\./);
  });

  it("when a question from before private codes is answered privately, then it is refused and stays open", async () => {
    await server.repos.questions.createIfAbsent({ id: "anon-question:legacy", tenantId: TENANT, cohortId: COHORT, text: "An old question", askedOn: "2026-03-01", status: "open", anonymous: true });
    const res = await answer("An old question", { answer: "Something", privately: true });
    expect(res.status).toBe(400);
    expect((await server.repos.questions.get(TENANT, COHORT, "anon-question:legacy"))!.status).toBe("open");
  });

  it("when every card the asker saw is checked, then each is a valid Adaptive Card under 28 KB", () => {
    for (const card of returned) {
      const result = validateCard(card, Object.values(QUESTION_VERBS));
      expect(result.errors).toEqual([]);
      expect(result.sizeBytes).toBeLessThan(28 * 1024);
    }
  });
});
