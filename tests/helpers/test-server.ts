/**
 * Starts the real Cohort Coach service (the same `startService` that `npm start` runs) on a random
 * loopback port, on a fresh embedded Cosmos server, with a clock the test controls and a local
 * stand-in for the Bot Connector service. Only Azure AD and Teams itself are not real here.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadConfig } from "../../bot/src/config";
import { ManualClock } from "../../bot/src/domain/clock";
import type { Repositories } from "../../bot/src/domain/ports";
import type { Actor } from "../../bot/src/domain/types";
import { createMemoryLogger } from "../../bot/src/logger";
import { startService, type Service } from "../../bot/src/service";
import type { AppContext } from "../../bot/src/app-context";
import { startBotConnectorStub, type BotConnectorStub } from "./bot-connector-stub";

export interface TestServerOptions {
  /** Start instant of the injected clock (ISO). Default: Monday 2 March 2026, 08:00 UTC. */
  now?: string;
  /** Seed the demo tenant (as `npm start` does on first run). */
  seed?: boolean;
  /** Serve the built tab from dist/tab (build it first). */
  serveTab?: boolean;
  /** Extra environment for loadConfig. */
  env?: Record<string, string>;
  /** Keep data in this folder (to test restarts); default: a fresh temp folder. */
  dataDir?: string;
}

export interface TestServer {
  baseUrl: string;
  ctx: AppContext;
  repos: Repositories;
  clock: ManualClock;
  connector: BotConnectorStub;
  service: Service;
  logs: ReturnType<typeof createMemoryLogger>["lines"];
  /** A bearer token for this person from the local sign-in issuer (the same verification path as real tokens). */
  tokenFor(actor: Pick<Actor, "tenantId" | "userId" | "displayName"> & { isAdmin?: boolean }): Promise<string>;
  close(): Promise<void>;
}

export const DEFAULT_TEST_NOW = "2026-03-02T08:00:00.000Z";

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), "cohort-coach-test-"));
  const config = loadConfig({
    PORT: "0",
    HOST: "127.0.0.1",
    LOCAL_DATA_DIR: dataDir,
    LOCAL_PERSIST: options.dataDir ? "true" : "false",
    SEED_DEMO_DATA: options.seed ? "true" : "false",
    SCHEDULER_ENABLED: "false",
    LOG_LEVEL: "debug",
    API_RATE_LIMIT_PER_MINUTE: "100000",
    ...options.env,
  });
  const clock = new ManualClock(options.now ?? DEFAULT_TEST_NOW);
  const logger = createMemoryLogger();
  const connector = await startBotConnectorStub();
  const service = await startService(config, {
    clock,
    logger,
    startScheduler: false,
    tabDir: options.serveTab ? path.resolve(__dirname, "../../dist/tab") : path.join(dataDir, "no-tab"),
  });
  const issuer = service.localIssuer;

  return {
    baseUrl: service.url,
    ctx: service.ctx,
    repos: service.ctx.repos,
    clock,
    connector,
    service,
    logs: logger.lines,
    async tokenFor(actor) {
      if (!issuer) throw new Error("the local token issuer only exists in local mode");
      return issuer.issue({ tenantId: actor.tenantId, userId: actor.userId, displayName: actor.displayName, isAdmin: actor.isAdmin ?? false });
    },
    async close() {
      await service.stop();
      await connector.close();
      if (!options.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
