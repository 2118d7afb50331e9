import { AsyncLocalStorage } from "node:async_hooks";
import crypto from "node:crypto";
import pino from "pino";
import type { Logger } from "./domain/ports";

/**
 * What ties together the log lines of one HTTP request, one bot turn or one tenant's share of a
 * scheduler tick, from the edge down to the store, without passing an id through every call:
 * Node's AsyncLocalStorage carries it along the awaits, and every logger adds it to each line.
 */
export interface CorrelationScope {
  correlationId: string;
  /** The request or tick this one runs inside: a bot turn's HTTP request, a tenant's tick. */
  parentCorrelationId?: string;
}

const scopes = new AsyncLocalStorage<CorrelationScope>();

export function newCorrelationId(): string {
  return crypto.randomUUID();
}

/** The id of the request, turn or tick being handled, if any. */
export function currentCorrelationId(): string | undefined {
  return scopes.getStore()?.correlationId;
}

/** Runs `work` (and everything it awaits or starts) under `correlationId`. */
export function withCorrelationId<T>(correlationId: string, work: () => T): T {
  return scopes.run(withParent(correlationId), work);
}

/** Runs `work` under a fresh id, keeping the enclosing one as its parent: one bot turn, one tenant's tick. */
export function withNewCorrelation<T>(work: () => T): T {
  return withCorrelationId(newCorrelationId(), work);
}

function withParent(correlationId: string): CorrelationScope {
  const parent = scopes.getStore()?.correlationId;
  return parent && parent !== correlationId ? { correlationId, parentCorrelationId: parent } : { correlationId };
}

/** A copy: pino merges each line's fields into what its mixin returns. */
function correlationFields(): Partial<CorrelationScope> {
  return { ...scopes.getStore() };
}

/** JSON logs to stdout (App Service and Application Insights pick them up). */
export function createLogger(level: "debug" | "info" | "warn" | "error", destination?: NodeJS.WritableStream): Logger {
  const base = pino(
    {
      level,
      base: { service: "cohort-coach" },
      mixin: correlationFields,
      // Belt and braces: these must never reach a log line even if someone logs a whole object.
      redact: { paths: ["*.authorization", "*.token", "*.password", "*.text", "*.answer", "*.tried", "*.worked", "*.stuck"], censor: "[redacted]" },
    },
    destination as pino.DestinationStream | undefined,
  );
  return wrap(base);
}

function wrap(p: pino.Logger): Logger {
  return {
    debug: (fields, message) => p.debug(fields, message),
    info: (fields, message) => p.info(fields, message),
    warn: (fields, message) => p.warn(fields, message),
    error: (fields, message) => p.error(fields, message),
    child: (bindings) => wrap(p.child(bindings)),
  };
}

/** For tests: a logger that keeps what it was told, so a test can assert on it. */
export function createMemoryLogger(): Logger & { lines: Array<{ level: string; fields: Record<string, unknown>; message: string }> } {
  const lines: Array<{ level: string; fields: Record<string, unknown>; message: string }> = [];
  const make = (bindings: Record<string, unknown>): Logger => {
    const keep = (level: string) => (fields: Record<string, unknown>, message: string) => lines.push({ level, fields: { ...correlationFields(), ...bindings, ...fields }, message });
    return { debug: keep("debug"), info: keep("info"), warn: keep("warn"), error: keep("error"), child: (more) => make({ ...bindings, ...more }) };
  };
  return Object.assign(make({}), { lines });
}
