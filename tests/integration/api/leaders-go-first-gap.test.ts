/**
 * "Leaders go first" as a real rule, over HTTP: a team cohort starts at least the configured gap
 * (two weeks by default) after its leadership cohort. Creating or editing either side so that the
 * gap breaks is refused, with the message on the start date naming the other cohort.
 */
import { apiAs, type ApiCaller } from "../../helpers/api-client";
import { person, seedCohort } from "../../helpers/fixtures";
import { startTestServer, type TestServer } from "../../helpers/test-server";

const T = "tenant-gap-0000";
const admin = person(1, "Ada Admin");
const fac = person(2, "Fran Facilitator");
const leader = person(3, "Lee Leader");

describe("leaders go first by at least two weeks", () => {
  let server: TestServer;
  let api: ApiCaller;
  const team = (changes: object = {}) => ({ name: "Sales team", kind: "team", trackId: "finance", startDate: "2026-05-18", timeZone: "Europe/London", facilitatorIds: [fac.aadObjectId], members: [], leadershipCohortId: "lead", ...changes });
  const editOf = async (id: string) => {
    const d = (await api.get(`/api/cohorts/${id}`)).body;
    return { name: d.name, kind: d.kind, trackId: d.trackId, startDate: d.startDate, timeZone: d.timeZone, localTime: d.localTime, facilitatorIds: d.facilitators.map((f: { userId: string }) => f.userId), members: d.members, ...(d.leadershipCohortId ? { leadershipCohortId: d.leadershipCohortId } : {}), status: d.status, etag: d.etag };
  };

  beforeAll(async () => {
    server = await startTestServer({ now: "2026-04-20T09:00:00.000Z" });
    const serviceUrl = server.connector.serviceUrl;
    await seedCohort(server.repos, { tenantId: T, cohortId: "lead", cohortName: "Leaders, wave 1", kind: "leadership", trackId: "leadership", startDate: "2026-05-04", members: [leader], facilitators: [fac], serviceUrl });
    await seedCohort(server.repos, { tenantId: T, cohortId: "ops", cohortName: "Ops team", leadershipCohortId: "lead", startDate: "2026-05-25", members: [], facilitators: [fac], serviceUrl });
    api = await apiAs(server, { tenantId: T, userId: admin.aadObjectId, displayName: admin.name, isAdmin: true });
  });
  afterAll(() => server?.close());

  it("when a team cohort is created one week after its leadership cohort, then it is refused on the start date naming the leadership cohort", async () => {
    const before = (await server.repos.cohorts.list(T)).length;
    const res = await api.send("POST", "/api/cohorts", team({ startDate: "2026-05-11" }));
    expect(res.status).toBe(400);
    expect(res.body.error.issues).toEqual([{ field: "startDate", message: 'must be 2026-05-18 or later: "Leaders, wave 1" starts 2026-05-04 and leaders go 2 weeks first' }]);
    expect((await server.repos.cohorts.list(T)).length).toBe(before);
  });

  it("when a team cohort is created exactly two weeks after, then it is accepted", async () => {
    expect((await api.send("POST", "/api/cohorts", team())).status).toBe(201);
  });

  it("when a team cohort is edited to start too soon after its leaders, then it is refused and left as it was", async () => {
    const input = await editOf("ops");
    const res = await api.send("PUT", "/api/cohorts/ops", { ...input, startDate: "2026-05-11" });
    expect(res.status).toBe(400);
    expect(res.body.error.issues).toEqual([{ field: "startDate", message: expect.stringContaining('"Leaders, wave 1"') }]);
    expect((await server.repos.cohorts.get(T, "ops"))!.startDate).toBe("2026-05-25");
  });

  it("when the leadership cohort is edited to start less than two weeks before a team that follows it, then it is refused naming that team", async () => {
    const input = await editOf("lead");
    const res = await api.send("PUT", "/api/cohorts/lead", { ...input, startDate: "2026-05-11" });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/Leadership goes first/);
    expect(res.body.error.issues).toEqual([{ field: "startDate", message: 'must be 2026-05-04 or earlier: "Sales team" (a team cohort that follows this one) starts 2026-05-18 and leaders go 2 weeks first' }]);
    expect((await server.repos.cohorts.get(T, "lead"))!.startDate).toBe("2026-05-04");
  });
});
