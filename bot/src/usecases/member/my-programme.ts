/** What a member asks about themselves: what is next, how they are doing, what we hold about them. */
import type { AppContext } from "../../app-context";
import { summariseMember, type MemberSummary } from "../../domain/member-summary";
import { nextSteps, type NextSteps } from "../../domain/next-steps";
import type { MemberRecords } from "../../domain/ports";
import type { Actor } from "../../domain/types";
import { loadMemberContext, type MemberContext } from "./member-context";

export async function whatsNext(ctx: AppContext, actor: Actor): Promise<{ member: MemberContext; steps: NextSteps }> {
  const member = await loadMemberContext(ctx, actor);
  const records = await ctx.repos.loop.listMemberRecords(actor.tenantId, member.cohort.id, actor.userId);
  const policy = await ctx.repos.policies.current(actor.tenantId);
  const policyAcknowledged = !policy || (await ctx.repos.policies.hasAcknowledged(actor.tenantId, policy.version, actor.userId));
  return { member, steps: nextSteps({ timeline: member.timeline, records, policyAcknowledged, now: ctx.clock.now() }) };
}

export async function myProgress(ctx: AppContext, actor: Actor): Promise<{ member: MemberContext; summary: MemberSummary }> {
  const member = await loadMemberContext(ctx, actor);
  const records = await ctx.repos.loop.listMemberRecords(actor.tenantId, member.cohort.id, actor.userId);
  return { member, summary: summariseMember(member.timeline, records, ctx.clock.now()) };
}

export async function myData(ctx: AppContext, actor: Actor, cohortId?: string): Promise<{ member: MemberContext; records: MemberRecords }> {
  const member = await loadMemberContext(ctx, actor, cohortId);
  return { member, records: await ctx.repos.loop.listMemberRecords(actor.tenantId, member.cohort.id, actor.userId) };
}

export async function deleteMyData(ctx: AppContext, actor: Actor, cohortId: string): Promise<{ member: MemberContext; deleted: number }> {
  const member = await loadMemberContext(ctx, actor, cohortId);
  const deleted = await ctx.repos.loop.deleteMemberRecords(actor.tenantId, member.cohort.id, actor.userId);
  ctx.logger.info({ tenantId: actor.tenantId, cohortId: member.cohort.id, userId: actor.userId, deleted }, "member deleted their reflections");
  return { member, deleted };
}
