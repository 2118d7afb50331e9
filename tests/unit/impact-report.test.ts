/** The organisation report's figures: paired adoption, suppression, roll-ups that cannot be differenced, the habit funnel and the stated assumptions. */
import { computeImpactReport, DEFAULT_REPORT_ASSUMPTIONS, type ReportCohortInput } from "../../bot/src/domain/impact-report";
import type { AdoptionAnswer, CheckIn, UsageFrequency } from "../../bot/src/domain/types";

const userOf = (cohort: string, i: number) => `${cohort}-user-${i}`;
const at = (minute: number) => new Date(Date.UTC(2026, 2, 10, 9, minute)).toISOString();

function checkIn(cohort: string, i: number, session: number, over: Partial<CheckIn> = {}): CheckIn {
  return { id: `ci:${cohort}:${session}:${i}`, tenantId: "t", cohortId: cohort, userId: userOf(cohort, i), sessionNumber: session, tried: "", worked: "", stuck: "", minutesSaved: 60, confidence: 4, wantsHelp: false, submittedAt: at(session * 60 + i), updatedAt: at(session * 60 + i), ...over };
}
function adoption(cohort: string, i: number, week: number, stillUsing: boolean, frequency: UsageFrequency = "weekly"): AdoptionAnswer {
  return { id: `ad:${cohort}:${week}:${i}`, tenantId: "t", cohortId: cohort, userId: userOf(cohort, i), week, stillUsing, frequency, usedFor: "", answeredAt: at(week * 100 + i) };
}
function cohort(id: string, members: number, checkIns: CheckIn[] = [], answers: AdoptionAnswer[] = [], trackId = "finance"): ReportCohortInput {
  return { cohortId: id, trackId, memberIds: Array.from({ length: members }, (_, i) => userOf(id, i)), records: { checkIns, adoption: answers } };
}
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, k) => from + k);

