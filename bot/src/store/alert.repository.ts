/** Facilitator alerts, in `cohortRecords` (/cohortKey); one per member, reason and session (deterministic id). */
import type { Container } from "@azure/cosmos";
import { ids } from "../domain/ids";
import type { AlertRepository, CreateOutcome, Versioned } from "../domain/ports";
import type { CohortId, FacilitatorAlert, TenantId } from "../domain/types";
import { createIfAbsent, createManyIfAbsent, queryDocs, singleCohortKey, readDoc, replaceIfMatch, toVersioned } from "./cosmos-documents";

export class CosmosAlertRepository implements AlertRepository {
  constructor(private readonly records: Container) {}

  createIfAbsent(alert: FacilitatorAlert): Promise<CreateOutcome> {
    return createIfAbsent(this.records, this.toDoc(alert));
  }

  /** Alerts of one cohort in a few batch requests; returns those this call created. */
  async createManyIfAbsent(alerts: FacilitatorAlert[]): Promise<FacilitatorAlert[]> {
    if (alerts.length === 0) return [];
    const partition = singleCohortKey(alerts, "an alert batch");
    const created = await createManyIfAbsent(this.records, alerts.map((a) => this.toDoc(a)), partition);
    return alerts.filter((_, i) => created[i]);
  }

  async listByCohort(tenantId: TenantId, cohortId: CohortId): Promise<Versioned<FacilitatorAlert>[]> {
    const docs = await queryDocs(this.records, "SELECT * FROM c WHERE c.cohortKey = @k AND c.tenantId = @t AND c.docType = 'alert' ORDER BY c.raisedAt DESC", [{ name: "@k", value: ids.cohortKey(tenantId, cohortId) }, { name: "@t", value: tenantId }], ids.cohortKey(tenantId, cohortId));
    return docs.map((d) => toVersioned<FacilitatorAlert>(d));
  }

  async get(tenantId: TenantId, cohortId: CohortId, alertId: string): Promise<Versioned<FacilitatorAlert> | undefined> {
    const doc = await readDoc(this.records, alertId, ids.cohortKey(tenantId, cohortId));
    return doc?.docType === "alert" && doc.tenantId === tenantId ? toVersioned<FacilitatorAlert>(doc) : undefined;
  }

  async update(alert: FacilitatorAlert, etag: string): Promise<Versioned<FacilitatorAlert>> {
    return toVersioned<FacilitatorAlert>(await replaceIfMatch(this.records, this.toDoc(alert), ids.cohortKey(alert.tenantId, alert.cohortId), etag));
  }

  private toDoc(alert: FacilitatorAlert) {
    return { ...alert, cohortKey: ids.cohortKey(alert.tenantId, alert.cohortId), docType: "alert" };
  }
}
