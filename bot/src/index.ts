/**
 * Runs Cohort Coach as a process: configuration from the environment, the service on one port,
 * and a clean stop (scheduler stopped, local data saved) on SIGTERM and SIGINT, and on an unhandled
 * rejection or uncaught exception (then with a non-zero exit code). The handlers are installed
 * before start-up begins: a signal during start-up ends the process at once, which loses nothing (local data is only ever changed by fsync'd journal appends and
 * atomic snapshots, and none is written before the restore has finished). Started by
 * `npm start` (scripts/start.mjs), the service also stops when its launcher goes away.
 */
import { ConfigError, loadConfig } from "./config";
import { DEMO_PERSONAS } from "./demo/personas";
import { createLogger } from "./logger";
import { installProcessGuards } from "./process-guards";
import type { Service } from "./service";

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const logger = createLogger(config.logLevel);

  let service: Service | undefined;
  let stopping: Promise<boolean> | undefined;
  /** Stops the service once, however many signals or failures ask; resolves whether it stopped cleanly. */
  const shutdown = (reason: string): Promise<boolean> =>
    // Ctrl+C reaches both `npm start` and the service: the second signal is the same request.
    (stopping ??= (async () => {
      if (!service) {
        logger.info({ reason }, "stopping during start-up");
        return true;
      }
      logger.info({ reason }, "stopping");
      try {
        await service.stop();
        return true;
      } catch (err) {
        logger.error({ err: err instanceof Error ? err.message : String(err) }, "could not stop cleanly");
        return false;
      }
    })());
  const stop = async (reason: string): Promise<void> => process.exit((await shutdown(reason)) ? 0 : 1);
  for (const signal of ["SIGTERM", "SIGINT", "SIGHUP"] as const) process.on(signal, () => void stop(signal));
  installProcessGuards({ process, logger, shutdown, exit: (code) => process.exit(code) });
  // `npm start` runs the service with an IPC channel: when the launcher dies (even by kill -9), the channel closes.
  if (process.env.COHORT_COACH_LAUNCHER === "1" && process.connected) {
    process.on("disconnect", () => void stop("launcher exited"));
    process.channel?.unref();
  }

  // Loaded only now, after the handlers: loading the service's modules takes a few seconds, and a
  // signal in that time must also be a clean stop.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { startService } = require("./service") as typeof import("./service");
  service = await startService(config, { logger });
  if (stopping) return;

  logger.info({ url: service.url, mode: config.mode }, "cohort coach is running");
  if (config.mode === "local") {
    printWhereNext(service.url, service.tabServed, config.cosmos.kind === "embedded" ? config.cosmos.dataDir : undefined);
  }
}

function printWhereNext(url: string, tabServed: boolean, dataDir: string | undefined): void {
  // The configured folder (LOCAL_DATA_DIR), shown relative to where `npm start` runs when it is inside it.
  const here = process.cwd().replace(/[\\/]$/, "");
  const kept = dataDir && (dataDir.startsWith(`${here}/`) || dataDir.startsWith(`${here}\\`)) ? `${dataDir.slice(here.length + 1)}/` : `${dataDir ?? ""}/`;
  const lines = [
    "",
    `Cohort Coach is running locally at ${url} (${dataDir ? `embedded Cosmos DB, data kept in ${kept}` : "Azure Cosmos DB"}).`,
    `  Health:    ${url}/healthz`,
    tabServed ? `  Tab:       ${url}/  (sign in as one of: ${DEMO_PERSONAS.map((p) => `${p.displayName} (${p.id})`).join(", ")})` : "  Tab:       not built yet: run `npm run build:tab`",
    `  Bot:       ${url}/api/messages  (chat with it: \`npm run playground\` in another terminal)`,
    "  Reset:     stop, then `npm run reset` to start from fresh demo data",
    "",
  ];
  process.stdout.write(lines.join("\n") + "\n");
}

main().catch((err) => {
  console.error("Cohort Coach failed to start:", err instanceof Error ? err.message : err);
  process.exit(1);
});
