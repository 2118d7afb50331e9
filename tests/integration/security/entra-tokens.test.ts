/**
 * The production authenticator against Entra ID-shaped tokens: signature, expiry, audience (client
 * id and api:// URI), issuer (v1 and v2, of the token's own tenant) and allowed tenants.
 */
import { UnauthenticatedError } from "../../../bot/src/domain/errors";
import fs from "node:fs";
import path from "node:path";
import os from "node:os";
import { createAuthenticator, TEAMS_CLIENT_IDS } from "../../../bot/src/api/security/authenticator";
import { LOCAL_AUDIENCE, LOCAL_ISSUER } from "../../../bot/src/api/security/local-token-issuer";
import { loadConfig } from "../../../bot/src/config";
import { ManualClock } from "../../../bot/src/domain/clock";
import type { Outbox } from "../../../bot/src/domain/ports";
import { createMemoryLogger } from "../../../bot/src/logger";
import { startTestStore, type TestStore } from "../../helpers/store";
import { createFakeEntra, type FakeEntra } from "../../helpers/tokens";

// The authenticator records admin grants for the bot: a real store, on the embedded server.
let store: TestStore;
beforeAll(async () => {
  store = await startTestStore();
});
afterAll(() => store.close());

const NOW = new Date("2026-03-02T09:00:00.000Z");
const TENANT = "11111111-2222-3333-4444-555555555555";
const CLIENT_ID = "api-client-id";
const APP_ID_URI = `api://cohort.example.com/${CLIENT_ID}`;
const TEAMS_DESKTOP = "1fec8e78-bce4-4aaf-ab1b-5451cc387264";
const TEAMS_WEB = "5e3ce6c0-2b1f-4285-8d4b-75ee78787346";

