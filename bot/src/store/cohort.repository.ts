/**
 * Cohort definitions live in `tenants` (/tenantId): "list my organisation's cohorts" is one
 * partition. Edits are ETag-guarded: two admins saving the same cohort cannot overwrite each other.
 */
import type { Container } from "@azure/cosmos";
import type { CohortRepository, Versioned } from "../domain/ports";
import type { Cohort, CohortId, TenantId } from "../domain/types";
import { createOrFail, queryDocs, readDoc, replaceIfMatch, toDomain, toVersioned } from "./cosmos-documents";

const docId = (cohortId: CohortId) => `cohort:${cohortId}`;

/** The stored id is prefixed (the container holds other records too); the domain id is not. */
function fromDoc<T extends Cohort>(doc: T): T {
  const { cohortId, ...rest } = doc as T & { cohortId: string };
  return { ...rest, id: cohortId } as unknown as T;
}

export class CosmosCohortRepository implements CohortRepository {
  constructor(private readonly tenants: Container) {}

  async get(tenantId: TenantId, cohortId: CohortId): Promise<Versioned<Cohort> | undefined> {
    const doc = await readDoc(this.tenants, docId(cohortId), tenantId);
    return doc?.docType === "cohort" && doc.tenantId === tenantId ? fromDoc(toVersioned<Cohort>(doc)) : undefined;
  }

  async list(tenantId: TenantId): Promise<Versioned<Cohort>[]> {
    const docs = await queryDocs(this.tenants, "SELECT * FROM c WHERE c.tenantId = @t AND c.docType = 'cohort' ORDER BY c.startDate", [{ name: "@t", value: tenantId }], tenantId);
    return docs.map((d) => fromDoc(toVersioned<Cohort>(d)));
  }

  async create(cohort: Cohort): Promise<Versioned<Cohort>> {
    const doc = await createOrFail(this.tenants, this.toDoc(cohort), `A cohort with id "${cohort.id}"`);
    return fromDoc(toVersioned<Cohort>(doc));
  }

  async update(cohort: Cohort, etag: string): Promise<Versioned<Cohort>> {
    const doc = await replaceIfMatch(this.tenants, this.toDoc(cohort), cohort.tenantId, etag);
    return fromDoc(toVersioned<Cohort>(doc));
  }

  async *listActiveForScheduling(): AsyncIterable<Versioned<Cohort>> {
    const feed = this.tenants.items.query({ query: "SELECT * FROM c WHERE c.docType = 'cohort' AND c.status = 'active'" }, { maxItemCount: 100 });
    while (feed.hasMoreResults()) {
      const { resources } = await feed.fetchNext();
      for (const doc of resources) yield fromDoc(toVersioned<Cohort>(doc));
    }
  }

  private toDoc(cohort: Cohort) {
    return { ...cohort, id: docId(cohort.id), cohortId: cohort.id, docType: "cohort" };
  }
}
