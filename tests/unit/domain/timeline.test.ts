import { ValidationError } from "../../../bot/src/domain/errors";
import { buildTimeline, programmeWeek } from "../../../bot/src/domain/timeline";
import { getBuiltInTrack } from "../../../bot/src/domain/tracks";
import type { Cohort, TimelineEvent } from "../../../bot/src/domain/types";

const track = getBuiltInTrack("finance")!;
const base: Pick<Cohort, "startDate" | "timeZone" | "localTime" | "workingDays" | "holidays"> = { startDate: "2026-03-02", timeZone: "Europe/London", localTime: "09:30" };
const byKey = (events: TimelineEvent[]) => Object.fromEntries(events.map((e) => [e.key, e]));

describe("a cohort's timeline", () => {
  it("when a London cohort starts on Monday 2 March 2026, then session 1's brief and apply card are due that day at 09:30 local", () => {
    const e = byKey(buildTimeline(base, track));
    expect(e["s1.learn"]).toMatchObject({ localDate: "2026-03-02", localTime: "09:30", dueAt: "2026-03-02T09:30:00.000Z", week: 1 });
    expect(e["s1.apply"]!.dueAt).toBe(e["s1.learn"]!.dueAt);
  });

  it("when the clocks go forward (29 March 2026), then events stay at 09:30 local, an hour earlier in UTC", () => {
    const e = byKey(buildTimeline(base, track));
    expect(e["s4.learn"]).toMatchObject({ localDate: "2026-03-23", dueAt: "2026-03-23T09:30:00.000Z" });
    expect(e["adoption.w8"]).toMatchObject({ localDate: "2026-04-22", localTime: "09:30", dueAt: "2026-04-22T08:30:00.000Z" });
  });

  it("when a New York cohort crosses its DST change (8 March 2026), then the local hour is kept", () => {
    const e = byKey(buildTimeline({ ...base, timeZone: "America/New_York", localTime: "10:00" }, track));
    expect(e["s1.learn"]!.dueAt).toBe("2026-03-02T15:00:00.000Z");
    expect(e["s2.learn"]!.dueAt).toBe("2026-03-09T14:00:00.000Z");
  });

  it("when the start date is a weekend, then week 1 begins on the next working day", () => {
    const e = byKey(buildTimeline({ ...base, startDate: "2026-02-28" }, track));
    expect(e["s1.learn"]!.localDate).toBe("2026-03-02");
  });

  it("when a session day is a public holiday, then it moves to the next working day", () => {
    const e = byKey(buildTimeline({ ...base, startDate: "2026-03-30", holidays: ["2026-04-06"] }, track));
    expect(e["s2.learn"]!.localDate).toBe("2026-04-07");
  });

  it("when the week-0 events are computed, then policy and baseline fall on the last working day before the start", () => {
    const e = byKey(buildTimeline(base, track));
    expect(e["policy"]).toMatchObject({ localDate: "2026-02-27", week: 0, kind: "policy" });
    expect(e["adoption.w0"]).toMatchObject({ localDate: "2026-02-27", kind: "baseline", adoptionWeek: 0 });
  });

  it("when check-ins are computed, then each session's check-in opens the day after it and closes two working days before the next, with one reminder the day before", () => {
    const events = buildTimeline(base, track);
    expect(events.filter((e) => e.kind === "checkin").map((e) => e.week)).toEqual([1, 2, 3, 4]);
    const e = byKey(events);
    expect(e["s1.checkin"]).toMatchObject({ localDate: "2026-03-03", closesOn: "2026-03-05", closesAt: "2026-03-05T09:30:00.000Z" });
    expect(e["s1.checkin-reminder"]).toMatchObject({ localDate: "2026-03-04", closesOn: "2026-03-05" });
    expect(events.filter((x) => x.kind === "checkin-reminder")).toHaveLength(4);
  });

  it("when adoption checks are computed, then they fall mid-week in weeks 4 and 8", () => {
    const e = byKey(buildTimeline(base, track));
    expect(e["adoption.w4"]).toMatchObject({ localDate: "2026-03-25", week: 4 });
    expect(e["adoption.w8"]).toMatchObject({ localDate: "2026-04-22", week: 8, dueAt: "2026-04-22T08:30:00.000Z" });
  });

  it("when two events share a moment, then the brief comes before the apply card", () => {
    const keys = buildTimeline(base, track).map((e) => e.key);
    expect(keys.indexOf("s2.learn")).toBeLessThan(keys.indexOf("s2.apply"));
    expect(keys.indexOf("s1.checkin")).toBeLessThan(keys.indexOf("s2.learn"));
  });

  it("when the time zone is not a real zone, then a validation error names the field", () => {
    expect(() => buildTimeline({ ...base, timeZone: "Mars/Olympus" }, track)).toThrow(ValidationError);
    try {
      buildTimeline({ ...base, timeZone: "Mars/Olympus" }, track);
    } catch (err) {
      expect((err as ValidationError).issues[0]!.field).toBe("timeZone");
    }
  });

  it("when the start date or time is malformed, then a validation error is raised", () => {
    expect(() => buildTimeline({ ...base, startDate: "02/03/2026" }, track)).toThrow(/startDate/);
    expect(() => buildTimeline({ ...base, localTime: "9.30" }, track)).toThrow(ValidationError);
  });

  it("when the programme week is asked for, then it is 0 before the start and counts weeks after", () => {
    expect(programmeWeek(base, new Date("2026-03-01T12:00:00Z"))).toBe(0);
    expect(programmeWeek(base, new Date("2026-03-02T08:00:00Z"))).toBe(1);
    expect(programmeWeek(base, new Date("2026-03-16T08:00:00Z"))).toBe(3);
  });
});
