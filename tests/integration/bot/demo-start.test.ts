/**
 * Starting the demo must not look alarming: the seeded people have no chat with the bot (nobody
 * installed it), so the seed records what their history says was already delivered, and the first
 * scheduler pass has nothing to send to them and no failed sends to log.
 */
import { startTestServer, type TestServer } from "../../helpers/test-server";

describe("a fresh demo start", () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ seed: true, now: new Date().toISOString() });
  });
  afterAll(() => server.close());

  it("when the scheduler first runs over the seeded demo, then no send fails for people without a chat", async () => {
    const report = await server.service.scheduler.tick();
    expect(report.failed).toBe(0);
    const warned = server.logs.filter((l) => l.message === "delivery batch" && ((l.fields as { failed?: number }).failed ?? 0) > 0);
    expect(warned).toEqual([]);
    expect(server.connector.activities).toEqual([]);
  });
});

describe("a fresh demo start on a day a facilitators' digest is due", () => {
  // A Monday morning: the demo's finance cohort is between session 2's check-in closing and session 3,
  // so its "Before session 3" digest is due. It failed to send (nobody has a chat) before the seed recorded it.
  it("when the scheduler first runs, then the digest is part of the history and no send fails", async () => {
    const server = await startTestServer({ seed: true, now: "2026-12-07T07:16:00.000Z" });
    try {
      const report = await server.service.scheduler.tick();
      expect(report.failed).toBe(0);
      const digests = (await server.repos.deliveries.listByCohort("00000000-0000-0000-0000-0000000000001", "finance-spring")).filter((d) => d.kind === "digest");
      expect(digests.length).toBeGreaterThan(0);
      expect(digests.every((d) => d.status === "sent")).toBe(true);
    } finally {
      await server.close();
    }
  });
});
