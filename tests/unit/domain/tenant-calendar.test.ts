import { buildTimeline } from "../../../bot/src/domain/timeline";
import { getBuiltInTrack } from "../../../bot/src/domain/tracks";
import type { Cohort, TimelineEvent } from "../../../bot/src/domain/types";
import { calendarOf } from "../../../bot/src/domain/working-days";

const track = getBuiltInTrack("finance")!;
type Schedule = Pick<Cohort, "startDate" | "timeZone" | "localTime" | "workingDays" | "holidays" | "tenantCalendar">;
const byKey = (events: TimelineEvent[]) => Object.fromEntries(events.map((e) => [e.key, e]));
const weekday = (localDate: string) => new Date(`${localDate}T12:00:00Z`).getUTCDay(); // 0 = Sunday

describe("the organisation's calendar", () => {
  it("when a tenant holiday falls on the session day before the clocks go forward, then the session moves to the next working day at the same local time", () => {
    // Friday 27 March 2026 is a holiday; London's clocks go forward on Sunday 29 March.
    const london: Schedule = { startDate: "2026-03-27", timeZone: "Europe/London", localTime: "09:30", tenantCalendar: { workingDays: [1, 2, 3, 4, 5], holidays: ["2026-03-27"] } };
    const e = byKey(buildTimeline(london, track));
    expect(e["s1.learn"]).toMatchObject({ localDate: "2026-03-30", localTime: "09:30", dueAt: "2026-03-30T08:30:00.000Z" });
    expect(e["s1.apply"]!.dueAt).toBe("2026-03-30T08:30:00.000Z");
  });

  it("when a holiday moves an event across the clocks going back, then it keeps its local time and its UTC instant shifts", () => {
    // New York's clocks go back on Sunday 1 November 2026; Friday 30 October is a holiday.
    const ny: Schedule = { startDate: "2026-10-30", timeZone: "America/New_York", localTime: "10:00", tenantCalendar: { workingDays: [1, 2, 3, 4, 5], holidays: ["2026-10-30"] } };
    const e = byKey(buildTimeline(ny, track));
    expect(e["s1.learn"]).toMatchObject({ localDate: "2026-11-02", localTime: "10:00", dueAt: "2026-11-02T15:00:00.000Z" });
  });

  it("when the tenant works Sunday to Thursday, then its cards come on Sunday and never on Friday or Saturday", () => {
    const riyadh: Schedule = { startDate: "2026-02-27", timeZone: "Asia/Riyadh", localTime: "09:00", tenantCalendar: { workingDays: [7, 1, 2, 3, 4], holidays: [] } };
    const events = buildTimeline(riyadh, track);
    const e = byKey(events);
    expect(e["s1.learn"]).toMatchObject({ localDate: "2026-03-01", localTime: "09:00", dueAt: "2026-03-01T06:00:00.000Z" });
    expect(weekday(e["s1.learn"]!.localDate)).toBe(0);
    expect(e["policy"]!.localDate).toBe("2026-02-26"); // the Thursday before
    expect(events.filter((ev) => [5, 6].includes(weekday(ev.localDate)))).toEqual([]);
  });

  it("when a cohort sets its own working days or holidays, then they win over the tenant's, field by field", () => {
    const tenantCalendar = { workingDays: [7, 1, 2, 3, 4], holidays: ["2026-03-02"] };
    expect(calendarOf({ workingDays: [1, 2, 3, 4, 5], tenantCalendar }).workingDays).toEqual([1, 2, 3, 4, 5]);
    expect([...calendarOf({ workingDays: [1, 2, 3, 4, 5], tenantCalendar }).holidays]).toEqual(["2026-03-02"]);
    expect([...calendarOf({ holidays: [], tenantCalendar }).holidays]).toEqual([]);
    const own: Schedule = { startDate: "2026-02-28", timeZone: "Asia/Riyadh", localTime: "09:00", workingDays: [1, 2, 3, 4, 5], holidays: [], tenantCalendar };
    expect(byKey(buildTimeline(own, track))["s1.learn"]!.localDate).toBe("2026-03-02");
  });

  it("when neither the tenant nor the cohort sets a calendar, then it is Monday to Friday with no holidays", () => {
    expect(calendarOf({})).toEqual({ workingDays: [1, 2, 3, 4, 5], holidays: new Set() });
  });
});
