/**
 * Three things the tab's API must get right for people, over real HTTP against the embedded
 * Cosmos DB: an unchanged policy is not published again (which would reset everyone's
 * acknowledgement), the preview says what changes and whom it asks again; the leadership view
 * shows the whole chain (leaders see the team cohorts that follow them, team members the
 * leadership cohort they follow) as group figures without names; and validation errors read as
 * plain sentences with positions counted from 1.
 */
import { STARTER_POLICY } from "../../../bot/src/domain/policy-template";
import { apiAs, type ApiCaller } from "../../helpers/api-client";
import { person, seedCohort } from "../../helpers/fixtures";
import { startTestServer, type TestServer } from "../../helpers/test-server";

const A = "tenant-lead-a";
const B = "tenant-lead-b";
const C = "tenant-lead-c";
const leaders = Array.from({ length: 5 }, (_, i) => person(400 + i, `Leader ${i}`));
const finance = Array.from({ length: 6 }, (_, i) => person(420 + i, `Finance ${i}`));
const sales = Array.from({ length: 5 }, (_, i) => person(440 + i, `Sales ${i}`));
const leadFac = person(460, "Lena Lead-Facilitator");
const teamFac = person(461, "Tom Team-Facilitator");
const as = (p: { aadObjectId: string; name: string }, tenantId = A, isAdmin = false) => ({ tenantId, userId: p.aadObjectId, displayName: p.name, isAdmin });

