/**
 * Issue 20: the organisation report is built from each cohort's saved report parts
 * (store/report-parts.repository.ts, usecases/dashboard/impact-report-parts.ts), not from every
 * record of every cohort on each request. These tests hold it to two things:
 * - its figures equal a full recomputation from the raw records (the domain's `computeImpactReport`
 *   over every membership and record, as the report computed them before), for every slice and
 *   filter, and still do after writes (a check-in, a job title change) and after a saved document
 *   was tampered with (the consistency check finds and repairs it);
 * - its reads do not grow with the cohorts: counted by the store's read counter
 *   (store/read-counter.ts) around the use case the route runs, the same before and after the
 *   cohorts grow from 10 to 110 members with their answers.
 *
 * Real service and embedded Cosmos DB; records written through the store's repositories.
 */
import { apiRoutes } from "../../../bot/src/contract/api-routes";
import type { ImpactReportQuery, ImpactReportResponse } from "../../../bot/src/contract/impact-report-contract";
import { computeImpactReport, type ReportCohortInput, type StoredReportParts } from "../../../bot/src/domain/impact-report";
import { seniorityOf } from "../../../bot/src/domain/seniority";
import type { AdoptionAnswer, CheckIn, Confidence, Membership } from "../../../bot/src/domain/types";
import { countReads } from "../../../bot/src/store/read-counter";
import { impactReport } from "../../../bot/src/usecases/dashboard/impact-report";
import { checkReportParts } from "../../../bot/src/usecases/dashboard/impact-report-parts";
import { trackOfCohort } from "../../../bot/src/usecases/tracks/cohort-track";
import { apiAs } from "../../helpers/api-client";
import { person, seedCohort } from "../../helpers/fixtures";
import { startTestServer, type TestServer } from "../../helpers/test-server";

jest.setTimeout(180_000);

const T = "tenant-report-reads";
const boss = person(9500, "Rhea Reporter");
const admin = { tenantId: T, userId: boss.aadObjectId, displayName: boss.name, isAdmin: true };
const COHORTS = [
  { id: "ra", trackId: "finance" },
  { id: "rb", trackId: "finance" },
  { id: "rc", trackId: "marketing" },
] as const;
const TITLES = ["Analyst", "Analyst", "Team Manager", "Analyst", "Head of Finance", "Engineer", "Supervisor"];
const FREQ = ["daily", "few-times-a-week", "weekly", "rarely", "not-at-all"] as const;
const QUERIES: ImpactReportQuery[] = [{}, { trackId: "finance" }, { cohortId: "rb" }, { seniority: "individual" }, { seniority: "manager" }, { hoursPerFtePerWeek: 30, costPerHour: 55, currency: "EUR" }];

let server: TestServer;

/** Members `from`..`to` (exclusive) of cohort k, with titles, check-ins for sessions 1–2 and adoption at weeks 0 and 4. */
async function addMembers(k: number, from: number, to: number): Promise<void> {
  const { id: cohortId } = COHORTS[k]!;
  const people = Array.from({ length: to - from }, (_, j) => person(20_000 + k * 1000 + from + j, `Member ${cohortId}${from + j}`));
  const memberships: Membership[] = people.map((p, j) => ({ tenantId: T, cohortId, userId: p.aadObjectId, displayName: p.name, jobTitle: TITLES[(from + j + k) % TITLES.length]!, joinedAt: "2026-02-20T09:00:00.000Z" }));
  await server.repos.memberships.upsertMany(memberships);
  for (const [j, p] of people.entries()) {
    const i = from + j;
    for (const session of [1, 2]) {
      if ((i + session) % 4 === 0) continue;
      const at = new Date(Date.UTC(2026, 2, 4 + session * 7, 9, (i * 37) % 60)).toISOString();
      const checkIn: CheckIn = { id: `checkin:${cohortId}:s${session}:${p.aadObjectId}`, tenantId: T, cohortId, userId: p.aadObjectId, sessionNumber: session, tried: "", worked: "", stuck: "", minutesSaved: 10 * ((i * 3 + k) % 7), confidence: (1 + ((i * 7 + k + session) % 5)) as Confidence, wantsHelp: false, blockers: i % 3 === 0 ? ["finding-time"] : [], submittedAt: at, updatedAt: at };
      await server.repos.loop.upsertCheckIn(checkIn);
    }
    for (const week of [0, 4]) {
      if ((i + week) % 5 === 4) continue;
      const at = new Date(Date.UTC(2026, 2, 1 + week * 7, 10, (i * 53) % 60)).toISOString();
      const answer: AdoptionAnswer = { id: `adoption:${cohortId}:w${week}:${p.aadObjectId}`, tenantId: T, cohortId, userId: p.aadObjectId, week, stillUsing: (i + week) % 3 !== 0, frequency: FREQ[(i + week) % 5]!, usedFor: "", answeredAt: at, firstAnsweredAt: at };
      await server.repos.loop.upsertAdoption(answer);
    }
  }
}

