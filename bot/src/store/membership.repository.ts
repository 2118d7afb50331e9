/**
 * One document per member in `cohortRecords` (/cohortKey): a 20,000-person cohort is 20,000 small
 * documents, not one huge one.
 *
 * Members' pauses live apart from their memberships, in one small document per cohort that only
 * paused members appear in: a roster edit (which rewrites memberships) can never drop a pause, and
 * the scheduler reads every pause of a cohort with one point read.
 */
import type { Container, ItemDefinition } from "@azure/cosmos";
import { ConcurrencyError } from "../domain/errors";
import { ids } from "../domain/ids";
import type { MembershipRepository, PauseChange } from "../domain/ports";
import type { CohortId, MemberPause, Membership, TenantId, UserId } from "../domain/types";
import { mapLimited } from "../lib/concurrency";
import { queryDocs, readDoc, replaceIfMatch, statusOf, toDomain } from "./cosmos-documents";

type PauseMap = Record<UserId, MemberPause[]>;

/** Attempts at a read-modify-write of the pauses document before giving up (each loses only to another write). */
const PAUSE_WRITE_ATTEMPTS = 8;

export class CosmosMembershipRepository implements MembershipRepository {
  constructor(private readonly records: Container) {}

  async listByCohort(tenantId: TenantId, cohortId: CohortId): Promise<Membership[]> {
    const docs = await queryDocs(this.records, "SELECT * FROM c WHERE c.cohortKey = @k AND c.tenantId = @t AND c.docType = 'membership'", [{ name: "@k", value: ids.cohortKey(tenantId, cohortId) }, { name: "@t", value: tenantId }], ids.cohortKey(tenantId, cohortId));
    const pauses = await this.listPauses(tenantId, cohortId);
    return docs.map((d) => withPauses(strip(toDomain<Membership & { id: string }>(d)), pauses));
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
    return Promise.all(docs.map(async (d) => {
      const m = strip(toDomain<Membership & { id: string }>(d));
      return withPauses(m, await this.listPauses(tenantId, m.cohortId));
    }));
  }

  async get(tenantId: TenantId, cohortId: CohortId, userId: UserId): Promise<Membership | undefined> {
    const [doc, pauses] = await Promise.all([readDoc(this.records, ids.membershipId(cohortId, userId), ids.cohortKey(tenantId, cohortId)), this.listPauses(tenantId, cohortId)]);
    return doc && doc.tenantId === tenantId ? withPauses(strip(toDomain<Membership & { id: string }>(doc)), pauses) : undefined;
  }

  async upsertMany(memberships: Membership[]): Promise<void> {
    // Pauses are written only by `updatePauses`, never with the membership.
    await mapLimited(memberships.map(withoutPauses), 16, (m) =>
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
    await this.changePauses(tenantId, cohortId, (map) => (userIds.some((u) => map[u]) ? Object.fromEntries(Object.entries(map).filter(([u]) => !userIds.includes(u))) : undefined));
    await this.touchRoster(tenantId, cohortId);
  }

  async listPauses(tenantId: TenantId, cohortId: CohortId): Promise<PauseMap> {
    const doc = await readDoc(this.records, pausesId(cohortId), ids.cohortKey(tenantId, cohortId));
    return doc && doc.tenantId === tenantId ? ((doc.pauses as PauseMap | undefined) ?? {}) : {};
  }

  async updatePauses(tenantId: TenantId, cohortId: CohortId, userId: UserId, change: PauseChange): Promise<{ pauses: MemberPause[]; changed: boolean }> {
    let outcome: { pauses: MemberPause[]; changed: boolean } = { pauses: [], changed: false };
    const changed = await this.changePauses(tenantId, cohortId, (map) => {
      const current = map[userId] ?? [];
      const next = change(current);
      outcome = { pauses: next ?? current, changed: !!next };
      return next ? { ...map, [userId]: next } : undefined;
    });
    // Like a roster change: the version moves after the write, so a planner that saw the old one plans again.
    if (changed) await this.touchRoster(tenantId, cohortId);
    return outcome;
  }

  /** Read-modify-write of the cohort's pauses document, ETag-guarded and retried; false when `change` wanted nothing. */
  private async changePauses(tenantId: TenantId, cohortId: CohortId, change: (map: PauseMap) => PauseMap | undefined): Promise<boolean> {
    const partition = ids.cohortKey(tenantId, cohortId);
    for (let attempt = 0; attempt < PAUSE_WRITE_ATTEMPTS; attempt++) {
      const doc = await readDoc(this.records, pausesId(cohortId), partition);
      const next = change(doc && doc.tenantId === tenantId ? ((doc.pauses as PauseMap | undefined) ?? {}) : {});
      if (!next) return false;
      const body: ItemDefinition & { id: string } = { id: pausesId(cohortId), tenantId, cohortId, cohortKey: partition, docType: "memberPauses", pauses: next };
      try {
        if (doc) await replaceIfMatch(this.records, body, partition, String(doc._etag));
        else await this.records.items.create(body);
        return true;
      } catch (err) {
        if (!(err instanceof ConcurrencyError) && statusOf(err) !== 409) throw err;
      }
    }
    throw new ConcurrencyError();
  }

  /** The roster document's ETag is the version: Cosmos DB gives every write a new one. */
  async rosterVersion(tenantId: TenantId, cohortId: CohortId): Promise<string | undefined> {
    const doc = await readDoc(this.records, ids.rosterId(cohortId), ids.cohortKey(tenantId, cohortId));
    return doc && doc.tenantId === tenantId ? String(doc._etag) : undefined;
  }

  /** Written after the memberships, so a planner that saw the old version will plan again. */
  private async touchRoster(tenantId: TenantId, cohortId: CohortId): Promise<void> {
    // The member count the cohort list shows, counted once per roster change rather than once per view.
    const memberCount = await this.countByCohort(tenantId, cohortId);
    await this.records.items.upsert({ id: ids.rosterId(cohortId), tenantId, cohortId, cohortKey: ids.cohortKey(tenantId, cohortId), docType: "roster", memberCount });
  }
}

function pausesId(cohortId: CohortId): string {
  return `${ids.rosterId(cohortId)}:pauses`;
}

function withPauses(m: Membership, pauses: PauseMap): Membership {
  const own = pauses[m.userId];
  return own?.length ? { ...m, pauses: own } : m;
}

function withoutPauses(m: Membership): Membership {
  const { pauses, ...rest } = m;
  void pauses;
  return rest;
}

function strip(m: Membership & { id: string }): Membership {
  const { id, ...rest } = m;
  void id;
  return rest;
}
