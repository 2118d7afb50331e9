/**
 * A cohort created "already running" (its first session in the past, said so explicitly): its
 * members join at the current week with one catch-up card for the sessions already held, and are
 * never asked to check in on them. Real HTTP into the API, the real scheduler on an injected clock,
 * embedded Cosmos DB; the Teams service is the local Bot Connector stand-in.
 */
import type { AdaptiveCardJson } from "../../../bot/src/domain/ports";
import { createScheduler } from "../../../bot/src/scheduler/scheduler";
import { apiAs } from "../../helpers/api-client";
import { cardText } from "../../helpers/bot-driver";
import { validateCard } from "../../helpers/card-validator";
import { conversationOf, person, seedCohort } from "../../helpers/fixtures";
import { startTestServer, type TestServer } from "../../helpers/test-server";

const T = "t-already-running";
const fac = person(650, "Facilitator");
const joiners = Array.from({ length: 3 }, (_, i) => person(660 + i, `Joiner ${i}`));
const fast = { ratePerSecond: 2000, random: () => 0.5 };
/** Wednesday 11 March 2026: session 1 was on Monday 2 March, session 2 on Monday 9 March. */
const NOW = "2026-03-11T10:00:00.000Z";

describe("a cohort created already running", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ now: NOW });
    // Another cohort makes the facilitator known, and publishes the policy.
    await seedCohort(server.repos, { tenantId: T, cohortId: "other", members: [person(651, "Someone")], facilitators: [fac], serviceUrl: server.connector.serviceUrl, startDate: "2026-04-06" });
    for (const p of joiners) await server.repos.people.upsert({ tenantId: T, userId: p.aadObjectId, displayName: p.name, conversationReference: conversationOf(p, T, server.connector.serviceUrl), updatedAt: NOW });
  });
  afterAll(() => server.close());

  const cardsTo = (conversationId: string) => server.connector.activities.filter((a) => a.conversationId === conversationId).map((a) => (a.activity as { attachments?: Array<{ content: AdaptiveCardJson }> }).attachments?.[0]?.content).filter((c): c is AdaptiveCardJson => !!c);

  it("when it is created with last week's start date, then each member gets one catch-up card with sessions 1 and 2, no check-in about them, and session 3 on its day", async () => {
    const admin = await apiAs(server, { tenantId: T, userId: "admin-1", displayName: "Ada Admin", isAdmin: true });
    const created = await admin.send("POST", "/api/cohorts", {
      name: "Finance, already running", kind: "team", trackId: "finance", startDate: "2026-03-02", timeZone: "Europe/London", localTime: "09:30",
      facilitatorIds: [fac.aadObjectId], members: joiners.map((p) => ({ userId: p.aadObjectId, displayName: p.name })), alreadyRunning: true,
    });
    expect(created.status).toBe(201);
    expect(created.body.message).toMatch(/already running/);
    const cohortId = created.body.id as string;

    const scheduler = createScheduler(server.ctx, server.service.bot.sender, fast);
    await scheduler.tick();
    server.clock.set("2026-03-12T10:00:00.000Z");
    await scheduler.tick();

    for (const p of joiners) {
      const cards = cardsTo(p.conversationId);
      const catchUps = cards.filter((c) => /what you missed/i.test(cardText(c)));
      expect(catchUps).toHaveLength(1);
      expect(cardText(catchUps[0]!)).toMatch(/Session 1:/);
      expect(cardText(catchUps[0]!)).toMatch(/Session 2:/);
      expect(validateCard(catchUps[0]!).errors).toEqual([]);
      expect(cards.some((c) => /check-in/i.test(cardText(c).split("\n")[0]!))).toBe(false);
    }
    const keys = (await server.repos.deliveries.listByCohort(T, cohortId)).filter((d) => d.userId === joiners[0]!.aadObjectId).map((d) => d.eventKey).sort();
    expect(keys).toEqual(["catchup", "policy.v1"]);

    server.clock.set("2026-03-16T09:30:00.000Z");
    await scheduler.tick();
    for (const p of joiners) expect(cardsTo(p.conversationId).filter((c) => /^Session 3:/.test(cardText(c)))).toHaveLength(1);
  });
});
