/**
 * Practice pods, against the embedded Cosmos DB and a LOCAL STAND-IN FOR MICROSOFT GRAPH
 * (tests/helpers/graph-stub.ts with the group-chat routes of graph-stub-chats.ts and the calendar
 * routes of graph-stub-calendar.ts; its tokens stand in for Entra ID). Graph itself cannot run here;
 * the Graph client, the chats adapter, the store, the scheduler, the API over HTTP and the bot over
 * HTTP (sending to the Bot Connector stand-in) are real. Retry-After is waited out on the test's
 * clock through the injected sleep, never on wall time.
 */
import { apiRoutes } from "../../../bot/src/contract/api-routes";
import type { PodsResponse } from "../../../bot/src/contract/live-sessions-contract";
import type { DeliveryStatusResponse } from "../../../bot/src/contract/api-contract";
import type { Confidence } from "../../../bot/src/domain/types";
import { createMeetingAttendance } from "../../../bot/src/graph/attendance.graph";
import { createPodChats } from "../../../bot/src/graph/chats.graph";
import { GraphClient } from "../../../bot/src/graph/graph-client";
import { createMeetingCalendar } from "../../../bot/src/graph/meetings";
import { createScheduler } from "../../../bot/src/scheduler/scheduler";
import { apiAs } from "../../helpers/api-client";
import { BotDriver } from "../../helpers/bot-driver";
import { person, seedCohort } from "../../helpers/fixtures";
import { standInTokens, startGraphStub, type GraphStub } from "../../helpers/graph-stub";
import { calendarStandIn } from "../../helpers/graph-stub-calendar";
import { chatsStandIn, type ChatsStandIn } from "../../helpers/graph-stub-chats";
import { messageActivity } from "../../helpers/teams-activities";
import { startTestServer, type TestServer } from "../../helpers/test-server";

const TENANT = "tenant-pods";
const COHORT = "finance-pods";
const CATALOG_ID = "0a1b2c3d-catalog-cohort-coach";
const NOW = "2026-03-02T08:00:00.000Z";
const members = Array.from({ length: 14 }, (_, i) => person(700 + i, `Pod member ${i}`));
const facilitator = person(790, "Pods facilitator");
/** Five very confident, five not at all, four unknown (counted as the middle). */
const confidenceOf = (i: number): Confidence | undefined => (i < 5 ? 5 : i < 10 ? 1 : undefined);

interface Harness {
  server: TestServer;
  stub: GraphStub;
  chats: ChatsStandIn;
  slept: number[];
  scheduler(id: string): ReturnType<typeof createScheduler>;
  close(): Promise<void>;
}

async function harness(): Promise<Harness> {
  const stub = await startGraphStub();
  const chats = chatsStandIn();
  stub.use(chats.route);
  stub.use(calendarStandIn().route);
  const server = await startTestServer({ now: NOW, env: { LIVE_SESSIONS_ENABLED: "true", GRAPH_BASE_URL: stub.baseUrl, TEAMS_APP_CATALOG_ID: CATALOG_ID } });
  await seedCohort(server.repos, { tenantId: TENANT, cohortId: COHORT, startDate: "2026-03-09", members, facilitators: [facilitator], serviceUrl: server.connector.serviceUrl, cohortName: "Finance pods" });
  stub.setUsers(TENANT, [...members, facilitator].map((p) => ({ id: p.aadObjectId, userPrincipalName: `${p.aadObjectId}@contoso.example`, displayName: p.name })));
  for (const [i, m] of members.entries()) {
    const confidence = confidenceOf(i);
    if (confidence === undefined) continue;
    await server.repos.loop.upsertCheckIn({ id: `checkin:${COHORT}:s1:${m.aadObjectId}`, tenantId: TENANT, cohortId: COHORT, userId: m.aadObjectId, sessionNumber: 1, tried: "", worked: "", stuck: "", minutesSaved: 0, confidence, wantsHelp: false, submittedAt: NOW, updatedAt: NOW });
  }
  const slept: number[] = [];
  const sleep = async (ms: number) => {
    slept.push(ms);
    server.clock.advance(ms);
  };
  const client = new GraphClient({ baseUrl: stub.baseUrl, tokens: standInTokens, sleep });
  const podChats = createPodChats(client, { graphBaseUrl: stub.baseUrl, teamsAppCatalogId: CATALOG_ID });
  return {
    server,
    stub,
    chats,
    slept,
    scheduler: (id) => createScheduler(server.ctx, server.service.bot.sender, { instanceId: id, podChats, meetings: createMeetingCalendar(client), attendance: createMeetingAttendance(client), ratePerSecond: 2000, random: () => 0.5 }),
    async close() {
      await server.close();
      await stub.close();
    },
  };
}

