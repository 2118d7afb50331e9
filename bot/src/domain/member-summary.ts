/** A member's own view of their progress: what `progress` shows them. Never suppressed: it is theirs. */
import { currentDifficulty, type AlertResolution } from "./alerts";
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
  /** The same rule as the facilitators' view (domain/alerts.ts `currentDifficulty`). */
  stuck: boolean;
}

export function summariseMember(timeline: TimelineEvent[], records: MemberRecords, now: Date, resolutions: AlertResolution[] = []): MemberSummary {
  const dueSessions = timeline.filter((e) => e.kind === "checkin" && new Date(e.dueAt) <= now).map((e) => e.sessionNumber!);
  const answered = new Set(records.checkIns.map((c) => c.sessionNumber));
  // A check-in still open and not yet answered does not break the streak: there is time left.
  const stillOpen = new Set(timeline.filter((e) => e.kind === "checkin" && new Date(e.dueAt) <= now && e.closesAt && new Date(e.closesAt) > now).map((e) => e.sessionNumber!));
  const counted = dueSessions.filter((n, i) => i < dueSessions.length - 1 || answered.has(n) || !stillOpen.has(n));
  let streak = 0;
  for (let i = counted.length - 1; i >= 0 && answered.has(counted[i]!); i--) streak++;
  const sorted = [...records.checkIns].sort((a, b) => a.sessionNumber - b.sessionNumber);
  return {
    streak,
    checkInsDone: records.checkIns.length,
    checkInsDue: dueSessions.length,
    minutesSaved: records.checkIns.reduce((s, c) => s + c.minutesSaved, 0),
    wins: records.wins.length,
    ...(sorted.length ? { lastConfidence: sorted[sorted.length - 1]!.confidence } : {}),
    confidenceTrend: sorted.map((c) => c.confidence),
    stuck: currentDifficulty(records.checkIns, resolutions) === "stuck",
  };
}
