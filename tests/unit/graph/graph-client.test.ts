/**
 * The Graph client against a local stand-in for Microsoft Graph (tests/helpers/graph-stub.ts) and
 * stand-in tokens for Entra ID: throttling waits out Retry-After through the injected sleep (no
 * wall-clock waiting), paging follows @odata.nextLink, and a 403 is a typed "not consented" error.
 */
import { GraphClient, GraphError } from "../../../bot/src/graph/graph-client";
import { COPILOT_USAGE_PATH, createCopilotUsageGraph } from "../../../bot/src/graph/copilot-usage.graph";
import { standInTokens, startGraphStub, type GraphStub } from "../../helpers/graph-stub";

const TENANT = "t-graph";
const users = Array.from({ length: 5 }, (_, i) => ({ id: `oid-${i}`, userPrincipalName: `user${i}@contoso.example`, displayName: `User ${i}`, lastActivityDate: `2026-02-2${i}` }));

describe("the Graph client", () => {
  let stub: GraphStub;
  let slept: number[];
  let client: GraphClient;
  beforeEach(async () => {
    stub = await startGraphStub();
    stub.setUsers(TENANT, users);
    slept = [];
    client = new GraphClient({ baseUrl: stub.baseUrl, tokens: standInTokens, sleep: async (ms) => void slept.push(ms) });
  });
  afterEach(() => stub.close());

  it("when Graph answers 429 with Retry-After: 7, then the client waits 7 s through the injected sleep and the retry succeeds", async () => {
    stub.throttleNext("/v1.0/users", 7);
    const upns = await createCopilotUsageGraph(client).userPrincipalNames(TENANT, ["oid-1"]);
    expect(upns).toEqual({ ok: true, value: new Map([["oid-1", "user1@contoso.example"]]) });
    expect(slept).toEqual([7000]);
    expect(stub.requests.filter((r) => r.path.startsWith("/v1.0/users"))).toHaveLength(2);
  });

  it("when Graph keeps throttling, then the client gives up after its attempts with a typed 429", async () => {
    stub.throttleNext("/v1.0/users", 1, 10);
    const limited = new GraphClient({ baseUrl: stub.baseUrl, tokens: standInTokens, sleep: async (ms) => void slept.push(ms), maxAttempts: 3 });
    const err = await limited.get(TENANT, "/v1.0/users?$filter=id in ('oid-1')&$select=id,userPrincipalName").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GraphError);
    expect((err as GraphError).status).toBe(429);
    expect((err as GraphError).transient).toBe(true);
    expect(slept).toEqual([1000, 1000]);
  });

  it("when Retry-After is longer than the cap, then the client does not hold the tick: it fails at once", async () => {
    stub.throttleNext("/v1.0/users", 3600);
    const err = await client.get(TENANT, "/v1.0/users?$filter=id in ('oid-1')&$select=id,userPrincipalName").catch((e: unknown) => e);
    expect((err as GraphError).status).toBe(429);
    expect((err as GraphError).retryAfterMs).toBe(3_600_000);
    expect(slept).toEqual([]);
  });

  it("when the usage report has several pages, then every row is read by following @odata.nextLink", async () => {
    const rows = await client.getAll<{ userPrincipalName: string }>(TENANT, COPILOT_USAGE_PATH);
    expect(rows.map((r) => r.userPrincipalName).sort()).toEqual(users.map((u) => u.userPrincipalName).sort());
    // 5 rows, 2 a page: three requests, each with the tenant's token.
    const reads = stub.requests.filter((r) => r.path.includes("getMicrosoft365CopilotUsageUserDetail"));
    expect(reads).toHaveLength(3);
    expect(reads.every((r) => r.tenantId === TENANT)).toBe(true);
  });

  it("when a nextLink points at another host, then it is not followed (the token stays with Graph)", async () => {
    const foreign = new GraphClient({
      baseUrl: stub.baseUrl,
      tokens: standInTokens,
      fetch: (async () => new Response(JSON.stringify({ value: [], "@odata.nextLink": "https://attacker.example/steal" }), { status: 200 })) as typeof fetch,
    });
    await expect(foreign.getAll(TENANT, "/v1.0/users")).rejects.toMatchObject({ name: "GraphError", code: "foreignLink" });
  });

  it("when the tenant has not consented, then the 403 is a GraphError that says so, and the port classifies it as not-consented", async () => {
    stub.refuse(TENANT, "/v1.0/copilot");
    const err = await client.get(TENANT, COPILOT_USAGE_PATH).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GraphError);
    expect((err as GraphError).status).toBe(403);
    expect((err as GraphError).code).toBe("Authorization_RequestDenied");
    expect((err as GraphError).notConsented).toBe(true);
    expect((err as GraphError).message).toMatch(/not consented/);
    expect(slept).toEqual([]);
    const result = await createCopilotUsageGraph(client).copilotUsageUserDetail(TENANT);
    expect(result).toEqual({ ok: false, failure: { kind: "not-consented", status: 403, code: "Authorization_RequestDenied" } });
  });

  it("when 40 members are looked up, then /users is asked in filters of at most 15 ids, selecting only id and UPN", async () => {
    const many = Array.from({ length: 40 }, (_, i) => ({ id: `m-${i}`, userPrincipalName: `m${i}@contoso.example`, displayName: `M ${i}` }));
    stub.setUsers(TENANT, many);
    const result = await createCopilotUsageGraph(client).userPrincipalNames(TENANT, many.map((u) => u.id));
    expect(result.ok && result.value.size).toBe(40);
    const lookups = stub.requests.filter((r) => r.path.startsWith("/v1.0/users"));
    expect(lookups).toHaveLength(3);
    expect(lookups.every((r) => r.path.includes("$select=id,userPrincipalName"))).toBe(true);
  });
});
