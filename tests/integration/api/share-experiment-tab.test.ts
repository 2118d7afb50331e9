/**
 * "Share an experiment" from the tab, over HTTP: the same use case as the bot's card, so a leader's
 * experiment shared with consent is posted once to each following team cohort's channel, however
 * often the form is submitted; without consent it goes nowhere; a bad field is refused on the field.
 */
import { apiRoutes } from "../../../bot/src/contract/api-routes";
import { createScheduler } from "../../../bot/src/scheduler/scheduler";
import { apiAs, type ApiCaller } from "../../helpers/api-client";
import { cardOf, cardText } from "../../helpers/bot-driver";
import { person, seedCohort } from "../../helpers/fixtures";
import { startTestServer, type TestServer } from "../../helpers/test-server";

const TENANT = "tenant-tab-experiment";
const leader = person(1201, "Lena Leader");
const finMember = person(1202, "Fin Member");
const facilitator = person(1203, "Fay Facilitator");
const opsMember = person(1204, "Ops Member");
const CHANNELS = { fin: "19:tab-fin@thread.tacv2", ops: "19:tab-ops@thread.tacv2" };
const fast = { ratePerSecond: 2000, random: () => 0.5 };
const body = (draftId: string, share: boolean, tried: string) => ({ draftId, work: "the Q1 board pack", tried, outcome: "It got the structure right and two numbers wrong", share });

describe("sharing an experiment from the tab", () => {
  let server: TestServer;
  let api: ApiCaller;
  const postsOf = (text: string) => server.connector.activities.filter((a) => a.operation !== "update" && JSON.stringify(a.activity).includes(text));

  beforeAll(async () => {
    server = await startTestServer({ now: "2026-03-04T12:00:00.000Z" });
    const serviceUrl = server.connector.serviceUrl;
    await seedCohort(server.repos, { tenantId: TENANT, cohortId: "lead", cohortName: "Leadership team", kind: "leadership", trackId: "leadership", startDate: "2026-02-16", members: [leader], facilitators: [facilitator], serviceUrl });
    for (const [id, name] of [["fin", "Finance team"], ["ops", "Ops team"]] as const) {
      const team = await seedCohort(server.repos, { tenantId: TENANT, cohortId: id, cohortName: name, leadershipCohortId: "lead", startDate: "2026-03-02", members: id === "fin" ? [finMember] : [opsMember], facilitators: [facilitator], serviceUrl });
      await server.repos.cohorts.update({ ...team, winsChannel: { teamId: `19:${id}-team`, channelId: CHANNELS[id], channelName: "Wins", serviceUrl } }, (await server.repos.cohorts.get(TENANT, id))!.etag);
    }
    api = await apiAs(server, { tenantId: TENANT, userId: leader.aadObjectId, displayName: leader.name });
  });
  afterAll(() => server.close());

  it("when a leader shares with consent and submits the form twice, then each following team's channel gets it once", async () => {
    const first = await api.send("POST", apiRoutes.shareExperiment.url({ cohortId: "lead" }), body("tab-draft-0001", true, "Drafted the board narrative in the tab"));
    expect(first.status).toBe(201);
    expect([...first.body.postedTo].sort()).toEqual(["Finance team", "Ops team"]);
    const again = await api.send("POST", apiRoutes.shareExperiment.url({ cohortId: "lead" }), body("tab-draft-0001", true, "Drafted the board narrative in the tab"));
    expect(again.status).toBe(201);
    expect(again.body).toEqual({ experimentId: first.body.experimentId, postedTo: [] });
    await createScheduler(server.ctx, server.service.bot.sender, fast).tick();

    // Members' own briefs quote it too (From your leaders); the channel posts are what go out once.
    const posts = postsOf("Drafted the board narrative in the tab").filter((a) => a.conversationId.startsWith("19:"));
    expect(posts.map((p) => p.conversationId.split(";")[0]).sort()).toEqual([CHANNELS.fin, CHANNELS.ops].sort());
    expect(cardText(cardOf(posts[0]!))).toContain("Lena Leader shared an experiment");
    for (const team of ["fin", "ops"]) expect(await server.repos.deliveries.listForEvent(TENANT, team, `experiment.${first.body.experimentId}`)).toHaveLength(1);
  });

  it("when a leader shares without consent, then it is recorded and posted nowhere", async () => {
    const res = await api.send("POST", apiRoutes.shareExperiment.url({ cohortId: "lead" }), body("tab-draft-0002", false, "Summarised the risk register"));
    expect(res.body.postedTo).toEqual([]);
    await createScheduler(server.ctx, server.service.bot.sender, fast).tick();
    expect(postsOf("Summarised the risk register")).toEqual([]);
    expect((await server.repos.wins.listByCohort(TENANT, "lead")).find((w) => w.text === "Summarised the risk register")).toMatchObject({ shareConsent: false });
  });

  it("when what happened is left empty, then it is refused on that field in plain words", async () => {
    const res = await api.send("POST", apiRoutes.shareExperiment.url({ cohortId: "lead" }), { ...body("tab-draft-0003", true, "Something"), outcome: "" });
    expect(res.status).toBe(400);
    expect(res.body.error.issues).toEqual([{ field: "outcome", message: "What happened needs a few words: say what happened, even if it went wrong." }]);
  });

  it("when a team member posts to their team cohort, then they are told sharing is for leadership cohorts", async () => {
    const member = await apiAs(server, { tenantId: TENANT, userId: finMember.aadObjectId, displayName: finMember.name });
    const res = await member.send("POST", apiRoutes.shareExperiment.url({ cohortId: "fin" }), body("tab-draft-0004", true, "Tried it"));
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/for leadership cohorts/);
  });
});
