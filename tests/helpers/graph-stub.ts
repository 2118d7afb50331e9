/**
 * A local stand-in for Microsoft Graph, which cannot run here. It serves the Microsoft 365 Copilot
 * usage report (`/v1.0/copilot/reports/getMicrosoft365CopilotUsageUserDetail(period='D30')`, JSON,
 * paged with `@odata.nextLink`) and `/v1.0/users?$filter=id in (…)` lookups, records every request
 * (method, path, the tenant its bearer token names), and can answer 429 with Retry-After, 403 (no
 * admin consent) or conceal user names as the tenant setting does (hashes instead of UPNs). It is
 * the only fake in the Graph tests: the Graph client, the store and the scheduler are real.
 *
 * Tokens: `standInTokens` is the stand-in for Entra ID's token endpoint: it hands out
 * `stand-in-token:<tenantId>`, which this stand-in reads back as the caller's tenant.
 */
import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface GraphStubUser {
  id: string;
  userPrincipalName: string;
  displayName: string;
  /** YYYY-MM-DD of the user's last Copilot activity; absent: none in the period. */
  lastActivityDate?: string;
  /** Only licensed users appear in the usage report (default true). */
  licensed?: boolean;
}

export interface RecordedGraphRequest {
  method: string;
  path: string;
  tenantId?: string;
}

export interface GraphStub {
  baseUrl: string;
  requests: RecordedGraphRequest[];
  /** The users of a tenant, for both the report and `/users`. */
  setUsers(tenantId: string, users: GraphStubUser[]): void;
  /** The report's `reportRefreshDate` (the day its data goes up to). */
  setRefreshDate(date: string): void;
  /** Rows per page of the usage report (default 2, so paging is always exercised). */
  pageSize: number;
  /** Hashes names in the report, as "display concealed user, group, and site names" does. */
  concealNames(tenantId: string, on: boolean): void;
  /** The next `times` requests whose path starts with `pathPrefix` answer 429 with Retry-After (seconds). */
  throttleNext(pathPrefix: string, retryAfterSeconds: number, times?: number): void;
  /** Requests for this tenant whose path starts with `pathPrefix` answer 403 (no admin consent). */
  refuse(tenantId: string, pathPrefix: string, on?: boolean): void;
  /** Adds routes (e.g. graph-stub-calendar.ts), tried in order after the throttling and consent checks. */
  use(route: GraphStubRoute): void;
  close(): Promise<void>;
}

/** An extra route: answers (and returns true) or returns false to let the next one try. */
export type GraphStubRoute = (
  req: http.IncomingMessage,
  res: http.ServerResponse,
  request: { tenantId: string; url: URL; users: GraphStubUser[]; send: (status: number, body: unknown) => void; error: (status: number, code: string, message: string) => void },
) => boolean;

/** Stand-in tokens: what Entra ID would issue to the app for each tenant. */
export const standInTokens = { token: async (tenantId: string) => `stand-in-token:${tenantId}` };

const USAGE_PREFIX = "/v1.0/copilot/reports/getMicrosoft365CopilotUsageUserDetail(period='D30')";
const hashOf = (text: string) => crypto.createHash("md5").update(text).digest("hex").toUpperCase();

