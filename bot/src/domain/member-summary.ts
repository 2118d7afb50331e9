/** A member's own view of their progress: what `progress` shows them. Never suppressed: it is theirs. */
import type { MemberRecords } from "./ports";
import type { TimelineEvent } from "./types";

export interface MemberSummary {
  streak: number;
  checkInsDone: number;
  checkInsDue: number;
  minutesSaved: number;
  wins: number;
  lastConfidence?: number;
  confidenceTrend: number[];
}

export function summariseMember(timeline: TimelineEvent[], records: MemberRecords, now: Date): MemberSummary {
  const dueSessions = timeline.filter((e) => e.kind === "checkin" && new Date(e.dueAt) <= now).map((e) => e.sessionNumber!);
  const answered = new Set(records.checkIns.map((c) => c.sessionNumber));
  let streak = 0;
  for (let i = dueSessions.length - 1; i >= 0 && answered.has(dueSessions[i]!); i--) streak++;
  const sorted = [...records.checkIns].sort((a, b) => a.sessionNumber - b.sessionNumber);
  return {
    streak,
    checkInsDone: records.checkIns.length,
    checkInsDue: dueSessions.length,
    minutesSaved: records.checkIns.reduce((s, c) => s + c.minutesSaved, 0),
    wins: records.wins.length,
    ...(sorted.length ? { lastConfidence: sorted[sorted.length - 1]!.confidence } : {}),
    confidenceTrend: sorted.map((c) => c.confidence),
  };
}
