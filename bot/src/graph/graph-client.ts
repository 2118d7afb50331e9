/**
 * A small, generic Microsoft Graph client: typed JSON get/post/patch/delete for one customer
 * tenant at a time, a token per tenant from an injected `TokenSource` (graph/credentials.ts builds
 * one from @azure/identity; tests use a stand-in at the edge), `@odata.nextLink` paging, and
 * Graph's throttling rules: a 429 or 503 is retried after its `Retry-After` seconds (or an
 * exponential backoff without one), through an injected sleep, at most `maxAttempts` times and
 * never waiting longer than `maxRetryAfterMs` at once. Everything else fails with a GraphError.
 */

/** An access token for Graph in one tenant. */
export interface TokenSource {
  token(tenantId: string): Promise<string>;
}

export interface GraphClientOptions {
  /** Graph's root, e.g. https://graph.microsoft.com (no version segment). */
  baseUrl: string;
  tokens: TokenSource;
  /** Waits out Retry-After; tests move their clock instead. Default: a real timer. */
  sleep?: (ms: number) => Promise<void>;
  /** Tries per request, the first included (default 4). */
  maxAttempts?: number;
  /** The longest single wait; a longer Retry-After gives up with the GraphError (default 60 s). */
  maxRetryAfterMs?: number;
  /** Pages followed at most by `getAll` (default 1,000). */
  maxPages?: number;
  fetch?: typeof fetch;
}

/** A Graph request that failed: its status and Graph's error code, never a token or the request body. */
export class GraphError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | undefined,
    message: string,
    /** The Retry-After Graph sent with the last answer, if it was throttling. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = "GraphError";
  }

  /** 401/403: the app holds no (admin-consented) permission for this in the tenant. */
  get notConsented(): boolean {
    return this.status === 401 || this.status === 403;
  }

  /** Worth trying again later: throttled, Graph unavailable, or the network (status 0). */
  get transient(): boolean {
    return this.status === 0 || this.status === 429 || this.status >= 500;
  }
}

type Method = "GET" | "POST" | "PATCH" | "DELETE";

/** A page of a Graph collection. */
export interface GraphPage<T> {
  value: T[];
  "@odata.nextLink"?: string;
}

const RETRYABLE = new Set([429, 503]);

export class GraphClient {
  private readonly baseUrl: string;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly maxAttempts: number;
  private readonly maxRetryAfterMs: number;
  private readonly maxPages: number;
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly options: GraphClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/$/, "");
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.maxAttempts = Math.max(1, options.maxAttempts ?? 4);
    this.maxRetryAfterMs = options.maxRetryAfterMs ?? 60_000;
    this.maxPages = options.maxPages ?? 1000;
    this.fetchImpl = options.fetch ?? fetch;
  }

  get<T>(tenantId: string, path: string): Promise<T> {
    return this.request<T>(tenantId, "GET", path);
  }

  post<T>(tenantId: string, path: string, body: unknown): Promise<T> {
    return this.request<T>(tenantId, "POST", path, body);
  }

  patch<T>(tenantId: string, path: string, body: unknown): Promise<T> {
    return this.request<T>(tenantId, "PATCH", path, body);
  }

  async delete(tenantId: string, path: string): Promise<void> {
    await this.request<unknown>(tenantId, "DELETE", path);
  }

  /** Every item of a collection, following `@odata.nextLink` (only ever to Graph's own host). */
  async getAll<T>(tenantId: string, path: string): Promise<T[]> {
    const items: T[] = [];
    let next: string | undefined = path;
    for (let page = 0; next !== undefined; page++) {
      if (page >= this.maxPages) throw new GraphError(0, "tooManyPages", `Graph returned more than ${this.maxPages} pages`);
      const body: GraphPage<T> = await this.request<GraphPage<T>>(tenantId, "GET", next);
      items.push(...(Array.isArray(body.value) ? body.value : []));
      next = body["@odata.nextLink"];
    }
    return items;
  }

  private urlOf(path: string): string {
    if (!/^https?:\/\//i.test(path)) return `${this.baseUrl}${path.startsWith("/") ? "" : "/"}${path}`;
    // A nextLink is absolute: the token must never be sent anywhere but Graph.
    if (new URL(path).origin !== new URL(this.baseUrl).origin) throw new GraphError(0, "foreignLink", "Graph returned a link to another host; not followed");
    return path;
  }

  private async request<T>(tenantId: string, method: Method, path: string, body?: unknown): Promise<T> {
    const url = this.urlOf(path);
    for (let attempt = 1; ; attempt++) {
      const token = await this.options.tokens.token(tenantId);
      let res: Response;
      try {
        res = await this.fetchImpl(url, {
          method,
          headers: { Authorization: `Bearer ${token}`, Accept: "application/json", ...(body !== undefined ? { "Content-Type": "application/json" } : {}) },
          ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        });
      } catch (err) {
        if (attempt >= this.maxAttempts) throw new GraphError(0, "network", `Graph could not be reached: ${err instanceof Error ? err.message : String(err)}`);
        await this.sleep(backoffMs(attempt));
        continue;
      }
      if (res.ok) {
        if (res.status === 204) return undefined as T;
        const text = await res.text();
        return (text ? JSON.parse(text) : undefined) as T;
      }
      const retryAfterMs = retryAfterOf(res.headers.get("retry-after"));
      const error = await errorOf(res, method, path, retryAfterMs);
      if (!RETRYABLE.has(res.status) || attempt >= this.maxAttempts) throw error;
      const wait = retryAfterMs ?? backoffMs(attempt);
      if (wait > this.maxRetryAfterMs) throw error;
      await this.sleep(wait);
    }
  }
}

/** Retry-After in seconds (Graph's form) or as an HTTP date; undefined when absent or unreadable. */
export function retryAfterOf(header: string | null): number | undefined {
  if (header === null || header.trim() === "") return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isFinite(at) ? Math.max(0, at - Date.now()) : undefined;
}

/** Without Retry-After: 1 s, 2 s, 4 s … (Graph asks for an exponential backoff). */
function backoffMs(attempt: number): number {
  return 1000 * 2 ** (attempt - 1);
}

async function errorOf(res: Response, method: Method, path: string, retryAfterMs: number | undefined): Promise<GraphError> {
  let code: string | undefined;
  let detail = "";
  try {
    const body = (await res.json()) as { error?: { code?: unknown; message?: unknown } };
    code = typeof body.error?.code === "string" ? body.error.code : undefined;
    detail = typeof body.error?.message === "string" ? `: ${body.error.message.slice(0, 200)}` : "";
  } catch {
    // Not JSON: the status says enough.
  }
  const what = `${method} ${path.replace(/^https?:\/\/[^/]+/i, "").split("?")[0]}`;
  const message =
    res.status === 401 || res.status === 403
      ? `Graph refused ${what} (${res.status}${code ? ` ${code}` : ""}): the app's permission is not consented in this tenant${detail}`
      : `Graph answered ${res.status}${code ? ` ${code}` : ""} to ${what}${detail}`;
  return new GraphError(res.status, code, message, retryAfterMs);
}
