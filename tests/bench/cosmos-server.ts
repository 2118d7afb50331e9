// The embedded Cosmos DB-compatible server on its own, for the benchmark: run with tsx, it prints
// "listening <port>" once it accepts connections on loopback, and exits when its parent does. Its
// queries collect documents in linear time, as the service's own embedded server does (see
// collectQueryInputsLinearly): the benchmark measures the service, not the emulator's query engine.
import type { AddressInfo } from "node:net";
import { createHttpServer } from "@vercel/cosmosdb-server";
import { collectQueryInputsLinearly } from "../../bot/src/store/local/cosmos-server";

if (!collectQueryInputsLinearly()) process.stderr.write("warning: the embedded server's query engine has changed; queries scan in quadratic time\n");
const server = createHttpServer({ keepAlive: true });
server.listen(0, "127.0.0.1", () => {
  process.stdout.write(`listening ${(server.address() as AddressInfo).port}\n`);
});
process.stdin.on("end", () => process.exit(0));
process.stdin.resume();
