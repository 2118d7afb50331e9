/**
 * The scheduler against the embedded Cosmos DB and the real CloudAdapter, sending to the Bot
 * Connector stand-in, on an injected clock: the right local day and hour, exactly once through
 * crashes and concurrent instances, Retry-After honoured, permanent failures never retried.
 */
import type { CardSender } from "../../../bot/src/domain/ports";
import { createScheduler, sendLeaseOf } from "../../../bot/src/scheduler/scheduler";
import type { Timing } from "../../../bot/src/scheduler/send-pacer";
import { STARTER_POLICY } from "../../../bot/src/domain/policy-template";
import { conversationOf, person, seedCohort, type FixturePerson } from "../../helpers/fixtures";
import { startTestServer, type TestServer } from "../../helpers/test-server";

const members = Array.from({ length: 30 }, (_, i) => person(700 + i, `Member ${i}`));
const fac = person(799, "Facilitator");
const fast = { ratePerSecond: 2000, random: () => 0.5 };

async function setup(tenantId: string, now: string, startDate?: string): Promise<TestServer> {
  const server = await startTestServer({ now });
  await seedCohort(server.repos, { tenantId, members, facilitators: [fac], serviceUrl: server.connector.serviceUrl, policy: false, ...(startDate ? { startDate } : {}) });
  return server;
}

/** The scheduler's sleeps move the test's clock instead of waiting, after `onSleep` has run. */
function sleepsOnTestClock(server: TestServer, onSleep: (ms: number) => void | Promise<void>): Timing {
  return {
    now: () => server.clock.now().getTime(),
    sleep: async (ms) => {
      await onSleep(ms);
      server.clock.advance(ms);
    },
  };
}

function sendsPer(server: TestServer, people: FixturePerson[]): number[] {
  const counts = server.connector.sendsByConversation();
  return people.map((p) => counts.get(p.conversationId) ?? 0);
}

