/**
 * `create cohort` in a team channel with a first session in the past: refused with a message that
 * names the form's own "This cohort is already running" toggle, and accepted once it is switched on.
 * Real HTTP through the CloudAdapter; the Teams service is the local Bot Connector stand-in.
 */
import { CREATE_COHORT_VERBS } from "../../../bot/src/cards/create-cohort.card";
import type { AdaptiveCardJson } from "../../../bot/src/domain/ports";
import { actionData, BotDriver, cardText } from "../../helpers/bot-driver";
import { validateCard } from "../../helpers/card-validator";
import { person, seedCohort } from "../../helpers/fixtures";
import { invokeActivity, type ActivityBase } from "../../helpers/teams-activities";
import { startTestServer, type TestServer } from "../../helpers/test-server";

const TENANT = "tenant-already-running";
const megan = person(32, "Megan Bowen");
const alex = person(31, "Alex Wilber");
const TEAM = { id: "19:finance-team@thread.tacv2", name: "Finance team" };
const GENERAL = { id: TEAM.id, name: "General" };
/** Tuesday 3 March 2026: 23 February is last week's Monday. */
const NOW = "2026-03-03T12:00:00.000Z";
const PAST_START = "2026-02-23";

function toggles(card: unknown): Array<{ id: string; title: string }> {
  const found: Array<{ id: string; title: string }> = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === "object") {
      const obj = node as Record<string, unknown>;
      if (obj.type === "Input.Toggle") found.push({ id: String(obj.id), title: String(obj.title) });
      Object.values(obj).forEach(walk);
    }
  };
  walk(card);
  return found;
}

function inputValue(card: unknown, id: string): unknown {
  let value: unknown;
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === "object") {
      const obj = node as Record<string, unknown>;
      if (obj.id === id && typeof obj.type === "string" && obj.type.startsWith("Input.")) value = obj.value;
      Object.values(obj).forEach(walk);
    }
  };
  walk(card);
  return value;
}

describe("create cohort from a team, with a first session in the past", () => {
  let server: TestServer;
  let bot: BotDriver;

  beforeAll(async () => {
    server = await startTestServer({ now: NOW });
    bot = new BotDriver(server, TENANT);
    // Megan facilitates a cohort already, so she may create cohorts she will facilitate.
    await seedCohort(server.repos, { tenantId: TENANT, members: [alex], facilitators: [megan], serviceUrl: server.connector.serviceUrl });
    server.connector.setRoster(TEAM.id, [megan, alex].map((p) => ({ id: p.id, aadObjectId: p.aadObjectId, name: p.name })));
  });
  afterAll(() => server.close());

  const inTeam = (): ActivityBase => ({ serviceUrl: server.connector.serviceUrl, tenantId: TENANT, user: megan, conversationType: "channel", conversationId: `${TEAM.id};messageid=1`, team: TEAM, channel: GENERAL });

  async function submit(form: AdaptiveCardJson, fields: Record<string, string>): Promise<AdaptiveCardJson> {
    const { status, body } = await bot.post(invokeActivity({ ...inTeam(), verb: CREATE_COHORT_VERBS.submit, data: { ...actionData(form, CREATE_COHORT_VERBS.submit), ...fields } }));
    expect(status).toBe(200);
    return (body as { value: AdaptiveCardJson }).value;
  }

  const fields = (name: string) => ({ name, trackId: "finance", startDate: PAST_START, timeZone: "Europe/London", kind: "team" });

  it("when the form is sent with a past date and the toggle off, then it comes back naming the toggle it has, with what was typed, and nothing is created", async () => {
    const [form] = await bot.say(megan, "create cohort", inTeam());
    expect(toggles(form)).toContainEqual({ id: "alreadyRunning", title: "This cohort is already running" });

    const before = (await server.repos.cohorts.list(TENANT)).length;
    const refused = await submit(form!, { ...fields("Finance catch-up"), alreadyRunning: "false" });
    const text = cardText(refused);
    expect(text).toMatch(/Create a cohort from this team/);
    expect(text).toMatch(/in the past/);
    expect(text).toMatch(/"This cohort is already running"/);
    // Every toggle the message names is on the card it comes back on.
    for (const [, named] of text.matchAll(/"([^"]+)"/g)) expect(toggles(refused).map((t) => t.title)).toContain(named);
    expect(inputValue(refused, "name")).toBe("Finance catch-up");
    expect(inputValue(refused, "startDate")).toBe(PAST_START);
    expect(validateCard(refused).errors).toEqual([]);
    expect((await server.repos.cohorts.list(TENANT)).length).toBe(before);
  });

  it("when the toggle is switched on, then the cohort is created as already running and the card says members join at the current week", async () => {
    const [form] = await bot.say(megan, "create cohort", inTeam());
    const created = cardText(await submit(form!, { ...fields("Finance already running"), alreadyRunning: "true" }));
    expect(created).toMatch(/Finance already running: 2 members, first session 2026-02-23/);
    expect(created).toMatch(/already running.*week 2/);
    expect(created).not.toMatch(/starting with the AI-use policy/);
    const cohort = (await server.repos.cohorts.list(TENANT)).find((c) => c.name === "Finance already running");
    expect(cohort?.startDate).toBe(PAST_START);
  });
});
