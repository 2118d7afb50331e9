/**
 * A member asks the facilitators something. Anonymous questions keep no trace of who asked: no
 * user id, no conversation id, no time of day, an id that is a hash of the question itself (not of
 * the user, the card or the activity: asking the same words in the same cohort on the same day
 * lands on the same question), stored apart from everything identifiable (see
 * store/containers.ts), and no log line at all (a line's timestamp could be lined up with the
 * asker's other activity).
 */
import { createHash } from "node:crypto";
import type { AppContext } from "../../app-context";
import { ids } from "../../domain/ids";
import { localDateOf } from "../../domain/timeline";
import type { Actor, Question } from "../../domain/types";
import { loadMemberContext, type MemberContext } from "./member-context";

/** Derived only from what the stored document already shows: tenant, cohort, day and text. */
export function anonymousQuestionId(tenantId: string, cohortId: string, askedOn: string, text: string): string {
  const digest = createHash("sha256").update(JSON.stringify(["anonymous-question", tenantId, cohortId, askedOn, text])).digest("hex");
  return `anon-question:${digest.slice(0, 40)}`;
}

export async function askQuestion(ctx: AppContext, actor: Actor, input: { cohortId: string; draftId: string; text: string; anonymous: boolean }): Promise<{ member: MemberContext; question: Question; created: boolean }> {
  const member = await loadMemberContext(ctx, actor, input.cohortId);
  const askedOn = localDateOf(ctx.clock.now(), member.cohort.timeZone);
  const base = { tenantId: actor.tenantId, cohortId: member.cohort.id, text: input.text, askedOn, status: "open" as const };
  const question: Question = input.anonymous
    ? { ...base, id: anonymousQuestionId(actor.tenantId, member.cohort.id, askedOn, input.text), anonymous: true }
    : { ...base, id: ids.questionId(member.cohort.id, input.draftId), anonymous: false, askedBy: actor.userId, askedByName: member.membership.displayName };
  const created = (await ctx.repos.questions.createIfAbsent(question)) === "created";
  if (!input.anonymous) ctx.logger.info({ tenantId: actor.tenantId, cohortId: member.cohort.id, anonymous: false, userId: actor.userId }, "question asked");
  return { member, question, created };
}