const staff = { tenantId: TENANT, userId: facilitator.aadObjectId, displayName: facilitator.name };

describe("practice pods in Teams group chats", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await harness();
  });
  afterEach(async () => {
    await h.close();
  });

  it("when a facilitator splits a 14-member cohort automatically, then 3 pods of 4 to 6 mixing confidence each get a group chat with the app in the stand-in (a 429 waited out), and on session day each chat receives the exercise card exactly once across two instances", async () => {
    const api = await apiAs(h.server, staff);
    const split = await api.send("PUT", apiRoutes.savePods.url({ cohortId: COHORT }), { mode: "auto" });
    expect(split.status).toBe(200);
    const body = split.body as PodsResponse;
    expect(body.pods).toHaveLength(3);
    expect(body.unassigned).toEqual([]);
    const confident = new Set(members.filter((_, i) => confidenceOf(i) === 5).map((m) => m.aadObjectId));
    const unsure = new Set(members.filter((_, i) => confidenceOf(i) === 1).map((m) => m.aadObjectId));
    for (const pod of body.pods) {
      expect(pod.members.length).toBeGreaterThanOrEqual(4);
      expect(pod.members.length).toBeLessThanOrEqual(6);
      expect(pod.chat).toBe("creating");
      expect(pod.members.some((m) => confident.has(m.userId))).toBe(true);
      expect(pod.members.some((m) => unsure.has(m.userId))).toBe(true);
    }
    expect(new Set(body.pods.flatMap((p) => p.members.map((m) => m.userId))).size).toBe(14);

    // Graph throttles the first chat creation: it is retried after Retry-After.
    h.stub.throttleNext("/v1.0/chats", 3, 1);
    await h.scheduler("instance-a").tick();
    expect(h.slept).toContain(3000);
    expect(h.chats.chats).toHaveLength(3);
    const byTopic = new Map(h.chats.chats.map((c) => [c.topic, c]));
    for (const pod of body.pods) {
      const chat = byTopic.get(`Finance pods · ${pod.name}`)!;
      expect(chat).toBeDefined();
      expect([...chat.memberIds].sort()).toEqual(pod.members.map((m) => m.userId).sort());
      expect(chat.roles.every((r) => r.includes("owner"))).toBe(true);
      expect(chat.installedApps).toEqual([{ teamsAppId: CATALOG_ID, rsc: ["ChatMessage.Read.Chat"] }]);
    }

    // A second instance and more ticks make no second chat.
    await Promise.all([h.scheduler("instance-b").tick(), h.scheduler("instance-a").tick()]);
    expect(h.chats.chats).toHaveLength(3);
    const ready = (await api.get(apiRoutes.pods.url({ cohortId: COHORT }))).body as PodsResponse;
    expect(ready.pods.map((p) => p.chat)).toEqual(["ready", "ready", "ready"]);
    expect(ready.pods.every((p) => p.exercisesPosted === 0)).toBe(true);

    // Session 1's brief day: two instances tick at once, then again.
    h.server.clock.set("2026-03-09T09:31:00.000Z");
    await Promise.all([h.scheduler("instance-a").tick(), h.scheduler("instance-b").tick()]);
    await h.scheduler("instance-b").tick();
    for (const chat of h.chats.chats) {
      const posts = h.server.connector.activities.filter((a) => a.conversationId === chat.id);
      expect(posts).toHaveLength(1);
      const card = JSON.stringify(posts[0]!.activity);
      expect(card).toContain("Try it together");
      expect(card).toContain("share here what worked");
    }
    // A week on, the sign-in is a fresh one.
    const posted = (await (await apiAs(h.server, staff)).get(apiRoutes.pods.url({ cohortId: COHORT }))).body as PodsResponse;
    expect(posted.pods.map((p) => p.exercisesPosted)).toEqual([1, 1, 1]);
    // The facilitators' "Messages from the bot" counts them as their own kind.
    const status = (await (await apiAs(h.server, staff)).get(apiRoutes.deliveries.url({ cohortId: COHORT }))).body as DeliveryStatusResponse;
    expect(status.kinds.find((k) => k.group === "pods")).toMatchObject({ label: "Exercises posted to practice pods", sent: 3, waiting: 0, failed: 0 });
  });

  it("when a member writes in their pod's chat without mentioning the bot, then the pod's count goes up, the bot does not reply, and the text is stored and logged nowhere", async () => {
    const api = await apiAs(h.server, staff);
    expect((await api.send("PUT", apiRoutes.savePods.url({ cohortId: COHORT }), { mode: "auto" })).status).toBe(200);
    await h.scheduler("instance-a").tick();
    const chat = h.chats.chats[0]!;
    const author = members.find((m) => m.aadObjectId === chat.memberIds[0])!;
    const bot = new BotDriver(h.server, TENANT);
    const before = h.server.connector.activities.length;
    const secret = "Our supplier Contoso-Secret-4411 invoice draft";
    const message = messageActivity({ serviceUrl: h.server.connector.serviceUrl, tenantId: TENANT, user: author, conversationType: "groupChat", conversationId: chat.id, text: secret });
    const unmentioned = { ...message, text: secret, entities: message.entities.filter((e) => e.type !== "mention") };
    expect((await bot.post(unmentioned)).status).toBe(200);
    expect((await bot.post({ ...unmentioned, id: "second-message" })).status).toBe(200);
    // Even a mention in a pod's chat is only counted.
    expect((await bot.post({ ...message, id: "third-message" })).status).toBe(200);
    expect(h.server.connector.activities.length).toBe(before);

    const pods = (await api.get(apiRoutes.pods.url({ cohortId: COHORT }))).body as PodsResponse;
    const pod = pods.pods.find((p) => p.members.some((m) => m.userId === author.aadObjectId))!;
    expect(pod.activity).toEqual({ thisWeek: 3, total: 3, lastActiveOn: "2026-03-02" });
    expect(pods.pods.filter((p) => p.id !== pod.id).every((p) => p.activity.total === 0)).toBe(true);
    expect(JSON.stringify(pods)).not.toContain("Contoso-Secret-4411");
    expect(JSON.stringify(await h.server.repos.pods.listActivity(TENANT, COHORT))).not.toContain("Contoso-Secret-4411");
    expect(JSON.stringify(await h.server.repos.pods.get(TENANT, COHORT))).not.toContain("Contoso-Secret-4411");
    expect(JSON.stringify(h.server.logs)).not.toContain("Contoso-Secret-4411");

    // A group chat that is not a pod: an unmentioned message gets no answer either.
    const elsewhere = messageActivity({ serviceUrl: h.server.connector.serviceUrl, tenantId: TENANT, user: author, conversationType: "groupChat", conversationId: "19:not-a-pod@thread.v2", text: "lunch?" });
    expect((await bot.post({ ...elsewhere, entities: elsewhere.entities.filter((e) => e.type !== "mention") })).status).toBe(200);
    expect(h.server.connector.activities.length).toBe(before);
  });

  it("when an instance died after asking Teams for a pod's chat but before recording it, then the pod is marked failed with a plain reason and no second chat is asked for; re-splitting is then allowed", async () => {
    const api = await apiAs(h.server, staff);
    expect((await api.send("PUT", apiRoutes.savePods.url({ cohortId: COHORT }), { mode: "auto" })).status).toBe(200);
    const stored = (await h.server.repos.pods.get(TENANT, COHORT))!;
    const { etag, ...split } = stored;
    // What a crash leaves: every pod's request written, no chat id.
    await h.server.repos.pods.save({ ...split, pods: split.pods.map((p) => ({ ...p, chatRequestedAt: NOW })) }, etag);
    await h.scheduler("instance-a").tick();
    expect(h.chats.chats).toHaveLength(0);
    const pods = (await api.get(apiRoutes.pods.url({ cohortId: COHORT }))).body as PodsResponse;
    expect(pods.pods.map((p) => p.chat)).toEqual(["failed", "failed", "failed"]);
    expect(pods.pods[0]!.problem).toMatch(/may or may not exist/);

    // Every pod failed: a new split replaces them, and its chats are made.
    expect((await api.send("PUT", apiRoutes.savePods.url({ cohortId: COHORT }), { mode: "auto" })).status).toBe(200);
    await h.scheduler("instance-a").tick();
    expect(h.chats.chats).toHaveLength(3);
    // Once chats exist, splitting again is refused with an explanation.
    const again = await api.send("PUT", apiRoutes.savePods.url({ cohortId: COHORT }), { mode: "auto" });
    expect(again.status).toBe(409);
    expect(JSON.stringify(again.body)).toMatch(/already have their Teams chats/);
  });

  it("when a manual split has a pod of 3, a stranger and someone twice, then it is refused with a plain message on each field and nothing is saved", async () => {
    const api = await apiAs(h.server, staff);
    const ids = members.map((m) => m.aadObjectId);
    const res = await api.send("PUT", apiRoutes.savePods.url({ cohortId: COHORT }), { mode: "manual", pods: [[ids[0], ids[1], ids[2], ids[3]], [ids[3], ids[4], ids[5], "00000000-0000-0000-aaaa-999999999999"]] });
    expect(res.status).toBe(400);
    const issues = (res.body as { error: { issues: Array<{ field: string; message: string }> } }).error.issues;
    expect(issues).toEqual(
      expect.arrayContaining([
        { field: "pods[1][0]", message: expect.stringMatching(/already in pod 1/) },
        { field: "pods[1][3]", message: expect.stringMatching(/not a member of this cohort/) },
      ]),
    );
    const tooSmall = await api.send("PUT", apiRoutes.savePods.url({ cohortId: COHORT }), { mode: "manual", pods: [[ids[0], ids[1], ids[2]]] });
    expect(tooSmall.status).toBe(400);
    expect(JSON.stringify(tooSmall.body)).toMatch(/4 to 6/);
    expect(await h.server.repos.pods.get(TENANT, COHORT)).toBeUndefined();
  });
});

describe("practice pods without the app's catalogue id", () => {
  it("when TEAMS_APP_CATALOG_ID is not set, then splitting is refused with a plain message before any chat is made, and nothing is saved", async () => {
    const stub = await startGraphStub();
    const chats = chatsStandIn();
    stub.use(chats.route);
    const server = await startTestServer({ now: NOW, env: { LIVE_SESSIONS_ENABLED: "true", GRAPH_BASE_URL: stub.baseUrl } });
    try {
      await seedCohort(server.repos, { tenantId: TENANT, cohortId: COHORT, startDate: "2026-03-09", members, facilitators: [facilitator], serviceUrl: server.connector.serviceUrl, cohortName: "Finance pods" });
      const res = await (await apiAs(server, staff)).send("PUT", apiRoutes.savePods.url({ cohortId: COHORT }), { mode: "auto" });
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body)).toContain("TEAMS_APP_CATALOG_ID");
      expect(await server.repos.pods.get(TENANT, COHORT)).toBeUndefined();
      expect(chats.chats).toHaveLength(0);
    } finally {
      await server.close();
      await stub.close();
    }
  });
});
