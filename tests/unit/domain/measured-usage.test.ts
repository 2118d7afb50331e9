/** Measured Copilot usage: the 28-day windows before weeks 4, 8 and 12, and the report's release rules. */
import { activeWindow, combineMeasured, computeMeasuredUsage, coverageOf, isReadDue, looksConcealed, measuredCohortParts, mergeActivityDates } from "../../../bot/src/domain/measured-usage";

const START = "2026-01-05"; // a Monday: week 4 begins 2026-02-02, week 8 2026-03-02, week 12 2026-03-30
const ALL_DATA = { from: "2025-12-01", through: "2026-04-30" };
const members = (n: number, prefix = "u") => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

describe("measured usage", () => {
  it("when the windows are computed, then each is the 28 days before programme week 4, 8 and 12", () => {
    expect(activeWindow(START, 4)).toEqual({ from: "2026-01-05", to: "2026-02-01" });
    expect(activeWindow(START, 8)).toEqual({ from: "2026-02-02", to: "2026-03-01" });
    expect(activeWindow(START, 12)).toEqual({ from: "2026-03-02", to: "2026-03-29" });
  });

  it("when the cohort paused for 9 days in week 2, then weeks 4, 8 and 12 move two weeks later (as its adoption checks do), and a running pause leaves them unknown", () => {
    const paused = { timeZone: "Europe/London", pauses: [{ from: "2026-01-14T09:00:00.000Z", resumedAt: "2026-01-23T09:00:00.000Z" }] };
    expect(activeWindow(START, 4, paused)).toEqual({ from: "2026-01-19", to: "2026-02-15" });
    expect(activeWindow(START, 12, paused)).toEqual({ from: "2026-03-16", to: "2026-04-12" });
    // A pause that began after week 4 had started moves weeks 8 and 12 only.
    const late = { timeZone: "Europe/London", pauses: [{ from: "2026-02-10T09:00:00.000Z", resumedAt: "2026-02-12T09:00:00.000Z" }] };
    expect(activeWindow(START, 4, late)).toEqual({ from: "2026-01-05", to: "2026-02-01" });
    expect(activeWindow(START, 8, late)).toEqual({ from: "2026-02-09", to: "2026-03-08" });
    expect(activeWindow(START, 8, { pauses: [{ from: "2026-02-10T09:00:00.000Z" }] })).toBeUndefined();

    // The same activity counts for week 4 only once the pause is applied.
    const ids = members(5);
    const activity = new Map(ids.map((u): [string, string[]] => [u, ["2026-02-10"]]));
    const unpaused = measuredCohortParts({ cohortId: "c", startDate: START, memberIds: ids, activity }, ALL_DATA).get(4);
    const shifted = measuredCohortParts({ cohortId: "c", startDate: START, memberIds: ids, activity, ...paused }, ALL_DATA).get(4);
    expect(unpaused).toEqual({ count: 0, of: 5 });
    expect(shifted).toEqual({ count: 5, of: 5 });
  });

  it("when 7 of 10 members were active before week 4 and 5 before week 8, then the released counts are 5 and 5 (in fives), the shares 0.5", () => {
    const ids = members(10);
    const activity = new Map<string, string[]>([
      ...ids.slice(0, 7).map((u): [string, string[]] => [u, ["2026-01-20"]]),
      ...ids.slice(0, 5).map((u): [string, string[]] => [u, ["2026-01-20", "2026-02-10"]]),
      // The day before week 4 begins counts for week 4; the day it begins counts for week 8.
      ["u9", ["2026-02-02"]],
    ]);
    const figures = computeMeasuredUsage([{ cohortId: "c", startDate: START, memberIds: ids, activity }], ALL_DATA);
    const at = (week: number) => figures.weeks.find((w) => w.week === week)!;
    expect(at(4).active).toMatchObject({ suppressed: false, value: 5, n: 10, basis: "rounded-down-count" });
    expect(at(4).share).toMatchObject({ suppressed: false, value: 0.5 });
    expect(at(8).active).toMatchObject({ suppressed: false, value: 5 });
    expect(at(12).active).toMatchObject({ suppressed: false, value: 0 });
  });

  it("when a cohort has fewer than 5 members, then its measured figures are suppressed, even if all were active", () => {
    const ids = members(4);
    const activity = new Map(ids.map((u): [string, string[]] => [u, ["2026-01-20", "2026-02-20", "2026-03-20"]]));
    const figures = computeMeasuredUsage([{ cohortId: "small", startDate: START, memberIds: ids, activity }], ALL_DATA);
    for (const w of figures.weeks) {
      expect(w.active).toEqual({ suppressed: true });
      expect(w.share).toEqual({ suppressed: true });
    }
  });

  it("when 4 of 6 members were active, then the count is released as 0, never 4 (one more person must not show)", () => {
    const ids = members(6);
    const activity = new Map(ids.slice(0, 4).map((u): [string, string[]] => [u, ["2026-01-20"]]));
    const w4 = computeMeasuredUsage([{ cohortId: "c", startDate: START, memberIds: ids, activity }], ALL_DATA).weeks[0]!;
    expect(w4.active).toMatchObject({ suppressed: false, value: 0 });
  });

  it("when two cohorts are rolled up, then the slice adds their released counts: a small cohort adds nothing", () => {
    const a = members(8, "a");
    const b = members(3, "b");
    const activity = new Map([...a.slice(0, 6), ...b].map((u): [string, string[]] => [u, ["2026-01-15"]]));
    const parts = [measuredCohortParts({ cohortId: "A", startDate: START, memberIds: a, activity }, ALL_DATA), measuredCohortParts({ cohortId: "B", startDate: START, memberIds: b, activity }, ALL_DATA)];
    const w4 = combineMeasured(parts, "on").weeks[0]!;
    expect(w4.active).toMatchObject({ suppressed: false, value: 5, n: 8 });
    expect(w4.cohortsCounted).toBe(2);
  });

  it("when the report's data does not yet reach the end of a window, then that week is pending, not zero", () => {
    const ids = members(10);
    const activity = new Map(ids.map((u): [string, string[]] => [u, ["2026-01-20", "2026-02-20"]]));
    // Data up to 2026-02-28: week 8's window ends 2026-03-01.
    const figures = computeMeasuredUsage([{ cohortId: "c", startDate: START, memberIds: ids, activity }], { from: "2025-12-01", through: "2026-02-28" });
    expect(figures.weeks[0]!.active).toMatchObject({ value: 10 });
    expect(figures.weeks[1]).toMatchObject({ active: { suppressed: true }, cohortsPending: 1, cohortsCounted: 0 });
  });

  it("when reading began after a window started, then that week is 'not covered' rather than a false zero", () => {
    const ids = members(10);
    const figures = computeMeasuredUsage([{ cohortId: "c", startDate: START, memberIds: ids, activity: new Map() }], { from: "2026-01-20", through: "2026-04-30" });
    expect(figures.weeks[0]).toMatchObject({ cohortsNotCovered: 1, active: { suppressed: true } });
    expect(figures.weeks[1]).toMatchObject({ cohortsCounted: 1, active: { value: 0 } });
  });

  it("when names are hashes, then the report is seen as concealed; real UPNs are not", () => {
    expect(looksConcealed(["9F86D081884C7D659A2FEAA0C55AD015", "A3C65C2974270FD093EE8A9BF8AE7D0B"])).toBe(true);
    expect(looksConcealed(["megan@contoso.com", "alex@contoso.com"])).toBe(false);
    expect(looksConcealed([])).toBe(false);
  });

  it("when dates are merged, then they are distinct, sorted and none older than the oldest day kept", () => {
    expect(mergeActivityDates(["2026-01-01", "2026-02-01"], ["2026-02-01", "2026-03-01", "not a date"], "2026-01-15")).toEqual(["2026-02-01", "2026-03-01"]);
  });

  it("when a tenant read today, then no read is due until tomorrow; after a failure, not before retryAfter", () => {
    const now = new Date("2026-03-10T12:00:00Z");
    expect(isReadDue({ tenantId: "t", enabled: true, state: "on", lastReadDay: "2026-03-10" }, now)).toBe(false);
    expect(isReadDue({ tenantId: "t", enabled: true, state: "on", lastReadDay: "2026-03-09" }, now)).toBe(true);
    expect(isReadDue({ tenantId: "t", enabled: true, state: "not-consented", retryAfter: "2026-03-10T13:00:00.000Z" }, now)).toBe(false);
    expect(isReadDue({ tenantId: "t", enabled: false, state: "off" }, now)).toBe(false);
    expect(coverageOf({ observedSince: "2026-03-01", reportRefreshDate: "2026-03-08" }, now)).toEqual({ from: "2026-03-01", through: "2026-03-08" });
  });
});
