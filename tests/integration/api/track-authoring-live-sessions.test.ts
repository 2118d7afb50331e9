/**
 * A track's live sessions, authored over HTTP as the tab does it: an admin copies the finance
 * track (on the defaults), saves it with a list of its own (a longer kick-off at 10:00 with the
 * CFO, one clinic in week 2), reads it back, and a cohort pinned to that version plans exactly those
 * Teams meetings; saving "none" stores `[]`; a week the track has no session for is refused on
 * `liveSessions[0].week` with nothing stored; the version diff says what moved. Real service, real
 * embedded Cosmos; only the sign-in is the local stand-in for Entra ID.
 */
import { apiRoutes } from "../../../bot/src/contract/api-routes";
import type { LiveSessionDefinition, TrackContent, TrackDetail, TrackMovePreview } from "../../../bot/src/contract/track-authoring-contract";
import { defaultLiveSessions, planLiveSessions } from "../../../bot/src/domain/live-sessions";
import { getBuiltInTrack } from "../../../bot/src/domain/tracks";
import { trackOfCohort } from "../../../bot/src/usecases/tracks/cohort-track";
import { apiAs, type ApiCaller } from "../../helpers/api-client";
import { person, seedCohort } from "../../helpers/fixtures";
import { startTestServer, type TestServer } from "../../helpers/test-server";

const T = "tenant-track-live-sessions";
const ada = person(1, "Ada Admin");
const megan = person(10, "Megan Bowen");
const member = person(20, "Member One");

const OWN: LiveSessionDefinition[] = [
  { key: "kickoff", kind: "kickoff", week: 1, title: "Kick-off with the CFO", durationMinutes: 60, localTime: "10:00" },
  { key: "clinic.s2", kind: "clinic", week: 2, title: "Clinic: board pack drafts", durationMinutes: 30 },
];

