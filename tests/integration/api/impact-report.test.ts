/**
 * The organisation report over real HTTP: who sees which cohorts, the stated assumptions, that
 * another tenant's cohort does not exist, and that the CSV never hands a spreadsheet a formula.
 */
import { parse } from "csv-parse/sync";
import { apiRoutes } from "../../../bot/src/contract/api-routes";
import type { ImpactReportResponse, ReportFigures } from "../../../bot/src/contract/api-contract";
import type { AdoptionAnswer, CheckIn, Confidence } from "../../../bot/src/domain/types";
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

/**
 * The done-when of the report: a tenant with 3 cohorts and 300 members, seeded through the
 * repositories the service writes with, gives figures that a computation written here, from the
 * seeded answers alone, reproduces: paired adoption over the people who answered both, FTE and cost
 * from the stated assumptions, and seniority slices where a level under 5 (and the level that would
 * give it away) is withheld. The same suppression shows in the CSV.
 */
describe("the organisation report over 3 cohorts and 300 members", () => {
  const TENANT = "tenant-report-300";
  const boss = person(9000, "Rae Reporter");
  const COHORTS = [
    // Cohort a: 3 executives and 12 managers; the executives are under 5, so the managers are withheld with them.
    { id: "a", trackId: "finance", levels: { executive: 3, manager: 12 } },
    { id: "b", trackId: "finance", levels: { executive: 0, manager: 20 } },
    { id: "c", trackId: "marketing", levels: { executive: 5, manager: 10 } },
  ] as const;
  type Level = "individual" | "manager" | "executive";
  const TITLES: Record<Level, string> = { executive: "Head of Finance", manager: "Team Manager", individual: "Analyst" };
  const FREQ = ["daily", "few-times-a-week", "weekly", "rarely", "not-at-all"] as const;
  const minute = (base: number, m: number) => new Date(Date.UTC(2026, 2, base, 9, 0) + m * 60_000).toISOString();

  interface Seeded { cohortId: string; trackId: string; members: Array<{ userId: string; level: Level }>; checkIns: CheckIn[]; adoption: AdoptionAnswer[] }
  const seeded: Seeded[] = [];
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ now: "2026-06-01T12:00:00.000Z" });
    for (const [k, spec] of COHORTS.entries()) {
      const people = Array.from({ length: 100 }, (_, i) => person(10_000 + k * 1000 + i, `Member ${spec.id}${i}`));
      const levelOf = (i: number): Level => (i < spec.levels.executive ? "executive" : i < spec.levels.executive + spec.levels.manager ? "manager" : "individual");
      const cohort = await seedCohort(server.repos, { tenantId: TENANT, cohortId: spec.id, cohortName: `Cohort ${spec.id}`, trackId: spec.trackId, members: people, facilitators: [boss], serviceUrl: server.connector.serviceUrl });
      const memberships = await server.repos.memberships.listByCohort(TENANT, cohort.id);
      const index = new Map(people.map((p, i) => [p.aadObjectId, i]));
      await server.repos.memberships.upsertMany(memberships.map((m) => ({ ...m, jobTitle: TITLES[levelOf(index.get(m.userId)!)] })));
      const s: Seeded = { cohortId: spec.id, trackId: spec.trackId, members: people.map((p, i) => ({ userId: p.aadObjectId, level: levelOf(i) })), checkIns: [], adoption: [] };
      for (const [i, p] of people.entries()) {
        if (i % 4 !== 3) {
          const at = minute(4, (i * 37) % 100);
          s.checkIns.push({ id: `checkin:${spec.id}:s1:${p.aadObjectId}`, tenantId: TENANT, cohortId: spec.id, userId: p.aadObjectId, sessionNumber: 1, tried: "", worked: "", stuck: "", minutesSaved: 10 * ((i * 3 + k) % 7), confidence: (1 + ((i * 7 + k) % 5)) as Confidence, wantsHelp: false, submittedAt: at, updatedAt: at });
        }
        const answers: Array<[number, boolean, boolean]> = [[0, i % 5 !== 4, i % 3 === 0], [4, i % 6 !== 5, i % 2 === 0], [8, i % 7 !== 6, i % 3 !== 2], [12, i % 4 !== 1, i % 3 !== 1]];
        for (const [week, answered, stillUsing] of answers) {
          if (!answered) continue;
          const at = minute(1 + week * 2, (i * 53) % 100);
          s.adoption.push({ id: `adoption:${spec.id}:w${week}:${p.aadObjectId}`, tenantId: TENANT, cohortId: spec.id, userId: p.aadObjectId, week, stillUsing, frequency: FREQ[(i + week) % 5]!, usedFor: "", answeredAt: at, firstAnsweredAt: at });
        }
      }
      for (const c of s.checkIns) await server.repos.loop.upsertCheckIn(c);
      for (const a of s.adoption) await server.repos.loop.upsertAdoption(a);
      seeded.push(s);
    }
  }, 120_000);
  afterAll(() => server?.close());

  // ---- the independent computation: straight from the seeded answers ----
  const byTimeThenId = <T extends { id: string }>(time: (x: T) => string) => (a: T, b: T) => time(a).localeCompare(time(b)) || a.id.localeCompare(b.id);
  const firstFives = <T>(sorted: T[]) => sorted.slice(0, Math.floor(sorted.length / 5) * 5);
  const r2 = (v: number) => Math.round(v * 100) / 100;
  const down5 = (n: number) => Math.floor(n / 5) * 5;
  /** The groups a slice adds up: whole cohorts, or one level of each cohort where that level is released. */
  function groups(level?: Level): Array<{ userIds: Set<string>; s: Seeded }> {
    return seeded.flatMap((s) => {
      if (!level) return [{ userIds: new Set(s.members.map((m) => m.userId)), s }];
      const size = (l: Level) => s.members.filter((m) => m.level === l).length;
      const small = (["individual", "manager", "executive"] as Level[]).filter((l) => size(l) > 0 && size(l) < 5);
      // Cohort a: executives (3) are under 5 and the smallest other level (managers) is withheld with them.
      const withheld = new Set<Level>(small.length ? [...small, ...(small.reduce((n, l) => n + size(l), 0) < 5 ? (["manager", "individual", "executive"] as Level[]).filter((l) => !small.includes(l) && size(l) > 0).sort((x, y) => size(x) - size(y)).slice(0, 1) : [])] : []);
      const ids = s.members.filter((m) => m.level === level).map((m) => m.userId);
      return withheld.has(level) || ids.length < 5 ? [] : [{ userIds: new Set(ids), s }];
    });
  }
  function expected(level?: Level) {
    let confN = 0, confSum = 0, minutes = 0, funnel12 = 0;
    const adoption = new Map<number, { pairs: number; before: number; after: number }>([4, 8, 12].map((w) => [w, { pairs: 0, before: 0, after: 0 }]));
    for (const { userIds, s } of groups(level)) {
      const mine = s.checkIns.filter((c) => userIds.has(c.userId)).sort(byTimeThenId((c) => c.submittedAt!));
      const released = firstFives(mine);
      confN += released.length;
      confSum += released.reduce((t, c) => t + c.confidence, 0);
      minutes += released.reduce((t, c) => t + c.minutesSaved, 0);
      const at = (week: number) => new Map(s.adoption.filter((a) => a.week === week && userIds.has(a.userId)).map((a) => [a.userId, a]));
      const base = at(0);
      for (const week of [4, 8, 12]) {
        const both = firstFives([...at(week).values()].filter((a) => base.has(a.userId)).sort(byTimeThenId((a) => a.firstAnsweredAt!)));
        const t = adoption.get(week)!;
        t.pairs += both.length;
        t.before += both.filter((a) => base.get(a.userId)!.stillUsing).length;
        t.after += both.filter((a) => a.stillUsing).length;
      }
      const tried = new Set(mine.map((c) => c.userId));
      const w4 = at(4), w8 = at(8), w12 = at(12);
      const weekly = [...tried].filter((u) => ["daily", "few-times-a-week", "weekly"].includes(w4.get(u)?.frequency ?? ""));
      funnel12 += down5(weekly.filter((u) => w8.get(u)?.stillUsing && w12.get(u)?.stillUsing).length);
    }
    const hours = minutes / 60;
    return { confN, confidence: r2(confSum / confN), hours: Math.round(hours * 10) / 10, fte: r2(hours / 30), cost: Math.round(hours * 55), adoption, funnel12 };
  }

  const get = async (query: Record<string, string>) => {
    const res = await (await apiAs(server, { tenantId: TENANT, userId: boss.aadObjectId, displayName: boss.name, isAdmin: true })).get(apiRoutes.impactReport.url(query));
    expect(res.status).toBe(200);
    return res.body as ImpactReportResponse;
  };
  const checkFigures = (f: ReportFigures, e: ReturnType<typeof expected>) => {
    if (e.confN < 5) expect([f.confidence, f.hoursSaved, f.fteSaved, f.costSaved]).toEqual(Array(4).fill({ suppressed: true }));
    else {
      expect(f.confidence).toEqual({ suppressed: false, n: e.confN, value: e.confidence, basis: "first-respondents" });
      expect([f.hoursSaved.value, f.fteSaved.value, f.costSaved.value]).toEqual([e.hours, e.fte, e.cost]);
    }
    for (const week of [4, 8, 12]) {
      const got = f.adoption.find((a) => a.week === week)!;
      const want = e.adoption.get(week)!;
      const share = (count: number) => (want.pairs < 5 ? undefined : r2(count / want.pairs));
      expect({ week, pairs: got.pairs, before: got.before.value, after: got.after.value }).toEqual({ week, pairs: want.pairs, before: share(want.before), after: share(want.after) });
    }
    expect(f.funnel.find((s) => s.step === "week-12")!.people.value).toBe(e.funnel12);
  };

  it("when an admin reads it with stated assumptions, then every figure matches the computation from the seeded answers, paired over those who answered both", async () => {
    const body = await get({ hoursPerFtePerWeek: "30", costPerHour: "55", currency: "EUR" });
    expect(body.overall.memberCount).toBe(300);
    checkFigures(body.overall, expected());
    // Paired means paired: fewer pairs than week-12 answers, since not everyone answered the baseline.
    expect(body.overall.adoption.find((a) => a.week === 12)!.pairs).toBeLessThan(seeded.reduce((n, s) => n + s.adoption.filter((a) => a.week === 12).length, 0));
    for (const level of ["individual", "manager", "executive"] as const) {
      const slice = body.bySeniority.find((s) => s.level === level)!;
      checkFigures(slice.figures, expected(level));
      expect((await get({ seniority: level, hoursPerFtePerWeek: "30", costPerHour: "55" })).overall.confidence).toEqual(slice.figures.confidence);
    }
  }, 60_000);

  it("when a filter would isolate fewer than 5 people, then every figure says so, in the API and in the CSV", async () => {
    const execsOfA = await get({ cohortId: "a", seniority: "executive" });
    const managersOfA = await get({ cohortId: "a", seniority: "manager" });
    for (const f of [execsOfA.overall, managersOfA.overall]) {
      expect([f.participation, f.confidence, f.hoursSaved, f.fteSaved, f.costSaved, ...f.funnel.map((s) => s.people), ...f.adoption.flatMap((a) => [a.before, a.after])].every((a) => a.suppressed)).toBe(true);
    }
    expect((await get({ cohortId: "a", seniority: "individual" })).overall.confidence.suppressed).toBe(false);

    const token = await server.tokenFor({ tenantId: TENANT, userId: boss.aadObjectId, displayName: boss.name, isAdmin: true });
    const res = await fetch(`${server.baseUrl}${apiRoutes.impactReportCsv.url({ cohortId: "a" })}`, { headers: { authorization: `Bearer ${token}` } });
    const rows = parse(await res.text()) as string[][];
    const seniorityRows = (name: string) => rows.filter((r) => r[0] === "seniority" && r[1] === name && r[2] === "average confidence (1-5)" && r[3] === "");
    expect(seniorityRows("People managers").map((r) => r[4])).toEqual(["fewer than 5"]);
    expect(seniorityRows("Executives").map((r) => r[4])).toEqual(["fewer than 5"]);
    expect(seniorityRows("Individual contributors").map((r) => r[4])).not.toEqual(["fewer than 5"]);
    // Nor does the slice's size give the 3 executives away.
    expect(rows.find((r) => r[0] === "seniority" && r[1] === "Executives" && r[2] === "members")?.[4]).toBe("fewer than 5");
    expect(rows.find((r) => r[0] === "seniority" && r[1] === "Individual contributors" && r[2] === "members")?.[4]).toMatch(/^\d+$/);
    expect(rows.some((r) => r[0] === "all" && r[2] === "using AI at this week (paired)" && r[3] === "12")).toBe(true);
  }, 60_000);
});
