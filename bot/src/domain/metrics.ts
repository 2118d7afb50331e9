/**
 * Cohort metrics: participation, confidence, minutes saved, adoption at weeks 0/4/8, policy
 * acknowledgement and who needs help. Every figure about members' answers that a member can see
 * is released here, and only here, by two rules:
 *
 * 1. Groups of fewer than MIN_GROUP_SIZE people are suppressed: with three people in a group, an
 *    "average confidence" is somebody's confidence.
 * 2. No release may be differenced against another to recover one person's answer. Averages and
 *    totals are computed over a stable prefix of the respondents: answers are ordered by when they
 *    were first recorded (then id), and the figure covers the first floor(n / 5) * 5 of them. A new
 *    answer joins the end of that order, so a released figure stays the same until five more people
 *    have answered, and two releases differ by at least five people's answers. Counts of people
 *    (respondents, participation, stuck, asked for help, policy acknowledged) are rounded down to a
 *    multiple of 5, and the Aggregate says so (`basis`), so the tab can label them honestly.
 *    Before this rule, a cohort's figures at n = 5 and n = 6 gave the sixth person's confidence,
 *    minutes and help request exactly.
 *
 * Residual risks, known and accepted (closing them needs a history of releases):
 * - Leaving the prefix: when a member whose answer is in the released prefix deletes their data
 *   ("delete my data") or leaves the cohort, the prefix closes up and the next respondent moves
 *   in; comparing the releases before and after gives the difference between those two people's
 *   answers (not either answer). When n drops below a multiple of 5, the release falls back to the
 *   previous, already-released prefix, which reveals nothing new.
 * - Changing an answer: a member who resubmits a check-in inside the prefix moves the figure by
 *   their own change (old answer to new), which someone who knows they resubmitted can read.
 *   Their position in the order is kept (first-recorded time), so nobody else moves.
 * - Crossing a step: a count that moves from 5 to 10 tells someone watching continuously that the
 *   people who acted since the last release include the one who made it cross; with many answers
 *   between looks, it says nothing about which.
 * - Homogeneity: if all five people in a step answered alike, the step reveals it (as any group
 *   figure over five people does).
 * Staff (facilitators and admins) see each member's status by name by design; that table is
 * never shown to members and is not a released figure.
 */
import { currentDifficulty, type AlertResolution } from "./alerts";
import { groupBy } from "./group-by";
import type { CohortRecords } from "./ports";
import type { AdoptionAnswer, AdoptionPoint, Aggregate, CheckIn, Membership, MemberProgress, MemberProgressStatus, TimelineEvent, WeeklyPoint } from "./types";

const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

export const MIN_GROUP_SIZE = 5;
/** Released figures move in steps of this many people. */
export const RELEASE_STEP = MIN_GROUP_SIZE;

/** `count` rounded down to a multiple of RELEASE_STEP. */
export function roundDownToStep(count: number): number {
  return Math.floor(count / RELEASE_STEP) * RELEASE_STEP;
}

/** Where an answer stands in the order respondents joined a group: first recorded, then id. */
export interface RecordedOrder {
  recordedAt: string;
  id: string;
}

/**
 * The answers a released figure may use: the first floor(n / 5) * 5 in recorded order. Empty when
 * fewer than 5 answered. Answers without a timestamp (older records) sort first, by id.
 */
export function releasedPrefix<T>(answers: readonly T[], orderOf: (answer: T) => RecordedOrder): T[] {
  const keyed = answers.map((answer) => ({ answer, key: orderOf(answer) }));
  keyed.sort((a, b) => (a.key.recordedAt < b.key.recordedAt ? -1 : a.key.recordedAt > b.key.recordedAt ? 1 : a.key.id < b.key.id ? -1 : a.key.id > b.key.id ? 1 : 0));
  return keyed.slice(0, roundDownToStep(keyed.length)).map((k) => k.answer);
}

