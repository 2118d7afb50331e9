/**
 * Wins go somewhere, and alerts say who they reached, over real HTTP: the bot records a team when
 * it is installed there, admins choose a cohort's wins channel from those (validated against this
 * tenant's teams), staff read the consented wins feed page by page, and the progress API gives
 * facilitators each open alert with the member's words and whether Teams delivered it.
 */
import type { WinsFeedResponse } from "../../../bot/src/contract/api-contract";
import { apiRoutes } from "../../../bot/src/contract/api-routes";
import type { Win } from "../../../bot/src/domain/types";
import { apiAs, type ApiCaller } from "../../helpers/api-client";
import { BotDriver } from "../../helpers/bot-driver";
import { person, seedCohort } from "../../helpers/fixtures";
import { installActivity } from "../../helpers/teams-activities";
import { startTestServer, type TestServer } from "../../helpers/test-server";

const T = "tenant-wins";
const OTHER = "tenant-other";
const facilitator = person(1, "Megan Bowen");
const members = [person(2, "Alex Wilber"), person(3, "Lee Gu"), person(4, "Nestor Wilke")];
const outsider = person(9, "Isaiah Langer");
const TEAM = { id: "19:finance-team@thread.tacv2", name: "Finance" };
const OTHER_TEAM = { id: "19:other-team@thread.tacv2", name: "Other org" };

