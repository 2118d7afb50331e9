/**
 * The facilitators' questions inbox. Answering is ETag-guarded (two facilitators cannot both
 * answer) and the answer goes back through the bot: to the asker for a named question; for an
 * anonymous one, to the whole cohort (nobody knows who asked, and everyone can learn from it);
 * both through the outbox, which the scheduler sends at the allowed rate; or, when the facilitator answers it
 * privately, to nobody: the asker reads it with the private code on their own card, and nobody
 * learns who that is.
 */
import type { AppContext } from "../../app-context";
import type { QuestionDto } from "../../contract/api-contract";
import { NotFoundError, ValidationError } from "../../domain/errors";
import type { Versioned } from "../../domain/ports";
import type { Actor, Question } from "../../domain/types";
import { authorizeCohort } from "../access";

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
  const { cohort } = await authorizeCohort(ctx, actor, "questions.manage", cohortId);
  return (await ctx.repos.questions.listByCohort(actor.tenantId, cohort.id)).map(toDto);
}

/** The event key of an answer's post to the cohort's channel. */
export const ANSWER_POST_EVENT_PREFIX = "answer-post.";

export async function answerQuestion(ctx: AppContext, actor: Actor, cohortId: string, questionId: string, input: { answer: string; etag: string; privately?: boolean }): Promise<QuestionDto> {
  const { cohort } = await authorizeCohort(ctx, actor, "questions.manage", cohortId);
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
  } else {
    // Anonymous: to the whole cohort (nobody knows who asked, and everyone can learn from it).
    // Named: to the asker, ahead of any fan-out, since they are waiting for it.
    const eventKey = `answer.${answered.id}`;
    const recipients = answered.anonymous ? (await ctx.repos.memberships.listByCohort(actor.tenantId, cohort.id)).map((m) => m.userId) : [answered.askedBy];
    await ctx.outbox.enqueue(recipients.map((userId) => ({ tenantId: actor.tenantId, cohortId: cohort.id, userId, eventKey, kind: "answer" as const, ...(answered.anonymous ? {} : { urgent: true }) })));
    // An answer for the whole cohort also goes to its channel, once: keyed by the question, in the answerer's name.
    if (answered.anonymous && cohort.winsChannel) {
      await ctx.outbox.enqueue([{ tenantId: actor.tenantId, cohortId: cohort.id, userId: actor.userId, eventKey: `${ANSWER_POST_EVENT_PREFIX}${answered.id}`, kind: "answer-post", urgent: true }]);
    }
    void ctx.outbox.sendSoon(actor.tenantId, cohort.id);
  }
  return toDto(answered);
}
