/**
 * Pausing a whole cohort: what was still ahead of the pause moves later by the pause rounded up to
 * whole weeks, at the same local time on a working day (the UK's clocks go forward on Sunday
 * 29 March 2026), and resuming continues from where it was.
 */
import { openPause, pauseWeeks, pausedWeeksBy, recordStatusChange, shiftForCohortPauses } from "../../../bot/src/domain/cohort-pause";
import { buildTimeline, eventsDueBy, programmeWeek } from "../../../bot/src/domain/timeline";
import { getBuiltInTrack } from "../../../bot/src/domain/tracks";
import type { Cohort, CohortPause, TimelineEvent } from "../../../bot/src/domain/types";
import { DateTime } from "luxon";

const finance = getBuiltInTrack("finance")!;
type Schedule = Pick<Cohort, "startDate" | "timeZone" | "localTime" | "workingDays" | "holidays" | "tenantCalendar" | "pauses">;
/** Session 1 on Monday 16 March 2026 (GMT); session 3 on Monday 30 March, after the clocks go forward. */
const cohort: Schedule = { startDate: "2026-03-16", timeZone: "Europe/London", localTime: "09:30" };
const byKey = (events: TimelineEvent[]) => Object.fromEntries(events.map((e) => [e.key, e]));
const plusDays = (localDate: string, days: number) => DateTime.fromISO(localDate).plus({ days }).toISODate()!;
const unpaused = buildTimeline(cohort, finance);

