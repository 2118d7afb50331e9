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

/**
 * The document's height sampled every `everyMs` for `forMs`, measured inside the page on its own
 * clock: a layout feedback loop (a chart that measures its container and grows it) shows as growth.
 */
export async function sampleDocumentHeight(page: Page, forMs: number, everyMs: number): Promise<number[]> {
  return page.evaluate(
    async ([duration, interval]) => {
      const samples: number[] = [];
      const started = performance.now();
      for (;;) {
        samples.push(document.scrollingElement!.scrollHeight);
        if (performance.now() - started >= duration) return samples;
        await new Promise((resolve) => setTimeout(resolve, interval));
      }
    },
    [forMs, everyMs] as const,
  );
}

/**
 * What sticks out of the viewport sideways: the document scrolling horizontally, or any visible
 * element whose visible part (clipped by ancestors that hide or scroll their overflow) reaches past
 * the right edge, or text wider than its own box (overprinting its neighbours, as in a table column
 * too narrow for a word). Content inside a horizontally scrolling container is fine.
 */
export async function offViewportElements(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = window.innerWidth;
    const problems: string[] = [];
    const scrollWidth = document.scrollingElement!.scrollWidth;
    if (scrollWidth > width) problems.push(`the page scrolls sideways (${scrollWidth} px wide in a ${width} px viewport)`);
    const describe = (el: Element) => `<${el.tagName.toLowerCase()}${el.getAttribute("role") ? ` role=${el.getAttribute("role")}` : ""}${el.getAttribute("aria-label") ? ` aria-label="${el.getAttribute("aria-label")}"` : ""}> "${(el.textContent ?? "").trim().slice(0, 40)}"`;
    for (const el of document.body.querySelectorAll("*")) {
      if (el.closest("[data-tabster-dummy]")) continue;
      const rect = el.getBoundingClientRect();
      if (rect.width === 0 || rect.height === 0) continue;
      const style = getComputedStyle(el);
      if (style.visibility === "hidden" || style.display === "none" || style.position === "fixed") continue;
      let left = rect.left;
      let right = rect.right;
      for (let a = el.parentElement; a && a !== document.body && a !== document.documentElement; a = a.parentElement) {
        const s = getComputedStyle(a);
        if (s.overflowX !== "visible") {
          const r = a.getBoundingClientRect();
          left = Math.max(left, r.left);
          right = Math.min(right, r.right);
        }
      }
      if (right > width + 1 && right > left) problems.push(`${describe(el)} reaches ${Math.round(right)} px`);
      // Content that spills out of its own box overprints its neighbours (a word wider than its table column).
      if (el instanceof HTMLElement && style.overflowX === "visible" && el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1 && [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim())) {
        problems.push(`${describe(el)} spills out of its ${el.clientWidth} px box (${el.scrollWidth} px of content)`);
      }
    }
    return problems.slice(0, 15);
  });
}
