import fs from "node:fs";
import path from "node:path";
import { PNG } from "pngjs";
import { BOT_COMMANDS } from "../../../bot/src/contract/bot-commands";
import { buildAppPackage, fillPlaceholders, renderManifest, validateManifest, APP_PACKAGE_DIR } from "../../../scripts/lib/app-package";

type Manifest = {
  bots: Array<{ commandLists: Array<{ scopes: string[]; commands: Array<{ title: string; description: string }> }> }>;
  webApplicationInfo: { id: string; resource: string };
};

describe("the Teams app package", () => {
  it("when the manifest is filled from the local env, then it validates against the official Teams schema", () => {
    const manifest = renderManifest("local");
    expect(validateManifest(manifest)).toEqual([]);
  });

  it("when the manifest is broken, then the validator names what is wrong", () => {
    const manifest = { ...renderManifest("local"), id: "not-a-guid", bots: "nope" } as Record<string, unknown>;
    const errors = validateManifest(manifest);
    expect(errors.join("\n")).toMatch(/\/id/);
    expect(errors.join("\n")).toMatch(/\/bots/);
  });

  it("when an env file lacks a placeholder's variable, then filling names the missing variable", () => {
    expect(() => fillPlaceholders('{"id":"${{TEAMS_APP_ID}}","bot":"${{BOT_ID}}"}', { TEAMS_APP_ID: "x" })).toThrow(/BOT_ID/);
  });

  it("when the manifest lists bot commands, then they are exactly the bot's commands for each scope", () => {
    const manifest = renderManifest("local") as unknown as Manifest;
    for (const list of manifest.bots[0]!.commandLists) {
      const scope = list.scopes[0]!;
      const expected = BOT_COMMANDS.filter((c) => c.scopes.includes(scope as "personal")).map((c) => c.name);
      expect(list.commands.map((c) => c.title)).toEqual(expected);
      for (const command of list.commands) expect(command.description.length).toBeLessThanOrEqual(128);
    }
  });

  it("when the SSO resource is rendered, then it is the api://{domain}/{clientId} Application ID URI", () => {
    const manifest = renderManifest("local") as unknown as Manifest;
    expect(manifest.webApplicationInfo.resource).toBe(`api://localhost:3978/${manifest.webApplicationInfo.id}`);
  });

  it("when the icons are read, then color is 192×192 and outline is 32×32 white on transparent", () => {
    const color = PNG.sync.read(fs.readFileSync(path.join(APP_PACKAGE_DIR, "color.png")));
    expect([color.width, color.height]).toEqual([192, 192]);
    const outline = PNG.sync.read(fs.readFileSync(path.join(APP_PACKAGE_DIR, "outline.png")));
    expect([outline.width, outline.height]).toEqual([32, 32]);
    let transparent = 0;
    let drawn = 0;
    for (let i = 0; i < outline.data.length; i += 4) {
      const alpha = outline.data[i + 3]!;
      if (alpha === 0) transparent++;
      else {
        drawn++;
        expect([outline.data[i], outline.data[i + 1], outline.data[i + 2]]).toEqual([255, 255, 255]);
      }
    }
    expect(transparent).toBeGreaterThan(32 * 32 * 0.5);
    expect(drawn).toBeGreaterThan(50);
  });

  it("when the package is built, then the zip holds manifest.json, color.png and outline.png", async () => {
    const zipPath = await buildAppPackage("local");
    const zip = fs.readFileSync(zipPath);
    expect(zip.readUInt32LE(0)).toBe(0x04034b50); // local file header signature
    const names = zip.toString("latin1");
    for (const name of ["manifest.json", "color.png", "outline.png"]) expect(names).toContain(name);
  });
});
