/**
 * Hardening for every response and request: security headers (a CSP whose frame-ancestors allow
 * only Teams, Outlook and Microsoft 365 to embed the tab), a request-size limit, JSON errors in
 * one shape, so malformed or oversized input gets a clear 4xx, never a 5xx, and a budget of failed
 * sign-ins per client address: past it, the tab's API answers 429 (with Retry-After) before it
 * verifies anything.
 */
import { RateLimiterMemory } from "rate-limiter-flexible";
import restify, { type Server } from "restify";
import type { AppContext } from "../../app-context";
import { LIMITS } from "../../domain/limits";
import type { ApiErrorBody, ErrorCode } from "../../contract/api-contract";
import { apiRoutes } from "../../contract/api-routes";
import { correlationIdOf, withReference } from "../http";

/** Hosts allowed to frame the tab (Teams web/desktop, Outlook, the Microsoft 365 app). */
export const FRAME_ANCESTORS = [
  "'self'",
  "https://teams.microsoft.com",
  "https://*.teams.microsoft.com",
  "https://teams.cloud.microsoft",
  "https://*.cloud.microsoft",
  "https://*.office.com",
  "https://*.office365.com",
  "https://*.microsoft365.com",
  "https://outlook.office.com",
  "https://outlook.office365.com",
  "https://*.outlook.com",
  "https://local.teams.office.com",
];

/**
 * What the tab fetches beyond its own origin: teams-js (2.x) downloads the list of hosts allowed to
 * talk to it from this one file (`validOriginsCdnEndpoint` in @microsoft/teams-js's
 * internal/constants). A path-exact source: nothing else on that CDN may be fetched.
 */
export const TEAMS_JS_VALID_DOMAINS_URL = "https://res.cdn.office.net/teams-js/validDomains/json/validDomains.json";

