/**
 * An edited track reaching members, over HTTP: admins author through the tab's API, the scheduler
 * runs on an injected clock and sends through the Bot Connector stand-in (Teams itself is the only
 * part not real). A new cohort on the edited track gets the edited brief (workflow, template link,
 * approved tool) as a valid card; a cohort already running on version 1 keeps getting version 1
 * after version 2 is saved, until an admin moves it after seeing the diff.
 */
import { BRIEF_VERBS } from "../../../bot/src/cards/briefs.card";
import { apiRoutes } from "../../../bot/src/contract/api-routes";
import type { TrackContent, TrackDetail, TrackMovePreview } from "../../../bot/src/contract/track-authoring-contract";
import type { AdaptiveCardJson } from "../../../bot/src/domain/ports";
import { getBuiltInTrack } from "../../../bot/src/domain/tracks";
import { apiAs, type ApiCaller } from "../../helpers/api-client";
import { BotDriver, cardText } from "../../helpers/bot-driver";
import { validateCard } from "../../helpers/card-validator";
import { conversationOf, person, type FixturePerson } from "../../helpers/fixtures";
import { startTestServer, type TestServer } from "../../helpers/test-server";

const T = "tenant-edited-track";
const ada = person(1, "Ada Admin");
const megan = person(10, "Megan Bowen");
const alex = person(21, "Alex Wilber"); // in the cohort that started on version 1
const lee = person(22, "Lee Gu"); // in the cohort created after version 2
const FINANCE_WORKFLOW = getBuiltInTrack("finance")!.sessions[0]!.learn.workflow;
const TEMPLATE = { title: "Board pack commentary template", url: "https://contoso.sharepoint.com/sites/finance/Board%20pack%20template.docx" };
const briefOf = (cards: AdaptiveCardJson[]) => cards.find((c) => cardText(c).startsWith("Session 1:"));

