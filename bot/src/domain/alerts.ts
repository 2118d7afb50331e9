/**
 * When a facilitator should hear about a member: they asked for help, they reported being stuck
 * twice, or they have missed two check-ins. Early, specific help is what keeps people going.
 */
import { reportsStuck } from "./reflections";
import type { AlertReason, CheckIn, FacilitatorAlert, Membership, TimelineEvent } from "./types";

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

/** What a facilitator did about an alert, as far as a member's status is concerned. */
export type AlertResolution = Pick<FacilitatorAlert, "userId" | "sessionNumber" | "resolvedAt">;

/**
 * Where a member stands now, from their latest check-in (the history keeps the trail):
 * - "asked-for-help": the latest check-in asked for help;
 * - "stuck": the latest check-in reports being stuck, and so did an earlier one;
 * either clears when a later check-in says otherwise (the member reports progress), or when a
 * facilitator, having reached out, marks an alert on that check-in's session resolved.
 */
export function currentDifficulty(checkIns: CheckIn[], resolutions: AlertResolution[] = []): "asked-for-help" | "stuck" | undefined {
  const sorted = [...checkIns].sort((a, b) => a.sessionNumber - b.sessionNumber);
  const latest = sorted[sorted.length - 1];
  if (!latest) return undefined;
  const resolved = resolutions.some((r) => r.resolvedAt && r.userId === latest.userId && r.sessionNumber >= latest.sessionNumber);
  if (resolved) return undefined;
  if (latest.wantsHelp) return "asked-for-help";
  if (reportsStuck(latest) && sorted.filter(reportsStuck).length >= 2) return "stuck";
  return undefined;
}