export function contentSecurityPolicy(): string {
  return [
    "default-src 'self'",
    // The bundle (teams-js included) is built into dist/tab and served from here: no CDN scripts.
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src 'self' ${TEAMS_JS_VALID_DOMAINS_URL}`,
    "object-src 'none'",
    "base-uri 'self'",
    `frame-ancestors ${FRAME_ANCESTORS.join(" ")}`,
  ].join("; ");
}

/**
 * The caller's address, for per-address limits. Behind `trustedProxyHops` proxies that each append
 * the address they received from to X-Forwarded-For (App Service's front end: one), the caller is
 * that many entries from the right; anything further left was written by the caller and is not
 * trusted. With no trusted proxy, the socket's address.
 */
export function clientAddress(req: { headers: Record<string, string | string[] | undefined>; socket?: { remoteAddress?: string } }, trustedProxyHops: number): string {
  const socket = normaliseAddress(req.socket?.remoteAddress ?? "unknown");
  if (trustedProxyHops <= 0) return socket;
  const header = req.headers["x-forwarded-for"];
  const hops = (Array.isArray(header) ? header.join(",") : header ?? "").split(",").map((h) => h.trim()).filter(Boolean);
  const entry = hops[hops.length - trustedProxyHops];
  return entry ? normaliseAddress(entry) : socket;
}

/** `::ffff:1.2.3.4` → `1.2.3.4`; App Service's `1.2.3.4:5678` and `[::1]:5678` lose their port. */
function normaliseAddress(address: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed) return bracketed[1]!;
  const v4WithPort = /^(\d+\.\d+\.\d+\.\d+):\d+$/.exec(address);
  if (v4WithPort) return v4WithPort[1]!;
  return address.replace(/^::ffff:/, "");
}

/** The tab's API: every route that authenticates with a bearer token (not the bot's endpoint). */
function isTabApi(path: string): boolean {
  return path.startsWith("/api/") && path !== "/api/messages";
}

export function applySecurity(server: Server, ctx: AppContext): void {
  const csp = contentSecurityPolicy();
  // Per instance, like the per-user budget: enough to stop guessing and token spraying from one address.
  const failedAuthLimit = ctx.config.api.failedAuthPerMinute;
  const failedAuth = new RateLimiterMemory({ points: Math.max(1, failedAuthLimit), duration: 60 });
  server.pre((req, res, next) => {
    res.header("Content-Security-Policy", csp);
    res.header("X-Content-Type-Options", "nosniff");
    res.header("Referrer-Policy", "strict-origin-when-cross-origin");
    res.header("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    if (ctx.config.mode === "production") res.header("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    if (failedAuthLimit <= 0 || !isTabApi(req.getPath())) return next();

    const address = clientAddress(req, ctx.config.api.trustedProxyHops);
    failedAuth.get(address).then(
      (spent) => {
        if (spent && spent.consumedPoints >= failedAuthLimit) {
          const retryAfter = Math.max(1, Math.ceil(spent.msBeforeNext / 1000));
          ctx.logger.info({ retryAfter }, "too many failed sign-ins from one address");
          const body: ApiErrorBody = { error: { code: "RATE.LIMITED", message: `Too many failed sign-ins. Try again in ${retryAfter} s.` } };
          res.header("Retry-After", String(retryAfter));
          res.json(429, body);
          return next(false);
        }
        // Charge the address for each request the API refused as unauthenticated.
        res.once("finish", () => {
          if (res.statusCode === 401) failedAuth.penalty(address).catch(() => undefined);
        });
        return next();
      },
      () => next(),
    );
  });
  server.use(restify.plugins.queryParser({ mapParams: false }));
  // A request without a body (a browser's DELETE sends no content type) has nothing to parse, so
  // nothing to refuse as an unsupported media type.
  const parsers = (maxBodySize: number) => restify.plugins.bodyParser({ mapParams: false, maxBodySize, rejectUnknown: true }) as unknown as restify.RequestHandler[];
  const [bodyParsers, rosterParsers] = [parsers(LIMITS.requestBodyBytes), parsers(LIMITS.rosterRequestBodyBytes)];
  server.use(bodyParsers.map((parse, i): restify.RequestHandler => (req, res, next) => (!hasBody(req) ? next() : sendsRoster(req) ? rosterParsers[i]!(req, res, next) : parse(req, res, next))));

  // restify's own errors (bad JSON, body too large, unsupported type, no route) in our shape.
  server.on("restifyError", (_req: restify.Request, res: restify.Response, err: Error & { statusCode?: number; body?: { code?: string }; toJSON?: () => unknown }, callback: () => void) => {
    const status = err.statusCode ?? 500;
    const message = messageFor(status, err, sendsRoster(_req) ? LIMITS.rosterRequestBodyBytes : LIMITS.requestBodyBytes);
    const body: ApiErrorBody = { error: { code: codeFor(status), message: status >= 500 ? withReference(message, res) : message } };
    err.toJSON = () => body;
    (err as { toString: () => string }).toString = () => body.error.message;
    // Named explicitly: restify may emit this outside the request's async context.
    if (status >= 500) ctx.logger.error({ status, name: err.name, correlationId: correlationIdOf(res) }, "request failed");
    return callback();
  });
}

function codeFor(status: number): ErrorCode {
  if (status === 400) return "VALIDATION.INVALID_INPUT";
  if (status === 404) return "RESOURCE.NOT_FOUND";
  if (status === 405) return "REQUEST.METHOD_NOT_ALLOWED";
  if (status === 413) return "PAYLOAD.TOO_LARGE";
  if (status === 415) return "REQUEST.UNSUPPORTED_MEDIA_TYPE";
  return "INTERNAL";
}

function messageFor(status: number, err: Error, bodyLimit: number): string {
  if (status === 400) return /json/i.test(err.message) || err.name === "InvalidContentError" ? "The request body is not valid JSON." : "The request is not valid.";
  if (status === 404) return "Not found.";
  if (status === 413) return `The request body is too large (limit ${bodyLimit / 1024} KB).`;
  if (status === 415) return "Send the request body as application/json.";
  if (status === 405) return "That method is not allowed here.";
  return "Something went wrong on our side. Try again in a moment.";
}

/** Creating a cohort or editing one: the body holds its whole roster. */
const ROSTER_ROUTES = [apiRoutes.createCohort, apiRoutes.updateCohort].map((r) => ({ method: r.method, pattern: new RegExp(`^${r.path.replace(/:[A-Za-z]+/g, "[^/]+")}$`) }));

function sendsRoster(req: restify.Request): boolean {
  const path = (req.url ?? "").split("?")[0]!;
  return ROSTER_ROUTES.some((r) => r.method === req.method && r.pattern.test(path));
}

function hasBody(req: restify.Request): boolean {
  return Number(req.headers["content-length"] ?? 0) > 0 || req.headers["transfer-encoding"] !== undefined;
}
