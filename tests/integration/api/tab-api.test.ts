/**
 * The tab's API over real HTTP against the embedded Cosmos DB, with tokens from the local issuer
 * (verified by the same code path as Teams SSO tokens): roles, tenant isolation, validation,
 * conflicts and the CSV export.
 */
import { STARTER_POLICY } from "../../../bot/src/domain/policy-template";
import { apiAs, type ApiCaller } from "../../helpers/api-client";
import { person, seedCohort } from "../../helpers/fixtures";
import { startTestServer, type TestServer } from "../../helpers/test-server";

const A = "tenant-a-0000";
const B = "tenant-b-0000";
const members = Array.from({ length: 6 }, (_, i) => person(100 + i, `Member ${i}`));
const facilitator = person(200, "Fran Facilitator");
const otherFacilitator = person(201, "Olly Other");
const as = (p: { aadObjectId: string; name: string }, tenantId = A, isAdmin = false) => ({ tenantId, userId: p.aadObjectId, displayName: p.name, isAdmin });

describe("the tab's API", () => {
  let server: TestServer;
  let admin: ApiCaller, fac: ApiCaller, employee: ApiCaller, other: ApiCaller, tenantB: ApiCaller, nobody: ApiCaller;

  beforeAll(async () => {
    server = await startTestServer({ now: "2026-03-20T12:00:00.000Z" });
    await seedCohort(server.repos, { tenantId: A, cohortId: "lead", kind: "leadership", trackId: "leadership", startDate: "2026-02-23", members: members.slice(0, 2), facilitators: [otherFacilitator], serviceUrl: server.connector.serviceUrl });
    await seedCohort(server.repos, { tenantId: A, cohortId: "fin", startDate: "2026-03-02", leadershipCohortId: "lead", members, facilitators: [facilitator], serviceUrl: server.connector.serviceUrl });
    await seedCohort(server.repos, { tenantId: B, cohortId: "b-cohort", members: [person(300, "B member")], facilitators: [person(301, "B fac")], serviceUrl: server.connector.serviceUrl });
    admin = await apiAs(server, as(person(1, "Ada Admin"), A, true));
    fac = await apiAs(server, as(facilitator));
    employee = await apiAs(server, as(members[0]!));
    other = await apiAs(server, as(otherFacilitator));
    tenantB = await apiAs(server, as(person(301, "B fac"), B, true));
    nobody = await apiAs(server, null);
  });
  afterAll(() => server.close());

  it("when no token is sent, then every route answers 401 with a clear message", async () => {
    for (const path of ["/api/me", "/api/cohorts", "/api/cohorts/fin", "/api/cohorts/fin/progress", "/api/policy", "/api/leadership", "/api/my/data"]) {
      const res = await nobody.get(path);
      expect({ path, status: res.status }).toEqual({ path, status: 401 });
      expect(res.body.error.code).toBe("AUTH.UNAUTHENTICATED");
    }
  });

  it("when a signed-in person asks who they are, then roles come from the token and the data", async () => {
    expect((await admin.get("/api/me")).body).toMatchObject({ tenantId: A, roles: ["admin", "employee"], mode: "local" });
    expect((await fac.get("/api/me")).body).toMatchObject({ roles: ["facilitator", "employee"], facilitatorOf: ["fin"] });
    expect((await employee.get("/api/me")).body).toMatchObject({ roles: ["employee"], memberOf: expect.arrayContaining(["fin"]) });
  });

  it("when a facilitator opens their cohort, then they see its timeline, progress with names, and questions", async () => {
    const timeline = await fac.get("/api/cohorts/fin/timeline");
    expect(timeline.status).toBe(200);
    expect(timeline.body.events.find((e: { key: string }) => e.key === "s1.learn")).toMatchObject({ localDate: "2026-03-02", state: "past", title: expect.stringMatching(/Session 1/) });
    expect(timeline.body.today).toBe("2026-03-20");
    const progress = await fac.get("/api/cohorts/fin/progress");
    // The member table is paged by the store's buckets: the same people, in the store's order.
    expect(progress.body.members.map((m: { displayName: string }) => m.displayName).sort()).toEqual(members.map((m) => m.name).sort());
    expect(progress.body.membersContinuation).toBeUndefined();
    expect((await fac.get("/api/cohorts/fin")).body.members).toHaveLength(6);
    expect((await fac.get("/api/cohorts/fin/questions")).status).toBe(200);
  });

  it("when an employee opens their cohort, then they see aggregates and only their own row, never other names", async () => {
    const progress = await employee.get("/api/cohorts/fin/progress");
    expect(progress.status).toBe(200);
    expect(progress.body.members.map((m: { userId: string }) => m.userId)).toEqual([members[0]!.aadObjectId]);
    const detail = await employee.get("/api/cohorts/fin");
    expect(detail.body.members).toEqual([]);
    expect(JSON.stringify(detail.body) + JSON.stringify(progress.body)).not.toContain(members[1]!.name);
    expect((await employee.get("/api/cohorts/fin/questions")).status).toBe(403);
    expect((await employee.get("/api/cohorts/fin/metrics.csv")).status).toBe(403);
  });

  it("when someone asks for a cohort that is not theirs, or another tenant's, then it does not exist for them (404)", async () => {
    expect((await other.get("/api/cohorts/fin/progress")).status).toBe(404);
    expect((await tenantB.get("/api/cohorts/fin")).status).toBe(404);
    expect((await tenantB.get("/api/cohorts/fin/timeline")).status).toBe(404);
    expect((await employee.get("/api/cohorts/b-cohort")).status).toBe(404);
    expect((await admin.get("/api/cohorts/b-cohort")).status).toBe(404);
    expect((await admin.get("/api/cohorts/..%2F..%2Fetc")).status).toBe(404);
    expect((await tenantB.get("/api/cohorts")).body.map((c: { id: string }) => c.id)).toEqual(["b-cohort"]);
  });

  it("when an employee calls an admin route, then it is forbidden (403) and nothing is written", async () => {
    const before = (await server.repos.cohorts.list(A)).length;
    const res = await employee.send("POST", "/api/cohorts", { name: "Mine", kind: "team", trackId: "finance", startDate: "2026-04-06", timeZone: "Europe/London", facilitatorIds: [members[0]!.aadObjectId], members: [] });
    expect(res.status).toBe(403);
    expect((await employee.send("POST", "/api/policy", { basedOnVersion: 1, title: "x", summary: "x", sections: STARTER_POLICY.sections })).status).toBe(403);
    expect((await server.repos.cohorts.list(A)).length).toBe(before);
    expect((await server.repos.policies.current(A))!.version).toBe(1);
  });

  it("when an admin creates a cohort with bad input, then the answer is 400 naming the fields and nothing is written", async () => {
    const before = (await server.repos.cohorts.list(A)).length;
    const res = await admin.send("POST", "/api/cohorts", { name: "", kind: "team", trackId: "finance", startDate: "next week", timeZone: "Europe/London", facilitatorIds: [], members: [], extra: "dropped" });
    expect(res.status).toBe(400);
    expect(res.body.error.issues.map((i: { field: string }) => i.field)).toEqual(expect.arrayContaining(["name", "startDate", "facilitatorIds"]));
    const early = await admin.send("POST", "/api/cohorts", { name: "Too early", kind: "team", trackId: "finance", startDate: "2026-02-16", timeZone: "Europe/London", facilitatorIds: [facilitator.aadObjectId], members: [], leadershipCohortId: "lead" });
    expect(early.status).toBe(400);
    expect(early.body.error.message).toMatch(/Leadership goes first/);
    expect((await admin.send("POST", "/api/cohorts", undefined, "{not json")).status).toBe(400);
    // A cohort's body may be up to 4 MB (it carries the whole roster): a 300 KB name is refused on
    // its field, a body over 4 MB as too large.
    const longName = await admin.send("POST", "/api/cohorts", undefined, JSON.stringify({ name: "x".repeat(300 * 1024) }));
    expect(longName.status).toBe(400);
    expect(longName.body.error.issues).toEqual(expect.arrayContaining([expect.objectContaining({ field: "name" })]));
    const tooLarge = await admin.send("POST", "/api/cohorts", undefined, JSON.stringify({ name: "x".repeat(5 * 1024 * 1024) }));
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.error.message).toBe("The request body is too large (limit 4096 KB).");
    expect((await server.repos.cohorts.list(A)).length).toBe(before);
  });

  it("when an admin creates and then edits a cohort, then a stale edit gets a 409 and is not applied", async () => {
    const created = await admin.send("POST", "/api/cohorts", { name: "Ops pilot", kind: "team", trackId: "operations", startDate: "2026-04-06", timeZone: "Europe/London", facilitatorIds: [facilitator.aadObjectId], members: [{ userId: members[2]!.aadObjectId, displayName: "Member 2" }], leadershipCohortId: "lead" });
    expect(created.status).toBe(201);
    const input = { name: "Ops pilot (renamed)", kind: "team", trackId: "operations", startDate: "2026-04-06", timeZone: "Europe/London", facilitatorIds: [facilitator.aadObjectId], members: [], leadershipCohortId: "lead", etag: created.body.etag };
    expect((await admin.send("PUT", `/api/cohorts/${created.body.id}`, input)).status).toBe(200);
    const stale = await admin.send("PUT", `/api/cohorts/${created.body.id}`, { ...input, name: "Lost edit" });
    expect(stale.status).toBe(409);
    expect((await admin.get(`/api/cohorts/${created.body.id}`)).body.name).toBe("Ops pilot (renamed)");
  });

  it("when an admin edits a cohort's name only, then its roster is untouched; adding and removing members changes just them", async () => {
    const asMembers = (people: typeof members) => people.map((m) => ({ userId: m.aadObjectId, displayName: m.name }));
    const input = (changes: object) => ({ name: "Roster edit", kind: "team", trackId: "operations", startDate: "2026-04-06", timeZone: "Europe/London", facilitatorIds: [facilitator.aadObjectId], members: asMembers(members.slice(0, 3)), ...changes });
    const created = await admin.send("POST", "/api/cohorts", input({}));
    expect(created.status).toBe(201);
    const cohortId = created.body.id as string;
    const roster = () => server.repos.memberships.rosterVersion(A, cohortId);
    const before = await roster();

    const renamed = await admin.send("PUT", `/api/cohorts/${cohortId}`, { ...input({ name: "Roster edit (renamed)" }), etag: created.body.etag });
    expect(renamed.status).toBe(200);
    expect(await roster()).toBe(before);

    const joinedFirst = server.clock.now().toISOString();
    server.clock.advance(60_000);
    const changed = await admin.send("PUT", `/api/cohorts/${cohortId}`, { ...input({ members: asMembers([members[1]!, members[2]!, members[4]!]) }), etag: renamed.body.etag });
    expect(changed.status).toBe(200);
    expect(await roster()).not.toBe(before);
    const joined = new Map((await server.repos.memberships.listByCohort(A, cohortId)).map((m) => [m.userId, m.joinedAt]));
    // Those who stayed keep the day they joined; the newcomer joins now.
    expect(Object.fromEntries(joined)).toEqual({ [members[1]!.aadObjectId]: joinedFirst, [members[2]!.aadObjectId]: joinedFirst, [members[4]!.aadObjectId]: server.clock.now().toISOString() });
  });

  it("when a leadership cohort is created without a delivery time, then its detail shows the track's (08:30), so an edit keeps it", async () => {
    // In tenant B, so tenant A's leadership view stays as the other tests expect it.
    const created = await tenantB.send("POST", "/api/cohorts", { name: "Directors", kind: "leadership", trackId: "leadership", startDate: "2026-04-06", timeZone: "Europe/London", facilitatorIds: [person(301, "B fac").aadObjectId], members: [{ userId: person(300, "B member").aadObjectId, displayName: "B member" }] });
    expect(created.status).toBe(201);
    const detail = await tenantB.get(`/api/cohorts/${created.body.id}`);
    expect(detail.body).toMatchObject({ localTime: "08:30", memberCount: 1 });
  });

  it("when two admins publish the policy at once, then one wins and the other gets a clear conflict", async () => {
    const draft = { basedOnVersion: 1, title: "Using AI at work", summary: "Updated.", sections: STARTER_POLICY.sections };
    const [a, b] = await Promise.all([admin.send("POST", "/api/policy", draft), admin.send("POST", "/api/policy", { ...draft, summary: "Other" })]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    const conflict = a.status === 409 ? a : b;
    expect(conflict.body.error.message).toMatch(/Another admin published version 2 while you were editing/);
    expect((await employee.get("/api/policy")).body.current.version).toBe(2);
  });

  it("when acknowledgement rates are asked for after a new version, then small cohorts are suppressed and others counted", async () => {
    const rates = await admin.get("/api/policy/acknowledgements");
    expect(rates.body.version).toBe(2);
    const byId = Object.fromEntries(rates.body.cohorts.map((c: { cohortId: string }) => [c.cohortId, c]));
    expect(byId.fin.acknowledged).toMatchObject({ suppressed: false, n: 6, value: 0 });
    expect(byId.lead.acknowledged).toEqual({ suppressed: true });
  });

  it("when a facilitator exports metrics, then they get a CSV with suppressed cells marked", async () => {
    const res = await fetch(`${server.baseUrl}/api/cohorts/fin/metrics.csv`, { headers: { authorization: `Bearer ${await server.tokenFor(as(facilitator))}` } });
    expect(res.headers.get("content-type")).toMatch(/text\/csv/);
    const csv = await res.text();
    expect(csv.split("\n")[0]).toBe("cohort,metric,week,value,people,note");
    expect(csv).toMatch(/not enough responses/);
  });

  it("when the leadership view is opened, then the leadership cohort is shown beside the team cohorts it leads", async () => {
    const res = await admin.get("/api/leadership");
    expect(res.body.leadership).toHaveLength(1);
    expect(res.body.leadership[0].cohort.id).toBe("lead");
    expect(res.body.leadership[0].teams.map((t: { cohort: { id: string } }) => t.cohort.id)).toEqual(expect.arrayContaining(["fin"]));
  });

  it("when a facilitator answers an anonymous question, then every member gets a delivery and no identity is anywhere", async () => {
    await server.repos.questions.createIfAbsent({ id: "question:fin:draft-anon-1", tenantId: A, cohortId: "fin", text: "Can I use it on payroll?", askedOn: "2026-03-19", status: "open", anonymous: true });
    const [question] = (await fac.get("/api/cohorts/fin/questions")).body;
    expect(question).toMatchObject({ anonymous: true, text: "Can I use it on payroll?" });
    expect(question.askedByName).toBeUndefined();
    const answered = await fac.send("POST", `/api/cohorts/fin/questions/${encodeURIComponent(question.id)}/answer`, { answer: "Not with personal data.", etag: question.etag });
    expect(answered.status).toBe(200);
    const deliveries = (await server.repos.deliveries.listByCohort(A, "fin")).filter((d) => d.kind === "answer");
    expect(deliveries.map((d) => d.userId).sort()).toEqual(members.map((m) => m.aadObjectId).sort());
    const again = await fac.send("POST", `/api/cohorts/fin/questions/${encodeURIComponent(question.id)}/answer`, { answer: "Changed", etag: question.etag });
    expect(again.status).toBe(409);
    const missing = await fac.send("POST", "/api/cohorts/fin/questions/question%3Afin%3Anot-asked/answer", { answer: "Anything", etag: question.etag });
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toBe("That question does not exist.");
  });

  it("when a member reads and deletes their data, then it is theirs only", async () => {
    await server.repos.loop.upsertCheckIn({ id: `checkin:fin:s1:${members[0]!.aadObjectId}`, tenantId: A, cohortId: "fin", userId: members[0]!.aadObjectId, sessionNumber: 1, tried: "mine", worked: "", stuck: "", minutesSaved: 5, confidence: 3, wantsHelp: false, submittedAt: "", updatedAt: "" });
    await server.repos.loop.upsertCheckIn({ id: `checkin:fin:s1:${members[1]!.aadObjectId}`, tenantId: A, cohortId: "fin", userId: members[1]!.aadObjectId, sessionNumber: 1, tried: "theirs", worked: "", stuck: "", minutesSaved: 5, confidence: 3, wantsHelp: false, submittedAt: "", updatedAt: "" });
    const mine = await employee.get("/api/my/data");
    expect(mine.body.cohorts.find((c: { cohortId: string }) => c.cohortId === "fin").checkIns.map((c: { tried: string }) => c.tried)).toEqual(["mine"]);
    expect((await employee.send("DELETE", "/api/my/data")).body.deleted).toBe(1);
    expect((await server.repos.loop.listCohortRecords(A, "fin")).checkIns.map((c) => c.tried)).toEqual(["theirs"]);
  });

  it("when a browser sends a DELETE with no body and no content type, then it is accepted (not 415)", async () => {
    await server.repos.loop.upsertCheckIn({ id: `checkin:fin:s2:${members[0]!.aadObjectId}`, tenantId: A, cohortId: "fin", userId: members[0]!.aadObjectId, sessionNumber: 2, tried: "again", worked: "", stuck: "", minutesSaved: 5, confidence: 3, wantsHelp: false, submittedAt: "", updatedAt: "" });
    const token = await server.tokenFor({ tenantId: A, userId: members[0]!.aadObjectId, displayName: members[0]!.name });
    const res = await fetch(`${server.baseUrl}/api/my/data`, { method: "DELETE", headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    expect((await res.json()).deleted).toBe(1);
  });

  it("when a response is served, then it carries a CSP that lets only Teams and Microsoft 365 frame the tab", async () => {
    const res = await fetch(`${server.baseUrl}/healthz`);
    const csp = res.headers.get("content-security-policy")!;
    expect(csp).toMatch(/frame-ancestors 'self' https:\/\/teams\.microsoft\.com/);
    expect(csp).toMatch(/\*\.cloud\.microsoft/);
    expect(csp).not.toMatch(/frame-ancestors[^;]*\*(?!\.)/);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  });
});
