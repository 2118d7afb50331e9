/**
 * The organisation report over real HTTP: who sees which cohorts, the stated assumptions, that
 * another tenant's cohort does not exist, and that the CSV never hands a spreadsheet a formula.
 */
import { parse } from "csv-parse/sync";
import { apiRoutes } from "../../../bot/src/contract/api-routes";
import type { ImpactReportResponse } from "../../../bot/src/contract/api-contract";
import type { CheckIn } from "../../../bot/src/domain/types";
import { apiAs } from "../../helpers/api-client";
import { person, seedCohort, type FixturePerson } from "../../helpers/fixtures";
import { startTestServer, type TestServer } from "../../helpers/test-server";

const T = "tenant-report-0000";
const OTHER = "tenant-report-9999";
const admin = person(700, "Ada Admin");
const facA = person(701, "Fay Facilitator");
const facB = person(702, "Bea Facilitator");
const leader = person(703, "Lee Leader");
const teamA = Array.from({ length: 6 }, (_, i) => person(710 + i, `Member A${i}`));
const teamB = Array.from({ length: 5 }, (_, i) => person(720 + i, `Member B${i}`));
const FORMULA_NAME = "=HYPERLINK(\"https://evil.example\",\"Finance\")";

const as = (p: FixturePerson, isAdmin = false, tenantId = T) => ({ tenantId, userId: p.aadObjectId, displayName: p.name, isAdmin });
const checkIn = (cohortId: string, p: FixturePerson, minute: number): CheckIn => ({
  id: `checkin:${cohortId}:s1:${p.aadObjectId}`, tenantId: T, cohortId, userId: p.aadObjectId, sessionNumber: 1, tried: "", worked: "", stuck: "", minutesSaved: 60, confidence: 4, wantsHelp: false,
  submittedAt: new Date(Date.UTC(2026, 2, 4, 9, minute)).toISOString(), updatedAt: new Date(Date.UTC(2026, 2, 4, 9, minute)).toISOString(),
});

describe("the organisation report over HTTP", () => {
  let server: TestServer;
  const report = async (who: ReturnType<typeof as>, query: Record<string, string> = {}) => (await apiAs(server, who)).get(apiRoutes.impactReport.url(query));
  const cohortIds = (body: ImpactReportResponse) => body.byCohort.map((c) => c.cohortId).sort();

  beforeAll(async () => {
    server = await startTestServer({ now: "2026-03-20T12:00:00.000Z" });
    const url = server.connector.serviceUrl;
    await seedCohort(server.repos, { tenantId: T, cohortId: "leaders", cohortName: "Leaders", kind: "leadership", trackId: "leadership", members: [leader], facilitators: [admin], serviceUrl: url });
    await seedCohort(server.repos, { tenantId: T, cohortId: "team-a", cohortName: FORMULA_NAME, leadershipCohortId: "leaders", members: teamA, facilitators: [facA], serviceUrl: url });
    await seedCohort(server.repos, { tenantId: T, cohortId: "team-b", cohortName: "Marketing", trackId: "marketing", members: teamB, facilitators: [facB], serviceUrl: url });
    await seedCohort(server.repos, { tenantId: OTHER, cohortId: "elsewhere", members: [], facilitators: [person(790, "Other Admin")], serviceUrl: url });
    for (const [i, p] of teamA.entries()) await server.repos.loop.upsertCheckIn(checkIn("team-a", p, i));
  });
  afterAll(() => server?.close());

  it("when an admin opens the report, then it covers the whole tenant with the stated assumptions", async () => {
    const res = await report(as(admin, true), { hoursPerFtePerWeek: "30", costPerHour: "50", currency: "EUR" });
    expect(res.status).toBe(200);
    expect(res.body.scope).toBe("tenant");
    expect(cohortIds(res.body)).toEqual(["leaders", "team-a", "team-b"]);
    expect(res.body.assumptions).toEqual({ hoursPerFtePerWeek: 30, costPerHour: 50, currency: "EUR" });
    // Five of six answered (the sixth is past the released prefix): 5 hours in one week.
    expect(res.body.overall.hoursSaved).toMatchObject({ suppressed: false, n: 5, value: 5 });
    expect(res.body.overall.fteSaved.value).toBe(0.17);
    expect(res.body.overall.costSaved.value).toBe(250);
  });

  it("when a facilitator or a leader opens it, then they see only their own cohorts or those following their leadership cohort", async () => {
    expect(cohortIds((await report(as(facA))).body)).toEqual(["team-a"]);
    expect(cohortIds((await report(as(facB))).body)).toEqual(["team-b"]);
    expect(cohortIds((await report(as(leader))).body)).toEqual(["team-a"]);
    expect((await report(as(facB), { cohortId: "team-a" })).status).toBe(404);
    // The tab offers the report to whom /api/me says leads: the leader, not a team member.
    expect((await (await apiAs(server, as(leader))).get(apiRoutes.me.url())).body.leaderOf).toEqual(["leaders"]);
    expect((await (await apiAs(server, as(teamA[0]!))).get(apiRoutes.me.url())).body.leaderOf).toBeUndefined();
  });

  it("when a member who neither facilitates nor leads opens it, then they are refused in plain words", async () => {
    const res = await report(as(teamA[0]!));
    expect(res.status).toBe(403);
    expect(JSON.stringify(res.body)).toContain("The organisation report is for admins, facilitators and leaders.");
  });

  it("when an admin asks for another tenant's cohort or gives a bad assumption, then it is not found or explained", async () => {
    expect((await report(as(admin, true), { cohortId: "elsewhere" })).status).toBe(404);
    const bad = await report(as(admin, true), { hoursPerFtePerWeek: "0" });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain("Hours per FTE per week must be more than 0.");
  });

  it("when the CSV is exported, then a cohort named like a formula stays text, and small groups say fewer than 5", async () => {
    const token = await server.tokenFor(as(admin, true));
    const res = await fetch(`${server.baseUrl}${apiRoutes.impactReportCsv.url({ trackId: "finance" })}`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/csv");
    const rows = parse(await res.text()) as string[][];
    const names = new Set(rows.slice(1).map((r) => r[1]));
    expect(names).toContain(`'${FORMULA_NAME}`);
    expect(names).not.toContain(FORMULA_NAME);
    expect(rows.flat().every((cell) => !/^[=+\-@]/.test(cell) || /^-?\d/.test(cell))).toBe(true);
    const paired = rows.find((r) => r[0] === "cohort" && r[2] === "using AI at this week (paired)" && r[3] === "4")!;
    expect(paired[4]).toBe("fewer than 5");
    const fte = rows.find((r) => r[0] === "all" && r[2] === "FTE saved per week")!;
    expect(fte[6]).toBe("assuming 37.5 hours per FTE per week and 40 GBP per hour");
  });
});
