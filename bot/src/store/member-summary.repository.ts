/**
 * The member table's per-member summaries (issue 15): one small document per member of a cohort,
 * in `cohortRecords` (/cohortKey), holding only what that member's row is computed from
 * (domain/metrics.ts `memberProgress`, alerts.ts `currentDifficulty`): whether they committed to
 * anything, and per check-in its session, whether it reported being stuck (reflections.ts
 * `reportsStuck`, kept as a flag: none of the member's words are copied), minutes saved, confidence
 * and whether they asked for help. A page of the member table reads 50 of these instead of every
 * record of 50 members, and the rows are still computed by the domain's own rule.
 *
 * Kept current by every write of the member's commitments and check-ins and by "delete my data":
 * after its record, a writer reads the member's own records and writes the summary under the
 * ETag it read *before* that query. A 412 means another writer replaced it meanwhile: read again
 * and retry. So the last successful write was computed from a read that saw every record written
 * before it (contention is per member, never per cohort). A member with no records has no summary.
 *
 * Cohorts written before summaries existed are built once, on their first page read (a flag
 * document says a cohort's summaries are complete); `rebuildCohortSummaries` is also the consistency
 * check (the admin's "Recompute figures"): it recomputes every summary from the raw records and says
 * how many differed. It is idempotent and safe while writes continue (ETag-guarded; a summary
 * changed since it was read is left to its newer writer).
 */
import type { Container, ItemDefinition } from "@azure/cosmos";
import { groupBy } from "../domain/group-by";
import { ids } from "../domain/ids";
import { reportsStuck } from "../domain/reflections";
import type { CohortId, TenantId, UserId } from "../domain/types";
import { mapLimited } from "../lib/concurrency";
import { queryDocs, readDoc, statusOf } from "./cosmos-documents";

/** One check-in as a row needs it: [sessionNumber, reports stuck, minutes saved, confidence, wants help]. */
export type SummaryCheckIn = [number, boolean, number, number, boolean];

export interface MemberSummary {
  userId: UserId;
  committed: boolean;
  /** In session order. */
  checkIns: SummaryCheckIn[];
}

const SUMMARY_FIELDS = ["docType", "userId", "sessionNumber", "stuck", "blockers", "minutesSaved", "confidence", "wantsHelp"];
const SOURCE_TYPES = ["commitment", "checkin"];
const MAX_ATTEMPTS = 6;

export function summaryId(cohortId: CohortId, userId: UserId): string {
  return `summary:${cohortId}:${userId}`;
}
function builtFlagId(cohortId: CohortId): string {
  return `summary:${cohortId}:built`;
}

/** A member's summary from their raw commitments and check-ins (undefined: nothing to summarise). */
export function summaryFromRecords(userId: UserId, docs: ReadonlyArray<Record<string, unknown>>): MemberSummary | undefined {
  const own = docs.filter((d) => d.userId === userId);
  const committed = own.some((d) => d.docType === "commitment");
  const checkIns = own
    .filter((d) => d.docType === "checkin")
    .map((d): SummaryCheckIn => [Number(d.sessionNumber), reportsStuck({ stuck: String(d.stuck ?? ""), blockers: Array.isArray(d.blockers) ? d.blockers : undefined }), Number(d.minutesSaved), Number(d.confidence), d.wantsHelp === true])
    .sort((a, b) => a[0] - b[0]);
  return committed || checkIns.length ? { userId, committed, checkIns } : undefined;
}

function sameSummary(doc: ItemDefinition | undefined, summary: MemberSummary | undefined): boolean {
  if (!doc || !summary) return !doc && !summary;
  return doc.committed === summary.committed && JSON.stringify(doc.checkIns) === JSON.stringify(summary.checkIns);
}

function toDoc(tenantId: TenantId, cohortId: CohortId, summary: MemberSummary): ItemDefinition & { id: string } {
  return { id: summaryId(cohortId, summary.userId), tenantId, cohortId, cohortKey: ids.cohortKey(tenantId, cohortId), docType: "memberSummary", ...summary };
}

