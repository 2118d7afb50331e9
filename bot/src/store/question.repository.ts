/**
 * Questions to facilitators, in `cohortRecords` (/cohortKey). An anonymous question is stored
 * exactly as the domain built it: no user id, no conversation id, only the day it was asked.
 */
import type { Container } from "@azure/cosmos";
import { ids } from "../domain/ids";
import type { CreateOutcome, QuestionRepository, Versioned } from "../domain/ports";
import type { CohortId, Question, TenantId } from "../domain/types";
import { createIfAbsent, queryDocs, readDoc, replaceIfMatch, toVersioned } from "./cosmos-documents";

export class CosmosQuestionRepository implements QuestionRepository {
  constructor(private readonly records: Container) {}

  createIfAbsent(question: Question): Promise<CreateOutcome> {
    return createIfAbsent(this.records, this.toDoc(question));
  }

  async get(tenantId: TenantId, cohortId: CohortId, questionId: string): Promise<Versioned<Question> | undefined> {
    const doc = await readDoc(this.records, questionId, ids.cohortKey(tenantId, cohortId));
    return doc?.docType === "question" && doc.tenantId === tenantId ? toVersioned<Question>(doc) : undefined;
  }

  async listByCohort(tenantId: TenantId, cohortId: CohortId): Promise<Versioned<Question>[]> {
    const docs = await queryDocs(this.records, "SELECT * FROM c WHERE c.cohortKey = @k AND c.tenantId = @t AND c.docType = 'question' ORDER BY c.askedOn DESC", [{ name: "@k", value: ids.cohortKey(tenantId, cohortId) }, { name: "@t", value: tenantId }], ids.cohortKey(tenantId, cohortId));
    return docs.map((d) => toVersioned<Question>(d));
  }

  async update(question: Question, etag: string): Promise<Versioned<Question>> {
    return toVersioned<Question>(await replaceIfMatch(this.records, this.toDoc(question), ids.cohortKey(question.tenantId, question.cohortId), etag));
  }

  private toDoc(question: Question) {
    return { ...question, cohortKey: ids.cohortKey(question.tenantId, question.cohortId), docType: "question" };
  }
}
