/**
 * What a member should do now: what is open and unanswered (the policy first), and what comes next.
 *
 * Only what is open now: an apply, a check-in or an adoption check stays open until the next one of
 * its kind arrives, and then it is history, not homework. A member who missed week 1's commitment,
 * or who deleted their data, is not asked to go back and redo it; they carry on with this week.
 * The policy stays open until the current version is acknowledged.
 */
import type { MemberRecords } from "./ports";
import type { TimelineEvent, TimelineEventKind } from "./types";

export interface NextSteps {
  due: TimelineEvent[];
  upcoming?: TimelineEvent;
}

/** Steps that supersede each other: a newer one of the same group closes the older. */
const GROUP: Partial<Record<TimelineEventKind, string>> = { apply: "apply", checkin: "checkin", baseline: "adoption", adoption: "adoption" };

export function nextSteps(input: { timeline: TimelineEvent[]; records: MemberRecords; policyAcknowledged: boolean; now: Date }): NextSteps {
  const { timeline, records, policyAcknowledged, now } = input;
  const isDone = (e: TimelineEvent): boolean => {
    switch (e.kind) {
      case "policy":
        return policyAcknowledged;
      case "apply":
        return records.commitments.some((c) => c.sessionNumber === e.sessionNumber);
      case "checkin":
        return records.checkIns.some((c) => c.sessionNumber === e.sessionNumber);
      case "baseline":
      case "adoption":
        return records.adoption.some((a) => a.week === e.adoptionWeek);
      default:
        return true; // briefs are read, not answered; reminders are not steps of their own
    }
  };
  const past = timeline.filter((e) => new Date(e.dueAt) <= now);
  const latestOfGroup = new Map<string, TimelineEvent>();
  for (const e of past) {
    const group = GROUP[e.kind];
    if (group) latestOfGroup.set(group, e);
  }
  const isOpen = (e: TimelineEvent): boolean => {
    if (e.kind === "policy") return true;
    const group = GROUP[e.kind];
    return !!group && latestOfGroup.get(group) === e;
  };
  const due = past.filter((e) => isOpen(e) && !isDone(e));
  const ordered = [...due.filter((e) => e.kind === "policy"), ...due.filter((e) => e.kind !== "policy")];
  const upcoming = timeline.find((e) => new Date(e.dueAt) > now && e.kind !== "checkin-reminder" && e.kind !== "adoption-reminder");
  return { due: ordered, ...(upcoming ? { upcoming } : {}) };
}