/** Writes `summary` over `before` only if `before` is unchanged: false when somebody else got there first. */
async function writeIfUnchanged(records: Container, tenantId: TenantId, cohortId: CohortId, userId: UserId, before: ItemDefinition | undefined, summary: MemberSummary | undefined): Promise<boolean> {
  const partition = ids.cohortKey(tenantId, cohortId);
  if (sameSummary(before, summary)) return true;
  try {
    if (!summary) await records.item(summaryId(cohortId, userId), partition).delete({ accessCondition: { type: "IfMatch", condition: String(before!._etag) } });
    else if (!before) await records.items.create(toDoc(tenantId, cohortId, summary));
    else await records.item(summaryId(cohortId, userId), partition).replace(toDoc(tenantId, cohortId, summary), { accessCondition: { type: "IfMatch", condition: String(before._etag) } });
    return true;
  } catch (err) {
    const status = statusOf(err);
    if (status === 412 || status === 409 || status === 404) return false;
    throw err;
  }
}

export function readSummaryDoc(records: Container, tenantId: TenantId, cohortId: CohortId, userId: UserId): Promise<ItemDefinition | undefined> {
  return readDoc(records, summaryId(cohortId, userId), ids.cohortKey(tenantId, cohortId));
}

/**
 * After a write of the member's records: recomputes their summary from their own records. `read`
 * is the summary as read before (or while) the record was written, which saves a read.
 */
export async function refreshMemberSummary(records: Container, tenantId: TenantId, cohortId: CohortId, userId: UserId, read?: { doc: ItemDefinition | undefined }): Promise<void> {
  const partition = ids.cohortKey(tenantId, cohortId);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const before = attempt === 0 && read ? read.doc : await readSummaryDoc(records, tenantId, cohortId, userId);
    const docs = await queryDocs(records, `SELECT ${SUMMARY_FIELDS.map((f) => `c.${f}`).join(", ")} FROM c WHERE c.cohortKey = @k AND c.tenantId = @t AND c.userId = @u AND ARRAY_CONTAINS(@types, c.docType)`, [
      { name: "@k", value: partition },
      { name: "@t", value: tenantId },
      { name: "@u", value: userId },
      { name: "@types", value: SOURCE_TYPES },
    ], partition);
    if (await writeIfUnchanged(records, tenantId, cohortId, userId, before, summaryFromRecords(userId, docs))) return;
  }
  throw new Error(`member summary of ${userId}: still contended after ${MAX_ATTEMPTS} attempts`);
}

/** Whether a cohort's summaries are complete (built once for cohorts written before they existed). */
export async function summariesBuilt(records: Container, tenantId: TenantId, cohortId: CohortId): Promise<boolean> {
  return (await readDoc(records, builtFlagId(cohortId), ids.cohortKey(tenantId, cohortId))) !== undefined;
}

/**
 * Recomputes every summary of the cohort from its raw records and writes those that differ
 * (ETag-guarded: one changed since it was read was written by a newer writer and is left alone).
 * Returns how many members it checked and how many summaries differed from the recomputation
 * (none on a cohort's first build). A write racing the check can show as a difference.
 */
export async function rebuildCohortSummaries(records: Container, tenantId: TenantId, cohortId: CohortId): Promise<{ members: number; differed: number }> {
  const partition = ids.cohortKey(tenantId, cohortId);
  const params = [
    { name: "@k", value: partition },
    { name: "@t", value: tenantId },
  ];
  // A first build has nothing it could disagree with: only a built cohort's differences count.
  const wasBuilt = await summariesBuilt(records, tenantId, cohortId);
  // The summaries (and their ETags) first, then the records: see the file's comment.
  const saved = await queryDocs(records, "SELECT * FROM c WHERE c.cohortKey = @k AND c.tenantId = @t AND c.docType = 'memberSummary'", params, partition);
  const docs = await queryDocs(records, `SELECT ${SUMMARY_FIELDS.map((f) => `c.${f}`).join(", ")} FROM c WHERE c.cohortKey = @k AND c.tenantId = @t AND ARRAY_CONTAINS(@types, c.docType)`, [...params, { name: "@types", value: SOURCE_TYPES }], partition);
  const byUser = groupBy(docs, (d) => String(d.userId));
  const savedByUser = new Map(saved.map((d) => [String(d.userId), d]));
  const users = [...new Set([...byUser.keys(), ...savedByUser.keys()])];
  let differed = 0;
  await mapLimited(users, 8, async (userId) => {
    const before = savedByUser.get(userId);
    const summary = summaryFromRecords(userId, byUser.get(userId) ?? []);
    if (sameSummary(before, summary)) return;
    differed++;
    await writeIfUnchanged(records, tenantId, cohortId, userId, before, summary);
  });
  await records.items.upsert({ id: builtFlagId(cohortId), tenantId, cohortId, cohortKey: partition, docType: "memberSummaryFlag" });
  return { members: users.length, differed: wasBuilt ? differed : 0 };
}
