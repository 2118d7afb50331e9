/**
 * Dashboard phase of the benchmark: a cohort of N members with 8 weeks of history, then p50/p95 of
 * every tab API the Programme, Leadership, Cohorts and Policy views call, at 4 concurrent requests.
 *
 * The service is the real one (tests/helpers/test-server: `startService`, embedded Cosmos, Bot
 * Connector stand-in). The admin API creates the cohort; members' answers go through the member
 * use cases (the same code a card submission runs, minus the Bot Framework envelope), 4 at once,
 * and their latency is reported as "card submission".
 *
 *   npx tsx tests/bench/dashboard-phase.ts --members 1000
 */
import { ManualClock } from "../../bot/src/domain/clock";
import { buildTimeline } from "../../bot/src/domain/timeline";
import { getBuiltInTrack } from "../../bot/src/domain/tracks";
import type { Actor } from "../../bot/src/domain/types";
import { mapLimited } from "../../bot/src/lib/concurrency";
import { acknowledgePolicy } from "../../bot/src/usecases/member/acknowledge-policy";
import { answerAdoptionCheck } from "../../bot/src/usecases/member/answer-adoption-check";
import { commitToDeliverable } from "../../bot/src/usecases/member/commit-to-deliverable";
import { recordCheckIn } from "../../bot/src/usecases/member/record-check-in";
import { startTestServer, type TestServer } from "../helpers/test-server";

export interface DashboardPhaseResult {
  members: number;
  seedSeconds: number;
  submissions: { count: number; p50: number; p95: number };
  apis: Array<{ name: string; p50: number; p95: number }>;
}

const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : 0);
export const stats = (samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: Math.round(percentile(sorted, 50) * 10) / 10, p95: Math.round(percentile(sorted, 95) * 10) / 10 };
};

export interface SeededDashboard {
  tenantId: string;
  cohortId: string;
  leadId: string;
  admin: Pick<Actor, "tenantId" | "userId" | "displayName"> & { isAdmin: true };
  facilitator: Pick<Actor, "tenantId" | "userId" | "displayName">;
  /** Card-submission latencies while seeding (ms). */
  submissions: number[];
}

export const DASHBOARD_NOW = "2026-05-01T12:00:00.000Z";

