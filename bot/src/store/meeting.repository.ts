/**
 * Live-session meetings in `cohortRecords` (/cohortKey): one document per cohort and live-session
 * key (`meeting:{cohortId}:{key}`), written with ETags so two scheduler instances never both create,
 * move or cancel the same event; one sync mark per cohort. Each tenant's Graph consent state is one
 * small document in `tenants` (/tenantId).
 */
import type { Container } from "@azure/cosmos";
import type { MeetingRecord } from "../domain/live-sessions";
import type { LiveSessionsStatus, MeetingRepository, Versioned } from "../domain/ports";
import { ids } from "../domain/ids";
import type { CohortId, TenantId } from "../domain/types";
import { createIfAbsent, queryDocs, readDoc, replaceIfMatch, toDomain, toVersioned } from "./cosmos-documents";

const cohortKey = ids.cohortKey;
const meetingId = (cohortId: CohortId, key: string) => `meeting:${cohortId}:${key}`;
const markId = (cohortId: CohortId) => `meeting-sync:${cohortId}`;
const statusId = "live-sessions-status";

export class CosmosMeetingRepository implements MeetingRepository {
  constructor(
    private readonly records: Container,
    private readonly tenants: Container,
  ) {}

  async listByCohort(tenantId: TenantId, cohortId: CohortId): Promise<Versioned<MeetingRecord>[]> {
    const partition = cohortKey(tenantId, cohortId);
    const docs = await queryDocs(this.records, "SELECT * FROM c WHERE c.cohortKey = @k AND c.tenantId = @t AND c.docType = 'meeting'", [{ name: "@k", value: partition }, { name: "@t", value: tenantId }], partition);
    return docs.map((d) => strip(toVersioned<MeetingRecord & { id?: string }>(d)));
  }

  async createIfAbsent(record: MeetingRecord): Promise<Versioned<MeetingRecord> | undefined> {
    const doc = this.toDoc(record);
    if ((await createIfAbsent(this.records, doc)) === "exists") return undefined;
    const stored = await readDoc(this.records, doc.id, doc.cohortKey);
    return stored ? strip(toVersioned<MeetingRecord & { id?: string }>(stored)) : undefined;
  }

  async update(record: MeetingRecord, etag: string): Promise<Versioned<MeetingRecord>> {
    const doc = this.toDoc(record);
    return strip(toVersioned<MeetingRecord & { id?: string }>(await replaceIfMatch(this.records, doc, doc.cohortKey, etag)));
  }

  async listCohortsWithOpenMeetings(): Promise<Array<{ tenantId: TenantId; cohortId: CohortId }>> {
    const docs = await queryDocs(this.records, "SELECT c.tenantId, c.cohortId FROM c WHERE c.docType = 'meeting' AND c.state != 'cancelled'", []);
    const seen = new Map<string, { tenantId: TenantId; cohortId: CohortId }>();
    for (const d of docs) seen.set(cohortKey(String(d.tenantId), String(d.cohortId)), { tenantId: String(d.tenantId), cohortId: String(d.cohortId) });
    return [...seen.values()];
  }

  async getSyncMark(tenantId: TenantId, cohortId: CohortId): Promise<string | undefined> {
    const doc = await readDoc(this.records, markId(cohortId), cohortKey(tenantId, cohortId));
    return doc?.docType === "meetingSync" && doc.tenantId === tenantId ? String(doc.signature) : undefined;
  }

  async saveSyncMark(tenantId: TenantId, cohortId: CohortId, signature: string): Promise<void> {
    await this.records.items.upsert({ id: markId(cohortId), tenantId, cohortId, cohortKey: cohortKey(tenantId, cohortId), docType: "meetingSync", signature });
  }

  async getStatus(tenantId: TenantId): Promise<LiveSessionsStatus | undefined> {
    const doc = await readDoc(this.tenants, statusId, tenantId);
    if (doc?.docType !== "liveSessionsStatus") return undefined;
    const { id, ...status } = toDomain<LiveSessionsStatus & { id?: string }>(doc);
    void id;
    return status;
  }

  async saveStatus(status: LiveSessionsStatus): Promise<void> {
    await this.tenants.items.upsert({ ...status, id: statusId, docType: "liveSessionsStatus" });
  }

  private toDoc(record: MeetingRecord) {
    return { ...record, id: meetingId(record.cohortId, record.key), cohortKey: cohortKey(record.tenantId, record.cohortId), docType: "meeting" };
  }
}

function strip<T extends { id?: string }>(doc: Versioned<T>): Versioned<Omit<T, "id">> {
  const { id, ...rest } = doc;
  void id;
  return rest as Versioned<Omit<T, "id">>;
}
