/**
 * Track authoring in headless Chromium against the real server (embedded Cosmos DB, seeded demo
 * organisation): an admin copies the finance track, makes session 1 about the Q4 board pack, links
 * a template, names the approved tool, sees the brief card drawn by the Adaptive Cards SDK with the
 * edit, saves, finds it saved after a reload, and the editor fits a 390 px phone with no serious
 * accessibility violation.
 */
import type { Browser, Page } from "playwright-core";
import type { TrackDetail } from "../../bot/src/contract/track-authoring-contract";
import { DEMO_PERSONAS, DEMO_TENANT_ID } from "../../bot/src/demo/personas";
import { apiAs } from "../helpers/api-client";
import { ensureTabBuilt, launchBrowser, offViewportElements, screenshot, seriousA11yViolations } from "../helpers/browser";
import { startTestServer, type TestServer } from "../helpers/test-server";

jest.setTimeout(180_000);

const FINANCE = "Finance: reporting, commentary and planning";
const COPY = `${FINANCE} (copy)`;
const TEMPLATE_URL = "https://contoso.sharepoint.com/sites/finance/Shared%20Documents/Board%20pack%20commentary%20template.docx";

describe("track authoring in a browser", () => {
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

  /** Signs in as Adele (the admin) unless the tab remembers her, and opens Tracks. */
  async function openTracksAsAdele(page: Page): Promise<void> {
    await page.goto(`${server.baseUrl}/tab/tracks`);
    const signIn = page.getByRole("button", { name: "Sign in as Adele" });
    const tracksTab = page.getByRole("tab", { name: "Tracks" });
    await signIn.or(tracksTab).first().waitFor();
    if (await signIn.isVisible()) await signIn.click();
    await tracksTab.click();
    await page.getByRole("heading", { name: "Tracks", level: 2 }).waitFor();
  }

  it("when an admin copies the finance track, edits session 1, names the tool and links a template, then the preview shows it and the save survives a reload", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await openTracksAsAdele(page);

    await page.getByRole("button", { name: `Copy ${FINANCE}`, exact: true }).click();
    const workflow = page.getByRole("textbox", { name: "Session 1 workflow" });
    await workflow.waitFor();
    await workflow.fill("Q4 board pack commentary");
    await page.getByRole("textbox", { name: "Tool name" }).fill("Microsoft 365 Copilot");
    await page.getByRole("button", { name: "Add how-to step" }).click();
    await page.getByRole("textbox", { name: "How-to step 1" }).fill("Open Copilot from the Microsoft 365 app and choose Work.");
    await page.getByRole("group", { name: "Session 1" }).getByRole("button", { name: "Add a link" }).click();
    await page.getByRole("textbox", { name: "Link 1 title" }).fill("Board pack commentary template");
    await page.getByRole("textbox", { name: "Link 1 address (https)" }).fill(TEMPLATE_URL);

    // The brief card, drawn by the Adaptive Cards SDK from what the server builds of the unsaved edits.
    const preview = page.getByRole("figure", { name: /Preview of session 1's brief/ });
    await preview.getByText("Q4 board pack commentary", { exact: false }).first().waitFor({ timeout: 15_000 });
    const drawn = await preview.innerText();
    expect(drawn).toContain("Q4 board pack commentary");
    expect(drawn).toContain("Microsoft 365 Copilot");
    expect(drawn).toContain("Board pack commentary template");
    expect(await preview.locator(".ac-adaptiveCard").count()).toBe(1);
    await screenshot(page, "track-authoring-preview-1280");

    await page.getByRole("button", { name: "Save", exact: true }).click();
    await page.getByText(/^Saved as version \d+\.$/).waitFor();

    // What the server holds now, read over HTTP.
    const admin = await apiAs(server, { tenantId: DEMO_TENANT_ID, ...persona("admin") });
    const list = (await admin.get("/api/tracks")).body as Array<{ id: string; name: string }>;
    const copyId = list.find((t) => t.name === COPY)!.id;
    const saved = (await admin.get(`/api/tracks/${copyId}`)).body as TrackDetail;
    expect(saved.builtIn).toBe(false);
    expect(saved.content.sessions[0]!.learn.workflow).toBe("Q4 board pack commentary");
    expect(saved.content.sessions[0]!.links).toEqual([{ title: "Board pack commentary template", url: TEMPLATE_URL }]);
    expect(saved.content.approvedTool?.name).toBe("Microsoft 365 Copilot");

    // After a reload, the editor opens on the saved version.
    await openTracksAsAdele(page);
    await page.getByRole("button", { name: `Edit ${COPY}` }).click();
    await expect(page.getByRole("textbox", { name: "Session 1 workflow" }).inputValue()).resolves.toBe("Q4 board pack commentary");
    await expect(page.getByRole("textbox", { name: "Tool name" }).inputValue()).resolves.toBe("Microsoft 365 Copilot");
    await expect(page.getByRole("textbox", { name: "Link 1 address (https)" }).inputValue()).resolves.toBe(TEMPLATE_URL);

    // The editor at 390 px: nothing sticks out sideways, and axe finds nothing serious.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole("figure", { name: /Preview of session 1's brief/ }).locator(".ac-adaptiveCard").waitFor();
    await screenshot(page, "track-authoring-editor-390");
    expect(await offViewportElements(page)).toEqual([]);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await context.close();
  });

  it("when the tab is dark, then the preview draws the card with Teams' dark colours", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: "dark" });
    const page = await context.newPage();
    await openTracksAsAdele(page);
    await page.getByRole("button", { name: `Copy ${FINANCE}`, exact: true }).click();
    const card = page.getByRole("figure", { name: /Preview of session 1's brief/ }).locator(".ac-adaptiveCard");
    await card.waitFor({ timeout: 15_000 });
    const background = await card.evaluate((el) => getComputedStyle(el).backgroundColor);
    const [r, g, b] = background.match(/\d+/g)!.map(Number) as [number, number, number];
    expect(0.2126 * r + 0.7152 * g + 0.0722 * b).toBeLessThan(80);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await context.close();
  });

  it("when the admin, on a phone in dark mode, gives the week-2 clinic its own time and length, then the server holds that list and the live sessions fit 390 px", async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, colorScheme: "dark" });
    const page = await context.newPage();
    await openTracksAsAdele(page);
    // The test above made a second copy by the same name: either is on the defaults.
    await page.getByRole("button", { name: `Edit ${COPY}` }).first().click();
    const section = page.getByRole("region", { name: "Live sessions" });
    await section.getByText("These are the defaults", { exact: false }).waitFor();
    await section.getByRole("spinbutton", { name: "Live session 3 length (minutes)" }).fill("60");
    await section.getByLabel("Live session 3 time (optional)").fill("14:00");
    await section.scrollIntoViewIfNeeded();
    await screenshot(page, "track-authoring-live-sessions-390-dark");
    expect(await offViewportElements(page)).toEqual([]);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await page.getByText(/^Saved as version \d+\.$/).waitFor();

    const admin = await apiAs(server, { tenantId: DEMO_TENANT_ID, ...persona("admin") });
    const copies = ((await admin.get("/api/tracks")).body as Array<{ id: string; name: string }>).filter((t) => t.name === COPY);
    const details = await Promise.all(copies.map(async (t) => (await admin.get(`/api/tracks/${t.id}`)).body as TrackDetail));
    expect(details.filter((d) => !d.liveSessionsAreDefaults)).toHaveLength(1);
    const saved = details.find((d) => !d.liveSessionsAreDefaults)!;
    expect(saved.content.liveSessions?.find((d) => d.key === "clinic.s2")).toMatchObject({ kind: "clinic", week: 2, durationMinutes: 60, localTime: "14:00" });
    expect(saved.content.liveSessions?.map((d) => d.key)).toEqual(saved.effectiveLiveSessions.map((d) => d.key));
    await context.close();
  });
});

function persona(id: string): { userId: string; displayName: string } {
  const p = DEMO_PERSONAS.find((x) => x.id === id)!;
  return { userId: p.userId, displayName: p.displayName };
}
