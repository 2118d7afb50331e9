import { ids } from "../../../bot/src/domain/ids";
import { computeCohortProgress, MIN_GROUP_SIZE, responsesForEvent } from "../../../bot/src/domain/metrics";
import type { CohortRecords } from "../../../bot/src/domain/ports";
import { buildTimeline } from "../../../bot/src/domain/timeline";
import { getBuiltInTrack } from "../../../bot/src/domain/tracks";
import type { AdoptionAnswer, CheckIn, Membership } from "../../../bot/src/domain/types";

const cohort = { startDate: "2026-03-02", timeZone: "Europe/London", localTime: "09:30" };
const timeline = buildTimeline(cohort, getBuiltInTrack("finance")!);
const AFTER_WEEK_4 = new Date("2026-03-27T12:00:00Z"); // past s1–s3 check-ins and adoption.w4

const members = (n: number): Membership[] =>
  Array.from({ length: n }, (_, i) => ({ tenantId: "t", cohortId: "c", userId: `u${i}`, displayName: `Person ${i}`, joinedAt: "2026-02-20T00:00:00Z" }));

const checkIn = (userId: string, sessionNumber: number, over: Partial<CheckIn> = {}): CheckIn => ({
  id: ids.checkInId("c", sessionNumber, userId), tenantId: "t", cohortId: "c", userId, sessionNumber, tried: "t", worked: "w", stuck: "",
  minutesSaved: 30, confidence: 3, wantsHelp: false, submittedAt: "2026-03-10T10:00:00Z", updatedAt: "2026-03-10T10:00:00Z", ...over,
});

const adoption = (userId: string, week: number, stillUsing: boolean): AdoptionAnswer => ({
  id: ids.adoptionId("c", week, userId), tenantId: "t", cohortId: "c", userId, week, stillUsing, frequency: stillUsing ? "weekly" : "rarely", usedFor: "", answeredAt: "2026-03-25T10:00:00Z",
});

const records = (over: Partial<CohortRecords> = {}): CohortRecords => ({ commitments: [], checkIns: [], adoption: [], wins: [], ...over });

describe("cohort metrics", () => {
  it("when a group has fewer than 5 people, then its aggregates are suppressed", () => {
    const people = members(4);
    const progress = computeCohortProgress({
      timeline, memberships: people, now: AFTER_WEEK_4, acknowledgedUserIds: new Set(["u0", "u1", "u2", "u3"]),
      records: records({ checkIns: people.map((m) => checkIn(m.userId, 1, { confidence: 5 })) }),
    });
    expect(MIN_GROUP_SIZE).toBe(5);
    expect(progress.weekly[0]!.participation).toEqual({ suppressed: true });
    expect(progress.weekly[0]!.confidence).toEqual({ suppressed: true });
    expect(progress.policyAcknowledged).toEqual({ suppressed: true });
    expect(progress.stuckCount).toEqual({ suppressed: true });
  });

  it("when 6 of 8 members check in, then participation, confidence and minutes are reported", () => {
    const people = members(8);
    const answers = people.slice(0, 6).map((m, i) => checkIn(m.userId, 1, { confidence: ((i % 5) + 1) as 1, minutesSaved: 10 * (i + 1) }));
    const progress = computeCohortProgress({ timeline, memberships: people, now: AFTER_WEEK_4, acknowledgedUserIds: new Set(), records: records({ checkIns: answers }) });
    const week2 = progress.weekly.find((w) => w.week === 2)!;
    expect(week2.participation).toEqual({ suppressed: false, n: 8, value: 0.75 });
    expect(week2.confidence).toEqual({ suppressed: false, n: 6, value: 2.67 });
    expect(week2.minutesSaved).toEqual({ suppressed: false, n: 6, value: 210 });
  });

  it("when only 4 people answered a check-in in a group of 8, then the average confidence is still suppressed", () => {
    const people = members(8);
    const answers = people.slice(0, 4).map((m) => checkIn(m.userId, 1, { confidence: 1 }));
    const week2 = computeCohortProgress({ timeline, memberships: people, now: AFTER_WEEK_4, acknowledgedUserIds: new Set(), records: records({ checkIns: answers }) }).weekly[0]!;
    expect(week2.participation.suppressed).toBe(false);
    expect(week2.confidence).toEqual({ suppressed: true });
  });

  it("when adoption is measured at week 0 and week 4, then each is the share still using AI among respondents", () => {
    const people = members(10);
    const answers = [...people.map((m, i) => adoption(m.userId, 0, i < 3)), ...people.map((m, i) => adoption(m.userId, 4, i < 8))];
    const progress = computeCohortProgress({ timeline, memberships: people, now: AFTER_WEEK_4, acknowledgedUserIds: new Set(), records: records({ adoption: answers }) });
    expect(progress.adoption).toEqual([
      { week: 0, stillUsing: { suppressed: false, n: 10, value: 0.3 }, respondents: 10 },
      { week: 4, stillUsing: { suppressed: false, n: 10, value: 0.8 }, respondents: 10 },
    ]);
  });

  it("when members ask for help, report being stuck twice or miss check-ins, then their status says so", () => {
    const people = members(6);
    const progress = computeCohortProgress({
      timeline, memberships: people, now: AFTER_WEEK_4, acknowledgedUserIds: new Set(people.map((p) => p.userId)),
      records: records({
        commitments: people.map((m) => ({ id: ids.commitmentId("c", 1, m.userId), tenantId: "t", cohortId: "c", userId: m.userId, sessionNumber: 1, deliverable: "x", committedAt: "", updatedAt: "" })),
        checkIns: [
          checkIn("u0", 1), checkIn("u0", 2), checkIn("u0", 3, { wantsHelp: true }),
          checkIn("u1", 1, { stuck: "the formulas did not work" }), checkIn("u1", 2, { stuck: "it invented numbers" }), checkIn("u1", 3, { stuck: "nothing" }),
          checkIn("u2", 1),
          checkIn("u3", 1), checkIn("u3", 2), checkIn("u3", 3, { stuck: "n/a" }),
        ],
      }),
    });
    const status = Object.fromEntries(progress.members.map((m) => [m.userId, m.status]));
    expect(status).toMatchObject({ u0: "asked-for-help", u1: "stuck", u2: "missed-checkins", u3: "on-track" });
    expect(progress.helpRequests).toEqual({ suppressed: false, n: 6, value: 1 });
    expect(progress.policyAcknowledged).toEqual({ suppressed: false, n: 6, value: 1 });
  });

  it("when responses to one event are counted, then small cohorts are suppressed", () => {
    const event = timeline.find((e) => e.key === "s1.checkin")!;
    const r = records({ checkIns: [checkIn("u0", 1), checkIn("u1", 1)] });
    expect(responsesForEvent(event, r, 3)).toEqual({ suppressed: true });
    expect(responsesForEvent(event, r, 12)).toEqual({ suppressed: false, n: 12, value: 2 });
  });
});
