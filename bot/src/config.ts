/**
 * All configuration, read once from the environment and validated at start-up. Local mode
 * (no COSMOS_ENDPOINT, NODE_ENV !== "production") works with no variables at all; production
 * names every missing variable in one clear error.
 */
import path from "node:path";
import { z } from "zod";

const bool = z
  .enum(["true", "false", "1", "0", ""])
  .optional()
  .transform((v) => v === "true" || v === "1");

const list = z
  .string()
  .optional()
  .transform((v) => (v ? v.split(",").map((s) => s.trim()).filter(Boolean) : []));

const int = (fallback: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === "") return fallback;
      const n = Number(v);
      if (!Number.isFinite(n) || n < 0) {
        ctx.addIssue({ code: "custom", message: `must be a non-negative number, got "${v}"` });
        return z.NEVER;
      }
      return n;
    });

const EnvSchema = z.object({
  NODE_ENV: z.string().optional(),
  PORT: int(3978),
  HOST: z.string().default("127.0.0.1"),
  /** Public base URL of this service (tab links in cards, CSP, manifest). */
  PUBLIC_URL: z.string().url().optional(),

  COSMOS_ENDPOINT: z.string().url().optional(),
  /** Only for accounts without managed identity (e.g. the emulator). Prefer managed identity. */
  COSMOS_KEY: z.string().optional(),
  COSMOS_DATABASE: z.string().default("cohort-coach"),
  /** Client id of the user-assigned managed identity that may read and write Cosmos DB. */
  AZURE_CLIENT_ID: z.string().optional(),
  LOCAL_DATA_DIR: z.string().default(".localdata"),
  /** Local mode: keep data across restarts (off for tests and benchmarks that start fresh). */
  LOCAL_PERSIST: z.string().optional().transform((v) => v !== "false" && v !== "0"),

  BOT_ID: z.string().optional(),
  BOT_PASSWORD: z.string().optional(),
  BOT_TENANT_ID: z.string().optional(),
  /** "SingleTenant" (app id + secret) or "UserAssignedMSI" (managed identity). */
  BOT_TYPE: z.enum(["SingleTenant", "UserAssignedMSI"]).default("UserAssignedMSI"),

  /** Entra app (client) id of the tab's SSO registration; the token audience. */
  AAD_APP_CLIENT_ID: z.string().optional(),
  /** The Application ID URI, e.g. api://contoso.azurewebsites.net/{clientId}. */
  AAD_APP_ID_URI: z.string().optional(),
  /**
   * Tenants allowed to use this deployment. Production default: the deployment's own tenant
   * (BOT_TENANT_ID); "*" allows any tenant that installs the app. Local mode: any.
   */
  ALLOWED_TENANT_IDS: list,
  /** Entra object ids of tenant admins, in addition to the CohortCoach.Admin app role. */
  ADMIN_USER_IDS: list,
  ADMIN_GROUP_IDS: list,
  /**
   * How long an admin app role or group seen on someone's tab sign-in makes them an admin in the
   * bot too (the bot only sees their object id). A sign-in without it ends it at once.
   */
  ADMIN_GRANT_TRUST_HOURS: int(24),

  SCHEDULER_ENABLED: z.string().optional().transform((v) => v !== "false" && v !== "0"),
  SCHEDULER_TICK_SECONDS: int(60),
  /** Tenants one instance sends for at once, each at its own ceiling under its own lease. */
  SCHEDULER_TENANTS_IN_FLIGHT: int(4),
  // How long a claimed delivery is reserved for the instance that claimed it: after a crash, the
  // longest its unsent cards wait before another instance (or the restarted one) takes them over.
  SCHEDULER_CLAIM_SECONDS: int(300),
  // How long a tenant's send lease lasts without renewal: after a crash, how long before another
  // instance (or the restarted one) may send for that tenant at the full rate.
  SCHEDULER_SEND_LEASE_SECONDS: int(60),
  /** Sends per second per tenant (Microsoft's published limit is 50 requests/s per app and tenant). */
  SEND_RATE_PER_SECOND: int(50),

  API_RATE_LIMIT_PER_MINUTE: int(120),
  /** Failed sign-ins (401s on the tab's API) per client address per minute before it gets 429s. */
  API_FAILED_AUTH_LIMIT_PER_MINUTE: int(30),
  /** Local mode: persona sign-ins per client address per minute. */
  LOCAL_SIGN_IN_LIMIT_PER_MINUTE: int(30),
  /**
   * Proxies in front of the service that append the caller's address to X-Forwarded-For (App
   * Service's front end is one). Default: 1 in production, 0 locally (the socket's address).
   */
  TRUSTED_PROXY_HOPS: int(-1),

  // --- Bot endpoint throttling (/api/messages) --------------------------------------------------
  /** Activities one user may send per 10 seconds (a person types about one a second; cards and refreshes add a few). */
  BOT_RATE_LIMIT_PER_USER: int(60),
  /** Activities per conversation per 10 seconds (a busy channel has several people). */
  BOT_RATE_LIMIT_PER_CONVERSATION: int(120),
  /** Failed bot authentications (401) per remote IP per 10 minutes before the IP is refused. */
  BOT_AUTH_FAILURES_PER_IP: int(20),
  // --- end bot endpoint throttling ---------------------------------------------------------------

  /** Leaders go first: the fewest days between a leadership cohort's start and a team cohort's that follows it. */
  LEADERS_GO_FIRST_DAYS: int(14),

  /**
   * Cohorts with at least this many members have their group figures recounted after the read that
   * found them out of date, not during it: that read answers at once with the kept figures, marked
   * as being refreshed. Smaller cohorts are recounted within the read (a fraction of a second).
   */
  FIGURES_RECOUNT_IN_BACKGROUND_FROM_MEMBERS: int(500),

  /** Live sessions as Teams meetings (issue 19): off until the tenant has consented in Graph and this is "true". */
  LIVE_SESSIONS_ENABLED: bool,
  /** Tenants whose cohorts get Teams meetings; empty: every allowed tenant (once LIVE_SESSIONS_ENABLED). */
  LIVE_SESSIONS_TENANT_IDS: list,
  /** The app's id in the tenant's Teams app catalog (appCatalogs/teamsApps/{id}), to install it in practice pods' group chats. */
  TEAMS_APP_CATALOG_ID: z.string().optional(),

  // --- Microsoft Graph (bot/src/graph) -----------------------------------------------------------
  /** Graph's root; a local stand-in in tests. */
  GRAPH_BASE_URL: z.string().url().default("https://graph.microsoft.com"),
  /** Measured Copilot usage may be turned on by tenants' admins (off by default: Graph is not called at all). */
  MEASURED_USAGE_ENABLED: bool,
  /**
   * How the app gets Graph tokens: "managed-identity" (the user-assigned identity AZURE_CLIENT_ID,
   * its own tenant only), "federated-identity" (a multi-tenant app GRAPH_APP_CLIENT_ID that trusts
   * the managed identity, a token per customer tenant, no secret), "client-certificate" or
   * "client-secret" (GRAPH_APP_CLIENT_ID with GRAPH_CLIENT_CERTIFICATE_PATH / GRAPH_CLIENT_SECRET).
   */
  GRAPH_AUTH: z.enum(["managed-identity", "federated-identity", "client-certificate", "client-secret"]).default("managed-identity"),
  GRAPH_APP_CLIENT_ID: z.string().optional(),
  GRAPH_CLIENT_CERTIFICATE_PATH: z.string().optional(),
  GRAPH_CLIENT_SECRET: z.string().optional(),
  // --- end Microsoft Graph -----------------------------------------------------------------------

  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  SEED_DEMO_DATA: bool,
});

