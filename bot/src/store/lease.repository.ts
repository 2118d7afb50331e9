/** Short leases in `leases` (/id) coordinate scheduler instances; expired leases are taken over with If-Match. */
import type { Container } from "@azure/cosmos";
import { ConcurrencyError } from "../domain/errors";
import type { LeaseRepository } from "../domain/ports";
import type { Instant } from "../domain/types";
import { createIfAbsent, readDoc, replaceIfMatch, statusOf } from "./cosmos-documents";

export class CosmosLeaseRepository implements LeaseRepository {
  constructor(private readonly leases: Container) {}

  async tryAcquire(name: string, holder: string, now: Instant, expiresAt: Instant): Promise<boolean> {
    const lease = { id: name, docType: "lease", holder, expiresAt, ttl: 24 * 3600 };
    const existing = await readDoc(this.leases, name, name);
    if (!existing) return (await createIfAbsent(this.leases, lease)) === "created";
    if (existing.holder !== holder && String(existing.expiresAt) > now) return false;
    try {
      await replaceIfMatch(this.leases, lease, name, String(existing._etag));
      return true;
    } catch (err) {
      if (err instanceof ConcurrencyError) return false;
      throw err;
    }
  }

  async release(name: string, holder: string): Promise<void> {
    const existing = await readDoc(this.leases, name, name);
    if (existing?.holder !== holder) return;
    try {
      await this.leases.item(name, name).delete({ accessCondition: { type: "IfMatch", condition: String(existing._etag) } });
    } catch (err) {
      if (statusOf(err) !== 404 && statusOf(err) !== 412) throw err;
    }
  }
}
