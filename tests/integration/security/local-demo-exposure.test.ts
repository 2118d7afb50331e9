/**
 * Local demo mode (persona sign-in, a bot nobody authenticates) must never be reachable through a
 * dev tunnel or proxy, and the Toolkit's local profile (a dev bot registration and SSO app, through
 * a tunnel) runs with real authentication instead. A tunnel is played here by the headers it adds.
 */
import http from "node:http";
import { startTestServer, type TestServer } from "../../helpers/test-server";
import { messageActivity } from "../../helpers/teams-activities";

interface RawResponse {
  status: number;
  body: string;
}

/** node:http rather than fetch: fetch will not send a Host header of our choosing. */
function rawRequest(baseUrl: string, method: string, path: string, headers: Record<string, string> = {}, body?: unknown): Promise<RawResponse> {
  const url = new URL(path, baseUrl);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: url.hostname, port: url.port, path: url.pathname, method, headers: { ...(payload ? { "content-type": "application/json" } : {}), ...headers } },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (d) => (text += d));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on("error", reject);
    if (payload) req.write(payload);
    req.end();
  });
}

const helpMessage = (server: TestServer) =>
  messageActivity({ serviceUrl: server.connector.serviceUrl, tenantId: "tenant-a", user: { id: "29:someone", aadObjectId: "00000000-0000-0000-0000-000000000999", name: "Someone" }, text: "help" });

describe("local demo mode, reached only from this machine", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ seed: true });
  });
  afterAll(async () => server.close());

  it("when the persona list is asked for directly on loopback, then it answers", async () => {
    expect((await rawRequest(server.baseUrl, "GET", "/api/local/personas")).status).toBe(200);
  });

  it.each([
    ["X-Forwarded-For", { "x-forwarded-for": "203.0.113.9" }],
    ["X-Forwarded-Host", { "x-forwarded-host": "cohort-coach.devtunnels.example" }],
    ["Forwarded", { forwarded: "for=203.0.113.9;proto=https" }],
    ["a tunnel's Host", { host: "abc123-3978.devtunnels.example" }],
  ])("when a request arrives through a tunnel (%s), then the sign-in refuses it and says why", async (_name, headers) => {
    const personas = await rawRequest(server.baseUrl, "GET", "/api/local/personas", headers);
    expect(personas.status).toBe(403);
    expect(JSON.parse(personas.body).error.message).toMatch(/only requests made on this machine.*BOT_ID and AAD_APP_CLIENT_ID/s);
    const signIn = await rawRequest(server.baseUrl, "POST", "/api/local/sign-in", headers, { personaId: "alex" });
    expect(signIn.status).toBe(403);
    expect(signIn.body).not.toMatch(/token/i);
  });

  it("when an unauthenticated bot activity arrives through a tunnel, then it is refused and nothing is answered", async () => {
    const before = server.connector.activities.length;
    const activity = helpMessage(server);
    const res = await rawRequest(server.baseUrl, "POST", "/api/messages", { "x-forwarded-for": "203.0.113.9" }, activity);
    expect(res.status).toBe(403);
    expect(server.connector.activities.length).toBe(before);
  });
});

describe("the Toolkit's local profile (dev bot registration and SSO app behind a tunnel)", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({
      env: {
        BOT_ID: "00000000-0000-0000-0000-00000000b07b",
        BOT_PASSWORD: "not-a-real-secret",
        BOT_TYPE: "SingleTenant",
        BOT_TENANT_ID: "00000000-0000-0000-0000-0000000000a1",
        AAD_APP_CLIENT_ID: "00000000-0000-0000-0000-00000000aad0",
      },
    });
  });
  afterAll(async () => server.close());

  it("when it runs, then there is no persona sign-in at all", async () => {
    expect((await rawRequest(server.baseUrl, "GET", "/api/local/personas", { "x-forwarded-for": "203.0.113.9" })).status).toBe(404);
    expect((await rawRequest(server.baseUrl, "POST", "/api/local/sign-in", {}, { personaId: "alex" })).status).toBe(404);
  });

  it("when a bot activity without a Bot Framework token arrives through the tunnel, then it gets 401", async () => {
    const activity = helpMessage(server);
    expect((await rawRequest(server.baseUrl, "POST", "/api/messages", { "x-forwarded-for": "203.0.113.9" }, activity)).status).toBe(401);
  });

  it("when the tab's API is called through the tunnel without an Entra token, then it gets 401, not the demo", async () => {
    const res = await rawRequest(server.baseUrl, "GET", "/api/me", { "x-forwarded-for": "203.0.113.9", host: "abc123-3978.devtunnels.example" });
    expect(res.status).toBe(401);
  });
});
