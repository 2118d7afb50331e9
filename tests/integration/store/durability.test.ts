/**
 * Local data must survive anything: the real service as a child process, written to over its
 * public HTTP API, then killed with SIGKILL, interrupted during start-up, started twice on one
 * folder, started on a damaged folder, and stopped through the `npm start` launcher.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { DEMO_TENANT_ID } from "../../../bot/src/demo/personas";
import { startTestStore } from "../../helpers/store";
import {
  SYNTHETIC_COHORT,
  SYNTHETIC_TENANT,
  childPids,
  cohortNames,
  createCohort,
  isAlive,
  pollUntil,
  signIn,
  spawnService,
  writeSyntheticDataFolder,
  type ServiceProcess,
} from "../../helpers/service-process";

jest.setTimeout(60_000);

const folders: string[] = [];
const running: ServiceProcess[] = [];

function tempFolder(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cohort-durability-"));
  folders.push(dir);
  return dir;
}

function start(opts: Parameters<typeof spawnService>[0]): ServiceProcess {
  const service = spawnService(opts);
  running.push(service);
  return service;
}

async function kill9(service: ServiceProcess): Promise<void> {
  service.child.kill("SIGKILL");
  const { signal } = await service.exited;
  expect(signal).toBe("SIGKILL");
}

async function storedCohortNames(dataDir: string): Promise<string[]> {
  const store = await startTestStore({ dataDir });
  try {
    return (await store.repos.cohorts.list(DEMO_TENANT_ID)).map((c) => c.name);
  } finally {
    await store.close();
  }
}

async function countCheckIns(dataDir: string): Promise<number> {
  const store = await startTestStore({ dataDir });
  try {
    return (await store.repos.loop.listCohortRecords(SYNTHETIC_TENANT, SYNTHETIC_COHORT)).checkIns.length;
  } finally {
    await store.close();
  }
}

afterEach(async () => {
  for (const service of running.splice(0)) {
    if (service.child.exitCode === null && service.child.signalCode === null) {
      service.child.kill("SIGKILL");
      await service.exited;
    }
  }
});

afterAll(() => {
  for (const dir of folders) fs.rmSync(dir, { recursive: true, force: true });
});

describe("kill -9 after acknowledged writes", () => {
  it("when the service is killed the moment a write is acknowledged, and then after each of a stream of writes, then after every restart every acknowledged write is there", async () => {
    const dataDir = tempFolder();
    const acknowledged: string[] = [];

    // Round 1: a single write, killed as soon as its 201 arrives.
    let service = start({ dataDir });
    let url = await service.ready;
    let token = await signIn(url);
    await createCohort(url, token, "single-write");
    acknowledged.push("single-write");
    await kill9(service);

    // Rounds 2-4: a stream of writes, 4 in flight, killed right after the n-th acknowledgement.
    for (const [round, killAfter] of [[2, 3], [3, 20]] as const) {
      service = start({ dataDir });
      url = await service.ready;
      token = await signIn(url);
      expect(await cohortNames(url, token)).toEqual(expect.arrayContaining(acknowledged));
      let acked = 0;
      let next = 0;
      let killed: Promise<void> | undefined;
      const writer = async (): Promise<void> => {
        while (!killed) {
          const name = `stream-${round}-${next++}`;
          try {
            await createCohort(url, token, name);
          } catch {
            return; // the connection died with the process: not acknowledged
          }
          acknowledged.push(name);
          acked += 1;
          if (acked === killAfter) killed = kill9(service);
        }
      };
      await Promise.all([writer(), writer(), writer(), writer()]);
      await killed;
    }

    // The last restart reads the folder in this process, through the same store code the service uses.
    const names = await storedCohortNames(dataDir);
    const lost = acknowledged.filter((n) => !names.includes(n));
    console.log(`kill -9: ${acknowledged.length} acknowledged writes over 3 kills, ${lost.length} lost`);
    expect(lost).toEqual([]);
  });
});

describe("a signal during start-up", () => {
  it("when SIGINT arrives while a data folder of thousands of documents is being restored, then the service stops cleanly and nothing is lost", async () => {
    const dataDir = tempFolder();
    writeSyntheticDataFolder(dataDir, 4000);

    const service = start({ dataDir });
    // The new service announces its restore; the old one did not, so fall back to a fixed point.
    await service.waitFor(/restoring local data/, 10_000).catch(() => undefined);
    service.child.kill("SIGINT");
    const { code, signal } = await service.exited;
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(await countCheckIns(dataDir)).toBe(4000);
  });
});

describe("a damaged data folder", () => {
  async function folderWithData(): Promise<string> {
    const dataDir = tempFolder();
    const store = await startTestStore({ dataDir });
    const now = "2026-03-02T08:00:00.000Z";
    await store.repos.cohorts.create({ id: "precious", tenantId: DEMO_TENANT_ID, name: "precious", kind: "team", trackId: "finance", startDate: "2026-03-02", timeZone: "Europe/London", facilitatorIds: ["f"], status: "active", createdAt: now, createdBy: "a", updatedAt: now });
    await store.close();
    return dataDir;
  }

  it("when tenants.json is deleted, then start-up stops naming the file and saying what to do, and the demo is not seeded over the rest", async () => {
    const dataDir = await folderWithData();
    fs.rmSync(path.join(dataDir, "tenants.json"));
    const service = start({ dataDir, env: { SEED_DEMO_DATA: "true" } });
    const { code } = await service.exited;
    expect(code).not.toBe(0);
    expect(service.output()).toContain(path.join(dataDir, "tenants.json"));
    expect(service.output()).toMatch(/npm run reset/);
    expect(fs.existsSync(path.join(dataDir, "tenants.json"))).toBe(false);
  });

  it("when a data file is truncated, then start-up stops naming the file", async () => {
    const dataDir = await folderWithData();
    const file = path.join(dataDir, "tenants.json");
    fs.writeFileSync(file, fs.readFileSync(file).subarray(0, 40));
    const service = start({ dataDir });
    const { code } = await service.exited;
    expect(code).not.toBe(0);
    expect(service.output()).toContain(file);
    expect(service.output()).toMatch(/damaged/);
  });

});

describe("the npm start launcher", () => {
  it("when the launcher gets SIGTERM, then the service stops too; when the launcher is killed with -9, the service does not outlive it", async () => {
    // Both launchers at once: each start costs seconds of CPU.
    const launcher = start({ dataDir: tempFolder(), launcher: true });
    const killed = start({ dataDir: tempFolder(), launcher: true });
    await Promise.all([launcher.ready, killed.ready]);
    const [servicePid] = childPids(launcher.child.pid!);
    const [orphanPid] = childPids(killed.child.pid!);
    expect(servicePid).toBeDefined();
    expect(orphanPid).toBeDefined();

    launcher.child.kill("SIGTERM");
    killed.child.kill("SIGKILL");
    expect((await launcher.exited).code).toBe(0);
    await killed.exited;
    try {
      await pollUntil(() => !isAlive(servicePid!), 10_000, `service ${servicePid} to stop after its launcher got SIGTERM`);
      await pollUntil(() => !isAlive(orphanPid!), 10_000, `service ${orphanPid} to stop after its launcher was killed`);
    } finally {
      for (const pid of [servicePid!, orphanPid!]) if (isAlive(pid)) process.kill(pid, "SIGKILL");
    }
  });
});

describe("a data folder of 10,000 documents", () => {
  const dataDir = tempFolder();
  let first: ServiceProcess;
  let url: string;

  it("measures start-up with 10,000 documents (printed, not asserted tightly)", async () => {
    writeSyntheticDataFolder(dataDir, 10_000);
    const began = Date.now();
    first = spawnService({ dataDir, env: { SEED_DEMO_DATA: "true" } });
    url = await first.ready;
    const total = Date.now() - began;
    const restoreMs = /"fromSnapshot":\d+,"replayed":\d+,"ms":(\d+)/.exec(first.output())?.[1];
    console.log(`start-up with 10,000 documents: ${total} ms from spawn to ready (restore itself: ${restoreMs ?? "?"} ms)`);
    expect(total).toBeLessThan(15_000);
  });

  it("when the folder holds data but no demo tenant, then SEED_DEMO_DATA does not seed the demo over it", async () => {
    expect(await cohortNames(url, await signIn(url))).toEqual([]);
  });

  it("when a second service starts on the folder in use, then it refuses with a message that says why, and the first keeps working", async () => {
    const second = start({ dataDir });
    const { code } = await second.exited;
    expect(code).not.toBe(0);
    expect(second.output()).toMatch(/already using the local data folder/);
    expect(second.output()).toContain(String(first.child.pid));

    const token = await signIn(url);
    await createCohort(url, token, "still-mine");
    expect(await cohortNames(url, token)).toContain("still-mine");
  });

  it("when the first service is stopped with SIGTERM, then all 10,000 documents are still there", async () => {
    first.child.kill("SIGTERM");
    expect((await first.exited).code).toBe(0);
    expect(await countCheckIns(dataDir)).toBe(10_000);
    expect(await storedCohortNames(dataDir)).toEqual(["still-mine"]);
  });

  afterAll(async () => {
    if (first && first.child.exitCode === null && first.child.signalCode === null) {
      first.child.kill("SIGKILL");
      await first.exited;
    }
  });
});
