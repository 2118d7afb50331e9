import { ConfigError, loadConfig } from "../../../bot/src/config";
import { apiAs } from "../../helpers/api-client";
import { startTestServer, type TestServer } from "../../helpers/test-server";

describe("limits and safe defaults", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { API_RATE_LIMIT_PER_MINUTE: "3" } });
  });
  afterAll(() => server.close());

  it("when one person sends more requests than their budget, then they get 429 with Retry-After", async () => {
    const api = await apiAs(server, { tenantId: "t", userId: "u-rate", displayName: "Rate" });
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await api.get("/api/me")).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    const res = await fetch(`${server.baseUrl}/api/me`, { headers: { authorization: `Bearer ${await server.tokenFor({ tenantId: "t", userId: "u-rate", displayName: "Rate" })}` } });
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    const someoneElse = await apiAs(server, { tenantId: "t", userId: "u-other", displayName: "Other" });
    expect((await someoneElse.get("/api/me")).status).toBe(200);
  });

  it("when local mode is asked to listen beyond loopback, then it refuses to start and names HOST", () => {
    expect(() => loadConfig({ HOST: "0.0.0.0" })).toThrow(ConfigError);
    expect(() => loadConfig({ HOST: "0.0.0.0" })).toThrow(/HOST=0\.0\.0\.0/);
  });

  it("when production is missing settings, then the error names every missing variable", () => {
    expect(() => loadConfig({ NODE_ENV: "production" })).toThrow(/COSMOS_ENDPOINT is required[\s\S]*BOT_ID is required[\s\S]*AAD_APP_CLIENT_ID is required/);
  });

  it("when the local sign-in is used, then only demo personas get tokens", async () => {
    const ok = await fetch(`${server.baseUrl}/api/local/sign-in`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ personaId: "employee" }) });
    expect(ok.status).toBe(200);
    const unknown = await fetch(`${server.baseUrl}/api/local/sign-in`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ personaId: "root" }) });
    expect(unknown.status).toBe(404);
  });
});
