// The embedded Cosmos DB-compatible server on its own, for the benchmark: `node cosmos-server.mjs`
// prints "listening <port>" once it accepts connections on loopback, and exits when its parent does.
import { createRequire } from "node:module";
import { createHttpServer } from "@vercel/cosmosdb-server";

// Opt-in (BENCH_LINEAR_SCAN=1), to show what the database costs: the query engine's generated code
// collects a container's documents with `reduce(($, c) => [...$, { c }], [])`, which copies the
// array once per document (quadratic: about 1 s for 10,000 documents, a minute for 20,000). Azure
// Cosmos DB has no such cost; this collects them in linear time instead.
if (process.env.BENCH_LINEAR_SCAN === "1") {
  const require = createRequire(import.meta.url);
  const { default: compile } = require("@zeit/cosmosdb-query");
  const Query = compile("SELECT 1 FROM c").constructor;
  const original = Object.getOwnPropertyDescriptor(Query.prototype, "code");
  const quadratic = /\$c\.reduce\(\(\$, c\) => typeof c !== "undefined" \? \[\.\.\.\$, \{\s*c: c\s*\}\] : \$, \[\]\)/g;
  Object.defineProperty(Query.prototype, "code", {
    get() {
      const code = original.get.call(this);
      return code && code.replace(quadratic, '$c.filter(c => typeof c !== "undefined").map(c => ({ c }))');
    },
  });
}

const server = createHttpServer({ keepAlive: true });
server.listen(0, "127.0.0.1", () => {
  process.stdout.write(`listening ${server.address().port}\n`);
});
process.stdin.on("end", () => process.exit(0));
process.stdin.resume();
