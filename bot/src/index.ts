/**
 * Runs Cohort Coach as a process: configuration from the environment, the service on one port,
 * and a clean stop (scheduler stopped, local data flushed) on SIGTERM and SIGINT.
 */
import { ConfigError, loadConfig } from "./config";
import { DEMO_PERSONAS } from "./demo/personas";
import { createLogger } from "./logger";
import { startService } from "./service";

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
  const service = await startService(config, { logger });

  const stop = async (signal: string) => {
    logger.info({ signal }, "stopping");
    try {
      await service.stop();
    } finally {
      process.exit(0);
    }
  };
  process.once("SIGTERM", () => void stop("SIGTERM"));
  process.once("SIGINT", () => void stop("SIGINT"));

  logger.info({ url: service.url, mode: config.mode }, "cohort coach is running");
  if (config.mode === "local") {
    printWhereNext(service.url, service.tabServed);
  }
}

function printWhereNext(url: string, tabServed: boolean): void {
  const lines = [
    "",
    `Cohort Coach is running locally at ${url} (embedded Cosmos DB, data kept in .localdata/).`,
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
