/**
 * The organisation's working calendar: one document in `tenants` (/tenantId), next to its cohorts,
 * so attaching it to a cohort is a point read in the same partition.
 */
import type { Container } from "@azure/cosmos";
import { ConcurrencyError } from "../domain/errors";
import type { TenantCalendarRepository, Versioned } from "../domain/ports";
import type { TenantCalendar, TenantId } from "../domain/types";
import { createIfAbsent, readDoc, replaceIfMatch, toVersioned } from "./cosmos-documents";

const DOC_ID = "calendar";

export class CosmosTenantCalendarRepository implements TenantCalendarRepository {
  constructor(private readonly tenants: Container) {}

  async get(tenantId: TenantId): Promise<Versioned<TenantCalendar> | undefined> {
    const doc = await readDoc(this.tenants, DOC_ID, tenantId);
    if (doc?.docType !== "calendar" || doc.tenantId !== tenantId) return undefined;
    const { id, ...calendar } = toVersioned<TenantCalendar & { id: string }>(doc);
    void id;
    return calendar;
  }

  async save(calendar: TenantCalendar, etag?: string): Promise<Versioned<TenantCalendar>> {
    const doc = { ...calendar, id: DOC_ID, docType: "calendar" };
    if (etag) await replaceIfMatch(this.tenants, doc, calendar.tenantId, etag);
    else if ((await createIfAbsent(this.tenants, doc)) === "exists") throw new ConcurrencyError("Another admin saved the calendar a moment ago. Reload to see it; what you typed is kept.");
    return (await this.get(calendar.tenantId))!;
  }
}
