/**
 * Shared HTTP plumbing for `/api/*`: one error handler that maps AppError codes to statuses and
 * a JSON error body, a wrapper that authenticates the caller before a handler runs, and the
 * correlation id every request is handled (and logged) under.
 */
import type { Request, RequestHandler, Response } from "restify";
import type { ZodType } from "zod";
import { AppError, RateLimitedError, StoreError, ValidationError, type ErrorCode } from "../domain/errors";
import type { Logger } from "../domain/ports";
import { newCorrelationId, withCorrelationId } from "../logger";
import type { Actor } from "../domain/types";
import type { ApiErrorBody } from "../contract/api-contract";
import type { Authenticator } from "./auth.port";
import { plainIssue, summariseIssues } from "./plain-issues";

/** The one place error codes become HTTP statuses; the bot maps the same codes to cards. */
export const httpStatusFor: Record<ErrorCode, number> = {
  "VALIDATION.INVALID_INPUT": 400,
  "AUTH.UNAUTHENTICATED": 401,
  "AUTH.FORBIDDEN": 403,
  "RESOURCE.NOT_FOUND": 404,
  "RESOURCE.ALREADY_EXISTS": 409,
  "CONCURRENCY.CONFLICT": 409,
  "RATE.LIMITED": 429,
  "PAYLOAD.TOO_LARGE": 413,
  "REQUEST.METHOD_NOT_ALLOWED": 405,
  "REQUEST.UNSUPPORTED_MEDIA_TYPE": 415,
  "STORE.UNAVAILABLE": 503,
  INTERNAL: 500,
};

export const CORRELATION_HEADER = "x-correlation-id";
/** A caller's id is kept only if it cannot forge or garble a log line: short, no spaces or quotes. */
const SAFE_CORRELATION_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/**
 * `server.pre`, first of all: the caller's `x-correlation-id` when it is a short safe token (a
 * gateway's or the tab's), a fresh UUID otherwise; echoed in the response and carried by every
 * log line written while the request is handled.
 */
export const correlateRequest: RequestHandler = (req, res, next) => {
  const offered = req.headers[CORRELATION_HEADER];
  const correlationId = typeof offered === "string" && SAFE_CORRELATION_ID.test(offered) ? offered : newCorrelationId();
  res.header(CORRELATION_HEADER, correlationId);
  withCorrelationId(correlationId, () => next());
};

/**
 * `server.use`, after the body parsers: the body arrives through stream events, which run outside
 * the request's async context, so the handlers after them get it back here.
 */
export const resumeRequestCorrelation: RequestHandler = (_req, res, next) => {
  const correlationId = correlationIdOf(res);
  if (correlationId) withCorrelationId(correlationId, () => next());
  else next();
};

/** The id this response was answered under (the header `correlateRequest` set). */
export function correlationIdOf(res: Response): string | undefined {
  const id = res.getHeader(CORRELATION_HEADER);
  return typeof id === "string" ? id : undefined;
}

/** The plain 5xx message, with the reference a user can quote to whoever runs the service. */
export function withReference(message: string, res: Response): string {
  const ref = correlationIdOf(res);
  return ref ? `${message} (ref ${ref})` : message;
}

export function sendError(res: Response, err: unknown, logger: Logger): void {
  if (err instanceof StoreError) {
    const { operation, container, status, substatus, unavailable } = err;
    logger.error({ err: { name: err.name, message: err.message }, operation, container, status, substatus, unavailable }, "database request failed");
    const body: ApiErrorBody = unavailable
      ? { error: { code: "STORE.UNAVAILABLE", message: withReference("The database is not answering right now. Try again in a moment.", res) } }
      : { error: { code: "INTERNAL", message: withReference("Something went wrong on our side. Try again in a moment.", res) } };
    res.status(httpStatusFor[body.error.code]);
    res.json(body);
    return;
  }
  if (err instanceof AppError) {
    const body: ApiErrorBody = { error: { code: err.code, message: err.message, ...(err.issues.length ? { issues: err.issues } : {}) } };
    res.status(httpStatusFor[err.code]);
    if (err instanceof RateLimitedError) res.header("Retry-After", String(err.retryAfterSeconds));
    res.json(body);
    return;
  }
  logger.error({ err: err instanceof Error ? { name: err.name, message: err.message, stack: err.stack } : String(err) }, "unhandled API error");
  const body: ApiErrorBody = { error: { code: "INTERNAL", message: withReference("Something went wrong on our side. Try again in a moment.", res) } };
  res.status(500);
  res.json(body);
}

/** Parses `input` with `schema` or throws a ValidationError listing every field that is wrong. */
export function parseInput<T>(schema: ZodType<T>, input: unknown): T {
  const result = schema.safeParse(input);
  if (!result.success) {
    const issues = result.error.issues.map((i) => plainIssue(i, input));
    throw new ValidationError(summariseIssues(issues), issues);
  }
  return result.data;
}

export type AuthedHandler = (req: Request, res: Response, actor: Actor) => Promise<void>;

/** Per-user request budget; `consume` rejects with the time to wait when the budget is spent. */
export interface UserRateLimiter {
  consume(key: string): Promise<unknown>;
}

/**
 * Builds the wrapper every API route goes through: authenticate (401), charge the caller's rate
 * budget (429), run, and turn any error into the right status and body.
 */
export function createRouteGuard(authenticator: Authenticator, logger: Logger, limiter?: UserRateLimiter) {
  return (handler: AuthedHandler) =>
    async (req: Request, res: Response): Promise<void> => {
      try {
        const actor = await authenticator.authenticate(req.header("authorization"));
        if (limiter) {
          try {
            await limiter.consume(`${actor.tenantId}:${actor.userId}`);
          } catch (rejection) {
            const ms = (rejection as { msBeforeNext?: number }).msBeforeNext ?? 60_000;
            throw new RateLimitedError(Math.max(1, Math.ceil(ms / 1000)));
          }
        }
        await handler(req, res, actor);
      } catch (err) {
        sendError(res, err, logger);
      }
    };
}
export type RouteGuard = ReturnType<typeof createRouteGuard>;
