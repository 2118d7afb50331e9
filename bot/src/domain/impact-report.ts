/**
 * The organisation report: did people start using AI? Figures over many cohorts, sliced by cohort,
 * by track and by programme week, under the same release rules as every other figure
 * (domain/metrics.ts).
 *
 * Every roll-up is built only from figures each cohort already releases on its own: a cohort's
 * released prefix of respondents (counted in fives) and its counts of people rounded down to a
 * multiple of 5. A slice over several cohorts adds those parts up and never reopens the raw
 * answers, so comparing slices (a track against its cohorts, the tenant against a facilitator's
 * view) can only give back what the cohorts' own figures already showed. A cohort under 5 members,
 * or with fewer than 5 answers to a question, adds nothing to that figure.
 *
 * Adoption is paired: at week 4, 8 or 12 only members who answered both the baseline (week 0) and
 * that week count, so "before" and "after" are the same people.
 *
 * Seniority slices (individual contributors, people managers, executives) are built the same way
 * from a finer part: each cohort's members at one level release their own figures, under the same
 * rules. Comparing a cohort with its levels must not give away a small level either: when a
 * cohort's levels under 5 people hold fewer than 5 people together, the smallest other level is
 * withheld with them (until the withheld levels hold 5 or more, or all are withheld), so "the
 * cohort minus its released levels" is always 5 people or more. A withheld level adds nothing to
 * any seniority slice or filter.
 */
import { MIN_GROUP_SIZE, releasedPrefix, roundDownToStep, type RecordedOrder } from "./metrics";
import type { CohortRecords } from "./ports";
import type { MeasuredUsageFigures } from "./measured-usage";
import { SENIORITY_LEVELS, type SeniorityLevel } from "./seniority";
import { BLOCKERS, type AdoptionAnswer, type Aggregate, type Blocker, type CheckIn, type UsageFrequency } from "./types";

export const REPORT_ADOPTION_WEEKS = [0, 4, 8, 12] as const;
export const USAGE_FREQUENCIES: readonly UsageFrequency[] = ["daily", "few-times-a-week", "weekly", "rarely", "not-at-all"];
const WEEKLY_OR_MORE = new Set<UsageFrequency>(["daily", "few-times-a-week", "weekly"]);

/** What the admin assumes to turn hours into FTE and cost; returned with the figures so they are shown together. */
export interface ReportAssumptions {
  /** Working hours of one full-time employee in a week. */
  hoursPerFtePerWeek: number;
  /** Fully loaded cost of one hour of work, in `currency`. */
  costPerHour: number;
  /** ISO 4217 code, e.g. "GBP". */
  currency: string;
}

export const DEFAULT_REPORT_ASSUMPTIONS: ReportAssumptions = { hoursPerFtePerWeek: 37.5, costPerHour: 40, currency: "GBP" };

export interface ReportCohortInput {
  cohortId: string;
  trackId: string;
  memberIds: readonly string[];
  records: Pick<CohortRecords, "checkIns" | "adoption">;
  /** Each member's seniority (domain/seniority.ts `seniorityOf`); a member not in it is an individual contributor. */
  seniority?: ReadonlyMap<string, SeniorityLevel>;
}

export interface ReportWeek {
  week: number;
  /** Share of members who answered that week's check-in (0..1). */
  responseRate: Aggregate;
  /** Average confidence, 1..5. */
  confidence: Aggregate;
  hoursSaved: Aggregate;
}

export interface PairedAdoption {
  week: number;
  /** How many answered both the baseline and this week (in fives: released pairs only). */
  pairs: number;
  /** Share of those people using AI at the baseline (0..1). */
  before: Aggregate;
  /** Share of the same people using AI at this week (0..1). */
  after: Aggregate;
}

export interface FrequencyDistribution {
  week: number;
  /** Released respondents the counts are over (0: fewer than 5 answered). */
  respondents: number;
  counts: Array<{ frequency: UsageFrequency; count: number }>;
}

export interface BlockerTheme {
  blocker: Blocker;
  /** Check-ins naming it, among `checkIns` released check-ins. */
  count: number;
}

export const FUNNEL_STEPS = ["tried", "weekly", "week-8", "week-12"] as const;
export type FunnelStep = (typeof FUNNEL_STEPS)[number];