export type Mode = "local" | "production";

export interface Config {
  mode: Mode;
  port: number;
  host: string;
  publicUrl: string;
  cosmos:
    | { kind: "embedded"; database: string; dataDir: string; persist: boolean }
    /** An embedded server already running in another process (the benchmark's); never persisted. */
    | { kind: "embedded-server"; endpoint: string; database: string }
    | { kind: "azure"; endpoint: string; database: string; key?: string; managedIdentityClientId?: string };
  bot: { appId?: string; password?: string; tenantId?: string; type: "SingleTenant" | "UserAssignedMSI" };
  auth: { clientId?: string; appIdUri?: string; allowedTenantIds: string[]; adminUserIds: string[]; adminGroupIds: string[]; adminGrantTrustHours: number; localKeyFile: string };
  /**
   * What only plain local use has, and only for requests made on this machine: the demo persona
   * sign-in (local mode without AAD_APP_CLIENT_ID) and a bot endpoint nobody authenticates (no BOT_ID).
   */
  localDemo: { personaSignIn: boolean; unauthenticatedBot: boolean };
  scheduler: { enabled: boolean; tickSeconds: number; sendRatePerSecond: number; tenantsInFlight: number; claimSeconds: number; sendLeaseSeconds: number };
  api: { rateLimitPerMinute: number; failedAuthPerMinute: number; signInPerMinute: number; trustedProxyHops: number };
  /** Bot endpoint throttling (separate block: see BOT_RATE_LIMIT_* above). */
  botLimits: { perUserPer10s: number; perConversationPer10s: number; authFailuresPerIpPer10min: number };
  /** Leaders go first: days between a leadership cohort's start and the earliest start of a team cohort that follows it (at least 1). */
  cohorts: { leadersGoFirstDays: number };
  /** Dashboards: from how many members a cohort's out-of-date figures are recounted in the background (at least 1). */
  dashboard: { recountInBackgroundFromMembers: number };
  /** Live sessions as Teams meetings: off by default; `tenantIds` empty means every allowed tenant. */
  liveSessions: { enabled: boolean; tenantIds: string[]; teamsAppCatalogId?: string };
  /** Microsoft Graph (bot/src/graph); the secret is never logged. */
  graph: {
    baseUrl: string;
    measuredUsageEnabled: boolean;
    auth: "managed-identity" | "federated-identity" | "client-certificate" | "client-secret";
    /** The managed identity's client id (AZURE_CLIENT_ID). */
    managedIdentityClientId?: string;
    appClientId?: string;
    certificatePath?: string;
    clientSecret?: string;
    /** The deployment's own tenant: the only one a plain managed identity can read. */
    homeTenantId?: string;
  };
  logLevel: "debug" | "info" | "warn" | "error";
  seedDemoData: boolean;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join("\n  - ")}`);
    this.name = "ConfigError";
  }
}

/** Reads and validates configuration. Call once, in index.ts, and pass the result down. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`));
  }
  const e = parsed.data;
  const mode: Mode = e.NODE_ENV === "production" || e.COSMOS_ENDPOINT ? "production" : "local";

  if (mode === "production") {
    const required: Array<keyof typeof e> = ["COSMOS_ENDPOINT", "BOT_ID", "BOT_TENANT_ID", "AAD_APP_CLIENT_ID", "PUBLIC_URL"];
    if (e.BOT_TYPE === "SingleTenant") required.push("BOT_PASSWORD");
    if (!e.COSMOS_KEY) required.push("AZURE_CLIENT_ID");
    const missing = required.filter((k) => !e[k]);
    if (missing.length) {
      throw new ConfigError(missing.map((k) => `${k} is required in production`));
    }
  } else if (!isLoopback(e.HOST)) {
    // Local mode has no Bot Framework auth and offers a persona sign-in: never expose it.
    throw new ConfigError([`HOST=${e.HOST}: local mode only binds to a loopback address (127.0.0.1, ::1 or localhost)`]);
  }

  if (e.MEASURED_USAGE_ENABLED && e.GRAPH_AUTH !== "managed-identity") {
    const needs = { "federated-identity": [], "client-certificate": ["GRAPH_CLIENT_CERTIFICATE_PATH"], "client-secret": ["GRAPH_CLIENT_SECRET"] }[e.GRAPH_AUTH] as Array<keyof typeof e>;
    const missing = (["GRAPH_APP_CLIENT_ID", ...needs] as Array<keyof typeof e>).filter((k) => !e[k]);
    if (missing.length) throw new ConfigError(missing.map((k) => `${k} is required when GRAPH_AUTH=${e.GRAPH_AUTH}`));
  }

  const dataDir = path.resolve(e.LOCAL_DATA_DIR);
  return {
    mode,
    port: e.PORT,
    host: e.HOST,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ""),
    cosmos: e.COSMOS_ENDPOINT
      ? { kind: "azure", endpoint: e.COSMOS_ENDPOINT, database: e.COSMOS_DATABASE, key: e.COSMOS_KEY, managedIdentityClientId: e.AZURE_CLIENT_ID }
      : { kind: "embedded", database: e.COSMOS_DATABASE, dataDir, persist: e.LOCAL_PERSIST },
    bot: { appId: e.BOT_ID, password: e.BOT_PASSWORD, tenantId: e.BOT_TENANT_ID, type: e.BOT_TYPE },
    auth: {
      clientId: e.AAD_APP_CLIENT_ID,
      appIdUri: e.AAD_APP_ID_URI,
      allowedTenantIds: allowedTenants(mode, e.ALLOWED_TENANT_IDS, e.BOT_TENANT_ID),
      adminUserIds: e.ADMIN_USER_IDS,
      adminGroupIds: e.ADMIN_GROUP_IDS,
      adminGrantTrustHours: Math.max(0, e.ADMIN_GRANT_TRUST_HOURS),
      localKeyFile: path.join(dataDir, "local-signing-key.json"),
    },
    localDemo: { personaSignIn: mode === "local" && !e.AAD_APP_CLIENT_ID, unauthenticatedBot: !e.BOT_ID },
    scheduler: { enabled: e.SCHEDULER_ENABLED, tickSeconds: e.SCHEDULER_TICK_SECONDS, sendRatePerSecond: e.SEND_RATE_PER_SECOND, tenantsInFlight: Math.max(1, e.SCHEDULER_TENANTS_IN_FLIGHT), claimSeconds: Math.max(1, e.SCHEDULER_CLAIM_SECONDS), sendLeaseSeconds: Math.max(2, e.SCHEDULER_SEND_LEASE_SECONDS) },
    api: {
      rateLimitPerMinute: e.API_RATE_LIMIT_PER_MINUTE,
      failedAuthPerMinute: e.API_FAILED_AUTH_LIMIT_PER_MINUTE,
      signInPerMinute: e.LOCAL_SIGN_IN_LIMIT_PER_MINUTE,
      trustedProxyHops: e.TRUSTED_PROXY_HOPS >= 0 ? Math.floor(e.TRUSTED_PROXY_HOPS) : mode === "production" ? 1 : 0,
    },
    botLimits: { perUserPer10s: e.BOT_RATE_LIMIT_PER_USER, perConversationPer10s: e.BOT_RATE_LIMIT_PER_CONVERSATION, authFailuresPerIpPer10min: e.BOT_AUTH_FAILURES_PER_IP },
    cohorts: { leadersGoFirstDays: Math.max(1, Math.floor(e.LEADERS_GO_FIRST_DAYS)) },
    dashboard: { recountInBackgroundFromMembers: Math.max(1, Math.floor(e.FIGURES_RECOUNT_IN_BACKGROUND_FROM_MEMBERS)) },
    liveSessions: { enabled: e.LIVE_SESSIONS_ENABLED, tenantIds: e.LIVE_SESSIONS_TENANT_IDS, ...(e.TEAMS_APP_CATALOG_ID ? { teamsAppCatalogId: e.TEAMS_APP_CATALOG_ID } : {}) },
    graph: {
      baseUrl: e.GRAPH_BASE_URL.replace(/\/$/, ""),
      measuredUsageEnabled: e.MEASURED_USAGE_ENABLED,
      auth: e.GRAPH_AUTH,
      managedIdentityClientId: e.AZURE_CLIENT_ID,
      appClientId: e.GRAPH_APP_CLIENT_ID,
      certificatePath: e.GRAPH_CLIENT_CERTIFICATE_PATH,
      clientSecret: e.GRAPH_CLIENT_SECRET,
      homeTenantId: e.BOT_TENANT_ID,
    },
    logLevel: e.LOG_LEVEL,
    seedDemoData: mode === "local" ? env.SEED_DEMO_DATA !== "false" : e.SEED_DEMO_DATA,
  };
}

/** `[]` means any tenant. Production never defaults to "any": unset means its own tenant only. */
function allowedTenants(mode: Mode, configured: string[], ownTenant: string | undefined): string[] {
  if (configured.includes("*")) return [];
  if (configured.length > 0) return configured;
  return mode === "production" && ownTenant ? [ownTenant] : [];
}

export function isLoopback(host: string): boolean {
  return host === "127.0.0.1" || host === "::1" || host === "localhost" || /^127\.\d+\.\d+\.\d+$/.test(host);
}
