/**
 * Live sessions' follow-ups in `cohortRecords` (/cohortKey): one document per cohort and
 * live-session key (`live-follow-up:{cohortId}:{key}`), beside the meeting's own document
 * (meeting.repository.ts). Every write carries the ETag it read, so the scheduler's attendance read
 * and catch-up, and a facilitator saving notes, never overwrite each other.
 */
import type { Container } from "@azure/cosmos";
import type { LiveSessionFollowUp, LiveSessionFollowUpRepository, Versioned } from "../domain/ports";
import { ids } from "../domain/ids";
import type { CohortId, TenantId } from "../domain/types";
import { createIfAbsent, queryDocs, readDoc, replaceIfMatch, toVersioned } from "./cosmos-documents";

const DOC_TYPE = "liveSessionFollowUp";
const followUpId = (cohortId: CohortId, key: string) => `live-follow-up:${cohortId}:${key}`;

export class CosmosLiveSessionFollowUpRepository implements LiveSessionFollowUpRepository {
  constructor(private readonly records: Container) {}

  async listByCohort(tenantId: TenantId, cohortId: CohortId): Promise<Versioned<LiveSessionFollowUp>[]> {
    const partition = ids.cohortKey(tenantId, cohortId);
    const docs = await queryDocs(this.records, `SELECT * FROM c WHERE c.cohortKey = @k AND c.tenantId = @t AND c.docType = '${DOC_TYPE}'`, [{ name: "@k", value: partition }, { name: "@t", value: tenantId }], partition);
    return docs.map(fromDoc);
  }

  async get(tenantId: TenantId, cohortId: CohortId, key: string): Promise<Versioned<LiveSessionFollowUp> | undefined> {
    const doc = await readDoc(this.records, followUpId(cohortId, key), ids.cohortKey(tenantId, cohortId));
    return doc?.docType === DOC_TYPE && doc.tenantId === tenantId ? fromDoc(doc) : undefined;
  }

  async createIfAbsent(followUp: LiveSessionFollowUp): Promise<Versioned<LiveSessionFollowUp> | undefined> {
    const doc = toDoc(followUp);
    if ((await createIfAbsent(this.records, doc)) === "exists") return undefined;
    const stored = await readDoc(this.records, doc.id, doc.cohortKey);
    return stored ? fromDoc(stored) : undefined;
  }

  async update(followUp: LiveSessionFollowUp, etag: string): Promise<Versioned<LiveSessionFollowUp>> {
    const doc = toDoc(followUp);
    return fromDoc(await replaceIfMatch(this.records, doc, doc.cohortKey, etag));
  }
}

function toDoc(followUp: LiveSessionFollowUp) {
  return { ...followUp, id: followUpId(followUp.cohortId, followUp.key), cohortKey: ids.cohortKey(followUp.tenantId, followUp.cohortId), docType: DOC_TYPE };
}

function fromDoc(doc: Parameters<typeof toVersioned>[0]): Versioned<LiveSessionFollowUp> {
  const { id, ...rest } = toVersioned<LiveSessionFollowUp & { id?: string }>(doc);
  void id;
  return rest;
}
