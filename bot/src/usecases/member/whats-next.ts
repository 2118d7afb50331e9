/** "next": what is waiting for the member now (the policy first), and what comes after. */
import type { AppContext } from "../../app-context";
import { nextSteps, type NextSteps } from "../../domain/next-steps";
import type { Actor } from "../../domain/types";
import { loadMemberContext, type MemberContext } from "./member-context";

export async function whatsNext(ctx: AppContext, actor: Actor): Promise<{ member: MemberContext; steps: NextSteps }> {
  const member = await loadMemberContext(ctx, actor);
  const [records, policy] = await Promise.all([ctx.repos.loop.listMemberRecords(actor.tenantId, member.cohort.id, actor.userId), ctx.repos.policies.current(actor.tenantId)]);
  const policyAcknowledged = !policy || (await ctx.repos.policies.hasAcknowledged(actor.tenantId, policy.version, actor.userId));
  return { member, steps: nextSteps({ timeline: member.timeline, records, policyAcknowledged, now: ctx.clock.now() }) };
}