describe("pausing a cohort", () => {
  it("when a cohort pauses for two weeks across the clock change, then every later event moves by exactly two weeks at the same local time, and nothing earlier moves", () => {
    // Tuesday 17 March 12:00 GMT to Tuesday 31 March 12:00 BST: two local weeks (14 days less an hour of UTC).
    const pauses: CohortPause[] = [{ from: "2026-03-17T12:00:00.000Z", resumedAt: "2026-03-31T11:00:00.000Z" }];
    const shifted = byKey(buildTimeline({ ...cohort, pauses }, finance));
    for (const before of unpaused) {
      const after = shifted[before.key]!;
      if (before.dueAt <= pauses[0]!.from) {
        expect(after.dueAt).toBe(before.dueAt);
      } else {
        expect({ key: after.key, localDate: after.localDate, localTime: after.localTime }).toEqual({ key: before.key, localDate: plusDays(before.localDate, 14), localTime: "09:30" });
      }
    }
    // Session 2, Monday 23 March 09:30 GMT, becomes Monday 6 April 09:30 BST (08:30 UTC).
    expect(shifted["s2.learn"]).toMatchObject({ localDate: "2026-04-06", localTime: "09:30", dueAt: "2026-04-06T08:30:00.000Z" });
    expect(shifted["s1.learn"]).toEqual(byKey(unpaused)["s1.learn"]);
  });

  it("when a cohort pauses for nine days, then the shift is rounded up to two whole weeks, so sessions keep their weekday and nothing falls due while it was paused", () => {
    // Paused Tuesday 24 March (week 2) at 12:00 GMT, resumed Thursday 2 April at 10:00 BST.
    const pause: CohortPause = { from: "2026-03-24T12:00:00.000Z", resumedAt: "2026-04-02T09:00:00.000Z" };
    expect(pauseWeeks(pause, cohort.timeZone)).toBe(2);
    const timeline = buildTimeline({ ...cohort, pauses: [pause] }, finance);
    const e = byKey(timeline);
    expect(e["s3.learn"]).toMatchObject({ localDate: "2026-04-13", localTime: "09:30" });
    expect(DateTime.fromISO(e["s3.learn"]!.localDate).weekday).toBe(1);
    // The check-in sent on the morning of the pause stays sent, but closes two weeks later.
    const original = byKey(unpaused)["s2.checkin"]!;
    expect(e["s2.checkin"]!.dueAt).toBe(original.dueAt);
    expect(e["s2.checkin"]!.closesOn).toBe(plusDays(original.closesOn!, 14));
    // Nothing is due inside the pause.
    const during = timeline.filter((x) => x.dueAt > pause.from && x.dueAt <= pause.resumedAt!);
    expect(during).toEqual([]);
    // Still in time order.
    const dues = timeline.map((x) => x.dueAt);
    expect([...dues].sort()).toEqual(dues);
  });

  it("when the cohort resumes on a public holiday, then the session waiting for it comes on the next working day at the same local time", () => {
    // Paused Monday 30 March 09:00 BST, before session 3's 09:30 brief; resumed Monday 13 April 09:00 BST, a holiday.
    const pauses: CohortPause[] = [{ from: "2026-03-30T08:00:00.000Z", resumedAt: "2026-04-13T08:00:00.000Z" }];
    const e = byKey(buildTimeline({ ...cohort, holidays: ["2026-04-13"], pauses }, finance));
    expect(e["s3.learn"]).toMatchObject({ localDate: "2026-04-14", localTime: "09:30", dueAt: "2026-04-14T08:30:00.000Z" });
    expect(e["s3.apply"]).toMatchObject({ localDate: "2026-04-14", localTime: "09:30" });
    // An organisation holiday counts the same way.
    const fromTenant = byKey(buildTimeline({ ...cohort, tenantCalendar: { workingDays: [1, 2, 3, 4, 5], holidays: ["2026-04-13"] }, pauses }, finance));
    expect(fromTenant["s3.learn"]!.localDate).toBe("2026-04-14");
  });

  it("when a cohort pauses twice, then each pause moves what was still ahead of it: later events by both", () => {
    const first: CohortPause = { from: "2026-03-24T12:00:00.000Z", resumedAt: "2026-04-02T09:00:00.000Z" }; // 9 days: 2 weeks
    // Second pause: Wednesday 22 April (after session 4's brief, now on Monday 20 April) for three days: 1 week.
    const second: CohortPause = { from: "2026-04-22T11:00:00.000Z", resumedAt: "2026-04-25T11:00:00.000Z" };
    const e = byKey(buildTimeline({ ...cohort, pauses: [second, first] }, finance));
    const u = byKey(unpaused);
    expect(e["s3.learn"]!.localDate).toBe(plusDays(u["s3.learn"]!.localDate, 14));
    expect(e["s4.learn"]!.localDate).toBe(plusDays(u["s4.learn"]!.localDate, 14));
    expect(e["adoption.w8"]!.localDate).toBe(plusDays(u["adoption.w8"]!.localDate, 21));
    expect(e["adoption.w8"]!.localTime).toBe("09:30");
  });

  it("when a cohort is paused before it starts, then the whole programme, the policy first, moves", () => {
    const pauses: CohortPause[] = [{ from: "2026-03-01T10:00:00.000Z", resumedAt: "2026-03-11T10:00:00.000Z" }]; // 10 days: 2 weeks
    const e = byKey(buildTimeline({ ...cohort, pauses }, finance));
    expect(e["policy"]).toMatchObject({ localDate: "2026-03-27", localTime: "09:30" }); // was Friday 13 March
    expect(e["s1.learn"]).toMatchObject({ localDate: "2026-03-30", localTime: "09:30", dueAt: "2026-03-30T08:30:00.000Z" });
  });

  it("while a cohort is paused, then nothing of what was ahead is due, however long it lasts, and its programme week stands still", () => {
    const pauses: CohortPause[] = [{ from: "2026-03-24T12:00:00.000Z" }];
    const now = new Date("2026-04-15T12:00:00.000Z"); // three weeks and a day in
    const timeline = buildTimeline({ ...cohort, pauses }, finance, now);
    expect(eventsDueBy(timeline, now).every((x) => x.dueAt <= pauses[0]!.from)).toBe(true);
    expect(programmeWeek({ ...cohort, pauses }, now)).toBe(2);
    // Without the time, a running pause still holds everything back at least a week.
    expect(byKey(buildTimeline({ ...cohort, pauses }, finance))["s3.learn"]!.localDate).toBe("2026-04-06");
    expect(pausedWeeksBy(pauses, now, cohort.timeZone)).toEqual({ weeks: 0, frozenAt: new Date(pauses[0]!.from) });
  });

  it("when a cohort has resumed, then its programme week counts only the weeks it ran", () => {
    const pauses: CohortPause[] = [{ from: "2026-03-24T12:00:00.000Z", resumedAt: "2026-04-02T09:00:00.000Z" }];
    // Monday 13 April: session 3 (shifted by two weeks) — week 3, not week 5.
    expect(programmeWeek(cohort, new Date("2026-04-13T10:00:00.000Z"))).toBe(5);
    expect(programmeWeek({ ...cohort, pauses }, new Date("2026-04-13T10:00:00.000Z"))).toBe(3);
  });

  it("when the status changes, then a pause is opened on active → paused, closed on paused → active, and nothing else records one", () => {
    const at = new Date("2026-03-24T12:00:00.000Z");
    const later = new Date("2026-04-02T09:00:00.000Z");
    const opened = recordStatusChange(undefined, "active", "paused", at)!;
    expect(opened).toEqual([{ from: at.toISOString() }]);
    expect(openPause(opened)).toEqual({ from: at.toISOString() });
    expect(recordStatusChange(opened, "paused", "paused", later)).toBeUndefined();
    expect(recordStatusChange(opened, "paused", "active", later)).toEqual([{ from: at.toISOString(), resumedAt: later.toISOString() }]);
    expect(recordStatusChange(undefined, "active", "active", later)).toBeUndefined();
    expect(recordStatusChange(undefined, "active", "archived", later)).toBeUndefined();
    expect(recordStatusChange(undefined, "paused", "active", later)).toBeUndefined();
  });

  it("when a cohort has no pauses, then its timeline is unchanged", () => {
    expect(shiftForCohortPauses(unpaused, undefined, cohort)).toBe(unpaused);
    expect(buildTimeline({ ...cohort, pauses: [] }, finance)).toEqual(unpaused);
  });
});
