/**
 * People the bot can reach live in `tenants` (/tenantId), keyed by their Entra object id. An admin
 * grant is a small document of its own beside the person: the person document is rewritten whole
 * whenever the bot learns a new conversation reference, which must not erase a grant.
 */
import type { Container } from "@azure/cosmos";
import { ids } from "../domain/ids";
import type { PersonRepository } from "../domain/ports";
import type { AdminGrant, Instant, Person, TenantId, UserId } from "../domain/types";
import { mapLimited } from "../lib/concurrency";
import { queryDocs, readDoc, statusOf, toDomain } from "./cosmos-documents";

export class CosmosPersonRepository implements PersonRepository {
  constructor(private readonly tenants: Container) {}

  async get(tenantId: TenantId, userId: UserId): Promise<Person | undefined> {
    const doc = await readDoc(this.tenants, ids.personId(userId), tenantId);
    return doc?.docType === "person" && doc.tenantId === tenantId ? strip(doc) : undefined;
  }

  /** Point reads in parallel: 1 RU each in Azure, and no scan of the tenant's people. */
  async getMany(tenantId: TenantId, userIds: UserId[]): Promise<Person[]> {
    const found = await mapLimited([...new Set(userIds)], 16, (userId) => this.get(tenantId, userId));
    return found.filter((p): p is Person => !!p);
  }

  /**
   * Writes the person whole, except that a write that knows no conversation reference (a name from
   * the cohort form, say) keeps the stored one and its reachability: only the bot learns those.
   * Conditional on the document read (ETag), so a reference stored meanwhile is never lost.
   */
  async upsert(person: Person): Promise<void> {
    const id = ids.personId(person.userId);
    if (person.conversationReference !== undefined) {
      await this.tenants.items.upsert({ ...person, id, docType: "person" });
      return;
    }
    for (let attempt = 0; ; attempt++) {
      const stored = await readDoc(this.tenants, id, person.tenantId);
      const kept = stored?.docType === "person" && stored.conversationReference !== undefined
        ? { conversationReference: stored.conversationReference, ...(stored.unreachableSince ? { unreachableSince: stored.unreachableSince as string } : {}) }
        : {};
      const doc = { ...person, ...kept, id, docType: "person" };
      try {
        if (stored) await this.tenants.item(id, person.tenantId).replace(doc, { accessCondition: { type: "IfMatch", condition: String(stored._etag) } });
        else await this.tenants.items.create(doc);
        return;
      } catch (err) {
        const raced = statusOf(err) === 412 || statusOf(err) === 409;
        if (!raced || attempt >= 4) throw err;
      }
    }
  }

  /**
   * Single-partition (the tenant's), reading two small fields per person; the matching is done
   * here so it behaves the same on the embedded server and in Azure.
   */
  async search(tenantId: TenantId, text: string, limit: number): Promise<Array<Pick<Person, "userId" | "displayName">>> {
    const docs = await queryDocs(this.tenants, "SELECT c.userId, c.displayName FROM c WHERE c.tenantId = @t AND c.docType = 'person'", [{ name: "@t", value: tenantId }], tenantId);
    const needle = text.trim().toLocaleLowerCase();
    const found: Array<Pick<Person, "userId" | "displayName">> = [];
    for (const d of docs) {
      const userId = String(d.userId ?? ""), displayName = String(d.displayName ?? "");
      if (!userId || (needle && !displayName.toLocaleLowerCase().includes(needle) && !userId.toLowerCase().startsWith(needle))) continue;
      found.push({ userId, displayName });
    }
    return found.sort((a, b) => a.displayName.localeCompare(b.displayName)).slice(0, limit);
  }

  async adminGrant(tenantId: TenantId, userId: UserId): Promise<AdminGrant | undefined> {
    const doc = await readDoc(this.tenants, adminGrantId(userId), tenantId);
    if (doc?.docType !== "adminGrant" || doc.tenantId !== tenantId) return undefined;
    return { source: doc.source === "group" ? "group" : "app-role", seenAt: String(doc.seenAt) };
  }

  async recordAdminGrant(tenantId: TenantId, userId: UserId, grant: AdminGrant | undefined): Promise<void> {
    const id = adminGrantId(userId);
    if (grant) {
      await this.tenants.items.upsert({ id, docType: "adminGrant", tenantId, userId, source: grant.source, seenAt: grant.seenAt });
      return;
    }
    try {
      await this.tenants.item(id, tenantId).delete();
    } catch (err) {
      if (statusOf(err) !== 404) throw err;
    }
  }

  async markUnreachable(tenantId: TenantId, userId: UserId, at: Instant): Promise<void> {
    const person = await this.get(tenantId, userId);
    if (person && !person.unreachableSince) await this.upsert({ ...person, unreachableSince: at, updatedAt: at });
  }
}

const adminGrantId = (userId: UserId) => `adminGrant:${ids.personId(userId)}`;

function strip(doc: Record<string, unknown>): Person {
  const { id, ...rest } = toDomain<Person & { id: string }>(doc);
  void id;
  return rest;
}
