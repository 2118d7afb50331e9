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
 * Queries are also served from a per-container index of equality conditions instead of a scan of
 * every document (`indexEqualityConditions`, below), with identical results.
 * All rely on the package's module layout (pinned by the lock file); a test would fail on change.
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
    stripResultsLinearly();
    indexEqualityConditions();
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

let linearStrip: boolean | undefined;

/**
 * The same engine strips `undefined` from every result page with `reduce((o, v) => [...o, v])`,
 * copying the page once per result: 10,000 results took a second, the 55,000 records a cohort of
 * 5,000 members has by week 8 took 85 seconds, and the SDK gave up after 60. Replaced, once,
 * with a function that gives the same values in one pass. Returns whether the engine still has
 * that helper.
 */
export function stripResultsLinearly(): boolean {
  if (linearStrip !== undefined) return linearStrip;
  const requireFromServer = createRequire(require.resolve("@vercel/cosmosdb-server"));
  const requireFromEngine = createRequire(requireFromServer.resolve("@zeit/cosmosdb-query"));
  const helpers = requireFromEngine("./helpers") as { stripUndefined?: (value: unknown) => unknown };
  linearStrip = typeof helpers.stripUndefined === "function";
  if (linearStrip) helpers.stripUndefined = withoutUndefined;
  return linearStrip;
}

/** `value` with `undefined` left out of arrays and objects, at every depth (what JSON would send, arrays included). */
export function withoutUndefined(value: unknown): unknown {
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (const item of value) if (typeof item !== "undefined") out.push(withoutUndefined(item));
    return out;
  }
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) if (typeof item !== "undefined") out[key] = withoutUndefined(item);
    return out;
  }
  return value;
}

/** Top-level fields indexed by value, besides each container's partition key field. */
const INDEXED_FIELDS = ["docType", "userId"];

interface Stored {
  read(): StoredDocument | undefined;
}

/** The package's `Items` (lib/account/items.js), as far as the index uses it. */
interface PackageItems {
  _data: Map<string, Stored>;
  _partitionKeyPath: string[];
  _item(keyPath: string, value: unknown, partition: unknown): Stored;
  _getQuery(sql: string): { ast: QueryAst };
  _set(data: StoredDocument): StoredDocument;
  delete(idOrRid: string, partition: unknown): void;
  query(params: { query: string; parameters?: Array<{ name: string; value: unknown }> }, options: unknown): unknown;
}

type AstNode = { type: string; [key: string]: unknown };
interface QueryAst {
  body?: { from?: { source?: { expression?: AstNode; alias?: { name: string } | null } }; where?: { condition?: AstNode } };
}

/** A condition every result must meet: `field` holds one of `values` (strings). */
export interface RequiredValues {
  field: string;
  values: string[];
}

/** One container's documents by field and string value: each bucket keeps the container's own order. */
class EqualityIndex {
  readonly fields: string[];
  private readonly buckets = new Map<string, Map<string, Map<string, Stored>>>();
  /** Each document's place in the container's order (the package's Map: a replace moves it to the end). */
  private readonly places = new Map<string, number>();
  private nextPlace = 0;

  constructor(items: PackageItems) {
    const partitionPath = items._partitionKeyPath?.[0]?.slice(1).split("/") ?? [];
    const partitionField = partitionPath.length === 1 && partitionPath[0] !== "_partitionKey" ? [partitionPath[0]!] : [];
    this.fields = [...new Set([...partitionField, ...INDEXED_FIELDS])];
    for (const field of this.fields) this.buckets.set(field, new Map());
    for (const [rid, item] of items._data) this.add(rid, item);
  }

  add(rid: string, item: Stored): void {
    const doc = item.read();
    if (!doc) return;
    if (!this.places.has(rid)) this.places.set(rid, this.nextPlace++);
    for (const field of this.fields) {
      const value = doc[field];
      if (typeof value !== "string") continue;
      const byValue = this.buckets.get(field)!;
      let bucket = byValue.get(value);
      if (!bucket) byValue.set(value, (bucket = new Map()));
      bucket.set(rid, item);
    }
  }