describe("a track's live sessions over HTTP", () => {
  let server: TestServer;
  let admin: ApiCaller;
  let track: TrackDetail;

  beforeAll(async () => {
    server = await startTestServer({ now: "2026-02-20T09:00:00.000Z" });
    admin = await apiAs(server, { tenantId: T, userId: ada.aadObjectId, displayName: ada.name, isAdmin: true });
    track = (await admin.send("POST", apiRoutes.createTrack.url(), { name: "Finance, our way", copyOf: "finance" })).body;
  });
  afterAll(() => server.close());

  const save = (content: TrackContent) => admin.send("PUT", apiRoutes.saveTrack.url({ trackId: track.id }), { content, etag: track.etag });

  it("when a track has no list of its own, then its detail shows the defaults and says so", async () => {
    const read = (await admin.get(apiRoutes.trackDetail.url({ trackId: track.id }))).body as TrackDetail;
    expect(read.content.liveSessions).toBeUndefined();
    expect(read.liveSessionsAreDefaults).toBe(true);
    expect(read.effectiveLiveSessions).toEqual(defaultLiveSessions(getBuiltInTrack("finance")!));
    expect(read.effectiveLiveSessions.map((d) => d.key)).toEqual(["kickoff", ...getBuiltInTrack("finance")!.sessions.map((s) => `clinic.s${s.number}`)]);
  });

  it("when a week is not one of the track's sessions, then the save is refused on liveSessions[0].week in plain words and nothing is stored", async () => {
    const res = await save({ ...track.content, liveSessions: [{ ...OWN[0]!, week: 9 }, OWN[1]!] });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("VALIDATION.INVALID_INPUT");
    expect(res.body.error.issues).toEqual([{ field: "liveSessions[0].week", message: "Live session 1, week: must be the week of one of the track's sessions." }]);
    const stored = await server.repos.tracks.head(T, track.id);
    expect(stored!.version).toBe(1);
    expect(stored!.liveSessions).toBeUndefined();
  });

  it("when a live session's fields are out of range, then each is refused on its own field", async () => {
    const res = await save({ ...track.content, liveSessions: [{ ...OWN[0]!, title: " ", durationMinutes: 5, localTime: "25:00" }, { ...OWN[1]!, key: "kickoff" }] });
    expect(res.status).toBe(400);
    expect(res.body.error.issues).toEqual(expect.arrayContaining([
      { field: "liveSessions[0].title", message: "Live session 1, title: must be 1–120 characters." },
      { field: "liveSessions[0].durationMinutes", message: "Live session 1, length in minutes: must be a whole number of minutes from 15 to 240." },
      { field: "liveSessions[0].localTime", message: "Live session 1, time: must be a time like 14:00." },
      { field: "liveSessions[1].key", message: "Live session 2, key: is used by another live session of this track." },
    ]));
    expect((await server.repos.tracks.head(T, track.id))!.version).toBe(1);
  });

  it("when the admin saves a list of their own, then the track's detail returns it, not the defaults", async () => {
    const res = await save({ ...track.content, liveSessions: OWN });
    expect(res.status).toBe(200);
    expect(res.body.version).toBe(2);
    const read = (await admin.get(apiRoutes.trackDetail.url({ trackId: track.id }))).body as TrackDetail;
    expect(read.content.liveSessions).toEqual(OWN);
    expect(read.effectiveLiveSessions).toEqual(OWN);
    expect(read.liveSessionsAreDefaults).toBe(false);
    track = read;
  });

  it("when a cohort is pinned to that version, then it plans exactly those two meetings, at their own times and lengths", async () => {
    const seeded = await seedCohort(server.repos, { tenantId: T, trackId: track.id, members: [member], facilitators: [megan], serviceUrl: "http://127.0.0.1:9/unused" });
    const cohort = await server.repos.cohorts.update({ ...seeded, trackVersion: 2 }, (await server.repos.cohorts.get(T, seeded.id))!.etag);
    const pinned = await trackOfCohort(server.repos.tracks, cohort);
    const meetings = planLiveSessions({ cohort, track: pinned!, memberIds: [member.aadObjectId] });
    expect(meetings.map((m) => ({ key: m.key, kind: m.kind, sessionNumber: m.sessionNumber, title: m.title, localTime: m.localTime, minutes: (Date.parse(m.endsAt) - Date.parse(m.startsAt)) / 60_000 }))).toEqual([
      { key: "kickoff", kind: "kickoff", sessionNumber: 1, title: "Kick-off with the CFO", localTime: "10:00", minutes: 60 },
      // No time of its own: the cohort's delivery time.
      { key: "clinic.s2", kind: "clinic", sessionNumber: 2, title: "Clinic: board pack drafts", localTime: "09:30", minutes: 30 },
    ]);
    // The kick-off is on session 1's day, the cohort's start date.
    expect(meetings[0]!.localDate).toBe(cohort.startDate);
    expect(meetings[1]!.localDate > meetings[0]!.localDate).toBe(true);
  });

  it("when the admin then chooses no live sessions, then [] is stored, the cohort on version 2 keeps its two, and the move diff names both as removed", async () => {
    const res = await save({ ...track.content, liveSessions: [] });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ version: 3, effectiveLiveSessions: [], liveSessionsAreDefaults: false, content: { liveSessions: [] } });
    expect((await server.repos.tracks.head(T, track.id))!.liveSessions).toEqual([]);
    const cohort = (await server.repos.cohorts.list(T)).find((c) => c.trackId === track.id)!;
    expect(cohort.trackVersion).toBe(2);
    expect(planLiveSessions({ cohort, track: (await trackOfCohort(server.repos.tracks, cohort))!, memberIds: [member.aadObjectId] }).map((m) => m.key)).toEqual(["kickoff", "clinic.s2"]);
    const move = (await admin.get(apiRoutes.trackMove.url({ cohortId: cohort.id }))).body as TrackMovePreview;
    expect(move.diff).toEqual([
      { where: "Live sessions", before: "Kick-off with the CFO: Week 1, on the day of session 1's brief (kick-off), at 10:00, 60 minutes", after: "Removed" },
      { where: "Live sessions", before: "Clinic: board pack drafts: Week 2, after session 2's check-in closes (clinic), at the cohort's delivery time, 30 minutes", after: "Removed" },
    ]);
  });

  it("when the admin goes back to the defaults (the list left out), then the track follows the defaults again", async () => {
    const read = (await admin.get(apiRoutes.trackDetail.url({ trackId: track.id }))).body as TrackDetail;
    const { liveSessions: _none, ...rest } = read.content;
    void _none;
    const res = await admin.send("PUT", apiRoutes.saveTrack.url({ trackId: track.id }), { content: rest, etag: read.etag });
    expect(res.status).toBe(200);
    expect(res.body.liveSessionsAreDefaults).toBe(true);
    expect(res.body.content.liveSessions).toBeUndefined();
    expect((await server.repos.tracks.head(T, track.id))!.liveSessions).toBeUndefined();
  });
});
