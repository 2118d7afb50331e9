/**
 * The embedded server's equality index (bot/src/store/local/cosmos-server.ts): a query whose WHERE
 * requires `c.field = "value"` for the partition key, `docType` or `userId` is answered from the
 * documents with that value instead of the whole container. These tests run the same queries
 * through the real SDK with the index on and off, after creates, replaces, upserts and deletes,
 * and require identical answers, pages and continuations included.
 */
import type { Container } from "@azure/cosmos";
import { connectToEmbeddedServer } from "../../../bot/src/store/embedded-cosmos";
import { requiredValues, setQueryIndexEnabled, startEmbeddedServer, type EmbeddedServer } from "../../../bot/src/store/local/cosmos-server";

type Param = { name: string; value: unknown };
const compileAst = (sql: string) => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createRequire } = require("node:module") as typeof import("node:module");
  const compile = (createRequire(require.resolve("@vercel/cosmosdb-server"))("@zeit/cosmosdb-query") as { default: (sql: string) => { ast: object } }).default;
  return compile(sql).ast as Parameters<typeof requiredValues>[0];
};

describe("the embedded server's equality index", () => {
  let server: EmbeddedServer;
  let container: Container;

  beforeAll(async () => {
    server = await startEmbeddedServer(() => undefined);
    const client = connectToEmbeddedServer(server.endpoint);
    const { database } = await client.databases.createIfNotExists({ id: "index-test" });
    ({ container } = await database.containers.createIfNotExists({ id: "records", partitionKey: { paths: ["/cohortKey"] } }));
    // A seeded random history: three partitions, several document types, some users, values of other types.
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const pick = <T,>(xs: T[]) => xs[Math.floor(random() * xs.length)]!;
    const ids: Array<{ id: string; cohortKey: string }> = [];
    for (let i = 0; i < 400; i++) {
      const cohortKey = pick(["t:a", "t:b", "t:c"]);
      const doc: Record<string, unknown> = { id: `d${i}`, cohortKey, tenantId: "t", n: Math.floor(random() * 50) };
      const type = pick(["membership", "checkin", "commitment", 3, undefined]);
      if (type !== undefined) doc.docType = type;
      const user = pick(["u1", "u2", "u3", "u4", "u5", null]);
      if (user !== null) doc.userId = user;
      await container.items.create(doc);
      ids.push({ id: doc.id as string, cohortKey });
      if (i % 7 === 3) {
        const earlier = pick(ids);
        await container.items.upsert({ id: earlier.id, cohortKey: earlier.cohortKey, tenantId: "t", docType: pick(["membership", "checkin"]), userId: pick(["u1", "u2"]), n: i });
      }
      if (i % 11 === 5) {
        const gone = ids.splice(Math.floor(random() * ids.length), 1)[0]!;
        await container.item(gone.id, gone.cohortKey).delete();
      }
      if (i % 13 === 9) {
        const earlier = pick(ids);
        const { resource } = await container.item(earlier.id, earlier.cohortKey).read();
        await container.item(earlier.id, earlier.cohortKey).replace({ ...resource, docType: "commitment", userId: "u3" });
      }
    }
  });

  afterAll(async () => {
    setQueryIndexEnabled(true);
    await server.close();
  });

  const queries: Array<{ sql: string; parameters?: Param[]; partitionKey?: string; page?: number }> = [
    { sql: "SELECT * FROM c WHERE c.cohortKey = @k AND c.docType = 'membership'", parameters: [{ name: "@k", value: "t:a" }], partitionKey: "t:a" },
    { sql: "SELECT TOP 7 * FROM c WHERE c.cohortKey = @k AND c.tenantId = @t AND c.docType = 'membership' AND c.userId > @after ORDER BY c.userId", parameters: [{ name: "@k", value: "t:b" }, { name: "@t", value: "t" }, { name: "@after", value: "u2" }], partitionKey: "t:b" },
    { sql: "SELECT * FROM c WHERE c.tenantId = @t AND c.docType = 'checkin' AND c.userId = @u", parameters: [{ name: "@t", value: "t" }, { name: "@u", value: "u3" }] },
    { sql: "SELECT VALUE COUNT(1) FROM c WHERE c.cohortKey = @k AND c.docType = 'checkin'", parameters: [{ name: "@k", value: "t:c" }], partitionKey: "t:c" },
    { sql: "SELECT * FROM c WHERE c.cohortKey = 't:a' AND (c.docType = 'checkin' OR c.docType = 'commitment') ORDER BY c.n DESC", partitionKey: "t:a" },
    { sql: "SELECT * FROM c WHERE c.cohortKey = @k AND ARRAY_CONTAINS(@types, c.docType) AND ARRAY_CONTAINS(@users, c.userId)", parameters: [{ name: "@k", value: "t:b" }, { name: "@types", value: ["checkin", "commitment"] }, { name: "@users", value: ["u1", "u4"] }], partitionKey: "t:b" },
    { sql: "SELECT * FROM c WHERE c.docType = @d", parameters: [{ name: "@d", value: 3 }] },
    { sql: "SELECT * FROM c WHERE c.docType IN ('checkin', 'membership') AND ARRAY_CONTAINS(@users, c.userId)", parameters: [{ name: "@users", value: ["u2", "u5", "nobody"] }] },
    { sql: "SELECT * FROM c WHERE ARRAY_CONTAINS(@users, c.userId) ORDER BY c.n", parameters: [{ name: "@users", value: ["u1", "u3"] }], page: 6 },
    { sql: "SELECT * FROM c WHERE ARRAY_CONTAINS(@types, c.docType)", parameters: [{ name: "@types", value: ["commitment", 3] }] },
    { sql: "SELECT * FROM c WHERE c.docType = 'nothing-has-this'" },
    { sql: "SELECT * FROM c WHERE NOT (c.docType = 'membership')" },
    { sql: "SELECT c.id, c.n FROM c WHERE c[\"docType\"] = 'checkin' AND c.n > 10" },
    { sql: "SELECT * FROM c WHERE c.cohortKey = @k", parameters: [{ name: "@k", value: "t:a" }], partitionKey: "t:a", page: 9 },
    { sql: "SELECT * FROM c WHERE c.docType = 'checkin' ORDER BY c.n", page: 5 },
    { sql: "SELECT * FROM c" },
  ];

  async function answers(): Promise<unknown[]> {
    const out: unknown[] = [];
    for (const q of queries) {
      const iterator = container.items.query({ query: q.sql, parameters: (q.parameters ?? []) as never }, { ...(q.partitionKey ? { partitionKey: q.partitionKey } : {}), ...(q.page ? { maxItemCount: q.page } : {}) });
      const pages: unknown[] = [];
      while (iterator.hasMoreResults()) {
        const page = await iterator.fetchNext();
        pages.push({ docs: page.resources, continuation: page.continuationToken ?? null });
      }
      out.push(pages);
    }
    return out;
  }

  it("when the same queries run with and without the index, then every page and continuation is the same", async () => {
    setQueryIndexEnabled(false);
    const scanned = await answers();
    setQueryIndexEnabled(true);
    const indexed = await answers();
    expect(indexed).toEqual(scanned);
    // And the data was not trivial: the filtered queries found something.
    expect((scanned[0] as Array<{ docs: unknown[] }>)[0]!.docs.length).toBeGreaterThan(5);
    expect((scanned[2] as Array<{ docs: unknown[] }>)[0]!.docs.length).toBeGreaterThan(2);
  });

  it("when documents change after the index was built, then queries see the change", async () => {
    const q = { query: "SELECT c.id FROM c WHERE c.cohortKey = @k AND c.docType = 'membership' AND c.userId = @u", parameters: [{ name: "@k", value: "t:a" }, { name: "@u", value: "u9" }] };
    expect((await container.items.query(q).fetchAll()).resources).toEqual([]);
    await container.items.create({ id: "late", cohortKey: "t:a", docType: "membership", userId: "u9" });
    expect((await container.items.query(q).fetchAll()).resources).toEqual([{ id: "late" }]);
    await container.items.upsert({ id: "late", cohortKey: "t:a", docType: "checkin", userId: "u9" });
    expect((await container.items.query(q).fetchAll()).resources).toEqual([]);
    await container.items.upsert({ id: "late", cohortKey: "t:a", docType: "membership", userId: "u9" });
    expect((await container.items.query(q).fetchAll()).resources).toEqual([{ id: "late" }]);
    await container.item("late", "t:a").delete();
    expect((await container.items.query(q).fetchAll()).resources).toEqual([]);
  });

  it("when a query's conditions are read, then only top-level AND-ed string conditions on the queried document count", () => {
    expect(requiredValues(compileAst("SELECT * FROM c WHERE c.a = @a AND (c.b = 'x' OR c.d = 'y') AND 'z' = c.e AND c.f.g = 'h' AND c.n = 3"), [{ name: "@a", value: "1" }])).toEqual([
      { field: "a", values: ["1"] },
      { field: "e", values: ["z"] },
    ]);
    expect(requiredValues(compileAst("SELECT * FROM root r WHERE r.a = 'x' AND c.b = 'y'"))).toEqual([{ field: "a", values: ["x"] }]);
    expect(requiredValues(compileAst("SELECT * FROM c WHERE c.t IN ('a', 'b') AND ARRAY_CONTAINS(@u, c.u) AND ARRAY_CONTAINS(@mixed, c.m) AND ARRAY_CONTAINS(c.tags, 'x') AND c.n IN ('a', 1)"), [{ name: "@u", value: ["u1", "u2"] }, { name: "@mixed", value: ["u1", 2] }])).toEqual([
      { field: "t", values: ["a", "b"] },
      { field: "u", values: ["u1", "u2"] },
    ]);
    expect(requiredValues(compileAst("SELECT * FROM c WHERE NOT (c.a = 'x')"))).toEqual([]);
    expect(requiredValues(compileAst("SELECT * FROM c WHERE c.a = @missing"))).toEqual([]);
  });
});
