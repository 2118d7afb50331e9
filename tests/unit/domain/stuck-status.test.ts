/**
 * "Stuck" tells the truth about now: it follows the latest check-in, clears when the member reports
 * progress or a facilitator resolves it after reaching out, and the tab's status, its count and the
 * member's own summary use the one rule.
 */
import { currentDifficulty } from "../../../bot/src/domain/alerts";
import { ids } from "../../../bot/src/domain/ids";
import { summariseMember } from "../../../bot/src/domain/member-summary";
import { computeCohortProgress } from "../../../bot/src/domain/metrics";
import { reportsStuck } from "../../../bot/src/domain/reflections";
import { buildTimeline } from "../../../bot/src/domain/timeline";
import { getBuiltInTrack } from "../../../bot/src/domain/tracks";
import type { CheckIn, Membership } from "../../../bot/src/domain/types";

const timeline = buildTimeline({ startDate: "2026-03-02", timeZone: "Europe/London", localTime: "09:30" }, getBuiltInTrack("finance")!);
const NOW = new Date("2026-03-20T12:00:00Z");
const checkIn = (userId: string, sessionNumber: number, over: Partial<CheckIn> = {}): CheckIn => ({
  id: ids.checkInId("c", sessionNumber, userId), tenantId: "t", cohortId: "c", userId, sessionNumber, tried: "t", worked: "", stuck: "",
  minutesSaved: 10, confidence: 3, wantsHelp: false, submittedAt: "2026-03-04T10:00:00Z", updatedAt: "2026-03-04T10:00:00Z", ...over,
});
const stuckTwice = (userId: string) => [checkIn(userId, 1, { stuck: "it invented numbers" }), checkIn(userId, 2, { blockers: ["trusting-output"] })];
const people: Membership[] = Array.from({ length: 5 }, (_, i) => ({ tenantId: "t", cohortId: "c", userId: `u${i}`, displayName: `P${i}`, joinedAt: "2026-02-20T00:00:00Z" }));
const progressOf = (checkIns: CheckIn[], resolutions = [] as Parameters<typeof currentDifficulty>[1]) =>
  computeCohortProgress({ timeline, memberships: people, now: NOW, acknowledgedUserIds: new Set(), records: { commitments: [], checkIns, adoption: [], wins: [] }, resolutions });

describe("the 'stuck' status", () => {
  it("when a member names a blocker without writing anything, then that counts as being stuck", () => {
    expect(reportsStuck({ stuck: "", blockers: ["finding-time"] })).toBe(true);
    expect(reportsStuck({ stuck: "nothing", blockers: [] })).toBe(false);
  });

  it("when the latest of two check-ins reports being stuck, then the member is stuck in the tab, its count and their own summary", () => {
    const all = people.flatMap((p) => stuckTwice(p.userId));
    const progress = progressOf(all);
    expect(progress.members.every((m) => m.status === "stuck")).toBe(true);
    expect(progress.stuckCount).toMatchObject({ suppressed: false, value: 5 });
    expect(summariseMember(timeline, { commitments: [], adoption: [], wins: [], checkIns: stuckTwice("u0") }, NOW).stuck).toBe(true);
  });

  it("when a stuck member later checks in without being stuck, then they are no longer stuck anywhere, and their history still says they were", () => {
    const history = [...stuckTwice("u0"), checkIn("u0", 3, { stuck: "n/a", worked: "checking totals first" })];
    const all = [...history, ...people.slice(1).flatMap((p) => stuckTwice(p.userId))];
    const progress = progressOf(all);
    expect(progress.members.find((m) => m.userId === "u0")!.status).toBe("on-track");
    expect(progress.stuckCount).toMatchObject({ value: 0 });
    expect(summariseMember(timeline, { commitments: [], adoption: [], wins: [], checkIns: history }, NOW).stuck).toBe(false);
    expect(history.filter(reportsStuck).map((c) => c.sessionNumber)).toEqual([1, 2]);
  });

  it("when a facilitator resolves the alert on the latest check-in after reaching out, then the member is no longer stuck; an older resolution does not clear a newer check-in", () => {
    const checkIns = stuckTwice("u0");
    expect(currentDifficulty(checkIns, [{ userId: "u0", sessionNumber: 2, resolvedAt: "2026-03-12T10:00:00Z" }])).toBeUndefined();
    expect(currentDifficulty(checkIns, [{ userId: "u0", sessionNumber: 2 }])).toBe("stuck");
    expect(currentDifficulty(checkIns, [{ userId: "u1", sessionNumber: 2, resolvedAt: "2026-03-12T10:00:00Z" }])).toBe("stuck");
    const later = [...checkIns, checkIn("u0", 3, { stuck: "still the totals" })];
    expect(currentDifficulty(later, [{ userId: "u0", sessionNumber: 2, resolvedAt: "2026-03-12T10:00:00Z" }])).toBe("stuck");
    const progress = progressOf(checkIns, [{ userId: "u0", sessionNumber: 2, resolvedAt: "2026-03-12T10:00:00Z" }]);
    expect(progress.members.find((m) => m.userId === "u0")!.status).not.toBe("stuck");
  });

  it("when the latest check-in asks for help, then that is the status until a later check-in or a resolution says otherwise", () => {
    const asked = [checkIn("u0", 1, { wantsHelp: true })];
    expect(currentDifficulty(asked)).toBe("asked-for-help");
    expect(currentDifficulty([...asked, checkIn("u0", 2)])).toBeUndefined();
    expect(currentDifficulty(asked, [{ userId: "u0", sessionNumber: 1, resolvedAt: "2026-03-05T10:00:00Z" }])).toBeUndefined();
  });
});
