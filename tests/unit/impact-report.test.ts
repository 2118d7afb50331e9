/** The organisation report's figures: paired adoption, suppression, roll-ups that cannot be differenced, the habit funnel, the stated assumptions and seniority slices whose complements protect small levels. */
import { computeImpactReport, DEFAULT_REPORT_ASSUMPTIONS, withheldLevels, type ReportCohortInput } from "../../bot/src/domain/impact-report";
import { SENIORITY_LEVELS, type SeniorityLevel } from "../../bot/src/domain/seniority";
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

describe("the organisation report by seniority", () => {
  const levels = (id: string, spec: Array<[SeniorityLevel, number]>) => {
    const out = new Map<string, SeniorityLevel>();
    let i = 0;
    for (const [level, n] of spec) for (let k = 0; k < n; k++) out.set(userOf(id, i++), level);
    return out;
  };
  const withLevels = (c: ReportCohortInput, seniority: Map<string, SeniorityLevel>): ReportCohortInput => ({ ...c, seniority });
  const figuresOf = (report: ReturnType<typeof computeImpactReport>, level: SeniorityLevel) => report.bySeniority.find((s) => s.level === level)!.figures;

  it("when a cohort of 12 has 7 individual contributors and 5 managers, then each level has its own figures over its own first respondents", () => {
    // Individuals (0–6) confidence 2, managers (7–11) confidence 5; everyone answers, managers first.
    const checkIns = range(0, 12).map((i) => checkIn("a", i, 1, { confidence: i < 7 ? 2 : 5, submittedAt: at(i < 7 ? 30 + i : i), updatedAt: at(0) }));
    const report = computeImpactReport([withLevels(cohort("a", 12, checkIns), levels("a", [["individual", 7], ["manager", 5]]))]);
    expect(report.bySeniority.map((s) => s.level)).toEqual(["individual", "manager", "executive"]);
    expect(figuresOf(report, "individual").confidence).toEqual({ suppressed: false, n: 5, value: 2, basis: "first-respondents" });
    expect(figuresOf(report, "manager").confidence).toEqual({ suppressed: false, n: 5, value: 5, basis: "first-respondents" });
    expect(figuresOf(report, "executive").confidence).toEqual({ suppressed: true });
    expect(figuresOf(report, "individual").memberCount).toBe(7);
    // The cohort as a whole is unchanged: its first 10 respondents (5 managers, 5 individuals).
    expect(report.overall.confidence).toEqual({ suppressed: false, n: 10, value: 3.5, basis: "first-respondents" });
  });

  it("when a level under 5 would be the difference between the cohort and its other levels, then those levels are withheld too", () => {
    // 12 = 8 individuals + 4 managers: "cohort minus individuals" would be the 4 managers, so no level is released.
    const checkIns = range(0, 12).map((i) => checkIn("a", i, 1, { confidence: i < 8 ? 3 : 1 }));
    const split = computeImpactReport([withLevels(cohort("a", 12, checkIns), levels("a", [["individual", 8], ["manager", 4]]))]);
    for (const level of SENIORITY_LEVELS) expect(figuresOf(split, level).confidence).toEqual({ suppressed: true });
    expect(split.overall.confidence.suppressed).toBe(false);
    // 12 = 11 individuals + 1 executive: the same, or the executive's answer would be "cohort minus individuals".
    const lone = computeImpactReport([withLevels(cohort("a", 12, checkIns), levels("a", [["individual", 11], ["executive", 1]]))]);
    expect(figuresOf(lone, "individual").confidence).toEqual({ suppressed: true });
    expect(figuresOf(lone, "individual").participation).toEqual({ suppressed: true });
    // 12 = 7 individuals + 4 managers + 1 executive: the withheld levels hold 5 together, so individuals are released.
    const five = computeImpactReport([withLevels(cohort("a", 12, checkIns), levels("a", [["individual", 7], ["manager", 4], ["executive", 1]]))]);
    expect(figuresOf(five, "individual").confidence).toEqual({ suppressed: false, n: 5, value: 3, basis: "first-respondents" });
    expect(figuresOf(five, "manager").confidence).toEqual({ suppressed: true });
  });

  it("when the withheld levels are chosen, then the smallest others join a small level until 5 are withheld", () => {
    const sizes = (i: number, m: number, e: number) => new Map<SeniorityLevel, number>([["individual", i], ["manager", m], ["executive", e]]);
    expect([...withheldLevels(sizes(7, 5, 0))]).toEqual([]);
    expect([...withheldLevels(sizes(8, 4, 0))].sort()).toEqual(["individual", "manager"]);
    expect([...withheldLevels(sizes(20, 6, 2))].sort()).toEqual(["executive", "manager"]);
    expect([...withheldLevels(sizes(7, 4, 1))].sort()).toEqual(["executive", "manager"]);
    expect([...withheldLevels(sizes(3, 0, 0))]).toEqual(["individual"]);
  });

  it("when a filter picks a level, then every slice counts only that level, and a cohort where it is under 5 adds nothing", () => {
    // Cohort a: 7 individuals (confidence 2) + 5 managers (confidence 5). Cohort b: 10 individuals (4) + 3 managers (1) + 2 executives.
    const a = withLevels(cohort("a", 12, range(0, 12).map((i) => checkIn("a", i, 1, { confidence: i < 7 ? 2 : 5 }))), levels("a", [["individual", 7], ["manager", 5]]));
    const b = withLevels(cohort("b", 15, range(0, 15).map((i) => checkIn("b", i, 1, { confidence: i < 10 ? 4 : 1 })), [], "marketing"), levels("b", [["individual", 10], ["manager", 3], ["executive", 2]]));
    const managers = computeImpactReport([a, b], DEFAULT_REPORT_ASSUMPTIONS, { seniority: "manager" });
    expect(managers.overall.confidence).toEqual({ suppressed: false, n: 5, value: 5, basis: "first-respondents" });
    expect(managers.byCohort.find((c) => c.cohortId === "b")!.figures.confidence).toEqual({ suppressed: true });
    expect(managers.byTrack.find((t) => t.trackId === "marketing")!.figures.participation).toEqual({ suppressed: true });
    expect(managers.bySeniority.map((s) => s.level)).toEqual(["manager"]);
    // Cohort b's 3 managers and 2 executives are withheld together (5), so its 10 individuals are released.
    const individuals = computeImpactReport([a, b], DEFAULT_REPORT_ASSUMPTIONS, { seniority: "individual" });
    expect(individuals.overall.confidence).toEqual({ suppressed: false, n: 15, value: 3.33, basis: "first-respondents" });
  });
});
