/**
 * "my data": a member sees what the programme holds about them in a cohort, and can delete their
 * own reflections. Anonymous questions are not linked to anyone, so they are neither shown nor
 * deleted. Deleting also removes their words wherever the programme quoted them: the facilitator
 * alerts raised from their check-ins keep only who asked and why (so a facilitator can still
 * reach them), never what they wrote.
 */
import type { AppContext } from "../../app-context";
import type { MemberRecords } from "../../domain/ports";
import type { Actor } from "../../domain/types";
import { loadMemberContext, type MemberContext } from "./member-context";

export async function myData(ctx: AppContext, actor: Actor, cohortId?: string): Promise<{ member: MemberContext; records: MemberRecords; helpRequests: number }> {
  const member = await loadMemberContext(ctx, actor, cohortId);
  const [records, alerts] = await Promise.all([
    ctx.repos.loop.listMemberRecords(actor.tenantId, member.cohort.id, actor.userId),
    ctx.repos.alerts.listByMember(actor.tenantId, member.cohort.id, actor.userId),
  ]);
  return { member, records, helpRequests: alerts.filter((a) => !a.memberTextDeletedAt).length };
}

export async function deleteMyData(ctx: AppContext, actor: Actor, cohortId: string): Promise<{ member: MemberContext; deleted: number; redactedAlerts: number }> {
  const member = await loadMemberContext(ctx, actor, cohortId);
  const deleted = await ctx.repos.loop.deleteMemberRecords(actor.tenantId, member.cohort.id, actor.userId);
  const redactedAlerts = await ctx.repos.alerts.redactMemberText(actor.tenantId, member.cohort.id, actor.userId, ctx.clock.now().toISOString());
  // Their words featured in a "From your cohort" go too: a brief sent later no longer carries them.
  const unfeatured = await ctx.repos.digests.removeAuthor(actor.tenantId, member.cohort.id, actor.userId);
  ctx.logger.info({ tenantId: actor.tenantId, cohortId: member.cohort.id, userId: actor.userId, deleted, redactedAlerts, unfeatured }, "member deleted their reflections");
  return { member, deleted: deleted + redactedAlerts + unfeatured, redactedAlerts };
}
