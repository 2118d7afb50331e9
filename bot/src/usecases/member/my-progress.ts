/** "progress": the member's own streak, check-ins, minutes saved and wins (theirs, so never suppressed). */
import type { AppContext } from "../../app-context";
import { buildProgressCard } from "../../cards/progress.card";
import { summariseMember, type MemberSummary } from "../../domain/member-summary";
import type { AdaptiveCardJson } from "../../domain/ports";
import type { Actor } from "../../domain/types";
import { loadMemberContext, type MemberContext } from "./member-context";
import { memberPausedUntil } from "./pause-programme";

export async function myProgress(ctx: AppContext, actor: Actor, cohortId?: string): Promise<{ member: MemberContext; summary: MemberSummary }> {
  const member = await loadMemberContext(ctx, actor, cohortId);
  const [records, alerts] = await Promise.all([ctx.repos.loop.listMemberRecords(actor.tenantId, member.cohort.id, actor.userId), ctx.repos.alerts.listByMember(actor.tenantId, member.cohort.id, actor.userId)]);
  // A facilitator who resolved a help request has cleared "stuck" here as in the tab.
  return { member, summary: summariseMember(member.timeline, records, ctx.clock.now(), alerts.filter((a) => a.resolvedAt)) };
}

/** The "progress" card: the member's numbers, their pause, and the way to their history. */
export function progressCardOf(ctx: AppContext, { member, summary }: { member: MemberContext; summary: MemberSummary }, feedback: { notice?: string; pauseProblem?: string } = {}): AdaptiveCardJson {
  const pausedUntil = memberPausedUntil(member, ctx.clock.now());
  return buildProgressCard({ cohortId: member.cohort.id, cohortName: member.cohort.name, summary, ...(pausedUntil ? { pausedUntil } : {}), ...feedback });
}