export interface ReportFigures {
  cohortCount: number;
  memberCount: number;
  /** Share of members who answered at least one check-in (0..1). */
  participation: Aggregate;
  confidence: Aggregate;
  hoursSaved: Aggregate;
  /** Average hours saved per programme week, over the hours of one FTE. */
  fteSaved: Aggregate;
  costSaved: Aggregate;
  weekly: ReportWeek[];
  adoption: PairedAdoption[];
  frequency: FrequencyDistribution[];
  blockers: { checkIns: number; themes: BlockerTheme[] };
  /**
   * People at each step, each step within the one before, counted in fives: checked in at least
   * once → used AI weekly or more at week 4 → still using it at week 8 → at week 12.
   */
  funnel: Array<{ step: FunnelStep; people: Aggregate }>;
  /** Measured Copilot usage at weeks 4, 8 and 12, when the tenant turned it on (domain/measured-usage.ts). */
  measured?: MeasuredUsageFigures;
}

/** A released prefix, reduced to what adding up needs: how many answers and their total. */
export interface Part {
  n: number;
  sum: number;
}
/** A count of people rounded down to a multiple of 5, in a group of `of` (0 when the group is under 5). */
export interface Count {
  count: number;
  of: number;
}

export interface CohortParts {
  memberCount: number;
  /** Members whose answers the parts may use: memberCount, or 0 when the group is under 5 or withheld. */
  releasedMembers: number;
  participation: Count;
  weekly: Map<number, { responses: Count; confidence: Part; minutes: Part }>;
  adoption: Map<number, { pairs: number; before: number; after: number }>;
  frequency: Map<number, { respondents: number; counts: Map<UsageFrequency, number> }>;
  blockers: { checkIns: number; counts: Map<Blocker, number> };
  funnel: Map<FunnelStep, Count>;
}

const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;
const checkInOrder = (c: CheckIn): RecordedOrder => ({ recordedAt: c.submittedAt ?? "", id: c.id });
const adoptionOrder = (a: AdoptionAnswer): RecordedOrder => ({ recordedAt: a.firstAnsweredAt ?? a.answeredAt ?? "", id: a.id });

function partOf<T>(answers: readonly T[], orderOf: (a: T) => RecordedOrder, valueOf: (a: T) => number): Part {
  const released = releasedPrefix(answers, orderOf);
  return { n: released.length, sum: released.reduce((s, a) => s + valueOf(a), 0) };
}

function countIn(people: number, memberCount: number): Count {
  return memberCount < MIN_GROUP_SIZE ? { count: 0, of: 0 } : { count: roundDownToStep(people), of: memberCount };
}

/**
 * One cohort's released parts: everything a roll-up may use, and nothing more. `withheld` (a
 * seniority level protecting a smaller one) releases nothing, as a group under 5 does.
 */
export function cohortParts(input: ReportCohortInput, withheld = false): CohortParts {
  const members = new Set(input.memberIds);
  const memberCount = members.size;
  const small = memberCount < MIN_GROUP_SIZE || withheld;
  const countOf = (people: number, of: number) => countIn(people, small ? 0 : of);
  const checkIns = small ? [] : input.records.checkIns.filter((c) => members.has(c.userId));
  const adoption = small ? [] : input.records.adoption.filter((a) => members.has(a.userId));

  const weekly = new Map<number, { responses: Count; confidence: Part; minutes: Part }>();
  for (const week of [...new Set(checkIns.map((c) => c.sessionNumber))].sort((a, b) => a - b)) {
    const answers = checkIns.filter((c) => c.sessionNumber === week);
    weekly.set(week, { responses: countOf(answers.length, memberCount), confidence: partOf(answers, checkInOrder, (c) => c.confidence), minutes: partOf(answers, checkInOrder, (c) => c.minutesSaved) });
  }

  const answersAt = (week: number) => new Map(adoption.filter((a) => a.week === week).map((a) => [a.userId, a]));
  const baseline = answersAt(0);
  const adoptionParts = new Map<number, { pairs: number; before: number; after: number }>();
  const frequency = new Map<number, { respondents: number; counts: Map<UsageFrequency, number> }>();
  for (const week of REPORT_ADOPTION_WEEKS) {
    const atWeek = answersAt(week);
    const paired = [...atWeek.values()].filter((a) => baseline.has(a.userId));
    const released = releasedPrefix(paired, adoptionOrder);
    adoptionParts.set(week, { pairs: released.length, before: released.filter((a) => baseline.get(a.userId)!.stillUsing).length, after: released.filter((a) => a.stillUsing).length });
    const respondents = releasedPrefix([...atWeek.values()], adoptionOrder);
    frequency.set(week, { respondents: respondents.length, counts: new Map(USAGE_FREQUENCIES.map((f) => [f, respondents.filter((a) => a.frequency === f).length])) });
  }

  const releasedCheckIns = releasedPrefix(checkIns, checkInOrder);
  const blockerCounts = new Map(BLOCKERS.map((b) => [b, releasedCheckIns.filter((c) => c.blockers?.includes(b)).length]));

  const tried = new Set(checkIns.map((c) => c.userId));
  // "Used weekly": at the first check after the baseline (week 4), weekly or more often.
  const weeklyAtWeek4 = new Set(adoption.filter((a) => a.week === 4 && WEEKLY_OR_MORE.has(a.frequency)).map((a) => a.userId));
  const weeklyUsers = [...tried].filter((u) => weeklyAtWeek4.has(u));
  const using8 = new Set(adoption.filter((a) => a.week === 8 && a.stillUsing).map((a) => a.userId));
  const using12 = new Set(adoption.filter((a) => a.week === 12 && a.stillUsing).map((a) => a.userId));
  const atWeek8 = weeklyUsers.filter((u) => using8.has(u));
  const atWeek12 = atWeek8.filter((u) => using12.has(u));

  return {
    memberCount,
    releasedMembers: small ? 0 : memberCount,
    participation: countOf(tried.size, memberCount),
    weekly,
    adoption: adoptionParts,
    frequency,
    blockers: { checkIns: releasedCheckIns.length, counts: blockerCounts },
    funnel: new Map<FunnelStep, Count>([["tried", countOf(tried.size, memberCount)], ["weekly", countOf(weeklyUsers.length, memberCount)], ["week-8", countOf(atWeek8.length, memberCount)], ["week-12", countOf(atWeek12.length, memberCount)]]),
  };
}

