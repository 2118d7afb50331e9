// Builds the tab with Vite when `dist/tab` is missing or older than any of its sources, so neither
// `npm start` nor the browser tests ever serve a stale tab after a source change.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const builtIndex = path.join(root, "dist/tab/index.html");
// The tab imports only types from bot/src, which never change the bundle.
const tabSources = path.join(root, "tab");

function newestModification(entry) {
  const stats = statSync(entry);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return readdirSync(entry).reduce((newest, name) => Math.max(newest, newestModification(path.join(entry, name))), stats.mtimeMs);
}

export function tabBuildIsStale() {
  if (!existsSync(builtIndex)) return true;
  const builtAt = statSync(builtIndex).mtimeMs;
  return newestModification(tabSources) > builtAt;
}

/** Returns false when the build failed (Vite has already printed why). */
export function ensureTabBuilt({ quiet = false } = {}) {
  if (!tabBuildIsStale()) return true;
  if (!quiet) console.log("Building the tab…");
  const npx = process.platform === "win32" ? "npx.cmd" : "npx";
  const build = spawnSync(npx, ["vite", "build", "--config", "tab/vite.config.mts", "--logLevel", "warn"], { cwd: root, stdio: "inherit" });
  return build.status === 0;
}

// Run directly (`node scripts/lib/tab-build.mjs`) by the browser tests, which are CommonJS.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exit(ensureTabBuilt() ? 0 : 1);
}
