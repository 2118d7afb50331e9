/**
 * Tenants in parallel: one instance sends several tenants' fan-outs at once, each at its own
 * ceiling, with a bounded number of tenants in flight; two instances sending for three tenants
 * deliver every card exactly once, and no tenant ever exceeds its own rate.
 *
 * Time is virtual: the pacers sleep on the test's clock, which a sleep moves forward to its
 * wake-up time, but never while a card is on its way to the stand-in; the stand-in stamps and
 * rate-limits on the same clock. So a send's time at the pacer is its time at the stand-in, and
 * the per-tenant windows counted there are exact, whatever the machine's load.
 */
import { setImmediate as nextTurn } from "node:timers/promises";
import type { CardSender } from "../../../bot/src/domain/ports";
import { createScheduler, sendLeaseOf } from "../../../bot/src/scheduler/scheduler";
import type { Timing } from "../../../bot/src/scheduler/send-pacer";
import { startBotConnectorStub, type BotConnectorStub } from "../../helpers/bot-connector-stub";
import { person, seedCohort, type FixturePerson } from "../../helpers/fixtures";
import { startTestServer, type TestServer } from "../../helpers/test-server";

/** Sends per second per tenant: low, so a fan-out of 31 cards spans several windows. */
const RATE = 10;
const MEMBERS = 30;
const NOW = "2026-04-22T09:00:00.000Z"; // adoption.w8 alone is due, and one digest per facilitator

interface Org {
  tenantId: string;
  members: FixturePerson[];
  facilitator: FixturePerson;
  /** Everyone who gets a card: the members and the facilitator's digest. */
  recipients: FixturePerson[];
}

interface Harness {
  server: TestServer;
  /** A stand-in on the test's clock, enforcing RATE per tenant. */
  connector: BotConnectorStub;
  orgs: Org[];
  /** The bot's sender, counting the cards on their way to the stand-in. */
  sender: CardSender;
  timing: Timing;
  close(): Promise<void>;
}

async function harness(tenants: number): Promise<Harness> {
  const server = await startTestServer({ now: NOW });
  const connector = await startBotConnectorStub({ now: () => server.clock.now().getTime() });
  connector.setLimits({ perTenantPerSecond: RATE });
  const orgs: Org[] = [];
  for (let t = 0; t < tenants; t++) {
    const members = Array.from({ length: MEMBERS }, (_, i) => person(1000 + t * 100 + i, `Org ${t} member ${i}`));
    const facilitator = person(1000 + t * 100 + 99, `Org ${t} facilitator`);
    const tenantId = `t-parallel-${t}`;
    await seedCohort(server.repos, { tenantId, members, facilitators: [facilitator], serviceUrl: connector.serviceUrl, policy: false });
    orgs.push({ tenantId, members, facilitator, recipients: [...members, facilitator] });
  }
  let inFlight = 0;
  const real = server.service.bot.sender;
  const sender: CardSender = {
    ...real,
    async sendToPerson(p, card, summary) {
      inFlight++;
      try {
        return await real.sendToPerson(p, card, summary);
      } finally {
        inFlight--;
      }
    },
  };
  const timing: Timing = {
    now: () => server.clock.now().getTime(),
    async sleep(ms) {
      const wakeAt = server.clock.now().getTime() + ms;
      do await nextTurn();
      while (inFlight > 0);
      // Concurrent sleepers: the clock only moves forward; one woken late has lost no capacity.
      if (server.clock.now().getTime() < wakeAt) server.clock.set(new Date(wakeAt));
    },
  };
  return {
    server,
    connector,
    orgs,
    sender,
    timing,
    async close() {
      await server.close();
      await connector.close();
    },
  };
}

const options = (h: Harness, more: Record<string, unknown> = {}) => ({ ratePerSecond: RATE, random: () => 0.5, timing: h.timing, plan: { catchUpMs: 3600_000 }, ...more });

/** Positions (in the stand-in's order of arrival) of the first and last card each tenant got. */
function sendSpans(h: Harness): Array<{ first: number; last: number }> {
  const sends = h.connector.activities.filter((a) => a.operation !== "update");
  return h.orgs.map((org) => {
    const positions = sends.flatMap((a, i) => (a.tenantId === org.tenantId ? [i] : []));
    return { first: Math.min(...positions), last: Math.max(...positions) };
  });
}

/** The most tenants whose fan-outs were under way at the same moment. */
function mostTenantsAtOnce(h: Harness): number {
  const spans = sendSpans(h);
  const sends = h.connector.activities.filter((a) => a.operation !== "update").length;
  let most = 0;
  for (let i = 0; i < sends; i++) most = Math.max(most, spans.filter((s) => s.first <= i && i <= s.last).length);
  return most;
}

/** The most send attempts (accepted or refused) a tenant made in any one-second window at the stand-in. */
function mostAttemptsPerSecond(h: Harness, tenantId: string): number {
  const times = (h.connector.attemptsByTenant().get(tenantId) ?? []).map((a) => a.at).sort((a, b) => a - b);
  let most = 0;
  for (let first = 0, last = 0; last < times.length; last++) {
    while (times[last]! - times[first]! >= 1000) first++;
    most = Math.max(most, last - first + 1);
  }
  return most;
}

function expectEveryCardOnce(h: Harness): void {
  const counts = h.connector.sendsByConversation();
  for (const org of h.orgs) expect(org.recipients.map((p) => counts.get(p.conversationId) ?? 0)).toEqual(org.recipients.map(() => 1));
}

