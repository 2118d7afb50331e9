/**
 * Builds the Teams app package: fills the manifest's `${{VAR}}` placeholders from an env file,
 * validates the result against the official Teams manifest schema shipped in
 * `@microsoft/app-manifest` (offline), and zips it with the icons.
 */
import fs from "node:fs";
import path from "node:path";
import Ajv from "ajv-draft-04";
import addFormats from "ajv-formats";
import archiver from "archiver";

export const ROOT = path.resolve(__dirname, "../..");
export const APP_PACKAGE_DIR = path.join(ROOT, "appPackage");

/** Reads KEY=VALUE lines (comments and blanks ignored), as the Teams Toolkit's env files are. */
export function readEnvFile(file: string): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const line of fs.readFileSync(file, "utf8").split(/\r?\n/)) {
    const match = /^\s*([A-Z0-9_]+)\s*=\s*(.*?)\s*$/.exec(line);
    if (match && !line.trimStart().startsWith("#")) vars[match[1]!] = match[2]!.replace(/^"(.*)"$/, "$1");
  }
  return vars;
}

/** Replaces every `${{VAR}}`; throws naming every variable the env does not define. */
export function fillPlaceholders(template: string, vars: Record<string, string>): string {
  const missing = new Set<string>();
  const filled = template.replace(/\$\{\{\s*([A-Z0-9_]+)\s*\}\}/g, (_m, name: string) => {
    if (vars[name] === undefined) missing.add(name);
    return vars[name] ?? "";
  });
  if (missing.size) throw new Error(`The env file does not define: ${[...missing].join(", ")}`);
  return filled;
}

export function manifestSchemaFor(manifest: { manifestVersion?: string }): object {
  const file = path.join(ROOT, "node_modules/@microsoft/app-manifest/build/json-schemas/teams", `v${manifest.manifestVersion}`, "MicrosoftTeams.schema.json");
  if (!fs.existsSync(file)) throw new Error(`No schema shipped for manifest version ${manifest.manifestVersion}`);
  return JSON.parse(fs.readFileSync(file, "utf8"));
}

/** Validates a filled manifest; returns readable errors (empty when valid). */
export function validateManifest(manifest: Record<string, unknown>): string[] {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(manifestSchemaFor(manifest));
  if (validate(manifest)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || "(root)"} ${e.message ?? "is invalid"}`);
}

export function renderManifest(envName: string): Record<string, unknown> {
  const envFile = path.join(ROOT, "env", `.env.${envName}`);
  if (!fs.existsSync(envFile)) throw new Error(`No env file ${path.relative(ROOT, envFile)}`);
  const template = fs.readFileSync(path.join(APP_PACKAGE_DIR, "manifest.json"), "utf8");
  return JSON.parse(fillPlaceholders(template, readEnvFile(envFile))) as Record<string, unknown>;
}

/** Writes appPackage/build/appPackage.<env>.zip and returns its path. */
export async function buildAppPackage(envName: string): Promise<string> {
  const manifest = renderManifest(envName);
  const errors = validateManifest(manifest);
  if (errors.length) throw new Error(`manifest.json is not valid for env "${envName}":\n  ${errors.join("\n  ")}`);
  const outDir = path.join(APP_PACKAGE_DIR, "build");
  fs.mkdirSync(outDir, { recursive: true });
  const zipPath = path.join(outDir, `appPackage.${envName}.zip`);
  await new Promise<void>((resolve, reject) => {
    const output = fs.createWriteStream(zipPath);
    const zip = archiver("zip", { zlib: { level: 9 } });
    output.on("close", () => resolve());
    zip.on("error", reject);
    zip.pipe(output);
    zip.append(JSON.stringify(manifest, null, 2), { name: "manifest.json" });
    zip.file(path.join(APP_PACKAGE_DIR, "color.png"), { name: "color.png" });
    zip.file(path.join(APP_PACKAGE_DIR, "outline.png"), { name: "outline.png" });
    void zip.finalize();
  });
  return zipPath;
}
