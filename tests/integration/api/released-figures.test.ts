/**
 * Over real HTTP: the figures members (and the CSV) see cannot be differenced to recover one
 * person's answers, and the CSV export never hands a spreadsheet a formula.
 */
import { parse } from "csv-parse/sync";
import type { CheckIn } from "../../../bot/src/domain/types";
import { answerAdoptionCheck } from "../../../bot/src/usecases/member/answer-adoption-check";
import { apiAs, type ApiCaller } from "../../helpers/api-client";
import { person, seedCohort } from "../../helpers/fixtures";
import { startTestServer, type TestServer } from "../../helpers/test-server";

const T = "tenant-release-0000";
const members = Array.from({ length: 7 }, (_, i) => person(400 + i, `Member ${i}`));
const facilitator = person(450, "Fran Facilitator");
const as = (p: { aadObjectId: string; name: string }) => ({ tenantId: T, userId: p.aadObjectId, displayName: p.name });

const checkIn = (i: number, over: Partial<CheckIn> = {}): CheckIn => ({
  id: `checkin:small:s1:${members[i]!.aadObjectId}`, tenantId: T, cohortId: "small", userId: members[i]!.aadObjectId, sessionNumber: 1,
  tried: "reconciliations", worked: "drafts", stuck: "", minutesSaved: 30, confidence: 4, wantsHelp: false,
  submittedAt: new Date(Date.UTC(2026, 2, 10, 9, i)).toISOString(), updatedAt: new Date(Date.UTC(2026, 2, 10, 9, i)).toISOString(), ...over,
});

describe("released figures over HTTP", () => {
  let server: TestServer;
  let member: ApiCaller, fac: ApiCaller;
  let csvToken: string;

  const csv = async (cohortId: string) => (await fetch(`${server.baseUrl}/api/cohorts/${cohortId}/metrics.csv`, { headers: { authorization: `Bearer ${csvToken}` } })).text();
  const figures = async () => {
    const asMember = (await member.get("/api/cohorts/small/progress")).body;
    const asFacilitator = (await fac.get("/api/cohorts/small/progress")).body;
    const timeline = (await member.get("/api/cohorts/small/timeline")).body;
    const { members: _named, ...released } = asFacilitator;
    return {
      memberView: { weekly: asMember.weekly, helpRequests: asMember.helpRequests, stuckCount: asMember.stuckCount, policyAcknowledged: asMember.policyAcknowledged, adoption: asMember.adoption },
      facilitatorFigures: released,
      responses: timeline.events.map((e: { key: string; responses: unknown }) => [e.key, e.responses]),
      csv: await csv("small"),
    };
  };

  beforeAll(async () => {
    server = await startTestServer({ now: "2026-03-20T12:00:00.000Z" });
    await seedCohort(server.repos, { tenantId: T, cohortId: "small", startDate: "2026-03-02", members, facilitators: [facilitator], serviceUrl: server.connector.serviceUrl });
    member = await apiAs(server, as(members[0]!));
    fac = await apiAs(server, as(facilitator));
    csvToken = await server.tokenFor(as(facilitator));
  });
  afterAll(() => server.close());

  it("when a sixth member of seven answers after five, then no figure a member or the CSV shows moves, and the sixth person's answers cannot be read", async () => {
    for (let i = 0; i < 5; i++) await server.repos.loop.upsertCheckIn(checkIn(i));
    const atFive = await figures();
    // Session 1's check-in falls in week 1, before session 2.
    const week = atFive.memberView.weekly.find((w: { week: number }) => w.week === 1) ?? atFive.memberView.weekly[0];
    expect(week.confidence).toEqual({ suppressed: false, n: 5, value: 4, basis: "first-respondents" });
    expect(week.minutesSaved).toEqual({ suppressed: false, n: 5, value: 150, basis: "first-respondents" });

    // The sixth person: confidence 1, 95 minutes, asks for help.
    await server.repos.loop.upsertCheckIn(checkIn(5, { confidence: 1, minutesSaved: 95, wantsHelp: true, stuck: "it invented numbers" }));
    const atSix = await figures();
    expect(atSix.memberView).toEqual(atFive.memberView);
    expect(atSix.facilitatorFigures).toEqual(atFive.facilitatorFigures);
    expect(atSix.responses).toEqual(atFive.responses);
    expect(atSix.csv).toBe(atFive.csv);
    expect(atSix.csv).not.toMatch(/\b95\b|\b125\b|3\.5/);

    // Facilitators still see, by name, that this person asked for help: that table is staff-only.
    const named = (await fac.get("/api/cohorts/small/progress")).body.members;
    expect(named.find((m: { displayName: string }) => m.displayName === "Member 5").status).toBe("asked-for-help");
    expect((await member.get("/api/cohorts/small/progress")).body.members.map((m: { displayName: string }) => m.displayName)).toEqual(["Member 0"]);
  });

  it("when the CSV is read, then it says how each figure was rounded", async () => {
    const rows: string[][] = parse(await csv("small"));
    expect(rows[0]).toEqual(["cohort", "metric", "week", "value", "people", "note"]);
    expect(rows.find((r) => r[1] === "average confidence (1-5)" && r[3] !== "not enough responses")?.[5]).toBe("over the first 5 respondents (counted in fives)");
  });

  it.each(["=HYPERLINK(\"https://evil.example.com\",\"x\")", "+1+1", "-2+3", "@SUM(1,1)", "\t=1+1", "\r=1+1", " =1+1"])("when a cohort is named %j, then no CSV cell starts with a formula character", async (name) => {
    const cohort = (await server.repos.cohorts.get(T, "small"))!;
    await server.repos.cohorts.update({ ...cohort, name }, cohort.etag);
    const text = await csv("small");
    const rows: string[][] = parse(text, { relax_column_count: true });
    const cells = rows.flat();
    expect(cells.filter((c) => /^\s*[=+\-@\t\r]/.test(c))).toEqual([]);
    expect(cells).toContain(`'${name}`);
    // Numbers we compute stay numbers.
    expect(rows.find((r) => r[1] === "average confidence (1-5)")?.[3]).toMatch(/^\d+(\.\d+)?$|^not enough responses$/);
  });
});

describe("the order answers are released in", () => {
  it("when a member changes their adoption answer, then it keeps its first-recorded place (nobody else moves in or out of the released five)", async () => {
    const server = await startTestServer({ now: "2026-03-02T10:00:00.000Z" });
    try {
      await seedCohort(server.repos, { tenantId: T, cohortId: "order", startDate: "2026-03-02", members, facilitators: [facilitator], serviceUrl: server.connector.serviceUrl });
      const actor = { ...as(members[0]!), isAdmin: false };
      const input = { cohortId: "order", week: 0, stillUsing: false, frequency: "rarely" as const, usedFor: "" };
      const first = await answerAdoptionCheck(server.ctx, actor, input);
      server.clock.advance(3 * 24 * 3600_000);
      const second = await answerAdoptionCheck(server.ctx, actor, { ...input, stillUsing: true, frequency: "weekly" });
      const stored = (await server.repos.loop.listMemberRecords(T, "order", actor.userId)).adoption;
      expect(stored).toHaveLength(1);
      expect(stored[0]).toMatchObject({ stillUsing: true, answeredAt: second.answer.answeredAt, firstAnsweredAt: first.answer.answeredAt });
      expect(second.answer.answeredAt > first.answer.answeredAt).toBe(true);
    } finally {
      await server.close();
    }
  });
});
