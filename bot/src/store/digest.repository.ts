/** Published digests ("From your cohort last week"), in `cohortRecords` (/cohortKey), one per session. */
import type { Container } from "@azure/cosmos";
import { ConcurrencyError } from "../domain/errors";
import { ids } from "../domain/ids";
import type { DigestRepository, Versioned } from "../domain/ports";
import type { CohortId, PublishedDigest, TenantId, UserId } from "../domain/types";
import { createIfAbsent, queryDocs, readDoc, replaceIfMatch, toDomain, toVersioned } from "./cosmos-documents";

export class CosmosDigestRepository implements DigestRepository {
  constructor(private readonly records: Container) {}

  async get(tenantId: TenantId, cohortId: CohortId, sessionNumber: number): Promise<Versioned<PublishedDigest> | undefined> {
    const doc = await readDoc(this.records, ids.digestId(cohortId, sessionNumber), ids.cohortKey(tenantId, cohortId));
    return doc?.docType === "digest" && doc.tenantId === tenantId ? strip(toVersioned<PublishedDigest & Stored>(doc)) : undefined;
  }

  async listByCohort(tenantId: TenantId, cohortId: CohortId): Promise<PublishedDigest[]> {
    const partition = ids.cohortKey(tenantId, cohortId);
    const docs = await queryDocs(this.records, "SELECT * FROM c WHERE c.cohortKey = @k AND c.tenantId = @t AND c.docType = 'digest'", [{ name: "@k", value: partition }, { name: "@t", value: tenantId }], partition);
    return docs.map((d) => strip(toDomain<PublishedDigest & Stored>(d)));
  }

  async save(digest: PublishedDigest, etag?: string): Promise<Versioned<PublishedDigest>> {
    const doc = { ...digest, id: ids.digestId(digest.cohortId, digest.sessionNumber), cohortKey: ids.cohortKey(digest.tenantId, digest.cohortId), docType: "digest" };
    if (etag) return strip(toVersioned<PublishedDigest & Stored>(await replaceIfMatch(this.records, doc, doc.cohortKey, etag)));
    // No ETag: the first publish. If someone published in the meantime, theirs stands.
    if ((await createIfAbsent(this.records, doc)) === "exists") throw new ConcurrencyError("Another facilitator published this session's digest a moment ago. Reload to see it; your note is kept.");
    return (await this.get(digest.tenantId, digest.cohortId, digest.sessionNumber))!;
  }

  async removeAuthor(tenantId: TenantId, cohortId: CohortId, userId: UserId): Promise<number> {
    let changed = 0;
    for (const digest of await this.listByCohort(tenantId, cohortId)) {
      if (!digest.featured.some((f) => f.authorId === userId)) continue;
      // A few retries: a facilitator may be editing the same digest right now.
      for (let attempt = 0; attempt < 3; attempt++) {
        const current = await this.get(tenantId, cohortId, digest.sessionNumber);
        if (!current) break;
        const { etag, ...record } = current;
        try {
          await this.save({ ...record, featured: record.featured.filter((f) => f.authorId !== userId) }, etag);
          changed++;
          break;
        } catch (err) {
          if (!(err instanceof ConcurrencyError) || attempt === 2) throw err;
        }
      }
    }
    return changed;
  }
}

type Stored = { id?: string; cohortKey?: string; docType?: string };

function strip<T extends PublishedDigest & Stored>(doc: T): Omit<T, keyof Stored> {
  const { id, cohortKey, docType, ...digest } = doc;
  void id, void cohortKey, void docType;
  return digest;
}
