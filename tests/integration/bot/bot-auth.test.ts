/**
 * With a bot registration configured, the endpoint validates the Bot Framework token on every
 * activity (CloudAdapter with ConfigurationBotFrameworkAuthentication): an activity without one is
 * refused before the bot sees it. No network is needed to refuse a missing token.
 */
import { person } from "../../helpers/fixtures";
import { messageActivity } from "../../helpers/teams-activities";
import { startTestServer, type TestServer } from "../../helpers/test-server";

describe("the bot endpoint with a bot registration", () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ env: { BOT_ID: "00000000-0000-0000-0000-00000000b07", BOT_TENANT_ID: "tenant-auth", BOT_TYPE: "SingleTenant", BOT_PASSWORD: "not-a-real-secret" } });
  });
  afterEach(() => jest.restoreAllMocks());
  afterAll(() => server.close());

  it("when an activity arrives without a Bot Framework token, then it is refused with 401 and nothing is sent", async () => {
    // botbuilder prints the refusal to the console itself; keep the test output clean.
    jest.spyOn(console, "error").mockImplementation(() => undefined);
    const activity = messageActivity({ serviceUrl: server.connector.serviceUrl, tenantId: "tenant-auth", user: person(41, "Alex Wilber"), text: "help" });
    const res = await fetch(`${server.baseUrl}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(activity) });
    expect(res.status).toBe(401);
    expect(await res.text()).not.toMatch(/not-a-real-secret/);
    expect(server.connector.activities).toEqual([]);
  });
});
