/**
 * Personal data only ever in the member's 1:1 chat. Commands and card actions honour the scopes
 * the manifest declares (one table: BOT_COMMANDS for commands, CARD_ACTION_SCOPES for verbs): in a
 * team channel or a group chat a personal command, or a card action that carries or reveals one
 * person's data, is answered with a pointer to the 1:1 chat and shows nothing of theirs.
 */
import fs from "node:fs";
import path from "node:path";
import { CHECKIN_VERBS } from "../../../bot/src/cards/checkin.card";
import { MY_DATA_VERBS } from "../../../bot/src/cards/my-data.card";
import { QUESTION_VERBS } from "../../../bot/src/cards/question.card";
import { WIN_VERBS } from "../../../bot/src/cards/win.card";
import { BOT_COMMANDS, CARD_ACTION_SCOPES } from "../../../bot/src/contract/bot-commands";
import { CARD_ACTIONS } from "../../../bot/src/teams/card-actions";
import { actionData, BotDriver, cardOf, cardText } from "../../helpers/bot-driver";
import { person, seedCohort } from "../../helpers/fixtures";
import { invokeActivity, type ActivityBase } from "../../helpers/teams-activities";
import { startTestServer, type TestServer } from "../../helpers/test-server";

const TENANT = "tenant-channel-privacy";
const COHORT = "finance-test";
const alex = person(61, "Alex Wilber");
const megan = person(62, "Megan Bowen");
const TEAM = { id: "19:privacy-team@thread.tacv2", name: "Finance team" };
const SECRET_WIN = "Closed the books in half the time thanks to Copilot";

