/**
 * Installs in the three scopes, and the bot in a team channel: greeting once, remembering how to
 * reach people and teams, @mentioned commands, and `create cohort` from a team's paged roster with
 * 1:1 chats opened for members who never installed the app. Real HTTP through the CloudAdapter;
 * the Teams service is the local Bot Connector stand-in.
 */
import { CREATE_COHORT_VERBS } from "../../../bot/src/cards/create-cohort.card";
import { actionData, BotDriver, cardOf, cardText, eventually } from "../../helpers/bot-driver";
import type { RosterMember } from "../../helpers/bot-connector-stub";
import { validateCard } from "../../helpers/card-validator";
import { person, seedCohort } from "../../helpers/fixtures";
import { installActivity, invokeActivity, membersAddedActivity, type ActivityBase } from "../../helpers/teams-activities";
import { startTestServer, type TestServer } from "../../helpers/test-server";

const TENANT = "tenant-installs";
const alex = person(21, "Alex Wilber");
const megan = person(22, "Megan Bowen");
const newcomer = person(23, "Nestor Wilke");
const TEAM = { id: "19:finance-team@thread.tacv2", name: "Finance team" };
const GENERAL = { id: TEAM.id, name: "General" };

describe("installs, and the bot in a team", () => {
  let server: TestServer;
  let bot: BotDriver;

  beforeAll(async () => {
    server = await startTestServer({ now: "2026-03-03T12:00:00.000Z" });
    bot = new BotDriver(server, TENANT);
    const cohort = await seedCohort(server.repos, { tenantId: TENANT, members: [alex], facilitators: [megan], serviceUrl: server.connector.serviceUrl });
    const { etag } = (await server.repos.cohorts.get(TENANT, cohort.id))!;
    // Created in the tab with the team as wins channel, before the app was ever used in that team.
    await server.repos.cohorts.update({ ...cohort, winsChannel: { teamId: TEAM.id, channelId: GENERAL.id } }, etag);
  });
  afterAll(() => server.close());

  const where = (user = newcomer, extra: Partial<ActivityBase> = {}): ActivityBase => ({ serviceUrl: server.connector.serviceUrl, tenantId: TENANT, user, conversationId: `a:1on1-${user.id}`, ...extra });
  const inTeam = (user = megan): ActivityBase => where(user, { conversationType: "channel", conversationId: `${TEAM.id};messageid=1`, team: TEAM, channel: GENERAL });

  async function cardsAfter(...activities: object[]) {
    const before = server.connector.activities.length;
    for (const activity of activities) expect((await bot.post(activity)).status).toBe(200);
    return server.connector.activities.slice(before);
  }

  describe("in a personal chat", () => {
    it("when someone in no cohort installs the app, then they are welcomed once and told what happens next", async () => {
      const sent = await cardsAfter(installActivity(where()), membersAddedActivity(where()));
      expect(sent).toHaveLength(1);
      const text = cardText(cardOf(sent[0]!));
      expect(text).toMatch(/Welcome, Nestor/);
      expect(text).toMatch(/Your facilitator will add you to a cohort/);
      expect((await server.repos.people.get(TENANT, newcomer.aadObjectId))?.conversationReference).toMatchObject({ conversation: { id: `a:1on1-${newcomer.id}` }, serviceUrl: server.connector.serviceUrl });
    });

    it("when the app is updated, then nobody is greeted again", async () => {
      expect(await cardsAfter(installActivity({ ...where(), action: "add-upgrade" }))).toEqual([]);
    });

    it("when the member removes the app, then they are marked unreachable; adding it back clears that and greets them", async () => {
      await cardsAfter(installActivity({ ...where(), action: "remove" }));
      expect((await server.repos.people.get(TENANT, newcomer.aadObjectId))?.unreachableSince).toBe("2026-03-03T12:00:00.000Z");
      const sent = await cardsAfter(installActivity(where()));
      expect(sent).toHaveLength(1);
      expect((await server.repos.people.get(TENANT, newcomer.aadObjectId))?.unreachableSince).toBeUndefined();
    });

    it("when a cohort member installs it, then the welcome names the cohort and what is waiting", async () => {
      const [welcome] = await cardsAfter(installActivity(where(alex)));
      const text = cardText(cardOf(welcome!));
      expect(text).toMatch(/You are in Finance test cohort/);
      expect(text).toMatch(/First: \*\*Acknowledge the AI-use policy\*\*\. \d+ more after that\. Type \*\*next\*\* to open it\./);
      expect(validateCard(cardOf(welcome!)).errors).toEqual([]);
    });
  });

  describe("in a team", () => {
    it("when the app is added to a team, then the channel is greeted once and cohorts sharing wins there can reach it", async () => {
      const sent = await cardsAfter(installActivity(inTeam()), membersAddedActivity(inTeam()));
      expect(sent.map((a) => a.conversationId)).toEqual([`${TEAM.id};messageid=1`]);
      const text = cardText(cardOf(sent[0]!));
      expect(text).toMatch(/^Welcome!/);
      expect(text).toMatch(/type \*\*create cohort\*\* here/);
      expect((await server.repos.cohorts.get(TENANT, "finance-test"))?.winsChannel).toEqual({ teamId: TEAM.id, channelId: GENERAL.id, serviceUrl: server.connector.serviceUrl });
    });

    it("when the bot is @mentioned with a command, then the mention is ignored and the command answered", async () => {
      const [help] = await bot.say(megan, "Help", inTeam());
      expect(cardText(help)).toMatch(/What I can do/);
      expect(cardText(help)).toMatch(/create cohort/);
      expect(cardText(help)).not.toMatch(/\bcheckin\b/);
    });

    it("when a cohort made in the tab shares wins to a team the bot is already in, then the next message there records how to reach it", async () => {
      const team = { id: "19:marketing-team@thread.tacv2", name: "Marketing" };
      await seedCohort(server.repos, { tenantId: TENANT, cohortId: "marketing-test", members: [], facilitators: [megan], serviceUrl: server.connector.serviceUrl });
      const { etag, ...cohort } = (await server.repos.cohorts.get(TENANT, "marketing-test"))!;
      await server.repos.cohorts.update({ ...cohort, winsChannel: { teamId: team.id, channelId: team.id } }, etag);
      await bot.say(megan, "help", where(megan, { conversationType: "channel", conversationId: `${team.id};messageid=7`, team, channel: { id: team.id } }));
      expect((await server.repos.cohorts.get(TENANT, "marketing-test"))?.winsChannel?.serviceUrl).toBe(server.connector.serviceUrl);
    });

    it("when someone who facilitates nothing types 'create cohort', then they are told who can, and get no form", async () => {
      const [reply] = await bot.say(newcomer, "create cohort", inTeam(newcomer));
      expect(cardText(reply)).toMatch(/Only admins and facilitators can create cohorts/);
      expect(cardText(reply)).not.toMatch(/Create a cohort from this team/);
    });

    it("when 'create cohort' is typed in a personal chat, then the member is told to use a team channel", async () => {
      const [reply] = await bot.say(megan, "create cohort", { conversationId: megan.conversationId });
      expect(cardText(reply)).toMatch(/in a channel of the team/);
    });

    it("when the create-cohort form is sent without a name, then it comes back with the problem and nothing is created", async () => {
      const [form] = await bot.say(megan, "create cohort", inTeam());
      const before = (await server.repos.cohorts.list(TENANT)).length;
      const { body } = await bot.post(invokeActivity({ ...inTeam(), verb: CREATE_COHORT_VERBS.submit, data: { ...actionData(form!, CREATE_COHORT_VERBS.submit), name: "", trackId: "finance", startDate: "2026-04-06", timeZone: "Europe/London", kind: "team" } }));
      const card = (body as { value: object }).value;
      expect(cardText(card)).toMatch(/Give the cohort a name/);
      expect(cardText(card)).toMatch(/Create a cohort from this team/);
      expect((await server.repos.cohorts.list(TENANT)).length).toBe(before);
    });

    it("when a facilitator creates a cohort from the team, then every member on every roster page joins and those the bot cannot reach get a 1:1 chat", async () => {
      // More members than one roster page (500) holds; Megan and Alex already have chats with the bot.
      const roster: RosterMember[] = [megan, alex, ...Array.from({ length: 518 }, (_, i) => person(1000 + i, `Team member ${i}`))].map((p) => ({ id: p.id, aadObjectId: p.aadObjectId, name: p.name }));
      server.connector.setRoster(TEAM.id, roster);
      const [form] = await bot.say(megan, "create cohort", inTeam());
      expect(cardText(form)).toMatch(/Create a cohort from this team/);
      const { status, body } = await bot.post(invokeActivity({ ...inTeam(), verb: CREATE_COHORT_VERBS.submit, data: { ...actionData(form!, CREATE_COHORT_VERBS.submit), name: "Finance team AI", trackId: "finance", startDate: "2026-04-06", timeZone: "Europe/London", kind: "team" } }));
      expect(status).toBe(200);
      expect(cardText((body as { value: object }).value)).toMatch(/Finance team AI: 520 members, first session 2026-04-06/);

      const created = (await server.repos.cohorts.list(TENANT)).find((c) => c.name === "Finance team AI")!;
      expect(created.facilitatorIds).toEqual([megan.aadObjectId]);
      expect(created.winsChannel).toEqual({ teamId: TEAM.id, channelId: GENERAL.id, channelName: "General", serviceUrl: server.connector.serviceUrl });
      expect(await server.repos.memberships.listByCohort(TENANT, created.id)).toHaveLength(520);

      // Opening the chats happens after the form was answered; it logs once when done.
      const done = await eventually(() => server.logs.find((l) => l.message === "1:1 chats opened from a team roster"), 1000);
      expect(done.fields).toMatchObject({ unreached: 518, opened: 518 });
      const opened = server.connector.createdConversations;
      expect(opened.map((c) => c.memberId).sort()).toEqual(roster.slice(2).map((m) => m.id).sort());
      expect(opened.every((c) => c.tenantId === TENANT)).toBe(true);
      const last = roster.at(-1)!;
      const reachable = await server.repos.people.get(TENANT, last.aadObjectId);
      expect(reachable?.conversationReference).toMatchObject({ conversation: { id: `a:1on1-${last.id}`, conversationType: "personal", tenantId: TENANT }, user: { aadObjectId: last.aadObjectId } });
    });
  });

  describe("in a group chat", () => {
    it("when the app is added to a group chat, then the chat is greeted and 'help' lists what works there", async () => {
      const group = where(megan, { conversationType: "groupChat", conversationId: "19:group-chat@thread.v2" });
      const [welcome] = await cardsAfter(installActivity(group));
      expect(cardText(cardOf(welcome!))).toMatch(/Each member gets the programme in a 1:1 chat with me/);
      const [help] = await bot.say(megan, "help", group);
      expect(cardText(help)).toMatch(/What I can do/);
    });
  });
});
