/**
 * The tab's Content-Security-Policy allows exactly what the tab loads: its own bundle, and the one
 * file teams-js fetches (its list of valid hosts); and the favicon the page links to is served.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import restify from "restify";
import type { AddressInfo } from "node:net";
import { registerTabRoutes } from "../../../bot/src/tab-static";
import { startTestServer, type TestServer } from "../../helpers/test-server";

const ROOT = path.resolve(__dirname, "../../..");

/** The URL teams-js itself fetches, read from the installed package rather than restated here. */
function teamsJsFetchedUrls(): string[] {
  const constants = path.join(ROOT, "node_modules/@microsoft/teams-js/dist/esm/packages/teams-js/src/internal/constants.js");
  return [...new Set(fs.readFileSync(constants, "utf8").match(/https:\/\/[^"'`\s)]+/g) ?? [])];
}

function directives(csp: string): Map<string, string[]> {
  return new Map(csp.split(";").map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));
}

describe("the tab's CSP and favicon", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it("when a page is served, then connect-src allows what teams-js fetches and script-src no external host", async () => {
    const csp = directives((await fetch(`${server.baseUrl}/healthz`)).headers.get("content-security-policy")!);
    const fetched = teamsJsFetchedUrls();
    expect(fetched).toContain("https://res.cdn.office.net/teams-js/validDomains/json/validDomains.json");
    for (const url of fetched) expect(csp.get("connect-src")).toContain(url);
    expect(csp.get("connect-src")).toEqual(["'self'", ...fetched]);
    expect(csp.get("script-src")).toEqual(["'self'"]);
    expect(csp.get("font-src")!.filter((s) => s.startsWith("http"))).toEqual([]);
    expect(csp.get("object-src")).toEqual(["'none'"]);
  });

  it("when the built tab is served, then the favicon its page links to answers 200, and /favicon.ico leads to it", async () => {
    const html = fs.readFileSync(path.join(ROOT, "tab/index.html"), "utf8");
    const href = /<link[^>]+rel="icon"[^>]+href="([^"]+)"/.exec(html)?.[1];
    expect(href).toBe("/favicon.svg");
    // What `vite build` produces: index.html plus tab/public copied to the root of dist/tab.
    const tabDir = fs.mkdtempSync(path.join(os.tmpdir(), "cc-tab-"));
    fs.writeFileSync(path.join(tabDir, "index.html"), html);
    for (const file of fs.readdirSync(path.join(ROOT, "tab/public"))) fs.copyFileSync(path.join(ROOT, "tab/public", file), path.join(tabDir, file));
    const web = restify.createServer();
    try {
      expect(registerTabRoutes(web, tabDir)).toBe(true);
      await new Promise<void>((resolve) => web.listen(0, "127.0.0.1", resolve));
      const base = `http://127.0.0.1:${(web.address() as AddressInfo).port}`;
      const icon = await fetch(`${base}${href}`);
      expect(icon.status).toBe(200);
      expect(icon.headers.get("content-type")).toBe("image/svg+xml");
      expect(await icon.text()).toMatch(/^<svg/);
      const ico = await fetch(`${base}/favicon.ico`);
      expect(ico.status).toBe(200);
      expect(ico.url).toBe(`${base}/favicon.svg`);
    } finally {
      web.close();
      fs.rmSync(tabDir, { recursive: true, force: true });
    }
  });
});
