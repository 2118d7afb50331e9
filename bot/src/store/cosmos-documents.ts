/**
 * Shared mechanics for every repository: documents carry `tenantId` and `docType`, Cosmos system
 * fields never leak into domain objects, and Cosmos status codes become the domain's outcomes
 * (409 → already exists, 412 → lost a race, 404 → not there). The containers handed in are guarded
 * (./guarded-container): what fails arrives here as a StoreError, which `statusOf` reads.
 */
import type { Container, ItemDefinition, JSONObject, OperationInput, SqlParameter } from "@azure/cosmos";
import { AlreadyExistsError, ConcurrencyError, StoreError } from "../domain/errors";
import { ids } from "../domain/ids";
import type { CreateOutcome, Versioned } from "../domain/ports";
import { mapLimited } from "../lib/concurrency";

export type DocType =
  | "cohort"
  | "track"
  | "person"
  | "policyVersion"
  | "policyHead"
  | "policyAck"
  | "membership"
  | "commitment"
  | "checkin"
  | "adoption"
  | "question"
  | "win"
  | "alert"
  | "delivery"
  | "planMark"
  | "roster"
  | "lease"
  | "calendar";

const SYSTEM_FIELDS = ["_rid", "_self", "_etag", "_ts", "_attachments", "docType", "cohortKey", "ttl"] as const;

export function statusOf(err: unknown): number | undefined {
  if (err instanceof StoreError) return err.status;
  const code = (err as { code?: unknown; statusCode?: unknown })?.code ?? (err as { statusCode?: unknown })?.statusCode;
  return typeof code === "number" ? code : undefined;
}

/** A stored document as the domain sees it: no system fields, no storage-only keys. */
export function toDomain<T>(doc: ItemDefinition): T {
  const copy: Record<string, unknown> = { ...doc };
  for (const field of SYSTEM_FIELDS) delete copy[field];
  return copy as T;
}

export function toVersioned<T>(doc: ItemDefinition): Versioned<T> {
  return { ...toDomain<T>(doc), etag: String(doc._etag) } as Versioned<T>;
}

export async function readDoc(container: Container, id: string, partitionKey: string): Promise<ItemDefinition | undefined> {
  try {
    const { resource } = await container.item(id, partitionKey).read();
    return resource ?? undefined;
  } catch (err) {
    if (statusOf(err) === 404) return undefined;
    throw err;
  }
}

export async function queryDocs(container: Container, query: string, parameters: SqlParameter[], partitionKey?: string): Promise<ItemDefinition[]> {
  const { resources } = await container.items.query({ query, parameters }, partitionKey === undefined ? {} : { partitionKey }).fetchAll();
  return resources;
}

export async function createIfAbsent(container: Container, doc: ItemDefinition): Promise<CreateOutcome> {
  try {
    await container.items.create(doc);
    return "created";
  } catch (err) {
    if (statusOf(err) === 409) return "exists";
    throw err;
  }
}

/** The one cohort partition that all `records` belong to; a batch may not span partitions. */
export function singleCohortKey(records: ReadonlyArray<{ tenantId: string; cohortId: string }>, what: string): string {
  const partition = ids.cohortKey(records[0]!.tenantId, records[0]!.cohortId);
  if (records.some((r) => ids.cohortKey(r.tenantId, r.cohortId) !== partition)) throw new Error(`${what} must stay within one cohort`);
  return partition;
}

/** Cosmos DB's limit on operations in one transactional batch. */
const MAX_BATCH_OPERATIONS = 100;

/**
 * Creates many documents of one partition in transactional batches of 100 (one request each
 * instead of one per document). A batch that meets an existing document (someone got there first)
 * is written item by item instead. Returns, for each document, whether this call created it.
 */
export async function createManyIfAbsent(container: Container, docs: ItemDefinition[], partitionKey: string): Promise<boolean[]> {
  const chunks: ItemDefinition[][] = [];
  for (let i = 0; i < docs.length; i += MAX_BATCH_OPERATIONS) chunks.push(docs.slice(i, i + MAX_BATCH_OPERATIONS));
  const results = await mapLimited(chunks, 2, async (chunk) => {
    const operations: OperationInput[] = chunk.map((doc) => ({ operationType: "Create", partitionKey, resourceBody: doc as JSONObject }));
    const response = await container.items.batch(operations, partitionKey);
    const failed = response.result?.some((r) => r.statusCode >= 400) || (response.code !== undefined && response.code >= 400);
    if (!failed) return chunk.map(() => true);
    // Azure rolls a failed batch back (its other operations answer 424); the embedded server
    // keeps what it wrote before the conflict, and says so with a 201 for each of those.
    const keptByFailedBatch = (response.result ?? []).map((r) => r.statusCode === 201);
    return mapLimited(chunk, 8, async (doc, i) => keptByFailedBatch[i] === true || (await createIfAbsent(container, doc)) === "created");
  });
  return results.flat();
}

export async function createOrFail(container: Container, doc: ItemDefinition, what: string): Promise<ItemDefinition> {
  try {
    const { resource } = await container.items.create(doc);
    return resource!;
  } catch (err) {
    if (statusOf(err) === 409) throw new AlreadyExistsError(`${what} already exists.`);
    throw err;
  }
}

/** Replaces `doc` only if it still has `etag`; otherwise somebody else changed it first. */
export async function replaceIfMatch(container: Container, doc: ItemDefinition & { id: string }, partitionKey: string, etag: string): Promise<ItemDefinition> {
  try {
    const { resource } = await container.item(doc.id, partitionKey).replace(doc, { accessCondition: { type: "IfMatch", condition: etag } });
    return resource!;
  } catch (err) {
    const status = statusOf(err);
    if (status === 412 || status === 404) throw new ConcurrencyError();
    throw err;
  }
}
