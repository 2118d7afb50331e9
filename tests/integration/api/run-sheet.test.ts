/**
 * The facilitator's run-sheet over real HTTP, against the embedded Cosmos DB. The cohort's Teams
 * meetings are created by the real scheduler against a LOCAL STAND-IN FOR MICROSOFT GRAPH
 * (tests/helpers/graph-stub.ts + graph-stub-calendar.ts); check-ins, help requests and questions
 * come in through the bot over HTTP, as Teams posts them.
 */
import { CHECKIN_VERBS } from "../../../bot/src/cards/checkin.card";
import { QUESTION_VERBS } from "../../../bot/src/cards/question.card";
import { apiRoutes } from "../../../bot/src/contract/api-routes";
import type { RunSheetResponse } from "../../../bot/src/contract/live-sessions-contract";
import { getBuiltInTrack } from "../../../bot/src/domain/tracks";
import { GraphClient } from "../../../bot/src/graph/graph-client";
import { createMeetingCalendar } from "../../../bot/src/graph/meetings";
import { createScheduler } from "../../../bot/src/scheduler/scheduler";
import { apiAs } from "../../helpers/api-client";
import { actionData, BotDriver } from "../../helpers/bot-driver";
import { person, seedCohort, type FixturePerson } from "../../helpers/fixtures";
import { standInTokens, startGraphStub, type GraphStub } from "../../helpers/graph-stub";
import { calendarStandIn } from "../../helpers/graph-stub-calendar";
import { invokeActivity } from "../../helpers/teams-activities";
import { startTestServer, type TestServer } from "../../helpers/test-server";

const TENANT = "tenant-run-sheet";
const OTHER_TENANT = "tenant-run-sheet-other";
const BIG = "finance-run";
const SMALL = "finance-small";
// Wednesday of week 1: session 1's check-in is open; the kick-off (Monday) is over, session 1's clinic is next.
const NOW = "2026-03-04T12:00:00.000Z";
const members = Array.from({ length: 8 }, (_, i) => person(600 + i, `Run member ${i}`));
const smallMembers = Array.from({ length: 4 }, (_, i) => person(620 + i, `Small member ${i}`));
const facilitator = person(690, "Run facilitator");
const stranger = person(699, "Other tenant facilitator");
const as = (p: FixturePerson, tenantId = TENANT, isAdmin = false) => ({ tenantId, userId: p.aadObjectId, displayName: p.name, isAdmin });

