/**
 * The dashboard's read model: what lets the tab answer in a bounded number of small reads however
 * large the cohort (issue 15).
 *
 * Why this design, and not the others:
 * - Not one aggregate document updated by every member write. That was tried and reverted: every
 *   card submission did a read-modify-write of one hot document under ETag contention, and
 *   submissions slowed down with each concurrent writer.
 * - Not per-cohort counters (sharded or not): the released figures are not sums. The differencing
 *   rule (domain/metrics.ts) computes averages over the first floor(n / 5) * 5 respondents in
 *   recorded order, which an incremental counter cannot reproduce without keeping every answer.
 * - Instead, a snapshot cache keyed by what it was computed from (design (c)), plus a paged member
 *   table read straight from the raw records:
 *   - every write that can move a cohort's figures (a commitment, check-in or adoption answer,
 *     "delete my data", an alert resolved) blind-upserts a small per-cohort write marker after
 *     writing its record. A blind upsert reads nothing and is never retried on a 412, so writers do
 *     not contend; the marker's ETag changes with each write. Roster changes already move the
 *     roster document's ETag, and acknowledgements move a per-tenant acknowledgement marker.
 *   - the cohort's group figures are one document, computed by the domain's own rules
 *     (`computeCohortProgress`, `responsesForEvent`: reused, not copied) and stored with the key
 *     they were computed from: both markers, the acknowledgement marker, the policy version, the
 *     timeline and how many of its events are due. A dashboard read takes a handful of point reads
 *     to build the key; when it matches, the figures are served as they are; otherwise they are
 *     recomputed from the raw records once and saved.
 *   - the key is read before the raw records, and every writer bumps its marker after its record,
 *     so a snapshot never claims a key that is newer than the records it saw: a write racing a
 *     recomputation only causes one more recomputation later (rebuilding is idempotent and safe
 *     while writes continue).
 *   - the member table does not need the whole cohort: each row depends only on that member's own
 *     records, so a page of members (keyset-paged by user id) is read with each member's small row
 *     summary (store/member-summary.repository.ts, kept by every write of that member's records)
 *     and resolved alerts: two queries bounded by the page size, whatever each member wrote.
 * The same holds in Azure: point reads cost 1 RU each and the page queries are single-partition,
 * so RUs per dashboard read stay flat; only the occasional recomputation after writes reads the
 * cohort, once, not once per viewer.
 */
import type { Container, ItemDefinition } from "@azure/cosmos";
import { ids } from "../domain/ids";
import type { CohortFiguresRepository, CohortFiguresSnapshot, MemberPage, OpenAlertRow } from "../domain/ports";
import type { ApplyCommitment, CheckIn, CohortId, Membership, TenantId } from "../domain/types";
import { queryDocs, readDoc, toDomain } from "./cosmos-documents";
import type { CosmosMembershipRepository } from "./membership.repository";
import { rebuildCohortSummaries, summariesBuilt, type MemberSummary } from "./member-summary.repository";

const ACK_MARKER_ID = "policy:ackMarker";
const OPEN_ALERT_FIELDS = ["id", "userId", "displayName", "reason", "sessionNumber", "raisedAt", "context", "memberTextDeletedAt", "reach", "acknowledgedBy", "resolvedAt"] as const;

function figuresId(cohortId: CohortId): string {
  return `figures:${cohortId}`;
}
/** The per-cohort write marker's id: the report's saved parts (report-parts.repository.ts) follow it too. */
export function markerId(cohortId: CohortId): string {
  return `figures:${cohortId}:marker`;
}

/** After a write that can move a cohort's figures: a blind upsert, never a read-modify-write. */
export async function touchFiguresMarker(records: Container, tenantId: TenantId, cohortId: CohortId): Promise<void> {
  await records.items.upsert({ id: markerId(cohortId), tenantId, cohortId, cohortKey: ids.cohortKey(tenantId, cohortId), docType: "figuresMarker" });
}

