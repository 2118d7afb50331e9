import { membersWithTwoMissedCheckIns } from "../domain/alerts";
import { ids } from "../domain/ids";
import type { CheckIn, Cohort, FacilitatorAlert, Membership, TimelineEvent } from "../domain/types";

/**
 * The facilitator alerts owed for members who have missed two check-ins. One alert per member and
 * latest missed session (its id is deterministic), so planning again raises nothing new.
 */
export function alertReasonsForMissedCheckIns(cohort: Cohort, timeline: TimelineEvent[], members: Membership[], checkIns: CheckIn[], now: Date): FacilitatorAlert[] {
  const pastCheckIns = timeline.filter((e) => e.kind === "checkin" && new Date(e.dueAt) <= now);
  const latest = pastCheckIns[pastCheckIns.length - 1];
  if (!latest?.sessionNumber) return [];
  return membersWithTwoMissedCheckIns(timeline, members, checkIns, now).map((member) => ({
    id: ids.alertId(cohort.id, member.userId, "missed-two-checkins", latest.sessionNumber!),
    tenantId: cohort.tenantId,
    cohortId: cohort.id,
    userId: member.userId,
    displayName: member.displayName,
    reason: "missed-two-checkins",
    sessionNumber: latest.sessionNumber!,
    context: `No check-in for two sessions, the latest being session ${latest.sessionNumber} (due ${latest.localDate}).`,
    raisedAt: now.toISOString(),
  }));
}
