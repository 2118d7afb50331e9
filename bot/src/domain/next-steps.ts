/** What a member should do now: anything due and unanswered (the policy first), and what comes next. */
import type { MemberRecords } from "./ports";
import type { TimelineEvent } from "./types";

export interface NextSteps {
  due: TimelineEvent[];
  upcoming?: TimelineEvent;
}

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
  const latestLearn = [...past].reverse().find((e) => e.kind === "learn");
  const due = past.filter((e) => (e === latestLearn ? false : !isDone(e)) && e.kind !== "learn" && e.kind !== "checkin-reminder");
  const ordered = [...due.filter((e) => e.kind === "policy"), ...due.filter((e) => e.kind !== "policy")];
  const upcoming = timeline.find((e) => new Date(e.dueAt) > now && e.kind !== "checkin-reminder");
  return { due: ordered, ...(upcoming ? { upcoming } : {}) };
}
