/**
 * A member shares a win, recorded once per card (the card's draft id keys it, so a double click is
 * one win). With their consent, the caller queues its post to the channel with `queueWinPost`.
 */
import type { AppContext } from "../../app-context";
import { ids } from "../../domain/ids";
import type { Actor, Win } from "../../domain/types";
import { loadMemberContext, type MemberContext } from "./member-context";

export async function shareWin(ctx: AppContext, actor: Actor, input: { cohortId: string; draftId: string; text: string; minutesSaved?: number; share: boolean }): Promise<{ member: MemberContext; win: Win; created: boolean; willPost: boolean }> {
  const member = await loadMemberContext(ctx, actor, input.cohortId);
  const win: Win = {
    id: ids.winId(member.cohort.id, input.draftId),
    tenantId: actor.tenantId,
    cohortId: member.cohort.id,
    userId: actor.userId,
    displayName: member.membership.displayName,
    text: input.text,
    ...(input.minutesSaved !== undefined ? { minutesSaved: input.minutesSaved } : {}),
    shareConsent: input.share,
    createdAt: ctx.clock.now().toISOString(),
  };
  const created = (await ctx.repos.wins.createIfAbsent(win)) === "created";
  return { member, win, created, willPost: created && input.share && !!member.cohort.winsChannel };
}