export async function startGraphStub(): Promise<GraphStub> {
  const users = new Map<string, GraphStubUser[]>();
  const concealed = new Set<string>();
  const refused = new Set<string>();
  const throttles: Array<{ prefix: string; seconds: number; left: number }> = [];
  const requests: RecordedGraphRequest[] = [];
  const routes: GraphStubRoute[] = [];
  let refreshDate = "2026-03-01";
  let baseUrl = "";

  const send = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { "Content-Type": "application/json", ...headers });
    res.end(JSON.stringify(body));
  };
  const error = (res: http.ServerResponse, status: number, code: string, message: string, headers: Record<string, string> = {}) => send(res, status, { error: { code, message } }, headers);

  const server = http.createServer((req, res) => {
    const path = decodeURIComponent(req.url ?? "/");
    const auth = req.headers.authorization ?? "";
    const tenantId = auth.startsWith("Bearer stand-in-token:") ? auth.slice("Bearer stand-in-token:".length) : undefined;
    requests.push({ method: req.method ?? "GET", path, ...(tenantId ? { tenantId } : {}) });
    if (!tenantId) return error(res, 401, "InvalidAuthenticationToken", "Access token is empty.");
    const throttle = throttles.find((t) => t.left > 0 && path.startsWith(t.prefix));
    if (throttle) {
      throttle.left--;
      return error(res, 429, "TooManyRequests", "Too many requests.", { "Retry-After": String(throttle.seconds) });
    }
    if ([...refused].some((key) => key.startsWith(`${tenantId}\u0000`) && path.startsWith(key.split("\u0000")[1]!))) {
      return error(res, 403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.");
    }
    const url = new URL(req.url ?? "/", "http://stand-in");
    const tenantUsers = users.get(tenantId) ?? [];
    const extra = { tenantId, url, users: tenantUsers, send: (status: number, body: unknown) => send(res, status, body), error: (status: number, code: string, message: string) => error(res, status, code, message) };
    if (routes.some((route) => route(req, res, extra))) return;

    if (path.startsWith(USAGE_PREFIX)) {
      if (url.searchParams.get("$format") !== "application/json") return error(res, 400, "BadRequest", "This stand-in serves the JSON form only.");
      const skip = Number(url.searchParams.get("$skiptoken") ?? "0");
      const licensed = tenantUsers.filter((u) => u.licensed !== false);
      const page = licensed.slice(skip, skip + stub.pageSize).map((u) => ({
        reportRefreshDate: refreshDate,
        userPrincipalName: concealed.has(tenantId) ? hashOf(u.userPrincipalName) : u.userPrincipalName,
        displayName: concealed.has(tenantId) ? hashOf(u.displayName) : u.displayName,
        lastActivityDate: u.lastActivityDate ?? "",
        microsoftTeamsCopilotLastActivityDate: u.lastActivityDate ?? "",
        copilotChatLastActivityDate: "",
        copilotActivityUserDetailsByPeriod: [{ reportPeriod: 30 }],
      }));
      const next = skip + stub.pageSize < licensed.length ? `${baseUrl}${USAGE_PREFIX}?$format=application/json&$skiptoken=${skip + stub.pageSize}` : undefined;
      return send(res, 200, { ...(next ? { "@odata.nextLink": next } : {}), value: page });
    }

    if (url.pathname === "/v1.0/users") {
      const filter = url.searchParams.get("$filter") ?? "";
      const match = /^id in \((.*)\)$/.exec(filter);
      if (!match) return error(res, 400, "BadRequest", "This stand-in answers only $filter=id in (...).");
      const ids = match[1]!.split(",").map((s) => s.trim().replace(/^'|'$/g, "").replace(/''/g, "'"));
      if (ids.length > 15) return error(res, 400, "Request_UnsupportedQuery", "Too many values in the in operator: at most 15.");
      if (url.searchParams.get("$select") !== "id,userPrincipalName") return error(res, 400, "BadRequest", "Select id and userPrincipalName.");
      return send(res, 200, { value: tenantUsers.filter((u) => ids.includes(u.id)).map((u) => ({ id: u.id, userPrincipalName: u.userPrincipalName })) });
    }
    return error(res, 404, "ResourceNotFound", `The stand-in does not serve ${url.pathname}.`);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const stub: GraphStub = {
    baseUrl,
    requests,
    pageSize: 2,
    setUsers: (tenantId, list) => void users.set(tenantId, list),
    setRefreshDate: (date) => void (refreshDate = date),
    concealNames: (tenantId, on) => void (on ? concealed.add(tenantId) : concealed.delete(tenantId)),
    throttleNext: (prefix, seconds, times = 1) => void throttles.push({ prefix, seconds, left: times }),
    refuse: (tenantId, prefix, on = true) => void (on ? refused.add(`${tenantId}\u0000${prefix}`) : refused.delete(`${tenantId}\u0000${prefix}`)),
    use: (route) => void routes.push(route),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  return stub;
}