describe("the tab's API, telling people true and plain things", () => {
  let server: TestServer;
  let admin: ApiCaller, leader: ApiCaller, teamMember: ApiCaller, teamFacilitator: ApiCaller;

  beforeAll(async () => {
    server = await startTestServer({ now: "2026-03-20T12:00:00.000Z" });
    const serviceUrl = server.connector.serviceUrl;
    await seedCohort(server.repos, { tenantId: A, cohortId: "lead", cohortName: "Leadership team", kind: "leadership", trackId: "leadership", startDate: "2026-02-23", members: leaders, facilitators: [leadFac], serviceUrl });
    await seedCohort(server.repos, { tenantId: A, cohortId: "fin", cohortName: "Finance", startDate: "2026-03-02", leadershipCohortId: "lead", members: finance, facilitators: [teamFac], serviceUrl });
    await seedCohort(server.repos, { tenantId: A, cohortId: "sales", cohortName: "Sales", startDate: "2026-03-09", leadershipCohortId: "lead", members: [...sales, finance[0]!], facilitators: [teamFac], serviceUrl });
    admin = await apiAs(server, as(person(1, "Ada Admin"), A, true));
    leader = await apiAs(server, as(leaders[0]!));
    teamMember = await apiAs(server, as(finance[1]!));
    teamFacilitator = await apiAs(server, as(teamFac));
  });
  afterAll(() => server.close());

  describe("publishing the policy", () => {
    it("when an admin publishes without changing anything, then it is refused and nobody is asked again", async () => {
      const current = (await admin.get("/api/policy")).body.current;
      const res = await admin.send("POST", "/api/policy", { basedOnVersion: current.version, title: current.title, summary: ` ${current.summary} `, sections: current.sections });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(new RegExp(`^Nothing has changed since version ${current.version}`));
      expect((await server.repos.policies.current(A))!.version).toBe(current.version);
    });

    it("when an admin previews a draft, then it lists every change (title, summary, sections) and counts the people asked again", async () => {
      const current = (await admin.get("/api/policy")).body.current;
      const same = await admin.send("POST", "/api/policy/preview", { basedOnVersion: current.version, title: current.title, summary: current.summary, sections: current.sections });
      expect(same.status).toBe(200);
      expect(same.body).toMatchObject({ unchanged: true, textChanges: [], changes: [], currentVersion: current.version, nextVersion: current.version + 1 });
      // 5 leaders + 6 in finance + 5 in sales; one finance member is also in sales and counts once.
      expect(same.body.membersToAsk).toBe(16);

      const draft = { basedOnVersion: current.version, title: "Using AI at work, v2", summary: "A rewritten summary.", sections: { ...current.sections, approvedTools: [...current.sections.approvedTools, "Copilot Chat"] } };
      const preview = await admin.send("POST", "/api/policy/preview", draft);
      expect(preview.body.unchanged).toBe(false);
      expect(preview.body.textChanges).toEqual([
        { field: "title", before: current.title, after: "Using AI at work, v2" },
        { field: "summary", before: current.summary, after: "A rewritten summary." },
      ]);
      expect(preview.body.changes).toEqual([{ section: "approvedTools", added: ["Copilot Chat"], removed: [] }]);
      expect((await leader.send("POST", "/api/policy/preview", draft)).status).toBe(403);

      const published = await admin.send("POST", "/api/policy", draft);
      expect(published.status).toBe(201);
      const read = (await leader.get("/api/policy")).body;
      expect(read.textChanges.map((c: { field: string }) => c.field)).toEqual(["title", "summary"]);
      expect(read.changes).toEqual([{ section: "approvedTools", added: ["Copilot Chat"], removed: [] }]);
      // And publishing that same version again is refused in turn.
      const again = await admin.send("POST", "/api/policy", { ...draft, basedOnVersion: published.body.version });
      expect(again.status).toBe(400);
      expect(again.body.error.message).toMatch(`Nothing has changed since version ${published.body.version}`);
    });

    it("when only the summary is rewritten, then that alone is a change worth publishing", async () => {
      const current = (await admin.get("/api/policy")).body.current;
      const res = await admin.send("POST", "/api/policy", { basedOnVersion: current.version, title: current.title, summary: "Only the summary is new.", sections: current.sections });
      expect(res.status).toBe(201);
      expect((await admin.get("/api/policy")).body).toMatchObject({ changes: [], textChanges: [{ field: "summary", after: "Only the summary is new." }] });
    });
  });

  describe("the leadership view", () => {
    const ids = (list: Array<{ cohort: { id: string } }>) => list.map((x) => x.cohort.id).sort();

    it("when a leader opens it, then they see the team cohorts that follow their leadership cohort, as group figures without names", async () => {
      const res = await leader.get("/api/leadership");
      expect(res.status).toBe(200);
      expect(ids(res.body.leadership)).toEqual(["lead"]);
      const teams = res.body.leadership[0].teams;
      expect(ids(teams)).toEqual(["fin", "sales"]);
      for (const t of teams) {
        expect(t.aggregateOnly).toBe(true);
        expect(t.progress.members).toEqual([]);
      }
      expect(teams.find((t: { cohort: { id: string } }) => t.cohort.id === "fin").cohort.memberCount).toBe(6);
      const text = JSON.stringify(res.body);
      for (const p of [...finance, ...sales]) expect(text).not.toContain(p.name);
      expect(res.body.organisationHasLeadershipCohort).toBe(true);
    });

    it("when a team member or a team facilitator opens it, then they see the leadership cohort their team follows, without leaders' names", async () => {
      for (const caller of [teamMember, teamFacilitator]) {
        const res = await caller.get("/api/leadership");
        expect(ids(res.body.leadership)).toEqual(["lead"]);
        expect(res.body.leadership[0].aggregateOnly).toBe(true);
        expect(res.body.leadership[0].progress.members).toEqual([]);
        const text = JSON.stringify(res.body);
        for (const p of leaders) expect(text).not.toContain(p.name);
      }
      // The member's own team cohort is theirs; the other team is group figures only.
      const mine = (await teamMember.get("/api/leadership")).body.leadership[0].teams;
      expect(mine.find((t: { cohort: { id: string } }) => t.cohort.id === "fin").aggregateOnly).toBeUndefined();
      expect(mine.find((t: { cohort: { id: string } }) => t.cohort.id === "sales").aggregateOnly).toBe(true);
    });

    it("when no team cohort follows the leadership cohort, then the leader sees none, and the organisation still has one", async () => {
      const boss = person(500, "Bo Boss");
      await seedCohort(server.repos, { tenantId: B, cohortId: "b-lead", kind: "leadership", trackId: "leadership", members: [boss], facilitators: [person(501, "B fac")], serviceUrl: server.connector.serviceUrl });
      const res = await (await apiAs(server, as(boss, B))).get("/api/leadership");
      expect(ids(res.body.leadership)).toEqual(["b-lead"]);
      expect(res.body.leadership[0].teams).toEqual([]);
      expect(res.body.organisationHasLeadershipCohort).toBe(true);
      // A team member in B whose team follows no leadership cohort: nothing to show, but one exists.
      const worker = person(502, "Wyn Worker");
      await seedCohort(server.repos, { tenantId: B, cohortId: "b-team", members: [worker], facilitators: [person(501, "B fac")], serviceUrl: server.connector.serviceUrl });
      const theirs = (await (await apiAs(server, as(worker, B))).get("/api/leadership")).body;
      expect(theirs).toEqual({ leadership: [], organisationHasLeadershipCohort: true });
    });

    it("when the organisation has no leadership cohort, then the view says so", async () => {
      const worker = person(600, "Cy Worker");
      await seedCohort(server.repos, { tenantId: C, cohortId: "c-team", members: [worker], facilitators: [person(601, "C fac")], serviceUrl: server.connector.serviceUrl });
      expect((await (await apiAs(server, as(worker, C))).get("/api/leadership")).body).toEqual({ leadership: [], organisationHasLeadershipCohort: false });
    });
  });

  describe("validation messages", () => {
    it("when a cohort is sent with mistakes, then each is a plain sentence on its field, counting members from 1", async () => {
      const res = await admin.send("POST", "/api/cohorts", { name: " ", kind: "team", trackId: "finance", startDate: "2026-4-6", timeZone: "Europe/London", facilitatorIds: [], members: [{ userId: finance[0]!.aadObjectId, displayName: "Fine" }, { userId: "not an id!", displayName: "Bad" }] });
      expect(res.status).toBe(400);
      const byField = Object.fromEntries(res.body.error.issues.map((i: { field: string; message: string }) => [i.field, i.message]));
      expect(byField).toEqual({
        name: "Name is required.",
        startDate: "First session must be a date like 2026-03-02.",
        facilitatorIds: "Facilitators must list at least one facilitator.",
        "members.1.userId": "Member 2: the object id must be an Entra object id.",
      });
      expect(res.body.error.message).toMatch(/^Please fix these: Name is required\./);
      expect(res.body.error.message).not.toMatch(/Invalid input|expected|members\.1/);
    });

    it("when an answer is too long, then the message says how long it may be, in words", async () => {
      const res = await teamFacilitator.send("POST", "/api/cohorts/fin/questions/q-1/answer", { answer: "x".repeat(1001), etag: "e" });
      expect(res.status).toBe(400);
      expect(res.body.error.issues).toEqual([{ field: "answer", message: "Answer is too long: keep it to 1000 characters or fewer." }]);
      expect(res.body.error.message).toBe("Please fix this: Answer is too long: keep it to 1000 characters or fewer.");
    });

    it("when a policy item is empty, then the message names the section and the item's position from 1", async () => {
      const current = (await admin.get("/api/policy")).body.current;
      const res = await admin.send("POST", "/api/policy", { basedOnVersion: current.version, title: current.title, summary: current.summary, sections: { ...STARTER_POLICY.sections, notAllowed: ["Client data", " "] } });
      expect(res.status).toBe(400);
      expect(res.body.error.issues).toEqual([{ field: "sections.notAllowed.1", message: "Not allowed, item 2 is required." }]);
    });
  });
});
