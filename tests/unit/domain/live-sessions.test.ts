import { ValidationError } from "../../../bot/src/domain/errors";
import { defaultLiveSessions, meetingForSession, meetingSignature, planLiveSessions, type LiveSessionPlanInput } from "../../../bot/src/domain/live-sessions";
import { getBuiltInTrack } from "../../../bot/src/domain/tracks";
import type { PlannedMeeting } from "../../../bot/src/domain/live-sessions";

const track = getBuiltInTrack("finance")!;
// Starts Monday 9 March 2026: sessions 3 and 4 fall either side of the UK's clocks going forward (29 March).
const cohort: LiveSessionPlanInput["cohort"] = {
  name: "Finance spring",
  kind: "team",
  startDate: "2026-03-09",
  timeZone: "Europe/London",
  localTime: "09:30",
  facilitatorIds: ["fac-1", "fac-2"],
};
const members = Array.from({ length: 12 }, (_, i) => `member-${String(i + 1).padStart(2, "0")}`);
const byKey = (meetings: PlannedMeeting[]) => Object.fromEntries(meetings.map((m) => [m.key, m]));

describe("a cohort's live sessions", () => {
  it("when a track has no live sessions of its own, then it has a kick-off in week 1 and a clinic after each session's reflect phase", () => {
    expect(defaultLiveSessions(track).map((d) => [d.key, d.kind, d.week, d.durationMinutes])).toEqual([
      ["kickoff", "kickoff", 1, 45],
      ["clinic.s1", "clinic", 1, 45],
      ["clinic.s2", "clinic", 2, 45],
      ["clinic.s3", "clinic", 3, 45],
      ["clinic.s4", "clinic", 4, 45],
    ]);
  });

  it("when a London cohort's meetings straddle the late-March clock change, then each starts at 09:30 local: 09:30 UTC before, 08:30 UTC after", () => {
    const m = byKey(planLiveSessions({ cohort, track, memberIds: members }));
    // Kick-off on session 1's day, for 45 minutes.
    expect(m["kickoff"]).toMatchObject({ localDate: "2026-03-09", localTime: "09:30", startsAt: "2026-03-09T09:30:00.000Z", endsAt: "2026-03-09T10:15:00.000Z", sessionNumber: 1 });
    // Session 1's check-in closes Thursday 12 March (two working days before session 2): the clinic is on Friday.
    expect(m["clinic.s1"]).toMatchObject({ localDate: "2026-03-13", startsAt: "2026-03-13T09:30:00.000Z" });
    // Friday 27 March is still GMT; Friday 3 April is BST (UTC+1).
    expect(m["clinic.s3"]).toMatchObject({ localDate: "2026-03-27", localTime: "09:30", startsAt: "2026-03-27T09:30:00.000Z", endsAt: "2026-03-27T10:15:00.000Z" });
    expect(m["clinic.s4"]).toMatchObject({ localDate: "2026-04-03", localTime: "09:30", startsAt: "2026-04-03T08:30:00.000Z", endsAt: "2026-04-03T09:15:00.000Z" });
    expect(m["kickoff"]!.subject).toBe("Finance spring: Kick-off");
  });

  it("when the organisation's calendar has Easter holidays, then the cohort inherits them and the last clinic falls on the working day before the break", () => {
    const m = byKey(planLiveSessions({ cohort: { ...cohort, tenantCalendar: { workingDays: [1, 2, 3, 4, 5], holidays: ["2026-04-03", "2026-04-06"] } }, track, memberIds: members }));
    // Good Friday and Easter Monday are off: session 4's check-in closes Wednesday 1 April, the clinic is on Thursday.
    expect(m["clinic.s4"]).toMatchObject({ localDate: "2026-04-02", startsAt: "2026-04-02T08:30:00.000Z" });
    // The cohort's own holidays win over the organisation's.
    const own = byKey(planLiveSessions({ cohort: { ...cohort, holidays: [], tenantCalendar: { workingDays: [1, 2, 3, 4, 5], holidays: ["2026-04-03"] } }, track, memberIds: members }));
    expect(own["clinic.s4"]!.localDate).toBe("2026-04-03");
  });

  it("when a cohort works Monday to Thursday, then no meeting falls on a Friday", () => {
    const meetings = planLiveSessions({ cohort: { ...cohort, workingDays: [1, 2, 3, 4] }, track, memberIds: members });
    expect(meetings).toHaveLength(5);
    for (const meeting of meetings) expect(new Date(`${meeting.localDate}T12:00:00Z`).getUTCDay()).not.toBe(5);
    // Session 1's check-in closes Wednesday 11 March (two working days before Monday 16): the clinic is on Thursday.
    expect(byKey(meetings)["clinic.s1"]!.localDate).toBe("2026-03-12");
  });

  it("when a team cohort has a leadership cohort, then its leaders are invited to the kick-off and not to the clinics", () => {
    const m = byKey(planLiveSessions({ cohort, track, memberIds: members, leaderIds: ["leader-1", "leader-2", "member-01"] }));
    expect(m["kickoff"]!.attendeeIds).toEqual([...new Set(["fac-1", "fac-2", "leader-1", "leader-2", ...members])].sort());
    expect(m["clinic.s1"]!.attendeeIds).toEqual(["fac-1", "fac-2", ...members].sort());
    expect(m["kickoff"]!.organizerId).toBe("fac-1");
  });

  it("when a leadership cohort is planned, then no extra leaders are invited", () => {
    const m = byKey(planLiveSessions({ cohort: { ...cohort, kind: "leadership" }, track, memberIds: members, leaderIds: ["leader-1"] }));
    expect(m["kickoff"]!.attendeeIds).not.toContain("leader-1");
  });

  it("when a track sets its own live sessions and times, then those are planned (a track with [] has none)", () => {
    const custom = { ...track, liveSessions: [{ key: "clinic.mid", kind: "clinic" as const, week: 2, title: "Mid-point clinic", durationMinutes: 60, localTime: "14:00" }] };
    const meetings = planLiveSessions({ cohort, track: custom, memberIds: members });
    expect(meetings).toEqual([expect.objectContaining({ key: "clinic.mid", localDate: "2026-03-20", localTime: "14:00", startsAt: "2026-03-20T14:00:00.000Z", endsAt: "2026-03-20T15:00:00.000Z" })]);
    expect(planLiveSessions({ cohort, track: { ...track, liveSessions: [] }, memberIds: members })).toEqual([]);
  });

  it("when a track's live session names a week with no session, then it is refused field by field", () => {
    const bad = { ...track, liveSessions: [{ key: "kickoff", kind: "kickoff" as const, week: 9, title: "Kick-off", durationMinutes: 5 }] };
    expect(() => planLiveSessions({ cohort, track: bad, memberIds: members })).toThrow(ValidationError);
    try {
      planLiveSessions({ cohort, track: bad, memberIds: members });
    } catch (err) {
      expect((err as ValidationError).issues.map((i) => i.field)).toEqual(["liveSessions[0].week", "liveSessions[0].durationMinutes"]);
    }
  });

  it("when a cohort has no facilitator, then nobody's calendar can hold its meetings: none are planned", () => {
    expect(planLiveSessions({ cohort: { ...cohort, facilitatorIds: [] }, track, memberIds: members })).toEqual([]);
  });

  it("when the start date moves or a member joins, then the meeting's signature changes; otherwise it stays the same", () => {
    const before = byKey(planLiveSessions({ cohort, track, memberIds: members }));
    const same = byKey(planLiveSessions({ cohort, track, memberIds: [...members].reverse() }));
    const moved = byKey(planLiveSessions({ cohort: { ...cohort, startDate: "2026-03-16" }, track, memberIds: members }));
    const joined = byKey(planLiveSessions({ cohort, track, memberIds: [...members, "member-13"] }));
    expect(meetingSignature(same["kickoff"]!)).toBe(meetingSignature(before["kickoff"]!));
    expect(meetingSignature(moved["kickoff"]!)).not.toBe(meetingSignature(before["kickoff"]!));
    expect(meetingSignature(joined["kickoff"]!)).not.toBe(meetingSignature(before["kickoff"]!));
  });

  it("when a session's brief looks for its meeting, then it gets that session's first meeting not yet over", () => {
    const meetings = planLiveSessions({ cohort, track, memberIds: members });
    expect(meetingForSession(meetings, 1, new Date("2026-03-09T08:00:00Z"))?.key).toBe("kickoff");
    expect(meetingForSession(meetings, 1, new Date("2026-03-09T10:30:00Z"))?.key).toBe("clinic.s1");
    expect(meetingForSession(meetings, 1, new Date("2026-03-14T00:00:00Z"))).toBeUndefined();
  });
});
