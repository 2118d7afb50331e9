/**
 * Live sessions' attendance and catch-up (issue 19), against the embedded Cosmos DB and a LOCAL
 * STAND-IN FOR MICROSOFT GRAPH (tests/helpers/graph-stub.ts with the calendar and attendance routes
 * of graph-stub-calendar.ts; its tokens stand in for Entra ID). Graph itself cannot run here; the
 * Graph client, the attendance adapter, the store, the scheduler, the API and the bot's sends (to
 * the Bot Connector stand-in) are real. Time moves only on the test's clock.
 */
import { apiRoutes } from "../../../bot/src/contract/api-routes";
import { GraphClient } from "../../../bot/src/graph/graph-client";
import { createMeetingAttendance } from "../../../bot/src/graph/attendance.graph";
import { createMeetingCalendar } from "../../../bot/src/graph/meetings";
import { createScheduler } from "../../../bot/src/scheduler/scheduler";
import { apiAs } from "../../helpers/api-client";
import { person, seedCohort, type FixturePerson } from "../../helpers/fixtures";
import { standInTokens, startGraphStub, type GraphStub } from "../../helpers/graph-stub";
import { calendarStandIn, type CalendarStandIn, type StandInEvent } from "../../helpers/graph-stub-calendar";
import { startTestServer, type TestServer } from "../../helpers/test-server";

const TENANT = "tenant-attendance";
const NOW = "2026-03-02T08:00:00.000Z";
const COHORT = "finance-attend";
const members = Array.from({ length: 12 }, (_, i) => person(700 + i, `Attend member ${i}`));
const facilitators = [person(790, "Attend organiser"), person(791, "Attend co-facilitator")];
const leaders = [person(780, "Attend leader")];
const upnOf = (p: FixturePerson) => `${p.name.toLowerCase().replace(/ /g, ".")}@contoso.example`;
// The kick-off: Monday 9 March 2026, 09:30–10:15 London (GMT).
const KICKOFF_END = Date.parse("2026-03-09T10:15:00.000Z");
const MIN = 60_000;
const HOUR = 60 * MIN;
// Several scheduler passes over a 12-member cohort each: slow on a shared, busy machine.
jest.setTimeout(90_000);

interface Harness {
  server: TestServer;
  stub: GraphStub;
  calendar: CalendarStandIn;
  scheduler(id: string): ReturnType<typeof createScheduler>;
  kickoff(): StandInEvent;
  close(): Promise<void>;
}

async function harness(): Promise<Harness> {
  const stub = await startGraphStub();
  const calendar = calendarStandIn();
  stub.use(calendar.route);
  const server = await startTestServer({ now: NOW, env: { LIVE_SESSIONS_ENABLED: "true", GRAPH_BASE_URL: stub.baseUrl } });
  await seedCohort(server.repos, { tenantId: TENANT, cohortId: "attend-leaders", kind: "leadership", trackId: "leadership", startDate: "2026-01-12", members: leaders, facilitators: [person(789, "Leaders host")], serviceUrl: server.connector.serviceUrl, cohortName: "Attend leaders" });
  await seedCohort(server.repos, { tenantId: TENANT, cohortId: COHORT, startDate: "2026-03-09", members, facilitators, leadershipCohortId: "attend-leaders", serviceUrl: server.connector.serviceUrl, cohortName: "Finance attend" });
  stub.setUsers(TENANT, [...members, ...facilitators, ...leaders].map((p) => ({ id: p.aadObjectId, userPrincipalName: upnOf(p), displayName: p.name })));
  const sleep = async (ms: number) => void server.clock.advance(ms);
  const client = new GraphClient({ baseUrl: stub.baseUrl, tokens: standInTokens, sleep });
  const meetings = createMeetingCalendar(client);
  const attendance = createMeetingAttendance(client);
  return {
    server,
    stub,
    calendar,
    scheduler: (id) => createScheduler(server.ctx, server.service.bot.sender, { instanceId: id, meetings, attendance, ratePerSecond: 2000, random: () => 0.5 }),
    kickoff: () => calendar.events.find((e) => e.subject === "Finance attend: Kick-off")!,
    async close() {
      await server.close();
      await stub.close();
    },
  };
}

const facilitator = { tenantId: TENANT, userId: facilitators[0]!.aadObjectId, displayName: facilitators[0]!.name };
const liveSessions = async (h: Harness) => (await apiAs(h.server, facilitator)).get(apiRoutes.liveSessions.url({ cohortId: COHORT }));
const kickoffDto = async (h: Harness) => {
  const res = await liveSessions(h);
  expect(res.status).toBe(200);
  return res.body.sessions.find((s: { key: string }) => s.key === "kickoff");
};
/** Catch-up cards each person received, by conversation. */
const catchUpsTo = (h: Harness, p: FixturePerson) => h.server.connector.activities.filter((a) => a.conversationId === p.conversationId && JSON.stringify(a.activity).includes("You missed: Kick-off"));
const reportReads = (h: Harness) => h.stub.requests.filter((r) => r.path.includes("/onlineMeetings/") && r.path.endsWith("/attendanceReports")).length;

