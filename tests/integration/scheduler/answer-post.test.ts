/**
 * An anonymous question answered for the whole cohort is posted to the cohort's channel too, once,
 * through the outbox like a win; a named question's answer stays with its asker. Embedded Cosmos DB,
 * the real CloudAdapter and scheduler, the Bot Connector stand-in; an injected clock.
 */
import { apiAs, type ApiCaller } from "../../helpers/api-client";
import { eventually } from "../../helpers/bot-driver";
import { person, seedCohort } from "../../helpers/fixtures";
import { startTestServer, type TestServer } from "../../helpers/test-server";

const TENANT = "tenant-answer-post";
const megan = person(72, "Megan Bowen");
const members = [person(73, "Member A"), person(74, "Member B")];
const CHANNEL = { teamId: "19:answer-team", channelId: "19:answer-channel@thread.tacv2", channelName: "Finance cohort" };

describe("answers posted to the cohort's channel", () => {
  let server: TestServer;
  let facilitator: ApiCaller;
  const channelPosts = (text: string) => server.connector.activities.filter((a) => a.conversationId === CHANNEL.channelId && JSON.stringify(a.activity).includes(text));

  beforeAll(async () => {
    server = await startTestServer({ now: "2026-03-10T12:00:00.000Z" });
    const cohort = await seedCohort(server.repos, { tenantId: TENANT, members, facilitators: [megan], serviceUrl: server.connector.serviceUrl });
    await server.repos.cohorts.update({ ...cohort, winsChannel: { ...CHANNEL, serviceUrl: server.connector.serviceUrl } }, (await server.repos.cohorts.get(TENANT, cohort.id))!.etag);
    facilitator = await apiAs(server, { tenantId: TENANT, userId: megan.aadObjectId, displayName: megan.name });
  });
  afterAll(() => server.close());

  const answer = async (questionId: string, text: string) => {
    const question = (await facilitator.get("/api/cohorts/finance-test/questions")).body.find((q: { id: string }) => q.id === questionId);
    return facilitator.send("POST", `/api/cohorts/finance-test/questions/${encodeURIComponent(questionId)}/answer`, { answer: text, etag: question.etag });
  };

  it("when a facilitator answers an anonymous question for the whole cohort, then the answer is posted to the channel once, without the asker", async () => {
    await server.repos.questions.createIfAbsent({ id: "question:finance-test:anon-post", tenantId: TENANT, cohortId: "finance-test", text: "May I paste supplier invoices in?", askedOn: "2026-03-09", status: "open", anonymous: true });
    expect((await answer("question:finance-test:anon-post", "Only with the supplier's name removed.")).status).toBe(200);

    const posted = await eventually(() => channelPosts("Only with the supplier").at(0));
    expect(JSON.stringify(posted.activity)).toContain("May I paste supplier invoices in?");
    // The next pass finds nothing more to post.
    await server.service.scheduler.sendSoon(TENANT, "finance-test");
    expect(channelPosts("Only with the supplier")).toHaveLength(1);
    const [post] = (await server.repos.deliveries.listByCohort(TENANT, "finance-test")).filter((d) => d.kind === "answer-post");
    expect(post).toMatchObject({ status: "sent", eventKey: "answer-post.question:finance-test:anon-post" });

    const status = (await facilitator.get("/api/cohorts/finance-test/deliveries")).body.kinds.find((k: { group: string }) => k.group === "wins");
    expect(status).toMatchObject({ sent: 1 });
  });

  it("when a named question is answered, then it goes to the asker only, not to the channel", async () => {
    await server.repos.questions.createIfAbsent({ id: "question:finance-test:named", tenantId: TENANT, cohortId: "finance-test", text: "Can you look at my prompt?", askedOn: "2026-03-09", status: "open", anonymous: false, askedBy: members[0]!.aadObjectId, askedByName: members[0]!.name });
    expect((await answer("question:finance-test:named", "Happy to: send it over.")).status).toBe(200);
    await eventually(() => server.connector.activities.find((a) => a.conversationId === members[0]!.conversationId && JSON.stringify(a.activity).includes("Happy to")));
    expect(channelPosts("Happy to")).toHaveLength(0);
    expect((await server.repos.deliveries.listByCohort(TENANT, "finance-test")).filter((d) => d.kind === "answer-post")).toHaveLength(1);
  });
});
