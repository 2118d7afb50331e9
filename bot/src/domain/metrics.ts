/**
 * Cohort metrics: participation, confidence, minutes saved, adoption at weeks 0/4/8, policy
 * acknowledgement and who needs help. Any aggregate over fewer than MIN_GROUP_SIZE people is
 * suppressed: with three people in a group, an "average confidence" is somebody's confidence.
 */
import { reportsStuck } from "./reflections";
import type { CohortRecords } from "./ports";
import type { AdoptionPoint, Aggregate, CheckIn, Membership, MemberProgress, MemberProgressStatus, TimelineEvent, WeeklyPoint } from "./types";

export const MIN_GROUP_SIZE = 5;

export function aggregate(people: number, value: number): Aggregate {
  return people < MIN_GROUP_SIZE ? { suppressed: true } : { suppressed: false, n: people, value };
}

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
}

const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

export function computeCohortProgress({ timeline, memberships, records, acknowledgedUserIds, now }: ProgressInput): CohortProgress {
  const memberIds = new Set(memberships.map((m) => m.userId));
  const checkIns = records.checkIns.filter((c) => memberIds.has(c.userId));
  const memberCount = memberships.length;
  const past = timeline.filter((e) => new Date(e.dueAt) <= now);

  const weekly: WeeklyPoint[] = past
    .filter((e) => e.kind === "checkin")
    .map((event) => {
      const answers = checkIns.filter((c) => c.sessionNumber === event.sessionNumber);
      const confidence = answers.reduce((s, c) => s + c.confidence, 0) / (answers.length || 1);
      const minutes = answers.reduce((s, c) => s + c.minutesSaved, 0);
      return {
        week: event.week,
        participation: aggregate(memberCount, round(answers.length / (memberCount || 1))),
        confidence: aggregate(answers.length, round(confidence)),
        minutesSaved: aggregate(answers.length, minutes),
      };
    });

  const adoption: AdoptionPoint[] = past
    .filter((e) => e.kind === "baseline" || e.kind === "adoption")
    .map((event) => {
      const answers = records.adoption.filter((a) => a.week === event.adoptionWeek && memberIds.has(a.userId));
      const using = answers.filter((a) => a.stillUsing).length;
      return { week: event.adoptionWeek ?? 0, stillUsing: aggregate(answers.length, round(using / (answers.length || 1))), respondents: answers.length };
    });

  const acknowledged = memberships.filter((m) => acknowledgedUserIds.has(m.userId)).length;
  const members = memberships.map((m) => memberProgress(m, past, records, checkIns.filter((c) => c.userId === m.userId)));
  return {
    memberCount,
    weekly,
    adoption,
    policyAcknowledged: aggregate(memberCount, round(acknowledged / (memberCount || 1))),
    members,
    stuckCount: aggregate(memberCount, members.filter((m) => m.status === "stuck").length),
    helpRequests: aggregate(memberCount, members.filter((m) => m.status === "asked-for-help").length),
  };
}

function memberProgress(member: Membership, past: TimelineEvent[], records: CohortRecords, checkIns: CheckIn[]): MemberProgress {
  const sorted = [...checkIns].sort((a, b) => a.sessionNumber - b.sessionNumber);
  const latest = sorted[sorted.length - 1];
  return {
    userId: member.userId,
    displayName: member.displayName,
    status: memberStatus(member.userId, past, records, sorted),
    checkInsDone: sorted.length,
    minutesSaved: sorted.reduce((s, c) => s + c.minutesSaved, 0),
    ...(latest ? { lastConfidence: latest.confidence } : {}),
  };
}

function memberStatus(userId: string, past: TimelineEvent[], records: CohortRecords, checkIns: CheckIn[]): MemberProgressStatus {
  const latest = checkIns[checkIns.length - 1];
  if (latest?.wantsHelp) return "asked-for-help";
  if (checkIns.filter(reportsStuck).length >= 2) return "stuck";
  const dueCheckIns = past.filter((e) => e.kind === "checkin").map((e) => e.sessionNumber);
  const answered = new Set(checkIns.map((c) => c.sessionNumber));
  if (dueCheckIns.filter((s) => !answered.has(s!)).length >= 2) return "missed-checkins";
  const committed = records.commitments.some((c) => c.userId === userId);
  const somethingDue = past.some((e) => e.kind === "apply" || e.kind === "checkin");
  if (somethingDue && !committed && checkIns.length === 0) return "not-started";
  return "on-track";
}

/** Responses recorded for one timeline event, for the timeline view. */
export function responsesForEvent(event: TimelineEvent, records: CohortRecords, memberCount: number): Aggregate {
  let count = 0;
  if (event.kind === "apply") count = records.commitments.filter((c) => c.sessionNumber === event.sessionNumber).length;
  else if (event.kind === "checkin" || event.kind === "checkin-reminder") count = records.checkIns.filter((c) => c.sessionNumber === event.sessionNumber).length;
  else if (event.kind === "adoption" || event.kind === "baseline") count = records.adoption.filter((a) => a.week === event.adoptionWeek).length;
  else return { suppressed: true };
  return aggregate(memberCount, count);
}
