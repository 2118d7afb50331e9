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
  "STORE.UNAVAILABLE",
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

/** What the store was doing when the database failed. */
export type StoreOperation = "read" | "query" | "create" | "replace" | "upsert" | "delete" | "patch" | "batch";

export interface StoreFailure {
  operation: StoreOperation;
  container: string;
  /** The database's HTTP status; absent when no answer came (refused connection, timeout). */
  status?: number;
  substatus?: number;
  /** Why there was no status: the network error's or the timeout's code. */
  detail?: string;
  /** Busy (429), unavailable (503), timed out or unreachable: trying again later may succeed. */
  unavailable: boolean;
}

/**
 * The database failed in a way the store could not turn into a domain outcome. Not an AppError on
 * purpose: its message names containers and statuses, for the logs, never for a user; the API and
 * the bot answer with their own plain "something went wrong".
 */
export class StoreError extends Error {
  readonly operation: StoreOperation;
  readonly container: string;
  readonly status: number | undefined;
  readonly substatus: number | undefined;
  readonly unavailable: boolean;

  constructor(failure: StoreFailure, cause: unknown) {
    super(`Cosmos DB ${failure.operation} on ${failure.container} failed (${failure.status ?? failure.detail ?? "no answer"})`, { cause });
    this.name = "StoreError";
    this.operation = failure.operation;
    this.container = failure.container;
    this.status = failure.status;
    this.substatus = failure.substatus;
    this.unavailable = failure.unavailable;
  }
}
