/** Apply: the member names the real piece of work they will use AI on; the next check-in quotes it back. */
import type { AppContext } from "../../app-context";
import { ids } from "../../domain/ids";
import type { Actor, ApplyCommitment } from "../../domain/types";
import { loadMemberContext, startedSessionOf, type MemberContext } from "./member-context";

export async function commitToDeliverable(ctx: AppContext, actor: Actor, input: { cohortId: string; sessionNumber: number; deliverable: string }): Promise<{ member: MemberContext; commitment: ApplyCommitment }> {
  const member = await loadMemberContext(ctx, actor, input.cohortId);
  startedSessionOf(member, input.sessionNumber, ctx.clock.now());
  const now = ctx.clock.now().toISOString();
  const existing = await ctx.repos.loop.getCommitment(actor.tenantId, member.cohort.id, input.sessionNumber, actor.userId);
  const commitment: ApplyCommitment = {
    id: ids.commitmentId(member.cohort.id, input.sessionNumber, actor.userId),
    tenantId: actor.tenantId,
    cohortId: member.cohort.id,
    userId: actor.userId,
    sessionNumber: input.sessionNumber,
    deliverable: input.deliverable,
    committedAt: existing?.committedAt ?? now,
    updatedAt: now,
  };
  await ctx.repos.loop.upsertCommitment(commitment);
  return { member, commitment };
}