describe("the facilitator's run-sheet", () => {
  let server: TestServer;
  let stub: GraphStub;
  let bot: BotDriver;

  const checkIn = (m: FixturePerson, cohortId: string, extra: Record<string, string> = {}) =>
    bot.invoke(m, CHECKIN_VERBS.submit, { cohortId, sessionNumber: 1, tried: "Month-end commentary", worked: "A good first draft", stuck: "", minutesSaved: "20", confidence: "3", wantsHelp: "false", blockers: "trusting-output", quoteConsent: "no", ...extra });

  async function ask(m: FixturePerson, text: string, anonymous: boolean): Promise<void> {
    const [card] = await bot.say(m, "ask");
    const result = await bot.post(invokeActivity({ serviceUrl: server.connector.serviceUrl, tenantId: TENANT, user: m, conversationId: m.conversationId, verb: QUESTION_VERBS.submit, data: { ...actionData(card!, QUESTION_VERBS.submit), text, anonymous: String(anonymous) } }));
    expect(result.status).toBe(200);
  }

  beforeAll(async () => {
    stub = await startGraphStub();
    const calendar = calendarStandIn();
    stub.use(calendar.route);
    server = await startTestServer({ now: NOW, env: { LIVE_SESSIONS_ENABLED: "true", GRAPH_BASE_URL: stub.baseUrl } });
    bot = new BotDriver(server, TENANT);
    await seedCohort(server.repos, { tenantId: TENANT, cohortId: BIG, cohortName: "Finance run", members, facilitators: [facilitator], serviceUrl: server.connector.serviceUrl, policy: false });
    await seedCohort(server.repos, { tenantId: TENANT, cohortId: SMALL, cohortName: "Finance small", members: smallMembers, facilitators: [facilitator], serviceUrl: server.connector.serviceUrl, policy: false });
    await seedCohort(server.repos, { tenantId: OTHER_TENANT, cohortId: "other-run", members: [person(698, "Other member")], facilitators: [stranger], serviceUrl: server.connector.serviceUrl, policy: false });
    stub.setUsers(TENANT, [...members, ...smallMembers, facilitator].map((p) => ({ id: p.aadObjectId, userPrincipalName: `${p.aadObjectId}@contoso.example`, displayName: p.name })));
    const sleep = async (ms: number) => server.clock.advance(ms);
    const meetings = createMeetingCalendar(new GraphClient({ baseUrl: stub.baseUrl, tokens: standInTokens, sleep }));
    await createScheduler(server.ctx, server.service.bot.sender, { instanceId: "run-sheet", meetings, ratePerSecond: 2000, random: () => 0.5 }).tick();

    // Six of eight check in on session 1; one asks for help. In the small cohort three of four do.
    for (const [i, m] of members.slice(0, 6).entries()) expect((await checkIn(m, BIG, i === 0 ? { wantsHelp: "true", stuck: "It invented a number" } : {})).status).toBe(200);
    for (const m of smallMembers.slice(0, 3)) expect((await checkIn(m, SMALL)).status).toBe(200);
    await ask(members[6]!, "Can we paste supplier names into the chat?", true);
    await ask(members[7]!, "Which model does the approved tool use?", false);
  });
  afterAll(async () => {
    await server?.close();
    await stub?.close();
  });

  it("when a facilitator opens the run-sheet for session 1's clinic, then it holds the track's plan, the cohort's figures, who asked for help and the open questions, the anonymous one without a name", async () => {
    const api = await apiAs(server, as(facilitator));
    const res = await api.get(apiRoutes.runSheet.url({ cohortId: BIG }, { session: "clinic.s1" }));
    expect(res.status).toBe(200);
    const body = res.body as RunSheetResponse;
    expect(body.liveSessions).toBe("on");
    expect(body.sessions.map((s) => s.key)).toContain("clinic.s1");
    const selected = body.selected!;
    expect(selected.session).toMatchObject({ key: "clinic.s1", kind: "clinic", sessionNumber: 1 });
    expect(selected.session.joinUrl).toMatch(/^https:\/\/teams\.microsoft\.com\/l\/meetup-join\/stand-in-/);
    const session1 = getBuiltInTrack("finance")!.sessions.find((s) => s.number === 1)!;
    expect(selected.plan).toMatchObject({ sessionNumber: 1, title: session1.title, workflow: session1.learn.workflow, tryThis: session1.learn.tryThis, reflectQuestions: session1.reflectQuestions });
    expect(selected.reported).toMatchObject({ sessionNumber: 1, responses: 6, members: 8, withheld: false });
    expect(selected.reported!.blockers[0]).toMatchObject({ count: 6 });
    expect(JSON.stringify(selected.reported)).not.toMatch(/Run member/);
    expect(selected.stuck).toEqual([expect.objectContaining({ userId: members[0]!.aadObjectId, displayName: "Run member 0", reason: "asked-for-help", sessionNumber: 1 })]);
    const questions = selected.openQuestions;
    expect(questions).toHaveLength(2);
    const anonymous = questions.find((q) => q.text.startsWith("Can we paste"))!;
    expect(anonymous).not.toHaveProperty("askedBy");
    expect(JSON.stringify(anonymous)).not.toContain(members[6]!.aadObjectId);
    expect(questions.find((q) => q.text.startsWith("Which model"))!.askedBy).toBe("Run member 7");
  });

  it("when no session is named, then the next live session not over is chosen: session 1's clinic, the kick-off being over", async () => {
    const res = await (await apiAs(server, as(facilitator))).get(apiRoutes.runSheet.url({ cohortId: BIG }));
    expect(res.status).toBe(200);
    expect((res.body as RunSheetResponse).selected!.session.key).toBe("clinic.s1");
  });

  it("when fewer than 5 checked in, then the figures are withheld: no themes, no summary", async () => {
    const res = await (await apiAs(server, as(facilitator))).get(apiRoutes.runSheet.url({ cohortId: SMALL }, { session: "clinic.s1" }));
    expect(res.status).toBe(200);
    expect((res.body as RunSheetResponse).selected!.reported).toEqual({ sessionNumber: 1, responses: 3, members: 4, withheld: true, blockers: [] });
  });

  it("when a member asks for the run-sheet, then 403; another tenant's facilitator, an unknown cohort or session key: 404", async () => {
    expect((await (await apiAs(server, as(members[1]!))).get(apiRoutes.runSheet.url({ cohortId: BIG }))).status).toBe(403);
    expect((await (await apiAs(server, as(stranger, OTHER_TENANT))).get(apiRoutes.runSheet.url({ cohortId: BIG }))).status).toBe(404);
    expect((await (await apiAs(server, as(stranger, OTHER_TENANT, true))).get(apiRoutes.runSheet.url({ cohortId: BIG }))).status).toBe(404);
    const staff = await apiAs(server, as(facilitator));
    expect((await staff.get(apiRoutes.runSheet.url({ cohortId: "no-such-cohort" }))).status).toBe(404);
    const unknown = await staff.get(apiRoutes.runSheet.url({ cohortId: BIG }, { session: "clinic.s99" }));
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toBe("That live session does not exist in this cohort.");
    expect((await staff.get(apiRoutes.runSheet.url({ cohortId: BIG }, { session: "../x" }))).status).toBe(404);
  });
});
