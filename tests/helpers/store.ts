/** A fresh embedded Cosmos DB server and the real repositories on it, for integration tests. */
import path from "node:path";
import { createMemoryLogger } from "../../bot/src/logger";
import type { Repositories } from "../../bot/src/domain/ports";
import { createStore, type Store } from "../../bot/src/store/create-store";

export interface TestStore {
  repos: Repositories;
  store: Store;
  close(): Promise<void>;
}

export async function startTestStore(opts: { dataDir?: string } = {}): Promise<TestStore> {
  const store = await createStore(
    { kind: "embedded", database: "cohort-coach-test", dataDir: opts.dataDir ?? path.join("/nonexistent"), persist: opts.dataDir !== undefined },
    createMemoryLogger(),
  );
  return { repos: store.repos, store, close: () => store.close() };
}