describe("an edited track, delivered", () => {
  let server: TestServer;
  let bot: BotDriver;
  let admin: ApiCaller;
  let track: TrackDetail;
  let running: string;
  let fresh: string;

  beforeAll(async () => {
    server = await startTestServer({ now: "2026-02-26T09:00:00.000Z" });
    bot = new BotDriver(server, T);
    admin = await apiAs(server, { tenantId: T, userId: ada.aadObjectId, displayName: ada.name, isAdmin: true });
    for (const p of [megan, alex, lee]) {
      await server.repos.people.upsert({ tenantId: T, userId: p.aadObjectId, displayName: p.name, conversationReference: conversationOf(p, T, server.connector.serviceUrl), updatedAt: "2026-02-26T09:00:00.000Z" });
    }
    await server.repos.policies.publish({ tenantId: T, version: 1, title: "AI use", summary: "Use approved tools.", sections: { allowedUses: ["Drafts"], notAllowed: ["Client data"], dataHandling: ["Keep it internal"], approvedTools: ["Microsoft 365 Copilot"] }, publishedAt: "2026-02-01T09:00:00.000Z", publishedBy: "admin" }, 0);
  });
  afterAll(() => server.close());

  const createCohort = async (name: string, member: FixturePerson): Promise<string> => {
    const res = await admin.send("POST", apiRoutes.createCohort.url(), { name, kind: "team", trackId: track.id, startDate: "2026-03-02", timeZone: "Europe/London", localTime: "09:30", facilitatorIds: [megan.aadObjectId], members: [{ userId: member.aadObjectId, displayName: member.name }] });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const showBrief = async (who: FixturePerson, cohortId: string): Promise<AdaptiveCardJson> => {
    const { status, body } = await bot.invoke(who, BRIEF_VERBS.show, { cohortId, sessionNumber: 1 });
    expect(status).toBe(200);
    return body.value as AdaptiveCardJson;
  };

  it("when a cohort starts on the copied track and version 2 is saved after it, then the cohort stays pinned to version 1 and a new cohort starts on version 2", async () => {
    track = (await admin.send("POST", apiRoutes.createTrack.url(), { name: "Finance, our way", copyOf: "finance" })).body;
    running = await createCohort("Finance spring (started on v1)", alex);
    expect((await server.repos.cohorts.get(T, running))!.trackVersion).toBe(1);

    const content: TrackContent = {
      ...track.content,
      sessions: track.content.sessions.map((s, i) => (i === 0 ? { ...s, learn: { ...s.learn, workflow: "Q4 board pack commentary" }, links: [TEMPLATE] } : s)),
      approvedTool: { name: "Microsoft 365 Copilot", howTo: ["Open the board pack in Word.", "Select Copilot and paste the prompt."] },
    };
    const saved = await admin.send("PUT", apiRoutes.saveTrack.url({ trackId: track.id }), { content, etag: track.etag });
    expect(saved.status).toBe(200);
    track = saved.body;
    expect(track.version).toBe(2);

    fresh = await createCohort("Finance summer (new)", lee);
    expect((await server.repos.cohorts.get(T, fresh))!.trackVersion).toBe(2);
    expect((await admin.get(apiRoutes.trackDetail.url({ trackId: track.id }))).body.cohortsOnOlderVersions).toEqual([{ cohortId: running, cohortName: "Finance spring (started on v1)", version: 1 }]);
  });

  it("when session 1 falls due, then the new cohort's member gets the edited brief (workflow, template link, tool) as a valid card, and the running cohort's member gets version 1", async () => {
    server.clock.set("2026-03-02T09:31:00.000Z");
    const before = server.connector.activities.length;
    await server.service.scheduler.tick();

    const leeBrief = briefOf(bot.sentTo(lee.conversationId, before));
    expect(leeBrief).toBeDefined();
    expect(validateCard(leeBrief!).errors).toEqual([]);
    expect(cardText(leeBrief!)).toContain("Q4 board pack commentary");
    expect(cardText(leeBrief!)).toContain("Use Microsoft 365 Copilot");
    expect(JSON.stringify(leeBrief)).toContain(`"type":"Action.OpenUrl","title":"${TEMPLATE.title}","url":"${TEMPLATE.url}"`);

    const alexBrief = briefOf(bot.sentTo(alex.conversationId, before));
    expect(alexBrief).toBeDefined();
    expect(validateCard(alexBrief!).errors).toEqual([]);
    expect(cardText(alexBrief!)).toContain(FINANCE_WORKFLOW);
    expect(cardText(alexBrief!)).not.toContain("Q4 board pack commentary");
    expect(JSON.stringify(alexBrief)).not.toContain(TEMPLATE.url);
    // Opened again from the briefs list, it is still version 1 for them.
    expect(cardText(await showBrief(alex, running))).not.toContain("Q4 board pack commentary");
  });

  it("when an admin looks at moving the running cohort, then they see what changes, field by field", async () => {
    // A fresh sign-in: the clock has moved on past the first token's lifetime.
    admin = await apiAs(server, { tenantId: T, userId: ada.aadObjectId, displayName: ada.name, isAdmin: true });
    const res = await admin.get(apiRoutes.trackMove.url({ cohortId: running }));
    expect(res.status).toBe(200);
    const move = res.body as TrackMovePreview;
    expect(move).toMatchObject({ cohortId: running, trackId: track.id, fromVersion: 1, toVersion: 2 });
    expect(move.diff).toEqual(expect.arrayContaining([
      { where: "Session 1 · workflow", before: FINANCE_WORKFLOW, after: "Q4 board pack commentary" },
      { where: "Session 1 · links", before: "", after: `${TEMPLATE.title} (${TEMPLATE.url})` },
      { where: "Approved tool", before: "", after: "Microsoft 365 Copilot" },
    ]));
    // Looking changes nothing.
    expect((await server.repos.cohorts.get(T, running))!.trackVersion).toBe(1);
  });

  it("when the admin moves it (with the cohort's ETag), then its members get version 2 from then on; a stale ETag is refused", async () => {
    const cohort = (await admin.get(apiRoutes.cohort.url({ cohortId: running }))).body as { etag: string };
    const moved = await admin.send("POST", apiRoutes.moveTrack.url({ cohortId: running }), { toVersion: 2, etag: cohort.etag });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ fromVersion: 1, toVersion: 2 });
    expect((await server.repos.cohorts.get(T, running))!.trackVersion).toBe(2);

    const again = await admin.send("POST", apiRoutes.moveTrack.url({ cohortId: running }), { toVersion: 1, etag: cohort.etag });
    expect(again.status).toBe(409);

    const brief = await showBrief(alex, running);
    expect(validateCard(brief).errors).toEqual([]);
    expect(cardText(brief)).toContain("Q4 board pack commentary");
    expect(JSON.stringify(brief)).toContain(TEMPLATE.url);
    expect((await admin.get(apiRoutes.trackDetail.url({ trackId: track.id }))).body.cohortsOnOlderVersions).toEqual([]);
  });
});
