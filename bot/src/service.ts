/**
 * The composition root: builds the whole service from a Config. `index.ts` runs it as a process;
 * the tests start exactly the same service on a random port, so what is tested is what runs.
 */
import path from "node:path";
import type { AddressInfo } from "node:net";
import restify from "restify";
import { correlateRequest, resumeRequestCorrelation } from "./api/http";
import { registerApiRoutes } from "./api/routes";
import { applySecurity } from "./api/security/security";
import { createAuthenticator } from "./api/security/authenticator";
import { requireDirectLocalAccess } from "./api/security/direct-local-access";
import type { LocalTokenIssuer } from "./api/security/local-token-issuer";
import { registerLocalSignInRoutes } from "./api/security/local-sign-in.routes";
import type { AppContext } from "./app-context";
import type { Config } from "./config";
import { type Clock, systemClock } from "./domain/clock";
import type { Logger } from "./domain/ports";
import { seedDemoTenant } from "./demo/seed";
import { createLogger } from "./logger";
import { createOutbox } from "./scheduler/outbox";
import { createScheduler, type Scheduler } from "./scheduler/scheduler";
import { createStore, type Store } from "./store/create-store";
import { registerTabRoutes } from "./tab-static";
import { recountsSettled } from "./usecases/dashboard/cohort-figures";
import { createTeamsBot, type TeamsBot } from "./teams/teams-bot";

export interface ServiceOptions {
  clock?: Clock;
  logger?: Logger;
  /** Where the built tab lives; defaults to dist/tab at the repository root. */
  tabDir?: string;
  /** Tests drive the scheduler by hand with an injected clock. */
  startScheduler?: boolean;
}

export interface Service {
  url: string;
  ctx: AppContext;
  store: Store;
  bot: TeamsBot;
  scheduler: Scheduler;
  localIssuer?: LocalTokenIssuer;
  tabServed: boolean;
  /** Stops taking requests, stops the scheduler and flushes the store. */
  stop(): Promise<void>;
}

export async function startService(config: Config, options: ServiceOptions = {}): Promise<Service> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const clock = options.clock ?? systemClock;
  const store = await createStore(config.cosmos, logger);
  const outbox = createOutbox({ deliveries: store.repos.deliveries, clock, logger });
  const ctx: AppContext = { config, repos: store.repos, clock, logger, outbox };

  if (config.seedDemoData) {
    await seedDemoTenant(ctx);
  }

  const server = restify.createServer({ name: "cohort-coach", handleUncaughtExceptions: false });
  // First of all, so even a refused request has an id to quote.
  server.pre(correlateRequest);
  // Before anything else: the demo sign-in and an unauthenticated bot must never be reached through a tunnel.
  if (config.localDemo.personaSignIn || config.localDemo.unauthenticatedBot) requireDirectLocalAccess(server);
  applySecurity(server, ctx);
  server.use(resumeRequestCorrelation);

  server.get("/healthz", async (_req, res) => {
    const health = await store.health();
    res.status(health.ok ? 200 : 503);
    res.json({ status: health.ok ? "ok" : "degraded", store: health, mode: config.mode });
  });

  const bot = createTeamsBot(ctx);
  server.post("/api/messages", async (req, res) => {
    await bot.handle(req, res);
  });

  const { authenticator, localIssuer } = await createAuthenticator(ctx);
  if (localIssuer) {
    registerLocalSignInRoutes(server, ctx, localIssuer);
  }
  registerApiRoutes(server, ctx, { authenticator, directory: bot.directory });

  const tabServed = registerTabRoutes(server, options.tabDir ?? path.resolve(__dirname, "../../dist/tab"));

  const scheduler = createScheduler(ctx, bot.sender, { chats: bot.chats });
  // Alerts, answers and wins written to the outbox go out now, not at the next tick.
  outbox.attach((tenantId, cohortId) => scheduler.sendSoon(tenantId, cohortId));
  if (options.startScheduler ?? config.scheduler.enabled) scheduler.start();

  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  const url = `http://${host === "127.0.0.1" ? "localhost" : host}:${address.port}`;

  let stopped = false;
  return {
    url,
    ctx,
    store,
    bot,
    scheduler,
    localIssuer,
    tabServed,
    async stop() {
      if (stopped) return;
      stopped = true;
      await scheduler.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      // A dashboard read may have left a recount of a large cohort's figures running behind it.
      await recountsSettled(ctx);
      await store.close();
    },
  };
}