/** After an acknowledgement: the tenant's acknowledgement marker moves (blind upsert). */
export async function touchAcknowledgementMarker(tenants: Container, tenantId: TenantId): Promise<void> {
  await tenants.items.upsert({ id: ACK_MARKER_ID, tenantId, docType: "ackMarker" });
}

export class CosmosCohortFiguresRepository implements CohortFiguresRepository {
  constructor(
    private readonly records: Container,
    private readonly tenants: Container,
    private readonly memberships: CosmosMembershipRepository,
  ) {}

  async writeMarker(tenantId: TenantId, cohortId: CohortId): Promise<string> {
    const partition = ids.cohortKey(tenantId, cohortId);
    const [marker, roster] = await Promise.all([readDoc(this.records, markerId(cohortId), partition), readDoc(this.records, ids.rosterId(cohortId), partition)]);
    return `${marker?._etag ?? "-"}|${roster?._etag ?? "-"}`;
  }

  async acknowledgementMarker(tenantId: TenantId): Promise<string> {
    const doc = await readDoc(this.tenants, ACK_MARKER_ID, tenantId);
    return String(doc?._etag ?? "-");
  }

  async get(tenantId: TenantId, cohortId: CohortId): Promise<CohortFiguresSnapshot | undefined> {
    const doc = await readDoc(this.records, figuresId(cohortId), ids.cohortKey(tenantId, cohortId));
    if (!doc || doc.tenantId !== tenantId) return undefined;
    const { id, cohortId: _c, tenantId: _t, ...figures } = toDomain<CohortFiguresSnapshot & { id: string; cohortId: string; tenantId: string }>(doc);
    void id, void _c, void _t;
    return figures;
  }

  async save(tenantId: TenantId, cohortId: CohortId, figures: CohortFiguresSnapshot): Promise<void> {
    await this.records.items.upsert({ ...figures, id: figuresId(cohortId), tenantId, cohortId, cohortKey: ids.cohortKey(tenantId, cohortId), docType: "figures" } as ItemDefinition);
  }

  async memberCount(tenantId: TenantId, cohortId: CohortId): Promise<number> {
    const roster = await readDoc(this.records, ids.rosterId(cohortId), ids.cohortKey(tenantId, cohortId));
    if (roster && roster.tenantId === tenantId && typeof roster.memberCount === "number") return roster.memberCount;
    // Written before rosters kept their count: counted by the database, once.
    return this.memberships.countByCohort(tenantId, cohortId);
  }

