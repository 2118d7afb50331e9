/**
 * The check-in on session n falls in the gap before session n+1: it closes the track's gap in
 * working days before the next session, with at most one reminder the working day before, so
 * what members report can reach facilitators before they meet again.
 */
import { buildTimeline, eventsDueBy } from "../../../bot/src/domain/timeline";
import { getBuiltInTrack } from "../../../bot/src/domain/tracks";
import type { Cohort, TimelineEvent, Track } from "../../../bot/src/domain/types";

const finance = getBuiltInTrack("finance")!;
/** Session 1 on Monday 23 March 2026; the UK clocks go forward on Sunday 29 March. */
const london: Pick<Cohort, "startDate" | "timeZone" | "localTime" | "workingDays" | "holidays"> = { startDate: "2026-03-23", timeZone: "Europe/London", localTime: "09:30" };
const byKey = (events: TimelineEvent[]) => Object.fromEntries(events.map((e) => [e.key, e]));
const withCadence = (gapWorkingDays: number, reminder: boolean): Track => ({ ...finance, checkInCadence: { gapWorkingDays, reminder } });

describe("the check-in cadence", () => {
  it("when a track keeps the default, then check-in n closes two working days before session n+1 and the reminder comes the working day before it closes", () => {
    const e = byKey(buildTimeline(london, finance));
    expect(e["s2.learn"]).toMatchObject({ localDate: "2026-03-30" });
    expect(e["s1.checkin"]).toMatchObject({ localDate: "2026-03-24", closesOn: "2026-03-26", closesAt: "2026-03-26T09:30:00.000Z" });
    expect(e["s1.checkin-reminder"]).toMatchObject({ localDate: "2026-03-25", localTime: "09:30" });
    for (const n of [1, 2, 3]) {
      const closes = new Date(e[`s${n}.checkin`]!.closesAt!).getTime();
      expect(closes).toBeLessThan(new Date(e[`s${n + 1}.learn`]!.dueAt).getTime());
      expect(new Date(e[`s${n}.checkin`]!.dueAt).getTime()).toBeGreaterThan(new Date(e[`s${n}.learn`]!.dueAt).getTime());
    }
  });

  it("when the clocks go forward between sessions, then the check-in still opens, is reminded and closes at 09:30 local", () => {
    const e = byKey(buildTimeline(london, finance));
    // Session 2 is on 30 March, after the change: an hour earlier in UTC.
    expect(e["s2.checkin"]).toMatchObject({ localDate: "2026-03-31", dueAt: "2026-03-31T08:30:00.000Z", closesOn: "2026-04-02", closesAt: "2026-04-02T08:30:00.000Z" });
    expect(e["s2.checkin-reminder"]).toMatchObject({ localDate: "2026-04-01", dueAt: "2026-04-01T08:30:00.000Z" });
  });

  it("when the clocks go back in New York (1 November 2026), then the gap is still counted in local working days", () => {
    const e = byKey(buildTimeline({ startDate: "2026-10-26", timeZone: "America/New_York", localTime: "10:00" }, finance));
    expect(e["s1.checkin"]).toMatchObject({ closesOn: "2026-10-29", closesAt: "2026-10-29T14:00:00.000Z" });
    expect(e["s2.checkin"]).toMatchObject({ localDate: "2026-11-03", closesOn: "2026-11-05", closesAt: "2026-11-05T15:00:00.000Z" });
  });

  it("when a holiday falls in the gap, then it is not counted: the check-in closes two working days before the next session", () => {
    // Good Friday 3 April 2026 and Easter Monday 6 April: session 3 moves to Tuesday 7 April.
    const e = byKey(buildTimeline({ ...london, holidays: ["2026-04-03", "2026-04-06"] }, finance));
    expect(e["s3.learn"]!.localDate).toBe("2026-04-07");
    expect(e["s2.checkin"]).toMatchObject({ localDate: "2026-03-31", closesOn: "2026-04-01" });
    // The reminder would fall on the day the check-in opens: one card is enough.
    expect(e["s2.checkin-reminder"]).toBeUndefined();
    expect(e["s3.checkin"]).toMatchObject({ localDate: "2026-04-08", closesOn: "2026-04-09" });
    expect(e["s4.learn"]!.localDate).toBe("2026-04-13");
  });

  it("when a track sets a one-day gap and no reminder, then the check-in closes the working day before the next session and nothing reminds", () => {
    const events = buildTimeline(london, withCadence(1, false));
    const e = byKey(events);
    expect(e["s1.checkin"]).toMatchObject({ localDate: "2026-03-24", closesOn: "2026-03-27" });
    expect(events.filter((x) => x.kind === "checkin-reminder")).toEqual([]);
  });

  it("when a track sets a three-day gap, then the check-in closes three working days before the next session, reminded the day before", () => {
    const e = byKey(buildTimeline(london, withCadence(3, true)));
    expect(e["s1.checkin"]).toMatchObject({ localDate: "2026-03-24", closesOn: "2026-03-25" });
    expect(e["s1.checkin-reminder"]).toBeUndefined();
    const four = byKey(buildTimeline({ ...london, workingDays: [1, 2, 3, 4, 5, 6] }, withCadence(3, true)));
    expect(four["s1.checkin"]).toMatchObject({ localDate: "2026-03-24", closesOn: "2026-03-26" });
    expect(four["s1.checkin-reminder"]).toMatchObject({ localDate: "2026-03-25" });
  });

  it("when a track asks for a gap longer than the week allows, then the check-in is still open a working day before it closes", () => {
    const e = byKey(buildTimeline(london, withCadence(10, true)));
    expect(e["s1.checkin"]).toMatchObject({ localDate: "2026-03-24", closesOn: "2026-03-25" });
  });

  it("when the timeline is read in order, then week 0's policy and baseline come first, and each check-in comes between its session and the next", () => {
    const kinds = buildTimeline(london, finance).map((e) => e.key);
    expect(kinds.slice(0, 2)).toEqual(["policy", "adoption.w0"]);
    expect(kinds.slice(2, 11)).toEqual(["s1.learn", "s1.apply", "s1.checkin", "s1.checkin-reminder", "s2.learn", "s2.apply", "s2.checkin", "s2.checkin-reminder", "s3.learn"]);
  });

  it("when the clock stands on the day before the check-in closes, then the reminder is due and the next session is not", () => {
    const timeline = buildTimeline(london, finance);
    const due = eventsDueBy(timeline, new Date("2026-03-25T10:00:00.000Z")).map((e) => e.key);
    expect(due).toContain("s1.checkin-reminder");
    expect(due).not.toContain("s2.learn");
    expect(eventsDueBy(timeline, new Date("2026-03-25T09:00:00.000Z")).map((e) => e.key)).not.toContain("s1.checkin-reminder");
  });
});
