/**
 * Snapshots of the local store and the manifest that says which snapshot is current.
 *
 * Layout of the data folder:
 *   manifest.json          { format, generation, containers: { <id>: { file, documents, sha256 } } }
 *   <container>.json       the snapshot of each container (a JSON array of documents)
 *   journal-<gen>.log      mutations made after snapshot <gen> (see journal.ts)
 *   first-run              present only while the folder has never held data (see first-run.ts)
 *   LOCK                   the pid of the process using the folder (see lock.ts)
 *
 * Writing snapshot N+1 (`writeSnapshot`): every `<container>.json.next` is written and fsync'd;
 * then manifest.json is replaced atomically (temp + fsync + rename + fsync of the folder) — that
 * is the commit; then each `.next` is renamed over `<container>.json`. A crash before the commit
 * leaves snapshot N and its journals in charge (the `.next` files are discarded); a crash after it
 * is rolled forward at the next start (a `.next` whose checksum matches the manifest is renamed
 * into place). Any other mismatch, a missing file or a file that does not parse stops start-up
 * with a message naming the file.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fsyncDir, replaceFileAtomically, writeFileDurably } from "./files";
import { LocalDataError, RESET_HINT } from "./errors";
import { JOURNAL_PATTERN } from "./journal";

export const MANIFEST_FILE = "manifest.json";
const FORMAT = 1;

interface Manifest {
  format: number;
  generation: number;
  writtenAt: string;
  containers: Record<string, { file: string; documents: number; sha256: string }>;
}

export type Document = Record<string, unknown>;

export interface LocalData {
  /** True when the folder has never held data (no manifest, no snapshot, no journal). */
  fresh: boolean;
  /** True when the data came from the format before the manifest (plain `<container>.json`). */
  legacy: boolean;
  generation: number;
  /** Highest generation seen in any file name: new snapshots must go above it. */
  highestGeneration: number;
  snapshot: Map<string, Document[]>;
  /** Journal files to replay over the snapshot, oldest first. */
  journals: string[];
}

