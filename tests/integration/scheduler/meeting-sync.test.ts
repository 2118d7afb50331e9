/**
 * Live sessions as Teams meetings, against the embedded Cosmos DB and a LOCAL STAND-IN FOR
 * MICROSOFT GRAPH (tests/helpers/graph-stub.ts with the calendar routes of graph-stub-calendar.ts;
 * its tokens stand in for Entra ID). Graph itself cannot run here; the Graph client, the meeting
 * adapter, the store, the scheduler and the bot's sends (to the Bot Connector stand-in) are real.
 * Retry-After is waited out on the test's clock through the injected sleep, never on wall time.
 */
import { DateTime } from "luxon";
import { apiRoutes } from "../../../bot/src/contract/api-routes";
import { GraphClient } from "../../../bot/src/graph/graph-client";
import { createMeetingCalendar } from "../../../bot/src/graph/meetings";
import { createMeetingSync, transactionIdOf } from "../../../bot/src/scheduler/meeting-sync";
import { createScheduler } from "../../../bot/src/scheduler/scheduler";
import type { Cohort } from "../../../bot/src/domain/types";
import { apiAs } from "../../helpers/api-client";
import { person, seedCohort, type FixturePerson } from "../../helpers/fixtures";
import { standInTokens, startGraphStub, type GraphStub } from "../../helpers/graph-stub";
import { calendarStandIn, type CalendarStandIn, type StandInEvent } from "../../helpers/graph-stub-calendar";
import { startTestServer, type TestServer } from "../../helpers/test-server";

const TENANT = "tenant-live";
const NOW = "2026-03-02T08:00:00.000Z";
const members = Array.from({ length: 12 }, (_, i) => person(500 + i, `Live member ${i}`));
const facilitators = [person(590, "Live organiser"), person(591, "Live co-facilitator")];
const leaders = [person(580, "Leader one"), person(581, "Leader two")];
const leadersFacilitator = person(589, "Leaders facilitator");
const upnOf = (p: FixturePerson) => `${p.name.toLowerCase().replace(/ /g, ".")}@contoso.example`;
const COHORT = "finance-live";
const SUBJECT = "Finance live: ";

interface Harness {
  server: TestServer;
  stub: GraphStub;
  calendar: CalendarStandIn;
  slept: number[];
  scheduler(id: string): ReturnType<typeof createScheduler>;
  sync(id: string): ReturnType<typeof createMeetingSync>;
  cohortEvents(): StandInEvent[];
  close(): Promise<void>;
}

async function harness(): Promise<Harness> {
  const stub = await startGraphStub();
  const calendar = calendarStandIn();
  stub.use(calendar.route);
  const server = await startTestServer({ now: NOW, env: { LIVE_SESSIONS_ENABLED: "true", GRAPH_BASE_URL: stub.baseUrl } });
  // The leadership cohort started weeks ahead; its leaders are invited to the team cohort's kick-off.
  await seedCohort(server.repos, { tenantId: TENANT, cohortId: "leaders-live", kind: "leadership", trackId: "leadership", startDate: "2026-01-12", members: leaders, facilitators: [leadersFacilitator], serviceUrl: server.connector.serviceUrl, cohortName: "Leaders live" });
  // Starts Monday 9 March 2026: its clinics straddle the UK's clocks going forward (29 March).
  await seedCohort(server.repos, { tenantId: TENANT, cohortId: COHORT, startDate: "2026-03-09", members, facilitators, leadershipCohortId: "leaders-live", serviceUrl: server.connector.serviceUrl, cohortName: "Finance live" });
  stub.setUsers(TENANT, [...members, ...facilitators, ...leaders, leadersFacilitator].map((p) => ({ id: p.aadObjectId, userPrincipalName: upnOf(p), displayName: p.name })));
  const slept: number[] = [];
  const sleep = async (ms: number) => {
    slept.push(ms);
    server.clock.advance(ms);
  };
  const meetings = createMeetingCalendar(new GraphClient({ baseUrl: stub.baseUrl, tokens: standInTokens, sleep }));
  return {
    server,
    stub,
    calendar,
    slept,
    scheduler: (id) => createScheduler(server.ctx, server.service.bot.sender, { instanceId: id, meetings, ratePerSecond: 2000, random: () => 0.5 }),
    sync: (id) => createMeetingSync(server.ctx, { calendar: meetings, instanceId: id }),
    cohortEvents: () => calendar.events.filter((e) => e.subject.startsWith(SUBJECT)),
    async close() {
      await server.close();
      await stub.close();
    },
  };
}

