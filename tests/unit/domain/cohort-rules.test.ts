/** The rules a cohort's start date and a started cohort's edits keep (pure; time is an argument). */
import { creationMessage, hasStarted, programmeLengthWeeks, validateLeadershipFollowers, validateNewCohortStart, validateStartedCohortEdit } from "../../../bot/src/domain/cohort-rules";
import { ValidationError } from "../../../bot/src/domain/errors";
import { getBuiltInTrack } from "../../../bot/src/domain/tracks";

const track = getBuiltInTrack("finance")!;
const NOW = new Date("2026-04-20T09:00:00Z");
const zone = "Europe/London";
const issuesOf = (fn: () => void) => {
  try {
    fn();
  } catch (err) {
    if (err instanceof ValidationError) return err.issues;
    throw err;
  }
  return [];
};

describe("cohort rules", () => {
  it("a programme lasts as long as its sessions or its last adoption check", () => {
    expect(programmeLengthWeeks(track)).toBe(12); // the week-12 habit check
    expect(programmeLengthWeeks({ sessions: track.sessions, adoptionCheckWeeks: [] })).toBe(4);
  });

  it("a new cohort may start today or later; in the past only when already running, and never longer ago than the programme", () => {
    expect(issuesOf(() => validateNewCohortStart({ startDate: "2026-04-20", timeZone: zone }, track, NOW))).toEqual([]);
    expect(issuesOf(() => validateNewCohortStart({ startDate: "2026-04-13", timeZone: zone }, track, NOW))).toEqual([{ field: "startDate", message: expect.stringContaining("This cohort is already running") }]);
    expect(issuesOf(() => validateNewCohortStart({ startDate: "2026-03-02", timeZone: zone, alreadyRunning: true }, track, NOW))).toEqual([]);
    expect(issuesOf(() => validateNewCohortStart({ startDate: "2026-01-19", timeZone: zone, alreadyRunning: true }, track, NOW))).toEqual([{ field: "startDate", message: expect.stringMatching(/more than 12 weeks ago/) }]);
  });

  it("the confirmation says the policy comes first for a future cohort, and the current week for a running one", () => {
    expect(creationMessage({ name: "A", startDate: "2026-05-04", timeZone: zone }, track, NOW)).toMatch(/starting with the AI-use policy, before the first session on 4 May/);
    const running = creationMessage({ name: "B", startDate: "2026-04-06", timeZone: zone }, track, NOW);
    expect(running).toMatch(/members join at the current week, week 3 of 12/);
    expect(running).not.toMatch(/policy/);
  });

  it("a started cohort keeps its start date, track and kind; one not yet started may change them", () => {
    const started = { id: "c", name: "C", kind: "leadership" as const, trackId: "leadership", startDate: "2026-03-02", timeZone: zone };
    expect(hasStarted(started, NOW)).toBe(true);
    expect(hasStarted({ ...started, startDate: "2026-04-20" }, NOW)).toBe(true);
    expect(hasStarted({ ...started, startDate: "2026-04-21" }, NOW)).toBe(false);
    expect(issuesOf(() => validateStartedCohortEdit(started, { ...started, startDate: "2026-03-09" }, NOW))).toEqual([{ field: "startDate", message: "This cohort started on 2 March; its start date can't move once it has started." }]);
    expect(issuesOf(() => validateStartedCohortEdit(started, { kind: "team", trackId: "finance", startDate: started.startDate }, NOW)).map((i) => i.field)).toEqual(["trackId", "kind"]);
    expect(issuesOf(() => validateStartedCohortEdit({ ...started, startDate: "2025-03-03" }, { ...started, startDate: "2025-03-10" }, NOW))[0]!.message).toMatch(/started on 3 March 2025/);
    const future = { ...started, startDate: "2026-05-04" };
    expect(issuesOf(() => validateStartedCohortEdit(future, { kind: "team", trackId: "finance", startDate: "2026-05-11" }, NOW))).toEqual([]);
  });

  it("leaders go first from the leadership side: not on or after a follower's start, and no kind change while followed", () => {
    const followers = [{ name: "Ops team", startDate: "2026-05-18" }, { name: "Sales team", startDate: "2026-05-25" }];
    expect(issuesOf(() => validateLeadershipFollowers({ kind: "leadership", startDate: "2026-05-11" }, followers, 7))).toEqual([]);
    expect(issuesOf(() => validateLeadershipFollowers({ kind: "leadership", startDate: "2026-05-18" }, followers, 7))).toEqual([{ field: "startDate", message: expect.stringContaining('"Ops team"') }]);
    expect(issuesOf(() => validateLeadershipFollowers({ kind: "team", startDate: "2026-05-11" }, followers, 7))).toEqual([{ field: "kind", message: '"Ops team", "Sales team" follow this leadership cohort, so it can\'t become a team cohort.' }]);
    expect(issuesOf(() => validateLeadershipFollowers({ kind: "team", startDate: "2026-05-11" }, [], 7))).toEqual([]);
    // With the default two-week gap, a week ahead is not enough.
    expect(issuesOf(() => validateLeadershipFollowers({ kind: "leadership", startDate: "2026-05-11" }, followers, 14))).toEqual([{ field: "startDate", message: 'must be 2026-05-04 or earlier: "Ops team" (a team cohort that follows this one) starts 2026-05-18 and leaders go 2 weeks first' }]);
  });
});
