/**
 * The bot endpoint is throttled before the adapter runs: per sender and per conversation (429 with
 * Retry-After, nothing processed, nothing sent), repeated failed bot authentications per IP, and a
 * cap on the replies the bot sends into one conversation.
 */
import { createBotThrottle } from "../../../bot/src/teams/bot-throttle";
import { BotDriver } from "../../helpers/bot-driver";
import { person, seedCohort } from "../../helpers/fixtures";
import { messageActivity } from "../../helpers/teams-activities";
import { startTestServer, type TestServer } from "../../helpers/test-server";

const TENANT = "tenant-limits";
const alex = person(81, "Alex Wilber");
const megan = person(82, "Megan Bowen");

async function post(server: TestServer, activity: object) {
  const res = await fetch(`${server.baseUrl}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(activity) });
  await res.text();
  return res;
}

describe("bot endpoint throttling with the default limits", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ now: "2026-03-10T12:00:00.000Z" });
    await seedCohort(server.repos, { tenantId: TENANT, members: [alex], facilitators: [megan], serviceUrl: server.connector.serviceUrl });
  });
  afterAll(() => server.close());

  it("when one member sends 200 messages at once, then most are refused with 429 and Retry-After, and the bot replies at most 60 times", async () => {
    const before = server.connector.activities.length;
    const activity = () => messageActivity({ serviceUrl: server.connector.serviceUrl, tenantId: TENANT, user: alex, conversationId: alex.conversationId, text: "help" });
    const responses = await Promise.all(Array.from({ length: 200 }, () => post(server, activity())));
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(60);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(140);
    const refused = responses.find((r) => r.status === 429)!;
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers.get("retry-after"))).toBeLessThanOrEqual(10);
    expect(server.connector.activities.length - before).toBeLessThanOrEqual(60);
    expect(JSON.stringify(server.logs.filter((l) => l.message === "bot activity throttled"))).not.toContain(alex.aadObjectId);
  });
});

describe("bot endpoint throttling with configured limits", () => {
  let server: TestServer;
  let bot: BotDriver;
  beforeAll(async () => {
    server = await startTestServer({ now: "2026-03-10T12:00:00.000Z", env: { BOT_RATE_LIMIT_PER_USER: "5", BOT_RATE_LIMIT_PER_CONVERSATION: "8" } });
    bot = new BotDriver(server, TENANT);
    await seedCohort(server.repos, { tenantId: TENANT, members: [alex], facilitators: [megan], serviceUrl: server.connector.serviceUrl });
  });
  afterAll(() => server.close());

  it("when a member exceeds their own budget, then the extra messages get 429 and no reply, while another member is still served", async () => {
    const before = server.connector.activities.length;
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await bot.post(messageActivity({ serviceUrl: server.connector.serviceUrl, tenantId: TENANT, user: alex, conversationId: alex.conversationId, text: "help" }))).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
    expect(server.connector.activities.length - before).toBe(5);
    expect(await bot.say(megan, "help", { conversationId: megan.conversationId })).toHaveLength(1);
  });

  it("when many people post in one conversation, then the conversation's budget caps them together", async () => {
    const where = { serviceUrl: server.connector.serviceUrl, tenantId: TENANT, conversationType: "groupChat" as const, conversationId: "19:busy-group@thread.v2" };
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await bot.post(messageActivity({ ...where, user: person(900 + i, `Person ${i}`), text: "help" }))).status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(8);
    expect(statuses.slice(8)).toEqual([429, 429]);
  });
});

describe("failed bot authentication", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { BOT_ID: "00000000-0000-0000-0000-00000000b07", BOT_TENANT_ID: "tenant-auth", BOT_TYPE: "SingleTenant", BOT_PASSWORD: "not-a-real-secret", BOT_AUTH_FAILURES_PER_IP: "3" } });
  });
  afterEach(() => jest.restoreAllMocks());
  afterAll(() => server.close());

  it("when one IP keeps failing authentication, then after the limit it is refused with 429 before its token is checked", async () => {
    jest.spyOn(console, "error").mockImplementation(() => undefined);
    const activity = messageActivity({ serviceUrl: server.connector.serviceUrl, tenantId: "tenant-auth", user: alex, text: "help" });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await post(server, activity)).status);
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    const refused = await post(server, activity);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(10);
    expect(server.connector.activities).toEqual([]);
  });
});

describe("the reply cap", () => {
  it("when a conversation has had its replies for the window, then further replies are dropped (another conversation is unaffected)", async () => {
    const throttle = createBotThrottle({ perUserPer10s: 100, perConversationPer10s: 3, authFailuresPerIpPer10min: 5 });
    expect(await throttle.mayReply("a", 2)).toBe(true);
    expect(await throttle.mayReply("a", 1)).toBe(true);
    expect(await throttle.mayReply("a", 1)).toBe(false);
    expect(await throttle.mayReply("b", 1)).toBe(true);
    expect(await throttle.mayReply("a", 0)).toBe(true);
  });
});