function expectEachTenantWithinItsRate(h: Harness): void {
  expect(h.connector.stats.throttled).toBe(0);
  for (const org of h.orgs) {
    expect(mostAttemptsPerSecond(h, org.tenantId)).toBeLessThanOrEqual(RATE);
    // …and at it: the tenant's fan-out ran at its full ceiling, not below it.
    expect(h.connector.maxSendsPerWindow(org.tenantId, 1000)).toBe(RATE);
  }
}

describe("the scheduler with several tenants", () => {
  it("when two tenants' fan-outs are due on one instance, then both go out at the same time, each at its own ceiling", async () => {
    const h = await harness(2);
    try {
      const report = await createScheduler(h.server.ctx, h.sender, options(h, { instanceId: "solo" })).tick();
      expect(report).toMatchObject({ cohorts: 2, planned: 2 * (MEMBERS + 1), sent: 2 * (MEMBERS + 1), failed: 0, retried: 0 });
      expectEveryCardOnce(h);
      // Tenant B's first cards went out before tenant A's fan-out finished, and the other way round.
      const [a, b] = sendSpans(h);
      expect(b!.first).toBeLessThan(a!.last);
      expect(a!.first).toBeLessThan(b!.last);
      expectEachTenantWithinItsRate(h);
      // In the same second of the test's clock, both tenants got cards.
      const seconds = (tenantId: string) => new Set(h.connector.activities.filter((x) => x.tenantId === tenantId).map((x) => Math.floor(x.at / 1000)));
      const secondsOfB = seconds(h.orgs[1]!.tenantId);
      expect([...seconds(h.orgs[0]!.tenantId)].some((second) => secondsOfB.has(second))).toBe(true);
      // Each send lease was handed back once its tenant's cards had gone.
      for (const org of h.orgs) expect(await h.server.repos.leases.tryAcquire(sendLeaseOf(org.tenantId), "someone-else", h.server.clock.now().toISOString(), "2026-04-22T10:00:00.000Z")).toBe(true);
    } finally {
      await h.close();
    }
  });

  it("when one tenant may be in flight at a time, then tenants go out one after another", async () => {
    const h = await harness(2);
    try {
      await createScheduler(h.server.ctx, h.sender, options(h, { tenantsInFlight: 1 })).tick();
      expectEveryCardOnce(h);
      expect(mostTenantsAtOnce(h)).toBe(1);
    } finally {
      await h.close();
    }
  });

  it("when three tenants are due and two may be in flight, then never more than two tenants send at once, and the third goes out as soon as one finishes", async () => {
    const h = await harness(3);
    try {
      const report = await createScheduler(h.server.ctx, h.sender, options(h, { tenantsInFlight: 2 })).tick();
      expect(report.sent).toBe(3 * (MEMBERS + 1));
      expectEveryCardOnce(h);
      expect(mostTenantsAtOnce(h)).toBe(2);
      const [a, b, c] = sendSpans(h);
      expect(c!.first).toBeGreaterThan(Math.min(a!.last, b!.last));
      expectEachTenantWithinItsRate(h);
    } finally {
      await h.close();
    }
  });

  it("when an instance stops mid-fan-out and another takes the tenant over at once, then the tenant's rate holds across the handover", async () => {
    const h = await harness(1);
    try {
      let sends = 0;
      let stopping: Promise<void> | undefined;
      const stoppingAfterTen: CardSender = {
        ...h.sender,
        async sendToPerson(p, card, summary) {
          const result = await h.sender.sendToPerson(p, card, summary);
          if (++sends === RATE) stopping = leaving.stop();
          return result;
        },
      };
      const leaving = createScheduler(h.server.ctx, stoppingAfterTen, options(h, { instanceId: "leaving", concurrency: 1 }));
      const first = await leaving.tick();
      await stopping;
      expect(first.sent).toBe(RATE);
      // The lease is free as soon as the leaving instance's tick is over: the next one sends at once…
      const second = await createScheduler(h.server.ctx, h.sender, options(h, { instanceId: "next" })).tick();
      expect(second.sent).toBe(MEMBERS + 1 - RATE);
      expectEveryCardOnce(h);
      // …but not within the same second as the leaving instance's last cards.
      expectEachTenantWithinItsRate(h);
    } finally {
      await h.close();
    }
  });

  it("when two instances send for three tenants at once, then every card is delivered exactly once and each tenant stays within its own rate", async () => {
    const h = await harness(3);
    try {
      const one = createScheduler(h.server.ctx, h.sender, options(h, { instanceId: "one", batchSize: 7 }));
      const two = createScheduler(h.server.ctx, h.sender, options(h, { instanceId: "two", batchSize: 7 }));
      const [r1, r2] = await Promise.all([one.tick(), two.tick()]);
      expect(r1.sent + r2.sent).toBe(3 * (MEMBERS + 1));
      expect(r1.lostClaims + r2.lostClaims).toBe(0);
      expectEveryCardOnce(h);
      expectEachTenantWithinItsRate(h);
      for (const org of h.orgs) {
        const deliveries = await h.server.repos.deliveries.listByCohort(org.tenantId, "finance-test");
        expect(deliveries).toHaveLength(MEMBERS + 1);
        expect(deliveries.every((d) => d.status === "sent" && d.attempts === 1)).toBe(true);
      }
      // A later tick finds nothing left to send for anyone.
      const [again1, again2] = await Promise.all([one.tick(), two.tick()]);
      expect(again1.sent + again2.sent).toBe(0);
    } finally {
      await h.close();
    }
  });
});