describe("personal data stays in the 1:1 chat", () => {
  let server: TestServer;
  let bot: BotDriver;

  beforeAll(async () => {
    server = await startTestServer({ now: "2026-03-10T12:00:00.000Z" });
    bot = new BotDriver(server, TENANT);
    await seedCohort(server.repos, { tenantId: TENANT, members: [alex], facilitators: [megan], serviceUrl: server.connector.serviceUrl });
    // Something personal to (not) leak: a win Alex recorded in their 1:1 chat.
    const [winCard] = await bot.say(alex, "win");
    const { status } = await bot.invoke(alex, WIN_VERBS.submit, { ...actionData(winCard!, WIN_VERBS.submit), text: SECRET_WIN, minutesSaved: "30" });
    expect(status).toBe(200);
  });
  afterAll(() => server.close());

  const inChannel = (user = alex): ActivityBase => ({ serviceUrl: server.connector.serviceUrl, tenantId: TENANT, user, conversationType: "channel", conversationId: `${TEAM.id};messageid=42`, team: TEAM, channel: { id: TEAM.id, name: "General" } });
  const inGroupChat = (user = alex): ActivityBase => ({ serviceUrl: server.connector.serviceUrl, tenantId: TENANT, user, conversationType: "groupChat", conversationId: "19:privacy-group@thread.v2" });

  const personalCommands = BOT_COMMANDS.filter((c) => !c.scopes.includes("team") && c.scopes.includes("personal")).map((c) => c.name);

  it("when the policy table is read, then every command and verb has scopes, and the commands' scopes are the manifest's commandLists", () => {
    expect(personalCommands).toEqual(expect.arrayContaining(["my data", "checkin", "progress", "ask", "next", "win", "policy"]));
    expect([...CARD_ACTIONS.keys()].filter((verb) => !CARD_ACTION_SCOPES[verb])).toEqual([]);
    for (const verb of [CHECKIN_VERBS.submit, CHECKIN_VERBS.refresh, QUESTION_VERBS.submit, WIN_VERBS.submit, MY_DATA_VERBS.askDelete, MY_DATA_VERBS.confirmDelete]) expect(CARD_ACTION_SCOPES[verb]).toEqual(["personal"]);
    const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, "../../../appPackage/manifest.json"), "utf8")) as { bots: Array<{ commandLists: Array<{ scopes: string[]; commands: Array<{ title: string }> }> }> };
    for (const scope of ["personal", "team", "groupChat"] as const) {
      const listed = manifest.bots[0]!.commandLists.filter((l) => l.scopes.includes(scope)).flatMap((l) => l.commands.map((c) => c.title)).sort();
      expect(BOT_COMMANDS.filter((c) => c.scopes.includes(scope)).map((c) => c.name).sort()).toEqual(listed);
    }
  });

  describe.each([
    ["a team channel", inChannel],
    ["a group chat", inGroupChat],
  ])("in %s", (_where, where) => {
    it.each(personalCommands)("when a member types '%s', then the answer points to the 1:1 chat and shows nothing of theirs", async (command) => {
      const before = server.connector.activities.length;
      const replies = await bot.say(alex, command, where());
      expect(replies).toHaveLength(1);
      const text = cardText(replies[0]);
      expect(text).toMatch(/1:1 chat/);
      expect(text).not.toContain(SECRET_WIN);
      expect(text).not.toMatch(/Finance test cohort|confidence|check-in:|Your data|Ask a question|Share a win/i);
      expect(JSON.stringify(replies[0])).toContain("https://teams.microsoft.com/l/chat/0/0?users=28%3Acohort-coach-bot");
      // The only thing sent went to where it was asked, and it was that pointer.
      expect(server.connector.activities.slice(before).map((a) => a.conversationId)).toEqual([where().conversationId]);
    });

    it("when 'help' is typed, then it is answered there, listing only what works there", async () => {
      const [help] = await bot.say(alex, "help", where());
      expect(cardText(help)).toMatch(/What I can do/);
      expect(cardText(help)).not.toMatch(/\bmy data\b/);
    });
  });

  it("when an anonymous question is submitted from a channel, then it is refused, nothing is stored, and nothing is posted under the member's name", async () => {
    const [ask] = await bot.say(alex, "ask");
    const before = server.connector.activities.length;
    const { status, body } = await bot.post(invokeActivity({ ...inChannel(), verb: QUESTION_VERBS.submit, data: { ...actionData(ask!, QUESTION_VERBS.submit), text: "Is it fine to paste supplier names?", anonymous: "true" } }));
    expect(status).toBe(200);
    const card = (body as { value: object }).value;
    expect(cardText(card)).toMatch(/1:1 chat/);
    expect(JSON.stringify(body)).not.toMatch(/supplier names|Alex/);
    expect(await server.repos.questions.listByCohort(TENANT, COHORT)).toEqual([]);
    expect(server.connector.activities.slice(before)).toEqual([]);
  });

  it.each([
    [MY_DATA_VERBS.askDelete, { cohortId: COHORT }],
    [MY_DATA_VERBS.confirmDelete, { cohortId: COHORT }],
    [CHECKIN_VERBS.refresh, { cohortId: COHORT, sessionNumber: 1 }],
    [WIN_VERBS.submit, { cohortId: COHORT, draftId: "0b7c3a8e-2f71-4a8b", text: "posted from a channel", share: "false" }],
  ])("when '%s' is invoked from a group chat, then it is refused with the pointer and changes nothing", async (verb, data) => {
    const before = JSON.stringify(await server.repos.loop.listCohortRecords(TENANT, COHORT)) + JSON.stringify(await server.repos.wins.listByCohort(TENANT, COHORT));
    const { status, body } = await bot.post(invokeActivity({ ...inGroupChat(), verb, data }));
    expect(status).toBe(200);
    expect(cardText((body as { value: object }).value)).toMatch(/1:1 chat/);
    expect(JSON.stringify(body)).not.toContain(SECRET_WIN);
    expect(JSON.stringify(await server.repos.loop.listCohortRecords(TENANT, COHORT)) + JSON.stringify(await server.repos.wins.listByCohort(TENANT, COHORT))).toBe(before);
  });

  it("when the same commands are typed in the 1:1 chat, then they answer as before", async () => {
    const [mine] = await bot.say(alex, "my data");
    expect(cardText(mine)).toContain(SECRET_WIN);
    const sent = server.connector.activities.at(-1)!;
    expect(sent.conversationId).toBe(alex.conversationId);
    expect(cardText(cardOf(sent))).toContain(SECRET_WIN);
  });
});
