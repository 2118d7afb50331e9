/**
 * People at scale over real HTTP, against the embedded Cosmos DB: a CSV file's preview (each bad
 * row with its own sentence, nothing saved), a team's members in one click, and the cohort saved
 * as it always is. E-mail addresses are found in the rosters of the teams the app is installed in,
 * which the Bot Connector stand-in serves (GET /v3/conversations/{teamId}/pagedmembers): it is a
 * stand-in for Teams, the only part that is not real here.
 *
 * A person in two cohorts: allowed. Each card names its cohort and acts on it; a typed command
 * uses the cohort that started last and says which.
 */
import { CHECKIN_VERBS } from "../../../bot/src/cards/checkin.card";
import { apiRoutes } from "../../../bot/src/contract/api-routes";
import { CSV_IMPORT_MAX_CHARS } from "../../../bot/src/domain/csv-people";
import { apiAs, type ApiCaller } from "../../helpers/api-client";
import { BotDriver, cardText } from "../../helpers/bot-driver";
import type { RosterMember } from "../../helpers/bot-connector-stub";
import { person, seedCohort } from "../../helpers/fixtures";
import { startTestServer, type TestServer } from "../../helpers/test-server";

const A = "tenant-import-a";
const B = "tenant-import-b";
const TEAM_A = { id: "19:sales-team@thread.tacv2", name: "Sales" };
const TEAM_B = { id: "19:other-org@thread.tacv2", name: "Other org" };
const guid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const rosterMember = (n: number, name: string, email: string, upn = email): RosterMember => ({ id: `29:r-${n}`, aadObjectId: guid(n), name, email, userPrincipalName: upn });

const facilitator = person(200, "Fran Facilitator");
const employee = person(300, "Eve Employee");
const inFinance = person(301, "Finn Already");
const as = (p: { aadObjectId: string; name: string }, tenantId = A, isAdmin = false) => ({ tenantId, userId: p.aadObjectId, displayName: p.name, isAdmin });

