/**
 * Questions to facilitators. A named question lives in `cohortRecords` (/cohortKey) beside the
 * asker's other records. An anonymous question lives in its own container, `anonymousQuestions`
 * (/cohortKey), which holds nothing identifiable: only the fields the domain gave it (no user id,
 * no conversation id, only the day it was asked) plus its partition key, written by a turn that
 * writes nothing else. See `containers.ts` for why it is a separate container, not a partition.
 * The one addition, `codeHashes`, holds SHA-256 hashes of random codes shown only to the askers on
 * their confirmation cards (so a private answer can reach them): a hash of a code, never the code,
 * and nothing about who holds it.
 */
import type { Container } from "@azure/cosmos";
import { ids } from "../domain/ids";
import type { CreateOutcome, QuestionRepository, Versioned } from "../domain/ports";
import type { AnonymousQuestion, CohortId, Question, TenantId } from "../domain/types";
import { CONTAINERS } from "./containers";
import { createIfAbsent, queryDocs, readDoc, replaceIfMatch, toVersioned } from "./cosmos-documents";

/** Exactly what an anonymous question document may hold; anything else the caller passed is dropped. */
const ANONYMOUS_FIELDS = ["id", "tenantId", "cohortId", "text", "askedOn", "status", "answer", "answeredBy", "answeredAt", "codeHashes", "answeredPrivately"] as const satisfies ReadonlyArray<keyof AnonymousQuestion>;

export class CosmosQuestionRepository implements QuestionRepository {
  private readonly anonymous: Container;

  /** `anonymous` defaults to the `anonymousQuestions` container of the same database. */
  constructor(private readonly records: Container, anonymous?: Container) {
    this.anonymous = anonymous ?? records.database.container(CONTAINERS.anonymousQuestions.id);
  }

  createIfAbsent(question: Question): Promise<CreateOutcome> {
    return question.anonymous ? createIfAbsent(this.anonymous, this.toAnonymousDoc(question)) : createIfAbsent(this.records, this.toNamedDoc(question));
  }

  async get(tenantId: TenantId, cohortId: CohortId, questionId: string): Promise<Versioned<Question> | undefined> {
    const key = ids.cohortKey(tenantId, cohortId);
    const [named, anonymous] = await Promise.all([readDoc(this.records, questionId, key), readDoc(this.anonymous, questionId, key)]);
    if (named?.docType === "question" && named.tenantId === tenantId) return toVersioned<Question>(named);
    if (anonymous && anonymous.tenantId === tenantId) return toVersioned<Question>({ ...anonymous, anonymous: true });
    return undefined;
  }

  /** Newest day first; within a day, anonymous questions come in id (hash) order, not the order they were asked. */
  async listByCohort(tenantId: TenantId, cohortId: CohortId): Promise<Versioned<Question>[]> {
    const key = ids.cohortKey(tenantId, cohortId);
    const params = [{ name: "@k", value: key }, { name: "@t", value: tenantId }];
    const [named, anonymous] = await Promise.all([
      queryDocs(this.records, "SELECT * FROM c WHERE c.cohortKey = @k AND c.tenantId = @t AND c.docType = 'question'", params, key),
      queryDocs(this.anonymous, "SELECT * FROM c WHERE c.cohortKey = @k AND c.tenantId = @t", params, key),
    ]);
    const all = [...named.map((d) => toVersioned<Question>(d)), ...anonymous.map((d) => toVersioned<Question>({ ...d, anonymous: true }))];
    return all.sort((a, b) => (a.askedOn === b.askedOn ? (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) : a.askedOn < b.askedOn ? 1 : -1));
  }

  async update(question: Question, etag: string): Promise<Versioned<Question>> {
    const key = ids.cohortKey(question.tenantId, question.cohortId);
    if (question.anonymous) return toVersioned<Question>({ ...(await replaceIfMatch(this.anonymous, this.toAnonymousDoc(question), key, etag)), anonymous: true });
    return toVersioned<Question>(await replaceIfMatch(this.records, this.toNamedDoc(question), key, etag));
  }

  private toNamedDoc(question: Question) {
    return { ...question, cohortKey: ids.cohortKey(question.tenantId, question.cohortId), docType: "question" };
  }

  private toAnonymousDoc(question: AnonymousQuestion) {
    const doc: Record<string, unknown> = { cohortKey: ids.cohortKey(question.tenantId, question.cohortId), anonymous: true };
    for (const field of ANONYMOUS_FIELDS) if (question[field] !== undefined) doc[field] = question[field];
    return doc as { id: string } & Record<string, unknown>;
  }
}
