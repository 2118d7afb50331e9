/**
 * The organisation report in headless Chromium against the real server (embedded Cosmos DB, the
 * seeded demo organisation: a leadership cohort of 6, marketing of 10 and finance of 12, each on its
 * own track; plus a 3-person HR pilot whose name starts with "=", seeded through the service's
 * repositories). Adele, the admin, opens the report, filters and slices it by track (the figures
 * change, the chart axes do not), downloads the CSV of the same slice (formula-safe cells, "fewer
 * than 5" for small groups), prints it (window.print and the print stylesheet), and sees "fewer than
 * 5" wherever a slice is too small.
 */
import fs from "node:fs";
import { parse } from "csv-parse/sync";
import type { Browser, Page } from "playwright-core";
import { DEMO_TENANT_ID } from "../../bot/src/demo/personas";
import { ARTIFACTS, ensureTabBuilt, launchBrowser, screenshot } from "../helpers/browser";
import { person, seedCohort } from "../helpers/fixtures";
import { startTestServer, type TestServer } from "../helpers/test-server";

jest.setTimeout(240_000);

const FORMULA_COHORT = "=SUM(1+1) HR pilot";
const OVERALL = "All cohorts in this report";

interface Axis {
  title: string;
  scale: string | null;
  min: string | null;
  max: string | null;
  ticks: string | null;
  x: string | null;
  /** The tick labels Chromium drew in the chart's SVG. */
  drawn: string[];
}

