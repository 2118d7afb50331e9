/**
 * A member asks the facilitators something. Anonymous questions keep no trace of who asked: no
 * user id, no conversation id, no time of day, and nothing identifying in the logs.
 */
import type { AppContext } from "../../app-context";
import { ids } from "../../domain/ids";
import { localDateOf } from "../../domain/timeline";
import type { Actor, Question } from "../../domain/types";
import { loadMemberContext, type MemberContext } from "./member-context";

export async function askQuestion(ctx: AppContext, actor: Actor, input: { cohortId: string; draftId: string; text: string; anonymous: boolean }): Promise<{ member: MemberContext; question: Question; created: boolean }> {
  const member = await loadMemberContext(ctx, actor, input.cohortId);
  const base = {
    id: ids.questionId(member.cohort.id, input.draftId),
    tenantId: actor.tenantId,
    cohortId: member.cohort.id,
    text: input.text,
    askedOn: localDateOf(ctx.clock.now(), member.cohort.timeZone),
    status: "open" as const,
  };
  const question: Question = input.anonymous ? { ...base, anonymous: true } : { ...base, anonymous: false, askedBy: actor.userId, askedByName: member.membership.displayName };
  const created = (await ctx.repos.questions.createIfAbsent(question)) === "created";
  ctx.logger.info({ tenantId: actor.tenantId, cohortId: member.cohort.id, anonymous: input.anonymous, ...(input.anonymous ? {} : { userId: actor.userId }) }, "question asked");
  return { member, question, created };
}
