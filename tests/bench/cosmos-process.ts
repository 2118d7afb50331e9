/**
 * The embedded Cosmos DB server in a process of its own. In Azure the database is another
 * machine: run in the service's process, the embedded server's query scans would compete with the
 * bot for one event loop and the benchmark would measure that, not the service.
 */
import { spawn } from "node:child_process";
import path from "node:path";

export interface CosmosProcess {
  endpoint: string;
  close(): Promise<void>;
}

export function startCosmosProcess(): Promise<CosmosProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(__dirname, "cosmos-server.ts")], { stdio: ["pipe", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    let output = "";
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`the Cosmos DB server exited (${code}) before listening`)));
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const port = /listening (\d+)/.exec(output)?.[1];
      if (!port) return;
      child.removeAllListeners("exit");
      resolve({
        endpoint: `http://127.0.0.1:${port}`,
        close: () =>
          new Promise<void>((done) => {
            child.once("exit", () => done());
            child.stdin.end();
          }),
      });
    });
  });
}
