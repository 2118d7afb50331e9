/**
 * Local default: the Cosmos DB-compatible server from `@vercel/cosmosdb-server` (a development
 * dependency, loaded only here), in this process, reached through the same `@azure/cosmos`
 * client as Azure. It keeps data in memory; this module makes local data survive anything,
 * kill -9 and power loss included: **a write the client saw acknowledged is on disk.**
 *
 * Design (files in ./local, one purpose each):
 * - Journal (local/journal.ts). Every mutation of a document inside the server (create, replace,
 *   upsert, delete; patch and transactional batches go through the same calls) is appended, in
 *   order, as one JSON line to `journal-<gen>.log`. The server's response to that request is held
 *   until the line is written and fdatasync'd (local/cosmos-server.ts runs a hook between the
 *   handler and the response). Concurrent writes share one fsync (group commit).
 * - Snapshots (local/snapshot.ts). `<container>.json` files plus `manifest.json` (generation,
 *   document counts, sha256 of each file). A snapshot is taken only from a fully restored store
 *   (never during start-up's restore): synchronously capture every container, write the files
 *   as `.next`, commit by replacing the manifest atomically, move the files into place, start
 *   journal <gen+1> and delete older journals. It happens after a start that replayed a journal,
 *   when the journal grows past a threshold, on flush() and on a clean close.
 * - Start-up. Lock the folder (local/lock.ts: a second process on the same folder refuses to
 *   start), read the manifest and snapshot (a missing or damaged file stops start-up naming the
 *   file), load documents straight into the server's memory (no HTTP: 10,000 documents take well
 *   under a second), replay the journals over them, then open for requests.
 * - First run (local/first-run.ts): a brand-new folder gets a `first-run` marker; the demo seed
 *   runs only while it exists, so missing or damaged files never look like a fresh install.
 */
import fs from "node:fs";
import path from "node:path";
import { CosmosClient, type Database } from "@azure/cosmos";
import type { Logger } from "../domain/ports";
import { ALL_CONTAINERS } from "./containers";
import { startEmbeddedServer, type DocumentStore, type EmbeddedServer, type StoredDocument } from "./local/cosmos-server";
import { clearFirstRun, markFirstRun } from "./local/first-run";
import { JOURNAL_PATTERN, Journal, journalFileName, readJournal, type JournalRecord } from "./local/journal";
import { lockDataDir, type DataDirLock } from "./local/lock";
import { readLocalData, writeSnapshot, type LocalData } from "./local/snapshot";

export { LocalDataError } from "./local/errors";

export interface EmbeddedCosmos {
  client: CosmosClient;
  endpoint: string;
  /** Loads saved data into the (freshly created) containers, then starts journaling. */
  restore(database: Database): Promise<number>;
  /** Writes a snapshot now (compacting the journal) if anything changed since the last one. */
  flush(): Promise<void>;
  close(): Promise<void>;
}

/** Compact when the journal holds this many records or bytes since the last snapshot. */
const COMPACT_AFTER_RECORDS = 20_000;
const COMPACT_AFTER_BYTES = 64 * 1024 * 1024;

export async function startEmbeddedCosmos(dataDir: string | undefined, logger: Logger): Promise<EmbeddedCosmos> {
  // Lock and read the folder before anything else, so a second instance or a damaged file stops
  // start-up before a port is opened.
  let lock: DataDirLock | undefined;
  let local: LocalData | undefined;
  if (dataDir) {
    lock = lockDataDir(dataDir);
    try {
      local = readLocalData(dataDir, ALL_CONTAINERS.map((c) => c.id));
    } catch (err) {
      lock.release();
      throw err;
    }
  }

  let journal: Journal | undefined;
  let embedded: EmbeddedServer;
  try {
    embedded = await startEmbeddedServer(() => (journal?.hasUnsynced ? journal.waitDurable() : undefined));
  } catch (err) {
    lock?.release();
    throw err;
  }
  const client = connectToEmbeddedServer(embedded.endpoint);

  let databaseId: string | undefined;
  let restored = false;
  let closed = false;
  let nextGeneration = (local?.highestGeneration ?? 0) + 1;
  let compactionQueued = false;

  const stores = (): Array<{ id: string; docs: DocumentStore }> => ALL_CONTAINERS.map((def) => ({ id: def.id, docs: embedded.documents(databaseId!, def.id) }));

  /** Synchronous from capture to commit, so no mutation can fall between the snapshot and the new journal. */
  const compact = (): void => {
    if (!dataDir || !restored || closed) return;
    const generation = nextGeneration++;
    const started = Date.now();
    const containers = stores().map(({ id, docs }) => {
      const list: Record<string, unknown>[] = [];
      for (const item of docs._data.values()) list.push(persistedForm(item.read()));
      return { id, json: JSON.stringify(list), documents: list.length };
    });
    writeSnapshot(dataDir, generation, containers);
    const journalFile = path.join(dataDir, journalFileName(generation));
    if (journal) journal.rotate(journalFile);
    else journal = Journal.create(journalFile, scheduleCompactionIfLarge);
    removeOlderJournals(dataDir, generation);
    logger.debug({ generation, documents: containers.reduce((n, c) => n + c.documents, 0), ms: Date.now() - started }, "local data snapshot written");
  };

  function scheduleCompactionIfLarge(): void {
    if (compactionQueued || !journal || (journal.records < COMPACT_AFTER_RECORDS && journal.bytes < COMPACT_AFTER_BYTES)) return;
    compactionQueued = true;
    setImmediate(() => {
      compactionQueued = false;
      try {
        compact();
      } catch (err) {
        logger.error({ err: String(err) }, "could not write a local data snapshot (the journal still holds every write)");
      }
    });
  }

  return {
    client,
    endpoint: embedded.endpoint,
    async restore(db) {
      databaseId = db.id;
      if (!dataDir || !local) {
        restored = true;
        return 0;
      }
      const started = Date.now();
      logger.info({ dataDir, snapshotDocuments: [...local.snapshot.values()].reduce((n, d) => n + d.length, 0), journals: local.journals.length }, "restoring local data");
      const byId = new Map(stores().map((s) => [s.id, s.docs]));
      let documents = 0;
      for (const [id, docs] of local.snapshot) {
        const target = byId.get(id);
        if (!target) {
          logger.warn({ container: id, documents: docs.length }, "local data holds a container this version does not use; ignored");
          continue;
        }
        for (const doc of docs) applyPut(target, doc);
        documents += docs.length;
      }
      let replayed = 0;
      let partialTail = false;
      for (const file of local.journals) {
        const { records, droppedPartialTail } = readJournal(file);
        partialTail ||= droppedPartialTail;
        for (const record of records) {
          const target = byId.get(record.c);
          if (target) applyRecord(target, record);
        }
        replayed += records.length;
      }
      restored = true;

      // A snapshot now makes the next start cheaper and drops any partial last line; only from here on,
      // with everything restored, may one be written.
      if (local.fresh) markFirstRun(dataDir);
      if (local.fresh || local.legacy || replayed > 0 || partialTail || local.journals.length > 1) compact();
      else journal = Journal.create(path.join(dataDir, journalFileName(local.generation)), scheduleCompactionIfLarge);
      const total = stores().reduce((n, s) => n + s.docs._data.size, 0);
      if (total > 0) clearFirstRun(dataDir);
      logger.info({ dataDir, documents: total, fromSnapshot: documents, replayed, ms: Date.now() - started }, "local data restored");
      installJournaling(stores(), () => journal);
      local = undefined; // let the parsed files go
      return total;
    },
    async flush() {
      if (!journal) return;
      await journal.waitDurable();
      if (journal.records > 0) compact();
    },
    async close() {
      if (closed) return;
      try {
        if (journal) {
          await journal.waitDurable().catch((err) => logger.error({ err: String(err) }, "could not save local data"));
          if (journal.records > 0) {
            try {
              compact();
            } catch (err) {
              logger.error({ err: String(err) }, "could not write a local data snapshot (the journal still holds every write)");
            }
          }
        }
        closed = true;
        client.dispose();
        await embedded.close();
        await journal?.close();
      } finally {
        closed = true;
        lock?.release();
      }
    },
  };
}

