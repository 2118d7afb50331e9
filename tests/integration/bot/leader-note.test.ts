/**
 * A leader's note opens the following team cohorts' first session, over real HTTP: a leader writes
 * it in the tab, each team cohort's facilitator sees it before session 1 (and one holds it back),
 * then the scheduler (injected clock, Bot Connector stand-in) sends session 1's brief. Two leaders
 * writing at once never overwrite each other unseen.
 */
import { apiRoutes } from "../../../bot/src/contract/api-routes";
import { LIMITS } from "../../../bot/src/domain/limits";
import type { AdaptiveCardJson } from "../../../bot/src/domain/ports";
import { createScheduler } from "../../../bot/src/scheduler/scheduler";
import { apiAs } from "../../helpers/api-client";
import { cardOf, cardText } from "../../helpers/bot-driver";
import { validateCard } from "../../helpers/card-validator";
import { person, seedCohort, type FixturePerson } from "../../helpers/fixtures";
import { startTestServer, type TestServer } from "../../helpers/test-server";

const TENANT = "tenant-leader-note";
const leader = person(1101, "Lena Leader");
const otherLeader = person(1102, "Olu Leader");
const finMember = person(1103, "Fin Member");
const opsMember = person(1104, "Ops Member");
const finFacilitator = person(1105, "Fay Fin");
const opsFacilitator = person(1106, "Oz Ops");
const fast = { ratePerSecond: 2000, random: () => 0.5 };
const NOTE = "We tried it on the board pack first. It got the structure right and two numbers wrong. <b>Your turn</b>.";

// Team cohorts start Monday 2 March 09:30 London, two weeks after their leaders.
const WEEK_BEFORE = "2026-02-25T12:00:00.000Z";
const SESSION_ONE = "2026-03-02T09:31:00.000Z";

