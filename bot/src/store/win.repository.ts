/** Shared wins, in `cohortRecords` (/cohortKey); the id comes from the card's draft id, so a double submit is one win. */
import type { Container } from "@azure/cosmos";
import { ids } from "../domain/ids";
import type { CreateOutcome, WinRepository } from "../domain/ports";
import type { CohortId, Instant, TenantId, Win } from "../domain/types";
import { createIfAbsent, queryDocs, readDoc, toDomain } from "./cosmos-documents";

export class CosmosWinRepository implements WinRepository {
  constructor(private readonly records: Container) {}

  createIfAbsent(win: Win): Promise<CreateOutcome> {
    return createIfAbsent(this.records, { ...win, cohortKey: ids.cohortKey(win.tenantId, win.cohortId), docType: "win" });
  }

  async listByCohort(tenantId: TenantId, cohortId: CohortId): Promise<Win[]> {
    const docs = await queryDocs(this.records, "SELECT * FROM c WHERE c.cohortKey = @k AND c.tenantId = @t AND c.docType = 'win' ORDER BY c.createdAt DESC", [{ name: "@k", value: ids.cohortKey(tenantId, cohortId) }, { name: "@t", value: tenantId }], ids.cohortKey(tenantId, cohortId));
    return docs.map((d) => toDomain<Win>(d));
  }

  async markPosted(tenantId: TenantId, cohortId: CohortId, winId: string, at: Instant): Promise<void> {
    const partition = ids.cohortKey(tenantId, cohortId);
    const doc = await readDoc(this.records, winId, partition);
    if (doc?.docType === "win" && doc.tenantId === tenantId) await this.records.item(winId, partition).patch([{ op: "set", path: "/postedToChannelAt", value: at }]);
  }
}
