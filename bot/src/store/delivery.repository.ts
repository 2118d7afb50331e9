/**
 * Deliveries, in `deliveries` (/cohortKey): the scheduler works one cohort (one partition) at a
 * time. Claims are ETag-guarded replaces, so two instances can never both hold a delivery; a claim
 * carries an expiry, so a crashed instance's deliveries are picked up again.
 */
import type { Container } from "@azure/cosmos";
import { ConcurrencyError } from "../domain/errors";
import { ids } from "../domain/ids";
import { mapLimited } from "../lib/concurrency";
import type { CreateOutcome, DeliveryCounts, DeliveryKindCounts, DeliveryRepository, PlanMark, Versioned } from "../domain/ports";
import type { CohortId, Delivery, Instant, TenantId, UserId } from "../domain/types";
import { createIfAbsent, createManyIfAbsent, queryDocs, singleCohortKey, readDoc, replaceIfMatch, toDomain, toVersioned } from "./cosmos-documents";

const CLAIM_CONCURRENCY = 4;

export class CosmosDeliveryRepository implements DeliveryRepository {
  constructor(private readonly deliveries: Container) {}

  createIfAbsent(delivery: Delivery): Promise<CreateOutcome> {
    return createIfAbsent(this.deliveries, this.toDoc(delivery));
  }

  /** Writes one cohort's new deliveries in a few batch requests; returns how many were new. */
  async createManyIfAbsent(deliveries: Delivery[]): Promise<number> {
    if (deliveries.length === 0) return 0;
    const partition = singleCohortKey(deliveries, "a delivery batch");
    const created = await createManyIfAbsent(this.deliveries, deliveries.map((d) => this.toDoc(d)), partition);
    return created.filter(Boolean).length;
  }

  async claimDue(tenantId: TenantId, cohortId: CohortId, claimant: string, now: Instant, claimUntil: Instant, limit: number): Promise<Versioned<Delivery>[]> {
    const partition = ids.cohortKey(tenantId, cohortId);
    const due = (urgentOnly: boolean, top: number) =>
      queryDocs(
        this.deliveries,
        `SELECT TOP @limit * FROM c WHERE c.cohortKey = @k AND c.tenantId = @t AND c.docType = 'delivery' AND c.notBefore <= @now
           AND (c.status = 'pending' OR (c.status = 'claimed' AND c.claimExpiresAt <= @now))${urgentOnly ? " AND c.urgent = true" : ""} ORDER BY c.notBefore`,
        [
          { name: "@limit", value: top },
          { name: "@k", value: partition },
          { name: "@t", value: tenantId },
          { name: "@now", value: now },
        ],
        partition,
      );
    // Someone waiting on a message (a help request, their own answer) goes ahead of a fan-out's
    // backlog: a second, small query rather than an ORDER BY on two fields (a composite index).
    const urgent = await due(true, limit);
    const rest = urgent.length < limit ? await due(false, limit) : [];
    const seen = new Set(urgent.map((d) => String(d.id)));
    const candidates = [...urgent, ...rest.filter((d) => !seen.has(String(d.id)))].slice(0, limit);
    // A few at a time: one by one, a batch of claims would take long; all at once, they would
    // queue ahead of members' requests at the database.
    const claims = await mapLimited(candidates, CLAIM_CONCURRENCY, async (doc) => {
      const delivery = toDomain<Delivery>(doc);
      try {
        const saved = await replaceIfMatch(this.deliveries, this.toDoc({ ...delivery, status: "claimed", claimedBy: claimant, claimExpiresAt: claimUntil, updatedAt: now }), partition, String(doc._etag));
        return toVersioned<Delivery>(saved);
      } catch (err) {
        if (err instanceof ConcurrencyError) return undefined; // another instance claimed it first
        throw err;
      }
    });
    return claims.filter((claim): claim is Versioned<Delivery> => claim !== undefined);
  }

  async update(delivery: Delivery, etag: string): Promise<Versioned<Delivery>> {
    return toVersioned<Delivery>(await replaceIfMatch(this.deliveries, this.toDoc(delivery), ids.cohortKey(delivery.tenantId, delivery.cohortId), etag));
  }

  async listByCohort(tenantId: TenantId, cohortId: CohortId): Promise<Delivery[]> {
    const docs = await queryDocs(this.deliveries, "SELECT * FROM c WHERE c.cohortKey = @k AND c.tenantId = @t AND c.docType = 'delivery'", [{ name: "@k", value: ids.cohortKey(tenantId, cohortId) }, { name: "@t", value: tenantId }], ids.cohortKey(tenantId, cohortId));
    return docs.map((d) => toDomain<Delivery>(d));
  }

