/**
 * Hardening for every response and request: security headers (a CSP whose frame-ancestors allow
 * only Teams, Outlook and Microsoft 365 to embed the tab), a request-size limit, and JSON errors in
 * one shape, so malformed or oversized input gets a clear 4xx, never a 5xx.
 */
import restify, { type Server } from "restify";
import type { AppContext } from "../../app-context";
import { LIMITS } from "../../domain/limits";
import type { ApiErrorBody } from "../contract";

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

export function contentSecurityPolicy(): string {
  return [
    "default-src 'self'",
    "script-src 'self' https://res.cdn.office.net",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data: https://res.cdn.office.net",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    `frame-ancestors ${FRAME_ANCESTORS.join(" ")}`,
  ].join("; ");
}

export function applySecurity(server: Server, ctx: AppContext): void {
  const csp = contentSecurityPolicy();
  server.pre((req, res, next) => {
    res.header("Content-Security-Policy", csp);
    res.header("X-Content-Type-Options", "nosniff");
    res.header("Referrer-Policy", "strict-origin-when-cross-origin");
    res.header("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    if (ctx.config.mode === "production") res.header("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    return next();
  });
  server.use(restify.plugins.queryParser({ mapParams: false }));
  server.use(restify.plugins.bodyParser({ mapParams: false, maxBodySize: LIMITS.requestBodyBytes, rejectUnknown: true }));

  // restify's own errors (bad JSON, body too large, unsupported type, no route) in our shape.
  server.on("restifyError", (_req: restify.Request, res: restify.Response, err: Error & { statusCode?: number; body?: { code?: string }; toJSON?: () => unknown }, callback: () => void) => {
    const status = err.statusCode ?? 500;
    const body: ApiErrorBody = { error: { code: codeFor(status, err.body?.code), message: messageFor(status, err) } };
    err.toJSON = () => body;
    (err as { toString: () => string }).toString = () => body.error.message;
    if (status >= 500) ctx.logger.error({ status, name: err.name }, "request failed");
    return callback();
  });
}

function codeFor(status: number, restifyCode?: string): string {
  if (status === 400) return "VALIDATION.INVALID_INPUT";
  if (status === 404) return "RESOURCE.NOT_FOUND";
  if (status === 405) return "REQUEST.METHOD_NOT_ALLOWED";
  if (status === 413) return "PAYLOAD.TOO_LARGE";
  if (status === 415) return "REQUEST.UNSUPPORTED_MEDIA_TYPE";
  return restifyCode ?? "INTERNAL";
}

function messageFor(status: number, err: Error): string {
  if (status === 400) return /json/i.test(err.message) || err.name === "InvalidContentError" ? "The request body is not valid JSON." : "The request is not valid.";
  if (status === 404) return "Not found.";
  if (status === 413) return `The request body is too large (limit ${LIMITS.requestBodyBytes / 1024} KB).`;
  if (status === 415) return "Send the request body as application/json.";
  if (status === 405) return "That method is not allowed here.";
  return "Something went wrong on our side. Try again in a moment.";
}