/** The report as computed before it had a read model: from every membership and record of every cohort. */
async function fullRecomputation(query: ImpactReportQuery) {
  const cohorts = (await server.repos.cohorts.list(T)).filter((c) => (query.cohortId === undefined || c.id === query.cohortId) && (query.trackId === undefined || c.trackId === query.trackId));
  const inputs: ReportCohortInput[] = await Promise.all(
    cohorts.map(async (c) => {
      const [memberships, records] = await Promise.all([server.repos.memberships.listByCohort(T, c.id), server.repos.loop.listCohortRecords(T, c.id)]);
      return { cohortId: c.id, trackId: c.trackId, memberIds: memberships.map((m) => m.userId), records, seniority: new Map(memberships.map((m) => [m.userId, seniorityOf(m)])) };
    }),
  );
  return computeImpactReport(inputs, { hoursPerFtePerWeek: query.hoursPerFtePerWeek ?? 37.5, costPerHour: query.costPerHour ?? 40, currency: query.currency ?? "GBP" }, query.seniority ? { seniority: query.seniority } : {});
}

async function expectSameAsFullRecomputation(): Promise<void> {
  const api = await apiAs(server, admin);
  for (const query of QUERIES) {
    const res = await api.get(apiRoutes.impactReport.url(Object.fromEntries(Object.entries(query).map(([k, v]) => [k, String(v)]))));
    expect(res.status).toBe(200);
    const body = res.body as ImpactReportResponse;
    const full = await fullRecomputation(query);
    expect({ query, overall: body.overall }).toEqual({ query, overall: full.overall });
    expect(body.byCohort.map((c) => [c.cohortId, c.figures])).toEqual(full.byCohort.map((c) => [c.cohortId, c.figures]));
    expect(body.byTrack.map((t) => [t.trackId, t.figures])).toEqual(full.byTrack.map((t) => [t.trackId, t.figures]));
    expect(body.bySeniority.map((l) => [l.level, l.figures])).toEqual(full.bySeniority.map((l) => [l.level, l.figures]));
  }
}

