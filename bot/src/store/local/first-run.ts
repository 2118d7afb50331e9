/**
 * "Has this local data folder ever held data?", decided by an explicit marker rather than by the
 * absence of some file: the store writes `<dataDir>/first-run` when it creates a brand-new folder,
 * removes it as soon as the folder holds any document at start-up, and the demo seed removes it
 * once it has run. A deleted or damaged data file therefore never looks like a first run.
 */
import fs from "node:fs";
import path from "node:path";
import { fsyncDir, writeFileDurably } from "./files";

export const FIRST_RUN_MARKER = "first-run";

export function markFirstRun(dataDir: string): void {
  writeFileDurably(path.join(dataDir, FIRST_RUN_MARKER), "This local data folder has never held data; the demo tenant is seeded on the next start, then this file is removed.\n");
  fsyncDir(dataDir);
}

export function isFirstRun(dataDir: string): boolean {
  return fs.existsSync(path.join(dataDir, FIRST_RUN_MARKER));
}

export function clearFirstRun(dataDir: string): void {
  const file = path.join(dataDir, FIRST_RUN_MARKER);
  if (!fs.existsSync(file)) return;
  fs.rmSync(file, { force: true });
  fsyncDir(dataDir);
}
