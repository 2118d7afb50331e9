/**
 * The outbox: alerts, answers and win posts are delivery records like every timeline card, sent by
 * the scheduler at once when asked, ahead of a running fan-out, with their effects recorded (an
 * alert's reach, a win marked posted) however many times the send is attempted. Embedded Cosmos
 * DB, the real CloudAdapter, the Bot Connector stand-in; an injected clock.
 */
import { WIN_VERBS } from "../../../bot/src/cards/win.card";
import { ids } from "../../../bot/src/domain/ids";
import type { Delivery } from "../../../bot/src/domain/types";
import type { DeliveryStatusResponse } from "../../../bot/src/contract/api-contract";
import { apiAs } from "../../helpers/api-client";
import { BotDriver, cardText, eventually } from "../../helpers/bot-driver";
import { person, seedCohort } from "../../helpers/fixtures";
import { startTestServer, type TestServer } from "../../helpers/test-server";

const TENANT = "tenant-outbox";
const alex = person(61, "Alex Wilber");
const megan = person(62, "Megan Bowen");
const members = Array.from({ length: 12 }, (_, i) => person(630 + i, `Member ${i}`));
const CHANNEL = { teamId: "19:outbox-team", channelId: "19:outbox-channel@thread.tacv2", channelName: "Wins" };

/** `eventually` for probes that read the store. */
async function until<T>(probe: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 300; i++) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error("condition not met");
}

describe("the outbox", () => {
  let server: TestServer;
  let bot: BotDriver;

  beforeAll(async () => {
    server = await startTestServer({ now: "2026-03-10T12:00:00.000Z" });
    bot = new BotDriver(server, TENANT);
    const cohort = await seedCohort(server.repos, { tenantId: TENANT, members: [alex, ...members], facilitators: [megan], serviceUrl: server.connector.serviceUrl });
    await server.repos.cohorts.update({ ...cohort, winsChannel: { ...CHANNEL, serviceUrl: server.connector.serviceUrl } }, (await server.repos.cohorts.get(TENANT, cohort.id))!.etag);
  });
  afterAll(() => server.close());

  it("when a fan-out's backlog is due, then a message someone is waiting on is claimed first", async () => {
    const now = server.clock.now().toISOString();
    const earlier = "2026-03-09T09:30:00.000Z";
    const backlog: Delivery[] = members.map((m) => ({ id: ids.deliveryId("finance-test", "s1.learn", m.aadObjectId), tenantId: TENANT, cohortId: "finance-test", userId: m.aadObjectId, eventKey: "s1.learn", kind: "learn", status: "pending", attempts: 0, notBefore: earlier, createdAt: earlier, updatedAt: earlier }));
    await server.repos.deliveries.createManyIfAbsent(backlog);
    await server.ctx.outbox.enqueue([{ tenantId: TENANT, cohortId: "finance-test", userId: megan.aadObjectId, eventKey: "alert.ordering-check", kind: "alert", urgent: true }]);

    const claimed = await server.repos.deliveries.claimDue(TENANT, "finance-test", "test-instance", now, "2026-03-10T12:05:00.000Z", 3);
    expect(claimed.map((d) => d.eventKey)).toEqual(["alert.ordering-check", "s1.learn", "s1.learn"]);
    // Hand them back: the rest of this file sends through the service's own scheduler.
    for (const d of claimed) await server.repos.deliveries.update({ ...d, status: "skipped", claimedBy: undefined, claimExpiresAt: undefined }, d.etag);
  });

  it("when the same message is written twice, then it is one delivery", async () => {
    const message = { tenantId: TENANT, cohortId: "finance-test", userId: megan.aadObjectId, eventKey: "alert.twice", kind: "alert" as const, urgent: true };
    expect(await server.ctx.outbox.enqueue([message])).toBe(1);
    expect(await server.ctx.outbox.enqueue([message, message])).toBe(0);
    expect(await server.repos.deliveries.listForEvent(TENANT, "finance-test", "alert.twice")).toHaveLength(1);
  });

  it("when a member shares a win with consent, then it is posted to the channel without waiting for a tick, once, and marked posted", async () => {
    const before = server.connector.activities.length;
    const { status, body } = await bot.invoke(alex, WIN_VERBS.submit, { cohortId: "finance-test", draftId: "draft-win-outbox-1", text: "Board pack drafted in an hour", minutesSaved: "90", share: "true" });
    expect(status).toBe(200);
    expect(cardText(body.value)).toMatch(/channel/i);
    const posted = await eventually(() => server.connector.activities.slice(before).find((a) => a.conversationId === CHANNEL.channelId));
    expect(JSON.stringify(posted.activity)).toContain("Board pack drafted in an hour");
    const win = await until(async () => (await server.repos.wins.listByCohort(TENANT, "finance-test")).find((w) => w.text === "Board pack drafted in an hour" && w.postedToChannelAt));
    expect(win.postedToChannelAt).toBe(server.clock.now().toISOString());

    // The same card submitted again (a double click) is the same win: nothing is posted twice.
    await bot.invoke(alex, WIN_VERBS.submit, { cohortId: "finance-test", draftId: "draft-win-outbox-1", text: "Board pack drafted in an hour", minutesSaved: "90", share: "true" });
    await server.service.scheduler.sendSoon(TENANT, "finance-test");
    expect(server.connector.activities.filter((a) => a.conversationId === CHANNEL.channelId && JSON.stringify(a.activity).includes("Board pack drafted"))).toHaveLength(1);
  });

  it("when the channel refuses the post for good, then the win stays recorded, unposted, with the reason", async () => {
    server.connector.blockedConversations.add(CHANNEL.channelId);
    try {
      await bot.invoke(alex, WIN_VERBS.submit, { cohortId: "finance-test", draftId: "draft-win-outbox-2", text: "Minutes drafted from my notes", share: "true" });
      const win = (await server.repos.wins.listByCohort(TENANT, "finance-test")).find((w) => w.text === "Minutes drafted from my notes")!;
      const [delivery] = await until(async () => {
        const found = await server.repos.deliveries.listForEvent(TENANT, "finance-test", `win.${win.id}`);
        return found[0]?.status === "failed" ? found : undefined;
      });
      expect(delivery).toMatchObject({ status: "failed", permanent: true, failureReason: "the channel is gone or the app was removed from the team" });
      expect((await server.repos.wins.listByCohort(TENANT, "finance-test")).find((w) => w.id === win.id)?.postedToChannelAt).toBeUndefined();
      // The member is not marked unreachable: the channel refused, not them.
      expect((await server.repos.people.get(TENANT, alex.aadObjectId))?.unreachableSince).toBeUndefined();
    } finally {
      server.connector.blockedConversations.delete(CHANNEL.channelId);
    }
  });

  it("when facilitators look at what was sent, then each kind shows sent and not delivered with the reason in plain words, and members may not look", async () => {
    const asMegan = await apiAs(server, { tenantId: TENANT, userId: megan.aadObjectId, displayName: megan.name });
    const { status, body } = await asMegan.get("/api/cohorts/finance-test/deliveries");
    expect(status).toBe(200);
    const wins = (body as DeliveryStatusResponse).kinds.find((k) => k.group === "wins")!;
    expect(wins).toMatchObject({ sent: 1, failed: 1, problems: [{ text: "the channel is gone or the app was removed from the team", count: 1 }] });
    expect(JSON.stringify(body)).not.toContain(alex.aadObjectId);
    const asAlex = await apiAs(server, { tenantId: TENANT, userId: alex.aadObjectId, displayName: alex.name });
    expect((await asAlex.get("/api/cohorts/finance-test/deliveries")).status).toBe(403);
  });
});