describe("wins channels, the wins feed and open alerts", () => {
  let server: TestServer;
  let admin: ApiCaller, megan: ApiCaller, alex: ApiCaller, otherAdmin: ApiCaller;

  const win = (n: number, text: string, share: boolean, at: string): Win => ({ id: `win-${n}`, tenantId: T, cohortId: "fin", userId: members[n % 3]!.aadObjectId, displayName: members[n % 3]!.name, text, minutesSaved: 10 * n, shareConsent: share, createdAt: at });
  const editOf = async (cohortId: string) => {
    const d = (await admin.get(apiRoutes.cohort.url({ cohortId }))).body;
    return { name: d.name, kind: d.kind, trackId: d.trackId, startDate: d.startDate, timeZone: d.timeZone, localTime: d.localTime, facilitatorIds: d.facilitators.map((f: { userId: string }) => f.userId), members: d.members, status: d.status, etag: d.etag };
  };

  beforeAll(async () => {
    server = await startTestServer();
    await seedCohort(server.repos, { tenantId: T, cohortId: "fin", members, facilitators: [facilitator], serviceUrl: server.connector.serviceUrl });
    await seedCohort(server.repos, { tenantId: OTHER, cohortId: "elsewhere", members: [outsider], facilitators: [outsider], serviceUrl: server.connector.serviceUrl });
    // The app is added to a team in each tenant, as Teams tells the bot.
    const install = (tenantId: string, team: { id: string; name: string }, by: typeof facilitator) =>
      new BotDriver(server, tenantId).post(installActivity({ serviceUrl: server.connector.serviceUrl, tenantId, user: by, conversationType: "channel", conversationId: `${team.id};messageid=1`, team, channel: { id: team.id } }));
    expect((await install(T, TEAM, facilitator)).status).toBe(200);
    expect((await install(OTHER, OTHER_TEAM, outsider)).status).toBe(200);

    admin = await apiAs(server, { tenantId: T, userId: "admin-1", displayName: "Adele Vance", isAdmin: true });
    megan = await apiAs(server, { tenantId: T, userId: facilitator.aadObjectId, displayName: facilitator.name });
    alex = await apiAs(server, { tenantId: T, userId: members[0]!.aadObjectId, displayName: members[0]!.name });
    otherAdmin = await apiAs(server, { tenantId: OTHER, userId: "admin-2", displayName: "Other admin", isAdmin: true });
  });
  afterAll(() => server?.close());

  describe("choosing a cohort's wins channel", () => {
    it("when the app was installed in a team, then admins see its General channel, and facilitators may not list channels", async () => {
      const res = await admin.get(apiRoutes.winsChannels.url());
      expect(res.status).toBe(200);
      // The team's name comes from the install event Teams sent.
      expect(res.body).toEqual([{ teamId: TEAM.id, teamName: TEAM.name, channelId: TEAM.id, channelName: "General" }]);
      expect((await megan.get(apiRoutes.winsChannels.url())).status).toBe(403);
    });

    it("when an admin picks a channel the app is not installed in, or another tenant's, then it is refused on the field and nothing changes", async () => {
      for (const winsChannel of [{ teamId: TEAM.id, channelId: "19:made-up@thread.tacv2" }, { teamId: OTHER_TEAM.id, channelId: OTHER_TEAM.id }]) {
        const res = await admin.send("PUT", apiRoutes.updateCohort.url({ cohortId: "fin" }), { ...(await editOf("fin")), winsChannel });
        expect(res.status).toBe(400);
        expect(res.body.error.issues).toEqual([{ field: "winsChannel", message: "Choose one of the channels where Cohort Coach is installed, or none." }]);
      }
      expect((await server.repos.cohorts.get(T, "fin"))!.winsChannel).toBeUndefined();
    });

    it("when an admin picks a recorded channel, then the cohort posts there (name and endpoint from the record); left out it stays; none clears it", async () => {
      const chosen = await admin.send("PUT", apiRoutes.updateCohort.url({ cohortId: "fin" }), { ...(await editOf("fin")), winsChannel: { teamId: TEAM.id, channelId: TEAM.id } });
      expect(chosen.status).toBe(200);
      expect(chosen.body.winsChannel).toEqual({ teamId: TEAM.id, channelId: TEAM.id, channelName: "General" });
      expect((await server.repos.cohorts.get(T, "fin"))!.winsChannel).toEqual({ teamId: TEAM.id, channelId: TEAM.id, channelName: "General", serviceUrl: server.connector.serviceUrl });

      const renamed = await admin.send("PUT", apiRoutes.updateCohort.url({ cohortId: "fin" }), { ...(await editOf("fin")), name: "Finance (spring)" });
      expect(renamed.body.winsChannel).toEqual({ teamId: TEAM.id, channelId: TEAM.id, channelName: "General" });

      const cleared = await admin.send("PUT", apiRoutes.updateCohort.url({ cohortId: "fin" }), { ...(await editOf("fin")), winsChannel: null });
      expect(cleared.status).toBe(200);
      expect(cleared.body.winsChannel).toBeUndefined();
    });
  });

  describe("the wins feed", () => {
    beforeAll(async () => {
      await server.repos.wins.createIfAbsent(win(1, "Drafted the **variance** note in 10 minutes", true, "2026-03-03T10:00:00.000Z"));
      await server.repos.wins.createIfAbsent(win(2, "My private win about a reorg", false, "2026-03-04T10:00:00.000Z"));
      await server.repos.wins.createIfAbsent(win(3, "Summarised supplier contracts", true, "2026-03-05T10:00:00.000Z"));
      await server.repos.wins.createIfAbsent(win(4, "Cleaned the forecast data <b>fast</b>", true, "2026-03-06T10:00:00.000Z"));
    });

    it("when a facilitator reads it, then consented wins come newest first a page at a time, and unconsented ones only as a count", async () => {
      const first = await megan.get(apiRoutes.wins.url({ cohortId: "fin" }, { limit: 2 }));
      expect(first.status).toBe(200);
      const page1 = first.body as WinsFeedResponse;
      expect(page1.wins.map((w) => w.text)).toEqual(["Cleaned the forecast data <b>fast</b>", "Summarised supplier contracts"]);
      expect(page1.wins[0]).toEqual({ id: "win-4", displayName: "Lee Gu", text: "Cleaned the forecast data <b>fast</b>", minutesSaved: 40, createdAt: "2026-03-06T10:00:00.000Z" });
      expect(page1.unsharedCount).toBe(1);
      expect(page1.nextCursor).toEqual(expect.any(String));

      const page2 = (await megan.get(apiRoutes.wins.url({ cohortId: "fin" }, { limit: 2, cursor: page1.nextCursor }))).body as WinsFeedResponse;
      expect(page2.wins.map((w) => w.id)).toEqual(["win-1"]);
      expect(page2.nextCursor).toBeUndefined();
      expect(JSON.stringify([page1, page2])).not.toContain("private win");
    });

    it("when an admin reads it, then they see the same; a member is refused; another tenant's admin finds no such cohort", async () => {
      expect((await admin.get(apiRoutes.wins.url({ cohortId: "fin" }))).body.wins).toHaveLength(3);
      const member = await alex.get(apiRoutes.wins.url({ cohortId: "fin" }));
      expect(member.status).toBe(403);
      expect(JSON.stringify(member.body)).not.toContain("private win");
      expect((await otherAdmin.get(apiRoutes.wins.url({ cohortId: "fin" }))).status).toBe(404);
      expect((await admin.get(apiRoutes.wins.url({ cohortId: "elsewhere" }))).status).toBe(404);
    });

    it("when the cursor is not one the server gave out, then the answer is a plain 400, not a crash", async () => {
      const res = await megan.get(apiRoutes.wins.url({ cohortId: "fin" }, { cursor: "bm90LWEtdG9rZW4" }));
      expect(res.status).toBe(400);
      expect(res.body.error.message).toBe("That page of wins is no longer available. Reload the feed.");
    });
  });

  describe("open alerts on the progress API", () => {
    beforeAll(async () => {
      const alert = { id: "alert-alex-1", tenantId: T, cohortId: "fin", userId: members[0]!.aadObjectId, displayName: members[0]!.name, reason: "asked-for-help" as const, sessionNumber: 1, context: "I can't get the *pivot* prompt to work", raisedAt: "2026-03-09T10:00:00.000Z" };
      await server.repos.alerts.createIfAbsent(alert);
      await server.repos.alerts.recordReach(T, "fin", alert.id, { reachedFacilitators: 0, unreachedSince: "2026-03-09T10:00:01.000Z", checkedAt: "2026-03-09T10:00:01.000Z" });
      await server.repos.alerts.createIfAbsent({ ...alert, id: "alert-lee-1", userId: members[1]!.aadObjectId, displayName: members[1]!.name, reason: "stuck-twice", context: "Data access" });
      await server.repos.alerts.recordReach(T, "fin", "alert-lee-1", { reachedFacilitators: 1, checkedAt: "2026-03-09T10:00:01.000Z" });
    });

    it("when a facilitator reads progress, then each open alert says why, what the member wrote, whether Teams reached anyone, and who to chat with", async () => {
      const res = await megan.get(apiRoutes.progress.url({ cohortId: "fin" }));
      expect(res.status).toBe(200);
      expect(res.body.alerts).toEqual(
        expect.arrayContaining([
          { id: "alert-alex-1", userId: members[0]!.aadObjectId, displayName: "Alex Wilber", reason: "asked-for-help", sessionNumber: 1, raisedAt: "2026-03-09T10:00:00.000Z", context: "I can't get the *pivot* prompt to work", unreachedSince: "2026-03-09T10:00:01.000Z", chatWith: members[0]!.aadObjectId },
          expect.objectContaining({ id: "alert-lee-1", reason: "stuck-twice", context: "Data access" }),
        ]),
      );
      expect(res.body.alerts.find((a: { id: string }) => a.id === "alert-lee-1").unreachedSince).toBeUndefined();
    });

    it("when a member reads progress, then no alert is in it", async () => {
      const res = await alex.get(apiRoutes.progress.url({ cohortId: "fin" }));
      expect(res.status).toBe(200);
      expect(res.body.alerts).toBeUndefined();
      expect(JSON.stringify(res.body)).not.toContain("pivot");
    });
  });
});
