/**
 * The last line of defence: a promise nobody awaited rejected, or an exception escaped every
 * handler. The process is then in a state nobody reasoned about, so it does not carry on: it logs
 * what failed, stops the way SIGTERM stops it (scheduler, server, store) and exits non-zero, so the
 * host (App Service, `npm start`) sees a failure and starts it afresh.
 */
import type { Logger } from "./domain/ports";

export type FatalEvent = "unhandledRejection" | "uncaughtException";

/** The part of `process` the guards listen on. */
export interface GuardedProcess {
  on(event: FatalEvent, listener: (reason: unknown) => void): unknown;
}

export interface ProcessGuardOptions {
  process: GuardedProcess;
  logger: Logger;
  /** The clean stop SIGTERM runs; resolves once the scheduler, the server and the store are closed. */
  shutdown(reason: string): Promise<unknown>;
  exit(code: number): void;
  /** A stop that hangs must not keep a broken process alive (default 10 s). */
  shutdownTimeoutMs?: number;
  /** Starts the stop's deadline; the default timer does not keep the process alive by itself. */
  startDeadline?: (onExpiry: () => void, ms: number) => void;
}

export const FATAL_EXIT_CODE = 1;

export function installProcessGuards(options: ProcessGuardOptions): void {
  const { logger, shutdown, exit } = options;
  const startDeadline = options.startDeadline ?? ((onExpiry, ms) => setTimeout(onExpiry, ms).unref());
  let stopping = false;

  const onFatal = (event: FatalEvent) => (reason: unknown) => {
    logger.error({ event, err: describe(reason) }, event === "uncaughtException" ? "uncaught exception: stopping" : "unhandled promise rejection: stopping");
    if (stopping) {
      // A second failure while stopping (perhaps the stop itself): waiting longer helps nobody.
      exit(FATAL_EXIT_CODE);
      return;
    }
    stopping = true;
    startDeadline(() => {
      logger.error({ event }, "could not stop in time after a fatal error");
      exit(FATAL_EXIT_CODE);
    }, options.shutdownTimeoutMs ?? 10_000);
    shutdown(event).then(
      () => exit(FATAL_EXIT_CODE),
      (err: unknown) => {
        logger.error({ event, err: describe(err) }, "could not stop cleanly after a fatal error");
        exit(FATAL_EXIT_CODE);
      },
    );
  };

  options.process.on("unhandledRejection", onFatal("unhandledRejection"));
  options.process.on("uncaughtException", onFatal("uncaughtException"));
}

/**
 * Name, message and stack frames of an Error; only the kind of anything else (a rejected string
 * could be anything a member typed). The message is capped: it is for recognising the failure.
 */
function describe(reason: unknown): Record<string, unknown> {
  if (!(reason instanceof Error)) return { kind: reason === null ? "null" : typeof reason };
  const frames = (reason.stack ?? "").split("\n").filter((line) => /^\s+at /.test(line)).slice(0, 10).map((line) => line.trim());
  return { name: reason.name, message: reason.message.slice(0, 300), stack: frames };
}
