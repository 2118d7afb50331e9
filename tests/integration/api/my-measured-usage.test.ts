/**
 * A member's own measured Microsoft 365 Copilot usage in "My data", over real HTTP against the
 * embedded Cosmos DB. The dates are stored the way the service stores them: the daily read of the
 * Copilot usage report by the real scheduler, against the local stand-in for Microsoft Graph
 * (tests/helpers/graph-stub.ts), on the test's clock. The member sees theirs; nobody else sees
 * them through any GET route; "Delete my data" deletes them.
 */
import { apiRoutes } from "../../../bot/src/contract/api-routes";
import type { MyDataResponse } from "../../../bot/src/contract/api-contract";
import { createGraphPort, GraphClient } from "../../../bot/src/graph";
import { createScheduler } from "../../../bot/src/scheduler/scheduler";
import { apiAs } from "../../helpers/api-client";
import { person, seedCohort, type FixturePerson } from "../../helpers/fixtures";
import { standInTokens, startGraphStub, type GraphStub } from "../../helpers/graph-stub";
import { startTestServer, type TestServer } from "../../helpers/test-server";

const T = "tenant-my-usage";
const members = Array.from({ length: 6 }, (_, i) => person(560 + i, `Usage person ${i}`));
const [me, other] = [members[0]!, members[1]!];
const facilitator = person(569, "Usage staff");
const upnOf = (p: FixturePerson) => `${p.name.toLowerCase().replace(/ /g, ".")}@contoso.example`;
const as = (p: FixturePerson, isAdmin = false) => ({ tenantId: T, userId: p.aadObjectId, displayName: p.name, isAdmin });
// Saturdays: no timeline date, check-in or report date of this cohort falls on them.
const MY_DAYS = ["2026-03-28", "2026-04-04"];
const OTHER_DAY = "2026-03-21";

describe("my measured Copilot usage", () => {
  let server: TestServer;
  let stub: GraphStub;

  /** Microsoft's report on one day: I was last active on `mine`, the other member on OTHER_DAY, the rest never. */
  function reportSays(mine: string, refreshDate: string): void {
    stub.setRefreshDate(refreshDate);
    stub.setUsers(T, members.map((m) => ({ id: m.aadObjectId, userPrincipalName: upnOf(m), displayName: m.name, licensed: true, ...(m === me ? { lastActivityDate: mine } : m === other ? { lastActivityDate: OTHER_DAY } : {}) })));
  }

  beforeAll(async () => {
    stub = await startGraphStub();
    server = await startTestServer({ now: "2026-04-05T05:00:00.000Z", env: { MEASURED_USAGE_ENABLED: "true", GRAPH_BASE_URL: stub.baseUrl } });
    await seedCohort(server.repos, { tenantId: T, cohortId: "usage", members, facilitators: [facilitator], serviceUrl: server.connector.serviceUrl, startDate: "2026-01-05", policy: false });
    const graph = createGraphPort(new GraphClient({ baseUrl: stub.baseUrl, tokens: standInTokens, sleep: async (ms) => server.clock.advance(ms) }));
    const scheduler = createScheduler(server.ctx, server.service.bot.sender, { instanceId: "usage", graph, ratePerSecond: 2000, random: () => 0.5 });
    expect((await (await apiAs(server, as(facilitator, true))).send("PUT", apiRoutes.saveMeasuredUsage.url(), { enabled: true })).status).toBe(200);
    // Two daily reads: one date each day, both kept.
    reportSays(MY_DAYS[0]!, "2026-04-03");
    await scheduler.tick();
    server.clock.advance(24 * 3_600_000);
    reportSays(MY_DAYS[1]!, "2026-04-05");
    await scheduler.tick();
    expect((await server.repos.measuredUsage.listActivity(T)).get(me.aadObjectId)).toEqual(MY_DAYS);
  });
  afterAll(async () => {
    await server?.close();
    await stub?.close();
  });

  it("when a member opens My data, then they see when they were last active and on how many of the last 28 days", async () => {
    const mine = (await (await apiAs(server, as(me))).get(apiRoutes.myData.url())).body as MyDataResponse;
    expect(mine.measuredUsage).toEqual({ lastActiveOn: "2026-04-04", activeDays: 2, windowDays: 28, through: "2026-04-05" });
    const theirs = (await (await apiAs(server, as(other))).get(apiRoutes.myData.url())).body as MyDataResponse;
    expect(theirs.measuredUsage).toEqual({ lastActiveOn: OTHER_DAY, activeDays: 1, windowDays: 28, through: "2026-04-05" });
    // A member Microsoft never saw active has nothing to show.
    expect(((await (await apiAs(server, as(members[2]!))).get(apiRoutes.myData.url())).body as MyDataResponse).measuredUsage).toBeUndefined();
  });

  it("when anyone else reads any GET route, then my dates and my activity summary are in none of them", async () => {
    const readers = { "another member": as(other), "the facilitator": as(facilitator), "an admin": as(facilitator, true) };
    const gets = Object.values(apiRoutes).filter((r) => r.method === "GET" && !r.path.startsWith("/api/local"));
    expect(gets.length).toBeGreaterThan(20);
    let answered = 0;
    for (const [who, actor] of Object.entries(readers)) {
      const caller = await apiAs(server, actor);
      for (const r of gets) {
        const path = r.path.replace(":cohortId", "usage").replace(/:[A-Za-z]+/g, "x");
        const res = await caller.get(path);
        if (res.status === 200) answered += 1;
        const text = typeof res.body === "string" ? res.body : JSON.stringify(res.body ?? "");
        for (const day of MY_DAYS) expect({ who, path, leaks: text.includes(day) }).toEqual({ who, path, leaks: false });
        if (r !== apiRoutes.myData) expect({ who, path, leaks: /lastActiveOn|activeDays/.test(text) }).toEqual({ who, path, leaks: false });
      }
    }
    // The staff routes did answer (the check is not vacuous): the report, the cohort, its progress and more.
    expect(answered).toBeGreaterThan(15);
  });

  it("when the member deletes their data, then their stored usage dates go too, and only theirs", async () => {
    const caller = await apiAs(server, as(me));
    const res = await caller.send("DELETE", apiRoutes.deleteMyData.url());
    expect(res.status).toBe(200);
    expect(res.body.deleted).toBe(1);
    const stored = await server.repos.measuredUsage.listActivity(T);
    expect(stored.has(me.aadObjectId)).toBe(false);
    expect(stored.get(other.aadObjectId)).toEqual([OTHER_DAY]);
    expect(((await caller.get(apiRoutes.myData.url())).body as MyDataResponse).measuredUsage).toBeUndefined();
  });

  it("when the tenant turns measured usage off, then My data shows none", async () => {
    expect((await (await apiAs(server, as(facilitator, true))).send("PUT", apiRoutes.saveMeasuredUsage.url(), { enabled: false })).status).toBe(200);
    expect(((await (await apiAs(server, as(other))).get(apiRoutes.myData.url())).body as MyDataResponse).measuredUsage).toBeUndefined();
  });
});