describe("the production token check", () => {
  let entra: FakeEntra;
  let authenticate: (header?: string) => Promise<unknown>;

  beforeAll(async () => {
    entra = await createFakeEntra();
    const config = loadConfig({
      NODE_ENV: "production", COSMOS_ENDPOINT: "https://example.documents.azure.com", AZURE_CLIENT_ID: "mi", BOT_ID: "bot", BOT_TENANT_ID: TENANT,
      AAD_APP_CLIENT_ID: CLIENT_ID, AAD_APP_ID_URI: APP_ID_URI, PUBLIC_URL: "https://cohort.example.com", ALLOWED_TENANT_IDS: TENANT, ADMIN_GROUP_IDS: "admins-group",
    });
    const ctx = { config, clock: new ManualClock(NOW), logger: createMemoryLogger(), repos: store.repos, outbox: {} as Outbox };
    const { authenticator, localIssuer } = await createAuthenticator(ctx, { jwks: entra.jwks });
    expect(localIssuer).toBeUndefined();
    authenticate = (header) => authenticator.authenticate(header);
  });

  // What Teams SSO hands the tab: a delegated token for the access_as_user scope, requested by a Teams client.
  const claims = { tid: TENANT, oid: "user-1", name: "Alex Wilber", scp: "access_as_user", azp: TEAMS_WEB, idtyp: "user" };
  // What a daemon gets with client credentials for the same audience: app roles, no scope, a service principal's oid.
  const appOnly = { tid: TENANT, oid: "sp-object-id", azp: TEAMS_WEB, idtyp: "app", roles: ["CohortCoach.Admin"] };

  it("when a valid v2 token arrives, then the caller's identity comes from its claims", async () => {
    const token = await entra.sign(claims, { now: NOW });
    await expect(authenticate(`Bearer ${token}`)).resolves.toEqual({ tenantId: TENANT, userId: "user-1", displayName: "Alex Wilber", isAdmin: false });
  });

  it("when a valid v1 token for the api:// audience arrives, then it is accepted too", async () => {
    const token = await entra.sign(claims, { now: NOW, issuer: `https://sts.windows.net/${TENANT}/`, audience: APP_ID_URI });
    await expect(authenticate(`Bearer ${token}`)).resolves.toMatchObject({ userId: "user-1" });
  });

  it("when the token carries the admin app role or an admin group, then the caller is an admin", async () => {
    await expect(authenticate(`Bearer ${await entra.sign({ ...claims, roles: ["CohortCoach.Admin"] }, { now: NOW })}`)).resolves.toMatchObject({ isAdmin: true });
    await expect(authenticate(`Bearer ${await entra.sign({ ...claims, groups: ["admins-group"] }, { now: NOW })}`)).resolves.toMatchObject({ isAdmin: true });
  });

  it("when a v1 token names its Teams client in appid and carries several scopes, then it is accepted", async () => {
    const { azp: _azp, ...v1 } = claims;
    const token = await entra.sign({ ...v1, appid: TEAMS_DESKTOP, scp: "User.Read access_as_user" }, { now: NOW, issuer: `https://sts.windows.net/${TENANT}/`, audience: APP_ID_URI });
    await expect(authenticate(`Bearer ${token}`)).resolves.toMatchObject({ userId: "user-1" });
  });

  it("when the app's own client requested the token, then it is accepted", async () => {
    await expect(authenticate(`Bearer ${await entra.sign({ ...claims, azp: CLIENT_ID }, { now: NOW })}`)).resolves.toMatchObject({ userId: "user-1" });
  });

  it("when the known Teams clients are listed, then they are exactly the Entra app's pre-authorised applications", () => {
    const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, "../../../infra/entra-app.manifest.json"), "utf8")) as { preAuthorizedApplications: Array<{ appId: string }> };
    expect([...TEAMS_CLIENT_IDS].sort()).toEqual(manifest.preAuthorizedApplications.map((a) => a.appId).sort());
  });

  it.each<[string, () => Promise<string | undefined>]>([
    ["an app-only token (idtyp=app, no scp)", async () => `Bearer ${await entra.sign(appOnly, { now: NOW })}`],
    ["an app-only token without the idtyp claim", async () => `Bearer ${await entra.sign({ tid: TENANT, oid: "sp-object-id", azp: TEAMS_WEB, roles: ["CohortCoach.Admin"] }, { now: NOW })}`],
    ["an app-only token that also claims the scope", async () => `Bearer ${await entra.sign({ ...appOnly, scp: "access_as_user" }, { now: NOW })}`],
    ["a delegated token without access_as_user", async () => `Bearer ${await entra.sign({ ...claims, scp: "User.Read" }, { now: NOW })}`],
    ["a scope that only contains the name", async () => `Bearer ${await entra.sign({ ...claims, scp: "access_as_user_extra" }, { now: NOW })}`],
    ["a scope claim that is not a string", async () => `Bearer ${await entra.sign({ ...claims, scp: ["access_as_user"] }, { now: NOW })}`],
    ["a client that is not Teams or this app (azp)", async () => `Bearer ${await entra.sign({ ...claims, azp: "99999999-aaaa-bbbb-cccc-000000000000" }, { now: NOW })}`],
    ["a client that is not Teams or this app (v1 appid)", async () => `Bearer ${await entra.sign({ ...claims, azp: undefined, appid: "99999999-aaaa-bbbb-cccc-000000000000" }, { now: NOW, issuer: `https://sts.windows.net/${TENANT}/` })}`],

    ["no header", async () => undefined],
    ["not a bearer token", async () => "Basic dXNlcjpwYXNz"],
    ["garbage", async () => "Bearer abc.def"],
    ["an expired token", async () => `Bearer ${await entra.sign(claims, { now: new Date(NOW.getTime() - 2 * 3600_000) })}`],
    ["a token not valid yet", async () => `Bearer ${await entra.sign(claims, { now: NOW, notBeforeOffset: 3600 })}`],
    ["the wrong audience", async () => `Bearer ${await entra.sign(claims, { now: NOW, audience: "someone-elses-api" })}`],
    ["the wrong issuer", async () => `Bearer ${await entra.sign(claims, { now: NOW, issuer: "https://evil.example.com/v2.0" })}`],
    ["another tenant's issuer", async () => `Bearer ${await entra.sign(claims, { now: NOW, issuer: "https://login.microsoftonline.com/99999999-0000-0000-0000-000000000000/v2.0" })}`],
    ["a bad signature", async () => `Bearer ${await entra.signWithStrangerKey(claims, `https://login.microsoftonline.com/${TENANT}/v2.0`, CLIENT_ID, NOW)}`],
    ["a tenant that is not allowed", async () => `Bearer ${await entra.sign({ ...claims, tid: "99999999-0000-0000-0000-000000000000" }, { now: NOW, issuer: "https://login.microsoftonline.com/99999999-0000-0000-0000-000000000000/v2.0" })}`],
    ["no user id", async () => `Bearer ${await entra.sign({ tid: TENANT }, { now: NOW })}`],
    ["alg none", async () => `Bearer ${Buffer.from(JSON.stringify({ alg: "none", typ: "JWT" })).toString("base64url")}.${Buffer.from(JSON.stringify({ ...claims, aud: CLIENT_ID, iss: `https://login.microsoftonline.com/${TENANT}/v2.0`, exp: NOW.getTime() / 1000 + 3600 })).toString("base64url")}.`],
  ])("when the request has %s, then it is refused as unauthenticated", async (_what, header) => {
    await expect(authenticate(await header())).rejects.toBeInstanceOf(UnauthenticatedError);
  });
});

describe("which tenants production accepts", () => {
  const production = (extra: Record<string, string>) =>
    loadConfig({ NODE_ENV: "production", COSMOS_ENDPOINT: "https://example.documents.azure.com", AZURE_CLIENT_ID: "mi", BOT_ID: "bot", BOT_TENANT_ID: TENANT, AAD_APP_CLIENT_ID: CLIENT_ID, PUBLIC_URL: "https://cohort.example.com", ...extra });

  it("when ALLOWED_TENANT_IDS is not set, then only the deployment's own tenant is accepted", async () => {
    expect(production({}).auth.allowedTenantIds).toEqual([TENANT]);
    const entra = await createFakeEntra();
    const ctx = { config: production({}), clock: new ManualClock(NOW), logger: createMemoryLogger(), repos: store.repos, outbox: {} as Outbox };
    const { authenticator } = await createAuthenticator(ctx, { jwks: entra.jwks });
    const stranger = "99999999-0000-0000-0000-000000000000";
    const token = await entra.sign({ tid: stranger, oid: "user-x", scp: "access_as_user", azp: "5e3ce6c0-2b1f-4285-8d4b-75ee78787346" }, { now: NOW, issuer: `https://login.microsoftonline.com/${stranger}/v2.0` });
    await expect(authenticator.authenticate(`Bearer ${token}`)).rejects.toBeInstanceOf(UnauthenticatedError);
  });

  it("when ALLOWED_TENANT_IDS lists tenants or says *, then that is what is accepted", () => {
    expect(production({ ALLOWED_TENANT_IDS: "a,b" }).auth.allowedTenantIds).toEqual(["a", "b"]);
    expect(production({ ALLOWED_TENANT_IDS: "*" }).auth.allowedTenantIds).toEqual([]);
    expect(loadConfig({}).auth.allowedTenantIds).toEqual([]);
  });
});

describe("the local sign-in's tokens", () => {
  it("when a local token lacks the access_as_user scope or is app-only, then it is refused; the issuer's own tokens carry the scope", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cc-local-token-"));
    try {
      const config = loadConfig({ LOCAL_DATA_DIR: dir, LOCAL_PERSIST: "false" });
      const ctx = { config, clock: new ManualClock(NOW), logger: createMemoryLogger(), repos: store.repos, outbox: {} as Outbox };
      const { authenticator, localIssuer } = await createAuthenticator(ctx);
      const issued = await localIssuer!.issue({ tenantId: "t", userId: "u", displayName: "U", isAdmin: false });
      const payload = JSON.parse(Buffer.from(issued.split(".")[1]!, "base64url").toString("utf8"));
      expect(payload.scp.split(" ")).toContain("access_as_user");
      await expect(authenticator.authenticate(`Bearer ${issued}`)).resolves.toMatchObject({ userId: "u" });

      // Sign with the same local key, without the scope / as an app: same key, same issuer, refused.
      const { importJWK, SignJWT } = await import("jose");
      const { privateJwk } = JSON.parse(fs.readFileSync(config.auth.localKeyFile, "utf8"));
      const key = await importJWK(privateJwk, "ES256");
      const sign = (claims: Record<string, unknown>) =>
        new SignJWT(claims).setProtectedHeader({ alg: "ES256" }).setIssuer(LOCAL_ISSUER).setAudience(LOCAL_AUDIENCE).setIssuedAt(NOW.getTime() / 1000).setExpirationTime(NOW.getTime() / 1000 + 3600).sign(key);
      await expect(authenticator.authenticate(`Bearer ${await sign({ tid: "t", oid: "u" })}`)).rejects.toBeInstanceOf(UnauthenticatedError);
      await expect(authenticator.authenticate(`Bearer ${await sign({ tid: "t", oid: "sp-object-id", idtyp: "app", scp: "access_as_user" })}`)).rejects.toBeInstanceOf(UnauthenticatedError);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
