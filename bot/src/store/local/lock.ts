/**
 * One process per local data folder. Two services on the same folder would each hold their own
 * copy of the data in memory and each append to the journal, and the second to snapshot would
 * silently throw the first one's writes away; so the second one refuses to start instead.
 *
 * `<dataDir>/LOCK` is created exclusively (O_EXCL) and holds the owner's pid. If it exists and
 * that pid is alive, start-up stops with a message that says who holds the folder; if the pid is
 * dead (the owner was killed with kill -9 or the machine lost power), the lock is stale and is
 * taken over. The lock is removed on every exit path that runs JavaScript (`process.on("exit")`).
 */
import fs from "node:fs";
import path from "node:path";
import { fsyncDir } from "./files";
import { LocalDataError } from "./errors";

export const LOCK_FILE = "LOCK";

export interface DataDirLock {
  release(): void;
}

interface LockContent {
  pid: number;
  startedAt: string;
  host?: string;
}

export function lockDataDir(dataDir: string): DataDirLock {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, LOCK_FILE);
  const content: LockContent = { pid: process.pid, startedAt: new Date().toISOString() };

  for (let attempt = 0; attempt < 5; attempt += 1) {
    try {
      const fd = fs.openSync(file, "wx");
      try {
        fs.writeSync(fd, JSON.stringify(content));
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
      fsyncDir(dataDir);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const holder = readLock(file);
      if (holder && holder.pid !== process.pid && isAlive(holder.pid)) {
        throw new LocalDataError(
          `Another Cohort Coach process (pid ${holder.pid}, started ${holder.startedAt}) is already using the local data folder ${dataDir}. ` +
            `Stop it first, or set LOCAL_DATA_DIR to another folder. If no such process is running, delete ${file}.`,
        );
      }
      if (holder && holder.pid === process.pid) {
        throw new LocalDataError(`The local data folder ${dataDir} is already open in this process; close the first store before opening it again.`);
      }
      // Stale (its process is gone) or unreadable (a crash while it was being written): take it over.
      // Move it aside first, then check that what was moved is really the stale lock: if another
      // process broke the same stale lock a moment earlier and already holds a fresh one, put that
      // one back and refuse.
      const aside = `${file}.stale.${process.pid}`;
      try {
        fs.renameSync(file, aside);
      } catch (renameErr) {
        if ((renameErr as NodeJS.ErrnoException).code !== "ENOENT") throw renameErr;
        continue;
      }
      const moved = readLock(aside);
      if (moved && moved.pid !== holder?.pid && isAlive(moved.pid)) {
        try {
          fs.linkSync(aside, file);
        } catch {
          // it already has a successor; either way we do not own the folder
        }
        fs.rmSync(aside, { force: true });
        throw new LocalDataError(`Another Cohort Coach process (pid ${moved.pid}) has just started on the local data folder ${dataDir}. Stop it first, or set LOCAL_DATA_DIR to another folder.`);
      }
      fs.rmSync(aside, { force: true });
      if (attempt === 4) throw new LocalDataError(`Could not lock the local data folder ${dataDir} (${file} keeps coming back).`);
    }
  }

  let released = false;
  const release = (): void => {
    if (released) return;
    released = true;
    process.removeListener("exit", release);
    try {
      const holder = readLock(file);
      if (holder?.pid === process.pid) fs.rmSync(file, { force: true });
    } catch {
      // best effort: a lock left behind by a dead pid is detected as stale
    }
  };
  process.on("exit", release);
  return { release };
}

function readLock(file: string): LockContent | undefined {
  try {
    const parsed = JSON.parse(fs.readFileSync(file, "utf8")) as LockContent;
    return typeof parsed.pid === "number" ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else, so it is alive.
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}
