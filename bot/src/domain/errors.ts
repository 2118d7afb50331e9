/**
 * The few errors the application raises on purpose, each with a stable code. `api/` maps them to
 * HTTP statuses and `teams/` to a card that says what is wrong; nobody shows a stack trace or an
 * internal message to a user.
 */
/** Every code that goes over the wire, to the tab or into a log line: the tab matches on these. */
export const ERROR_CODES = [
  "VALIDATION.INVALID_INPUT",
  "AUTH.UNAUTHENTICATED",
  "AUTH.FORBIDDEN",
  "RESOURCE.NOT_FOUND",
  "RESOURCE.ALREADY_EXISTS",
  "CONCURRENCY.CONFLICT",
  "RATE.LIMITED",
  "PAYLOAD.TOO_LARGE",
  "REQUEST.METHOD_NOT_ALLOWED",
  "REQUEST.UNSUPPORTED_MEDIA_TYPE",
  "INTERNAL",
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface FieldIssue {
  /** The input field, e.g. "confidence" or "sections.allowedUses[2]". */
  field: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    /** Safe to show to the user. */
    message: string,
    readonly issues: FieldIssue[] = [],
  ) {
    super(message);
    this.name = "AppError";
  }
}

export class ValidationError extends AppError {
  constructor(message: string, issues: FieldIssue[] = []) {
    super("VALIDATION.INVALID_INPUT", message, issues);
    this.name = "ValidationError";
  }
}

export class UnauthenticatedError extends AppError {
  constructor(message = "Sign-in required.") {
    super("AUTH.UNAUTHENTICATED", message);
    this.name = "UnauthenticatedError";
  }
}

export class ForbiddenError extends AppError {
  constructor(message = "You do not have permission to do that.") {
    super("AUTH.FORBIDDEN", message);
    this.name = "ForbiddenError";
  }
}

/** Also used for other tenants' and other cohorts' ids, so their existence never leaks. */
export class NotFoundError extends AppError {
  constructor(message = "Not found.") {
    super("RESOURCE.NOT_FOUND", message);
    this.name = "NotFoundError";
  }
}

export class AlreadyExistsError extends AppError {
  constructor(message = "It already exists.") {
    super("RESOURCE.ALREADY_EXISTS", message);
    this.name = "AlreadyExistsError";
  }
}

/** An ETag-guarded write lost a race: somebody else changed the record first. */
export class ConcurrencyError extends AppError {
  constructor(message = "Someone else changed this at the same time. Reload and try again.") {
    super("CONCURRENCY.CONFLICT", message);
    this.name = "ConcurrencyError";
  }
}

export class RateLimitedError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super("RATE.LIMITED", `Too many requests. Try again in ${retryAfterSeconds} s.`);
    this.name = "RateLimitedError";
  }
}
