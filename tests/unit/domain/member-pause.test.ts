/**
 * "I'm on leave": a member's pause moves only their own remaining cards by whole weeks, in the
 * cohort's local time (across the UK's change to summer time on 29 March 2026 and the Easter
 * Monday holiday on 6 April), and "I'm back" ends it early.
 */
import { ManualClock } from "../../../bot/src/domain/clock";
import { ValidationError } from "../../../bot/src/domain/errors";
import { activePause, endPause, ownTimeline, pausedUntil, shiftForPauses, startPause, weeksShifted } from "../../../bot/src/domain/member-pause";
import { buildTimeline } from "../../../bot/src/domain/timeline";
import { getBuiltInTrack } from "../../../bot/src/domain/tracks";
import type { Cohort, Membership, TimelineEvent } from "../../../bot/src/domain/types";

const finance = getBuiltInTrack("finance")!;
/** Session 1 on Monday 16 March 2026 (GMT); session 3 on 30 March is after the clocks go forward. */
const cohort: Pick<Cohort, "startDate" | "timeZone" | "localTime" | "workingDays" | "holidays" | "createdAt"> = {
  startDate: "2026-03-16",
  timeZone: "Europe/London",
  localTime: "09:30",
  holidays: ["2026-04-06"],
  createdAt: "2026-03-01T09:00:00.000Z",
};
const timeline = buildTimeline(cohort, finance);
const byKey = (events: TimelineEvent[]) => Object.fromEntries(events.map((e) => [e.key, e]));
const member = (pauses?: Membership["pauses"]): Pick<Membership, "joinedAt" | "pauses"> => ({ joinedAt: "2026-03-01T09:00:00.000Z", ...(pauses ? { pauses } : {}) });
/** Tuesday 24 March, 12:00 GMT: after session 2's brief and its check-in went out. */
const pausedAt = new ManualClock("2026-03-24T12:00:00.000Z");

describe("a member's pause", () => {
  it("when a member snoozes a week, then only what was still ahead of them moves a week, at 09:30 local across the clock change, and off the holiday", () => {
    const pauses = startPause(undefined, 1, pausedAt.now(), cohort.timeZone)!;
    const own = byKey(ownTimeline(timeline, member(pauses), cohort));
    const cohortEvents = byKey(timeline);

    // Already sent: stays where it was.
    expect(own["s2.learn"]).toEqual(cohortEvents["s2.learn"]);
    expect(own["s2.checkin"]!.dueAt).toBe(cohortEvents["s2.checkin"]!.dueAt);
    // …but the check-in they were sent before leaving stays open a week longer.
    expect(own["s2.checkin"]).toMatchObject({ closesOn: "2026-04-02", closesAt: "2026-04-02T08:30:00.000Z" });
    // Ahead of them: a week later, 09:30 BST (08:30 UTC) after the change.
    expect(cohortEvents["s2.checkin-reminder"]).toMatchObject({ localDate: "2026-03-25", dueAt: "2026-03-25T09:30:00.000Z" });
    expect(own["s2.checkin-reminder"]).toMatchObject({ localDate: "2026-04-01", localTime: "09:30", dueAt: "2026-04-01T08:30:00.000Z" });
    // Session 3 (Monday 30 March) lands on Easter Monday: the next working day instead.
    expect(own["s3.learn"]).toMatchObject({ localDate: "2026-04-07", localTime: "09:30", dueAt: "2026-04-07T08:30:00.000Z" });
    expect(own["s4.learn"]!.localDate).toBe("2026-04-14");
    // The order of the member's programme is kept.
    const dues = ownTimeline(timeline, member(pauses), cohort).map((e) => e.dueAt);
    expect([...dues].sort()).toEqual(dues);
  });

  it("when one member pauses, then another member's timeline is the cohort's, unchanged", () => {
    const pauses = startPause(undefined, 2, pausedAt.now(), cohort.timeZone)!;
    expect(ownTimeline(timeline, member(), cohort)).toEqual(timeline);
    expect(ownTimeline(timeline, member(pauses), cohort)).not.toEqual(timeline);
  });

  it("when a member is paused, then they are shown paused until the day it ends, and not after", () => {
    const pauses = startPause(undefined, 2, pausedAt.now(), cohort.timeZone)!;
    const clock = new ManualClock(pausedAt.now());
    expect(pausedUntil(pauses, clock.now(), cohort.timeZone)).toBe("2026-04-07");
    clock.set("2026-04-07T10:59:59.000Z");
    expect(pausedUntil(pauses, clock.now(), cohort.timeZone)).toBe("2026-04-07");
    clock.set("2026-04-07T11:00:00.000Z"); // two local weeks after 12:00 GMT is 12:00 BST
    expect(pausedUntil(pauses, clock.now(), cohort.timeZone)).toBeUndefined();
  });

  it("when the member asks again while paused (a double click), then nothing changes", () => {
    const pauses = startPause(undefined, 1, pausedAt.now(), cohort.timeZone)!;
    expect(startPause(pauses, 1, new Date(pausedAt.now().getTime() + 500), cohort.timeZone)).toBeUndefined();
    expect(startPause(pauses, 3, new Date("2026-03-26T09:00:00.000Z"), cohort.timeZone)).toBeUndefined();
  });

  it("when the weeks are not 1 to 4, then it is refused on the weeks field", () => {
    for (const weeks of [0, 5, 1.5, Number.NaN]) {
      expect(() => startPause(undefined, weeks, pausedAt.now(), cohort.timeZone)).toThrow(ValidationError);
    }
    try {
      startPause(undefined, 9, pausedAt.now(), cohort.timeZone);
    } catch (err) {
      expect((err as ValidationError).issues?.[0]?.field).toBe("weeks");
    }
  });

  it("when the member comes back after ten days of a two-week pause, then their programme moves one week, not two", () => {
    const pauses = startPause(undefined, 2, pausedAt.now(), cohort.timeZone)!;
    const back = endPause(pauses, new Date("2026-04-03T09:00:00.000Z"), cohort.timeZone)!;
    expect(weeksShifted(back[0]!, cohort.timeZone)).toBe(1);
    expect(activePause(back, new Date("2026-04-03T09:00:01.000Z"), cohort.timeZone)).toBeUndefined();
    expect(byKey(shiftForPauses(timeline, back, cohort))["s4.learn"]!.localDate).toBe("2026-04-14");
    // Saying it twice changes nothing more.
    expect(endPause(back, new Date("2026-04-03T09:00:02.000Z"), cohort.timeZone)).toBeUndefined();
  });

  it("when the member undoes a pause the same day, then nothing of theirs moves", () => {
    const pauses = startPause(undefined, 1, pausedAt.now(), cohort.timeZone)!;
    const back = endPause(pauses, new Date("2026-03-24T12:05:00.000Z"), cohort.timeZone)!;
    expect(ownTimeline(timeline, member(back), cohort)).toEqual(timeline);
  });

  it("when a member pauses twice, then each pause moves what was still ahead of it", () => {
    const first = startPause(undefined, 1, pausedAt.now(), cohort.timeZone)!;
    const second = startPause(first, 1, new Date("2026-04-08T12:00:00.000Z"), cohort.timeZone)!;
    const own = byKey(ownTimeline(timeline, member(second), cohort));
    expect(own["s3.learn"]!.localDate).toBe("2026-04-07");
    expect(own["s4.learn"]!.localDate).toBe("2026-04-21");
  });
});
