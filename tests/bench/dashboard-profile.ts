/**
 * Where the dashboard's time goes: seeds the dashboard phase's cohort once into a data folder
 * (kept, so the next run starts from it), then for each tab API reports p50/p95, the store reads
 * one request made (the read counter's debug log) and, with --cpu, the functions that took the
 * most CPU time (self time) while that API was measured.
 *
 *   npx tsx tests/bench/dashboard-profile.ts --members 1000 --data-dir /tmp/dash-1000 [--cpu] [--rounds 40]
 */
import fs from "node:fs";
import inspector from "node:inspector";
import path from "node:path";
import { ManualClock } from "../../bot/src/domain/clock";
import { startTestServer } from "../helpers/test-server";
import { DASHBOARD_NOW, dashboardApis, measureApis, seedDashboard, stats, type SeededDashboard } from "./dashboard-phase";

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};

interface ProfileNode {
  id: number;
  children?: number[];
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

function topSelfTime(profile: { nodes: ProfileNode[]; samples?: number[]; timeDeltas?: number[] }, count: number): string[] {
  const byNode = new Map<number, number>();
  (profile.samples ?? []).forEach((id, i) => byNode.set(id, (byNode.get(id) ?? 0) + (profile.timeDeltas?.[i] ?? 0)));
  const byFn = new Map<string, number>();
  for (const node of profile.nodes) {
    const { functionName, url, lineNumber } = node.callFrame;
    const key = `${functionName || "(anonymous)"} ${url.replace(/^.*node_modules\//, "nm/").replace(/^.*\/work\/main\//, "")}:${lineNumber + 1}`;
    byFn.set(key, (byFn.get(key) ?? 0) + (byNode.get(node.id) ?? 0));
  }
  const total = [...byFn.values()].reduce((a, b) => a + b, 0) || 1;
  // Who calls the native "dispatch" (it shows without a script of its own).
  const parents = new Map<number, ProfileNode>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node);
  const callers = new Map<string, number>();
  for (const node of profile.nodes) {
    if (node.callFrame.functionName !== "dispatch") continue;
    let up = parents.get(node.id);
    const chain: string[] = [];
    while (up && chain.length < 4) {
      chain.push(`${up.callFrame.functionName || "(anon)"}@${up.callFrame.url.replace(/^.*\//, "")}:${up.callFrame.lineNumber + 1}`);
      up = parents.get(up.id);
    }
    const key = chain.join(" < ");
    callers.set(key, (callers.get(key) ?? 0) + (byNode.get(node.id) ?? 0));
  }
  const dispatchCallers = [...callers.entries()].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([k, v]) => `      dispatch ${(v / 1000).toFixed(0)} ms from ${k}`);
  return [...byFn.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([k, v]) => `    ${((v / total) * 100).toFixed(1).padStart(5)}%  ${(v / 1000).toFixed(0).padStart(6)} ms  ${k}`)
    .concat(dispatchCallers);
}

async function main(): Promise<void> {
  const members = Number(arg("members") ?? 1000);
  const dataDir = path.resolve(arg("data-dir") ?? `/tmp/cohort-coach-dash-${members}`);
  const rounds = Number(arg("rounds") ?? 40);
  const cpu = process.argv.includes("--cpu");
  const seededFile = path.join(dataDir, "seeded.json");
  fs.mkdirSync(dataDir, { recursive: true });
  if (!fs.existsSync(seededFile)) {
    const server = await startTestServer({ now: "2026-02-20T08:00:00.000Z", dataDir });
    const t0 = Date.now();
    const seeded = await seedDashboard(server, members, (l) => console.log(l));
    console.log(`seeded ${members} members in ${Math.round((Date.now() - t0) / 1000)}s; card submission p50/p95 ${JSON.stringify(stats(seeded.submissions))} ms (${seeded.submissions.length})`);
    fs.writeFileSync(seededFile, JSON.stringify({ ...seeded, submissions: [] }));
    await server.close();
  }
  const seeded = JSON.parse(fs.readFileSync(seededFile, "utf8")) as SeededDashboard;
  const t0 = Date.now();
  const server = await startTestServer({ now: DASHBOARD_NOW, dataDir });
  console.log(`started on the seeded data in ${Date.now() - t0} ms`);
  (server.clock as ManualClock).set(DASHBOARD_NOW);
  const session = new inspector.Session();
  session.connect();
  const post = (method: string, params?: object) => new Promise<any>((resolve, reject) => session.post(method, params ?? {}, (err, res) => (err ? reject(err) : resolve(res)))); // eslint-disable-line @typescript-eslint/no-explicit-any
  try {
    const only = arg("only");
    for (const api of await dashboardApis(server, seeded)) {
      if (only && !api[0].includes(only)) continue;
      if (cpu) {
        await post("Profiler.enable");
        await post("Profiler.start");
      }
      const before = server.logs.length;
      const [result] = await measureApis(server, [api], rounds);
      const reads = server.logs.slice(before).find((l) => l.message === "dashboard reads")?.fields;
      console.log(`${api[0]}: p50 ${result!.p50} ms, p95 ${result!.p95} ms; reads ${reads ? JSON.stringify({ documentsRead: reads.documentsRead, queries: reads.queries, pointReads: reads.pointReads }) : "?"}`);
      if (cpu) {
        const { profile } = await post("Profiler.stop");
        console.log(topSelfTime(profile, 18).join("\n"));
      }
    }
  } finally {
    session.disconnect();
    await server.close();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
