/**
 * Apply: the member names the real piece of work they will use AI on; the next check-in quotes it
 * back. The deliverable stays theirs: they can change it, mark it done and link the real work at
 * any time (the same one record, so a double click is one change).
 */
import type { AppContext } from "../../app-context";
import { ids } from "../../domain/ids";
import type { Actor, ApplyCommitment } from "../../domain/types";
import { loadMemberContext, startedSessionOf, type MemberContext } from "./member-context";

export async function commitToDeliverable(ctx: AppContext, actor: Actor, input: { cohortId: string; sessionNumber: number; deliverable: string; done?: boolean; link?: string }): Promise<{ member: MemberContext; commitment: ApplyCommitment }> {
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
    // Done stays dated from the first time it was marked, however often the card is sent again.
    ...(input.done ? { doneAt: existing?.doneAt ?? now } : {}),
    ...(input.link ? { link: input.link } : {}),
    committedAt: existing?.committedAt ?? now,
    updatedAt: now,
  };
  await ctx.repos.loop.upsertCommitment(commitment);
  return { member, commitment };
}