const callApi = (server: TestServer) => async (method: string, path: string, token: string, body?: unknown) => {
  const res = await fetch(server.baseUrl + path, { method, headers: { authorization: `Bearer ${token}`, ...(body ? { "content-type": "application/json" } : {}) }, ...(body ? { body: JSON.stringify(body) } : {}) });
  const text = await res.text();
  if (res.status >= 400) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 200)}`);
  return { status: res.status, text };
};

/** Builds the cohort of `N` members with 8 weeks of answers through the service's own paths; leaves the clock at DASHBOARD_NOW. */
export async function seedDashboard(server: TestServer, N: number, log: (line: string) => void = () => undefined): Promise<SeededDashboard> {
  const clock = server.clock as ManualClock;
  const call = callApi(server);
  const tenantId = "bench-dash-0000-0000-000000000001";
  const admin = { tenantId, userId: "bench-admin", displayName: "Admin", isAdmin: true as const };
  const facilitator = { tenantId, userId: "00000000-0000-0000-ffff-000000000001", displayName: "Facilitator" };
  const adminToken = await server.tokenFor(admin);
  const members = Array.from({ length: N }, (_, i) => ({ userId: `00000000-0000-0000-eeee-${String(i).padStart(12, "0")}`, displayName: `Bench Member ${i}` }));
  await call("POST", "/api/policy", adminToken, { basedOnVersion: 0, title: "AI use", summary: "Use AI well.", sections: { allowedUses: ["drafting"], notAllowed: ["secrets"], dataHandling: ["no PII"], approvedTools: ["Copilot"] } });
  await call("POST", "/api/cohorts", adminToken, { name: "Bench leaders", kind: "leadership", trackId: "leadership", startDate: "2026-02-23", timeZone: "Europe/London", facilitatorIds: [facilitator.userId], members: [] });
  const leadId = JSON.parse((await call("GET", "/api/cohorts", adminToken)).text)[0].id as string;
  const teamBody = { name: "Bench team", kind: "team", trackId: "operations", startDate: "2026-03-09", timeZone: "Europe/London", facilitatorIds: [facilitator.userId], members, leadershipCohortId: leadId };
  const created = JSON.parse((await call("POST", "/api/cohorts", adminToken, teamBody)).text);
  const cohortId = created.id as string;
  const track = getBuiltInTrack("operations")!;
  const timeline = buildTimeline({ ...created, tenantId }, track);

  // 8 weeks of answers, in timeline order, 4 members at a time.
  const submissions: number[] = [];
  const timed = async (fn: () => Promise<unknown>) => {
    const t0 = performance.now();
    await fn();
    submissions.push(performance.now() - t0);
  };
  const actorOf = (m: (typeof members)[number]): Actor => ({ tenantId, userId: m.userId, displayName: m.displayName, isAdmin: false });
  await mapLimited(members, 4, (m) => timed(() => acknowledgePolicy(server.ctx, actorOf(m), 1)));
  for (const event of timeline.filter((e) => ["apply", "checkin", "baseline", "adoption"].includes(e.kind) && e.week <= 8)) {
    clock.set(new Date(Date.parse(event.dueAt) + 3600_000).toISOString());
    await mapLimited(members, 4, (m, i) => {
      if ((i * 7 + (event.sessionNumber ?? event.adoptionWeek ?? 0)) % 10 === 0) return Promise.resolve(); // ~10% skip each one
      const actor = actorOf(m);
      if (event.kind === "apply") return timed(() => commitToDeliverable(server.ctx, actor, { cohortId, sessionNumber: event.sessionNumber!, deliverable: "The monthly report" }));
      if (event.kind === "checkin") return timed(() => recordCheckIn(server.ctx, actor, { cohortId, sessionNumber: event.sessionNumber!, tried: "drafting", worked: "summary", stuck: i % 13 === 0 ? "data access" : "", minutesSaved: (i % 9) * 10, confidence: (i % 5) + 1, wantsHelp: i % 29 === 0 }));
      return timed(() => answerAdoptionCheck(server.ctx, actor, { cohortId, week: event.adoptionWeek!, stillUsing: i % 3 !== 0, frequency: "weekly", usedFor: "reports" }));
    });
    log(`  seeded ${event.key} (${submissions.length} submissions so far)`);
  }
  clock.set(DASHBOARD_NOW);
  return { tenantId, cohortId, leadId, admin, facilitator, submissions };
}

/** The tab APIs the Programme, Leadership, Cohorts and Policy views call, with whose token. */
export async function dashboardApis(server: TestServer, seeded: SeededDashboard): Promise<Array<[string, string, string]>> {
  // Tokens are checked against the service's clock: sign in at "now".
  const facToken = await server.tokenFor(seeded.facilitator);
  const adminToken = await server.tokenFor(seeded.admin);
  const { cohortId } = seeded;
  return [
    ["cohort list", "/api/cohorts", adminToken],
    ["cohort detail", `/api/cohorts/${cohortId}`, facToken],
    ["timeline", `/api/cohorts/${cohortId}/timeline`, facToken],
    ["progress", `/api/cohorts/${cohortId}/progress`, facToken],
    ["metrics.csv", `/api/cohorts/${cohortId}/metrics.csv`, facToken],
    ["leadership", "/api/leadership", adminToken],
    ["policy acknowledgements", "/api/policy/acknowledgements", adminToken],
  ];
}

/** p50/p95 of each API at 4 concurrent requests (one warm-up request first). */
export async function measureApis(server: TestServer, apis: Array<[string, string, string]>, rounds: number): Promise<DashboardPhaseResult["apis"]> {
  const call = callApi(server);
  const results: DashboardPhaseResult["apis"] = [];
  for (const [name, path, token] of apis) {
    await call("GET", path, token); // warm
    const samples: number[] = [];
    await mapLimited(Array.from({ length: rounds }, (_, i) => i), 4, async () => {
      const t0 = performance.now();
      await call("GET", path, token);
      samples.push(performance.now() - t0);
    });
    results.push({ name, ...stats(samples) });
  }
  return results;
}

export async function runDashboardPhase(options: { members: number; requestsPerApi?: number; log?: (line: string) => void }): Promise<DashboardPhaseResult> {
  const N = options.members;
  const server = await startTestServer({ now: "2026-02-20T08:00:00.000Z" });
  try {
    const started = Date.now();
    const seeded = await seedDashboard(server, N, options.log);
    const seedSeconds = Math.round((Date.now() - started) / 1000);
    const apis = await measureApis(server, await dashboardApis(server, seeded), options.requestsPerApi ?? 80);
    return { members: N, seedSeconds, submissions: { count: seeded.submissions.length, ...stats(seeded.submissions) }, apis };
  } finally {
    await server.close();
  }
}

export function formatDashboardPhase(r: DashboardPhaseResult): string {
  const lines = [`dashboards at ${r.members} members × 8 weeks (seeded in ${r.seedSeconds}s)`, `| request | p50 ms | p95 ms |`, `| --- | ---: | ---: |`];
  lines.push(`| card submission (while seeding, ${r.submissions.count}) | ${r.submissions.p50} | ${r.submissions.p95} |`);
  for (const a of r.apis) lines.push(`| ${a.name} | ${a.p50} | ${a.p95} |`);
  return lines.join("\n");
}

if (require.main === module) {
  const arg = process.argv.indexOf("--members");
  const members = arg > 0 ? Number(process.argv[arg + 1]) : 1000;
  runDashboardPhase({ members, log: (l) => console.log(l) })
    .then((r) => {
      console.log(formatDashboardPhase(r));
      process.exit(0);
    })
    .catch((err) => {
      console.error(err);
      process.exit(1);
    });
}
