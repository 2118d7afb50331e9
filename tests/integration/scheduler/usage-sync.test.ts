/**
 * The daily Copilot usage read against the embedded Cosmos DB and a local stand-in for Microsoft
 * Graph (tests/helpers/graph-stub.ts; its tokens stand in for Entra ID), driven by real scheduler
 * instances on the test's clock: read once a day however many instances tick, members joined by
 * UPN, concealed names join nothing, a 403 says "not consented", a 429 is waited out, and nothing
 * but activity dates is stored. The report and the admin's switch are checked over real HTTP.
 */
import type { Container } from "@azure/cosmos";
import { apiRoutes } from "../../../bot/src/contract/api-routes";
import { createGraphPort, GraphClient } from "../../../bot/src/graph";
import { createScheduler } from "../../../bot/src/scheduler/scheduler";
import { apiAs } from "../../helpers/api-client";
import { person, seedCohort, type FixturePerson } from "../../helpers/fixtures";
import { standInTokens, startGraphStub, type GraphStub, type GraphStubUser } from "../../helpers/graph-stub";
import { startTestServer, type TestServer } from "../../helpers/test-server";

const NOW = "2026-04-10T05:00:00.000Z";
const START = "2026-01-05"; // weeks 4, 8, 12 begin 2026-02-02, 2026-03-02, 2026-03-30
const members = Array.from({ length: 12 }, (_, i) => person(300 + i, `Usage member ${i}`));
const facilitator = person(399, "Usage facilitator");
const upnOf = (p: FixturePerson) => `${p.name.toLowerCase().replace(/ /g, ".")}@contoso.example`;

/** In Graph: 11 of the 12 members are licensed; 7 were last active 2026-03-20 (week 12's window), 2 on 2026-04-05, 2 never. */
function graphUsers(): GraphStubUser[] {
  return members.map((m, i) => ({
    id: m.aadObjectId,
    userPrincipalName: upnOf(m),
    displayName: m.name,
    ...(i < 7 ? { lastActivityDate: "2026-03-20" } : i < 9 ? { lastActivityDate: "2026-04-05" } : {}),
    licensed: i !== 11,
  }));
}

interface Harness {
  server: TestServer;
  stub: GraphStub;
  slept: number[];
  scheduler(id: string): ReturnType<typeof createScheduler>;
  reportReads(tenantId: string): number;
  close(): Promise<void>;
}

async function harness(tenantIds: string[]): Promise<Harness> {
  const stub = await startGraphStub();
  stub.setRefreshDate("2026-04-08"); // two days old: within Graph's 72 hours
  const server = await startTestServer({ now: NOW, env: { MEASURED_USAGE_ENABLED: "true", GRAPH_BASE_URL: stub.baseUrl } });
  for (const tenantId of tenantIds) {
    await seedCohort(server.repos, { tenantId, members, facilitators: [facilitator], serviceUrl: server.connector.serviceUrl, startDate: START, policy: false });
    stub.setUsers(tenantId, graphUsers());
  }
  const slept: number[] = [];
  // Graph's Retry-After is waited out on the test's clock, never on the wall clock.
  const sleep = async (ms: number) => {
    slept.push(ms);
    server.clock.advance(ms);
  };
  const graph = createGraphPort(new GraphClient({ baseUrl: stub.baseUrl, tokens: standInTokens, sleep }));
  return {
    server,
    stub,
    slept,
    scheduler: (id) => createScheduler(server.ctx, server.service.bot.sender, { instanceId: id, graph, ratePerSecond: 2000, random: () => 0.5 }),
    reportReads: (tenantId) => stub.requests.filter((r) => r.tenantId === tenantId && r.path.includes("getMicrosoft365CopilotUsageUserDetail") && !r.path.includes("$skiptoken")).length,
    async close() {
      await server.close();
      await stub.close();
    },
  };
}

const admin = (tenantId: string) => ({ tenantId, userId: "00000000-0000-0000-cccc-0000000000ad", displayName: "Admin", isAdmin: true });

async function turnOn(h: Harness, tenantId: string): Promise<void> {
  const res = await (await apiAs(h.server, admin(tenantId))).send("PUT", apiRoutes.saveMeasuredUsage.url(), { enabled: true });
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ available: true, enabled: true, state: "on-waiting-for-first-read" });
}

