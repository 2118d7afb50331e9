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
