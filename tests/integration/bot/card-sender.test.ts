/**
 * The proactive sender the scheduler and the API use, over real HTTP through the CloudAdapter to
 * the local Bot Connector stand-in, which answers as Teams does — including 429 with Retry-After,
 * 5xx and 403 for a member who blocked the bot. It never throws: it says what kind of failure it was.
 */
import { buildNoticeCard } from "../../../bot/src/cards/notice.card";
import type { Person } from "../../../bot/src/domain/types";
import { cardOf, cardText } from "../../helpers/bot-driver";
import { person } from "../../helpers/fixtures";
import { BOT } from "../../helpers/teams-activities";
import { startTestServer, type TestServer } from "../../helpers/test-server";

const TENANT = "tenant-sender";
const card = buildNoticeCard("Hello", "A proactive card.");

describe("the card sender", () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterEach(() => server.connector.setFaults({}));
  afterAll(() => server.close());

  const reachable = (n: number, serviceUrl = server.connector.serviceUrl): Person => {
    const p = person(n, `Person ${n}`);
    return {
      tenantId: TENANT,
      userId: p.aadObjectId,
      displayName: p.name,
      conversationReference: { channelId: "msteams", serviceUrl, bot: BOT, user: { id: p.id, aadObjectId: p.aadObjectId }, conversation: { id: p.conversationId, conversationType: "personal", tenantId: TENANT } },
      updatedAt: "2026-03-01T00:00:00.000Z",
    };
  };
  const send = (to: Person) => server.service.bot.sender.sendToPerson(to, card, "A proactive card");

  it("when Teams accepts the card, then the result carries the id Teams gave the message", async () => {
    const result = await send(reachable(31));
    expect(result).toEqual({ ok: true, activityId: expect.stringMatching(/^\d+$/) });
    const recorded = server.connector.activities.find((a) => result.ok && a.activityId === result.activityId)!;
    expect(recorded.conversationId).toBe(person(31, "").conversationId);
    expect(recorded.activity).toMatchObject({ summary: "A proactive card" });
    expect(cardText(cardOf(recorded))).toMatch(/A proactive card/);
  });

  it("when Teams throttles with Retry-After, then the failure says how long to wait", async () => {
    server.connector.setFaults({ rate429: 1, retryAfterSeconds: 7 });
    expect(await send(reachable(32))).toEqual({ ok: false, failure: { kind: "throttled", status: 429, retryAfterMs: 7000 } });
  });

  it("when Teams throttles without Retry-After, then the failure leaves the wait to the caller's backoff", async () => {
    server.connector.setFaults({ rate429: 1 });
    expect(await send(reachable(33))).toEqual({ ok: false, failure: { kind: "throttled", status: 429 } });
  });

  it("when Teams fails with a 5xx, then the failure is transient", async () => {
    server.connector.setFaults({ rate500: 1 });
    expect(await send(reachable(34))).toMatchObject({ ok: false, failure: { kind: "transient", status: 500 } });
  });

  it("when the member blocked the bot, then the failure is permanent", async () => {
    const blocked = reachable(35);
    server.connector.blockedConversations.add(person(35, "").conversationId);
    expect(await send(blocked)).toMatchObject({ ok: false, failure: { kind: "permanent", status: 403 } });
  });

  it("when the Teams endpoint cannot be reached at all, then the failure is transient, not an exception", async () => {
    expect(await send(reachable(36, "http://127.0.0.1:9/"))).toMatchObject({ ok: false, failure: { kind: "transient" } });
  });

  it("when there is no conversation with the person, then nothing is sent and the failure is permanent", async () => {
    const stranger = { ...reachable(37), conversationReference: undefined };
    const before = server.connector.activities.length;
    expect(await send(stranger)).toMatchObject({ ok: false, failure: { kind: "permanent" } });
    expect(server.connector.activities.length).toBe(before);
  });

  it("when a card goes to a channel, then it is posted in that channel; a team the app never saw is permanent", async () => {
    const sender = server.service.bot.sender;
    const channel = { teamId: "19:team@thread.tacv2", channelId: "19:wins@thread.tacv2" };
    expect(await sender.sendToChannel(TENANT, { ...channel, serviceUrl: server.connector.serviceUrl }, card, "A win")).toMatchObject({ ok: true });
    expect(server.connector.activities.at(-1)?.conversationId).toBe(channel.channelId);
    expect(await sender.sendToChannel(TENANT, channel, card, "A win")).toMatchObject({ ok: false, failure: { kind: "permanent" } });
  });
});
