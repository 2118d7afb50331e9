/** Facilitator alerts, in `cohortRecords` (/cohortKey); one per member, reason and session (deterministic id). */
import type { Container } from "@azure/cosmos";
import { ids } from "../domain/ids";
import type { AlertReach, AlertRepository, CreateOutcome, StoredAlert, Versioned } from "../domain/ports";
import type { CohortId, FacilitatorAlert, Instant, TenantId, UserId } from "../domain/types";
import { touchFiguresMarker } from "./cohort-figures.repository";
import { createIfAbsent, createManyIfAbsent, queryDocs, singleCohortKey, readDoc, replaceIfMatch, statusOf, toVersioned } from "./cosmos-documents";

/** What a redacted alert says instead of the member's words. */
export const REDACTED_ALERT_CONTEXT = "(The member deleted what they wrote.)";

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
    const saved = toVersioned<FacilitatorAlert>(await replaceIfMatch(this.records, this.toDoc(alert), ids.cohortKey(alert.tenantId, alert.cohortId), etag));
    // A resolution clears "stuck" / "asked for help" in the dashboard's figures.
    await touchFiguresMarker(this.records, alert.tenantId, alert.cohortId);
    return saved;
  }

  async listByMember(tenantId: TenantId, cohortId: CohortId, userId: UserId): Promise<Versioned<StoredAlert>[]> {
    const key = ids.cohortKey(tenantId, cohortId);
    const docs = await queryDocs(this.records, "SELECT * FROM c WHERE c.cohortKey = @k AND c.tenantId = @t AND c.docType = 'alert' AND c.userId = @u ORDER BY c.raisedAt DESC", [{ name: "@k", value: key }, { name: "@t", value: tenantId }, { name: "@u", value: userId }], key);
    return docs.map((d) => toVersioned<StoredAlert>(d));
  }

  /** A patch, not a replace: it cannot undo a facilitator taking the alert at the same moment. */
  async recordReach(tenantId: TenantId, cohortId: CohortId, alertId: string, reach: AlertReach): Promise<void> {
    try {
      await this.records.item(alertId, ids.cohortKey(tenantId, cohortId)).patch([{ op: "set", path: "/reach", value: { ...reach } }]);
    } catch (err) {
      // Deleted in the meantime: nothing left to record against.
      if (statusOf(err) !== 404) throw err;
    }
  }

  async redactMemberText(tenantId: TenantId, cohortId: CohortId, userId: UserId, at: Instant): Promise<number> {
    const alerts = (await this.listByMember(tenantId, cohortId, userId)).filter((a) => !a.memberTextDeletedAt || a.context !== REDACTED_ALERT_CONTEXT);
    let changed = 0;
    for (const alert of alerts) {
      try {
        await this.records.item(alert.id, ids.cohortKey(tenantId, cohortId)).patch([
          { op: "set", path: "/context", value: REDACTED_ALERT_CONTEXT },
          { op: "set", path: "/memberTextDeletedAt", value: at },
        ]);
        changed++;
      } catch (err) {
        if (statusOf(err) !== 404) throw err;
      }
    }
    return changed;
  }

  private toDoc(alert: FacilitatorAlert) {
    return { ...alert, cohortKey: ids.cohortKey(alert.tenantId, alert.cohortId), docType: "alert" };
  }
}
