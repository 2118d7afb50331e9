/**
 * The embedded server's query engine, as local mode runs it: documents are collected in linear
 * time (the package's generated code copied the array once per document, so a 10,000-document
 * container blocked the event loop for a second per query), and results stripped of `undefined` in
 * one pass (the package copied each result page once per result: 55,000 results took 85 seconds),
 * with the same results as before.
 */
import { createRequire } from "node:module";
import { collectQueryInputsLinearly, stripResultsLinearly, withoutUndefined } from "../../../bot/src/store/local/cosmos-server";

type Compiled = { code: string; exec(docs: unknown[], options?: { parameters?: Array<{ name: string; value: unknown }> }): { result: unknown[] } };
const requireFromServer = createRequire(require.resolve("@vercel/cosmosdb-server"));
const compile = (requireFromServer("@zeit/cosmosdb-query") as { default: (sql: string) => Compiled }).default;
const engineHelpers = createRequire(requireFromServer.resolve("@zeit/cosmosdb-query"))("./helpers") as { stripUndefined: (value: unknown) => unknown };
/** The package's own, kept before it is replaced: what the replacement must equal. */
const packageStrip = engineHelpers.stripUndefined;

describe("the embedded query engine", () => {
  beforeAll(() => {
    expect(collectQueryInputsLinearly()).toBe(true);
    expect(stripResultsLinearly()).toBe(true);
  });

  it("when results are stripped of undefined, then the engine uses the one-pass function and it gives what the package's gave", () => {
    expect(engineHelpers.stripUndefined).toBe(withoutUndefined);
    const samples: unknown[] = [
      [1, undefined, "a", null, { x: undefined, y: [undefined, 2, { z: undefined, w: 0 }] }],
      { a: undefined, b: null, c: [], d: {}, e: [[undefined], [1, [undefined, 3]]] },
      "text",
      0,
      null,
      undefined,
    ];
    for (const sample of samples) expect(withoutUndefined(sample)).toEqual(packageStrip(sample));
  });

  it("when a projected query returns 60,000 results, then it answers (the package's stripping copied the page once per result)", () => {
    const docs = Array.from({ length: 60_000 }, (_, i) => ({ id: `d${i}`, _rid: `r${String(i).padStart(6, "0")}`, docType: i % 11 === 0 ? "membership" : "checkin", n: i }));
    const { result } = compile("SELECT c.id, c.n, c.missing FROM c WHERE ARRAY_CONTAINS(@types, c.docType)").exec(docs, { parameters: [{ name: "@types", value: ["checkin"] }] });
    expect(result).toHaveLength(docs.filter((d) => d.docType === "checkin").length);
    expect(result[1]).toEqual({ id: "d2", n: 2 });
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
