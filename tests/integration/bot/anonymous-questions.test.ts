/**
 * Anonymous questions are unlinkable: stored in their own container (not next to the asker's
 * records, not in their partition, not in write order after them), with an id derived only from
 * the question itself, and with no log line of the turn carrying the asker's ids, even when the
 * turn fails.
 */
import type { Container } from "@azure/cosmos";
import { QUESTION_VERBS } from "../../../bot/src/cards/question.card";
import { WIN_VERBS } from "../../../bot/src/cards/win.card";
import { CONTAINERS } from "../../../bot/src/store/containers";
import { actionData, BotDriver, cardText } from "../../helpers/bot-driver";
import { person, seedCohort } from "../../helpers/fixtures";
import { invokeActivity } from "../../helpers/teams-activities";
import { startTestServer, type TestServer } from "../../helpers/test-server";

const TENANT = "tenant-anon";
const COHORT = "finance-test";
const alex = person(91, "Alex Wilber");
const megan = person(92, "Megan Bowen");
const QUESTION = "Is it fine to paste supplier names into the chat?";

describe("anonymous questions", () => {
  let server: TestServer;
  let bot: BotDriver;
  let records: Container;
  let anonymous: Container;

  beforeAll(async () => {
    server = await startTestServer({ now: "2026-03-10T14:23:00.000Z" });
    bot = new BotDriver(server, TENANT);
    await seedCohort(server.repos, { tenantId: TENANT, members: [alex], facilitators: [megan], serviceUrl: server.connector.serviceUrl });
    const repo = server.repos.questions as unknown as { records: Container; anonymous: Container };
    records = repo.records;
    anonymous = repo.anonymous;
  });
  afterAll(() => server.close());

  async function ask(text: string, anonymousFlag: boolean) {
    const [card] = await bot.say(alex, "ask");
    const activity = invokeActivity({ serviceUrl: server.connector.serviceUrl, tenantId: TENANT, user: alex, conversationId: alex.conversationId, verb: QUESTION_VERBS.submit, data: { ...actionData(card!, QUESTION_VERBS.submit), text, anonymous: String(anonymousFlag) } });
    const logsBefore = server.logs.length;
    const result = await bot.post(activity);
    return { result, activity, draftId: String(actionData(card!, QUESTION_VERBS.submit).draftId), logs: server.logs.slice(logsBefore) };
  }

  it("when a member shares a win and then asks anonymously, then the question shares no field, partition, container or id derivation with them, and the turn's logs carry none of their ids", async () => {
    const [winCard] = await bot.say(alex, "win");
    await bot.invoke(alex, WIN_VERBS.submit, { ...actionData(winCard!, WIN_VERBS.submit), text: "Drafted the board pack", share: "false" });

    const { result, activity, draftId, logs } = await ask(QUESTION, true);
    expect(result.status).toBe(200);
    expect(cardText((result.body as { value: object }).value)).toMatch(/Sent anonymously/);

    const { resources: anonDocs } = await anonymous.items.readAll().fetchAll();
    expect(anonDocs).toHaveLength(1);
    const doc = anonDocs[0]!;
    const fields = Object.keys(doc).filter((k) => !k.startsWith("_")).sort();
    // codeHashes: the hash of the random code shown only on the asker's own card (see private-answers.test.ts).
    expect(fields).toEqual(["anonymous", "askedOn", "codeHashes", "cohortId", "cohortKey", "id", "status", "tenantId", "text"]);
    expect(doc.codeHashes).toEqual([expect.stringMatching(/^[0-9a-f]{64}$/)]);
    expect(doc).toMatchObject({ tenantId: TENANT, cohortId: COHORT, text: QUESTION, askedOn: "2026-03-10", status: "open", anonymous: true });
    expect(doc.id).toMatch(/^anon-question:[0-9a-f]{40}$/);
    const identifying = [alex.aadObjectId, alex.id, alex.conversationId, alex.name, activity.id, draftId, "14:23", "T14"];
    const stored = JSON.stringify(Object.fromEntries(Object.entries(doc).filter(([k]) => k !== "_ts" && k !== "_etag" && k !== "_rid" && k !== "_self")));
    for (const trace of identifying) expect(stored).not.toContain(trace);

    // Nothing of it in the container (and partition) that holds the asker's records.
    const { resources: inRecords } = await records.items.query({ query: "SELECT * FROM c WHERE CONTAINS(c.text, @t) OR c.docType = 'question'", parameters: [{ name: "@t", value: "supplier names" }] }).fetchAll();
    expect(inRecords).toEqual([]);
    expect(CONTAINERS.anonymousQuestions.id).not.toBe(CONTAINERS.cohortRecords.id);

    // The facilitators still see it, through the same repository.
    expect(await server.repos.questions.listByCohort(TENANT, COHORT)).toEqual([expect.objectContaining({ id: doc.id, anonymous: true, text: QUESTION })]);

    // No log line of that turn carries who asked.
    const logged = JSON.stringify(logs);
    for (const trace of [alex.aadObjectId, alex.id, alex.conversationId, activity.id, alex.name]) expect(logged).not.toContain(trace);
  });

  it("when the same anonymous card is sent twice, then there is still one question", async () => {
    await ask(QUESTION, true);
    const { resources } = await anonymous.items.readAll().fetchAll();
    expect(resources).toHaveLength(1);
  });

  it("when a named question is asked, then it stays with the asker's records and names them", async () => {
    await ask("Who reviews the prompts?", false);
    const named = (await server.repos.questions.listByCohort(TENANT, COHORT)).find((q) => !q.anonymous);
    expect(named).toMatchObject({ askedBy: alex.aadObjectId, text: "Who reviews the prompts?" });
    const { resources } = await anonymous.items.readAll().fetchAll();
    expect(resources).toHaveLength(1);
  });

  it("when storing an anonymous question fails, then the turn error is logged without the asker's ids", async () => {
    const spy = jest.spyOn(server.repos.questions, "createIfAbsent").mockRejectedValueOnce(new Error(`boom for ${alex.aadObjectId}`));
    const { result, activity, logs } = await ask("Can it read my calendar?", true);
    spy.mockRestore();
    expect(result.status).toBe(200);
    expect(logs.some((l) => l.message === "unhandled error in a bot turn")).toBe(true);
    const logged = JSON.stringify(logs);
    for (const trace of [alex.aadObjectId, alex.id, alex.conversationId, activity.id]) expect(logged).not.toContain(trace);
  });
});
