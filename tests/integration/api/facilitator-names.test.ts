/**
 * Facilitators the app has never met, chosen in the tab's cohort form: their names travel with their
 * ids and are remembered, so the cohort's views show them by name, never as a placeholder; and
 * what the bot already knows about a person (their name from Teams, how to reach them) is kept.
 */
import { apiAs, type ApiCaller } from "../../helpers/api-client";
import { person, seedCohort } from "../../helpers/fixtures";
import { startTestServer, type TestServer } from "../../helpers/test-server";

const T = "tenant-names-0000";
const adminPerson = person(1, "Ada Admin");
const megan = person(10, "Megan Bowen");
const patti = person(11, "Patti Fernandez");
const lynne = person(12, "Lynne Robbins");
const nameless = person(13, "Known By Id");
const member = person(20, "Member One");

describe("facilitators chosen in the cohort form", () => {
  let server: TestServer;
  let admin: ApiCaller;

  beforeAll(async () => {
    server = await startTestServer({ now: "2026-04-20T09:00:00.000Z" });
    // Megan has a chat with the bot; "nameless" too, but Teams never told the bot their name.
    await seedCohort(server.repos, { tenantId: T, cohortId: "sales", members: [member], facilitators: [megan, nameless], serviceUrl: server.connector.serviceUrl });
    const stored = (await server.repos.people.get(T, nameless.aadObjectId))!;
    await server.repos.people.upsert({ ...stored, displayName: "" });
    admin = await apiAs(server, { tenantId: T, userId: adminPerson.aadObjectId, displayName: adminPerson.name, isAdmin: true });
  });
  afterAll(() => server.close());

  const named = (...people: Array<{ aadObjectId: string; name: string }>) => ({
    facilitatorIds: people.map((p) => p.aadObjectId),
    facilitatorNames: people.map((p) => ({ userId: p.aadObjectId, displayName: p.name })),
  });
  const draft = (changes: object) => ({ name: "Ops pilot", kind: "team", trackId: "finance", startDate: "2026-05-04", timeZone: "Europe/London", members: [{ userId: member.aadObjectId, displayName: member.name }], ...changes });
  const facilitatorNames = async (cohortId: string) => ((await admin.get(`/api/cohorts/${cohortId}`)).body.facilitators as Array<{ displayName: string }>).map((f) => f.displayName);

  it("when an admin creates a cohort with a facilitator the bot has never talked to, then the cohort shows that facilitator by name", async () => {
    const res = await admin.send("POST", "/api/cohorts", draft(named(patti)));
    expect(res.status).toBe(201);
    expect(await facilitatorNames(res.body.id)).toEqual(["Patti Fernandez"]);
    // …and the people picker offers Patti by name from now on.
    expect((await admin.get("/api/people?search=Patti")).body).toContainEqual({ userId: patti.aadObjectId, displayName: "Patti Fernandez" });
  });

  it("when an admin adds a new facilitator while editing a cohort, then the cohort shows them by name", async () => {
    const detail = (await admin.get("/api/cohorts/sales")).body;
    const edit = { name: detail.name, kind: detail.kind, trackId: detail.trackId, startDate: detail.startDate, timeZone: detail.timeZone, localTime: detail.localTime, members: detail.members, status: detail.status, etag: detail.etag };
    const res = await admin.send("PUT", "/api/cohorts/sales", { ...edit, ...named(megan, nameless, lynne) });
    expect(res.status).toBe(200);
    expect(await facilitatorNames("sales")).toEqual(["Megan Bowen", "Known By Id", "Lynne Robbins"]);
    // Known by id only: the form's name fills the gap without losing the chat the bot has with them.
    expect((await server.repos.people.get(T, nameless.aadObjectId))?.conversationReference).toMatchObject({ conversation: { id: nameless.conversationId } });
  });

  it("when the form names someone the bot can already reach, then how to reach them is kept, and so is the name Teams gave", async () => {
    const res = await admin.send("POST", "/api/cohorts", draft({ name: "Ops pilot 2", ...named({ aadObjectId: megan.aadObjectId, name: "M. Bowen (picker)" }) }));
    expect(res.status).toBe(201);
    const meganNow = await server.repos.people.get(T, megan.aadObjectId);
    expect(meganNow?.displayName).toBe("Megan Bowen");
    expect(meganNow?.conversationReference).toMatchObject({ conversation: { id: megan.conversationId } });
  });
});
