/**
 * "my data": a member sees what the programme holds about them in a cohort, and can delete their
 * own reflections. Anonymous questions are not linked to anyone, so they are neither shown nor deleted.
 */
import type { AppContext } from "../../app-context";
import type { MemberRecords } from "../../domain/ports";
import type { Actor } from "../../domain/types";
import { loadMemberContext, type MemberContext } from "./member-context";

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
