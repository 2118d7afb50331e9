/**
 * What the bot has sent for a cohort, per kind of message: how many went out, how many are
 * waiting and how many could not be delivered, with the reasons in plain words, so a facilitator
 * knows whom to reach another way. Counts only: no names, no message content.
 */
import type { AppContext } from "../../app-context";
import type { DeliveryStatusResponse, MessageKindStatus } from "../../contract/api-contract";
import type { DeliveryKindCounts } from "../../domain/ports";
import type { Actor, DeliveryKind } from "../../domain/types";
import { authorizeCohort } from "../access";

const GROUPS: Array<{ group: MessageKindStatus["group"]; label: string; kinds: DeliveryKind[] }> = [
  { group: "programme", label: "Programme cards (briefs, commitments, check-ins, reminders, policy, adoption checks)", kinds: ["policy", "baseline", "learn", "apply", "checkin", "checkin-reminder", "adoption", "adoption-reminder"] },
  { group: "catch-up", label: "Catch-up cards (for people who joined late or missed a live session)", kinds: ["catchup"] },
  { group: "alerts", label: "Alerts to facilitators", kinds: ["alert"] },
  { group: "answers", label: "Answers to questions", kinds: ["answer"] },
  { group: "wins", label: "Posts to the cohort's channel (wins, leaders' experiments, answers for the cohort)", kinds: ["win", "leader-experiment", "answer-post"] },
  { group: "pods", label: "Exercises posted to practice pods", kinds: ["pod-exercise"] },
];

export async function deliveryStatus(ctx: AppContext, actor: Actor, cohortId: string): Promise<DeliveryStatusResponse> {
  const { cohort } = await authorizeCohort(ctx, actor, "cohort.monitor", cohortId);
  const [counts, events] = await Promise.all([ctx.repos.deliveries.countsByKind(cohort.tenantId, cohort.id), ctx.repos.deliveries.countsByEvent(cohort.tenantId, cohort.id)]);
  return {
    cohortId: cohort.id,
    kinds: GROUPS.map(({ group, label, kinds }) => summarise(group, label, counts.filter((c) => kinds.includes(c.kind)))),
    events: events.map(({ eventKey, pending, claimed, sent, failed }) => ({ eventKey, pending, claimed, sent, failed })),
  };
}

function summarise(group: MessageKindStatus["group"], label: string, counts: DeliveryKindCounts[]): MessageKindStatus {
  const sum = (pick: (c: DeliveryKindCounts) => number) => counts.reduce((total, c) => total + pick(c), 0);
  const problems = new Map<string, number>();
  for (const { status, reason, count } of counts.flatMap((c) => c.reasons)) {
    if (status === "skipped") continue; // nothing to send any more: not a problem
    const words = inPlainWords(status, reason);
    problems.set(words, (problems.get(words) ?? 0) + count);
  }
  return {
    group,
    label,
    sent: sum((c) => c.sent),
    waiting: sum((c) => c.pending + c.claimed),
    failed: sum((c) => c.failed),
    notNeeded: sum((c) => c.skipped),
    problems: [...problems].map(([text, count]) => ({ text, count })).sort((a, b) => b.count - a.count),
  };
}

/** The delivery's recorded reason, as a facilitator would say it. */
export function inPlainWords(status: "failed" | "pending", reason: string): string {
  if (status === "pending") return "Teams was busy: trying again shortly";
  if (/blocked or removed the app/.test(reason)) return "blocked or removed the app";
  if (/not installed/.test(reason)) return "hasn't installed the app yet";
  if (/channel is gone|removed from the team|not been used in that team/.test(reason)) return "the channel is gone or the app was removed from the team";
  const gaveUp = /gave up after (\d+) attempts/.exec(reason);
  if (gaveUp) return `Teams kept refusing: gave up after ${gaveUp[1]} tries`;
  return "could not be delivered";
}
