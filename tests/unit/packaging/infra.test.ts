import fs from "node:fs";
import path from "node:path";
import Ajv from "ajv";
import Parser from "tree-sitter";
import Bicep from "tree-sitter-bicep";
import YAML from "yaml";
import { ALL_CONTAINERS } from "../../../bot/src/store/containers";

const root = path.resolve(__dirname, "../../..");
const read = (file: string) => fs.readFileSync(path.join(root, file), "utf8");

function parseBicep(source: string) {
  const parser = new Parser();
  parser.setLanguage(Bicep as unknown as Parser.Language);
  return parser.parse(source);
}

function syntaxErrors(node: Parser.SyntaxNode, found: string[] = []): string[] {
  if (node.type === "ERROR" || node.isMissing) found.push(`${node.type} at ${node.startPosition.row + 1}:${node.startPosition.column + 1}`);
  for (const child of node.children) syntaxErrors(child, found);
  return found;
}

describe("infrastructure as code", () => {
  it.each(fs.readdirSync(path.join(root, "infra")).filter((f) => f.endsWith(".bicep")))(
    "when infra/%s is parsed, then it has no syntax errors",
    (file) => {
      const tree = parseBicep(read(`infra/${file}`));
      expect(syntaxErrors(tree.rootNode)).toEqual([]);
    },
  );

  it("when a Bicep file is broken, then the parser reports it (the check above can fail)", () => {
    const tree = parseBicep("resource x 'A/b@2020-01-01' = {\n  name: 'x'\n");
    expect(syntaxErrors(tree.rootNode).length).toBeGreaterThan(0);
  });

  it("when the store's containers are compared with infra/azure.bicep, then every container and partition key is declared", () => {
    const bicep = read("infra/azure.bicep");
    const declared = [...bicep.matchAll(/name: '([^']+)'\s+partitionKeyPath: '([^']+)'/g)].map((m) => ({ id: m[1], partitionKeyPath: m[2] }));
    expect(declared).toEqual(ALL_CONTAINERS.map((c) => ({ id: c.id, partitionKeyPath: c.partitionKeyPath })));
    for (const container of ALL_CONTAINERS) {
      for (const excluded of container.excludedPaths) expect(bicep).toContain(`'${excluded}'`);
    }
  });

  it("when the Bicep is read, then App Service runs Node.js 24 LTS and package.json allows it (Node 20 is past end of life)", () => {
    expect(read("infra/azure.bicep")).toMatch(/linuxFxVersion: 'NODE\|24-lts'/);
    const engines = JSON.parse(read("package.json")).engines.node as string;
    expect(engines).toMatch(/>=22/);
  });

  it("when the Bicep is read, then Cosmos keys are off and the app reaches Cosmos with its managed identity", () => {
    const bicep = read("infra/azure.bicep");
    expect(bicep).toMatch(/disableLocalAuth: true/);
    expect(bicep).toMatch(/sqlRoleDefinitions\/00000000-0000-0000-0000-000000000002/);
    expect(bicep).not.toMatch(/listKeys\(/);
    expect(bicep).toMatch(/msaAppType: 'UserAssignedMSI'/);
    expect(bicep).toMatch(/channelName: 'MsTeamsChannel'/);
  });
});

describe("Teams Toolkit project files", () => {
  const schemaDir = path.join(root, "node_modules/@microsoft/teamsfx-core/resource/yaml-schema");

  it.each(["teamsapp.yml", "teamsapp.local.yml"])("when %s is parsed, then it validates against the Toolkit's schema for its version", (file) => {
    const doc = YAML.parse(read(file)) as { version: string };
    const schema = JSON.parse(fs.readFileSync(path.join(schemaDir, doc.version, "yaml.schema.json"), "utf8"));
    const ajv = new Ajv({ allErrors: true, strict: false });
    const validate = ajv.compile(schema);
    const ok = validate(doc);
    expect(ok ? [] : validate.errors!.map((e) => `${e.instancePath} ${e.message}`)).toEqual([]);
  });

  it.each(["teamsapp.yml", "teamsapp.local.yml"])("when %s names local files, then each exists", (file) => {
    const text = read(file);
    const paths = [...text.matchAll(/(?:path|parameters|manifestPath|ignoreFile): (\.\/[^\s]+)/g)].map((m) => m[1]!);
    expect(paths.length).toBeGreaterThan(2);
    for (const p of paths) expect({ path: p, exists: fs.existsSync(path.join(root, p)) }).toEqual({ path: p, exists: true });
  });

  it("when the Bicep outputs are compared with what teamsapp.yml and the manifest use, then every needed variable is produced", () => {
    const bicep = read("infra/azure.bicep");
    const outputs = new Set([...bicep.matchAll(/^output (\w+) /gm)].map((m) => m[1]));
    for (const needed of ["BOT_ID", "BOT_AZURE_APP_SERVICE_RESOURCE_ID", "TAB_DOMAIN", "TAB_ENDPOINT"]) expect(outputs).toContain(needed);
  });
});

describe("Microsoft Graph permissions (infra/graph-permissions.json is the one list)", () => {
  interface Permission { name: string; type: "application" | "delegated"; feature: string; usedFor: string; accessPolicy: boolean }
  const permissions = (JSON.parse(read("infra/graph-permissions.json")) as { permissions: Permission[] }).permissions;

  it("when the Entra app manifest is read, then it declares exactly the listed application permissions", () => {
    const manifest = JSON.parse(read("infra/entra-app.manifest.json")) as { requiredResourceAccess: Array<{ resourceAppId: string; resourceAccess: Array<{ id: string; type: string }> }> };
    const graph = manifest.requiredResourceAccess.find((r) => r.resourceAppId === "Microsoft Graph")!;
    const roles = graph.resourceAccess.filter((a) => a.type === "Role").map((a) => a.id).sort();
    expect(roles).toEqual(permissions.filter((p) => p.type === "application").map((p) => p.name).sort());
  });

  it("when the README's permission table is read, then each permission has a row saying whether it needs the access policy", () => {
    const readme = read("README.md");
    for (const p of permissions) {
      const row = readme.split("\n").find((line) => line.startsWith(`| \`${p.name}\` |`));
      expect({ permission: p.name, row: row !== undefined }).toEqual({ permission: p.name, row: true });
      expect({ permission: p.name, policy: /access policy/.test(row!) }).toEqual({ permission: p.name, policy: p.accessPolicy });
    }
  });

  it("when the grant script is read, then it takes its list from the same file and sets up the access policy", () => {
    const script = read("infra/grant-graph-permissions.ps1");
    expect(script).toContain('"graph-permissions.json"');
    expect(script).toContain("New-CsApplicationAccessPolicy");
    expect(script).toContain("New-MgServicePrincipalAppRoleAssignment");
  });
});
