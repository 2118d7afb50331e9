import type { Config } from "./config";
import type { Clock } from "./domain/clock";
import type { Logger, Outbox, Repositories } from "./domain/ports";

/** What every part of the running service is built from. Assembled once in index.ts. */
export interface AppContext {
  config: Config;
  repos: Repositories;
  clock: Clock;
  logger: Logger;
  /** Every proactive message goes through it (see scheduler/outbox.ts). */
  outbox: Outbox;
}
