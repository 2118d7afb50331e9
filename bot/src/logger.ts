import pino from "pino";
import type { Logger } from "./domain/ports";

/** JSON logs to stdout (App Service and Application Insights pick them up). */
export function createLogger(level: "debug" | "info" | "warn" | "error", destination?: NodeJS.WritableStream): Logger {
  const base = pino(
    {
      level,
      base: { service: "cohort-coach" },
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
  const make = (bindings: Record<string, unknown>): Logger => ({
    debug: (fields, message) => lines.push({ level: "debug", fields: { ...bindings, ...fields }, message }),
    info: (fields, message) => lines.push({ level: "info", fields: { ...bindings, ...fields }, message }),
    warn: (fields, message) => lines.push({ level: "warn", fields: { ...bindings, ...fields }, message }),
    error: (fields, message) => lines.push({ level: "error", fields: { ...bindings, ...fields }, message }),
    child: (more) => make({ ...bindings, ...more }),
  });
  return Object.assign(make({}), { lines });
}
