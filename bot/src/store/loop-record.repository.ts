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
import { readSummaryDoc, refreshMemberSummary } from "./member-summary.repository";

const LOOP_TYPES = ["commitment", "checkin", "adoption", "win"];
/** What the group figures are computed from (domain/metrics.ts `computeCohortProgress`, `responsesForEvent`). */
const FIGURE_TYPES = ["commitment", "checkin", "adoption"];
const FIGURE_FIELDS = ["id", "docType", "tenantId", "cohortId", "userId", "sessionNumber", "week", "stuck", "blockers", "minutesSaved", "confidence", "wantsHelp", "submittedAt", "updatedAt", "committedAt", "stillUsing", "frequency", "answeredAt", "firstAnsweredAt"];

export class CosmosLoopRecordRepository implements LoopRecordRepository {
  constructor(private readonly records: Container) {}

  async upsertCommitment(commitment: ApplyCommitment): Promise<void> {
    await this.writeRowRecord(commitment, "commitment");
  }

  /**
   * A commitment or check-in, then the member's row summary (store/member-summary.repository.ts,
   * its ETag read alongside the write) and the cohort's figures marker.
   */
  private async writeRowRecord(record: ApplyCommitment | CheckIn, docType: "commitment" | "checkin"): Promise<void> {
    const { tenantId, cohortId, userId } = record;
    const [, before] = await Promise.all([this.records.items.upsert({ ...record, cohortKey: ids.cohortKey(tenantId, cohortId), docType }), readSummaryDoc(this.records, tenantId, cohortId, userId)]);
    await Promise.all([refreshMemberSummary(this.records, tenantId, cohortId, userId, { doc: before }), touchFiguresMarker(this.records, tenantId, cohortId)]);
  }

  async getCommitment(tenantId: TenantId, cohortId: CohortId, sessionNumber: number, userId: UserId): Promise<ApplyCommitment | undefined> {
    const doc = await readDoc(this.records, ids.commitmentId(cohortId, sessionNumber, userId), ids.cohortKey(tenantId, cohortId));
    return doc && doc.tenantId === tenantId ? toDomain<ApplyCommitment>(doc) : undefined;
  }

  async upsertCheckIn(checkIn: CheckIn): Promise<void> {
    await this.writeRowRecord(checkIn, "checkin");
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

  async listCohortFigureInputs(tenantId: TenantId, cohortId: CohortId): Promise<CohortRecords> {
    const partition = ids.cohortKey(tenantId, cohortId);
    const docs = await queryDocs(this.records, `SELECT ${FIGURE_FIELDS.map((f) => `c.${f}`).join(", ")} FROM c WHERE c.cohortKey = @k AND c.tenantId = @t AND ARRAY_CONTAINS(@types, c.docType)`, [
      { name: "@k", value: partition },
      { name: "@t", value: tenantId },
      { name: "@types", value: FIGURE_TYPES },
    ], partition);
    const of = <T>(type: string, text: Partial<T>) => docs.filter((d) => d.docType === type).map((d) => ({ ...toDomain<T>(d), ...text }) as T);
    return { commitments: of<ApplyCommitment>("commitment", { deliverable: "" }), checkIns: of<CheckIn>("checkin", { tried: "", worked: "" }), adoption: of<AdoptionAnswer>("adoption", { usedFor: "" }), wins: [] };
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
    // The dashboard's figures move (store/cohort-figures.repository.ts) and the member's row
    // summary goes with their records: after the records, always.
    await Promise.all([refreshMemberSummary(this.records, tenantId, cohortId, userId), touchFiguresMarker(this.records, tenantId, cohortId)]);
    return deleted;
  }
}

function split(docs: Array<Record<string, unknown>>): CohortRecords {
  const of = <T>(type: string) => docs.filter((d) => d.docType === type).map((d) => toDomain<T>(d));
  return { commitments: of<ApplyCommitment>("commitment"), checkIns: of<CheckIn>("checkin"), adoption: of<AdoptionAnswer>("adoption"), wins: of<Win>("win") };
}
