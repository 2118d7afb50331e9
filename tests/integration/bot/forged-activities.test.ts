/**
 * Without bot authentication (local mode) nothing about an activity is verified, so it may not
 * decide where the bot talks: only a loopback serviceUrl (the Agents Playground, the tests' Bot
 * Connector stand-in) is accepted, and a stored conversation reference is only ever updated from
 * an activity whose sender was verified (the CloudAdapter's JWT check, serviceurl claim included)
 * or, in local mode, that came through a loopback Bot Connector.
 */
import { isLoopbackServiceUrl, mayRememberReference } from "../../../bot/src/teams/conversation-references";
import { BotDriver, eventually } from "../../helpers/bot-driver";
import { person, seedCohort } from "../../helpers/fixtures";
import { installActivity, messageActivity, membersAddedActivity, type ActivityBase } from "../../helpers/teams-activities";
import { startTestServer, type TestServer } from "../../helpers/test-server";

const TENANT = "tenant-forged";
const alex = person(71, "Alex Wilber");
const megan = person(72, "Megan Bowen");
const TEAM = { id: "19:forged-team@thread.tacv2", name: "Finance team" };

describe("forged activities in local mode", () => {
  let server: TestServer;
  let bot: BotDriver;

  beforeAll(async () => {
    // Each refusal also counts as a failed authentication from 127.0.0.1; this file makes many on purpose.
    server = await startTestServer({ now: "2026-03-10T12:00:00.000Z", env: { BOT_AUTH_FAILURES_PER_IP: "1000" } });
    bot = new BotDriver(server, TENANT);
    await seedCohort(server.repos, { tenantId: TENANT, members: [alex], facilitators: [megan], serviceUrl: server.connector.serviceUrl });
  });
  afterAll(() => server.close());

  const from = (serviceUrl: string, extra: Partial<ActivityBase> = {}): ActivityBase => ({ serviceUrl, tenantId: TENANT, user: alex, conversationId: alex.conversationId, ...extra });

  it.each(["http://evil.example:4000/", "https://smba.trafficmanager.net/emea/", "http://10.0.0.7:3978/", "http://localhost.evil.example/", "http://127.0.0.1.nip.io/", "http://user@127.0.0.1:9/"])(
    "when an activity carrying a member's aadObjectId names serviceUrl %s, then it is refused and their stored reference is unchanged",
    async (serviceUrl) => {
      const before = await server.repos.people.get(TENANT, alex.aadObjectId);
      const sentBefore = server.connector.activities.length;
      for (const activity of [messageActivity({ ...from(serviceUrl), text: "help" }), installActivity(from(serviceUrl)), membersAddedActivity(from(serviceUrl, { conversationType: "channel", conversationId: `${TEAM.id};messageid=1`, team: TEAM }))]) {
        const { status } = await bot.post(activity);
        expect([400, 401]).toContain(status);
      }
      const after = await server.repos.people.get(TENANT, alex.aadObjectId);
      expect(after?.conversationReference).toEqual(before?.conversationReference);
      expect(after?.updatedAt).toBe(before?.updatedAt);
      expect(server.connector.activities.length).toBe(sentBefore);
    },
  );

  it("when a facilitator's answer is sent after a forged activity, then it goes to the member's real chat", async () => {
    await bot.post(messageActivity({ ...from("http://evil.example:4000/"), text: "ask" }));
    await server.repos.questions.createIfAbsent({ id: "question:finance-test:forged-1", tenantId: TENANT, cohortId: "finance-test", text: "Where do I start?", askedOn: "2026-03-10", status: "open", anonymous: false, askedBy: alex.aadObjectId, askedByName: alex.name });
    const { etag } = (await server.repos.questions.get(TENANT, "finance-test", "question:finance-test:forged-1"))!;
    const token = await server.tokenFor({ tenantId: TENANT, userId: megan.aadObjectId, displayName: megan.name });
    const before = server.connector.activities.length;
    const res = await fetch(`${server.baseUrl}/api/cohorts/finance-test/questions/${encodeURIComponent("question:finance-test:forged-1")}/answer`, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify({ answer: "With the session brief.", etag }) });
    expect(res.status).toBe(200);
    // Sent through the outbox right after the answer is stored.
    await eventually(() => (server.connector.activities.length > before ? true : undefined));
    expect(server.connector.activities.slice(before).map((a) => a.conversationId)).toEqual([alex.conversationId]);
  });

  it("when a loopback Bot Connector posts, then the activity is served and the reference kept as before", async () => {
    const [help] = await bot.say(alex, "help", { conversationId: alex.conversationId });
    expect(help).toBeDefined();
    expect((await server.repos.people.get(TENANT, alex.aadObjectId))?.conversationReference).toMatchObject({ serviceUrl: server.connector.serviceUrl });
  });

  it("when service URLs are classified, then only http(s) on localhost, 127/8 and [::1] count as loopback", () => {
    for (const url of ["http://localhost:56150", "http://127.0.0.1:3978/", "https://127.4.5.6/", "http://[::1]:9000/"]) expect(isLoopbackServiceUrl(url)).toBe(true);
    for (const url of ["http://evil.example", "ftp://127.0.0.1/", "http://127.0.0.1.nip.io", "http://localhost.evil.example", "http://0.0.0.0:1/", "not a url", 42]) expect(isLoopbackServiceUrl(url)).toBe(false);
  });

  it("when a turn's identity was verified by the Bot Framework token, then its reference may be stored; an anonymous (no-auth) identity needs a loopback serviceUrl", () => {
    const turn = (identity: object | undefined, serviceUrl: string) => ({ adapter: { BotIdentityKey: Symbol.for("BotIdentity") }, turnState: new Map([[Symbol.for("BotIdentity"), identity]]), activity: { serviceUrl } });
    expect(mayRememberReference(turn({ isAuthenticated: true, authenticationType: "https://api.botframework.com" }, "https://smba.trafficmanager.net/emea/") as never)).toBe(true);
    expect(mayRememberReference(turn({ isAuthenticated: true, authenticationType: "anonymous" }, "https://smba.trafficmanager.net/emea/") as never)).toBe(false);
    expect(mayRememberReference(turn(undefined, "http://evil.example/") as never)).toBe(false);
    expect(mayRememberReference(turn({ isAuthenticated: true, authenticationType: "anonymous" }, "http://127.0.0.1:5000/") as never)).toBe(true);
  });
});