  remove(rid: string, doc: StoredDocument): void {
    this.places.delete(rid);
    for (const field of this.fields) {
      const value = doc[field];
      if (typeof value !== "string") continue;
      const bucket = this.buckets.get(field)!.get(value);
      bucket?.delete(rid);
      if (bucket?.size === 0) this.buckets.get(field)!.delete(value);
    }
  }

  /** The documents that can meet every condition, in the container's order; undefined: any document can. */
  candidates(conditions: RequiredValues[]): Map<string, Stored> | undefined {
    let best: Map<string, Stored>[] | undefined;
    let bestSize = Infinity;
    for (const { field, values } of conditions) {
      const byValue = this.buckets.get(field);
      if (!byValue) continue;
      const buckets = [...new Set(values)].map((v) => byValue.get(v)).filter((b): b is Map<string, Stored> => b !== undefined);
      const size = buckets.reduce((n, b) => n + b.size, 0);
      if (size < bestSize) [best, bestSize] = [buckets, size];
    }
    if (!best) return undefined;
    if (best.length === 1) return best[0]!;
    // Several values: their documents merged back into the container's order.
    const merged = best.flatMap((b) => [...b.entries()]).sort(([x], [y]) => this.places.get(x)! - this.places.get(y)!);
    return new Map(merged);
  }
}

const indexes = new WeakMap<object, EqualityIndex>();
let indexingEnabled = true;

/** For tests: answer queries by scanning every document, as the package does, or from the index. */
export function setQueryIndexEnabled(enabled: boolean): void {
  indexingEnabled = enabled;
}

/**
 * The conditions every result must meet, from the WHERE clause's top-level AND: `c.field = v`,
 * `c.field IN (v, ...)` and `ARRAY_CONTAINS([v, ...], c.field)` on a field of the queried document,
 * where every v is a string constant or a string parameter. Anything else (OR, NOT, other functions,
 * nested paths, other types) is left to the engine alone.
 */
export function requiredValues(ast: QueryAst, parameters: Array<{ name: string; value: unknown }> = []): RequiredValues[] {
  const source = ast.body?.from?.source;
  const root = source?.expression?.type === "collection_expression" ? ((source.expression.expression as AstNode | undefined)?.name as string | undefined) : undefined;
  const alias = source?.alias?.name ?? root;
  const condition = ast.body?.where?.condition;
  if (!alias || !condition) return [];
  const out: RequiredValues[] = [];
  const fieldOf = (node: AstNode | undefined): string | undefined => {
    if (node?.type !== "scalar_member_expression") return undefined;
    const object = node.object as AstNode;
    const property = node.property as AstNode;
    if (object.type !== "identifier" || object.name !== alias) return undefined;
    if (!node.computed && property.type === "identifier") return property.name as string;
    if (node.computed && property.type === "string_constant") return property.value as string;
    return undefined;
  };
  const param = (node: AstNode): unknown => parameters.find((p) => p.name === node.name)?.value;
  const stringOf = (node: AstNode | undefined): string | undefined => {
    const value = node?.type === "string_constant" ? node.value : node?.type === "parameter_name" ? param(node) : undefined;
    return typeof value === "string" ? value : undefined;
  };
  const stringsOf = (nodes: AstNode[]): string[] | undefined => {
    const values = nodes.map(stringOf);
    return values.every((v): v is string => v !== undefined) ? values : undefined;
  };
  const arrayOf = (node: AstNode | undefined): string[] | undefined => {
    if (node?.type === "array_constant") return stringsOf(node.elements as AstNode[]);
    const value = node?.type === "parameter_name" ? param(node) : undefined;
    return Array.isArray(value) && value.every((v) => typeof v === "string") ? (value as string[]) : undefined;
  };
  const push = (field: string | undefined, values: string[] | undefined) => {
    if (field !== undefined && values !== undefined) out.push({ field, values });
  };
  const walk = (node: AstNode): void => {
    if (node.type === "scalar_binary_expression" && node.operator === "AND") {
      walk(node.left as AstNode);
      walk(node.right as AstNode);
    } else if (node.type === "scalar_binary_expression" && node.operator === "=") {
      const left = node.left as AstNode;
      const right = node.right as AstNode;
      const value = fieldOf(left) ? stringOf(right) : stringOf(left);
      push(fieldOf(left) ?? fieldOf(right), value === undefined ? undefined : [value]);
    } else if (node.type === "scalar_in_expression") {
      push(fieldOf(node.value as AstNode), stringsOf(node.list as AstNode[]));
    } else if (node.type === "scalar_function_expression" && (node.name as AstNode).name === "ARRAY_CONTAINS") {
      // String elements match only an equal string, with or without the partial-match argument.
      const args = node.arguments as AstNode[];
      push(fieldOf(args[1]), arrayOf(args[0]));
    }
  };
  walk(condition);
  return out;
}