const utcOf = (t: { dateTime: string; timeZone: string }) => DateTime.fromISO(t.dateTime, { zone: t.timeZone }).toUTC().toISO();
const bySubject = (events: StandInEvent[], title: string) => events.find((e) => e.subject === `${SUBJECT}${title}`)!;
const activeCohorts = async (h: Harness) => {
  const list: Array<Cohort & { etag: string }> = [];
  for await (const c of h.server.repos.cohorts.listActiveForScheduling()) list.push(c);
  return list;
};

describe("live sessions as Teams meetings", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await harness();
  });
  afterEach(async () => {
    await h.close();
  });

  it("when a 12-member cohort is created, then its kick-off and four clinics are created in the stand-in at 09:30 London time across the clock change, with the right attendees, and the brief and the timeline link to them", async () => {
    await h.scheduler("instance-a").tick();
    const events = h.cohortEvents();
    expect(events).toHaveLength(5);
    const everyone = [...members, facilitators[1]!].map(upnOf).sort();
    for (const e of events) {
      expect(e).toMatchObject({ organizerId: facilitators[0]!.aadObjectId, isOnlineMeeting: true, onlineMeetingProvider: "teamsForBusiness", cancelled: false });
      expect(e.start.timeZone).toBe("Europe/London");
      expect(e.start.dateTime.slice(11)).toBe("09:30:00");
    }
    const kickoff = bySubject(events, "Kick-off");
    expect(kickoff.start).toEqual({ dateTime: "2026-03-09T09:30:00", timeZone: "Europe/London" });
    expect(utcOf(kickoff.end)).toBe("2026-03-09T10:15:00.000Z");
    // Leaders of the leadership cohort come to the kick-off only.
    expect([...kickoff.attendees].sort()).toEqual([...everyone, ...leaders.map(upnOf)].sort());
    const clinic3 = bySubject(events, "Clinic: what worked and what got stuck after session 3");
    const clinic4 = bySubject(events, "Clinic: what worked and what got stuck after session 4");
    expect([...clinic3.attendees].sort()).toEqual(everyone);
    expect(utcOf(clinic3.start)).toBe("2026-03-27T09:30:00.000Z"); // GMT
    expect(utcOf(clinic4.start)).toBe("2026-04-03T08:30:00.000Z"); // BST: 09:30 local
    expect(h.calendar.events.every((e) => e.transactionId)).toBe(true);

    // The timeline links the kick-off to session 1 and says live sessions are on.
    const facilitator = { tenantId: TENANT, userId: facilitators[0]!.aadObjectId, displayName: facilitators[0]!.name };
    const timeline = await (await apiAs(h.server, facilitator)).get(apiRoutes.timeline.url({ cohortId: COHORT }));
    expect(timeline.status).toBe(200);
    expect(timeline.body.liveSessions).toBe("on");
    expect(timeline.body.events.find((e: { key: string }) => e.key === "s1.learn").meeting).toEqual({ title: "Kick-off", startsAt: "2026-03-09T09:30:00.000Z", joinUrl: kickoff.joinUrl });
    expect(timeline.body.events.find((e: { key: string }) => e.key === "s3.checkin").meeting).toMatchObject({ joinUrl: clinic3.joinUrl });

    // Session 1's brief, sent on its day, carries "Join the live session" with the kick-off's link.
    h.server.clock.set("2026-03-09T09:31:00.000Z");
    await h.scheduler("instance-a").tick();
    const memberChats = new Set(members.map((m) => m.conversationId));
    const briefs = h.server.connector.activities.filter((a) => memberChats.has(a.conversationId) && JSON.stringify(a.activity).includes("Join the live session"));
    expect(briefs).toHaveLength(12);
    const card = JSON.stringify(briefs[0]!.activity);
    expect(card).toContain("Session 1:");
    expect(card).toContain("Join the live session");
    expect(card).toContain(kickoff.joinUrl);
  });

  it("when the start date moves a week, then the meetings are moved (PATCH), not created again; when the cohort is archived, then they are cancelled", async () => {
    await h.scheduler("instance-a").tick();
    expect(h.calendar.creations).toBe(h.calendar.events.length);
    const created = h.calendar.creations;
    const cohort = (await h.server.repos.cohorts.get(TENANT, COHORT))!;
    const { etag, ...record } = cohort;
    await h.server.repos.cohorts.update({ ...record, startDate: "2026-03-16" }, etag);
    await h.scheduler("instance-a").tick();
    expect(h.calendar.creations).toBe(created);
    const kickoff = bySubject(h.cohortEvents(), "Kick-off");
    expect(kickoff.history).toEqual(["created", "updated"]);
    expect(kickoff.start).toEqual({ dateTime: "2026-03-16T09:30:00", timeZone: "Europe/London" });
    expect(utcOf(bySubject(h.cohortEvents(), "Clinic: what worked and what got stuck after session 3").start)).toBe("2026-04-03T08:30:00.000Z");

    // A member joins: the attendees follow.
    const joiner = person(577, "Late joiner");
    h.stub.setUsers(TENANT, [...members, joiner, ...facilitators, ...leaders, leadersFacilitator].map((p) => ({ id: p.aadObjectId, userPrincipalName: upnOf(p), displayName: p.name })));
    await h.server.repos.memberships.upsertMany([{ tenantId: TENANT, cohortId: COHORT, userId: joiner.aadObjectId, displayName: joiner.name, joinedAt: NOW }]);
    await h.scheduler("instance-a").tick();
    expect(bySubject(h.cohortEvents(), "Kick-off").attendees).toContain(upnOf(joiner));

    const current = (await h.server.repos.cohorts.get(TENANT, COHORT))!;
    const { etag: etag2, ...again } = current;
    await h.server.repos.cohorts.update({ ...again, status: "archived" }, etag2);
    await h.scheduler("instance-a").tick();
    expect(h.cohortEvents().map((e) => e.cancelled)).toEqual([true, true, true, true, true]);
    expect(h.cohortEvents()[0]!.cancelComment).toContain("no longer part of the programme");
    expect((await h.server.repos.meetings.listByCohort(TENANT, COHORT)).map((m) => m.state)).toEqual(["cancelled", "cancelled", "cancelled", "cancelled", "cancelled"]);
    // Nothing more happens on the next tick.
    const requests = h.stub.requests.length;
    await h.scheduler("instance-a").tick();
    expect(h.stub.requests.length).toBe(requests);
  });

  it("when two scheduler instances sync at the same moment, then each meeting is created once", async () => {
    const cohorts = await activeCohorts(h);
    const [a, b] = await Promise.all([h.sync("instance-a").run(cohorts), h.sync("instance-b").run(cohorts)]);
    expect(h.cohortEvents()).toHaveLength(5);
    expect(h.calendar.creations).toBe(h.calendar.events.length);
    expect(a.created + b.created).toBe(h.calendar.events.length);
    // A later pass by either finds nothing to do.
    await h.sync("instance-b").run(await activeCohorts(h));
    expect(h.calendar.events).toHaveLength(a.created + b.created);
  });

  it("when an instance died after Graph created the event but before recording it, then the next instance's retry reuses Graph's transaction id and no second event appears", async () => {
    // The dead instance's claim, and the event it managed to create in Graph.
    const transactionId = transactionIdOf(TENANT, COHORT, "kickoff", 1);
    await h.server.repos.meetings.createIfAbsent({ tenantId: TENANT, cohortId: COHORT, key: "kickoff", state: "creating", kind: "kickoff", sessionNumber: 1, title: "Kick-off", startsAt: "2026-03-09T09:30:00.000Z", endsAt: "2026-03-09T10:15:00.000Z", organizerId: facilitators[0]!.aadObjectId, generation: 1, transactionId, claimedBy: "instance-dead", claimExpiresAt: "2026-03-02T08:01:00.000Z", updatedAt: NOW });
    await createMeetingCalendar(new GraphClient({ baseUrl: h.stub.baseUrl, tokens: standInTokens })).createMeeting(TENANT, facilitators[0]!.aadObjectId, { subject: `${SUBJECT}Kick-off`, bodyText: "x", timeZone: "Europe/London", startsAt: "2026-03-09T09:30:00.000Z", endsAt: "2026-03-09T10:15:00.000Z", attendeeIds: [] }, transactionId);
    // While its claim holds, nobody touches it.
    await h.sync("instance-b").run(await activeCohorts(h));
    expect(h.cohortEvents().filter((e) => e.subject.endsWith("Kick-off"))).toHaveLength(1);
    expect((await h.server.repos.meetings.listByCohort(TENANT, COHORT)).find((m) => m.key === "kickoff")!.state).toBe("creating");
    // After it expires, the retry returns the same event.
    h.server.clock.advance(5 * 60_000);
    await h.sync("instance-b").run(await activeCohorts(h));
    const kickoffs = h.cohortEvents().filter((e) => e.subject.endsWith("Kick-off"));
    expect(kickoffs).toHaveLength(1);
    const stored = (await h.server.repos.meetings.listByCohort(TENANT, COHORT)).find((m) => m.key === "kickoff")!;
    expect(stored).toMatchObject({ state: "scheduled", eventId: kickoffs[0]!.id, joinUrl: kickoffs[0]!.joinUrl });
  });

  it("when the stand-in answers 429 with Retry-After, then the creation is retried after that wait (on the test's clock) and succeeds", async () => {
    h.stub.throttleNext(`/v1.0/users/${facilitators[0]!.aadObjectId}/events`, 7, 1);
    const before = h.server.clock.now().getTime();
    await h.scheduler("instance-a").tick();
    expect(h.slept).toContain(7000);
    expect(h.server.clock.now().getTime() - before).toBeGreaterThanOrEqual(7000);
    expect(h.cohortEvents()).toHaveLength(5);
    expect(h.stub.requests.filter((r) => r.method === "POST" && r.path.startsWith(`/v1.0/users/${facilitators[0]!.aadObjectId}/events`))).toHaveLength(6);
  });

  it("when the tenant has not consented (403), then nothing is created, the tenant is recorded as not consented and the timeline says so", async () => {
    h.stub.refuse(TENANT, "/v1.0/users");
    await h.scheduler("instance-a").tick();
    expect(h.calendar.events).toHaveLength(0);
    expect(await h.server.repos.meetings.getStatus(TENANT)).toMatchObject({ state: "not-consented" });
    const facilitator = { tenantId: TENANT, userId: facilitators[0]!.aadObjectId, displayName: facilitators[0]!.name };
    const timeline = await (await apiAs(h.server, facilitator)).get(apiRoutes.timeline.url({ cohortId: COHORT }));
    expect(timeline.body.liveSessions).toBe("not-consented");
    // Consent granted: within the hour it is not asked again; after it, the meetings are created.
    h.stub.refuse(TENANT, "/v1.0/users", false);
    await h.scheduler("instance-a").tick();
    expect(h.calendar.events).toHaveLength(0);
    h.server.clock.advance(61 * 60_000);
    await h.scheduler("instance-a").tick();
    expect(h.cohortEvents()).toHaveLength(5);
    expect(await h.server.repos.meetings.getStatus(TENANT)).toMatchObject({ state: "on" });
  });
});
