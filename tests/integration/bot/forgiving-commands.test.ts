/**
 * Smaller promises: commands understood however they are typed (case, spaces, hyphens — never by
 * substring), a help card with buttons that work, the policy not offered again to someone who
 * acknowledged it, and policy headings that read as headings. Real HTTP through the CloudAdapter.
 */
import { CHECKIN_VERBS } from "../../../bot/src/cards/checkin.card";
import { POLICY_VERBS } from "../../../bot/src/cards/policy.card";
import { BotDriver, cardText, imBackButtons } from "../../helpers/bot-driver";
import { validateCard } from "../../helpers/card-validator";
import { person, seedCohort } from "../../helpers/fixtures";
import { imBackActivity } from "../../helpers/teams-activities";
import { startTestServer, type TestServer } from "../../helpers/test-server";

const TENANT = "tenant-forgiving";
const alex = person(71, "Alex Wilber");
const megan = person(72, "Megan Bowen");

const verbsOn = (card: unknown) => JSON.stringify(card).match(/"verb":"[^"]+"/g) ?? [];

describe("commands and cards that keep their small promises", () => {
  let server: TestServer;
  let bot: BotDriver;

  beforeAll(async () => {
    server = await startTestServer({ now: "2026-03-10T12:00:00.000Z" });
    bot = new BotDriver(server, TENANT);
    await seedCohort(server.repos, { tenantId: TENANT, members: [alex], facilitators: [megan], serviceUrl: server.connector.serviceUrl });
  });
  afterAll(() => server.close());

  it.each(["Check in", "check-in", "CHECKIN", "Check In please", "check_in"])("when a member types %p, then the check-in opens", async (typed) => {
    const [card] = await bot.say(alex, typed);
    expect(cardText(card).split("\n")[0]).toBe("Check-in on session 2");
    expect(verbsOn(card)).toContain(`"verb":"${CHECKIN_VERBS.submit}"`);
  });

  it.each(["my-data", "My Data", "MY DATA"])("when a member types %p, then their data card opens", async (typed) => {
    const [card] = await bot.say(alex, typed);
    expect(cardText(card).split("\n")[0]).toBe("Your data");
  });

  it.each(["winter plans", "helpful", "checking", "mydatabase"])("when a member types %p, then no command is matched by substring", async (typed) => {
    const [card] = await bot.say(alex, typed);
    expect(cardText(card)).toMatch(/I didn't catch that/);
  });

  it("when a member asks for help, then the card has buttons for the main commands, and each button's message runs its command", async () => {
    const [help] = await bot.say(alex, "help");
    expect(validateCard(help!).errors).toEqual([]);
    const buttons = imBackButtons(help!);
    expect(buttons.map((b) => b.value)).toEqual(["next", "checkin", "ask", "progress"]);
    for (const button of buttons) {
      const before = server.connector.activities.length;
      const { status } = await bot.post(imBackActivity({ serviceUrl: server.connector.serviceUrl, tenantId: TENANT, user: alex, value: button.value }));
      expect(status).toBe(200);
      const reply = server.connector.activities.slice(before);
      expect(reply).toHaveLength(1);
      expect(cardText((reply[0]!.activity.attachments as Array<{ content: unknown }>)[0]!.content)).not.toMatch(/I didn't catch that/);
    }
  });

  it("when the policy is shown, then each section's heading stands alone and its items are plain lines", async () => {
    const [card] = await bot.say(alex, "policy");
    const json = JSON.stringify(card);
    expect(json).toContain('{"type":"TextBlock","text":"You can","weight":"Bolder","wrap":true,"style":"heading"}');
    expect(json).not.toMatch(/"type":"TextBlock","text":"[^"]*Drafting/);
    expect(cardText(card)).toMatch(/You can\n•\u00A0Drafting and editing documents/);
  });

  it("when someone who acknowledged the current policy opens it again, then they see when they did instead of the button", async () => {
    const [first] = await bot.say(alex, "policy");
    expect(verbsOn(first)).toContain(`"verb":"${POLICY_VERBS.acknowledge}"`);
    expect((await bot.invoke(alex, POLICY_VERBS.acknowledge, { version: 1 })).status).toBe(200);
    const [again] = await bot.say(alex, "Policy");
    expect(cardText(again)).toMatch(/You acknowledged version 1 on 2026-03-10/);
    expect(cardText(again)).not.toMatch(/I have read and will follow this policy/);
    expect(verbsOn(again)).toEqual([]);
    expect(validateCard(again!).errors).toEqual([]);
  });
});