/** The embedded server accepts any key, and it must not be asked for other regions' endpoints. */
export function connectToEmbeddedServer(endpoint: string): CosmosClient {
  return new CosmosClient({ endpoint, key: "embedded-local-key", connectionPolicy: { enableEndpointDiscovery: false } });
}

/** Journals every mutation of these containers, synchronously, in the order the server applies them. */
function installJournaling(stores: Array<{ id: string; docs: DocumentStore }>, journalOf: () => Journal | undefined): void {
  for (const { id, docs } of stores) {
    let depth = 0; // replace() calls delete() internally: journal only the outermost call
    const wrap = <K extends "create" | "replace" | "upsert" | "delete">(name: K, toRecord: (args: Parameters<DocumentStore[K]>, result: ReturnType<DocumentStore[K]>, before: StoredDocument | undefined) => JournalRecord): void => {
      const original = docs[name] as (...args: unknown[]) => unknown;
      (docs as unknown as Record<string, unknown>)[name] = function (this: DocumentStore, ...args: unknown[]) {
        if (depth > 0) return original.apply(this, args);
        depth += 1;
        try {
          const before = name === "delete" ? this._item("/id", args[0], args[1]).read() : undefined;
          const result = original.apply(this, args);
          journalOf()?.append(toRecord(args as Parameters<DocumentStore[K]>, result as ReturnType<DocumentStore[K]>, before));
          return result;
        } finally {
          depth -= 1;
        }
      };
    };
    const put = (_args: unknown, result: StoredDocument): JournalRecord => ({ c: id, o: "put", d: persistedForm(result) });
    wrap("create", put);
    wrap("replace", put);
    wrap("upsert", put);
    wrap("delete", (args, _result, before) => ({ c: id, o: "del", id: before?.id ?? String(args[0]), pk: before ? docs._getPartition(before) : args[1] }));
  }
}

function applyRecord(docs: DocumentStore, record: JournalRecord): void {
  if (record.o === "put") applyPut(docs, record.d);
  else if (docs._item("/id", record.id, record.pk).read()) docs.delete(record.id, record.pk);
}

/** Puts a saved document back as it was, ETag and timestamp included (clients may hold the ETag). */
function applyPut(docs: DocumentStore, doc: Record<string, unknown>): void {
  const { _etag, _ts, _rid, _self, _attachments, ...body } = doc;
  void _rid, void _self, void _attachments;
  const stored = docs.upsert(body);
  if (typeof _etag === "string") stored._etag = _etag;
  if (typeof _ts === "number") stored._ts = _ts;
}

/** What is saved of a document: everything but the server-local resource ids. */
function persistedForm(doc: Record<string, unknown>): Record<string, unknown> {
  const { _rid, _self, _attachments, ...rest } = doc;
  void _rid, void _self, void _attachments;
  return rest;
}

function removeOlderJournals(dataDir: string, generation: number): void {
  // Best effort (Windows cannot delete an open file): the next start removes whatever is left.
  for (const name of fs.readdirSync(dataDir)) {
    const match = JOURNAL_PATTERN.exec(name);
    if (match && Number(match[1]) < generation) {
      try {
        fs.rmSync(path.join(dataDir, name), { force: true });
      } catch {
        // removed at the next start
      }
    }
  }
}
