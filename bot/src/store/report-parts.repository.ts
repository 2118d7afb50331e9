/**
 * The organisation report's read model (issue 20): one small document per cohort, in the cohort's
 * partition, holding its released report parts (domain/impact-report.ts `reportPartsOf`: group
 * counts and sums only, no member ids, no answers) and the key they were computed from.
 *
 * Without it every report request read every membership and every record of every cohort in scope
 * (10,000 members × 12 weeks: some 80,000 documents per request). With it a request makes three
 * point reads per cohort in scope: the cohort's write marker and roster (the documents whose ETags
 * the dashboard's figures key on, store/cohort-figures.repository.ts: every write of a membership,
 * commitment, check-in, adoption answer or "delete my data" moves one of them, after writing) and
 * its saved parts. Three documents per cohort, however large the cohorts. A cohort is read in full
 * only when a write moved its marker since its parts were saved, once, not once per viewer or per
 * slice (usecases/dashboard/impact-report-parts.ts).
 *
 * Point reads rather than one query for the tenant's markers: a point read costs 1 RU in Azure and
 * is a key lookup in the embedded server, whose queries scan the whole container (measured: one
 * such query per request took longer at 10,000 members than 150 point reads). Not a transactional
 * batch of reads: it fails as a whole when a cohort has no marker yet.
 */
import type { Container, ItemDefinition } from "@azure/cosmos";
import { ids } from "../domain/ids";
import type { ReportPartsRepository, ReportPartsSnapshot, ReportPartsState } from "../domain/ports";
import type { CohortId, TenantId } from "../domain/types";
import { mapLimited } from "../lib/concurrency";
import { readDoc, toDomain } from "./cosmos-documents";
import { markerId } from "./cohort-figures.repository"; // the marker every write of the cohort's records moves

const PARTS_TYPE = "reportParts";

function partsId(cohortId: CohortId): string {
  return `reportParts:${cohortId}`;
}

function snapshotOf(doc: ItemDefinition): ReportPartsSnapshot {
  const { key, computedAt, parts } = toDomain<ReportPartsSnapshot>(doc);
  return { key, computedAt, parts };
}

export class CosmosReportPartsRepository implements ReportPartsRepository {
  constructor(private readonly records: Container) {}

  async statesOf(tenantId: TenantId, cohortIds: readonly CohortId[]): Promise<Map<CohortId, ReportPartsState>> {
    const states = await mapLimited(cohortIds, 16, async (cohortId) => {
      const partition = ids.cohortKey(tenantId, cohortId);
      const [marker, roster, parts] = await Promise.all([readDoc(this.records, markerId(cohortId), partition), readDoc(this.records, ids.rosterId(cohortId), partition), readDoc(this.records, partsId(cohortId), partition)]);
      const state: ReportPartsState = { writes: writesOf(marker?._etag, roster?._etag), ...(parts && parts.tenantId === tenantId ? { saved: snapshotOf(parts) } : {}) };
      return [cohortId, state] as const;
    });
    return new Map(states);
  }

  async get(tenantId: TenantId, cohortId: CohortId): Promise<ReportPartsSnapshot | undefined> {
    const doc = await readDoc(this.records, partsId(cohortId), ids.cohortKey(tenantId, cohortId));
    return doc && doc.tenantId === tenantId ? snapshotOf(doc) : undefined;
  }

  async save(tenantId: TenantId, cohortId: CohortId, snapshot: ReportPartsSnapshot): Promise<void> {
    await this.records.items.upsert({ ...snapshot, id: partsId(cohortId), tenantId, cohortId, cohortKey: ids.cohortKey(tenantId, cohortId), docType: PARTS_TYPE } as ItemDefinition);
  }
}

/** What a cohort's writes have reached: its marker's and roster's ETags ("-" for one not written yet). */
export function writesOf(marker: string | undefined, roster: string | undefined): string {
  return `${marker ?? "-"}|${roster ?? "-"}`;
}