/** A figure computed over the released prefix of `answers`; suppressed when fewer than 5 answered. */
export function overFirstRespondents<T>(answers: readonly T[], orderOf: (answer: T) => RecordedOrder, compute: (released: T[]) => number): Aggregate {
  const released = releasedPrefix(answers, orderOf);
  return released.length === 0 ? { suppressed: true } : { suppressed: false, n: released.length, value: compute(released), basis: "first-respondents" };
}

/** How many of a group responded, rounded down to a multiple of 5; suppressed below 5 responses or in a group under 5. */
export function respondentCount(count: number, groupSize: number): Aggregate {
  const released = roundDownToStep(count);
  return groupSize < MIN_GROUP_SIZE || released === 0 ? { suppressed: true } : { suppressed: false, n: groupSize, value: released, basis: "rounded-down-count" };
}

/** The share of a group that responded, from the rounded-down count; suppressed below 5 responses or in a group under 5. */
export function respondentShare(count: number, groupSize: number): Aggregate {
  const released = roundDownToStep(count);
  return groupSize < MIN_GROUP_SIZE || released === 0 ? { suppressed: true } : { suppressed: false, n: groupSize, value: round(released / groupSize), basis: "rounded-down-share" };
}

/** How many members are in some state (stuck, asked for help), rounded down to a multiple of 5 (0: fewer than 5). */
export function memberCountIn(count: number, groupSize: number): Aggregate {
  return groupSize < MIN_GROUP_SIZE ? { suppressed: true } : { suppressed: false, n: groupSize, value: roundDownToStep(count), basis: "rounded-down-count" };
}

/** The share of members in some state (e.g. acknowledged the policy), from the rounded-down count. */
export function memberShareIn(count: number, groupSize: number): Aggregate {
  return groupSize < MIN_GROUP_SIZE ? { suppressed: true } : { suppressed: false, n: groupSize, value: round(roundDownToStep(count) / groupSize), basis: "rounded-down-share" };
}

/**
 * A figure as given, with only the group-size rule: it can be differenced, so it is only for
 * staff-only figures (e.g. the admin's policy acknowledgement rates per cohort). Anything a member
 * can see uses `memberShareIn` / `memberCountIn` (counts of people) or `overFirstRespondents`.
 */
export function aggregate(people: number, value: number): Aggregate {
  return people < MIN_GROUP_SIZE ? { suppressed: true } : { suppressed: false, n: people, value, basis: "exact" };
}

const checkInOrder = (c: CheckIn): RecordedOrder => ({ recordedAt: c.submittedAt ?? "", id: c.id });
const adoptionOrder = (a: AdoptionAnswer): RecordedOrder => ({ recordedAt: a.firstAnsweredAt ?? a.answeredAt ?? "", id: a.id });

export interface CohortProgress {
  memberCount: number;
  weekly: WeeklyPoint[];
  adoption: AdoptionPoint[];
  policyAcknowledged: Aggregate;
  members: MemberProgress[];
  stuckCount: Aggregate;
  helpRequests: Aggregate;
}

export interface ProgressInput {
  timeline: TimelineEvent[];
  memberships: Membership[];
  records: CohortRecords;
  acknowledgedUserIds: Set<string>;
  now: Date;
  /** Alerts a facilitator marked resolved: they clear "stuck" and "asked for help" (domain/alerts.ts). */
  resolutions?: AlertResolution[];
}


