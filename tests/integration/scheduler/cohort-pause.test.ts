/**
 * Pausing a cohort over the real scheduler: an admin pauses it in week 2 from the tab's API and
 * resumes it nine days later; nothing is sent while it is paused, and session 3's brief then
 * arrives two weeks late (nine days rounded up to whole weeks), once per member, at 09:30 local
 * on a working day, after the clocks went forward. Embedded Cosmos DB, real HTTP, an injected
 * clock; the Teams service is the local Bot Connector stand-in.
 */
import { createScheduler } from "../../../bot/src/scheduler/scheduler";
import { whatsNext } from "../../../bot/src/usecases/member/whats-next";
import { apiAs, type ApiCaller } from "../../helpers/api-client";
import { person, seedCohort } from "../../helpers/fixtures";
import { startTestServer, type TestServer } from "../../helpers/test-server";

const T = "t-cohort-pause";
const members = Array.from({ length: 5 }, (_, i) => person(600 + i, `Member ${i}`));
const fac = person(690, "Facilitator");
const admin = person(691, "Ada Admin");
const fast = { ratePerSecond: 2000, random: () => 0.5 };
const HOUR = 3600_000;

/** Session 1 on Monday 2 March 2026 (London, 09:30); session 2 on 9 March; session 3 due Monday 16 March. */
const START = "2026-03-02";

describe("pausing and resuming a cohort", () => {
  let server: TestServer;
  /** Signed in afresh at the test clock's time (a token lasts an hour). */
  const api = (): Promise<ApiCaller> => apiAs(server, { tenantId: T, userId: admin.aadObjectId, displayName: admin.name, isAdmin: true });

  beforeAll(async () => {
    server = await startTestServer({ now: "2026-03-09T09:30:00.000Z" });
    await seedCohort(server.repos, { tenantId: T, members, facilitators: [fac], serviceUrl: server.connector.serviceUrl, policy: false, startDate: START });
  });
  afterAll(() => server.close());

  const sessionBriefs = (n: number) => server.connector.activities.filter((a) => JSON.stringify(a.activity).includes(`Session ${n}:`));
  async function setStatus(status: "active" | "paused"): Promise<void> {
    const caller = await api();
    const d = (await caller.get("/api/cohorts/finance-test")).body;
    const res = await caller.send("PUT", "/api/cohorts/finance-test", {
      name: d.name, kind: d.kind, trackId: d.trackId, startDate: d.startDate, timeZone: d.timeZone, localTime: d.localTime,
      facilitatorIds: d.facilitators.map((f: { userId: string }) => f.userId), members: d.members, status, etag: d.etag,
    });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe(status);
  }

  it("when a cohort is paused in week 2 for nine days, then nothing is sent while paused, and session 3's brief comes once, two weeks late, at 09:30 local on a working day", async () => {
    const scheduler = createScheduler(server.ctx, server.service.bot.sender, fast);
    await scheduler.tick();
    expect(sessionBriefs(2)).toHaveLength(members.length);

    // Tuesday 10 March, 12:00: the admin pauses the cohort (its session 2 check-in went out at 09:30).
    server.clock.set("2026-03-10T12:00:00.000Z");
    await scheduler.tick();
    await setStatus("paused");
    const beforePause = server.connector.activities.length;
    expect(beforePause).toBeGreaterThan(members.length);

    // Nine days, ticking every six hours, through the Monday session 3 was due on.
    for (let t = server.clock.now().getTime(); t < Date.parse("2026-03-19T12:00:00.000Z"); t += 6 * HOUR) {
      server.clock.set(new Date(t).toISOString());
      await scheduler.tick();
    }
    expect(server.connector.activities.length).toBe(beforePause);
    expect(sessionBriefs(3)).toHaveLength(0);

    // Thursday 19 March, 12:00: resumed. The timeline and each member's "what's next" show session 3 on Monday 30 March, 09:30 (BST).
    server.clock.set("2026-03-19T12:00:00.000Z");
    await setStatus("active");
    const timeline = (await (await api()).get("/api/cohorts/finance-test/timeline")).body;
    expect(timeline.events.find((e: { key: string }) => e.key === "s3.learn")).toMatchObject({ localDate: "2026-03-30", localTime: "09:30", dueAt: "2026-03-30T08:30:00.000Z", state: "upcoming" });
    const next = await whatsNext(server.ctx, { tenantId: T, userId: members[0]!.aadObjectId, displayName: members[0]!.name, isAdmin: false });
    expect(next.member.timeline.find((e) => e.key === "s3.learn")!.dueAt).toBe("2026-03-30T08:30:00.000Z");
    expect(next.steps.upcoming).toMatchObject({ key: "s3.learn", localDate: "2026-03-30", localTime: "09:30" });
    expect(next.latestBrief?.sessionNumber).toBe(2);

    // The rest of session 2's week continues from where it was, and session 3 waits for its day.
    for (let t = server.clock.now().getTime(); t < Date.parse("2026-03-30T08:30:00.000Z"); t += 6 * HOUR) {
      server.clock.set(new Date(t).toISOString());
      await scheduler.tick();
    }
    server.clock.set("2026-03-30T08:29:00.000Z");
    await scheduler.tick();
    expect(sessionBriefs(3)).toHaveLength(0);

    server.clock.set("2026-03-30T08:30:00.000Z");
    await scheduler.tick();
    const briefs = sessionBriefs(3);
    expect(new Set(briefs.map((a) => a.conversationId)).size).toBe(members.length);
    expect(briefs).toHaveLength(members.length);

    // Ticking again, and a second instance planning the same cohort, sends nothing twice (deterministic delivery ids).
    server.clock.set("2026-03-30T10:00:00.000Z");
    await scheduler.tick();
    await createScheduler(server.ctx, server.service.bot.sender, { ...fast, instanceId: "second" }).tick();
    expect(sessionBriefs(3)).toHaveLength(members.length);
    const deliveries = (await server.repos.deliveries.listByCohort(T, "finance-test")).filter((d) => d.eventKey === "s3.learn");
    expect(deliveries).toHaveLength(members.length);
    expect(deliveries.every((d) => d.status === "sent" && d.notBefore === "2026-03-30T08:30:00.000Z")).toBe(true);
  });
});
