/**
 * The cohort form's rules, over HTTP: people are Entra object ids chosen from a picker (and the
 * picker's source, GET /api/people), a past start date only for a cohort already running and never
 * longer ago than the programme, nobody added silently, and a started cohort keeps its history.
 */
import { apiAs, type ApiCaller } from "../../helpers/api-client";
import { person, seedCohort } from "../../helpers/fixtures";
import { startTestServer, type TestServer } from "../../helpers/test-server";

const T = "tenant-form-0000";
const OTHER = "tenant-else-0000";
const adminPerson = person(1, "Ada Admin");
const megan = person(10, "Megan Bowen");
const lynne = person(11, "Lynne Robbins");
const staff = [person(12, "Fran Facilitator"), person(13, "Lee Leader")] as const;
const members = Array.from({ length: 3 }, (_, i) => person(20 + i, `Member ${i}`));
const rosterOnly = person(30, "Meghan Rosteronly");
const as = (p: { aadObjectId: string; name: string }, tenantId = T, isAdmin = false) => ({ tenantId, userId: p.aadObjectId, displayName: p.name, isAdmin });

/** A valid new cohort, starting after "now" (Monday 20 April 2026). */
const draft = (changes: object = {}) => ({ name: "Sales pilot", kind: "team", trackId: "finance", startDate: "2026-05-04", timeZone: "Europe/London", facilitatorIds: [megan.aadObjectId], members: [{ userId: members[0]!.aadObjectId, displayName: members[0]!.name }], ...changes });

