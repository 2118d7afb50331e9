/**
 * Leaders go first, visibly, over real HTTP through the CloudAdapter with the Bot Connector
 * stand-in as Teams and the scheduler driven on an injected clock: a leader opens "Share an
 * experiment" from their win card and shares one with consent; it is posted once to each of the two
 * team cohorts that follow the leadership cohort, and opens their next session brief with the
 * leader's name. An experiment shared without consent is posted nowhere and quoted nowhere.
 */
import { EXPERIMENT_VERBS } from "../../../bot/src/cards/experiment.card";
import type { AdaptiveCardJson } from "../../../bot/src/domain/ports";
import { createScheduler } from "../../../bot/src/scheduler/scheduler";
import { actionData, BotDriver, cardOf, cardText } from "../../helpers/bot-driver";
import { validateCard } from "../../helpers/card-validator";
import { person, seedCohort, type FixturePerson } from "../../helpers/fixtures";
import { startTestServer, type TestServer } from "../../helpers/test-server";

const TENANT = "tenant-leaders-first";
const leader = person(1001, "Lena Leader");
const quietLeader = person(1002, "Quinn Quiet");
const finMember = person(1003, "Fin Member");
const opsMember = person(1004, "Ops Member");
const facilitator = person(1005, "Fay Facilitator");
const CHANNELS = { fin: "19:fin-channel@thread.tacv2", ops: "19:ops-channel@thread.tacv2" };
const fast = { ratePerSecond: 2000, random: () => 0.5 };

// Team cohorts start Monday 2 March 09:30 London, two weeks after their leaders; session 2 is Monday 9 March.
const WEEK_ONE = "2026-03-04T12:00:00.000Z";
const SESSION_TWO = "2026-03-09T09:31:00.000Z";