describe("the organisation report's read model", () => {
  beforeAll(async () => {
    server = await startTestServer({ now: "2026-06-01T12:00:00.000Z" });
    for (const c of COHORTS) await seedCohort(server.repos, { tenantId: T, cohortId: c.id, cohortName: `Cohort ${c.id}`, trackId: c.trackId, members: [], facilitators: [boss], serviceUrl: server.connector.serviceUrl });
    for (const k of COHORTS.keys()) await addMembers(k, 0, 10);
  }, 120_000);
  afterAll(() => server?.close());

  it("when the report is read with any filter, then every slice equals a full recomputation from the raw records", async () => {
    await expectSameAsFullRecomputation();
    // A changing figure, so the comparison above could fail: the tenant has released check-ins.
    expect((await fullRecomputation({})).overall.confidence.suppressed).toBe(false);
  });

  it("when the cohorts grow from 10 to 110 members with their answers, then a report request reads no more than before", async () => {
    const measure = async () => {
      await impactReport(server.ctx, admin, {}); // the first read after writes recomputes the parts once
      return (await countReads(() => impactReport(server.ctx, admin, {}))).reads;
    };
    const small = await measure();
    for (const k of COHORTS.keys()) await addMembers(k, 10, 110);
    const large = await measure();
    expect(large.documentsRead).toBe(small.documentsRead);
    expect(large.pointReads).toBe(small.pointReads);
    // The cohort list and the tenant's authored tracks (cached for a while): no query per cohort.
    expect(large.queries).toBeLessThanOrEqual(2);
    // A handful per cohort, far fewer than the ~800 documents the cohorts now hold.
    expect(large.documentsRead).toBeLessThanOrEqual(COHORTS.length * 3 + 5);
    await expectSameAsFullRecomputation();
  });

  it("when a member checks in or changes job title, then the next report shows it and still equals a full recomputation", async () => {
    const before = (await impactReport(server.ctx, admin, { cohortId: "rc" })).byCohort[0]!.figures;
    // A late check-in for session 3 by five members of cohort rc: a new week appears.
    for (let i = 0; i < 5; i++) {
      const p = person(20_000 + 2 * 1000 + i, `Member rc${i}`);
      const at = new Date(Date.UTC(2026, 2, 25, 9, i)).toISOString();
      await server.repos.loop.upsertCheckIn({ id: `checkin:rc:s3:${p.aadObjectId}`, tenantId: T, cohortId: "rc", userId: p.aadObjectId, sessionNumber: 3, tried: "", worked: "", stuck: "", minutesSaved: 30, confidence: 5, wantsHelp: false, submittedAt: at, updatedAt: at });
    }
    const after = (await impactReport(server.ctx, admin, { cohortId: "rc" })).byCohort[0]!.figures;
    expect(before.weekly.map((w) => w.week)).not.toContain(3);
    expect(after.weekly.find((w) => w.week === 3)?.confidence).toEqual({ suppressed: false, n: 5, value: 5, basis: "first-respondents" });
    // Ten analysts of cohort ra become executives: the seniority slices move.
    const ra = await server.repos.memberships.listByCohort(T, "ra");
    const execsBefore = (await impactReport(server.ctx, admin, { seniority: "executive" })).overall.memberCount;
    await server.repos.memberships.upsertMany(ra.filter((m) => m.jobTitle === "Analyst").slice(0, 10).map((m) => ({ ...m, jobTitle: "Director" })));
    expect((await impactReport(server.ctx, admin, { seniority: "executive" })).overall.memberCount).toBe(execsBefore + 10);
    await expectSameAsFullRecomputation();
  });

  it("when a saved cohort's parts do not match its records, then the consistency check says so and rebuilds them", async () => {
    const cohort = (await server.repos.cohorts.get(T, "rb"))!;
    const track = await trackOfCohort(server.repos.tracks, cohort);
    await impactReport(server.ctx, admin, {});
    expect(await checkReportParts(server.ctx, cohort, track)).toEqual({ consistent: true, stale: false });
    // Tampered with under the current key: the report would serve it as it is.
    const saved = (await server.repos.reportParts.get(T, "rb"))!;
    const parts = saved.parts as StoredReportParts;
    await server.repos.reportParts.save(T, "rb", { ...saved, parts: { ...parts, all: { ...parts.all, memberCount: 1 } } });
    expect((await impactReport(server.ctx, admin, { cohortId: "rb" })).byCohort[0]!.figures.memberCount).toBe(1);
    expect(await checkReportParts(server.ctx, cohort, track)).toEqual({ consistent: false, stale: false });
    expect(await checkReportParts(server.ctx, cohort, track)).toEqual({ consistent: true, stale: false });
    await expectSameAsFullRecomputation();
  });
});
