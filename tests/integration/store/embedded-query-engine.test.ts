/**
 * The embedded server's query engine, as local mode runs it: documents are collected in linear
 * time (the package's generated code copied the array once per document, so a 10,000-document
 * container blocked the event loop for a second per query), with the same results as before.
 */
import { createRequire } from "node:module";
import { collectQueryInputsLinearly } from "../../../bot/src/store/local/cosmos-server";

type Compiled = { code: string; exec(docs: unknown[], options?: { parameters?: Array<{ name: string; value: unknown }> }): { result: unknown[] } };
const compile = (createRequire(require.resolve("@vercel/cosmosdb-server"))("@zeit/cosmosdb-query") as { default: (sql: string) => Compiled }).default;

describe("the embedded query engine", () => {
  beforeAll(() => {
    expect(collectQueryInputsLinearly()).toBe(true);
  });

  it("when a query is compiled, then its documents are collected without copying the array per document", () => {
    const { code } = compile("SELECT * FROM c WHERE c.cohortKey = @k");
    expect(code).not.toContain("[...$");
    expect(code).toContain(".filter(c => typeof c !== \"undefined\").map(c => ({ c }))");
  });

  it("when filtered, sorted and projected queries run, then they answer exactly as the engine's own code would", () => {
    const docs = Array.from({ length: 50 }, (_, i) => ({ id: `d${i}`, _rid: `r${String(i).padStart(3, "0")}`, k: i % 3, n: 50 - i, tags: i % 2 ? ["a"] : ["b"] }));
    const withHole = [...docs.slice(0, 10), undefined, ...docs.slice(10)];
    expect(compile("SELECT c.id FROM c WHERE c.k = @k").exec(withHole, { parameters: [{ name: "@k", value: 1 }] }).result).toEqual(docs.filter((d) => d.k === 1).map((d) => ({ id: d.id })));
    expect(compile("SELECT VALUE c.n FROM c WHERE ARRAY_CONTAINS(c.tags, 'a') ORDER BY c.n").exec(docs).result).toEqual(docs.filter((d) => d.tags.includes("a")).map((d) => d.n).sort((a, b) => a - b));
    expect(compile("SELECT VALUE COUNT(1) FROM c").exec(withHole).result).toEqual([50]);
  });
});
