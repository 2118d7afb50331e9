/** A leadership cohort's note to its teams, in `cohortRecords` (/cohortKey) of the leadership cohort. */
import type { Container } from "@azure/cosmos";
import { ConcurrencyError } from "../domain/errors";
import { ids } from "../domain/ids";
import type { LeaderNote, LeaderNoteRepository, Versioned } from "../domain/ports";
import type { CohortId, TenantId } from "../domain/types";
import { createIfAbsent, readDoc, replaceIfMatch, toVersioned } from "./cosmos-documents";

type Stored = { id?: string; cohortKey?: string; docType?: string };

export class CosmosLeaderNoteRepository implements LeaderNoteRepository {
  constructor(private readonly records: Container) {}

  async get(tenantId: TenantId, cohortId: CohortId): Promise<Versioned<LeaderNote> | undefined> {
    const doc = await readDoc(this.records, ids.leaderNoteId(cohortId), ids.cohortKey(tenantId, cohortId));
    return doc?.docType === "leader-note" && doc.tenantId === tenantId ? strip(toVersioned<LeaderNote & Stored>(doc)) : undefined;
  }

  async save(note: LeaderNote, etag?: string): Promise<Versioned<LeaderNote>> {
    const doc = { ...note, id: ids.leaderNoteId(note.cohortId), cohortKey: ids.cohortKey(note.tenantId, note.cohortId), docType: "leader-note" };
    if (etag) return strip(toVersioned<LeaderNote & Stored>(await replaceIfMatch(this.records, doc, doc.cohortKey, etag)));
    // No ETag: the first note. If another leader wrote one in the meantime, theirs stands until this one is read again.
    if ((await createIfAbsent(this.records, doc)) === "exists") throw new ConcurrencyError("Another leader wrote the note a moment ago. Reload to see it; what you typed is kept.");
    return (await this.get(note.tenantId, note.cohortId))!;
  }
}

function strip<T extends LeaderNote & Stored>(doc: T): Omit<T, keyof Stored> {
  const { id, cohortKey, docType, ...note } = doc;
  void id, void cohortKey, void docType;
  return note;
}
