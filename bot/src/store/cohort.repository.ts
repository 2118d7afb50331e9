/**
 * Cohort definitions live in `tenants` (/tenantId): "list my organisation's cohorts" is one
 * partition. Edits are ETag-guarded: two admins saving the same cohort cannot overwrite each other.
 * Every cohort read carries its organisation's calendar (`tenantCalendar`), so whoever builds its
 * timeline uses the calendar it really runs on; the calendar is never written into the cohort.
 */
import type { Container } from "@azure/cosmos";
import type { CohortRepository, TenantCalendarRepository, Versioned } from "../domain/ports";
import type { Cohort, CohortId, TenantId, WorkingWeek } from "../domain/types";
import { createOrFail, queryDocs, readDoc, replaceIfMatch, toDomain, toVersioned } from "./cosmos-documents";

const docId = (cohortId: CohortId) => `cohort:${cohortId}`;

/** The stored id is prefixed (the container holds other records too); the domain id is not. */
function fromDoc<T extends Cohort>(doc: T): T {
  const { cohortId, ...rest } = doc as T & { cohortId: string };
  return { ...rest, id: cohortId } as unknown as T;
}

export class CosmosCohortRepository implements CohortRepository {
  constructor(
    private readonly tenants: Container,
    private readonly calendars: TenantCalendarRepository,
  ) {}

  async get(tenantId: TenantId, cohortId: CohortId): Promise<Versioned<Cohort> | undefined> {
    const doc = await readDoc(this.tenants, docId(cohortId), tenantId);
    if (doc?.docType !== "cohort" || doc.tenantId !== tenantId) return undefined;
    return withCalendar(fromDoc(toVersioned<Cohort>(doc)), await this.workingWeek(tenantId));
  }

  async list(tenantId: TenantId): Promise<Versioned<Cohort>[]> {
    const docs = await queryDocs(this.tenants, "SELECT * FROM c WHERE c.tenantId = @t AND c.docType = 'cohort' ORDER BY c.startDate", [{ name: "@t", value: tenantId }], tenantId);
    const week = docs.length ? await this.workingWeek(tenantId) : undefined;
    return docs.map((d) => withCalendar(fromDoc(toVersioned<Cohort>(d)), week));
  }

  async create(cohort: Cohort): Promise<Versioned<Cohort>> {
    const doc = await createOrFail(this.tenants, this.toDoc(cohort), `A cohort with id "${cohort.id}"`);
    return withCalendar(fromDoc(toVersioned<Cohort>(doc)), await this.workingWeek(cohort.tenantId));
  }

  async update(cohort: Cohort, etag: string): Promise<Versioned<Cohort>> {
    const doc = await replaceIfMatch(this.tenants, this.toDoc(cohort), cohort.tenantId, etag);
    return withCalendar(fromDoc(toVersioned<Cohort>(doc)), await this.workingWeek(cohort.tenantId));
  }

  async *listActiveForScheduling(): AsyncIterable<Versioned<Cohort>> {
    // One calendar read per tenant per pass, however many of its cohorts the scheduler walks.
    const weeks = new Map<TenantId, Promise<WorkingWeek | undefined>>();
    const weekOf = (tenantId: TenantId) => {
      if (!weeks.has(tenantId)) weeks.set(tenantId, this.workingWeek(tenantId));
      return weeks.get(tenantId)!;
    };
    const feed = this.tenants.items.query({ query: "SELECT * FROM c WHERE c.docType = 'cohort' AND c.status = 'active'" }, { maxItemCount: 100 });
    while (feed.hasMoreResults()) {
      const { resources } = await feed.fetchNext();
      for (const doc of resources) {
        const cohort = fromDoc(toVersioned<Cohort>(doc));
        yield withCalendar(cohort, await weekOf(cohort.tenantId));
      }
    }
  }

  private async workingWeek(tenantId: TenantId): Promise<WorkingWeek | undefined> {
    const calendar = await this.calendars.get(tenantId);
    return calendar ? { workingDays: calendar.workingDays, holidays: calendar.holidays } : undefined;
  }

  private toDoc(cohort: Cohort) {
    const { tenantCalendar, ...stored } = cohort;
    void tenantCalendar;
    return { ...stored, id: docId(cohort.id), cohortId: cohort.id, docType: "cohort" };
  }
}

function withCalendar<T extends Cohort>(cohort: T, week: WorkingWeek | undefined): T {
  const { tenantCalendar: _stored, ...rest } = cohort;
  void _stored;
  return (week ? { ...rest, tenantCalendar: week } : rest) as T;
}