describe("the cohort form's rules", () => {
  let server: TestServer;
  let admin: ApiCaller, facilitator: ApiCaller, employee: ApiCaller, otherTenant: ApiCaller;
  const count = async () => (await server.repos.cohorts.list(T)).length;

  beforeAll(async () => {
    server = await startTestServer({ now: "2026-04-20T09:00:00.000Z" });
    const serviceUrl = server.connector.serviceUrl;
    // A leadership cohort 7 weeks in, and a team cohort that follows it, not started yet.
    await seedCohort(server.repos, { tenantId: T, cohortId: "lead", cohortName: "Leaders", kind: "leadership", trackId: "leadership", startDate: "2026-03-02", members: [staff[1]], facilitators: [staff[0]], serviceUrl });
    await seedCohort(server.repos, { tenantId: T, cohortId: "sales", cohortName: "Sales team", leadershipCohortId: "lead", startDate: "2026-04-27", members, facilitators: [megan, lynne], serviceUrl });
    // A leadership cohort that has not started, with a team cohort following it.
    await seedCohort(server.repos, { tenantId: T, cohortId: "lead-2", cohortName: "Leaders, wave 2", kind: "leadership", trackId: "leadership", startDate: "2026-05-04", members: [staff[1]], facilitators: [staff[0]], serviceUrl });
    await seedCohort(server.repos, { tenantId: T, cohortId: "ops", cohortName: "Ops team", leadershipCohortId: "lead-2", startDate: "2026-05-18", members, facilitators: [staff[0]], serviceUrl });
    // Someone the tenant knows only as a cohort member (no stored person), and another tenant's Megan.
    await seedCohort(server.repos, { tenantId: T, cohortId: "roster", cohortName: "Roster only", startDate: "2026-06-01", members: [rosterOnly], withoutChat: [rosterOnly], facilitators: [staff[0]], serviceUrl });
    await seedCohort(server.repos, { tenantId: OTHER, cohortId: "else", members: [person(40, "Megan Elsewhere")], facilitators: [person(41, "Else Fac")], serviceUrl });
    admin = await apiAs(server, as(adminPerson, T, true));
    facilitator = await apiAs(server, as(megan));
    employee = await apiAs(server, as(members[0]!));
    otherTenant = await apiAs(server, as(person(41, "Else Fac"), OTHER, true));
  });
  afterAll(() => server.close());

  describe("people", () => {
    it("when facilitators are typed as a name ('megan bowen'), then each is refused on its field in plain words and nothing is written", async () => {
      const before = await count();
      const res = await admin.send("POST", "/api/cohorts", draft({ facilitatorIds: ["megan", "bowen"] }));
      expect(res.status).toBe(400);
      expect(res.body.error.issues).toEqual([
        { field: "facilitatorIds.0", message: "Facilitator 1: choose a person from the list; 'megan' is not a person's id." },
        { field: "facilitatorIds.1", message: "Facilitator 2: choose a person from the list; 'bowen' is not a person's id." },
      ]);
      expect(res.body.error.message).toMatch(/^Please fix these: Facilitator 1: choose a person from the list/);
      expect(await count()).toBe(before);
    });

    it("when an e-mail address is given as a member or facilitator, then it is refused as not a person's id", async () => {
      const res = await admin.send("POST", "/api/cohorts", draft({ facilitatorIds: [megan.aadObjectId, "megan@contoso.com"], members: [{ userId: "alex@contoso.com", displayName: "Alex" }] }));
      expect(res.status).toBe(400);
      expect(res.body.error.issues).toEqual([
        { field: "facilitatorIds.1", message: "Facilitator 2: choose a person from the list; 'megan@contoso.com' is an e-mail address, not a person's id." },
        { field: "members.0.userId", message: "Member 1: choose a person from the list; 'alex@contoso.com' is an e-mail address, not a person's id." },
      ]);
    });

    it("when no facilitator is given, then the form is told one is required, and the admin is never added silently", async () => {
      const none = await admin.send("POST", "/api/cohorts", draft({ facilitatorIds: [] }));
      expect(none.status).toBe(400);
      expect(none.body.error.issues.map((i: { field: string }) => i.field)).toEqual(["facilitatorIds"]);

      const created = await admin.send("POST", "/api/cohorts", draft({ name: "Exactly Megan" }));
      expect(created.status).toBe(201);
      expect(created.body.facilitators).toEqual([{ userId: megan.aadObjectId, displayName: "Megan Bowen" }]);
      const stored = await server.repos.cohorts.get(T, created.body.id);
      expect(stored!.facilitatorIds).toEqual([megan.aadObjectId]);
      expect(JSON.stringify(created.body)).not.toContain('"Facilitator"');
    });

    it("when staff search people, then they get up to 20 people their tenant knows (stored people and cohort members), by name", async () => {
      const res = await admin.get("/api/people?search=meg");
      expect(res.status).toBe(200);
      expect(res.body).toEqual([
        { userId: megan.aadObjectId, displayName: "Megan Bowen" },
        { userId: rosterOnly.aadObjectId, displayName: "Meghan Rosteronly" },
      ]);
      expect((await facilitator.get("/api/people?search=LYNNE")).body).toEqual([{ userId: lynne.aadObjectId, displayName: "Lynne Robbins" }]);
      const everyone = await admin.get("/api/people?search=");
      expect(everyone.status).toBe(200);
      expect(everyone.body.length).toBeGreaterThan(2);
      expect(everyone.body.length).toBeLessThanOrEqual(20);
      expect(JSON.stringify(everyone.body)).not.toContain("Elsewhere");
      expect((await otherTenant.get("/api/people?search=meg")).body).toEqual([{ userId: person(40, "").aadObjectId, displayName: "Megan Elsewhere" }]);
    });

    it("when a member who facilitates nothing searches people, then it is forbidden", async () => {
      const res = await employee.get("/api/people?search=meg");
      expect(res.status).toBe(403);
      expect(JSON.stringify(res.body)).not.toContain("Megan");
    });
  });

  describe("start dates in the past", () => {
    it("when a start 47 weeks ago is sent, then it is refused outright, even as 'already running', and nothing is written", async () => {
      const before = await count();
      for (const alreadyRunning of [false, true]) {
        const res = await admin.send("POST", "/api/cohorts", draft({ startDate: "2025-05-26", alreadyRunning }));
        expect(res.status).toBe(400);
        expect(res.body.error.issues).toEqual([{ field: "startDate", message: expect.stringMatching(/more than 12 weeks ago.*choose a date from today on/) }]);
        expect(res.body.error.message).toMatch(/would already be in week 48.*runs for 12 weeks/);
      }
      expect(await count()).toBe(before);
    });

    it("when a start 2 weeks ago is sent without saying the cohort is already running, then the date is refused with what to do", async () => {
      const res = await admin.send("POST", "/api/cohorts", draft({ startDate: "2026-04-06" }));
      expect(res.status).toBe(400);
      expect(res.body.error.issues).toEqual([{ field: "startDate", message: '6 April is in the past: choose a date from today on, or tick "This cohort is already running".' }]);
    });

    it("when a start 2 weeks ago says alreadyRunning, then it is created and the message says members join at the current week", async () => {
      const res = await admin.send("POST", "/api/cohorts", draft({ name: "Running already", startDate: "2026-04-06", alreadyRunning: true }));
      expect(res.status).toBe(201);
      expect(res.body.message).toBe("Running already is created as already running: it started on 6 April, so members join at the current week, week 3 of 12, not at the beginning.");
      expect(res.body.message).not.toMatch(/starting with the AI-use policy/);
    });

    it("when a future start is created, then the message says members hear first about the AI-use policy", async () => {
      const res = await admin.send("POST", "/api/cohorts", draft({ name: "Future" }));
      expect(res.status).toBe(201);
      expect(res.body.message).toBe("Future is created. Members hear from the bot starting with the AI-use policy, before the first session on 4 May.");
    });
  });

  describe("editing a started cohort", () => {
    const editOf = async (cohortId: string) => {
      const d = (await admin.get(`/api/cohorts/${cohortId}`)).body;
      return { name: d.name, kind: d.kind, trackId: d.trackId, startDate: d.startDate, timeZone: d.timeZone, localTime: d.localTime, facilitatorIds: d.facilitators.map((f: { userId: string }) => f.userId), members: d.members, ...(d.leadershipCohortId ? { leadershipCohortId: d.leadershipCohortId } : {}), status: d.status, etag: d.etag };
    };

    it("when a started cohort's start date, track or kind is changed, then each is refused on its field and nothing changes", async () => {
      const input = await editOf("lead");
      const moved = await admin.send("PUT", "/api/cohorts/lead", { ...input, startDate: "2026-04-13" });
      expect(moved.status).toBe(400);
      expect(moved.body.error.issues).toEqual([{ field: "startDate", message: "This cohort started on 2 March; its start date can't move once it has started." }]);
      const retracked = await admin.send("PUT", "/api/cohorts/lead", { ...input, trackId: "finance", kind: "team" });
      expect(retracked.status).toBe(400);
      expect(retracked.body.error.issues.map((i: { field: string }) => i.field)).toEqual(["trackId", "kind"]);
      expect(retracked.body.error.issues[1].message).toMatch(/^This cohort started on 2 March; it can't change between leadership and team/);
      const stored = await server.repos.cohorts.get(T, "lead");
      expect(stored).toMatchObject({ startDate: "2026-03-02", trackId: "leadership", kind: "leadership", etag: input.etag });
    });

    it("when a started cohort is renamed, then that still saves", async () => {
      const input = await editOf("lead");
      const res = await admin.send("PUT", "/api/cohorts/lead", { ...input, name: "Leaders (spring)" });
      expect(res.status).toBe(200);
      expect(res.body.name).toBe("Leaders (spring)");
    });

    it("when a leadership cohort would start on or after a team cohort that follows it, then it is refused naming that team cohort", async () => {
      const input = await editOf("lead-2");
      const res = await admin.send("PUT", "/api/cohorts/lead-2", { ...input, startDate: "2026-05-18" });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/Leadership goes first: this cohort must start before "Ops team"/);
      expect(res.body.error.issues).toEqual([{ field: "startDate", message: expect.stringContaining('"Ops team"') }]);
      expect((await admin.send("PUT", "/api/cohorts/lead-2", { ...input, startDate: "2026-04-27" })).status).toBe(200);
    });

    it("when a leadership cohort with team cohorts following it is changed to a team cohort, then it is refused naming them", async () => {
      const input = await editOf("lead-2");
      const res = await admin.send("PUT", "/api/cohorts/lead-2", { ...input, kind: "team" });
      expect(res.status).toBe(400);
      expect(res.body.error.issues).toEqual([{ field: "kind", message: '"Ops team" follows this leadership cohort, so it can\'t become a team cohort.' }]);
      expect((await server.repos.cohorts.get(T, "lead-2"))!.kind).toBe("leadership");
    });
  });
});