/**
 * The package answers every query by handing the query engine every document of the container:
 * at 10,000 documents, each query of the dashboard or a card submission cost milliseconds of
 * event loop, whatever partition or document type it asked for. Azure Cosmos DB serves such a
 * query from the partition and its indexes. The embedded server now does too, for the conditions
 * that make that exact: a query whose WHERE requires the partition key field, `docType` or `userId`
 * to hold one of some strings (`=`, `IN`, `ARRAY_CONTAINS`, AND-ed at the top level) gets only the
 * documents with such a value, in the container's own order, and the engine still evaluates the
 * whole query over them. A document without such a value could not have passed the filter (the
 * engine's `=`, `IN` and `ARRAY_CONTAINS` are true for a string only against an equal string), and
 * order-dependent parts (continuations, ORDER BY
 * ties, unordered results) see the same sequence minus documents that never matched: the results
 * are the same. The index is built on a container's first query and kept by the package's own
 * `_set` and `delete`, which every write goes through (create, replace, upsert, restore).
 */
function indexEqualityConditions(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Items = (require("@vercel/cosmosdb-server/lib/account/items") as { default: { prototype: PackageItems } }).default;
  const proto = Items.prototype;
  const set = proto._set;
  const remove = proto.delete;
  const query = proto.query;
  proto._set = function (this: PackageItems, data: StoredDocument) {
    const stored = set.call(this, data);
    const rid = (stored as { _rid?: string })._rid;
    const item = rid ? this._data.get(rid) : undefined;
    if (rid && item) indexes.get(this)?.add(rid, item);
    return stored;
  };
  proto.delete = function (this: PackageItems, idOrRid: string, partition: unknown) {
    const doc = this._item("/id", idOrRid, partition).read();
    remove.call(this, idOrRid, partition);
    const rid = (doc as { _rid?: string } | undefined)?._rid;
    if (doc && rid && !this._data.has(rid)) indexes.get(this)?.remove(rid, doc);
  };
  proto.query = function (this: PackageItems, params, options) {
    if (!indexingEnabled || typeof params?.query !== "string") return query.call(this, params, options);
    let conditions: RequiredValues[];
    try {
      conditions = requiredValues(this._getQuery(params.query).ast, params.parameters);
    } catch {
      return query.call(this, params, options); // a syntax error: the engine reports it
    }
    if (conditions.length === 0) return query.call(this, params, options);
    let index = indexes.get(this);
    if (!index) indexes.set(this, (index = new EqualityIndex(this)));
    const candidates = index.candidates(conditions);
    if (!candidates) return query.call(this, params, options);
    // The package's own query, over the candidates instead of every document.
    return query.call(Object.create(this, { _data: { value: candidates } }) as PackageItems, params, options);
  };
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