const addCounts = (counts: Count[]): Count => counts.reduce((t, c) => ({ count: t.count + c.count, of: t.of + c.of }), { count: 0, of: 0 });
const addParts = (parts: Part[]): Part => parts.reduce((t, p) => ({ n: t.n + p.n, sum: t.sum + p.sum }), { n: 0, sum: 0 });

function shareOf(c: Count): Aggregate {
  return c.of < MIN_GROUP_SIZE || c.count === 0 ? { suppressed: true } : { suppressed: false, n: c.of, value: round(c.count / c.of), basis: "rounded-down-share" };
}
function peopleOf(c: Count): Aggregate {
  return c.of < MIN_GROUP_SIZE ? { suppressed: true } : { suppressed: false, n: c.of, value: c.count, basis: "rounded-down-count" };
}
function overParts(p: Part, compute: (p: Part) => number): Aggregate {
  return p.n < MIN_GROUP_SIZE ? { suppressed: true } : { suppressed: false, n: p.n, value: compute(p), basis: "first-respondents" };
}

/** A slice's figures: the sum of its cohorts' released parts. */
export function combine(parts: readonly CohortParts[], assumptions: ReportAssumptions): ReportFigures {
  const weeks = [...new Set(parts.flatMap((p) => [...p.weekly.keys()]))].sort((a, b) => a - b);
  const weekly = weeks.map((week) => {
    const at = parts.map((p) => p.weekly.get(week)).filter((w) => w !== undefined);
    const minutes = addParts(at.map((w) => w.minutes));
    return {
      week,
      // Cohorts that had no answers that week still had members who could have answered.
      responseRate: shareOf(addCounts(parts.map((p) => p.weekly.get(week)?.responses ?? countIn(0, p.releasedMembers)))),
      confidence: overParts(addParts(at.map((w) => w.confidence)), (c) => round(c.sum / c.n)),
      hoursSaved: overParts(minutes, (m) => round(m.sum / 60, 1)),
      minutes,
    };
  });
  const allConfidence = addParts(weeks.flatMap((week) => parts.map((p) => p.weekly.get(week)?.confidence ?? { n: 0, sum: 0 })));
  const releasedWeeks = weekly.filter((w) => !w.hoursSaved.suppressed);
  const minutes = addParts(releasedWeeks.map((w) => w.minutes));
  const hours = minutes.sum / 60;

  return {
    cohortCount: parts.length,
    memberCount: parts.reduce((s, p) => s + p.memberCount, 0),
    participation: shareOf(addCounts(parts.map((p) => p.participation))),
    confidence: overParts(allConfidence, (c) => round(c.sum / c.n)),
    hoursSaved: overParts(minutes, () => round(hours, 1)),
    fteSaved: overParts(minutes, () => round(hours / releasedWeeks.length / assumptions.hoursPerFtePerWeek)),
    costSaved: overParts(minutes, () => Math.round(hours * assumptions.costPerHour)),
    weekly: weekly.map(({ minutes: _m, ...w }) => w),
    adoption: REPORT_ADOPTION_WEEKS.map((week) => {
      const at = parts.map((p) => p.adoption.get(week)!);
      const pairs = at.reduce((s, a) => s + a.pairs, 0);
      const share = (count: number): Aggregate => (pairs < MIN_GROUP_SIZE ? { suppressed: true } : { suppressed: false, n: pairs, value: round(count / pairs), basis: "first-respondents" });
      return { week, pairs, before: share(at.reduce((s, a) => s + a.before, 0)), after: share(at.reduce((s, a) => s + a.after, 0)) };
    }),
    frequency: REPORT_ADOPTION_WEEKS.map((week) => {
      const at = parts.map((p) => p.frequency.get(week)!);
      return { week, respondents: at.reduce((s, f) => s + f.respondents, 0), counts: USAGE_FREQUENCIES.map((frequency) => ({ frequency, count: at.reduce((s, f) => s + (f.counts.get(frequency) ?? 0), 0) })) };
    }),
    blockers: {
      checkIns: parts.reduce((s, p) => s + p.blockers.checkIns, 0),
      themes: BLOCKERS.map((blocker) => ({ blocker, count: parts.reduce((s, p) => s + (p.blockers.counts.get(blocker) ?? 0), 0) })).sort((a, b) => b.count - a.count),
    },
    funnel: FUNNEL_STEPS.map((step) => ({ step, people: peopleOf(addCounts(parts.map((p) => p.funnel.get(step)!))) })),
  };
}

