/**
 * The tab's layout, charts, themes and accessibility in a real headless Chromium against the real
 * server (embedded Cosmos DB, seeded demo organisation), as each role, at desktop and phone widths.
 * The tests share one server and run in order; the deletion of Alex's data comes last.
 */
import type { Browser, Page } from "playwright-core";
import type { MyDataResponse } from "../../bot/src/contract/api-contract";
import { DEMO_PERSONAS, DEMO_TENANT_ID } from "../../bot/src/demo/personas";
import { apiAs } from "../helpers/api-client";
import { ensureTabBuilt, launchBrowser, offViewportElements, sampleDocumentHeight, screenshot, seriousA11yViolations } from "../helpers/browser";
import { startTestServer, type TestServer } from "../helpers/test-server";

jest.setTimeout(240_000);

const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };
const PERSONAS = ["Alex", "Megan", "Adele", "Isaiah"] as const;

describe("the tab's layout, charts and accessibility in a browser", () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    ensureTabBuilt();
    server = await startTestServer({ seed: true, serveTab: true, now: "2026-11-23T10:00:00.000Z" });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function signInAs(personaName: string, viewport: { width: number; height: number }, colorScheme: "light" | "dark" = "light"): Promise<Page> {
    const context = await browser.newContext({ viewport, colorScheme });
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/tab/programme`);
    await page.getByRole("button", { name: `Sign in as ${personaName}` }).click();
    await page.getByRole("heading", { name: "Cohort Coach" }).waitFor();
    return page;
  }

  /** Waits until the view's heading is shown and nothing in it is still loading. */
  async function viewReady(page: Page): Promise<void> {
    await page.locator("main h2:visible").first().waitFor();
    await page.waitForFunction(() => document.querySelectorAll('main [role="progressbar"]').length === 0, undefined, { timeout: 15_000 });
    if (await page.getByRole("heading", { name: "Programme", level: 2 }).count()) {
      await page.getByRole("table", { name: "Programme timeline" }).waitFor();
    }
  }

  async function tabNames(page: Page): Promise<string[]> {
    return page.getByRole("tab").allInnerTexts();
  }

  it("when the Programme view stays open for 15 s at 1280 px and at 390 px, then the page does not grow and the charts keep their height", async () => {
    const run = async (viewport: { width: number; height: number }) => {
      const page = await signInAs("Megan", viewport);
      await page.getByRole("table", { name: "Members and how they are doing" }).waitFor();
      await page.locator("figure svg").first().waitFor();
      const samples = await sampleDocumentHeight(page, 15_000, 1_000);
      const memberTableTop = await page.getByRole("table", { name: "Members and how they are doing" }).evaluate((el) => el.getBoundingClientRect().top + window.scrollY);
      const tallestChart = await page.evaluate(() => Math.max(...[...document.querySelectorAll("figure svg")].map((svg) => svg.getBoundingClientRect().height)));
      await screenshot(page, `programme-after-15s-${viewport.width}`);
      // Narrower and back: the charts follow their boxes, and the page comes back to the same height.
      await page.setViewportSize({ width: Math.round(viewport.width * 0.75), height: viewport.height });
      await sampleDocumentHeight(page, 1_500, 500);
      const chartsFitWhenNarrowed = await page.evaluate(() => [...document.querySelectorAll("figure svg")].every((svg) => svg.getBoundingClientRect().width <= svg.closest("figure")!.getBoundingClientRect().width + 1));
      await page.setViewportSize(viewport);
      const restored = await sampleDocumentHeight(page, 1_500, 500);
      await page.context().close();
      return { width: viewport.width, samples, memberTableTop, tallestChart, chartsFitWhenNarrowed, afterResize: restored[restored.length - 1]! };
    };
    const results = await Promise.all([run(DESKTOP), run(PHONE)]);
    for (const r of results) console.log(`Programme view at ${r.width} px: document height ${r.samples.join(" → ")}; tallest chart ${Math.round(r.tallestChart)} px; members table at ${Math.round(r.memberTableTop)} px; after narrowing by a quarter and back: ${r.afterResize}`);
    for (const r of results) {
      expect(Math.max(...r.samples) - r.samples[0]!).toBeLessThanOrEqual(2);
      expect(r.tallestChart).toBeLessThanOrEqual(320);
      expect(r.chartsFitWhenNarrowed).toBe(true);
      expect(Math.abs(r.afterResize - r.samples[0]!)).toBeLessThanOrEqual(2);
      expect(r.memberTableTop).toBeLessThan(r.width === DESKTOP.width ? 2_500 : 4_500);
    }
  });

  it("when a facilitator reads the weekly charts, then shares run 0–100 %, confidence 1–5, and weeks with fewer than 5 responses stay on the axis, marked", async () => {
    const page = await signInAs("Megan", DESKTOP);
    const progress = await apiAs(server, { tenantId: DEMO_TENANT_ID, ...persona("facilitator") });
    await page.getByRole("table", { name: "Members and how they are doing" }).waitFor();
    const cohortId = await page.getByLabel("Cohort", { exact: true }).inputValue();
    const weekly = ((await progress.get(`/api/cohorts/${cohortId}/progress`)).body as { weekly: Array<{ week: number; participation: { suppressed: boolean } }> }).weekly;
    const participation = page.getByRole("figure", { name: /^Participation/ });
    const confidence = page.getByRole("figure", { name: /^Average confidence/ });
    await participation.locator("svg").first().waitFor();
    const yTicks = (figure: typeof participation) => figure.locator("svg g[id^=yAxisGElement] .tick text").allTextContents();
    expect(await yTicks(participation)).toEqual(expect.arrayContaining(["0%", "100%"]));
    const confidenceTicks = await yTicks(confidence);
    expect(confidenceTicks[0]).toBe("1");
    expect(confidenceTicks[confidenceTicks.length - 1]).toBe("5");
    const xTicks = await participation.locator("svg g[id^=xAxisGElement] .tick text").allTextContents();
    expect(xTicks).toEqual(weekly.map((w) => `Week ${w.week}`));
    const suppressedWeeks = weekly.filter((w) => w.participation.suppressed).map((w) => w.week);
    if (suppressedWeeks.length) await expect(participation.innerText()).resolves.toContain("fewer than 5 responses");
    await page.context().close();
  });

  it("when each role opens each view at 390 × 844, then nothing overflows the viewport sideways", async () => {
    const problems: string[] = [];
    for (const name of PERSONAS) {
      const page = await signInAs(name, PHONE);
      for (const tab of await tabNames(page)) {
        await page.getByRole("tab", { name: tab }).click();
        await viewReady(page);
        for (const p of await offViewportElements(page)) problems.push(`${name} / ${tab}: ${p}`);
        await screenshot(page, `phone-${name}-${tab.replace(/\W+/g, "-")}`);
      }
      await page.context().close();
    }
    expect(problems).toEqual([]);
  });

  for (const colorScheme of ["light", "dark"] as const) {
    for (const viewport of [DESKTOP, PHONE]) {
      it(`when each role opens each view at ${viewport.width} px in the ${colorScheme} theme, then axe finds no serious or critical violation${colorScheme === "dark" ? ", and the page tells native controls (date and time pickers) it is dark" : ""}`, async () => {
        const problems: string[] = [];
        for (const name of PERSONAS) {
          const page = await signInAs(name, viewport, colorScheme);
          expect(await page.evaluate(() => getComputedStyle(document.documentElement).colorScheme)).toBe(colorScheme);
          for (const tab of await tabNames(page)) {
            await page.getByRole("tab", { name: tab }).click();
            await viewReady(page);
            for (const v of await seriousA11yViolations(page)) problems.push(`${name} / ${tab}: ${v}`);
          }
          await page.context().close();
        }
        expect(problems).toEqual([]);
      }, 300_000);
    }
  }

  it("when a member opens My data, then answers show as words, not stored codes", async () => {
    const page = await signInAs("Alex", DESKTOP);
    await page.getByRole("tab", { name: "My data" }).click();
    await page.getByRole("heading", { name: "My data" }).waitFor();
    await page.getByRole("button", { name: /Delete my reflections/ }).waitFor();
    const text = await page.locator("main").innerText();
    expect(text).not.toMatch(/not-at-all|few-times-a-week|\(daily\)|\(weekly\)|\(rarely\)/);
    await page.context().close();
  });

  it("when a member deletes their data from the tab and confirms, then the view shows nothing stored and the API returns no records", async () => {
    const page = await signInAs("Alex", DESKTOP);
    await page.getByRole("tab", { name: "My data" }).click();
    await page.getByRole("button", { name: /Delete my reflections/ }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Delete", exact: true }).click();
    await page.getByText("Nothing stored about you").waitFor({ timeout: 15_000 });
    expect(await page.getByRole("alert").count()).toBe(0);
    const alex = await apiAs(server, { tenantId: DEMO_TENANT_ID, ...persona("employee") });
    const mine = (await alex.get("/api/my/data")).body as MyDataResponse;
    expect(mine.cohorts.length).toBeGreaterThan(0);
    for (const c of mine.cohorts) expect([c.commitments, c.checkIns, c.adoption, c.wins].map((x) => x.length)).toEqual([0, 0, 0, 0]);
    await page.context().close();
  });
});

function persona(id: string): { userId: string; displayName: string } {
  const p = DEMO_PERSONAS.find((x) => x.id === id)!;
  return { userId: p.userId, displayName: p.displayName };
}
