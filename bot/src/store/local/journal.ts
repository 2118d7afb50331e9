/**
 * The write-ahead journal of the local store: one JSON line per mutation of a document, in the
 * order the embedded server applied them. `append` is synchronous (called from inside the
 * server's mutation, so journal order is store order); `waitDurable` resolves once everything
 * appended so far is written and fdatasync'd. Concurrent writers share one fsync (group commit):
 * while one flush is on disk the next batch accumulates.
 *
 * `rotate` starts a new file at a snapshot boundary; records still buffered for the old file are
 * written to it first (the snapshot that replaced it already holds them), so waiting is the same.
 *
 * A crash can leave a partial last line (its write never completed, so it was never
 * acknowledged); `readJournal` ignores it. A bad line anywhere else means the file was damaged.
 */
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { fsyncDir } from "./files";
import { LocalDataError, RESET_HINT } from "./errors";

export type JournalRecord =
  | { c: string; o: "put"; d: Record<string, unknown> }
  | { c: string; o: "del"; id: string; pk?: unknown };

const write = (fd: number, buffer: Buffer, offset: number, length: number): Promise<number> =>
  new Promise((resolve, reject) => fs.write(fd, buffer, offset, length, null, (err, written) => (err ? reject(err) : resolve(written))));
const fdatasync = promisify(fs.fdatasync);
const close = promisify(fs.close);

export const JOURNAL_PATTERN = /^journal-(\d+)\.log$/;

export function journalFileName(generation: number): string {
  return `journal-${String(generation).padStart(8, "0")}.log`;
}

interface Chunk {
  fd: number;
  text: string;
  seq: number;
  closeAfter: boolean;
}

export class Journal {
  /** Mutations appended / known to be on disk, counted since the process started. */
  appended = 0;
  durable = 0;
  /** Records and bytes in the current file (since the last snapshot). */
  records = 0;
  bytes = 0;

  private fd: number;
  private pending: string[] = [];
  private queue: Chunk[] = [];
  private flushing: Promise<void> | undefined;
  private failure: Error | undefined;

  private constructor(fd: number, readonly onFlushed: () => void) {
    this.fd = fd;
  }

  /** Creates (or empties) the journal file and makes its existence durable. */
  static create(file: string, onFlushed: () => void = () => {}): Journal {
    return new Journal(openFresh(file), onFlushed);
  }

  append(record: JournalRecord): void {
    if (this.failure) throw this.failure;
    const line = JSON.stringify(record) + "\n";
    this.pending.push(line);
    this.appended += 1;
    this.records += 1;
    this.bytes += line.length;
  }

  get hasUnsynced(): boolean {
    return this.durable < this.appended;
  }

  /** Switches to a new file; what was buffered for the old one still goes there first. */
  rotate(file: string): void {
    this.queue.push({ fd: this.fd, text: this.pending.join(""), seq: this.appended, closeAfter: true });
    this.pending = [];
    this.fd = openFresh(file);
    this.records = 0;
    this.bytes = 0;
  }

  /** Resolves when every record appended before the call is on disk; rejects if the disk refused. */
  async waitDurable(seq = this.appended): Promise<void> {
    while (this.durable < seq) {
      if (this.failure) throw this.failure;
      this.flushing ??= this.flushOnce().finally(() => {
        this.flushing = undefined;
      });
      await this.flushing.catch(() => undefined);
    }
    if (this.failure && this.durable < seq) throw this.failure;
  }

  async close(): Promise<void> {
    await this.waitDurable();
    while (this.flushing) await this.flushing.catch(() => undefined);
    const chunks = this.queue.splice(0);
    for (const chunk of chunks) if (chunk.closeAfter) await close(chunk.fd).catch(() => undefined);
    await close(this.fd).catch(() => undefined);
  }

  private async flushOnce(): Promise<void> {
    if (this.pending.length) {
      this.queue.push({ fd: this.fd, text: this.pending.join(""), seq: this.appended, closeAfter: false });
      this.pending = [];
    }
    const chunks = this.queue.splice(0);
    try {
      for (let i = 0; i < chunks.length; i += 1) {
        const chunk = chunks[i]!;
        // Coalesce consecutive chunks for the same file into one write and one fdatasync.
        let text = chunk.text;
        let last = chunk;
        while (i + 1 < chunks.length && chunks[i + 1]!.fd === chunk.fd) {
          i += 1;
          last = chunks[i]!;
          text += last.text;
        }
        if (text) {
          const buffer = Buffer.from(text, "utf8");
          let offset = 0;
          while (offset < buffer.length) offset += await write(chunk.fd, buffer, offset, buffer.length - offset);
          await fdatasync(chunk.fd);
        }
        this.durable = Math.max(this.durable, last.seq);
        if (last.closeAfter) await close(chunk.fd).catch(() => undefined);
      }
    } catch (err) {
      this.failure = new Error(`could not write the local data journal: ${err instanceof Error ? err.message : String(err)}`);
      throw this.failure;
    }
    this.onFlushed();
  }
}

function openFresh(file: string): number {
  const fd = fs.openSync(file, "w");
  fs.fsyncSync(fd);
  fsyncDir(path.dirname(file));
  return fd;
}

/** Reads a journal file: its complete records, and whether a partial last line was dropped. */
export function readJournal(file: string): { records: JournalRecord[]; droppedPartialTail: boolean } {
  const text = fs.readFileSync(file, "utf8");
  const lines = text.split("\n");
  const tail = lines.pop() ?? "";
  const records: JournalRecord[] = [];
  lines.forEach((line, index) => {
    let record: JournalRecord;
    try {
      record = JSON.parse(line) as JournalRecord;
    } catch {
      throw new LocalDataError(`The local data file ${file} is damaged at line ${index + 1} (not valid JSON). ${RESET_HINT}`);
    }
    if (!record || typeof record.c !== "string" || (record.o !== "put" && record.o !== "del")) {
      throw new LocalDataError(`The local data file ${file} is damaged at line ${index + 1} (not a journal record). ${RESET_HINT}`);
    }
    records.push(record);
  });
  return { records, droppedPartialTail: tail.length > 0 };
}