/**
 * The seniority levels of a cohort that must release nothing: those under 5 people, and with them
 * the smallest others until together they are 5 or more (or all of them), so no released level's
 * complement in the cohort is under 5. Levels with nobody in them need no protection.
 */
export function withheldLevels(sizes: ReadonlyMap<SeniorityLevel, number>): Set<SeniorityLevel> {
  const present = SENIORITY_LEVELS.filter((l) => (sizes.get(l) ?? 0) > 0);
  const withheld = new Set(present.filter((l) => sizes.get(l)! < MIN_GROUP_SIZE));
  const held = () => [...withheld].reduce((s, l) => s + sizes.get(l)!, 0);
  while (withheld.size > 0 && withheld.size < present.length && held() < MIN_GROUP_SIZE) {
    const next = present.filter((l) => !withheld.has(l)).sort((a, b) => sizes.get(a)! - sizes.get(b)! || SENIORITY_LEVELS.indexOf(a) - SENIORITY_LEVELS.indexOf(b))[0]!;
    withheld.add(next);
  }
  return withheld;
}

/** One cohort's parts per seniority level (withheld levels release nothing). */
export function seniorityParts(input: ReportCohortInput): Map<SeniorityLevel, CohortParts> {
  const levelOf = (userId: string): SeniorityLevel => input.seniority?.get(userId) ?? "individual";
  const members = [...new Set(input.memberIds)];
  const byLevel = new Map(SENIORITY_LEVELS.map((l) => [l, members.filter((u) => levelOf(u) === l)]));
  const withheld = withheldLevels(new Map(SENIORITY_LEVELS.map((l) => [l, byLevel.get(l)!.length])));
  return new Map(SENIORITY_LEVELS.map((l) => [l, cohortParts({ ...input, memberIds: byLevel.get(l)! }, withheld.has(l))]));
}

export interface ImpactReport {
  assumptions: ReportAssumptions;
  overall: ReportFigures;
  byCohort: Array<{ cohortId: string; figures: ReportFigures }>;
  byTrack: Array<{ trackId: string; figures: ReportFigures }>;
  bySeniority: Array<{ level: SeniorityLevel; figures: ReportFigures }>;
}

export interface ImpactReportOptions {
  /** Only members at this level: every slice is then built from the cohorts' parts for that level. */
  seniority?: SeniorityLevel;
}

export function computeImpactReport(cohorts: readonly ReportCohortInput[], assumptions: ReportAssumptions = DEFAULT_REPORT_ASSUMPTIONS, options: ImpactReportOptions = {}): ImpactReport {
  return impactReportFromParts(cohorts.map((c) => ({ cohortId: c.cohortId, trackId: c.trackId, parts: reportPartsOf(c) })), assumptions, options);
}