describe("the daily Copilot usage read", () => {
  it("when two scheduler instances tick together, then the report is read once that day, and again the next day", async () => {
    const h = await harness(["t-usage-once"]);
    try {
      await turnOn(h, "t-usage-once");
      const [a, b] = [h.scheduler("instance-a"), h.scheduler("instance-b")];
      await Promise.all([a.tick(), b.tick()]);
      await Promise.all([a.tick(), b.tick()]);
      expect(h.reportReads("t-usage-once")).toBe(1);
      h.server.clock.advance(24 * 3_600_000);
      await Promise.all([a.tick(), b.tick()]);
      expect(h.reportReads("t-usage-once")).toBe(2);
    } finally {
      await h.close();
    }
  });

  it("when the names are plain, then members are joined by UPN and only their last-activity dates are stored", async () => {
    const h = await harness(["t-usage-join"]);
    try {
      await turnOn(h, "t-usage-join");
      await h.scheduler("instance-a").tick();
      const activity = await h.server.repos.measuredUsage.listActivity("t-usage-join");
      expect(activity.size).toBe(9);
      expect(activity.get(members[0]!.aadObjectId)).toEqual(["2026-03-20"]);
      expect(activity.get(members[8]!.aadObjectId)).toEqual(["2026-04-05"]);
      expect(activity.has(members[10]!.aadObjectId)).toBe(false);

      // Nothing but dates: no UPN, no name, no other column of Graph's report, in any stored document.
      const tenants = (h.server.repos.measuredUsage as unknown as { tenants: Container }).tenants;
      const { resources } = await tenants.items.query({ query: "SELECT * FROM c WHERE c.tenantId = @t AND (c.docType = 'measuredUsage' OR c.docType = 'measuredUsageSettings')", parameters: [{ name: "@t", value: "t-usage-join" }] }).fetchAll();
      expect(resources).toHaveLength(10);
      for (const doc of resources) {
        const text = JSON.stringify(doc);
        expect(text).not.toMatch(/@contoso|Usage member|displayName|userPrincipalName/);
        if (doc.docType === "measuredUsage") expect(Object.keys(doc).filter((k) => !k.startsWith("_")).sort()).toEqual(["dates", "docType", "id", "tenantId", "userId"]);
      }

      // The admin sees the state; the report shows measured usage at week 12 for the cohort (in fives).
      const state = await (await apiAs(h.server, admin("t-usage-join"))).get(apiRoutes.measuredUsage.url());
      expect(state.body).toMatchObject({ state: "on", reportRefreshDate: "2026-04-08", dataIsOld: false, lastReadAt: NOW });
      // Reading began with data up to 2026-04-08: earlier windows are not covered, so nothing is claimed for them.
      await h.server.repos.measuredUsage.saveSettings({ ...(await h.server.repos.measuredUsage.getSettings("t-usage-join"))!, observedSince: "2026-01-01" });
      const report = await (await apiAs(h.server, admin("t-usage-join"))).get(apiRoutes.impactReport.url());
      expect(report.status).toBe(200);
      const week12 = report.body.overall.measured.weeks.find((w: { week: number }) => w.week === 12);
      expect(week12).toMatchObject({ active: { suppressed: false, value: 5, n: 12 }, cohortsCounted: 1 });
      expect(report.body.byCohort[0].figures.measured.status).toBe("on");
      expect(JSON.stringify(report.body)).not.toMatch(/@contoso/);
    } finally {
      await h.close();
    }
  });

  it("when the tenant conceals names, then nothing is joined, the state says concealed, and the report says why", async () => {
    const h = await harness(["t-usage-hidden"]);
    try {
      h.stub.concealNames("t-usage-hidden", true);
      await turnOn(h, "t-usage-hidden");
      await h.scheduler("instance-a").tick();
      expect((await h.server.repos.measuredUsage.listActivity("t-usage-hidden")).size).toBe(0);
      expect(h.stub.requests.some((r) => r.path.startsWith("/v1.0/users"))).toBe(false);
      const state = await (await apiAs(h.server, admin("t-usage-hidden"))).get(apiRoutes.measuredUsage.url());
      expect(state.body.state).toBe("concealed");
      const report = await (await apiAs(h.server, admin("t-usage-hidden"))).get(apiRoutes.impactReport.url());
      expect(report.body.overall.measured).toEqual({ status: "concealed", dataThrough: "2026-04-08", weeks: [] });
    } finally {
      await h.close();
    }
  });

  it("when Graph refuses (no admin consent), then the state is not-consented and the read waits before trying again", async () => {
    const h = await harness(["t-usage-403"]);
    try {
      h.stub.refuse("t-usage-403", "/v1.0/copilot");
      await turnOn(h, "t-usage-403");
      const scheduler = h.scheduler("instance-a");
      await scheduler.tick();
      await scheduler.tick();
      expect(h.reportReads("t-usage-403")).toBe(1);
      const state = await (await apiAs(h.server, admin("t-usage-403"))).get(apiRoutes.measuredUsage.url());
      expect(state.body.state).toBe("not-consented");
      // Consent granted; six hours later the read succeeds.
      h.stub.refuse("t-usage-403", "/v1.0/copilot", false);
      h.server.clock.advance(6 * 3_600_000);
      await scheduler.tick();
      expect((await h.server.repos.measuredUsage.getSettings("t-usage-403"))?.state).toBe("on");
    } finally {
      await h.close();
    }
  });

  it("when Graph throttles with Retry-After, then the read waits it out on the clock and completes", async () => {
    const h = await harness(["t-usage-429"]);
    try {
      h.stub.throttleNext("/v1.0/copilot", 5);
      await turnOn(h, "t-usage-429");
      await h.scheduler("instance-a").tick();
      expect(h.slept).toContain(5000);
      expect((await h.server.repos.measuredUsage.getSettings("t-usage-429"))?.state).toBe("on");
      expect((await h.server.repos.measuredUsage.listActivity("t-usage-429")).size).toBe(9);
    } finally {
      await h.close();
    }
  });

  it("when an admin turns it off, then every stored date is deleted and no more reads happen; non-admins cannot change it", async () => {
    const h = await harness(["t-usage-off"]);
    try {
      await turnOn(h, "t-usage-off");
      const scheduler = h.scheduler("instance-a");
      await scheduler.tick();
      expect((await h.server.repos.measuredUsage.listActivity("t-usage-off")).size).toBe(9);
      const member = await apiAs(h.server, { tenantId: "t-usage-off", userId: members[0]!.aadObjectId, displayName: members[0]!.name });
      expect((await member.send("PUT", apiRoutes.saveMeasuredUsage.url(), { enabled: false })).status).toBe(403);
      const off = await (await apiAs(h.server, admin("t-usage-off"))).send("PUT", apiRoutes.saveMeasuredUsage.url(), { enabled: false });
      expect(off.body).toMatchObject({ enabled: false, state: "off" });
      expect((await h.server.repos.measuredUsage.listActivity("t-usage-off")).size).toBe(0);
      h.server.clock.advance(24 * 3_600_000);
      await scheduler.tick();
      expect(h.reportReads("t-usage-off")).toBe(1);
    } finally {
      await h.close();
    }
  });
});