describe("leaders go first, visibly", () => {
  let server: TestServer;
  let bot: BotDriver;
  const postsTo = (channelId: string, text: string) => server.connector.activities.filter((a) => a.operation !== "update" && a.conversationId.startsWith(channelId) && JSON.stringify(a.activity).includes(text));
  const cardsTo = (p: FixturePerson, text: string, from = 0): AdaptiveCardJson[] =>
    server.connector.activities.slice(from).filter((a) => a.operation !== "update" && a.conversationId === p.conversationId && JSON.stringify(a.activity).includes(text)).map(cardOf);

  beforeAll(async () => {
    server = await startTestServer({ now: WEEK_ONE });
    bot = new BotDriver(server, TENANT);
    const serviceUrl = server.connector.serviceUrl;
    await seedCohort(server.repos, { tenantId: TENANT, cohortId: "lead", cohortName: "Leadership team", kind: "leadership", trackId: "leadership", startDate: "2026-02-16", members: [leader, quietLeader], facilitators: [facilitator], serviceUrl });
    for (const [id, name, member] of [["fin", "Finance team", finMember], ["ops", "Ops team", opsMember]] as const) {
      const team = await seedCohort(server.repos, { tenantId: TENANT, cohortId: id, cohortName: name, leadershipCohortId: "lead", startDate: "2026-03-02", members: [member], facilitators: [facilitator], serviceUrl });
      await server.repos.cohorts.update({ ...team, winsChannel: { teamId: `19:${id}-team`, channelId: CHANNELS[id], channelName: "Wins", serviceUrl } }, (await server.repos.cohorts.get(TENANT, id))!.etag);
    }
  });
  afterAll(() => server.close());

  const experiment = (draftId: string, share: boolean, tried: string) => ({ cohortId: "lead", draftId, work: "the Q1 board pack", tried, outcome: "It got the structure right and two numbers wrong", share: String(share) });

  it("when a leader shares an experiment with consent, then it is posted once to each following team cohort's channel", async () => {
    const [winCard] = await bot.say(leader, "win", { conversationId: leader.conversationId });
    const open = actionData(winCard!, EXPERIMENT_VERBS.open);
    const opened = await bot.invoke(leader, EXPERIMENT_VERBS.open, open);
    expect(cardText(opened.body.value)).toContain('"Finance team", "Ops team"');
    expect(validateCard(opened.body.value!, Object.values(EXPERIMENT_VERBS)).errors).toEqual([]);

    const shared = await bot.invoke(leader, EXPERIMENT_VERBS.submit, experiment("draft-lead-0001", true, "Asked Copilot to draft the board pack narrative"));
    expect(cardText(shared.body.value)).toContain("on its way to 2 team cohorts");
    // A double click is the same experiment: nothing goes out twice.
    await bot.invoke(leader, EXPERIMENT_VERBS.submit, experiment("draft-lead-0001", true, "Asked Copilot to draft the board pack narrative"));
    await server.service.scheduler.sendSoon(TENANT, "fin");
    await server.service.scheduler.sendSoon(TENANT, "ops");
    await createScheduler(server.ctx, server.service.bot.sender, fast).tick();

    for (const channel of [CHANNELS.fin, CHANNELS.ops]) {
      const posts = postsTo(channel, "Asked Copilot to draft the board pack narrative");
      expect(posts).toHaveLength(1);
      const card = cardOf(posts[0]!);
      expect(cardText(card)).toContain("Lena Leader shared an experiment");
      expect(cardText(card)).toContain("two numbers wrong");
      expect(validateCard(card).errors).toEqual([]);
    }
    // Once a team's channel has it, the experiment is marked posted (in the leadership cohort, where it is kept).
    const stored = (await server.repos.wins.listByCohort(TENANT, "lead")).find((w) => w.text.includes("Asked Copilot to draft the board pack narrative") || JSON.stringify(w).includes("Asked Copilot to draft the board pack narrative"));
    expect(stored?.postedToChannelAt).toEqual(expect.any(String));
  });

  it("when a leader shares an experiment without consent, then it is posted to no channel", async () => {
    const shared = await bot.invoke(quietLeader, EXPERIMENT_VERBS.submit, experiment("draft-quiet-0001", false, "Tried summarising the risk register"));
    expect(cardText(shared.body.value)).toContain("it was not shared with your teams");
    await server.service.scheduler.sendSoon(TENANT, "fin");
    await createScheduler(server.ctx, server.service.bot.sender, fast).tick();
    expect(server.connector.activities.filter((a) => JSON.stringify(a.activity).includes("Tried summarising the risk register"))).toEqual([]);
    const recorded = (await server.repos.wins.listByCohort(TENANT, "lead")).find((w) => w.text === "Tried summarising the risk register");
    expect(recorded).toMatchObject({ shareConsent: false, experiment: { work: "the Q1 board pack" } });
    for (const team of ["fin", "ops"]) expect(await server.repos.deliveries.listForEvent(TENANT, team, `experiment.${recorded!.id}`)).toEqual([]);
  });

  it("when the team cohorts' next brief goes out, then it opens with the leader's experiment (and never the unshared one)", async () => {
    const before = server.connector.activities.length;
    server.clock.set(SESSION_TWO);
    await createScheduler(server.ctx, server.service.bot.sender, fast).tick();
    for (const member of [finMember, opsMember]) {
      const briefs = cardsTo(member, "Session 2", before);
      expect(briefs).toHaveLength(1);
      const text = cardText(briefs[0]!);
      expect(text).toContain("From your leaders");
      expect(text).toContain("Lena Leader tried it on the Q1 board pack");
      expect(text).toContain("Asked Copilot to draft the board pack narrative");
      expect(text).not.toContain("risk register");
      expect(validateCard(briefs[0]!).errors).toEqual([]);
    }
  });

  it("when a team member tries to share an experiment, then they are told it is for leadership cohorts", async () => {
    const res = await bot.invoke(finMember, EXPERIMENT_VERBS.open, { cohortId: "fin" });
    expect(cardText(res.body.value)).toContain("for leadership cohorts");
  });
});
