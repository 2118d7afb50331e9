/**
 * Small durable-file helpers for the local store: a file is only "written" once its bytes are
 * fsync'd, and a rename only counts once the folder holding it is fsync'd too.
 */
import fs from "node:fs";
import path from "node:path";

/** Makes renames, creations and deletions inside `dir` durable (a no-op where folders cannot be opened, e.g. Windows). */
export function fsyncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, "r");
    fs.fsyncSync(fd);
  } catch {
    // Windows cannot fsync a directory; NTFS journals the rename itself.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** Writes `data` to `file` and fsyncs it (the caller renames it into place and fsyncs the folder). */
export function writeFileDurably(file: string, data: string | Buffer): void {
  const fd = fs.openSync(file, "w");
  try {
    const buffer = typeof data === "string" ? Buffer.from(data, "utf8") : data;
    let offset = 0;
    while (offset < buffer.length) offset += fs.writeSync(fd, buffer, offset, buffer.length - offset);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** temp file + fsync + rename + fsync of the folder: readers see the old file or the new one, never half of one. */
export function replaceFileAtomically(file: string, data: string | Buffer): void {
  const temp = `${file}.${process.pid}.tmp`;
  writeFileDurably(temp, data);
  fs.renameSync(temp, file);
  fsyncDir(path.dirname(file));
}
