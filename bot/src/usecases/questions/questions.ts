/**
 * The facilitators' questions inbox. Answering is ETag-guarded (two facilitators cannot both
 * answer) and the answer goes back through the bot: to the asker for a named question; for an
 * anonymous one, to the whole cohort (nobody knows who asked, and everyone can learn from it),
 * as deliveries the scheduler sends at the allowed rate; or, when the facilitator answers it
 * privately, to nobody: the asker reads it with the private code on their own card, and nobody
 * learns who that is.
 */
import type { AppContext } from "../../app-context";
import type { QuestionDto } from "../../contract/api-contract";
import { buildAnswerCard } from "../../cards/question.card";
import { NotFoundError, ValidationError } from "../../domain/errors";
import { ids } from "../../domain/ids";
import type { CardSender, Versioned } from "../../domain/ports";
import type { Actor, Question } from "../../domain/types";
import { mapLimited } from "../../lib/concurrency";
import { resolveCohortAccess, requireStaff } from "../access";

function toDto(q: Versioned<Question>): QuestionDto {
  return {
    id: q.id,
    text: q.text,
    askedOn: q.askedOn,
    anonymous: q.anonymous,
    ...(q.anonymous ? {} : { askedByName: q.askedByName }),
    status: q.status,
    ...(q.answer ? { answer: q.answer } : {}),
    etag: q.etag,
  };
}

export async function listQuestions(ctx: AppContext, actor: Actor, cohortId: string): Promise<QuestionDto[]> {
  const { cohort, role } = await resolveCohortAccess(ctx, actor, cohortId);
  requireStaff(role);
  return (await ctx.repos.questions.listByCohort(actor.tenantId, cohort.id)).map(toDto);
}

export async function answerQuestion(ctx: AppContext, sender: CardSender, actor: Actor, cohortId: string, questionId: string, input: { answer: string; etag: string; privately?: boolean }): Promise<QuestionDto> {
  const { cohort, role } = await resolveCohortAccess(ctx, actor, cohortId);
  requireStaff(role);
  const question = await ctx.repos.questions.get(actor.tenantId, cohort.id, questionId);
  if (!question) throw new NotFoundError("That question does not exist.");
  const { etag, ...record } = question;
  void etag;
  const privately = record.anonymous && input.privately === true;
  if (privately && !(record.anonymous && record.codeHashes?.length)) {
    throw new ValidationError("This question was asked before private answers existed, so its asker has no code: answer it for the whole cohort.", [{ field: "privately", message: "is not possible for this question" }]);
  }
  const update = { ...record, status: "answered" as const, answer: input.answer, answeredBy: actor.userId, answeredAt: ctx.clock.now().toISOString(), ...(record.anonymous ? { answeredPrivately: privately } : {}) };
  const answered = await ctx.repos.questions.update(update, input.etag);

  if (answered.anonymous && privately) {
    // Nothing is sent: the asker's own card (refreshed when they look at it) shows the answer to whoever holds the code.
  } else if (answered.anonymous) {
    const members = await ctx.repos.memberships.listByCohort(actor.tenantId, cohort.id);
    const now = ctx.clock.now().toISOString();
    const eventKey = `answer.${answered.id}`;
    await mapLimited(members, 16, (m) =>
      ctx.repos.deliveries.createIfAbsent({ id: ids.deliveryId(cohort.id, eventKey, m.userId), tenantId: actor.tenantId, cohortId: cohort.id, userId: m.userId, eventKey, kind: "answer", status: "pending", attempts: 0, notBefore: now, createdAt: now, updatedAt: now }),
    );
  } else {
    const asker = await ctx.repos.people.get(actor.tenantId, answered.askedBy);
    if (asker?.conversationReference) {
      const result = await sender.sendToPerson(asker, buildAnswerCard({ cohortName: cohort.name, question: answered.text, answer: input.answer, anonymous: false }), "Your question was answered");
      if (!result.ok) ctx.logger.warn({ tenantId: actor.tenantId, cohortId: cohort.id, kind: result.failure.kind }, "answer not delivered to asker");
    }
  }
  return toDto(answered);
}