  async memberPage(tenantId: TenantId, cohortId: CohortId, limit: number, cursor?: string): Promise<MemberPage> {
    const partition = ids.cohortKey(tenantId, cohortId);
    const size = Math.max(1, Math.min(500, Math.floor(limit)));
    const after = cursor ? Buffer.from(cursor, "base64url").toString("utf8") : "";
    // One more than asked for: whether there is a next page, without another query.
    // Cohorts written before member summaries existed get theirs built once, here.
    const built = summariesBuilt(this.records, tenantId, cohortId).then((done) => (done ? undefined : rebuildCohortSummaries(this.records, tenantId, cohortId)));
    built.catch(() => undefined); // awaited below; this only keeps a failure from going unhandled meanwhile
    const docs = await queryDocs(this.records, `SELECT TOP ${size + 1} * FROM c WHERE c.cohortKey = @k AND c.tenantId = @t AND c.docType = 'membership' AND c.userId > @after ORDER BY c.userId`, [
      { name: "@k", value: partition },
      { name: "@t", value: tenantId },
      { name: "@after", value: after },
    ], partition);
    const page = docs.slice(0, size);
    const users = page.map((d) => String(d.userId));
    await built;
    if (users.length === 0) {
      return { memberships: [], records: { commitments: [], checkIns: [], adoption: [], wins: [] }, resolutions: [] };
    }
    // The page's row summaries and resolved alerts in one query bounded by the page size
    // (store/member-summary.repository.ts), never the members' records themselves.
    const [rowDocs, pauses] = await Promise.all([
      queryDocs(this.records, "SELECT c.docType, c.userId, c.committed, c.checkIns, c.sessionNumber, c.resolvedAt FROM c WHERE c.cohortKey = @k AND c.tenantId = @t AND ARRAY_CONTAINS(@users, c.userId) AND (c.docType = 'memberSummary' OR (c.docType = 'alert' AND IS_DEFINED(c.resolvedAt) AND NOT IS_NULL(c.resolvedAt)))", [
        { name: "@k", value: partition },
        { name: "@t", value: tenantId },
        { name: "@users", value: users },
      ], partition),
      this.memberships.listPauses(tenantId, cohortId),
    ]);
    const memberships = page.map((d) => {
      const { id, ...m } = toDomain<Membership & { id: string }>(d);
      void id;
      const own = pauses[m.userId];
      return own?.length ? { ...m, pauses: own } : m;
    });
    const summaries = rowDocs.filter((d) => d.docType === "memberSummary") as unknown as MemberSummary[];
    const commitments = summaries.filter((s) => s.committed).map((s) => ({ id: `summary:${s.userId}`, tenantId, cohortId, userId: s.userId, sessionNumber: 0, deliverable: "" }) as unknown as ApplyCommitment);
    const checkIns = summaries.flatMap((s) =>
      s.checkIns.map(([sessionNumber, stuck, minutesSaved, confidence, wantsHelp]) => ({ id: `summary:${s.userId}:${sessionNumber}`, tenantId, cohortId, userId: s.userId, sessionNumber, tried: "", worked: "", stuck: stuck ? "stuck" : "", minutesSaved, confidence, wantsHelp, submittedAt: "", updatedAt: "" }) as CheckIn),
    );
    return {
      memberships,
      records: { commitments, checkIns, adoption: [], wins: [] },
      resolutions: rowDocs.filter((d) => d.docType === "alert").map((r) => ({ userId: String(r.userId), sessionNumber: Number(r.sessionNumber), resolvedAt: String(r.resolvedAt) })),
      ...(docs.length > size ? { nextCursor: Buffer.from(users[users.length - 1]!, "utf8").toString("base64url") } : {}),
    };
  }

  rebuildMemberSummaries(tenantId: TenantId, cohortId: CohortId): Promise<{ members: number; differed: number }> {
    return rebuildCohortSummaries(this.records, tenantId, cohortId);
  }

  async rosterNames(tenantId: TenantId, cohortId: CohortId): Promise<Array<Pick<Membership, "userId" | "displayName" | "jobTitle">>> {
    const partition = ids.cohortKey(tenantId, cohortId);
    const docs = await queryDocs(this.records, "SELECT c.userId, c.displayName, c.jobTitle FROM c WHERE c.cohortKey = @k AND c.tenantId = @t AND c.docType = 'membership'", [
      { name: "@k", value: partition },
      { name: "@t", value: tenantId },
    ], partition);
    return docs.map((d) => ({ userId: String(d.userId), displayName: String(d.displayName), ...(typeof d.jobTitle === "string" && d.jobTitle ? { jobTitle: d.jobTitle } : {}) }));
  }

  async openAlerts(tenantId: TenantId, cohortId: CohortId, limit: number): Promise<OpenAlertRow[]> {
    const partition = ids.cohortKey(tenantId, cohortId);
    const size = Math.max(1, Math.min(500, Math.floor(limit)));
    // Only the fields the tab's "who needs help" shows (usecases/dashboard/open-alerts.ts).
    const docs = await queryDocs(this.records, `SELECT TOP ${size} ${OPEN_ALERT_FIELDS.map((f) => `c.${f}`).join(", ")} FROM c WHERE c.cohortKey = @k AND c.tenantId = @t AND c.docType = 'alert' AND (NOT IS_DEFINED(c.resolvedAt) OR IS_NULL(c.resolvedAt)) ORDER BY c.raisedAt DESC`, [
      { name: "@k", value: partition },
      { name: "@t", value: tenantId },
    ], partition);
    return docs.map((d) => toDomain<OpenAlertRow>(d));
  }
}