  async listForEvent(tenantId: TenantId, cohortId: CohortId, eventKey: string): Promise<Delivery[]> {
    const partition = ids.cohortKey(tenantId, cohortId);
    const docs = await queryDocs(this.deliveries, "SELECT * FROM c WHERE c.cohortKey = @k AND c.tenantId = @t AND c.docType = 'delivery' AND c.eventKey = @e", [
      { name: "@k", value: partition },
      { name: "@t", value: tenantId },
      { name: "@e", value: eventKey },
    ], partition);
    return docs.map((d) => toDomain<Delivery>(d));
  }

  async listUserIdsForEvent(tenantId: TenantId, cohortId: CohortId, eventKey: string): Promise<Set<UserId>> {
    const docs = await queryDocs(this.deliveries, "SELECT c.userId FROM c WHERE c.cohortKey = @k AND c.tenantId = @t AND c.docType = 'delivery' AND c.eventKey = @e", [
      { name: "@k", value: ids.cohortKey(tenantId, cohortId) },
      { name: "@t", value: tenantId },
      { name: "@e", value: eventKey },
    ], ids.cohortKey(tenantId, cohortId));
    return new Set(docs.map((d) => String(d.userId)));
  }

  /** Aggregated here, not with GROUP BY, which the embedded server lacks. */
  async countsByEvent(tenantId: TenantId, cohortId: CohortId): Promise<DeliveryCounts[]> {
    const docs = await queryDocs(this.deliveries, "SELECT c.eventKey, c.status FROM c WHERE c.cohortKey = @k AND c.tenantId = @t AND c.docType = 'delivery'", [{ name: "@k", value: ids.cohortKey(tenantId, cohortId) }, { name: "@t", value: tenantId }], ids.cohortKey(tenantId, cohortId));
    const counts = new Map<string, DeliveryCounts>();
    for (const d of docs) {
      const key = String(d.eventKey);
      const entry = counts.get(key) ?? { eventKey: key, pending: 0, claimed: 0, sent: 0, failed: 0, skipped: 0 };
      const status = d.status as keyof Omit<DeliveryCounts, "eventKey">;
      if (status in entry) entry[status]++;
      counts.set(key, entry);
    }
    return [...counts.values()];
  }

  async countsByKind(tenantId: TenantId, cohortId: CohortId): Promise<DeliveryKindCounts[]> {
    const partition = ids.cohortKey(tenantId, cohortId);
    const docs = await queryDocs(this.deliveries, "SELECT c.kind, c.status, c.failureReason FROM c WHERE c.cohortKey = @k AND c.tenantId = @t AND c.docType = 'delivery'", [{ name: "@k", value: partition }, { name: "@t", value: tenantId }], partition);
    const byKind = new Map<string, DeliveryKindCounts & { reasonIndex: Map<string, DeliveryKindCounts["reasons"][number]> }>();
    for (const d of docs) {
      const kind = String(d.kind) as Delivery["kind"];
      let entry = byKind.get(kind);
      if (!entry) byKind.set(kind, (entry = { kind, pending: 0, claimed: 0, sent: 0, failed: 0, skipped: 0, reasons: [], reasonIndex: new Map() }));
      const status = d.status as keyof Omit<DeliveryCounts, "eventKey">;
      if (status in entry) entry[status]++;
      // A pending delivery with a reason is a retry waiting; a sent one's reason is history.
      if ((status === "failed" || status === "skipped" || status === "pending") && typeof d.failureReason === "string") {
        const key = `${status}\u0000${d.failureReason}`;
        const reason = entry.reasonIndex.get(key) ?? { status, reason: d.failureReason, count: 0 };
        if (!reason.count) entry.reasons.push(reason);
        reason.count++;
        entry.reasonIndex.set(key, reason);
      }
    }
    return [...byKind.values()].map(({ reasonIndex, ...counts }) => (void reasonIndex, counts));
  }

  async getPlanMark(tenantId: TenantId, cohortId: CohortId): Promise<PlanMark | undefined> {
    const doc = await readDoc(this.deliveries, ids.planMarkId(cohortId), ids.cohortKey(tenantId, cohortId));
    return doc?.docType === "planMark" && doc.tenantId === tenantId ? strip(toDomain<PlanMark & { id: string }>(doc)) : undefined;
  }

  async savePlanMark(mark: PlanMark): Promise<void> {
    await this.deliveries.items.upsert({ ...mark, id: ids.planMarkId(mark.cohortId), cohortKey: ids.cohortKey(mark.tenantId, mark.cohortId), docType: "planMark" });
  }

  private toDoc(delivery: Delivery) {
    return { ...delivery, cohortKey: ids.cohortKey(delivery.tenantId, delivery.cohortId), docType: "delivery" };
  }
}

function strip({ id, ...mark }: PlanMark & { id: string }): PlanMark {
  void id;
  return mark;
}
