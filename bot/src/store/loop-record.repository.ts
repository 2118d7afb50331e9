/**
 * Apply commitments, check-ins, adoption answers (and wins, for reading) of a cohort, in
 * `cohortRecords` (/cohortKey). Ids are deterministic, so writes are upserts: a member submitting
 * the same check-in twice rewrites their one record.
 */
import type { Container } from "@azure/cosmos";
import { ids } from "../domain/ids";
import type { CohortRecords, LoopRecordRepository, MemberRecords } from "../domain/ports";
import type { AdoptionAnswer, ApplyCommitment, CheckIn, CohortId, TenantId, UserId, Win } from "../domain/types";
import { touchFiguresMarker } from "./cohort-figures.repository";
import { queryDocs, readDoc, statusOf, toDomain } from "./cosmos-documents";

const LOOP_TYPES = ["commitment", "checkin", "adoption", "win"];

export class CosmosLoopRecordRepository implements LoopRecordRepository {
  constructor(private readonly records: Container) {}

  async upsertCommitment(commitment: ApplyCommitment): Promise<void> {
    await this.records.items.upsert({ ...commitment, cohortKey: ids.cohortKey(commitment.tenantId, commitment.cohortId), docType: "commitment" });
    await touchFiguresMarker(this.records, commitment.tenantId, commitment.cohortId);
  }

  async getCommitment(tenantId: TenantId, cohortId: CohortId, sessionNumber: number, userId: UserId): Promise<ApplyCommitment | undefined> {
    const doc = await readDoc(this.records, ids.commitmentId(cohortId, sessionNumber, userId), ids.cohortKey(tenantId, cohortId));
    return doc && doc.tenantId === tenantId ? toDomain<ApplyCommitment>(doc) : undefined;
  }

  async upsertCheckIn(checkIn: CheckIn): Promise<void> {
    await this.records.items.upsert({ ...checkIn, cohortKey: ids.cohortKey(checkIn.tenantId, checkIn.cohortId), docType: "checkin" });
    await touchFiguresMarker(this.records, checkIn.tenantId, checkIn.cohortId);
  }

  async getCheckIn(tenantId: TenantId, cohortId: CohortId, sessionNumber: number, userId: UserId): Promise<CheckIn | undefined> {
    const doc = await readDoc(this.records, ids.checkInId(cohortId, sessionNumber, userId), ids.cohortKey(tenantId, cohortId));
    return doc && doc.tenantId === tenantId ? toDomain<CheckIn>(doc) : undefined;
  }

  async upsertAdoption(answer: AdoptionAnswer): Promise<void> {
    await this.records.items.upsert({ ...answer, cohortKey: ids.cohortKey(answer.tenantId, answer.cohortId), docType: "adoption" });
    await touchFiguresMarker(this.records, answer.tenantId, answer.cohortId);
  }

  async listCohortRecords(tenantId: TenantId, cohortId: CohortId): Promise<CohortRecords> {
    const docs = await queryDocs(this.records, "SELECT * FROM c WHERE c.cohortKey = @k AND c.tenantId = @t AND ARRAY_CONTAINS(@types, c.docType)", [
      { name: "@k", value: ids.cohortKey(tenantId, cohortId) },
      { name: "@t", value: tenantId },
      { name: "@types", value: LOOP_TYPES },
    ], ids.cohortKey(tenantId, cohortId));
    return split(docs);
  }

  async listMemberRecords(tenantId: TenantId, cohortId: CohortId, userId: UserId): Promise<MemberRecords> {
    const docs = await queryDocs(this.records, "SELECT * FROM c WHERE c.cohortKey = @k AND c.tenantId = @t AND c.userId = @u AND ARRAY_CONTAINS(@types, c.docType)", [
      { name: "@k", value: ids.cohortKey(tenantId, cohortId) },
      { name: "@t", value: tenantId },
      { name: "@u", value: userId },
      { name: "@types", value: LOOP_TYPES },
    ], ids.cohortKey(tenantId, cohortId));
    return split(docs);
  }

  async deleteMemberRecords(tenantId: TenantId, cohortId: CohortId, userId: UserId): Promise<number> {
    const partition = ids.cohortKey(tenantId, cohortId);
    const docs = await queryDocs(this.records, "SELECT c.id FROM c WHERE c.cohortKey = @k AND c.tenantId = @t AND c.userId = @u AND ARRAY_CONTAINS(@types, c.docType)", [
      { name: "@k", value: ids.cohortKey(tenantId, cohortId) },
      { name: "@t", value: tenantId },
      { name: "@u", value: userId },
      { name: "@types", value: LOOP_TYPES },
    ], partition);
    let deleted = 0;
    for (const doc of docs) {
      try {
        await this.records.item(String(doc.id), partition).delete();
        deleted++;
      } catch (err) {
        if (statusOf(err) !== 404) throw err;
      }
    }
    // The dashboard's figures move (store/cohort-figures.repository.ts): after the records, always.
    await touchFiguresMarker(this.records, tenantId, cohortId);
    return deleted;
  }
}

function split(docs: Array<Record<string, unknown>>): CohortRecords {
  const of = <T>(type: string) => docs.filter((d) => d.docType === type).map((d) => toDomain<T>(d));
  return { commitments: of<ApplyCommitment>("commitment"), checkIns: of<CheckIn>("checkin"), adoption: of<AdoptionAnswer>("adoption"), wins: of<Win>("win") };
}
