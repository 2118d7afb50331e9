/**
 * When a facilitator should hear about a member: they asked for help, they reported being stuck
 * twice, or they have missed two check-ins. Early, specific help is what keeps people going.
 */
import { reportsStuck } from "./reflections";
import type { AlertReason, CheckIn, Membership, TimelineEvent } from "./types";

export function alertReasonsAfterCheckIn(checkIn: CheckIn, earlierCheckIns: CheckIn[]): AlertReason[] {
  const reasons: AlertReason[] = [];
  if (checkIn.wantsHelp) reasons.push("asked-for-help");
  const earlierStuck = earlierCheckIns.some((c) => c.sessionNumber !== checkIn.sessionNumber && c.userId === checkIn.userId && reportsStuck(c));
  if (reportsStuck(checkIn) && earlierStuck) reasons.push("stuck-twice");
  return reasons;
}

/** Members with no answer to two or more check-ins that are already past due. */
export function membersWithTwoMissedCheckIns(timeline: TimelineEvent[], memberships: Membership[], checkIns: CheckIn[], now: Date): Membership[] {
  const pastSessions = timeline.filter((e) => e.kind === "checkin" && new Date(e.dueAt) <= now).map((e) => e.sessionNumber!);
  if (pastSessions.length < 2) return [];
  const answered = new Set(checkIns.map((c) => `${c.userId}:${c.sessionNumber}`));
  return memberships.filter((m) => pastSessions.filter((s) => !answered.has(`${m.userId}:${s}`)).length >= 2);
}
