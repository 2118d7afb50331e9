/**
 * How much one request read from Cosmos DB: documents read, queries (each page of results the
 * server answered) and point reads. Kept per async context (Node's AsyncLocalStorage, as the
 * logger keeps correlation ids), so concurrent requests each count their own reads. Counted by
 * the guarded container (./guarded-container), which every repository's Cosmos call goes through:
 * a repository method added tomorrow is counted without anyone remembering to.
 *
 * Used by the API to log each dashboard request's reads at debug level, and by tests to prove that
 * a dashboard request's reads do not grow with the cohort (tests/integration/api/bounded-reads.test.ts).
 */
import { AsyncLocalStorage } from "node:async_hooks";

export interface ReadCounts {
  /** Documents the store handed back: one per point read that found something, one per query result. */
  documentsRead: number;
  /** Query requests (each `fetchAll`/`fetchNext`). */
  queries: number;
  pointReads: number;
}

const counters = new AsyncLocalStorage<ReadCounts>();

/** Runs `work` with a fresh counter; returns what it gave and what it read. */
export async function countReads<T>(work: () => Promise<T>): Promise<{ result: T; reads: ReadCounts }> {
  const reads: ReadCounts = { documentsRead: 0, queries: 0, pointReads: 0 };
  const result = await counters.run(reads, work);
  return { result, reads: { ...reads } };
}

/** The counts of the request being handled (undefined outside `countReads`). */
export function currentReadCounts(): ReadCounts | undefined {
  const c = counters.getStore();
  return c ? { ...c } : undefined;
}

export function notePointRead(found: boolean): void {
  const c = counters.getStore();
  if (!c) return;
  c.pointReads++;
  if (found) c.documentsRead++;
}

export function noteQuery(documents: number): void {
  const c = counters.getStore();
  if (!c) return;
  c.queries++;
  c.documentsRead += documents;
}