describe("a leader's note opens the team cohorts' first session", () => {
  let server: TestServer;
  const as = (p: FixturePerson) => apiAs(server, { tenantId: TENANT, userId: p.aadObjectId, displayName: p.name });
  const briefsTo = (p: FixturePerson, from: number): AdaptiveCardJson[] =>
    server.connector.activities.slice(from).filter((a) => a.operation !== "update" && a.conversationId === p.conversationId && JSON.stringify(a.activity).includes("Session 1")).map(cardOf);

  beforeAll(async () => {
    server = await startTestServer({ now: WEEK_BEFORE });
    const serviceUrl = server.connector.serviceUrl;
    await seedCohort(server.repos, { tenantId: TENANT, cohortId: "lead", cohortName: "Leadership team", kind: "leadership", trackId: "leadership", startDate: "2026-02-16", members: [leader, otherLeader], facilitators: [finFacilitator], serviceUrl });
    await seedCohort(server.repos, { tenantId: TENANT, cohortId: "fin", cohortName: "Finance team", leadershipCohortId: "lead", startDate: "2026-03-02", members: [finMember], facilitators: [finFacilitator], serviceUrl });
    await seedCohort(server.repos, { tenantId: TENANT, cohortId: "ops", cohortName: "Ops team", leadershipCohortId: "lead", startDate: "2026-03-02", members: [opsMember], facilitators: [opsFacilitator], serviceUrl });
  });
  afterAll(() => server.close());

  it("when a leader writes a note that is too long, then it is refused on the field in plain words and nothing is stored", async () => {
    const res = await (await as(leader)).send("PUT", apiRoutes.saveLeaderNote.url({ cohortId: "lead" }), { text: "x".repeat(LIMITS.leaderNote + 1) });
    expect(res.status).toBe(400);
    expect(res.body.error.issues).toEqual([{ field: "text", message: `Note is too long: keep it to ${LIMITS.leaderNote} characters or fewer.` }]);
    expect(await server.repos.leaderNotes.get(TENANT, "lead")).toBeUndefined();
  });

  it("when a leader writes the note, then it is stored in the leadership cohort, naming the teams it opens session 1 for", async () => {
    const res = await (await as(leader)).send("PUT", apiRoutes.saveLeaderNote.url({ cohortId: "lead" }), { text: NOTE });
    expect(res.status).toBe(200);
    expect(res.body.note).toMatchObject({ text: NOTE, authorName: "Lena Leader" });
    const byId = (a: { cohortId: string }, b: { cohortId: string }) => a.cohortId.localeCompare(b.cohortId);
    expect([...res.body.teams].sort(byId)).toEqual([{ cohortId: "fin", name: "Finance team", heldBack: false }, { cohortId: "ops", name: "Ops team", heldBack: false }]);
  });

  it("when another leader saves over a note they read before it changed, then it is refused as a conflict and the stored note stands", async () => {
    const res = await (await as(otherLeader)).send("PUT", apiRoutes.saveLeaderNote.url({ cohortId: "lead" }), { text: "Something else entirely", etag: '"stale"' });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(/what you typed is kept/);
    expect((await server.repos.leaderNotes.get(TENANT, "lead"))!.text).toBe(NOTE);
  });

  it("when a team member tries to read or write the leaders' note, then they are refused", async () => {
    expect((await (await as(finMember)).get(apiRoutes.leaderNote.url({ cohortId: "lead" }))).status).toBe(404);
    expect((await (await as(finMember)).get(apiRoutes.leaderNoteReview.url({ cohortId: "fin" }))).status).toBe(403);
  });

  it("when each team's facilitator reviews it before session 1, then they see it, and one holds it back for their team only", async () => {
    const fin = await (await as(finFacilitator)).get(apiRoutes.leaderNoteReview.url({ cohortId: "fin" }));
    expect(fin.body).toMatchObject({ leadershipCohortName: "Leadership team", sessionOneSent: false, note: { text: NOTE, authorName: "Lena Leader", heldBack: false } });
    const ops = await (await as(opsFacilitator)).get(apiRoutes.leaderNoteReview.url({ cohortId: "ops" }));
    const held = await (await as(opsFacilitator)).send("PUT", apiRoutes.holdLeaderNote.url({ cohortId: "ops" }), { heldBack: true, etag: ops.body.note.etag });
    expect(held.status).toBe(200);
    expect(held.body.note.heldBack).toBe(true);
    expect((await server.repos.leaderNotes.get(TENANT, "lead"))!.heldBack).toEqual(["ops"]);
    // The leader sees which team held it back.
    const mine = await (await as(leader)).get(apiRoutes.leaderNote.url({ cohortId: "lead" }));
    expect(mine.body.teams.find((t: { cohortId: string }) => t.cohortId === "ops").heldBack).toBe(true);
    expect(mine.body.teams.find((t: { cohortId: string }) => t.cohortId === "fin").heldBack).toBe(false);
  });

  it("when session 1's brief goes out, then it opens with the note for the team that let it go, as plain text, and not for the team that held it back", async () => {
    const before = server.connector.activities.length;
    server.clock.set(SESSION_ONE);
    await createScheduler(server.ctx, server.service.bot.sender, fast).tick();
    const [finBrief] = briefsTo(finMember, before);
    expect(finBrief).toBeDefined();
    const text = cardText(finBrief!);
    expect(text).toContain("A note from your leaders");
    expect(text).toContain(NOTE);
    expect(text).toContain("Lena Leader");
    expect(validateCard(finBrief!).errors).toEqual([]);
    const [opsBrief] = briefsTo(opsMember, before);
    expect(opsBrief).toBeDefined();
    expect(cardText(opsBrief!)).not.toContain("A note from your leaders");
    expect(cardText(opsBrief!)).not.toContain("two numbers wrong");
  });

  it("when a facilitator reviews after session 1 went out, then they are told so", async () => {
    const fin = await (await as(finFacilitator)).get(apiRoutes.leaderNoteReview.url({ cohortId: "fin" }));
    expect(fin.body.sessionOneSent).toBe(true);
  });
});
