/**
 * The embedded Cosmos DB-compatible server (`@vercel/cosmosdb-server`, a development dependency),
 * started with its own `createHttpServer`, plus two things that function does not offer:
 * - its in-memory account, so the store can load a snapshot straight into memory instead of over
 *   HTTP and see every mutation. The package builds the account when the server starts listening,
 *   from its `lib/account` module's default export; we wrap that export once, to hand each new
 *   account to whoever started the server on that port.
 * - a hook between a request's handler and its response: our own request listener runs first
 *   and defers that response's `end` until the hook's promise settles, so the reply to a write
 *   is held until the journal is on disk (a failure answers 500 instead).
 * Both rely on the package's module layout (pinned by the lock file); a test would fail on change.
 */
import type http from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";

export type StoredDocument = Record<string, unknown> & { id: string; _etag?: string; _ts?: number };

/** The package's `Documents` collection of one container (lib/account/items.js). */
export interface DocumentStore {
  _data: Map<string, { read(): StoredDocument }>;
  create(data: Record<string, unknown>): StoredDocument;
  replace(data: Record<string, unknown>, original: StoredDocument): StoredDocument;
  upsert(data: Record<string, unknown>): StoredDocument;
  delete(idOrRid: string, partition: unknown): void;
  _item(keyPath: string, value: unknown, partition: unknown): { read(): StoredDocument | undefined };
  _getPartition(data: Record<string, unknown>): unknown;
}

interface Account {
  database(id: string): { read(): unknown; collection(id: string): { read(): unknown; documents: DocumentStore } };
}

interface ServerPackage {
  createHttpServer(options: { keepAlive?: boolean }): http.Server;
}

export const MISSING_EMBEDDED_SERVER =
  "The embedded Cosmos DB server is a development dependency; set COSMOS_ENDPOINT for production or run `npm install`.";

/** Accounts the package creates, by the port their server listens on (several servers may run in one process). */
const accountWaiters = new Map<number, (account: Account) => void>();
let serverPackage: ServerPackage | undefined;

/** Loads the package only when local mode asks for it: production installs omit devDependencies. */
function loadServerPackage(): ServerPackage {
  if (serverPackage) return serverPackage;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const accountModule = require("@vercel/cosmosdb-server/lib/account") as { default: new (host: string, port: number) => Account };
    const PackageAccount = accountModule.default;
    accountModule.default = class extends (PackageAccount as new (host: string, port: number) => object) {
      constructor(host: string, port: number) {
        super(host, port);
        accountWaiters.get(port)?.(this as unknown as Account);
      }
    } as unknown as typeof PackageAccount;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    serverPackage = require("@vercel/cosmosdb-server") as ServerPackage;
    collectQueryInputsLinearly();
    return serverPackage;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "MODULE_NOT_FOUND") throw new Error(MISSING_EMBEDDED_SERVER);
    throw err;
  }
}

/** The code the query engine generates to collect a container's documents: one array copy per document. */
const QUADRATIC_COLLECT = /\$c\.reduce\(\(\$, c\) => typeof c !== "undefined" \? \[\.\.\.\$, \{\s*c: c\s*\}\] : \$, \[\]\)/g;
const LINEAR_COLLECT = '$c.filter(c => typeof c !== "undefined").map(c => ({ c }))';
let linearCollect: boolean | undefined;

/**
 * The package's query engine (`@zeit/cosmosdb-query`) compiles every query into JavaScript that
 * collects the container's documents with `reduce(($, c) => [...$, { c }], [])`, copying the array
 * once per document: a query over 10,000 documents takes about a second, over 20,000 a minute,
 * and blocks the event loop all the while. Azure Cosmos DB has no such cost, so the embedded server
 * collects them in linear time instead, by rewriting that one expression in the generated code
 * (same documents, same order). Returns whether the engine's code had the expected shape; if a
 * new version does not, queries keep working as the package wrote them.
 */
export function collectQueryInputsLinearly(): boolean {
  if (linearCollect !== undefined) return linearCollect;
  const requireFromServer = createRequire(require.resolve("@vercel/cosmosdb-server"));
  const compile = (requireFromServer("@zeit/cosmosdb-query") as { default: (sql: string) => object }).default;
  const Query = compile("SELECT * FROM c").constructor as { prototype: object };
  const original = Object.getOwnPropertyDescriptor(Query.prototype, "code");
  const sample = original?.get?.call(compile("SELECT * FROM c WHERE c.x = 1")) as string | undefined;
  linearCollect = Boolean(original?.get && sample && new RegExp(QUADRATIC_COLLECT.source).test(sample));
  if (linearCollect) {
    Object.defineProperty(Query.prototype, "code", {
      configurable: true,
      get(this: object) {
        const code = original!.get!.call(this) as string | undefined;
        return code?.replace(QUADRATIC_COLLECT, LINEAR_COLLECT);
      },
    });
  }
  return linearCollect;
}

export interface EmbeddedServer {
  server: http.Server;
  endpoint: string;
  /** The in-memory documents of a container (after the database and container were created). */
  documents(databaseId: string, containerId: string): DocumentStore;
  close(): Promise<void>;
}

/**
 * Starts the server on a loopback port. `beforeResponse` runs after every request's handler and
 * before the first byte of its response; a rejection turns the response into a 500.
 */
export async function startEmbeddedServer(beforeResponse: () => Promise<void> | undefined): Promise<EmbeddedServer> {
  const server = loadServerPackage().createHttpServer({ keepAlive: true });
  server.prependListener("request", (_req: http.IncomingMessage, res: http.ServerResponse) => holdResponseUntil(res, beforeResponse));

  let account: Account | undefined;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    // The package creates its account in its own "listening" listener, registered before ours ran:
    // ours must be first, so it is prepended.
    server.prependOnceListener("listening", () => {
      const { port } = server.address() as AddressInfo;
      accountWaiters.set(port, (created) => (account = created));
    });
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  accountWaiters.delete(port);
  if (!account) throw new Error("embedded Cosmos DB: the server started without an account (has @vercel/cosmosdb-server changed?)");
  const ready = account;

  return {
    server,
    endpoint: `http://127.0.0.1:${port}`,
    documents(databaseId, containerId) {
      const collection = ready.database(databaseId).collection(containerId);
      if (!collection.read()) throw new Error(`embedded Cosmos DB: container ${databaseId}/${containerId} does not exist`);
      return collection.documents;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Defers the response's `end` until `beforeResponse` settles; headers set before it still apply. */
function holdResponseUntil(res: http.ServerResponse, beforeResponse: () => Promise<void> | undefined): void {
  const end = res.end.bind(res) as (chunk?: unknown) => http.ServerResponse;
  res.end = ((chunk?: unknown) => {
    const waiting = beforeResponse();
    if (!waiting) return end(chunk);
    waiting.then(
      () => end(chunk),
      (err: unknown) => {
        res.statusCode = 500;
        end(JSON.stringify({ message: err instanceof Error ? err.message : String(err) }));
      },
    );
    return res;
  }) as typeof res.end;
}
