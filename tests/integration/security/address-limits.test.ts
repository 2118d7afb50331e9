/**
 * Budgets per client address for what an unauthenticated caller can do: the local sign-in, and
 * failed authentication on the tab's API (401s), past which the address gets 429 with Retry-After.
 */
import { loadConfig } from "../../../bot/src/config";
import { clientAddress } from "../../../bot/src/api/security/security";
import { startTestServer, type TestServer } from "../../helpers/test-server";

const signIn = (server: TestServer, personaId = "employee") =>
  fetch(`${server.baseUrl}/api/local/sign-in`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ personaId }) });

describe("the local sign-in's budget per address", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { LOCAL_SIGN_IN_LIMIT_PER_MINUTE: "3" } });
  });
  afterAll(() => server.close());

  it("when one address signs in more often than its budget, then it gets 429 with Retry-After", async () => {
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await signIn(server)).status);
    expect(statuses).toEqual([200, 200, 200]);
    const refused = await signIn(server, "facilitator");
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await refused.json()).error.code).toBe("RATE.LIMITED");
  });
});

describe("the failed-authentication budget per address", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { API_FAILED_AUTH_LIMIT_PER_MINUTE: "4" } });
  });
  afterAll(() => server.close());

  it("when one address keeps sending bad tokens, then past the budget it gets 429 with Retry-After, even for a good token", async () => {
    const good = await server.tokenFor({ tenantId: "t", userId: "u", displayName: "U" });
    expect((await fetch(`${server.baseUrl}/api/me`, { headers: { authorization: `Bearer ${good}` } })).status).toBe(200);
    const bad = `${good.slice(0, -4)}AAAA`;
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await fetch(`${server.baseUrl}/api/cohorts`, { headers: { authorization: `Bearer ${bad}` } })).status);
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
    const blocked = await fetch(`${server.baseUrl}/api/me`, { headers: { authorization: `Bearer ${good}` } });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
    // The bot's endpoint and the health check are not the tab's API: not held back by it.
    expect((await fetch(`${server.baseUrl}/healthz`)).status).toBe(200);
  });
});

describe("limits' defaults and the caller's address", () => {
  it("when nothing is configured, then the budgets allow the browser tests' sign-ins in a row", () => {
    const config = loadConfig({});
    expect(config.api.signInPerMinute).toBeGreaterThanOrEqual(20);
    expect(config.api.failedAuthPerMinute).toBeGreaterThanOrEqual(10);
    expect(config.api.trustedProxyHops).toBe(0);
  });

  it("when behind App Service's front end, then the address is the one it appended, not what the caller wrote", () => {
    const req = (xff: string | undefined) => ({ headers: xff === undefined ? {} : { "x-forwarded-for": xff }, socket: { remoteAddress: "::ffff:10.0.0.7" } });
    expect(clientAddress(req("203.0.113.9:51234"), 1)).toBe("203.0.113.9");
    expect(clientAddress(req("1.1.1.1, 203.0.113.9:51234"), 1)).toBe("203.0.113.9");
    expect(clientAddress(req("[2001:db8::1]:443"), 1)).toBe("2001:db8::1");
    expect(clientAddress(req(undefined), 1)).toBe("10.0.0.7");
    expect(clientAddress(req("1.1.1.1"), 0)).toBe("10.0.0.7");
  });
});
