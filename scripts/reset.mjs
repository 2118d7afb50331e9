// `npm run reset`: delete the local data folder (LOCAL_DATA_DIR, default .localdata), so the next
// `npm start` begins again from fresh demo data. Refuses while a Cohort Coach process uses it.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dataDir = path.resolve(root, process.env.LOCAL_DATA_DIR || ".localdata");

if (!fs.existsSync(dataDir)) {
  console.log(`Nothing to reset: ${dataDir} does not exist. The next \`npm start\` seeds fresh demo data.`);
  process.exit(0);
}

const lockFile = path.join(dataDir, "LOCK");
try {
  const { pid } = JSON.parse(fs.readFileSync(lockFile, "utf8"));
  let alive = false;
  try {
    process.kill(pid, 0);
    alive = true;
  } catch (err) {
    alive = err.code === "EPERM";
  }
  if (alive) {
    console.error(`Cohort Coach (pid ${pid}) is using ${dataDir}: stop it first, then run \`npm run reset\` again.`);
    process.exit(1);
  }
} catch {
  // no lock, or an unreadable one: nobody is using the folder
}

fs.rmSync(dataDir, { recursive: true, force: true });
console.log(`Deleted ${dataDir}. The next \`npm start\` seeds fresh demo data.`);
