/** "next": what is waiting for the member now (the policy first), and what comes after. */
import type { AppContext } from "../../app-context";
import { buildNextStepsCard } from "../../cards/next-steps.card";
import { nextSteps, type NextSteps } from "../../domain/next-steps";
import type { AdaptiveCardJson } from "../../domain/ports";
import type { Actor, ApplyCommitment, TimelineEvent } from "../../domain/types";
import { eventTitle } from "./event-cards";
import { loadMemberContext, type MemberContext } from "./member-context";
import { memberPausedUntil } from "./pause-programme";

export interface WhatsNext {
  member: MemberContext;
  steps: NextSteps;
  /** The member's latest commitment, so they can update it, mark it done or link the work. */
  deliverable?: ApplyCommitment;
  /** The latest session brief sent to the member, to read again from here. */
  latestBrief?: TimelineEvent;
}

export async function whatsNext(ctx: AppContext, actor: Actor, cohortId?: string): Promise<WhatsNext> {
  const member = await loadMemberContext(ctx, actor, cohortId);
  const [records, policy] = await Promise.all([ctx.repos.loop.listMemberRecords(actor.tenantId, member.cohort.id, actor.userId), ctx.repos.policies.current(actor.tenantId)]);
  const policyAcknowledged = !policy || (await ctx.repos.policies.hasAcknowledged(actor.tenantId, policy.version, actor.userId));
  const deliverable = [...records.commitments].sort((a, b) => b.sessionNumber - a.sessionNumber)[0];
  const now = ctx.clock.now();
  const latestBrief = member.timeline.filter((e) => e.kind === "learn" && new Date(e.dueAt) <= now).at(-1);
  return { member, steps: nextSteps({ timeline: member.timeline, records, policyAcknowledged, now }), ...(deliverable ? { deliverable } : {}), ...(latestBrief ? { latestBrief } : {}) };
}

/** The "what's next" card for what `whatsNext` found. */
export function nextStepsCardOf(ctx: AppContext, { member, steps, deliverable, latestBrief }: WhatsNext, feedback: { notice?: string; pauseProblem?: string } = {}): AdaptiveCardJson {
  const pausedUntil = memberPausedUntil(member, ctx.clock.now());
  return buildNextStepsCard({
    cohortId: member.cohort.id,
    cohortName: member.cohort.name,
    due: steps.due,
    upcoming: steps.upcoming,
    titleOf: (e) => eventTitle(member.track, e),
    ...(latestBrief ? { latestBrief } : {}),
    ...(pausedUntil ? { pausedUntil } : {}),
    ...(deliverable ? { deliverable: { sessionNumber: deliverable.sessionNumber, text: deliverable.deliverable, done: !!deliverable.doneAt, ...(deliverable.link ? { link: deliverable.link } : {}) } } : {}),
    ...feedback,
  });
}