/**
 * Everything the report needs from one cohort: its released parts as a whole and per seniority
 * level. They depend only on the cohort's members (and their levels) and their check-ins and
 * adoption answers, never on the clock or the assumptions, so they can be kept with a key of what
 * they were computed from (usecases/dashboard/impact-report-parts.ts) and the report built from
 * them gives exactly what `computeImpactReport` gives from the raw records.
 */
export interface CohortReportParts {
  all: CohortParts;
  levels: ReadonlyMap<SeniorityLevel, CohortParts>;
}

export function reportPartsOf(input: ReportCohortInput): CohortReportParts {
  return { all: cohortParts(input), levels: seniorityParts(input) };
}

/** The report from each cohort's parts (in the order given): the same roll-ups as `computeImpactReport`. */
export function impactReportFromParts(cohorts: ReadonlyArray<{ cohortId: string; trackId: string; parts: CohortReportParts }>, assumptions: ReportAssumptions = DEFAULT_REPORT_ASSUMPTIONS, options: ImpactReportOptions = {}): ImpactReport {
  const levels = cohorts.map((c) => ({ cohort: c, levels: c.parts.levels }));
  const parts = options.seniority
    ? levels.map((l) => ({ cohort: l.cohort, parts: l.levels.get(options.seniority!)! }))
    : cohorts.map((c) => ({ cohort: c, parts: c.parts.all }));
  const trackIds = [...new Set(cohorts.map((c) => c.trackId))].sort();
  const shown = options.seniority ? [options.seniority] : SENIORITY_LEVELS;
  return {
    assumptions,
    overall: combine(parts.map((p) => p.parts), assumptions),
    byCohort: parts.map((p) => ({ cohortId: p.cohort.cohortId, figures: combine([p.parts], assumptions) })),
    byTrack: trackIds.map((trackId) => ({ trackId, figures: combine(parts.filter((p) => p.cohort.trackId === trackId).map((p) => p.parts), assumptions) })),
    bySeniority: shown.map((level) => ({ level, figures: combine(levels.map((l) => l.levels.get(level)!), assumptions) })),
  };
}

/** `CohortReportParts` as plain JSON (maps as entry lists, in their order), to keep in the store. */
export interface StoredCohortParts {
  memberCount: number;
  releasedMembers: number;
  participation: Count;
  weekly: Array<[number, { responses: Count; confidence: Part; minutes: Part }]>;
  adoption: Array<[number, { pairs: number; before: number; after: number }]>;
  frequency: Array<[number, { respondents: number; counts: Array<[UsageFrequency, number]> }]>;
  blockers: { checkIns: number; counts: Array<[Blocker, number]> };
  funnel: Array<[FunnelStep, Count]>;
}
export interface StoredReportParts {
  all: StoredCohortParts;
  levels: Array<[SeniorityLevel, StoredCohortParts]>;
}

function storeParts(p: CohortParts): StoredCohortParts {
  return {
    memberCount: p.memberCount,
    releasedMembers: p.releasedMembers,
    participation: p.participation,
    weekly: [...p.weekly.entries()],
    adoption: [...p.adoption.entries()],
    frequency: [...p.frequency.entries()].map(([week, f]) => [week, { respondents: f.respondents, counts: [...f.counts.entries()] }]),
    blockers: { checkIns: p.blockers.checkIns, counts: [...p.blockers.counts.entries()] },
    funnel: [...p.funnel.entries()],
  };
}

function restoreParts(p: StoredCohortParts): CohortParts {
  return {
    memberCount: p.memberCount,
    releasedMembers: p.releasedMembers,
    participation: p.participation,
    weekly: new Map(p.weekly),
    adoption: new Map(p.adoption),
    frequency: new Map(p.frequency.map(([week, f]) => [week, { respondents: f.respondents, counts: new Map(f.counts) }])),
    blockers: { checkIns: p.blockers.checkIns, counts: new Map(p.blockers.counts) },
    funnel: new Map(p.funnel),
  };
}

export function storeReportParts(parts: CohortReportParts): StoredReportParts {
  return { all: storeParts(parts.all), levels: [...parts.levels.entries()].map(([level, p]) => [level, storeParts(p)]) };
}

export function restoreReportParts(stored: StoredReportParts): CohortReportParts {
  return { all: restoreParts(stored.all), levels: new Map(stored.levels.map(([level, p]) => [level, restoreParts(p)])) };
}
