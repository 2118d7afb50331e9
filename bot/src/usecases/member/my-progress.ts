/** "progress": the member's own streak, check-ins, minutes saved and wins (theirs, so never suppressed). */
import type { AppContext } from "../../app-context";
import { summariseMember, type MemberSummary } from "../../domain/member-summary";
import type { Actor } from "../../domain/types";
import { loadMemberContext, type MemberContext } from "./member-context";

export async function myProgress(ctx: AppContext, actor: Actor): Promise<{ member: MemberContext; summary: MemberSummary }> {
  const member = await loadMemberContext(ctx, actor);
  const records = await ctx.repos.loop.listMemberRecords(actor.tenantId, member.cohort.id, actor.userId);
  return { member, summary: summariseMember(member.timeline, records, ctx.clock.now()) };
}