describe("the scheduler", () => {
  it("when the clock reaches 09:30 local on the first working day, then the session brief goes out, not a minute before", async () => {
    const server = await setup("t-time", "2026-03-02T09:29:00.000Z");
    try {
      const scheduler = createScheduler(server.ctx, server.service.bot.sender, fast);
      await scheduler.tick();
      expect(server.connector.activities.filter((a) => JSON.stringify(a.activity).includes("Session 1:"))).toHaveLength(0);
      server.clock.set("2026-03-02T09:30:00.000Z");
      await scheduler.tick();
      expect(server.connector.activities.filter((a) => JSON.stringify(a.activity).includes("Session 1:"))).toHaveLength(members.length);
    } finally {
      await server.close();
    }
  });

  it("when the clocks have gone forward, then the check-in on session 2 goes out at 09:30 BST (08:30 UTC)", async () => {
    // Session 2 on Monday 30 March, the day after the change; its check-in opens on the Tuesday.
    const server = await setup("t-dst", "2026-03-31T08:29:00.000Z", "2026-03-23");
    try {
      const scheduler = createScheduler(server.ctx, server.service.bot.sender, fast);
      await scheduler.tick();
      const before = server.connector.activities.length;
      server.clock.set("2026-03-31T08:30:00.000Z");
      await scheduler.tick();
      const sent = server.connector.activities.slice(before).map((a) => JSON.stringify(a.activity));
      expect(sent.filter((s) => s.includes("reflecting on session 2"))).toHaveLength(members.length);
    } finally {
      await server.close();
    }
  });

  it("when the sender is killed mid-fan-out and a new instance starts after the claims expire, then every member gets the card exactly once", async () => {
    const server = await setup("t-crash", "2026-04-22T09:00:00.000Z"); // adoption.w8 alone is due
    try {
      let sends = 0;
      const real = server.service.bot.sender;
      const crashing: CardSender = {
        ...real,
        async sendToPerson(p, card, summary) {
          if (p.userId !== fac.aadObjectId && ++sends > 12) throw new Error("process killed");
          return real.sendToPerson(p, card, summary);
        },
      };
      const first = createScheduler(server.ctx, crashing, { ...fast, instanceId: "doomed", batchSize: 10, concurrency: 1, plan: { catchUpMs: 3600_000 } });
      await first.tick();
      expect(sendsPer(server, members).filter((n) => n === 1)).toHaveLength(12);
      const deliveries = await server.repos.deliveries.listByCohort("t-crash", "finance-test");
      const stranded = deliveries.filter((d) => d.eventKey === "adoption.w8" && d.status === "claimed" && d.claimedBy === "doomed").length;
      expect(stranded).toBeGreaterThan(0);
      expect(stranded).toBeLessThan(members.length - 12);

      const second = createScheduler(server.ctx, real, { ...fast, instanceId: "survivor", plan: { catchUpMs: 3600_000 } });
      await second.tick();
      // The deliveries the dead instance never claimed go out; those it claimed but did not send wait for their claims to expire.
      expect(sendsPer(server, members).filter((n) => n === 1)).toHaveLength(members.length - stranded);

      server.clock.set("2026-04-22T09:06:00.000Z");
      await second.tick();
      expect(sendsPer(server, members)).toEqual(members.map(() => 1));
    } finally {
      await server.close();
    }
  });

  it("when the scheduler is stopped mid-fan-out, then it hands back its unsent claims and another instance sends them at once", async () => {
    const server = await setup("t-stop", "2026-04-22T09:00:00.000Z");
    try {
      const real = server.service.bot.sender;
      let sends = 0;
      let stopping: Promise<void> | undefined;
      const stoppingAfterFive: CardSender = {
        ...real,
        async sendToPerson(p, card, summary) {
          if (++sends === 5) stopping = leaving.stop();
          return real.sendToPerson(p, card, summary);
        },
      };
      const leaving = createScheduler(server.ctx, stoppingAfterFive, { ...fast, instanceId: "leaving", concurrency: 1, plan: { catchUpMs: 3600_000 } });
      const report = await leaving.tick();
      await stopping;
      expect(report.sent).toBe(5);
      const deliveries = await server.repos.deliveries.listByCohort("t-stop", "finance-test");
      expect(deliveries.filter((d) => d.status === "sent")).toHaveLength(5);
      expect(deliveries.filter((d) => d.status === "pending" && !d.claimedBy)).toHaveLength(members.length + 1 - 5);
      expect(server.logs.some((l) => l.message === "claims released on stop" && l.fields.released === members.length + 1 - 5)).toBe(true);

      // Same minute: nothing waits for a claim to expire.
      const next = createScheduler(server.ctx, real, { ...fast, instanceId: "next", plan: { catchUpMs: 3600_000 } });
      expect((await next.tick()).sent).toBe(members.length + 1 - 5);
      expect(sendsPer(server, members)).toEqual(members.map(() => 1));
    } finally {
      await server.close();
    }
  });

  it("when two instances tick at the same time, then every member gets the card exactly once", async () => {
    const server = await setup("t-pair", "2026-04-22T09:00:00.000Z");
    try {
      const a = createScheduler(server.ctx, server.service.bot.sender, { ...fast, instanceId: "a", batchSize: 7, plan: { catchUpMs: 3600_000 } });
      const b = createScheduler(server.ctx, server.service.bot.sender, { ...fast, instanceId: "b", batchSize: 7, plan: { catchUpMs: 3600_000 } });
      const [ra, rb] = await Promise.all([a.tick(), b.tick()]);
      // Every member gets the week-8 check; the facilitator one digest of those who missed two check-ins.
      expect(ra.sent + rb.sent).toBe(members.length + 1);
      // One of them held the send lease: together they never exceed Teams' per-app rate.
      expect(Math.min(ra.sent, rb.sent)).toBe(0);
      const digests = server.connector.activities.filter((a) => a.conversationId === fac.conversationId);
      expect(digests).toHaveLength(1);
      expect(JSON.stringify(digests[0]!.activity)).toContain("30 members have missed two check-ins");
      expect(sendsPer(server, members)).toEqual(members.map(() => 1));
      const deliveries = await server.repos.deliveries.listByCohort("t-pair", "finance-test");
      expect(deliveries.filter((d) => d.eventKey === "adoption.w8" && d.status === "sent")).toHaveLength(members.length);
    } finally {
      await server.close();
    }
  });

  it("when the sending instance dies holding a tenant's send lease, then another tenant's cards still go out, and the first tenant's once the lease expires", async () => {
    const server = await setup("t-lease", "2026-04-22T09:00:00.000Z");
    try {
      const otherOrg = Array.from({ length: 5 }, (_, i) => person(900 + i, `Other org ${i}`));
      await seedCohort(server.repos, { tenantId: "t-lease-other", members: otherOrg, facilitators: [person(950, "Other facilitator")], serviceUrl: server.connector.serviceUrl, policy: false });
      // As if an instance had taken t-lease's lease at 09:00 and then been killed (no release).
      expect(await server.repos.leases.tryAcquire(sendLeaseOf("t-lease"), "killed-instance", "2026-04-22T09:00:00.000Z", "2026-04-22T09:01:00.000Z")).toBe(true);
      const survivor = createScheduler(server.ctx, server.service.bot.sender, { ...fast, instanceId: "survivor", plan: { catchUpMs: 3600_000 } });
      const meanwhile = await survivor.tick();
      expect(meanwhile).toMatchObject({ planned: members.length + 1 + otherOrg.length + 1, sent: otherOrg.length + 1 });
      expect(sendsPer(server, otherOrg)).toEqual(otherOrg.map(() => 1));
      expect(sendsPer(server, members)).toEqual(members.map(() => 0));

      server.clock.set("2026-04-22T09:01:00.001Z");
      expect((await survivor.tick()).sent).toBe(members.length + 1);
      expect(sendsPer(server, members)).toEqual(members.map(() => 1));
      expect(sendsPer(server, otherOrg)).toEqual(otherOrg.map(() => 1));
    } finally {
      await server.close();
    }
  });

  it("when Teams answers 429 with Retry-After, then the card waits that long and is sent once after", async () => {
    const server = await setup("t-429", "2026-04-22T09:00:00.000Z");
    try {
      server.connector.setFaults({ rate429: 1, retryAfterSeconds: 30 });
      const scheduler = createScheduler(server.ctx, server.service.bot.sender, { ...fast, plan: { catchUpMs: 3600_000 } });
      const first = await scheduler.tick();
      expect(first.retried).toBe(members.length + 1);
      const waiting = await server.repos.deliveries.listByCohort("t-429", "finance-test");
      expect(waiting.every((d) => d.status === "pending" && d.notBefore === "2026-04-22T09:00:30.000Z")).toBe(true);

      server.connector.setFaults({});
      const requestsBefore = server.connector.stats.requests;
      server.clock.set("2026-04-22T09:00:29.000Z");
      await scheduler.tick();
      expect(server.connector.stats.requests).toBe(requestsBefore);

      server.clock.set("2026-04-22T09:00:31.000Z");
      await scheduler.tick();
      expect(sendsPer(server, members)).toEqual(members.map(() => 1));
    } finally {
      await server.close();
    }
  });

  it("when Teams answers 429 with a short Retry-After, then the same tick waits it out and sends once after", async () => {
    const server = await setup("t-429-short", "2026-04-22T09:00:00.000Z");
    try {
      server.connector.setFaults({ rate429: 1, retryAfterSeconds: 2 });
      const sleeps: number[] = [];
      // By the time the scheduler wakes, Teams has recovered.
      const timing = sleepsOnTestClock(server, (ms) => {
        sleeps.push(ms);
        server.connector.setFaults({});
      });
      const scheduler = createScheduler(server.ctx, server.service.bot.sender, { ...fast, timing, plan: { catchUpMs: 3600_000 } });
      const report = await scheduler.tick();
      expect(report).toMatchObject({ retried: members.length + 1, sent: members.length + 1, failed: 0 });
      // The Retry-After, then the quiet second before the send lease is handed back.
      expect(sleeps[0]).toBe(2000);
      expect(sleeps.slice(1).every((ms) => ms <= 1025)).toBe(true);
      expect(sleeps.length).toBeLessThanOrEqual(2);
      expect(sendsPer(server, members)).toEqual(members.map(() => 1));
      const deliveries = await server.repos.deliveries.listByCohort("t-429-short", "finance-test");
      expect(deliveries.every((d) => d.status === "sent" && d.attempts === 2 && d.sentAt! >= "2026-04-22T09:00:02.000Z")).toBe(true);
    } finally {
      await server.close();
    }
  });

  it("when a member's first card is throttled, then it keeps its claim, and their next card waits behind it", async () => {
    const server = await setup("t-order", "2026-03-02T09:30:00.000Z"); // session 1: the brief, then the apply card
    try {
      const real = server.service.bot.sender;
      const throttledOnce = members[0]!;
      let throttled = false;
      const sender: CardSender = {
        ...real,
        async sendToPerson(p, card, summary) {
          if (p.userId === throttledOnce.aadObjectId && !throttled) {
            throttled = true;
            // The claim as it stands while the card waits out its Retry-After.
            const waiting = (await server.repos.deliveries.listByCohort("t-order", "finance-test")).filter((d) => d.userId === p.userId);
            expect(waiting.every((d) => d.status === "claimed")).toBe(true);
            return { ok: false, failure: { kind: "throttled", status: 429, retryAfterMs: 3000 } };
          }
          return real.sendToPerson(p, card, summary);
        },
      };
      const claimsWhileWaiting: string[] = [];
      const timing = sleepsOnTestClock(server, async () => {
        // The first sleep waits out the Retry-After (a later one, the quiet second before the send lease is handed back).
        if (claimsWhileWaiting.length > 0) return;
        const mine = (await server.repos.deliveries.listByCohort("t-order", "finance-test")).filter((d) => d.userId === throttledOnce.aadObjectId);
        claimsWhileWaiting.push(...mine.map((d) => `${d.eventKey}:${d.status}:${d.attempts}`));
      });
      const report = await createScheduler(server.ctx, sender, { ...fast, timing }).tick();
      expect(report).toMatchObject({ retried: 1, failed: 0, lostClaims: 0 });
      // Waiting out the 3 s, the throttled card (the baseline, first in order) stays claimed by this
      // pass, so no other instance can take it, and the member's brief and apply card wait behind it.
      expect(claimsWhileWaiting.sort()).toEqual(["adoption.w0:claimed:1", "s1.apply:claimed:0", "s1.learn:claimed:0"]);
      const cardsTo = (p: FixturePerson) => server.connector.activities.filter((a) => a.conversationId === p.conversationId).map((a) => String(a.activity.summary));
      expect(new Set(cardsTo(throttledOnce)).size).toBe(3);
      expect(cardsTo(throttledOnce)).toEqual(cardsTo(members[1]!));
      expect((await server.repos.deliveries.listByCohort("t-order", "finance-test")).every((d) => d.status === "sent")).toBe(true);
    } finally {
      await server.close();
    }
  });

  it("when the scheduler is stopped while throttled cards wait out their Retry-After, then it hands them back, due when Teams said", async () => {
    const server = await setup("t-stop-429", "2026-04-22T09:00:00.000Z");
    try {
      server.connector.setFaults({ rate429: 1, retryAfterSeconds: 2 });
      let stopping: Promise<void> | undefined;
      const timing = sleepsOnTestClock(server, () => {
        stopping ??= scheduler.stop();
      });
      const scheduler = createScheduler(server.ctx, server.service.bot.sender, { ...fast, timing, plan: { catchUpMs: 3600_000 } });
      const report = await scheduler.tick();
      await stopping;
      expect(report).toMatchObject({ sent: 0, retried: members.length + 1 });
      const deliveries = await server.repos.deliveries.listByCohort("t-stop-429", "finance-test");
      expect(deliveries).toHaveLength(members.length + 1);
      for (const d of deliveries) expect(d).toMatchObject({ status: "pending", attempts: 1, notBefore: "2026-04-22T09:00:02.000Z", failureReason: "throttled (429)" });
      expect(deliveries.some((d) => d.claimedBy)).toBe(false);
    } finally {
      await server.close();
    }
  });

  it("when nothing has changed since the last planning, then a tick reads no memberships; a new member or a new policy version is planned at once", async () => {
    const server = await setup("t-quiet", "2026-04-22T09:00:00.000Z");
    try {
      let membershipReads = 0;
      const memberships = server.ctx.repos.memberships;
      const listByCohort = memberships.listByCohort.bind(memberships);
      memberships.listByCohort = (tenantId, cohortId) => {
        membershipReads++;
        return listByCohort(tenantId, cohortId);
      };
      const scheduler = createScheduler(server.ctx, server.service.bot.sender, { ...fast, plan: { catchUpMs: 3600_000, fullReplanMs: 3600_000 } });
      expect((await scheduler.tick()).planned).toBe(members.length + 1);
      expect(membershipReads).toBe(1);

      server.clock.set("2026-04-22T09:05:00.000Z");
      expect((await scheduler.tick()).planned).toBe(0);
      expect(membershipReads).toBe(1);

      const late = person(790, "Late Joiner");
      await server.repos.people.upsert({ tenantId: "t-quiet", userId: late.aadObjectId, displayName: late.name, conversationReference: conversationOf(late, "t-quiet", server.connector.serviceUrl), updatedAt: "2026-04-22T09:05:30.000Z" });
      await server.repos.memberships.upsertMany([{ tenantId: "t-quiet", cohortId: "finance-test", userId: late.aadObjectId, displayName: late.name, joinedAt: "2026-04-22T09:05:30.000Z" }]);
      server.clock.set("2026-04-22T09:06:00.000Z");
      expect(await scheduler.tick()).toMatchObject({ planned: 1, sent: 1 });
      expect(membershipReads).toBe(2);
      expect(sendsPer(server, [late])).toEqual([1]);

      await server.repos.policies.publish({ tenantId: "t-quiet", version: 1, ...STARTER_POLICY, publishedAt: "2026-04-22T09:06:30.000Z", publishedBy: "admin" }, 0);
      server.clock.set("2026-04-22T09:07:00.000Z");
      expect(await scheduler.tick()).toMatchObject({ planned: members.length + 1, sent: members.length + 1 });
      expect(membershipReads).toBe(3);

      // An hour on, planning runs in full once as a backstop, and finds nothing new.
      server.clock.set("2026-04-22T10:07:00.000Z");
      expect((await scheduler.tick()).planned).toBe(0);
      expect(membershipReads).toBe(4);
      expect(sendsPer(server, [...members, late])).toEqual([...members, late].map(() => 2));
    } finally {
      await server.close();
    }
  });

  it("when a member has blocked the bot (403), then the delivery fails permanently and is never retried", async () => {
    const server = await setup("t-403", "2026-04-22T09:00:00.000Z");
    try {
      const blocked = members[3]!;
      server.connector.blockedConversations.add(blocked.conversationId);
      const scheduler = createScheduler(server.ctx, server.service.bot.sender, { ...fast, plan: { catchUpMs: 3600_000 } });
      const report = await scheduler.tick();
      expect(report.failed).toBe(1);
      const delivery = (await server.repos.deliveries.listByCohort("t-403", "finance-test")).find((d) => d.userId === blocked.aadObjectId)!;
      expect(delivery).toMatchObject({ status: "failed", permanent: true, attempts: 1 });
      expect((await server.repos.people.get("t-403", blocked.aadObjectId))!.unreachableSince).toBeDefined();
      server.clock.set("2026-04-23T09:00:00.000Z");
      await scheduler.tick();
      expect(server.connector.stats.blocked).toBe(1);
    } finally {
      await server.close();
    }
  });

  it("when a fan-out runs, then per-event counts are available for the tab", async () => {
    const server = await setup("t-counts", "2026-04-22T09:00:00.000Z");
    try {
      server.connector.blockedConversations.add(members[0]!.conversationId);
      await createScheduler(server.ctx, server.service.bot.sender, { ...fast, plan: { catchUpMs: 3600_000 } }).tick();
      const counts = await server.repos.deliveries.countsByEvent("t-counts", "finance-test");
      expect(counts.find((c) => c.eventKey === "adoption.w8")).toMatchObject({ sent: members.length - 1, failed: 1, pending: 0 });
      expect(server.logs.some((l) => l.message === "delivery batch" && l.fields.cohortId === "finance-test")).toBe(true);
    } finally {
      await server.close();
    }
  });
});
