/** People the bot can reach live in `tenants` (/tenantId), keyed by their Entra object id. */
import type { Container } from "@azure/cosmos";
import { ids } from "../domain/ids";
import type { PersonRepository } from "../domain/ports";
import type { Instant, Person, TenantId, UserId } from "../domain/types";
import { mapLimited } from "../lib/concurrency";
import { queryDocs, readDoc, toDomain } from "./cosmos-documents";

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

  async upsert(person: Person): Promise<void> {
    await this.tenants.items.upsert({ ...person, id: ids.personId(person.userId), docType: "person" });
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

  async markUnreachable(tenantId: TenantId, userId: UserId, at: Instant): Promise<void> {
    const person = await this.get(tenantId, userId);
    if (person && !person.unreachableSince) await this.upsert({ ...person, unreachableSince: at, updatedAt: at });
  }
}

function strip(doc: Record<string, unknown>): Person {
  const { id, ...rest } = toDomain<Person & { id: string }>(doc);
  void id;
  return rest;
}
