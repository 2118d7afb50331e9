/**
 * Practice pods (domain/pods.ts):
 * - the cohort's split, one document `pods:{cohortId}` in `cohortRecords` (/cohortKey), replaced
 *   as a whole with its ETag (a re-split, a scheduler claim, a chat recorded);
 * - message counters `pod-activity:{cohortId}:{podId}:{week}` in the same partition, incremented
 *   with a patch (`incr`), so two instances counting at once never lose a message. Counts and
 *   dates only: no text, no author;
 * - `pod-chat:{hash of the chat id}` in `tenants` (/tenantId): which cohort's pod a group chat is,
 *   so the bot answers "is this a pod?" with one point read.
 */
import crypto from "node:crypto";
import type { Container } from "@azure/cosmos";
import { ConcurrencyError } from "../domain/errors";
import { ids } from "../domain/ids";
import type { PodActivity, PodSplit } from "../domain/pods";
import type { PodRepository, Versioned } from "../domain/ports";
import type { CohortId, TenantId } from "../domain/types";
import { createIfAbsent, queryDocs, readDoc, replaceIfMatch, statusOf, toVersioned } from "./cosmos-documents";

type Stored = { id?: string; cohortKey?: string; docType?: string };

const splitId = (cohortId: CohortId) => `pods:${cohortId}`;
const activityId = (cohortId: CohortId, podId: string, week: string) => `pod-activity:${cohortId}:${podId}:${week}`;
const chatDocId = (chatId: string) => `pod-chat:${crypto.createHash("sha256").update(chatId).digest("base64url")}`;

export class CosmosPodRepository implements PodRepository {
  constructor(
    private readonly records: Container,
    private readonly tenants: Container,
  ) {}

  async get(tenantId: TenantId, cohortId: CohortId): Promise<Versioned<PodSplit> | undefined> {
    const doc = await readDoc(this.records, splitId(cohortId), ids.cohortKey(tenantId, cohortId));
    return doc?.docType === "podSplit" && doc.tenantId === tenantId ? strip(toVersioned<PodSplit & Stored>(doc)) : undefined;
  }

  async save(split: PodSplit, etag?: string): Promise<Versioned<PodSplit>> {
    const doc = { ...split, id: splitId(split.cohortId), cohortKey: ids.cohortKey(split.tenantId, split.cohortId), docType: "podSplit" };
    if (etag) return strip(toVersioned<PodSplit & Stored>(await replaceIfMatch(this.records, doc, doc.cohortKey, etag)));
    if ((await createIfAbsent(this.records, doc)) === "exists") throw new ConcurrencyError("Someone split this cohort into pods a moment ago. Reload to see the pods.");
    return (await this.get(split.tenantId, split.cohortId))!;
  }

  async recordChat(tenantId: TenantId, chatId: string, pod: { cohortId: CohortId; podId: string }): Promise<void> {
    await this.tenants.items.upsert({ id: chatDocId(chatId), tenantId, docType: "podChat", cohortId: pod.cohortId, podId: pod.podId });
  }

  async findChat(tenantId: TenantId, chatId: string): Promise<{ cohortId: CohortId; podId: string } | undefined> {
    const doc = await readDoc(this.tenants, chatDocId(chatId), tenantId);
    return doc?.docType === "podChat" && doc.tenantId === tenantId ? { cohortId: String(doc.cohortId), podId: String(doc.podId) } : undefined;
  }

  async countMessage(tenantId: TenantId, cohortId: CohortId, podId: string, week: string, day: string): Promise<void> {
    const id = activityId(cohortId, podId, week);
    const partition = ids.cohortKey(tenantId, cohortId);
    const increment = () => this.records.item(id, partition).patch([{ op: "incr", path: "/count", value: 1 }, { op: "set", path: "/lastActiveOn", value: day }]);
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        await increment();
        return;
      } catch (err) {
        if (statusOf(err) !== 404) throw err;
      }
      // The week's first message: whoever creates the counter counts it; the other increments.
      const outcome = await createIfAbsent(this.records, { id, tenantId, cohortId, cohortKey: partition, docType: "podActivity", podId, week, count: 1, lastActiveOn: day });
      if (outcome === "created") return;
    }
    throw new ConcurrencyError("The pod's message counter could not be updated.");
  }

  async listActivity(tenantId: TenantId, cohortId: CohortId): Promise<PodActivity[]> {
    const partition = ids.cohortKey(tenantId, cohortId);
    const docs = await queryDocs(
      this.records,
      "SELECT c.podId, c.week, c.count, c.lastActiveOn FROM c WHERE c.cohortKey = @k AND c.tenantId = @t AND c.docType = 'podActivity'",
      [{ name: "@k", value: partition }, { name: "@t", value: tenantId }],
      partition,
    );
    return docs.map((d) => ({ podId: String(d.podId), week: String(d.week), count: Number(d.count) || 0, lastActiveOn: String(d.lastActiveOn) }));
  }
}

function strip<T extends PodSplit & Stored>(doc: Versioned<T>): Versioned<PodSplit> {
  const { id, cohortKey, docType, ...split } = doc;
  void id, void cohortKey, void docType;
  return split as Versioned<PodSplit>;
}