export function computeCohortProgress({ timeline, memberships, records, acknowledgedUserIds, now, resolutions = [] }: ProgressInput): CohortProgress {
  const memberIds = new Set(memberships.map((m) => m.userId));
  const checkIns = records.checkIns.filter((c) => memberIds.has(c.userId));
  const memberCount = memberships.length;
  const past = timeline.filter((e) => new Date(e.dueAt) <= now);

  const weekly: WeeklyPoint[] = past
    .filter((e) => e.kind === "checkin")
    .map((event) => {
      const answers = checkIns.filter((c) => c.sessionNumber === event.sessionNumber);
      return {
        week: event.week,
        participation: respondentShare(answers.length, memberCount),
        confidence: overFirstRespondents(answers, checkInOrder, (first) => round(first.reduce((s, c) => s + c.confidence, 0) / first.length)),
        minutesSaved: overFirstRespondents(answers, checkInOrder, (first) => first.reduce((s, c) => s + c.minutesSaved, 0)),
      };
    });

  const adoption: AdoptionPoint[] = past
    .filter((e) => e.kind === "baseline" || e.kind === "adoption")
    .map((event) => {
      const answers = records.adoption.filter((a) => a.week === event.adoptionWeek && memberIds.has(a.userId));
      const stillUsing = overFirstRespondents(answers, adoptionOrder, (first) => round(first.filter((a) => a.stillUsing).length / first.length));
      return { week: event.adoptionWeek ?? 0, stillUsing, respondents: roundDownToStep(answers.length) };
    });

  const acknowledged = memberships.filter((m) => acknowledgedUserIds.has(m.userId)).length;
  // Each member's own records, grouped once: looking them up per member made a 5,000-member
  // cohort's figures cost 5,000 passes over some 20,000 check-ins and commitments.
  const checkInsOf = groupBy(checkIns, (c) => c.userId);
  const resolutionsOf = groupBy(resolutions, (r) => r.userId);
  const committed = new Set(records.commitments.map((c) => c.userId));
  const members = memberships.map((m) => memberProgress(m, past, committed.has(m.userId), checkInsOf.get(m.userId) ?? [], resolutionsOf.get(m.userId) ?? []));
  return {
    memberCount,
    weekly,
    adoption,
    policyAcknowledged: memberShareIn(acknowledged, memberCount),
    members,
    stuckCount: memberCountIn(members.filter((m) => m.status === "stuck").length, memberCount),
    helpRequests: memberCountIn(members.filter((m) => m.status === "asked-for-help").length, memberCount),
  };
}

/** One member's row, from that member's own check-ins and alert resolutions only. */
function memberProgress(member: Membership, past: TimelineEvent[], committed: boolean, checkIns: CheckIn[], resolutions: AlertResolution[]): MemberProgress {
  const sorted = [...checkIns].sort((a, b) => a.sessionNumber - b.sessionNumber);
  const latest = sorted[sorted.length - 1];
  return {
    userId: member.userId,
    displayName: member.displayName,
    status: memberStatus(past, committed, sorted, resolutions),
    checkInsDone: sorted.length,
    minutesSaved: sorted.reduce((s, c) => s + c.minutesSaved, 0),
    ...(latest ? { lastConfidence: latest.confidence } : {}),
  };
}

function memberStatus(past: TimelineEvent[], committed: boolean, checkIns: CheckIn[], resolutions: AlertResolution[]): MemberProgressStatus {
  const difficulty = currentDifficulty(checkIns, resolutions);
  if (difficulty) return difficulty;
  const dueCheckIns = past.filter((e) => e.kind === "checkin").map((e) => e.sessionNumber);
  const answered = new Set(checkIns.map((c) => c.sessionNumber));
  if (dueCheckIns.filter((s) => !answered.has(s!)).length >= 2) return "missed-checkins";
  const somethingDue = past.some((e) => e.kind === "apply" || e.kind === "checkin");
  if (somethingDue && !committed && checkIns.length === 0) return "not-started";
  return "on-track";
}

/** Responses recorded for one timeline event, for the timeline view: rounded down to a multiple of 5. */
export function responsesForEvent(event: TimelineEvent, records: CohortRecords, memberCount: number): Aggregate {
  let count = 0;
  if (event.kind === "apply") count = records.commitments.filter((c) => c.sessionNumber === event.sessionNumber).length;
  else if (event.kind === "checkin" || event.kind === "checkin-reminder") count = records.checkIns.filter((c) => c.sessionNumber === event.sessionNumber).length;
  else if (event.kind === "adoption" || event.kind === "baseline") count = records.adoption.filter((a) => a.week === event.adoptionWeek).length;
  else return { suppressed: true };
  return respondentCount(count, memberCount);
}
