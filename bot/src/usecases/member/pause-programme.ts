/**
 * "I'm on leave" / "I'm back": a member pauses their own programme by whole weeks, or ends the
 * pause early. Only their own remaining cards move (domain/member-pause.ts); facilitators see that
 * they are paused and until when, never why. Asking twice is one change: the store decides each
 * request against the pauses as they are, one at a time.
 */
import type { AppContext } from "../../app-context";
import { endPause, pausedUntil, startPause } from "../../domain/member-pause";
import type { Actor, LocalDate } from "../../domain/types";
import { loadMemberContext, type MemberContext } from "./member-context";

export async function pauseMyProgramme(ctx: AppContext, actor: Actor, input: { cohortId: string; weeks: number }): Promise<MemberContext> {
  const member = await loadMemberContext(ctx, actor, input.cohortId);
  const now = ctx.clock.now();
  await ctx.repos.memberships.updatePauses(actor.tenantId, member.cohort.id, actor.userId, (current) => startPause(current, input.weeks, now, member.cohort.timeZone));
  return loadMemberContext(ctx, actor, member.cohort.id);
}

export async function resumeMyProgramme(ctx: AppContext, actor: Actor, input: { cohortId: string }): Promise<MemberContext> {
  const member = await loadMemberContext(ctx, actor, input.cohortId);
  const now = ctx.clock.now();
  await ctx.repos.memberships.updatePauses(actor.tenantId, member.cohort.id, actor.userId, (current) => endPause(current, now, member.cohort.timeZone));
  return loadMemberContext(ctx, actor, member.cohort.id);
}

/** The day the member's running pause ends, if they are paused now. */
export function memberPausedUntil(member: MemberContext, now: Date): LocalDate | undefined {
  return pausedUntil(member.membership.pauses, now, member.cohort.timeZone);
}
