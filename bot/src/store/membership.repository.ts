/** One document per member in `cohortRecords` (/cohortKey): a 20,000-person cohort is 20,000 small documents, not one huge one. */
import type { Container } from "@azure/cosmos";
import { ids } from "../domain/ids";
import type { MembershipRepository } from "../domain/ports";
import type { CohortId, Membership, TenantId, UserId } from "../domain/types";
import { mapLimited } from "../lib/concurrency";
import { queryDocs, readDoc, statusOf, toDomain } from "./cosmos-documents";

export class CosmosMembershipRepository implements MembershipRepository {
  constructor(private readonly records: Container) {}

  async listByCohort(tenantId: TenantId, cohortId: CohortId): Promise<Membership[]> {
    const docs = await queryDocs(this.records, "SELECT * FROM c WHERE c.cohortKey = @k AND c.tenantId = @t AND c.docType = 'membership'", [{ name: "@k", value: ids.cohortKey(tenantId, cohortId) }, { name: "@t", value: tenantId }], ids.cohortKey(tenantId, cohortId));
    return docs.map((d) => strip(toDomain<Membership & { id: string }>(d)));
  }

  /** Counted by the database: a cohort list must not read every member of every cohort. */
  async countByCohort(tenantId: TenantId, cohortId: CohortId): Promise<number> {
    const [count] = await queryDocs(this.records, "SELECT VALUE COUNT(1) FROM c WHERE c.cohortKey = @k AND c.tenantId = @t AND c.docType = 'membership'", [{ name: "@k", value: ids.cohortKey(tenantId, cohortId) }, { name: "@t", value: tenantId }], ids.cohortKey(tenantId, cohortId));
    return Number(count ?? 0);
  }

  /** Cross-partition, but filtered on tenant and user: a person is in a handful of cohorts. */
  async listByUser(tenantId: TenantId, userId: UserId): Promise<Membership[]> {
    const docs = await queryDocs(this.records, "SELECT * FROM c WHERE c.tenantId = @t AND c.docType = 'membership' AND c.userId = @u", [
      { name: "@t", value: tenantId },
      { name: "@u", value: userId },
    ]);
    return docs.map((d) => strip(toDomain<Membership & { id: string }>(d)));
  }

  async get(tenantId: TenantId, cohortId: CohortId, userId: UserId): Promise<Membership | undefined> {
    const doc = await readDoc(this.records, ids.membershipId(cohortId, userId), ids.cohortKey(tenantId, cohortId));
    return doc && doc.tenantId === tenantId ? strip(toDomain<Membership & { id: string }>(doc)) : undefined;
  }

  async upsertMany(memberships: Membership[]): Promise<void> {
    await mapLimited(memberships, 16, (m) =>
      this.records.items.upsert({ ...m, id: ids.membershipId(m.cohortId, m.userId), cohortKey: ids.cohortKey(m.tenantId, m.cohortId), docType: "membership" }),
    );
    const cohorts = new Map(memberships.map((m) => [ids.cohortKey(m.tenantId, m.cohortId), m]));
    for (const m of cohorts.values()) await this.touchRoster(m.tenantId, m.cohortId);
  }

  async removeMany(tenantId: TenantId, cohortId: CohortId, userIds: UserId[]): Promise<void> {
    await mapLimited(userIds, 16, async (userId) => {
      try {
        await this.records.item(ids.membershipId(cohortId, userId), ids.cohortKey(tenantId, cohortId)).delete();
      } catch (err) {
        if (statusOf(err) !== 404) throw err;
      }
    });
    await this.touchRoster(tenantId, cohortId);
  }

  /** The roster document's ETag is the version: Cosmos DB gives every write a new one. */
  async rosterVersion(tenantId: TenantId, cohortId: CohortId): Promise<string | undefined> {
    const doc = await readDoc(this.records, ids.rosterId(cohortId), ids.cohortKey(tenantId, cohortId));
    return doc && doc.tenantId === tenantId ? String(doc._etag) : undefined;
  }

  /** Written after the memberships, so a planner that saw the old version will plan again. */
  private async touchRoster(tenantId: TenantId, cohortId: CohortId): Promise<void> {
    await this.records.items.upsert({ id: ids.rosterId(cohortId), tenantId, cohortId, cohortKey: ids.cohortKey(tenantId, cohortId), docType: "roster" });
  }
}

function strip(m: Membership & { id: string }): Membership {
  const { id, ...rest } = m;
  void id;
  return rest;
}
