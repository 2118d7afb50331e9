/**
 * AI-use policy versions, the head pointer and acknowledgements, in `tenants` (/tenantId).
 * Publishing is one transactional batch in the tenant's partition: create the new version and
 * move the head with If-Match. When two admins publish at once, one batch fails as a whole.
 */
import type { Container, OperationInput } from "@azure/cosmos";
import { ConcurrencyError } from "../domain/errors";
import { ids } from "../domain/ids";
import type { CreateOutcome, PolicyRepository } from "../domain/ports";
import type { PolicyAcknowledgement, PolicyVersion, TenantId, UserId } from "../domain/types";
import { touchAcknowledgementMarker } from "./cohort-figures.repository";
import { createIfAbsent, queryDocs, readDoc, toDomain } from "./cosmos-documents";

const HEAD_ID = "policy:head";

export class CosmosPolicyRepository implements PolicyRepository {
  constructor(private readonly tenants: Container) {}

  async current(tenantId: TenantId): Promise<PolicyVersion | undefined> {
    const head = await readDoc(this.tenants, HEAD_ID, tenantId);
    return head ? this.get(tenantId, Number(head.version)) : undefined;
  }

  async get(tenantId: TenantId, version: number): Promise<PolicyVersion | undefined> {
    const doc = await readDoc(this.tenants, ids.policyVersionId(version), tenantId);
    return doc?.docType === "policyVersion" && doc.tenantId === tenantId ? fromDoc(doc) : undefined;
  }

  async list(tenantId: TenantId): Promise<PolicyVersion[]> {
    const docs = await queryDocs(this.tenants, "SELECT * FROM c WHERE c.tenantId = @t AND c.docType = 'policyVersion' ORDER BY c.version DESC", [{ name: "@t", value: tenantId }], tenantId);
    return docs.map(fromDoc);
  }

  async publish(next: PolicyVersion, expectedCurrentVersion: number): Promise<PolicyVersion> {
    const tenantId = next.tenantId;
    const version = expectedCurrentVersion + 1;
    const head = await readDoc(this.tenants, HEAD_ID, tenantId);
    if ((head ? Number(head.version) : 0) !== expectedCurrentVersion) throw new ConcurrencyError(policyConflict(Number(head?.version ?? 0)));
    const published: PolicyVersion = { ...next, version };
    const headDoc = { id: HEAD_ID, tenantId, docType: "policyHead", version };
    const operations: OperationInput[] = [
      { operationType: "Create", partitionKey: tenantId, resourceBody: { ...published, id: ids.policyVersionId(version), docType: "policyVersion" } },
      head
        ? { operationType: "Replace", partitionKey: tenantId, id: HEAD_ID, resourceBody: headDoc, ifMatch: String(head._etag) }
        : { operationType: "Create", partitionKey: tenantId, resourceBody: headDoc },
    ];
    const response = await this.tenants.items.batch(operations, tenantId);
    const failed = response.result?.some((r) => r.statusCode >= 400) || (response.code !== undefined && response.code >= 400);
    if (failed) {
      const now = await readDoc(this.tenants, HEAD_ID, tenantId);
      throw new ConcurrencyError(policyConflict(Number(now?.version ?? 0)));
    }
    return published;
  }

  async acknowledge(ack: PolicyAcknowledgement): Promise<CreateOutcome> {
    const outcome = await createIfAbsent(this.tenants, { ...ack, id: ids.acknowledgementId(ack.version, ack.userId), docType: "policyAck" });
    // Acknowledgement rates are kept per cohort (store/cohort-figures.repository.ts): they move now.
    if (outcome === "created") await touchAcknowledgementMarker(this.tenants, ack.tenantId);
    return outcome;
  }

  async hasAcknowledged(tenantId: TenantId, version: number, userId: UserId): Promise<boolean> {
    const doc = await readDoc(this.tenants, ids.acknowledgementId(version, userId), tenantId);
    return doc?.docType === "policyAck" && doc.tenantId === tenantId;
  }

  async listAcknowledgements(tenantId: TenantId, version: number): Promise<PolicyAcknowledgement[]> {
    const docs = await queryDocs(this.tenants, "SELECT * FROM c WHERE c.tenantId = @t AND c.docType = 'policyAck' AND c.version = @v", [
      { name: "@t", value: tenantId },
      { name: "@v", value: version },
    ], tenantId);
    return docs.map((d) => toDomain<PolicyAcknowledgement>(d));
  }
}

function policyConflict(currentVersion: number): string {
  return `Another admin published version ${currentVersion} while you were editing. Your draft is kept: review the new version and publish again.`;
}

function fromDoc(doc: Record<string, unknown>): PolicyVersion {
  const { id, ...rest } = toDomain<PolicyVersion & { id: string }>(doc);
  void id;
  return rest;
}
