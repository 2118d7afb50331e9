/**
 * A member asks the facilitators something. Anonymous questions keep no trace of who asked: no
 * user id, no conversation id, no time of day, an id that is a hash of the question itself (not of
 * the user, the card or the activity: asking the same words in the same cohort on the same day
 * lands on the same question), stored apart from everything identifiable (see
 * store/containers.ts), and no log line at all (a line's timestamp could be lined up with the
 * asker's other activity).
 */
import { createHash, randomInt } from "node:crypto";
import type { AppContext } from "../../app-context";
import { ids } from "../../domain/ids";
import { localDateOf } from "../../domain/timeline";
import { ConcurrencyError } from "../../domain/errors";
import type { Actor, AnonymousQuestion, Question } from "../../domain/types";
import { loadMemberContext, type MemberContext } from "./member-context";

/** Derived only from what the stored document already shows: tenant, cohort, day and text. */
export function anonymousQuestionId(tenantId: string, cohortId: string, askedOn: string, text: string): string {
  const digest = createHash("sha256").update(JSON.stringify(["anonymous-question", tenantId, cohortId, askedOn, text])).digest("hex");
  return `anon-question:${digest.slice(0, 40)}`;
}

/**
 * The asker's private code: random (60 bits), shown once on their confirmation card in their own
 * 1:1 chat and never stored; only its hash is kept on the question. Whoever holds the code can read
 * a private answer; nobody (not the bot, not a facilitator) learns who that is.
 */
const CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
export const QUESTION_CODE = /^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/;

export function newQuestionCode(): string {
  const chars = Array.from({ length: 12 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]!);
  return `${chars.slice(0, 4).join("")}-${chars.slice(4, 8).join("")}-${chars.slice(8).join("")}`;
}

export function questionCodeHash(code: string): string {
  return createHash("sha256").update(`anonymous-question-code:${code.trim().toUpperCase()}`).digest("hex");
}

/** At most this many codes per question (the same words asked by several people on one day). */
const MAX_CODES = 50;

/** Adds the hash of a second asker's code to a question asked in the same words the same day. */
async function addCode(ctx: AppContext, question: AnonymousQuestion, hash: string): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const current = await ctx.repos.questions.get(question.tenantId, question.cohortId, question.id);
    if (!current || !current.anonymous) return;
    const hashes = current.codeHashes ?? [];
    if (hashes.includes(hash) || hashes.length >= MAX_CODES) return;
    const { etag, ...record } = current;
    try {
      await ctx.repos.questions.update({ ...record, codeHashes: [...hashes, hash] }, etag);
      return;
    } catch (err) {
      if (!(err instanceof ConcurrencyError)) throw err;
    }
  }
}

export async function askQuestion(ctx: AppContext, actor: Actor, input: { cohortId: string; draftId: string; text: string; anonymous: boolean }): Promise<{ member: MemberContext; question: Question; created: boolean; code?: string }> {
  const member = await loadMemberContext(ctx, actor, input.cohortId);
  const askedOn = localDateOf(ctx.clock.now(), member.cohort.timeZone);
  const base = { tenantId: actor.tenantId, cohortId: member.cohort.id, text: input.text, askedOn, status: "open" as const };
  const code = input.anonymous ? newQuestionCode() : undefined;
  const question: Question = input.anonymous
    ? { ...base, id: anonymousQuestionId(actor.tenantId, member.cohort.id, askedOn, input.text), anonymous: true, codeHashes: [questionCodeHash(code!)] }
    : { ...base, id: ids.questionId(member.cohort.id, input.draftId), anonymous: false, askedBy: actor.userId, askedByName: member.membership.displayName };
  const created = (await ctx.repos.questions.createIfAbsent(question)) === "created";
  if (question.anonymous && !created) await addCode(ctx, question, question.codeHashes![0]!);
  if (!input.anonymous) ctx.logger.info({ tenantId: actor.tenantId, cohortId: member.cohort.id, anonymous: false, userId: actor.userId }, "question asked");
  return { member, question, created, ...(code ? { code } : {}) };
}

export type AnonymousAnswerStatus = { found: false } | { found: true; text: string; status: "open" } | { found: true; text: string; status: "answered"; answer: string; privately: boolean };

/**
 * Where the anonymous question behind `code` stands, for whoever holds the code. Reads only; logs
 * nothing (a log line would tie the caller to having asked).
 */
export async function anonymousAnswerFor(ctx: AppContext, actor: Actor, cohortId: string, code: string): Promise<{ member: MemberContext; result: AnonymousAnswerStatus }> {
  const member = await loadMemberContext(ctx, actor, cohortId);
  const hash = questionCodeHash(code);
  const question = (await ctx.repos.questions.listByCohort(actor.tenantId, member.cohort.id)).find((q) => q.anonymous && (q.codeHashes ?? []).includes(hash));
  if (!question) return { member, result: { found: false } };
  if (question.status !== "answered" || !question.answer) return { member, result: { found: true, text: question.text, status: "open" } };
  return { member, result: { found: true, text: question.text, status: "answered", answer: question.answer, privately: question.anonymous && !!question.answeredPrivately } };
}
