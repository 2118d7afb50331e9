/** Shared wins, in `cohortRecords` (/cohortKey); the id comes from the card's draft id, so a double submit is one win. */
import type { Container } from "@azure/cosmos";
import { ids } from "../domain/ids";
import type { CreateOutcome, WinRepository } from "../domain/ports";
import type { CohortId, Instant, TenantId, Win } from "../domain/types";
import { ValidationError } from "../domain/errors";
import { createIfAbsent, queryDocs, readDoc, statusOf, toDomain } from "./cosmos-documents";

export class CosmosWinRepository implements WinRepository {
  constructor(private readonly records: Container) {}

  createIfAbsent(win: Win): Promise<CreateOutcome> {
    return createIfAbsent(this.records, { ...win, cohortKey: ids.cohortKey(win.tenantId, win.cohortId), docType: "win" });
  }

  async listByCohort(tenantId: TenantId, cohortId: CohortId): Promise<Win[]> {
    const docs = await queryDocs(this.records, "SELECT * FROM c WHERE c.cohortKey = @k AND c.tenantId = @t AND c.docType = 'win' ORDER BY c.createdAt DESC", [{ name: "@k", value: ids.cohortKey(tenantId, cohortId) }, { name: "@t", value: tenantId }], ids.cohortKey(tenantId, cohortId));
    return docs.map((d) => toDomain<Win>(d));
  }

  /**
   * One page through Cosmos' own continuation token (single partition, so it is small), handed to
   * the tab as base64url. A forged cursor can only page within this cohort's partition.
   */
  async listSharedPage(tenantId: TenantId, cohortId: CohortId, limit: number, cursor?: string): Promise<{ wins: Win[]; nextCursor?: string }> {
    const partitionKey = ids.cohortKey(tenantId, cohortId);
    const feed = this.records.items.query(
      { query: "SELECT * FROM c WHERE c.cohortKey = @k AND c.tenantId = @t AND c.docType = 'win' AND c.shareConsent = true ORDER BY c.createdAt DESC", parameters: [{ name: "@k", value: partitionKey }, { name: "@t", value: tenantId }] },
      { partitionKey, maxItemCount: limit, ...(cursor ? { continuationToken: continuationFrom(cursor) } : {}) },
    );
    const { resources, continuationToken } = await feed.fetchNext().catch((err: unknown) => {
      if (cursor && statusOf(err) === 400) throw staleCursor();
      throw err;
    });
    return { wins: resources.map((d) => toDomain<Win>(d)), ...(continuationToken ? { nextCursor: Buffer.from(continuationToken, "utf8").toString("base64url") } : {}) };
  }

  async countUnshared(tenantId: TenantId, cohortId: CohortId): Promise<number> {
    const partitionKey = ids.cohortKey(tenantId, cohortId);
    const [count] = await queryDocs(this.records, "SELECT VALUE COUNT(1) FROM c WHERE c.cohortKey = @k AND c.tenantId = @t AND c.docType = 'win' AND c.shareConsent = false", [{ name: "@k", value: partitionKey }, { name: "@t", value: tenantId }], partitionKey);
    return Number(count ?? 0);
  }

  async markPosted(tenantId: TenantId, cohortId: CohortId, winId: string, at: Instant): Promise<void> {
    const partition = ids.cohortKey(tenantId, cohortId);
    const doc = await readDoc(this.records, winId, partition);
    if (doc?.docType === "win" && doc.tenantId === tenantId) await this.records.item(winId, partition).patch([{ op: "set", path: "/postedToChannelAt", value: at }]);
  }
}

const staleCursor = () => new ValidationError("That page of wins is no longer available. Reload the feed.", [{ field: "cursor", message: "That page of wins is no longer available. Reload the feed." }]);

/** Cosmos' continuation tokens are JSON; anything else was not handed out by us (the embedded server would silently start over). */
function continuationFrom(cursor: string): string {
  const token = Buffer.from(cursor, "base64url").toString("utf8");
  try {
    if (typeof JSON.parse(token) === "object") return token;
  } catch {
    // falls through to the refusal
  }
  throw staleCursor();
}
