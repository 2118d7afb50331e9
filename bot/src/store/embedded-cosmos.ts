/**
 * Local default: the Cosmos DB-compatible server from `@vercel/cosmosdb-server`, in this process,
 * reached through the same `@azure/cosmos` client as Azure. It keeps data in memory, so this module
 * saves every container to `<dataDir>/<container>.json` shortly after writes (atomically: write a
 * temporary file, then rename) and restores it on start; `flush()` saves at once, which the process
 * does on SIGTERM/SIGINT so the last writes before a stop are never lost.
 */
import fs from "node:fs";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { CosmosClient, type Database } from "@azure/cosmos";
import { createHttpServer } from "@vercel/cosmosdb-server";
import type { Logger } from "../domain/ports";
import { ALL_CONTAINERS } from "./containers";
import { mapLimited } from "../lib/concurrency";

export interface EmbeddedCosmos {
  client: CosmosClient;
  endpoint: string;
  /** Restores saved data into the (freshly created) containers. */
  restore(database: Database): Promise<number>;
  /** Writes a snapshot now if anything changed since the last one. */
  flush(): Promise<void>;
  close(): Promise<void>;
}

const SNAPSHOT_DEBOUNCE_MS = 250;
const SNAPSHOT_MAX_WAIT_MS = 2000;

export async function startEmbeddedCosmos(dataDir: string | undefined, logger: Logger): Promise<EmbeddedCosmos> {
  // Plain HTTP on loopback: the server lives in this process, so TLS would only cost CPU.
  // Keep-alive: without it every Cosmos DB request opens (and closes) a new TCP connection.
  const server = createHttpServer({ keepAlive: true });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  const client = connectToEmbeddedServer(endpoint);

  let database: Database | undefined;
  let dirty = false;
  let timer: NodeJS.Timeout | undefined;
  let firstDirtyAt = 0;
  let saving: Promise<void> = Promise.resolve();

  const snapshot = async (): Promise<void> => {
    if (!dataDir || !database || !dirty) return;
    dirty = false;
    fs.mkdirSync(dataDir, { recursive: true });
    for (const def of ALL_CONTAINERS) {
      const { resources } = await database.container(def.id).items.readAll().fetchAll();
      const file = path.join(dataDir, `${def.id}.json`);
      const temp = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(temp, JSON.stringify(resources.map(stripSystemFields)));
      fs.renameSync(temp, file);
    }
  };
  const saveNow = (): Promise<void> => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    saving = saving.then(snapshot).catch((err) => logger.error({ err: String(err) }, "could not save local data"));
    return saving;
  };
  const scheduleSave = (): void => {
    if (!dataDir) return;
    const now = Date.now();
    if (!dirty) firstDirtyAt = now;
    dirty = true;
    if (timer) clearTimeout(timer);
    const wait = now - firstDirtyAt >= SNAPSHOT_MAX_WAIT_MS ? 0 : SNAPSHOT_DEBOUNCE_MS;
    timer = setTimeout(() => void saveNow(), wait);
    timer.unref();
  };
  // Anything but a read may change data (queries are POSTs too; an extra snapshot is harmless).
  server.on("request", (req: { method?: string }) => {
    if (req.method && req.method !== "GET") scheduleSave();
  });

  return {
    client,
    endpoint,
    async restore(db) {
      database = db;
      if (!dataDir) return 0;
      let restored = 0;
      for (const def of ALL_CONTAINERS) {
        const file = path.join(dataDir, `${def.id}.json`);
        if (!fs.existsSync(file)) continue;
        const docs = JSON.parse(fs.readFileSync(file, "utf8")) as Array<Record<string, unknown>>;
        const container = db.container(def.id);
        await mapLimited(docs, 32, (doc) => container.items.upsert(doc));
        restored += docs.length;
      }
      dirty = false;
      if (timer) clearTimeout(timer);
      return restored;
    },
    async flush() {
      await saveNow();
    },
    async close() {
      await saveNow();
      client.dispose();
      (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The embedded server accepts any key, and it must not be asked for other regions' endpoints. */
export function connectToEmbeddedServer(endpoint: string): CosmosClient {
  return new CosmosClient({ endpoint, key: "embedded-local-key", connectionPolicy: { enableEndpointDiscovery: false } });
}

function stripSystemFields(doc: Record<string, unknown>): Record<string, unknown> {
  const { _rid, _self, _etag, _ts, _attachments, ...rest } = doc;
  void _rid, void _self, void _etag, void _ts, void _attachments;
  return rest;
}
