/**
 * Every HTTP request and every bot turn is handled under one correlation id: it is echoed in the
 * `x-correlation-id` response header and carried by every log line written meanwhile, down to the
 * use cases, without anyone passing it along.
 */
import { CHECKIN_VERBS } from "../../../bot/src/cards/checkin.card";
import { QUESTION_VERBS } from "../../../bot/src/cards/question.card";
import { actionData, BotDriver, eventually } from "../../helpers/bot-driver";
import { person, seedCohort } from "../../helpers/fixtures";
import { invokeActivity } from "../../helpers/teams-activities";
import { startTestServer, type TestServer } from "../../helpers/test-server";

const TENANT = "tenant-correlation";
const admin = { tenantId: TENANT, userId: "00000000-0000-0000-bbbb-000000000001", displayName: "Adele Admin", isAdmin: true };
const alex = person(71, "Alex Wilber");
const megan = person(72, "Megan Bowen");
const lee = person(73, "Lee Gu");
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe("correlation ids", () => {
  let server: TestServer;
  let token: string;

  beforeAll(async () => {
    server = await startTestServer();
    token = await server.tokenFor(admin);
    await seedCohort(server.repos, { tenantId: TENANT, members: [alex], facilitators: [megan], serviceUrl: server.connector.serviceUrl });
  });
  afterAll(() => server.close());

  /** Creates a cohort over real HTTP (a JSON body, so the body parser runs) and returns what was logged meanwhile. */
  async function createCohort(name: string, headers: Record<string, string> = {}) {
    const before = server.logs.length;
    const res = await fetch(`${server.baseUrl}/api/cohorts`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json", ...headers },
      body: JSON.stringify({ name, kind: "leadership", trackId: "finance", startDate: "2026-04-06", timeZone: "Europe/London", facilitatorIds: [megan.aadObjectId], members: [] }),
    });
    return { res, logs: server.logs.slice(before) };
  }

  it("when a request carries a short safe x-correlation-id, then the response echoes it and the use case's log line carries it", async () => {
    const { res, logs } = await createCohort("Leaders spring", { "x-correlation-id": "tab-7f3a.1" });
    expect(res.status).toBe(201);
    expect(res.headers.get("x-correlation-id")).toBe("tab-7f3a.1");
    const created = logs.find((l) => l.message === "cohort created");
    expect(created?.fields).toMatchObject({ correlationId: "tab-7f3a.1", tenantId: TENANT });
  });

  it("when a request carries no id, then it gets a fresh UUID, in the header and in its log lines", async () => {
    const { res, logs } = await createCohort("Leaders summer");
    const id = res.headers.get("x-correlation-id");
    expect(id).toMatch(UUID);
    expect(logs.find((l) => l.message === "cohort created")?.fields.correlationId).toBe(id);
  });

  it.each([
    ["too long", "a".repeat(65)],
    ["with spaces and quotes", 'abc" level="fatal'],
    ["with a JSON brace", "x}{y"],
  ])("when the offered id is %s, then it is replaced by a fresh UUID and never logged", async (_what, forged) => {
    const { res, logs } = await createCohort(`Leaders ${forged.length}${forged.charCodeAt(1)}`, { "x-correlation-id": forged });
    const id = res.headers.get("x-correlation-id");
    expect(id).toMatch(UUID);
    expect(logs.find((l) => l.message === "cohort created")?.fields.correlationId).toBe(id);
    expect(JSON.stringify(logs)).not.toContain(forged);
  });

  it("when two requests run at the same time, then each one's log line carries its own id", async () => {
    const [a, b] = await Promise.all([createCohort("Leaders A", { "x-correlation-id": "req-a" }), createCohort("Leaders B", { "x-correlation-id": "req-b" })]);
    const lines = [...a.logs, ...b.logs].filter((l) => l.message === "cohort created");
    const byCohort = Object.fromEntries(lines.map((l) => [String(l.fields.cohortId), l.fields.correlationId]));
    expect(Object.values(byCohort).sort()).toEqual(["req-a", "req-b"]);
  });

  it("when the scheduler ticks, then each tenant's lines carry their own id, whose parent is the tick's", async () => {
    const before = server.logs.length;
    await server.service.scheduler.tick();
    const lines = server.logs.slice(before);
    const tickLine = lines.find((l) => l.message === "scheduler tick");
    const tenantLines = lines.filter((l) => l.fields.tenantId === TENANT && l.message !== "scheduler tick");
    expect(tickLine?.fields.correlationId).toMatch(UUID);
    expect(tenantLines.length).toBeGreaterThan(0);
    expect(new Set(tenantLines.map((l) => l.fields.correlationId)).size).toBe(1);
    expect(tenantLines[0]!.fields.correlationId).not.toBe(tickLine!.fields.correlationId);
    expect(tenantLines.every((l) => l.fields.parentCorrelationId === tickLine!.fields.correlationId)).toBe(true);
  });

  it("when a bot turn asks for help, then the use case's line and its follow-ups' lines share one fresh id whose parent is the request's, and the activity id is not logged", async () => {
    server.clock.set("2026-03-10T12:00:00.000Z");
    // Lee has never opened the app: the help request opens a chat and sends him the alert after the turn.
    await seedCohort(server.repos, { tenantId: TENANT, cohortId: "finance-help", members: [alex], facilitators: [lee], withoutChat: [lee], serviceUrl: server.connector.serviceUrl });
    const checkIn = { cohortId: "finance-help", sessionNumber: 1, tried: "Variance notes", worked: "", stuck: "It invented a number", minutesSaved: "5", confidence: "2", wantsHelp: "true" };
    const activity = invokeActivity({ serviceUrl: server.connector.serviceUrl, tenantId: TENANT, user: alex, conversationId: alex.conversationId, verb: CHECKIN_VERBS.submit, data: checkIn, replyToId: "checkin-card-1" });
    const before = server.logs.length;
    const sentBefore = server.connector.activities.length;

    const res = await fetch(`${server.baseUrl}/api/messages`, { method: "POST", headers: { "content-type": "application/json", "x-correlation-id": "connector-req-1" }, body: JSON.stringify(activity) });
    expect(res.status).toBe(200);
    expect(res.headers.get("x-correlation-id")).toBe("connector-req-1");
    const chat = await eventually(() => server.connector.createdConversations.find((c) => c.memberId === lee.aadObjectId));
    await eventually(() => server.connector.activities.slice(sentBefore).find((a) => a.conversationId === chat.conversationId));

    const turnLines = server.logs.slice(before);
    expect(turnLines.map((l) => l.message)).toContain("check-in recorded");
    expect(turnLines.length).toBeGreaterThan(1);
    const ids = new Set(turnLines.map((l) => l.fields.correlationId));
    expect(ids.size).toBe(1);
    expect([...ids][0]).toMatch(UUID);
    expect(turnLines.every((l) => l.fields.parentCorrelationId === "connector-req-1")).toBe(true);
    expect(JSON.stringify(turnLines)).not.toContain(activity.id);
  });

  it("when two bot turns run, then they get different ids", async () => {
    const bot = new BotDriver(server, TENANT);
    const before = server.logs.length;
    const [card] = await bot.say(alex, "ask");
    for (const text of ["Who reviews the prompts?", "Can I use it for board packs?"]) {
      await bot.invoke(alex, QUESTION_VERBS.submit, { ...actionData(card!, QUESTION_VERBS.submit), draftId: `draft-${text.length}`, text, anonymous: "false" });
    }
    const asked = server.logs.slice(before).filter((l) => l.message === "question asked");
    expect(asked).toHaveLength(2);
    expect(asked[0]!.fields.correlationId).not.toBe(asked[1]!.fields.correlationId);
  });
});
