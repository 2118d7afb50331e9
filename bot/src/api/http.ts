/**
 * Shared HTTP plumbing for `/api/*`: one error handler that maps AppError codes to statuses and
 * a JSON error body, and a wrapper that authenticates the caller before a handler runs.
 */
import type { Request, Response } from "restify";
import type { ZodType } from "zod";
import { AppError, RateLimitedError, ValidationError, type ErrorCode } from "../domain/errors";
import type { Logger } from "../domain/ports";
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
  INTERNAL: 500,
};

export function sendError(res: Response, err: unknown, logger: Logger): void {
  if (err instanceof AppError) {
    const body: ApiErrorBody = { error: { code: err.code, message: err.message, ...(err.issues.length ? { issues: err.issues } : {}) } };
    res.status(httpStatusFor[err.code]);
    if (err instanceof RateLimitedError) res.header("Retry-After", String(err.retryAfterSeconds));
    res.json(body);
    return;
  }
  logger.error({ err: err instanceof Error ? { name: err.name, message: err.message, stack: err.stack } : String(err) }, "unhandled API error");
  const body: ApiErrorBody = { error: { code: "INTERNAL", message: "Something went wrong on our side. Try again in a moment." } };
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
