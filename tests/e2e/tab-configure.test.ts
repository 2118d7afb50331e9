/**
 * The channel tab's configuration page in headless Chromium, inside a STAND-IN FOR TEAMS: a tiny
 * host page (served on the app's own origin through playwright's routing) that frames
 * /tab/configure and speaks teams-js's postMessage protocol the way the Teams client does. It
 * answers `initialize` with the "settings" frame context and a runtime that supports
 * pages.config, answers `getContext`, hands out an SSO token (from the local sign-in, standing in
 * for Teams SSO), records `settings.setValidityState` / `settings.setSettings` /
 * `settings.save.success`, and presses "Save" by sending `settings.save`. It is not Teams: it
 * proves the page makes the calls Teams needs to enable Save and store the tab.
 */
import type { Browser, Page } from "playwright-core";
import { ensureTabBuilt, launchBrowser } from "../helpers/browser";
import { startTestServer, type TestServer } from "../helpers/test-server";

jest.setTimeout(60_000);

const HOST_PATH = "/teams-host-standin.html";

/** The host stand-in: frames the configure page and answers teams-js like a Teams client would. */
const HOST_PAGE = `<!doctype html><html lang="en"><head><title>Teams host stand-in</title></head><body>
<h1>Teams host stand-in (not Teams)</h1>
<iframe id="app" title="app" src="/tab/configure" style="width:900px;height:700px"></iframe>
<script>
  window.hostLog = [];
  const frame = document.getElementById("app");
  const runtime = { apiVersion: 4, supports: { app: {}, appEntity: {}, pages: { config: {}, appButton: {}, tabs: {}, fullTrust: {} }, teams: { fullTrust: {} } } };
  const context = { locale: "en-gb", theme: "default", frameContext: "settings", hostClientType: "web", tid: "standin-tenant", userObjectId: "standin-user", teamId: "19:team", channelId: "19:channel", entityId: "" };
  async function token() {
    const res = await fetch("/api/local/sign-in", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ personaId: "facilitator" }) });
    return (await res.json()).token;
  }
  const reply = (msg, args) => frame.contentWindow.postMessage({ id: msg.id, uuidAsString: msg.uuidAsString, args }, window.location.origin);
  window.addEventListener("message", async (evt) => {
    if (evt.source !== frame.contentWindow || !evt.data || typeof evt.data.func !== "string") return;
    const msg = evt.data;
    window.hostLog.push({ func: msg.func, args: msg.args });
    switch (msg.func) {
      case "initialize": return reply(msg, ["settings", "web", JSON.stringify(runtime), "2.58.0"]);
      case "getContext": return reply(msg, [context]);
      case "authentication.getAuthToken": return reply(msg, [true, await token()]);
      case "settings.setSettings": return reply(msg, [true]);
      default: return reply(msg, []);
    }
  });
  /** What Teams does when the user presses Save. */
  window.pressSave = () => frame.contentWindow.postMessage({ func: "settings.save", args: [{}] }, window.location.origin);
</script></body></html>`;

type HostMessage = { func: string; args: unknown[] };

/** Waits until `read` gives `expected` (compared as JSON), failing with the last value after `ms`. */
async function poll<T>(read: () => Promise<T>, expected: T, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  let last: T = await read();
  while (JSON.stringify(last) !== JSON.stringify(expected) && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 100));
    last = await read();
  }
  expect(last).toEqual(expected);
}

describe("adding the channel tab (configuration page, in a Teams host stand-in)", () => {
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

  async function openInHost(): Promise<{ page: Page }> {
    const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
    await page.route(`${server.baseUrl}${HOST_PATH}`, (route) => route.fulfill({ status: 200, contentType: "text/html", body: HOST_PAGE }));
    await page.goto(`${server.baseUrl}${HOST_PATH}`);
    const app = page.frameLocator("#app");
    await app.getByRole("heading", { name: "Add Cohort Coach to this channel" }).waitFor({ timeout: 15_000 });
    return { page };
  }
  const log = (page: Page) => page.evaluate(() => (window as unknown as { hostLog: HostMessage[] }).hostLog);
  const calls = async (page: Page, func: string) => (await log(page)).filter((m) => m.func === func);

  it("when a facilitator picks a cohort and presses Save, then Save is enabled and the tab is saved to show that cohort's programme", async () => {
    const { page } = await openInHost();
    const app = page.frameLocator("#app");
    // Before a choice Save stays disabled: the page has said nothing is valid yet.
    expect((await calls(page, "settings.setValidityState")).map((m) => m.args[0])).not.toContain(true);

    const picker = app.getByLabel("Cohort for this channel");
    const options = await picker.locator("option").evaluateAll((els) => els.map((e) => ({ value: (e as HTMLOptionElement).value, label: e.textContent ?? "" })));
    // The last of the facilitator's cohorts: not the one the programme view would open by default.
    const cohort = options.filter((o) => o.value).at(-1)!;
    expect(cohort).toBeDefined();
    await picker.selectOption(cohort.value);
    await poll(async () => (await calls(page, "settings.setValidityState")).at(-1)?.args[0], true);
    expect((await calls(page, "registerHandler")).map((m) => m.args[0])).toContain("save");

    await page.evaluate(() => (window as unknown as { pressSave: () => void }).pressSave());
    await poll(async () => (await calls(page, "settings.save.success")).length, 1);
    const [saved] = await calls(page, "settings.setSettings");
    const name = cohort.label.replace(/ \(week \d+\)$/, "");
    expect(saved!.args[0]).toEqual({
      contentUrl: `${server.baseUrl}/tab/programme?cohort=${encodeURIComponent(cohort.value)}`,
      websiteUrl: `${server.baseUrl}/tab/programme?cohort=${encodeURIComponent(cohort.value)}`,
      entityId: `programme-${cohort.value}`,
      suggestedDisplayName: `Programme: ${name}`,
    });

    // The saved tab opens on that cohort.
    await page.frames().find((f) => f.url().includes("/tab/configure"))!.goto((saved!.args[0] as { contentUrl: string }).contentUrl);
    const shown = page.frameLocator("#app").getByLabel("Cohort", { exact: true });
    await poll(() => shown.inputValue(), cohort.value, 15_000);
    await page.close();
  });
});
