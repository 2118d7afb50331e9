import { ids } from "../../../bot/src/domain/ids";
import { computeCohortProgress, MIN_GROUP_SIZE, releasedPrefix, responsesForEvent } from "../../../bot/src/domain/metrics";
import type { CohortRecords } from "../../../bot/src/domain/ports";
import { buildTimeline } from "../../../bot/src/domain/timeline";
import { getBuiltInTrack } from "../../../bot/src/domain/tracks";
import type { AdoptionAnswer, CheckIn, Membership } from "../../../bot/src/domain/types";

const cohort = { startDate: "2026-03-02", timeZone: "Europe/London", localTime: "09:30" };
const timeline = buildTimeline(cohort, getBuiltInTrack("finance")!);
const AFTER_WEEK_4 = new Date("2026-03-27T12:00:00Z"); // past s1–s4 check-ins and adoption.w4

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

  it("when 6 of 8 members check in, then participation counts 5 of them and confidence and minutes cover the first 5 respondents", () => {
    const people = members(8);
    const answers = people.slice(0, 6).map((m, i) => checkIn(m.userId, 1, { confidence: ((i % 5) + 1) as 1, minutesSaved: 10 * (i + 1), submittedAt: `2026-03-10T10:0${i}:00Z` }));
    const progress = computeCohortProgress({ timeline, memberships: people, now: AFTER_WEEK_4, acknowledgedUserIds: new Set(), records: records({ checkIns: answers }) });
    // Session 1's check-in falls in week 1, before session 2.
    const week2 = progress.weekly.find((w) => w.week === 1)!;
    expect(week2.participation).toEqual({ suppressed: false, n: 8, value: 0.63, basis: "rounded-down-share" });
    expect(week2.confidence).toEqual({ suppressed: false, n: 5, value: 3, basis: "first-respondents" });
    expect(week2.minutesSaved).toEqual({ suppressed: false, n: 5, value: 150, basis: "first-respondents" });
  });

  it("when only 4 people answered a check-in in a group of 8, then participation and the average confidence are suppressed", () => {
    const people = members(8);
    const answers = people.slice(0, 4).map((m) => checkIn(m.userId, 1, { confidence: 1 }));
    const week2 = computeCohortProgress({ timeline, memberships: people, now: AFTER_WEEK_4, acknowledgedUserIds: new Set(), records: records({ checkIns: answers }) }).weekly[0]!;
    expect(week2.participation).toEqual({ suppressed: true });
    expect(week2.confidence).toEqual({ suppressed: true });
  });

  it("when adoption is measured at week 0 and week 4, then each is the share still using AI among respondents", () => {
    const people = members(10);
    const answers = [...people.map((m, i) => adoption(m.userId, 0, i < 3)), ...people.map((m, i) => adoption(m.userId, 4, i < 8))];
    const progress = computeCohortProgress({ timeline, memberships: people, now: AFTER_WEEK_4, acknowledgedUserIds: new Set(), records: records({ adoption: answers }) });
    expect(progress.adoption).toEqual([
      { week: 0, stillUsing: { suppressed: false, n: 10, value: 0.3, basis: "first-respondents" }, respondents: 10 },
      { week: 4, stillUsing: { suppressed: false, n: 10, value: 0.8, basis: "first-respondents" }, respondents: 10 },
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
          checkIn("u1", 1, { stuck: "the formulas did not work" }), checkIn("u1", 2, { stuck: "it invented numbers" }), checkIn("u1", 3, { stuck: "still unsure which figures to trust" }),
          checkIn("u2", 1),
          checkIn("u3", 1), checkIn("u3", 2), checkIn("u3", 3, { stuck: "n/a" }),
        ],
      }),
    });
    const status = Object.fromEntries(progress.members.map((m) => [m.userId, m.status]));
    expect(status).toMatchObject({ u0: "asked-for-help", u1: "stuck", u2: "missed-checkins", u3: "on-track" });
    // One of six asked for help: rounded down to a multiple of 5, that is "fewer than 5".
    expect(progress.helpRequests).toEqual({ suppressed: false, n: 6, value: 0, basis: "rounded-down-count" });
    expect(progress.policyAcknowledged).toEqual({ suppressed: false, n: 6, value: 0.83, basis: "rounded-down-share" });
  });

  it("when responses to one event are counted, then small cohorts are suppressed", () => {
    const event = timeline.find((e) => e.key === "s1.checkin")!;
    const r = records({ checkIns: [checkIn("u0", 1), checkIn("u1", 1)] });
    expect(responsesForEvent(event, r, 3)).toEqual({ suppressed: true });
    expect(responsesForEvent(event, r, 12)).toEqual({ suppressed: true });
    const seven = records({ checkIns: members(7).map((m) => checkIn(m.userId, 1)) });
    expect(responsesForEvent(event, seven, 12)).toEqual({ suppressed: false, n: 12, value: 5, basis: "rounded-down-count" });
  });

  describe("differencing: no released figure moves by one person's answers", () => {
    // A cohort of 12; answers to session 1 arrive one by one. Each newcomer answers very differently
    // from the others, so any figure that included them would move.
    const people = members(12);
    const answerOf = (i: number): CheckIn =>
      checkIn(people[i]!.userId, 1, {
        confidence: (i < 5 ? 4 : i === 5 ? 1 : ((i % 5) + 1)) as CheckIn["confidence"],
        minutesSaved: i < 5 ? 30 : 95 + i,
        wantsHelp: i >= 5,
        stuck: i >= 5 ? "it invented numbers" : "",
        submittedAt: new Date(Date.UTC(2026, 2, 10, 10, i)).toISOString(),
      });
    const releasedAt = (n: number) => {
      const checkIns = Array.from({ length: n }, (_, i) => answerOf(i));
      const r = records({ checkIns });
      const progress = computeCohortProgress({ timeline, memberships: people, now: AFTER_WEEK_4, acknowledgedUserIds: new Set(people.slice(0, n).map((p) => p.userId)), records: r });
      const week = progress.weekly[0]!;
      return {
        participation: week.participation,
        confidence: week.confidence,
        minutesSaved: week.minutesSaved,
        helpRequests: progress.helpRequests,
        stuckCount: progress.stuckCount,
        policyAcknowledged: progress.policyAcknowledged,
        responses: responsesForEvent(timeline.find((e) => e.key === "s1.checkin")!, r, people.length),
      };
    };

    it("when responses arrive one at a time from 5 to 10, then every released figure is the same for n = 5..9 and changes only at 10", () => {
      const atFive = releasedAt(5);
      expect(atFive.confidence).toEqual({ suppressed: false, n: 5, value: 4, basis: "first-respondents" });
      expect(atFive.minutesSaved).toEqual({ suppressed: false, n: 5, value: 150, basis: "first-respondents" });
      expect(atFive.responses).toEqual({ suppressed: false, n: 12, value: 5, basis: "rounded-down-count" });
      for (const n of [6, 7, 8, 9]) expect({ n, released: releasedAt(n) }).toEqual({ n, released: atFive });
      const atTen = releasedAt(10);
      expect(atTen.confidence).toMatchObject({ n: 10 });
      expect(atTen.confidence.value).not.toBe(atFive.confidence.value);
      expect(atTen.minutesSaved.value).not.toBe(atFive.minutesSaved.value);
      expect(atTen.responses.value).toBe(10);
      expect(atTen.helpRequests.value).toBe(5);
    });

    it("when the sixth person answers, then neither their confidence (1), minutes (100) nor help request can be read from the difference", () => {
      const [five, six] = [releasedAt(5), releasedAt(6)];
      expect(six).toEqual(five);
      expect(five.helpRequests).toEqual({ suppressed: false, n: 12, value: 0, basis: "rounded-down-count" });
    });

    it("when someone in the released prefix resubmits, then their place is kept and nobody else moves in or out", () => {
      const checkIns = Array.from({ length: 7 }, (_, i) => answerOf(i));
      // u2 resubmits later: submittedAt is the first submission (record-check-in keeps it), updatedAt moves.
      checkIns[2] = { ...checkIns[2]!, updatedAt: "2026-03-12T10:00:00Z" };
      const released = releasedPrefix(checkIns, (c) => ({ recordedAt: c.submittedAt, id: c.id }));
      expect(released.map((c) => c.userId)).toEqual(["u0", "u1", "u2", "u3", "u4"]);
    });

    it("when an answer was replaced, then its first-recorded time keeps its place; older records without one fall back to when they were answered", () => {
      const answers = people.slice(0, 6).map((m, i) => adoption(m.userId, 4, i % 2 === 0));
      answers.forEach((a, i) => (a.answeredAt = new Date(Date.UTC(2026, 2, 25, 10, i)).toISOString()));
      answers[0] = { ...answers[0]!, firstAnsweredAt: answers[0]!.answeredAt, answeredAt: "2026-03-26T10:00:00Z", stillUsing: false };
      const progress = computeCohortProgress({ timeline, memberships: people, now: AFTER_WEEK_4, acknowledgedUserIds: new Set(), records: records({ adoption: answers }) });
      // u0..u4 are the first five: u0 (replaced, now "no"), u1 no, u2 yes, u3 no, u4 yes.
      expect(progress.adoption.find((a) => a.week === 4)).toEqual({ week: 4, stillUsing: { suppressed: false, n: 5, value: 0.4, basis: "first-respondents" }, respondents: 5 });
    });
  });
});