describe("the organisation report in a browser", () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    ensureTabBuilt();
    server = await startTestServer({ seed: true, serveTab: true, now: "2026-11-23T10:00:00.000Z" });
    const pilot = [person(880, "Hana Pilot"), person(881, "Ian Pilot"), person(882, "Jo Pilot")];
    await seedCohort(server.repos, { tenantId: DEMO_TENANT_ID, cohortId: "hr-pilot", cohortName: FORMULA_COHORT, trackId: "hr", startDate: "2026-11-02", members: pilot, facilitators: [], serviceUrl: server.connector.serviceUrl, policy: false });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function openReportAsAdele(page: Page): Promise<void> {
    await page.goto(`${server.baseUrl}/tab/report`);
    const signIn = page.getByRole("button", { name: "Sign in as Adele" });
    const reportTab = page.getByRole("tab", { name: "Report" });
    await signIn.or(reportTab).first().waitFor();
    if (await signIn.isVisible()) await signIn.click();
    await reportTab.click();
    await page.getByRole("region", { name: OVERALL, exact: true }).waitFor();
  }

  const heading = (page: Page, name: string) => page.getByRole("region", { name, exact: true }).getByRole("heading", { level: 3 }).first().innerText();

  /** Every chart's axes in a region, as the DOM states them and as the SVG draws them. */
  async function axes(page: Page, region: string): Promise<Axis[]> {
    const figures = page.getByRole("region", { name: region, exact: true }).locator("figure[data-y-min]");
    await figures.first().waitFor();
    return figures.evaluateAll((els) =>
      els.map((el) => ({
        title: el.querySelector("figcaption")?.textContent ?? "",
        scale: el.getAttribute("data-scale"),
        min: el.getAttribute("data-y-min"),
        max: el.getAttribute("data-y-max"),
        ticks: el.getAttribute("data-y-ticks"),
        x: el.getAttribute("data-x-labels"),
        drawn: [...el.querySelectorAll("svg g.tick text")].map((t) => t.textContent ?? ""),
      })),
    );
  }

  it("when an admin slices by track, exports the CSV and prints, then figures change, axes stay fixed, cells are formula-safe and small groups say fewer than 5", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    await openReportAsAdele(page);

    // The whole tenant: 6 + 10 + 12 + 3 members (the leadership cohort's Isaiah and the finance cohort's Alex are among them).
    const everyone = await heading(page, OVERALL);
    expect(everyone).toMatch(/^All cohorts in this report · \d+ members$/);
    const allAxes = await axes(page, OVERALL);
    expect(allAxes.map((a) => [a.scale, a.min, a.max, a.ticks])).toEqual([
      ["share", "0%", "100%", "0%,25%,50%,75%,100%"],
      ["score", "1", "5", "1,2,3,4,5"],
      ["share", "0%", "100%", "0%,25%,50%,75%,100%"],
    ]);
    // Adoption: the baseline against weeks 4, 8 and 12, always all three.
    expect(allAxes[0]!.x).toBe("W0 vs W4|Week 4|W0 vs W8|Week 8|W0 vs W12|Week 12");
    // What Chromium drew: the fixed ticks, whatever the data's maximum.
    const drawnCharts = allAxes.filter((a) => a.drawn.length > 0);
    expect(drawnCharts.length).toBeGreaterThan(0);
    for (const a of drawnCharts) expect(a.drawn).toEqual(expect.arrayContaining(a.ticks!.split(",")));

    // Filter by the finance track: the address and the figures follow, the axes do not move.
    await page.getByRole("combobox", { name: "Track" }).selectOption("finance");
    await page.waitForURL(/[?&]trackId=finance/);
    await page.waitForFunction((before) => document.querySelector('[aria-label="All cohorts in this report"] h3')?.textContent !== before, everyone);
    const finance = await heading(page, OVERALL);
    expect(finance).toBe("All cohorts in this report · 12 members");
    expect(await page.getByTestId("report-showing").innerText()).toContain("track Finance");
    const financeAxes = await axes(page, OVERALL);
    expect(financeAxes.map((a) => [a.title, a.min, a.max, a.ticks, a.x])).toEqual(allAxes.map((a) => [a.title, a.min, a.max, a.ticks, financeAxes.find((f) => f.title === a.title)!.x]));
    expect(financeAxes[0]!.x).toBe(allAxes[0]!.x);
    await screenshot(page, "impact-report-finance-1280");

    // Slice the whole tenant by track: one section per track, each on the same axes; the 3-person HR pilot says fewer than 5.
    await page.getByRole("combobox", { name: "Track" }).selectOption("");
    await page.getByRole("combobox", { name: "Slice by" }).selectOption("track");
    await page.waitForURL((url) => url.searchParams.get("slice") === "track" && !url.searchParams.has("trackId"));
    const hr = page.getByRole("region", { name: "HR: roles, policies, onboarding and listening", exact: true });
    await hr.waitFor();
    expect(await hr.getByRole("heading", { level: 3 }).first().innerText()).toMatch(/· fewer than 5 members$/);
    await hr.getByText(/Fewer than 5 people: this slice’s figures are withheld/).waitFor();
    expect(await hr.getByText(/fewer than 5/i).count()).toBeGreaterThan(3);
    const marketingAxes = await axes(page, "Marketing: campaigns, briefs and audience insight");
    expect(marketingAxes.map((a) => [a.min, a.max, a.ticks])).toEqual(allAxes.map((a) => [a.min, a.max, a.ticks]));
    // Every slice's weekly charts run along the report's weeks: the same x axis as the whole.
    expect(marketingAxes.map((a) => a.x)).toEqual((await axes(page, OVERALL)).map((a) => a.x));
    await screenshot(page, "impact-report-by-track-1280");

    // The CSV of the HR track: the header row, only that slice, the "=" name kept as text, small groups withheld.
    await page.getByRole("combobox", { name: "Track" }).selectOption("hr");
    await page.waitForURL(/[?&]trackId=hr/);
    await page.waitForFunction(() => /· fewer than 5 members$/.test(document.querySelector('[aria-label="All cohorts in this report"] h3')?.textContent ?? ""));
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export CSV" }).click()]);
    expect(download.suggestedFilename()).toBe("organisation-report.csv");
    const rows = parse(fs.readFileSync((await download.path())!, "utf8")) as string[][];
    expect(rows[0]).toEqual(["slice", "name", "metric", "week", "value", "people", "note"]);
    const cohorts = new Set(rows.filter((r) => r[0] === "cohort").map((r) => r[1]));
    expect([...cohorts]).toEqual([`'${FORMULA_COHORT}`]);
    expect(new Set(rows.filter((r) => r[0] === "track").map((r) => r[1])).size).toBe(1);
    expect(rows.flat().some((cell) => cell === FORMULA_COHORT)).toBe(false);
    expect(rows.flat().every((cell) => !/^[=+\-@]/.test(cell) || /^-?\d/.test(cell))).toBe(true);
    expect(rows.find((r) => r[0] === "cohort" && r[2] === "participation (share who checked in)")![4]).toBe("fewer than 5");
    expect(rows.find((r) => r[0] === "all" && r[2] === "FTE saved per week")![6]).toMatch(/^assuming 37.5 hours per FTE per week and 40 GBP per hour$/);

    // The same slice through the page's own token: the same file the link downloaded.
    const fetched = await page.evaluate(async () => {
      const token = sessionStorage.getItem("cohort-coach.local-token");
      const res = await fetch(`/api/report.csv${window.location.search.replace(/slice=[^&]*&?/, "")}`, { headers: { authorization: `Bearer ${token}` } });
      return { status: res.status, type: res.headers.get("content-type"), text: await res.text() };
    });
    expect(fetched.status).toBe(200);
    expect(fetched.type).toContain("text/csv");
    expect(parse(fetched.text)).toEqual(rows);

    // Back to the finance track for the printable report.
    await page.getByRole("combobox", { name: "Track" }).selectOption("finance");
    await page.waitForFunction(() => /· 12 members$/.test(document.querySelector('[aria-label="All cohorts in this report"] h3')?.textContent ?? ""));

    // "Printable report" opens the browser's print dialog.
    await page.evaluate(() => {
      const w = window as unknown as { printed: number };
      w.printed = 0;
      window.print = () => void (w.printed += 1);
    });
    await page.getByRole("button", { name: "Printable report" }).click();
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);

    // Printed: no navigation, filters or buttons; black on white; every section and chart kept, each section on its own page.
    await page.emulateMedia({ media: "print" });
    expect(await page.getByRole("navigation", { name: "Cohort Coach sections" }).isHidden()).toBe(true);
    for (const name of ["Cohort", "Track", "Seniority", "Slice by"]) expect(await page.getByRole("combobox", { name }).isHidden()).toBe(true);
    expect(await page.getByRole("button", { name: "Printable report" }).isHidden()).toBe(true);
    expect(await page.getByRole("link", { name: "Export CSV" }).isHidden()).toBe(true);
    expect(await page.getByRole("textbox", { name: "Hours per FTE per week" }).isHidden()).toBe(true);
    const sections = page.locator(".report-section");
    expect(await sections.count()).toBeGreaterThanOrEqual(3);
    for (let i = 0; i < (await sections.count()); i += 1) expect(await sections.nth(i).isVisible()).toBe(true);
    expect(await page.getByRole("region", { name: OVERALL, exact: true }).locator("figure[data-y-min]").first().isVisible()).toBe(true);
    expect(await page.getByText("Assuming 37.5 hours per FTE per week and 40 GBP per hour.").first().isVisible()).toBe(true);
    const printed = await page.evaluate(() => {
      const region = document.querySelector('[aria-label="All cohorts in this report"]')!;
      const later = document.querySelectorAll(".report-section")[1]!;
      return { body: getComputedStyle(document.body).backgroundColor, text: getComputedStyle(region.querySelector("h3")!).color, breakBefore: getComputedStyle(later).breakBefore };
    });
    expect(printed).toEqual({ body: "rgb(255, 255, 255)", text: "rgb(0, 0, 0)", breakBefore: "page" });
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    const pdf = await page.pdf({ path: `${ARTIFACTS}/impact-report-finance.pdf`, format: "A4" });
    expect(pdf.length).toBeGreaterThan(10_000);
    await context.close();
  });

  it("when the report is opened from a link with a slice, then it opens on that slice, and the seniority slice withholds small levels in words", async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await openReportAsAdele(page);
    await page.goto(`${server.baseUrl}/tab/report?slice=seniority&trackId=finance`);
    await page.getByRole("region", { name: OVERALL, exact: true }).waitFor();
    expect(await page.getByRole("combobox", { name: "Slice by" }).inputValue()).toBe("seniority");
    expect(await page.getByRole("combobox", { name: "Track" }).inputValue()).toBe("finance");
    expect(await heading(page, OVERALL)).toBe("All cohorts in this report · 12 members");
    const executives = page.getByRole("region", { name: "Executives", exact: true });
    await executives.waitFor();
    expect(await executives.getByText(/fewer than 5/i).count()).toBeGreaterThan(0);
    await screenshot(page, "impact-report-seniority-390");
    await context.close();
  });
});
