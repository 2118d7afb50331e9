/**
 * Opens the store: the Azure Cosmos DB account from config (managed identity, or a key where
 * that is impossible), or the embedded server for local use. Creates the database and containers
 * if needed and wires every repository. `@vercel/cosmosdb-server` (a development dependency) is
 * only loaded, through ./embedded-cosmos, when the config asks for the embedded server.
 */
import { CosmosClient, type Database } from "@azure/cosmos";
import { DefaultAzureCredential, ManagedIdentityCredential } from "@azure/identity";
import type { Config } from "../config";
import type { Logger, Repositories } from "../domain/ports";
import { CosmosAlertRepository } from "./alert.repository";
import { CosmosCohortRepository } from "./cohort.repository";
import { CosmosCohortFiguresRepository } from "./cohort-figures.repository";
import { CosmosTenantCalendarRepository } from "./tenant-calendar.repository";
import { ALL_CONTAINERS, CONTAINERS } from "./containers";
import { CosmosDeliveryRepository } from "./delivery.repository";
import type { EmbeddedCosmos } from "./embedded-cosmos";
import { guardContainer } from "./guarded-container";
import { CosmosLeaseRepository } from "./lease.repository";
import { CosmosMeasuredUsageRepository } from "./measured-usage.repository";
import { CosmosLoopRecordRepository } from "./loop-record.repository";
import { CosmosMembershipRepository } from "./membership.repository";
import { CosmosPersonRepository } from "./person.repository";
import { CosmosPolicyRepository } from "./policy.repository";
import { CosmosQuestionRepository } from "./question.repository";
import { CosmosReportPartsRepository } from "./report-parts.repository";
import { CosmosTrackRepository } from "./track.repository";
import { CosmosDigestRepository } from "./digest.repository";
import { CosmosLeaderNoteRepository } from "./leader-note.repository";
import { CosmosMeetingRepository } from "./meeting.repository";
import { CosmosPodRepository } from "./pod.repository";
import { CosmosLiveSessionFollowUpRepository } from "./live-session-follow-up.repository";
import { CosmosWinRepository } from "./win.repository";
import { CosmosTeamRepository } from "./team.repository";

export interface Store {
  repos: Repositories;
  health(): Promise<{ ok: boolean; detail: string }>;
  /** Local mode: save data now (called on SIGTERM/SIGINT). A no-op against Azure. */
  flush(): Promise<void>;
  close(): Promise<void>;
}

export async function createStore(config: Config["cosmos"], logger: Logger): Promise<Store> {
  let embedded: EmbeddedCosmos | undefined;
  let client: CosmosClient;
  if (config.kind === "embedded") {
    // Loaded only in local mode: the embedded server is a development dependency.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { startEmbeddedCosmos } = require("./embedded-cosmos") as typeof import("./embedded-cosmos");
    const started = await startEmbeddedCosmos(config.persist ? config.dataDir : undefined, logger);
    embedded = started;
    client = started.client;
  } else if (config.kind === "embedded-server") {
    client = new CosmosClient({ endpoint: config.endpoint, key: "embedded-local-key", connectionPolicy: { enableEndpointDiscovery: false } });
  } else if (config.key) {
    client = new CosmosClient({ endpoint: config.endpoint, key: config.key });
  } else {
    const credential = config.managedIdentityClientId ? new ManagedIdentityCredential({ clientId: config.managedIdentityClientId }) : new DefaultAzureCredential();
    client = new CosmosClient({ endpoint: config.endpoint, aadCredentials: credential });
  }

  let database: Database;
  try {
    database = await ensureSchema(client, config.database);
    if (embedded) {
      const restored = await embedded.restore(database);
      logger.info({ restored, persisted: config.kind === "embedded" && config.persist }, "embedded Cosmos DB started");
    }
  } catch (err) {
    // Release the data folder (its lock) so the next start is not refused.
    await embedded?.close().catch(() => undefined);
    throw err;
  }

  const tenants = guardContainer(database.container(CONTAINERS.tenants.id));
  const records = guardContainer(database.container(CONTAINERS.cohortRecords.id));
  const calendars = new CosmosTenantCalendarRepository(tenants);
  const memberships = new CosmosMembershipRepository(records);
  const repos: Repositories = {
    figures: new CosmosCohortFiguresRepository(records, tenants, memberships),
    cohorts: new CosmosCohortRepository(tenants, calendars),
    calendars,
    memberships,
    people: new CosmosPersonRepository(tenants),
    tracks: new CosmosTrackRepository(tenants),
    loop: new CosmosLoopRecordRepository(records),
    questions: new CosmosQuestionRepository(records, guardContainer(database.container(CONTAINERS.anonymousQuestions.id))),
    wins: new CosmosWinRepository(records),
    teams: new CosmosTeamRepository(tenants),
    policies: new CosmosPolicyRepository(tenants),
    alerts: new CosmosAlertRepository(records),
    deliveries: new CosmosDeliveryRepository(guardContainer(database.container(CONTAINERS.deliveries.id))),
    leases: new CosmosLeaseRepository(guardContainer(database.container(CONTAINERS.leases.id))),
    digests: new CosmosDigestRepository(records),
    leaderNotes: new CosmosLeaderNoteRepository(records),
    meetings: new CosmosMeetingRepository(records, tenants),
    liveSessionFollowUps: new CosmosLiveSessionFollowUpRepository(records),
    measuredUsage: new CosmosMeasuredUsageRepository(tenants),
    reportParts: new CosmosReportPartsRepository(records),
    pods: new CosmosPodRepository(records, tenants),
  };

  return {
    repos,
    async health() {
      try {
        await database.read();
        return { ok: true, detail: config.kind === "embedded" ? "embedded Cosmos DB" : "Azure Cosmos DB" };
      } catch (err) {
        logger.error({ err: err instanceof Error ? err.message : String(err) }, "store health check failed");
        return { ok: false, detail: "Cosmos DB is not reachable" };
      }
    },
    flush: async () => embedded?.flush(),
    async close() {
      if (embedded) await embedded.close();
      else client.dispose();
    },
  };
}

async function ensureSchema(client: CosmosClient, databaseId: string): Promise<Database> {
  const { database } = await client.databases.createIfNotExists({ id: databaseId });
  for (const def of ALL_CONTAINERS) {
    await database.containers.createIfNotExists({
      id: def.id,
      partitionKey: { paths: [def.partitionKeyPath] },
      indexingPolicy: { indexingMode: "consistent", automatic: true, includedPaths: [{ path: "/*" }], excludedPaths: [{ path: '/"_etag"/?' }, ...def.excludedPaths.map((path) => ({ path }))] },
      ...(def.defaultTtl !== undefined ? { defaultTtl: def.defaultTtl } : {}),
    });
  }
  return database;
}
