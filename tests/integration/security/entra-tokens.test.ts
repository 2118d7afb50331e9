/**
 * The production authenticator against Entra ID-shaped tokens: signature, expiry, audience (client
 * id and api:// URI), issuer (v1 and v2, of the token's own tenant) and allowed tenants.
 */
import { UnauthenticatedError } from "../../../bot/src/domain/errors";
import { createAuthenticator } from "../../../bot/src/api/security/authenticator";
import { loadConfig } from "../../../bot/src/config";
import { ManualClock } from "../../../bot/src/domain/clock";
import type { Repositories } from "../../../bot/src/domain/ports";
import { createMemoryLogger } from "../../../bot/src/logger";
import { createFakeEntra, type FakeEntra } from "../../helpers/tokens";

const NOW = new Date("2026-03-02T09:00:00.000Z");
const TENANT = "11111111-2222-3333-4444-555555555555";
const CLIENT_ID = "api-client-id";
const APP_ID_URI = `api://cohort.example.com/${CLIENT_ID}`;

describe("the production token check", () => {
  let entra: FakeEntra;
  let authenticate: (header?: string) => Promise<unknown>;

  beforeAll(async () => {
    entra = await createFakeEntra();
    const config = loadConfig({
      NODE_ENV: "production", COSMOS_ENDPOINT: "https://example.documents.azure.com", AZURE_CLIENT_ID: "mi", BOT_ID: "bot", BOT_TENANT_ID: TENANT,
      AAD_APP_CLIENT_ID: CLIENT_ID, AAD_APP_ID_URI: APP_ID_URI, PUBLIC_URL: "https://cohort.example.com", ALLOWED_TENANT_IDS: TENANT, ADMIN_GROUP_IDS: "admins-group",
    });
    const ctx = { config, clock: new ManualClock(NOW), logger: createMemoryLogger(), repos: {} as Repositories };
    const { authenticator, localIssuer } = await createAuthenticator(ctx, { jwks: entra.jwks });
    expect(localIssuer).toBeUndefined();
    authenticate = (header) => authenticator.authenticate(header);
  });

  const claims = { tid: TENANT, oid: "user-1", name: "Alex Wilber" };

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

  it.each<[string, () => Promise<string | undefined>]>([
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
