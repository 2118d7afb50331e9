// The embedded Cosmos DB-compatible server on its own, for the benchmark: `node cosmos-server.mjs`
// prints "listening <port>" once it accepts connections on loopback, and exits when its parent does.
import { createHttpServer } from "@vercel/cosmosdb-server";

const server = createHttpServer({ keepAlive: true });
server.listen(0, "127.0.0.1", () => {
  process.stdout.write(`listening ${server.address().port}\n`);
});
process.stdin.on("end", () => process.exit(0));
process.stdin.resume();
