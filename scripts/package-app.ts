// `npm run package [-- --env dev]`: the Teams app zip for an environment (default: local).
import path from "node:path";
import { buildAppPackage, ROOT } from "./lib/app-package";

const envFlag = process.argv.indexOf("--env");
const envName = envFlag >= 0 ? process.argv[envFlag + 1] : "local";
if (!envName || !/^[a-z0-9-]+$/.test(envName)) {
  console.error("Usage: npm run package -- --env <name>   (reads env/.env.<name>)");
  process.exit(2);
}
buildAppPackage(envName).then(
  (zip) => console.log(`Validated manifest and wrote ${path.relative(ROOT, zip)}`),
  (err: Error) => {
    console.error(err.message);
    process.exit(1);
  },
);