describe("live sessions: attendance and the catch-up for those who missed one", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await harness();
    await h.scheduler("instance-a").tick(); // creates the meetings in the stand-in
  });
  afterEach(async () => {
    await h.close();
  });

  it("when 9 of 12 members join the kick-off, then the API shows 9 of 12 and each of the 3 who missed it gets exactly one catch-up card with the facilitator's notes and the recording, even with two scheduler instances", async () => {
    const kickoff = h.kickoff();
    const came = members.slice(0, 9);
    const missed = members.slice(9);
    const api = await apiAs(h.server, facilitator);
    // The facilitator writes what was covered ahead of time.
    const saved = await api.send("PUT", apiRoutes.saveLiveSessionNotes.url({ cohortId: COHORT, sessionKey: "kickoff" }), { notes: "We walked through the variance pack with AI, step by step.", recordingUrl: "https://stream.contoso.example/kickoff-recording" });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ key: "kickoff", notes: "We walked through the variance pack with AI, step by step.", recordingUrl: "https://stream.contoso.example/kickoff-recording", attendance: { state: "pending" } });

    // 31 minutes after it ends Teams has no report yet: tried again later, still pending.
    h.server.clock.set(new Date(KICKOFF_END + 31 * MIN).toISOString());
    await h.scheduler("instance-a").tick();
    expect((await kickoffDto(h)).attendance.state).toBe("pending");

    // The report arrives (with the organiser and a leader in it, who are not counted); the retry reads it.
    h.calendar.setAttendance(kickoff.joinUrl, [...came, facilitators[0]!, leaders[0]!].map((p) => p.aadObjectId));
    h.server.clock.advance(31 * MIN);
    // Graph throttles the lookup once: the client waits out Retry-After (on the test's clock) and goes on.
    h.stub.throttleNext(`/v1.0/users/${facilitators[0]!.aadObjectId}/onlineMeetings`, 2, 1);
    const readsBefore = reportReads(h);
    await Promise.all([h.scheduler("instance-a").tick(), h.scheduler("instance-b").tick()]);
    expect(reportReads(h) - readsBefore).toBe(1); // read once, whichever instance got the claim
    const read = await kickoffDto(h);
    expect(read.attendance).toMatchObject({ state: "read", invited: 12, attended: 9 });
    expect(read.catchUp.state).toBe("not-yet");
    expect(Date.parse(read.catchUp.dueAt) - Date.parse(read.attendance.readAt)).toBe(24 * HOUR);
    for (const p of members) expect(catchUpsTo(h, p)).toHaveLength(0);

    // Staff see it on the timeline and per member on the Programme view (a fresh token: the clock moved a week).
    const staff = await apiAs(h.server, facilitator);
    const timeline = await staff.get(apiRoutes.timeline.url({ cohortId: COHORT }));
    expect(timeline).toMatchObject({ status: 200 });
    expect(timeline.body.events.find((e: { key: string }) => e.key === "s1.learn").meeting.attendance).toMatchObject({ state: "read", invited: 12, attended: 9 });
    const progress = await staff.get(apiRoutes.progress.url({ cohortId: COHORT }));
    expect(progress.body.liveSessionAttendance.held).toBe(1);
    expect(progress.body.liveSessionAttendance.attendedBy[came[0]!.aadObjectId]).toBe(1);
    expect(progress.body.liveSessionAttendance.attendedBy[missed[0]!.aadObjectId]).toBe(0);
    // A member sees neither.
    const memberApi = await apiAs(h.server, { tenantId: TENANT, userId: came[0]!.aadObjectId, displayName: came[0]!.name });
    const own = await memberApi.get(apiRoutes.timeline.url({ cohortId: COHORT }));
    expect(own.body.events.find((e: { key: string }) => e.key === "s1.learn").meeting.attendance).toBeUndefined();
    expect((await memberApi.get(apiRoutes.progress.url({ cohortId: COHORT }))).body.liveSessionAttendance).toBeUndefined();
    expect((await memberApi.get(apiRoutes.liveSessions.url({ cohortId: COHORT }))).status).toBe(403);

    // 24 hours later, two instances at once: one card each for the three who missed it, none for the others.
    h.server.clock.advance(24 * HOUR);
    await Promise.all([h.scheduler("instance-a").tick(), h.scheduler("instance-b").tick()]);
    await h.scheduler("instance-b").tick();
    for (const p of missed) {
      const cards = catchUpsTo(h, p);
      expect(cards).toHaveLength(1);
      const text = JSON.stringify(cards[0]!.activity);
      expect(text).toContain("We walked through the variance pack with AI, step by step.");
      expect(text).toContain("https://stream.contoso.example/kickoff-recording");
      expect(text).toContain("Join the next live session");
    }
    for (const p of [...came, ...facilitators, ...leaders]) expect(catchUpsTo(h, p)).toHaveLength(0);
    expect((await kickoffDto(h)).catchUp).toMatchObject({ state: "sent", sentTo: 3 });

    // "Send now" after it went: nothing goes twice.
    const again = await (await apiAs(h.server, facilitator)).send("PUT", apiRoutes.saveLiveSessionNotes.url({ cohortId: COHORT, sessionKey: "kickoff" }), { notes: "Updated notes.", sendCatchUpNow: true });
    expect(again.status).toBe(200);
    await h.scheduler("instance-a").tick();
    for (const p of missed) expect(catchUpsTo(h, p)).toHaveLength(1);
  });

  it("when the facilitator saves notes with sendCatchUpNow once attendance is read, then the catch-up goes at once, not 24 hours later, and only once", async () => {
    h.calendar.setAttendance(h.kickoff().joinUrl, members.slice(0, 11).map((p) => p.aadObjectId));
    h.server.clock.set(new Date(KICKOFF_END + 31 * MIN).toISOString());
    await h.scheduler("instance-a").tick();
    expect((await kickoffDto(h)).attendance).toMatchObject({ state: "read", attended: 11, invited: 12 });
    const res = await (await apiAs(h.server, facilitator)).send("PUT", apiRoutes.saveLiveSessionNotes.url({ cohortId: COHORT, sessionKey: "kickoff" }), { notes: "Short version: try it on this month's pack.", sendCatchUpNow: true });
    expect(res.status).toBe(200);
    expect(res.body.catchUp).toMatchObject({ state: "sent", sentTo: 1 });
    await h.scheduler("instance-a").tick();
    h.server.clock.advance(25 * HOUR);
    await h.scheduler("instance-a").tick();
    const cards = catchUpsTo(h, members[11]!);
    expect(cards).toHaveLength(1);
    expect(JSON.stringify(cards[0]!.activity)).toContain("Short version: try it on this month");
  });

  it("when Graph refuses the attendance report (403), then the session's attendance is unavailable with a note in plain words, and no catch-up goes", async () => {
    h.calendar.setAttendance(h.kickoff().joinUrl, members.slice(0, 9).map((p) => p.aadObjectId));
    h.stub.refuse(TENANT, `/v1.0/users/${facilitators[0]!.aadObjectId}/onlineMeetings`);
    h.server.clock.set(new Date(KICKOFF_END + 31 * MIN).toISOString());
    await h.scheduler("instance-a").tick();
    const dto = await kickoffDto(h);
    expect(dto.attendance.state).toBe("unavailable");
    expect(dto.attendance.note).toContain("OnlineMeetingArtifact.Read.All");
    expect(dto.attendance.note).toContain("application access policy");
    h.server.clock.advance(25 * HOUR);
    await h.scheduler("instance-a").tick();
    for (const p of members) expect(catchUpsTo(h, p)).toHaveLength(0);
    expect((await kickoffDto(h)).catchUp.state).toBe("not-yet");
  });

  it("when Teams makes no attendance report within a day, then the session's attendance is unavailable, saying so", async () => {
    h.server.clock.set(new Date(KICKOFF_END + 31 * MIN).toISOString());
    await h.scheduler("instance-a").tick();
    h.server.clock.advance(12 * HOUR);
    await h.scheduler("instance-a").tick();
    expect((await kickoffDto(h)).attendance.state).toBe("pending");
    h.server.clock.set(new Date(KICKOFF_END + 24 * HOUR + MIN).toISOString());
    await h.scheduler("instance-a").tick();
    const dto = await kickoffDto(h);
    expect(dto.attendance.state).toBe("unavailable");
    expect(dto.attendance.note).toContain("no attendance report within a day");
  });

  it("when the recording link is http://, then the save is refused on that field and nothing is saved; an unknown session is not found", async () => {
    const api = await apiAs(h.server, facilitator);
    const res = await api.send("PUT", apiRoutes.saveLiveSessionNotes.url({ cohortId: COHORT, sessionKey: "kickoff" }), { notes: "Notes that must not be saved.", recordingUrl: "http://stream.contoso.example/rec" });
    expect(res.status).toBe(400);
    expect(res.body.error.issues).toEqual([expect.objectContaining({ field: "recordingUrl", message: expect.stringContaining("https://") })]);
    expect(await h.server.repos.liveSessionFollowUps.get(TENANT, COHORT, "kickoff")).toBeUndefined();
    expect((await kickoffDto(h)).notes).toBe("");
    const unknown = await api.send("PUT", apiRoutes.saveLiveSessionNotes.url({ cohortId: COHORT, sessionKey: "no-such-session" }), { notes: "x" });
    expect(unknown.status).toBe(404);
    // Sending a catch-up before the session happened is refused on its field, and nothing is saved.
    const early = await api.send("PUT", apiRoutes.saveLiveSessionNotes.url({ cohortId: COHORT, sessionKey: "kickoff" }), { notes: "Too early.", sendCatchUpNow: true });
    expect(early.status).toBe(400);
    expect(early.body.error.issues.map((i: { field: string }) => i.field)).toEqual(["sendCatchUpNow"]);
    expect(await h.server.repos.liveSessionFollowUps.get(TENANT, COHORT, "kickoff")).toBeUndefined();
  });
});
