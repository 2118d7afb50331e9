/**
 * Headless Chromium (Debian's, at /usr/bin/chromium) driven by playwright-core, against the real
 * server. Builds the tab first when its build is missing or stale.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { chromium, type Browser, type Page } from "playwright-core";

const ROOT = path.resolve(__dirname, "../..");
export const ARTIFACTS = path.join(ROOT, "test-artifacts");

/** Builds the tab when dist/tab is missing or older than tab/: a stale build would test old code. */
export function ensureTabBuilt(): void {
  const build = spawnSync(process.execPath, ["scripts/lib/tab-build.mjs"], { cwd: ROOT, stdio: "inherit" });
  if (build.status !== 0) throw new Error("could not build the tab");
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
  });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** Serious and critical accessibility violations on the page, as "rule: target" strings. */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  // Fluent UI's focus manager (tabster) adds invisible <i data-tabster-dummy> sentinels that pass
  // focus straight on to real controls; axe reads them as focusable hidden elements.
  const results = await new AxeBuilder({ page }).exclude("[data-tabster-dummy]").analyze();
  return results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
}