describe("the organisation report", () => {
  it("when some answered the baseline and others week 4, then week 4 compares only the people who answered both, and says how many", () => {
    // Baseline: members 0–9, none using AI. Week 4: members 5–14, all using it. Both: 5–9.
    const answers = [...range(0, 10).map((i) => adoption("a", i, 0, false)), ...range(5, 15).map((i) => adoption("a", i, 4, true))];
    const report = computeImpactReport([cohort("a", 20, [], answers)]);
    const week4 = report.overall.adoption.find((a) => a.week === 4)!;
    expect(week4).toEqual({ week: 4, pairs: 5, before: { suppressed: false, n: 5, value: 0, basis: "first-respondents" }, after: { suppressed: false, n: 5, value: 1, basis: "first-respondents" } });
    expect(report.overall.adoption.map((a) => a.week)).toEqual([0, 4, 8, 12]);
    expect(report.overall.adoption.find((a) => a.week === 8)).toMatchObject({ pairs: 0, before: { suppressed: true }, after: { suppressed: true } });
  });

  it("when a cohort has fewer than 5 members, then its own slice is suppressed and it adds nothing to a roll-up's figures", () => {
    const tiny = cohort("tiny", 4, range(0, 4).map((i) => checkIn("tiny", i, 1, { confidence: 1 })), range(0, 4).map((i) => adoption("tiny", i, 0, true)));
    const big = cohort("big", 5, range(0, 5).map((i) => checkIn("big", i, 1, { confidence: 5 })));
    const report = computeImpactReport([tiny, big]);
    const tinyFigures = report.byCohort.find((c) => c.cohortId === "tiny")!.figures;
    expect([tinyFigures.participation, tinyFigures.confidence, tinyFigures.hoursSaved, tinyFigures.costSaved, ...tinyFigures.funnel.map((s) => s.people)]).toEqual(Array(8).fill({ suppressed: true }));
    expect(report.overall.confidence).toEqual({ suppressed: false, n: 5, value: 5, basis: "first-respondents" });
    expect(report.overall.participation).toEqual({ suppressed: false, n: 5, value: 1, basis: "rounded-down-share" });
    expect(report.overall.memberCount).toBe(9);
  });

  it("when a sixth person answers after five in one cohort, then no slice moves, so no slice can be differenced to read their answer", () => {
    const five = range(0, 5).map((i) => checkIn("a", i, 1, { confidence: 4, minutesSaved: 30, blockers: ["finding-time"] }));
    const other = cohort("b", 5, range(0, 5).map((i) => checkIn("b", i, 1, { confidence: 2 })), [], "marketing");
    const before = computeImpactReport([cohort("a", 7, five), other]);
    const after = computeImpactReport([cohort("a", 7, [...five, checkIn("a", 5, 1, { confidence: 1, minutesSaved: 600, blockers: ["tool-access"] })]), other]);
    expect(after).toEqual(before);
    // The tenant figure is the sum of what each cohort releases: (5·4 + 5·2) / 10.
    expect(after.overall.confidence).toEqual({ suppressed: false, n: 10, value: 3, basis: "first-respondents" });
    expect(after.byTrack.map((t) => t.trackId)).toEqual(["finance", "marketing"]);
  });

  it("when people drop off between steps, then the habit funnel nests each step in the one before and counts in fives", () => {
    // 12 tried; 11 use it weekly or more at week 4; of those, 9 still use it at week 8; of those, 4 at week 12.
    // Member 11 (rarely at week 4) uses it at weeks 8 and 12: outside the funnel, so counting them would give 10 and 5.
    const checkIns = range(0, 12).map((i) => checkIn("a", i, 1));
    const answers = [
      ...range(0, 12).map((i) => adoption("a", i, 4, true, i < 11 ? "few-times-a-week" : "rarely")),
      ...range(0, 12).map((i) => adoption("a", i, 8, i < 9 || i === 11, "daily")),
      ...range(0, 12).map((i) => adoption("a", i, 12, i < 4 || i === 11, "daily")),
    ];
    const funnel = computeImpactReport([cohort("a", 15, checkIns, answers)]).overall.funnel;
    expect(funnel.map((s) => [s.step, s.people.value])).toEqual([["tried", 10], ["weekly", 10], ["week-8", 5], ["week-12", 0]]);
    expect(funnel.every((s) => s.people.basis === "rounded-down-count")).toBe(true);
  });

  it("when the admin states hours per FTE and cost per hour, then FTE and cost follow them and the report returns them", () => {
    // Week 1: 10 people save 60 minutes each (10 hours); week 2: 10 people save 90 (15 hours).
    const checkIns = [...range(0, 10).map((i) => checkIn("a", i, 1, { minutesSaved: 60 })), ...range(0, 10).map((i) => checkIn("a", i, 2, { minutesSaved: 90 }))];
    const stated = { hoursPerFtePerWeek: 25, costPerHour: 80, currency: "EUR" };
    const report = computeImpactReport([cohort("a", 10, checkIns)], stated);
    expect(report.assumptions).toEqual(stated);
    expect(report.overall.hoursSaved.value).toBe(25);
    expect(report.overall.fteSaved.value).toBe(0.5); // 12.5 hours a week over 25 hours per FTE
    expect(report.overall.costSaved.value).toBe(2000);
    expect(computeImpactReport([cohort("a", 10, checkIns)]).overall.fteSaved.value).toBe(Math.round((12.5 / DEFAULT_REPORT_ASSUMPTIONS.hoursPerFtePerWeek) * 100) / 100);
    expect(report.overall.weekly.map((w) => [w.week, w.hoursSaved.value, w.responseRate.value])).toEqual([[1, 10, 1], [2, 15, 1]]);
  });

  it("when people name blockers and frequencies, then themes and the distribution count only released answers", () => {
    const checkIns = range(0, 6).map((i) => checkIn("a", i, 1, { blockers: i < 3 ? ["trusting-output"] : ["finding-time", "trusting-output"] }));
    const answers = range(0, 6).map((i) => adoption("a", i, 4, true, i < 2 ? "daily" : "weekly"));
    const f = computeImpactReport([cohort("a", 8, checkIns, answers)]).overall;
    expect(f.blockers.checkIns).toBe(5);
    expect(f.blockers.themes.slice(0, 2)).toEqual([{ blocker: "trusting-output", count: 5 }, { blocker: "finding-time", count: 2 }]);
    const week4 = f.frequency.find((d) => d.week === 4)!;
    expect(week4.respondents).toBe(5);
    expect(week4.counts.filter((c) => c.count > 0)).toEqual([{ frequency: "daily", count: 2 }, { frequency: "weekly", count: 3 }]);
  });
});