describe("importing people into a cohort", () => {
  let server: TestServer;
  let admin: ApiCaller, fac: ApiCaller, member: ApiCaller, adminB: ApiCaller, nobody: ApiCaller;
  const preview = (caller: ApiCaller, file: string) => caller.send("POST", apiRoutes.peopleImportPreview.url(), { file });

  beforeAll(async () => {
    server = await startTestServer({ now: "2026-03-20T12:00:00.000Z" });
    const serviceUrl = server.connector.serviceUrl;
    await seedCohort(server.repos, { tenantId: A, cohortId: "fin", cohortName: "Finance pilot", members: [employee, inFinance], facilitators: [facilitator], serviceUrl });
    await seedCohort(server.repos, { tenantId: B, cohortId: "b-cohort", members: [], facilitators: [person(400, "B fac")], serviceUrl });
    const at = "2026-03-01T09:00:00.000Z";
    await server.repos.teams.record({ tenantId: A, teamId: TEAM_A.id, teamName: TEAM_A.name, serviceUrl, channels: [{ channelId: TEAM_A.id }], updatedAt: at });
    await server.repos.teams.record({ tenantId: B, teamId: TEAM_B.id, teamName: TEAM_B.name, serviceUrl, channels: [{ channelId: TEAM_B.id }], updatedAt: at });
    server.connector.setRoster(TEAM_A.id, [
      rosterMember(1, "Alex Wilber", "alex@contoso.com"),
      rosterMember(2, "Dee Named-By-Teams", "dee@contoso.com"),
      rosterMember(3, "Uma Upn", "uma.mail@contoso.com", "uma@contoso.onmicrosoft.com"),
      { ...rosterMember(301, "Finn Already", "finn@contoso.com"), aadObjectId: inFinance.aadObjectId },
    ]);
    server.connector.setRoster(TEAM_B.id, [rosterMember(900, "Bea Elsewhere", "bea@fabrikam.com")]);
    admin = await apiAs(server, as(person(1, "Ada Admin"), A, true));
    fac = await apiAs(server, as(facilitator));
    member = await apiAs(server, as(employee));
    adminB = await apiAs(server, as(person(400, "B fac"), B, true));
    nobody = await apiAs(server, null);
  });
  afterAll(() => server.close());

  it("when a CSV file has good rows and every kind of bad one, then each good row is a person and each bad row has its own plain sentence", async () => {
    const file = [
      "Name,E-mail or object id,Job title", // 1
      `Megan Bowen,${guid(50)},Finance manager`, // 2: an object id, taken as it is
      "Alex W.,ALEX@contoso.com,Analyst", // 3: found by e-mail; the file's name wins
      ",dee@contoso.com,", // 4: found by e-mail; Teams names her
      "Uma,uma@contoso.onmicrosoft.com,", // 5: found by sign-in name
      `,${guid(51)},Clerk`, // 6
      "Bob,bob@,Clerk", // 7
      "Alex again,alex@contoso.com,", // 8
      "Nobody,nobody@contoso.com,", // 9
      "Bea,bea@fabrikam.com,", // 10: only in another organisation's team
      `Finn,${inFinance.aadObjectId},`, // 11: already in Finance pilot
      `Alex by id,${guid(1)},`, // 12: the same person as row 3, by id
    ].join("\r\n");
    const res = await preview(admin, `\uFEFF${file}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ header: true, good: 5, bad: 6, notes: [] });
    expect(res.body.rows).toEqual([
      { row: 2, person: { userId: guid(50), displayName: "Megan Bowen", jobTitle: "Finance manager" } },
      { row: 3, person: { userId: guid(1), displayName: "Alex W.", jobTitle: "Analyst" } },
      { row: 4, person: { userId: guid(2), displayName: "Dee Named-By-Teams" } },
      { row: 5, person: { userId: guid(3), displayName: "Uma" } },
      { row: 6, error: "row 6: no name" },
      { row: 7, error: "row 7: 'bob@' is not an e-mail address or an Entra object id" },
      { row: 8, error: "row 8: listed twice (same as row 3)" },
      { row: 9, error: "row 9: nobody with this e-mail in the teams where Cohort Coach is installed" },
      { row: 10, error: "row 10: nobody with this e-mail in the teams where Cohort Coach is installed" },
      { row: 11, person: { userId: inFinance.aadObjectId, displayName: "Finn", otherCohorts: ["Finance pilot"] } },
      { row: 12, error: "row 12: listed twice (same as row 3)" },
    ]);
  });

  it("when the preview has run, then nothing was saved: no cohort, membership or person", async () => {
    const before = { cohorts: (await server.repos.cohorts.list(A)).length, finance: await server.repos.memberships.countByCohort(A, "fin") };
    expect((await preview(fac, `Megan Bowen,${guid(60)},\nAlex,alex@contoso.com,\n`)).status).toBe(200);
    expect((await server.repos.cohorts.list(A)).length).toBe(before.cohorts);
    expect(await server.repos.memberships.countByCohort(A, "fin")).toBe(before.finance);
    expect(await server.repos.people.getMany(A, [guid(60), guid(1)])).toEqual([]);
    expect(await server.repos.memberships.listByUser(A, guid(1))).toEqual([]);
  });

  it("when 1,000 members come with 3 bad rows, then the 3 rows' errors show, each roster is read once, and the rest join only when the cohort is saved", async () => {
    // 700 people in the team (two roster pages of 500), 400 of them imported by e-mail, 600 by object id.
    const team = { id: "19:big-team@thread.tacv2", name: "Big team" };
    server.connector.setRoster(team.id, Array.from({ length: 700 }, (_, i) => rosterMember(10_000 + i, `Teammate ${i}`, `t${i}@contoso.com`)));
    await server.repos.teams.record({ tenantId: A, teamId: team.id, teamName: team.name, serviceUrl: server.connector.serviceUrl, channels: [{ channelId: team.id }], updatedAt: "2026-03-01T09:00:00.000Z" });
    const lines = ["name,email,job title"];
    for (let i = 0; i < 600; i++) lines.push(`Person ${i},${guid(20_000 + i)},Role ${i % 7}`);
    for (let i = 0; i < 400; i++) lines.push(`,t${i}@contoso.com,`);
    lines.splice(101, 0, "No Address,,"); // row 102
    lines.splice(501, 0, "Typo,t1@contoso,"); // row 502
    lines.splice(901, 0, "Gone,left-the-company@contoso.com,"); // row 902
    const requestsBefore = server.connector.stats.requests;
    const res = await preview(admin, lines.join("\n"));
    expect(res.status).toBe(200);
    // Two pages of the big team's roster and one of Sales: each roster once for 400 addresses.
    expect(server.connector.stats.requests - requestsBefore).toBe(3);
    expect({ good: res.body.good, bad: res.body.bad }).toEqual({ good: 1000, bad: 3 });
    expect(res.body.rows.filter((r: { error?: string }) => r.error).map((r: { error: string }) => r.error)).toEqual([
      "row 102: no e-mail or object id",
      "row 502: 't1@contoso' is not an e-mail address or an Entra object id",
      "row 902: nobody with this e-mail in the teams where Cohort Coach is installed",
    ]);
    expect(await server.repos.cohorts.list(A)).toHaveLength(1);

    const members = res.body.rows.flatMap((r: { person?: unknown }) => (r.person ? [r.person] : [])) as Array<{ userId: string; displayName: string; jobTitle?: string }>;
    const created = await admin.send("POST", apiRoutes.createCohort.url(), {
      name: "Everyone in sales",
      kind: "team",
      trackId: "finance",
      startDate: "2026-04-06",
      timeZone: "Europe/London",
      facilitatorIds: [facilitator.aadObjectId],
      members: members.map(({ userId, displayName, jobTitle }) => ({ userId, displayName, ...(jobTitle ? { jobTitle } : {}) })),
    });
    expect(created.status).toBe(201);
    expect(await server.repos.memberships.countByCohort(A, created.body.id)).toBe(1000);
    expect((await server.repos.memberships.get(A, created.body.id, guid(10_005)))?.displayName).toBe("Teammate 5");
  });

  it("when a staff member imports from a team, then the installed teams of their organisation are offered and a team's members come in one click", async () => {
    const teams = await fac.get(apiRoutes.peopleImportTeams.url());
    expect(teams.status).toBe(200);
    expect(teams.body).toEqual([{ teamId: "19:big-team@thread.tacv2", teamName: "Big team" }, { teamId: TEAM_A.id, teamName: "Sales" }]);
    const res = await fac.send("POST", apiRoutes.peopleTeamMembers.url(), { teamId: TEAM_A.id });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      teamId: TEAM_A.id,
      teamName: "Sales",
      people: [
        { userId: guid(1), displayName: "Alex Wilber" },
        { userId: guid(2), displayName: "Dee Named-By-Teams" },
        { userId: inFinance.aadObjectId, displayName: "Finn Already", otherCohorts: ["Finance pilot"] },
        { userId: guid(3), displayName: "Uma Upn" },
      ],
    });
  });

  it("when someone asks for another organisation's team, or a team the app is not in, then it does not exist for them", async () => {
    const other = await admin.send("POST", apiRoutes.peopleTeamMembers.url(), { teamId: TEAM_B.id });
    expect(other.status).toBe(404);
    expect(other.body.error.message).toMatch(/not installed in that team/);
    expect(JSON.stringify(other.body)).not.toContain("Bea");
    expect((await admin.send("POST", apiRoutes.peopleTeamMembers.url(), { teamId: "19:nowhere@thread.tacv2" })).status).toBe(404);
    expect((await adminB.get(apiRoutes.peopleImportTeams.url())).body).toEqual([{ teamId: TEAM_B.id, teamName: "Other org" }]);
    const fromB = await preview(adminB, "Alex,alex@contoso.com,\n");
    expect(fromB.body.rows).toEqual([{ row: 1, error: "row 1: nobody with this e-mail in the teams where Cohort Coach is installed" }]);
  });

  it("when someone who is neither an admin nor a facilitator tries, then they are refused; without a token, nobody is let in", async () => {
    for (const res of [await preview(member, `Megan,${guid(50)},`), await member.get(apiRoutes.peopleImportTeams.url()), await member.send("POST", apiRoutes.peopleTeamMembers.url(), { teamId: TEAM_A.id })]) {
      expect(res.status).toBe(403);
      expect(res.body.error.message).toBe("Only admins and facilitators can import people into a cohort.");
    }
    expect((await preview(nobody, `Megan,${guid(50)},`)).status).toBe(401);
  });

  it("when the file is too large, empty or missing, then a clear error says what to do", async () => {
    const twoMegabytes = await preview(admin, `Name,Email\n${"Someone,someone@contoso.com\n".repeat(75_000)}`);
    expect(twoMegabytes.status).toBe(413);
    expect(twoMegabytes.body.error).toEqual({ code: "PAYLOAD.TOO_LARGE", message: "The request body is too large (limit 256 KB)." });

    const overLimit = await preview(admin, `Name,Email\n${"x".repeat(CSV_IMPORT_MAX_CHARS)}`);
    expect(overLimit.status).toBe(400);
    expect(overLimit.body.error.issues).toEqual([{ field: "file", message: "File is too large: the import takes up to 200 KB of CSV (about 2,500 people). Split it into smaller files." }]);

    const empty = await preview(admin, " \n");
    expect(empty.status).toBe(400);
    expect(empty.body.error.issues[0].message).toMatch(/^File is empty: choose a CSV file/);
    expect((await admin.send("POST", apiRoutes.peopleImportPreview.url(), {})).status).toBe(400);
    expect((await admin.send("POST", apiRoutes.peopleTeamMembers.url(), { teamId: "" })).status).toBe(400);
  });
});

describe("a person in two cohorts", () => {
  const TENANT = "tenant-two-cohorts";
  const both = person(10, "Bo Both");
  const fac = person(11, "Fay Facilitator");
  let server: TestServer;
  let bot: BotDriver;

  beforeAll(async () => {
    server = await startTestServer({ now: "2026-03-20T12:00:00.000Z" });
    bot = new BotDriver(server, TENANT);
    const serviceUrl = server.connector.serviceUrl;
    await seedCohort(server.repos, { tenantId: TENANT, cohortId: "fin", cohortName: "Finance pilot", startDate: "2026-03-02", members: [both], facilitators: [fac], serviceUrl });
    await seedCohort(server.repos, { tenantId: TENANT, cohortId: "ops", cohortName: "Operations pilot", trackId: "operations", startDate: "2026-03-09", members: [both], facilitators: [fac], serviceUrl });
  });
  afterAll(() => server.close());

  it("when they answer a card, then it counts in that card's cohort only; a typed checkin uses the cohort that started last and names it", async () => {
    const answer = { sessionNumber: 1, tried: "Drafted the commentary", worked: "Structure", minutesSaved: "30", confidence: "3", wantsHelp: "false" };
    const { status, body } = await bot.invoke(both, CHECKIN_VERBS.submit, { ...answer, cohortId: "fin" });
    expect(status).toBe(200);
    expect(cardText(body.value)).toContain("Finance pilot");
    expect(await server.repos.loop.getCheckIn(TENANT, "fin", 1, both.aadObjectId)).toBeDefined();
    expect(await server.repos.loop.getCheckIn(TENANT, "ops", 1, both.aadObjectId)).toBeUndefined();

    const [typed] = await bot.say(both, "checkin");
    expect(cardText(typed)).toContain("Operations pilot");
    expect(cardText(typed)).not.toContain("Finance pilot");
  });
});
