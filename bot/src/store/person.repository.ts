/** People the bot can reach live in `tenants` (/tenantId), keyed by their Entra object id. */
import type { Container } from "@azure/cosmos";
import { ids } from "../domain/ids";
import type { PersonRepository } from "../domain/ports";
import type { Instant, Person, TenantId, UserId } from "../domain/types";
import { mapLimited } from "../lib/concurrency";
import { readDoc, toDomain } from "./cosmos-documents";

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