/** Reads (and, after a crash in the middle of a snapshot, repairs) the data folder. Throws LocalDataError. */
export function readLocalData(dataDir: string, containerIds: string[]): LocalData {
  fs.mkdirSync(dataDir, { recursive: true });
  // Temp files of interrupted atomic writes are never part of the data.
  for (const name of fs.readdirSync(dataDir)) {
    if (name.endsWith(".tmp") || name.startsWith("LOCK.stale.")) fs.rmSync(path.join(dataDir, name), { force: true });
  }
  const names = new Set(fs.readdirSync(dataDir));
  const journalsByGeneration = [...names]
    .map((name) => ({ name, match: JOURNAL_PATTERN.exec(name) }))
    .filter((j) => j.match)
    .map((j) => ({ file: path.join(dataDir, j.name), generation: Number(j.match![1]) }))
    .sort((a, b) => a.generation - b.generation);
  const manifestPath = path.join(dataDir, MANIFEST_FILE);

  if (!names.has(MANIFEST_FILE)) {
    if (journalsByGeneration.length) {
      throw new LocalDataError(`The local data file ${manifestPath} is missing, but the folder holds journal files (${journalsByGeneration.map((j) => path.basename(j.file)).join(", ")}). ${RESET_HINT}`);
    }
    const present = containerIds.filter((id) => names.has(`${id}.json`));
    if (present.length === 0) {
      return { fresh: true, legacy: false, generation: 0, highestGeneration: 0, snapshot: new Map(), journals: [] };
    }
    // Data saved by the version before the manifest: every container was always written together.
    const missing = containerIds.filter((id) => !names.has(`${id}.json`));
    if (missing.length) {
      throw new LocalDataError(`The local data file ${path.join(dataDir, `${missing[0]}.json`)} is missing (the folder holds ${present.map((id) => `${id}.json`).join(", ")}). ${RESET_HINT}`);
    }
    const snapshot = new Map(containerIds.map((id) => [id, parseDocuments(path.join(dataDir, `${id}.json`), fs.readFileSync(path.join(dataDir, `${id}.json`)))]));
    return { fresh: false, legacy: true, generation: 0, highestGeneration: 0, snapshot, journals: [] };
  }

  let manifest: Manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(manifestPath, "utf8")) as Manifest;
    if (typeof manifest.generation !== "number" || typeof manifest.containers !== "object" || manifest.containers === null) throw new Error("not a manifest");
  } catch {
    throw new LocalDataError(`The local data file ${manifestPath} is damaged (it does not parse as a manifest). ${RESET_HINT}`);
  }
  if (manifest.format > FORMAT) {
    throw new LocalDataError(`The local data in ${dataDir} was written by a newer version of Cohort Coach (format ${manifest.format}); update this checkout, or run \`npm run reset\` to start over.`);
  }

  const snapshot = new Map<string, Document[]>();
  for (const [id, entry] of Object.entries(manifest.containers)) {
    const file = path.join(dataDir, entry.file);
    const next = `${file}.next`;
    let bytes: Buffer | undefined;
    if (names.has(`${entry.file}.next`)) {
      const candidate = fs.readFileSync(next);
      if (sha256(candidate) === entry.sha256) {
        // The crash came after the manifest named this snapshot and before its files were moved into place.
        fs.renameSync(next, file);
        fsyncDir(dataDir);
        bytes = candidate;
      } else {
        fs.rmSync(next, { force: true });
      }
    }
    if (!bytes) {
      if (!fs.existsSync(file)) {
        throw new LocalDataError(`The local data file ${file} is missing (${MANIFEST_FILE} lists it with ${entry.documents} documents). ${RESET_HINT}`);
      }
      bytes = fs.readFileSync(file);
      if (sha256(bytes) !== entry.sha256) {
        throw new LocalDataError(`The local data file ${file} is damaged: it is not the file ${MANIFEST_FILE} recorded (${entry.documents} documents; it was truncated or edited). ${RESET_HINT}`);
      }
    }
    snapshot.set(id, parseDocuments(file, bytes));
  }
  for (const name of names) if (name.endsWith(".json.next") && !Object.values(manifest.containers).some((e) => `${e.file}.next` === name)) fs.rmSync(path.join(dataDir, name), { force: true });

  // Journals older than the snapshot are leftovers of a compaction that finished; newer ones are replayed.
  for (const j of journalsByGeneration) if (j.generation < manifest.generation) fs.rmSync(j.file, { force: true });
  const journals = journalsByGeneration.filter((j) => j.generation >= manifest.generation);
  const highestGeneration = Math.max(manifest.generation, ...journals.map((j) => j.generation));
  return { fresh: false, legacy: false, generation: manifest.generation, highestGeneration, snapshot, journals: journals.map((j) => j.file) };
}

/** Writes snapshot `generation` of every container (see the protocol at the top of this file). */
export function writeSnapshot(dataDir: string, generation: number, containers: Array<{ id: string; json: string; documents: number }>): void {
  const manifest: Manifest = { format: FORMAT, generation, writtenAt: new Date().toISOString(), containers: {} };
  for (const c of containers) {
    const bytes = Buffer.from(c.json, "utf8");
    const file = `${c.id}.json`;
    writeFileDurably(path.join(dataDir, `${file}.next`), bytes);
    manifest.containers[c.id] = { file, documents: c.documents, sha256: sha256(bytes) };
  }
  fsyncDir(dataDir);
  replaceFileAtomically(path.join(dataDir, MANIFEST_FILE), JSON.stringify(manifest, null, 2));
  for (const c of containers) fs.renameSync(path.join(dataDir, `${c.id}.json.next`), path.join(dataDir, `${c.id}.json`));
  fsyncDir(dataDir);
}

function parseDocuments(file: string, bytes: Buffer): Document[] {
  let docs: unknown;
  try {
    docs = JSON.parse(bytes.toString("utf8"));
  } catch {
    throw new LocalDataError(`The local data file ${file} is damaged (it is not valid JSON; it may have been truncated). ${RESET_HINT}`);
  }
  if (!Array.isArray(docs)) throw new LocalDataError(`The local data file ${file} is damaged (it does not hold a list of documents). ${RESET_HINT}`);
  return docs as Document[];
}

function sha256(bytes: Buffer): string {
  return crypto.createHash("sha256").update(bytes).digest("hex");
}
