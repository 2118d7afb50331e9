/**
 * Role × action × surface, from the one access policy table the code uses: every API route, bot
 * command and card action in it is driven over real HTTP (the tab's API, and the bot's
 * /api/messages as Teams posts it) by an admin, a facilitator and a member of cohort A, a
 * facilitator of another cohort and someone with no role; each must be allowed, forbidden or
 * "not found" exactly as the row says. So the tab and the bot can't disagree.
 */
import { ACCESS_ACTIONS, decideAccess, ruleOf, type AccessAction, type AccessRole } from "../../../bot/src/domain/access-policy";
import { apiRoutes } from "../../../bot/src/contract/api-routes";
import { STARTER_POLICY } from "../../../bot/src/domain/policy-template";
import { getBuiltInTrack } from "../../../bot/src/domain/tracks";
import { contentOf } from "../../../bot/src/usecases/tracks/track-content";
import type { AdaptiveCardJson } from "../../../bot/src/domain/ports";
import { apiAs } from "../../helpers/api-client";
import { BotDriver, cardText, type InvokeResult } from "../../helpers/bot-driver";
import { person, seedCohort, type FixturePerson } from "../../helpers/fixtures";
import { invokeActivity, type ActivityBase } from "../../helpers/teams-activities";
import { startTestServer, type TestServer } from "../../helpers/test-server";

const TENANT = "tenant-access-matrix";
const A = "finance-test";
const TEAM = { id: "19:finance-team@thread.tacv2", name: "Finance" };

type Outcome = "allow" | "forbidden" | "not-found";
interface Persona {
  label: string;
  who: FixturePerson;
  isAdmin: boolean;
  /** The roles this persona holds for cohort A (and the tenant). */
  roles: AccessRole[];
}

const PERSONAS: Persona[] = [
  { label: "app-role admin", who: person(1, "Ada Admin"), isAdmin: true, roles: ["admin"] },
  { label: "facilitator of A", who: person(2, "Fay Facilitator"), isAdmin: false, roles: ["cohort-facilitator", "any-facilitator"] },
  { label: "member of A", who: person(3, "Max Member"), isAdmin: false, roles: ["cohort-member"] },
  { label: "facilitator of another cohort", who: person(4, "Bea Other"), isAdmin: false, roles: ["any-facilitator"] },
  { label: "signed-in, no role", who: person(5, "Nia Nobody"), isAdmin: false, roles: [] },
];

let server: TestServer;
let bot: BotDriver;
const QUESTION_ID = "question-matrix-1";
const ALERT_ID = "alert-matrix-1";

beforeAll(async () => {
  // Wednesday of week 1: session 1's check-in is open, so every cohort action has something to act on.
  server = await startTestServer({ now: "2026-03-04T12:00:00.000Z" });
  bot = new BotDriver(server, TENANT);
  const [admin, facA, memA, facB] = PERSONAS.map((p) => p.who);
  await seedCohort(server.repos, { tenantId: TENANT, cohortId: A, members: [memA!], facilitators: [facA!], serviceUrl: server.connector.serviceUrl });
  await seedCohort(server.repos, { tenantId: TENANT, cohortId: "b-cohort", cohortName: "Other cohort", members: [], facilitators: [facB!], serviceUrl: server.connector.serviceUrl });
  await server.repos.questions.createIfAbsent({ id: QUESTION_ID, tenantId: TENANT, cohortId: A, text: "May I use it on invoices?", askedOn: "2026-03-02", status: "open", anonymous: false, askedBy: memA!.aadObjectId, askedByName: memA!.name });
  await server.repos.alerts.createIfAbsent({ id: ALERT_ID, tenantId: TENANT, cohortId: A, userId: memA!.aadObjectId, displayName: memA!.name, reason: "asked-for-help", sessionNumber: 1, context: "Stuck on formulas", raisedAt: "2026-03-02T08:00:00.000Z" });
  // The admin holds the app role on their tab token; the bot learns it from that sign-in.
  expect((await (await api(PERSONAS[0]!)).get(apiRoutes.me.url())).status).toBe(200);
  void admin;
});

afterAll(async () => server?.close());

const api = (p: Persona) => apiAs(server, { tenantId: TENANT, userId: p.who.aadObjectId, displayName: p.who.name, isAdmin: p.isAdmin });

function outcomeOfStatus(status: number, body: unknown): Outcome {
  if (status >= 200 && status < 300) return "allow";
  if (status === 403) return "forbidden";
  if (status === 404) return "not-found";
  throw new Error(`unexpected ${status}: ${JSON.stringify(body).slice(0, 300)}`);
}

/** The bot's refusal is a card: the row's own words (forbidden), or its not-found words or a bare "Not found." (not yours). */
function outcomeOfCard(action: AccessAction, card: AdaptiveCardJson | undefined): Outcome {
  if (!card) throw new Error("the bot sent no card");
  const text = cardText(card);
  // Refused for where it was used, not for who used it: the driver sent it to the wrong place.
  if (/works in a channel|in your 1:1 chat with me/.test(text)) throw new Error(`answered for the wrong scope: ${text.slice(0, 200)}`);
  if (text.includes(ruleOf(action).refusal)) return "forbidden";
  const notFound = ruleOf(action).notFound;
  if ((notFound && text.includes(notFound)) || /(^|\n)Not found\.($|\n)/.test(text)) return "not-found";
  return "allow";
}

async function policyDraft(): Promise<Record<string, unknown>> {
  const current = await server.repos.policies.current(TENANT);
  const version = current?.version ?? 0;
  return { basedOnVersion: version, title: `AI-use policy, edition ${version + 1}`, summary: STARTER_POLICY.summary, sections: STARTER_POLICY.sections };
}

async function cohortUpdateBody(): Promise<Record<string, unknown>> {
  const cohort = (await server.repos.cohorts.get(TENANT, A))!;
  const members = await server.repos.memberships.listByCohort(TENANT, A);
  return { name: cohort.name, kind: cohort.kind, trackId: cohort.trackId, startDate: cohort.startDate, timeZone: cohort.timeZone, localTime: cohort.localTime, facilitatorIds: cohort.facilitatorIds, members: members.map((m) => ({ userId: m.userId, displayName: m.displayName })), etag: cohort.etag };
}

/** A publish as the tab makes it: with the ETag of what is published now, so no one loses a race here. */
async function digestPublishBody(): Promise<Record<string, unknown>> {
  const published = await server.repos.digests.get(TENANT, A, 1);
  return { note: "We start from checking the numbers.", featured: [], ...(published ? { etag: published.etag } : {}) };
}

/** One request per API route, as the tab would make it for cohort A. */
const ROUTE_DRIVERS: Record<string, (p: Persona) => Promise<Outcome>> = {};
const get = (url: () => string) => async (p: Persona) => {
  const res = await (await api(p)).get(url());
  return outcomeOfStatus(res.status, res.body);
};
const send = (method: "POST" | "PUT" | "DELETE", url: () => string, body: (p: Persona) => Promise<unknown> | unknown) => async (p: Persona) => {
  const res = await (await api(p)).send(method, url(), await body(p));
  return outcomeOfStatus(res.status, res.body);
};
/**
 * Cohort A is a team cohort, so the leaders' routes refuse it as input (400) once access is granted:
 * reaching that check is what "allowed" means here.
 */
const pastAccess = (method: "GET" | "POST" | "PUT", url: () => string, body: () => unknown) => async (p: Persona) => {
  const res = method === "GET" ? await (await api(p)).get(url()) : await (await api(p)).send(method, url(), body());
  return res.status === 400 ? "allow" : outcomeOfStatus(res.status, res.body);
};
Object.assign(ROUTE_DRIVERS, {
  shareExperiment: pastAccess("POST", () => apiRoutes.shareExperiment.url({ cohortId: A }), () => ({ draftId: "draft-matrix-0004", work: "The board pack", tried: "A first draft with AI", outcome: "Two numbers were wrong", share: true })),
  leaderNote: pastAccess("GET", () => apiRoutes.leaderNote.url({ cohortId: A }), () => undefined),
  saveLeaderNote: pastAccess("PUT", () => apiRoutes.saveLeaderNote.url({ cohortId: A }), () => ({ text: "We tried it first; now it is your turn." })),
  leaderNoteReview: get(() => apiRoutes.leaderNoteReview.url({ cohortId: A })),
  holdLeaderNote: pastAccess("PUT", () => apiRoutes.holdLeaderNote.url({ cohortId: A }), () => ({ heldBack: true, etag: "none" })),
});
Object.assign(ROUTE_DRIVERS, {
  me: get(() => apiRoutes.me.url()),
  tracks: get(() => apiRoutes.tracks.url()),
  myData: get(() => apiRoutes.myData.url()),
  deleteMyData: send("DELETE", () => apiRoutes.deleteMyData.url(), () => undefined),
  people: get(() => apiRoutes.people.url({ search: "a" })),
  peopleImportPreview: send("POST", () => apiRoutes.peopleImportPreview.url(), () => ({ file: "Megan Bowen,6e2a9f4c-1b7d-4c3e-9a8f-0d5b2c7e1f30,Manager\n" })),
  peopleImportTeams: get(() => apiRoutes.peopleImportTeams.url()),
  peopleTeamMembers: send("POST", () => apiRoutes.peopleTeamMembers.url(), async () => {
    // The team the app is installed in, with its roster served by the Bot Connector stand-in.
    await server.repos.teams.record({ tenantId: TENANT, teamId: TEAM.id, teamName: TEAM.name, serviceUrl: server.connector.serviceUrl, channels: [{ channelId: TEAM.id }], updatedAt: "2026-03-01T09:00:00.000Z" });
    server.connector.setRoster(TEAM.id, [{ id: "29:roster-1", aadObjectId: "6e2a9f4c-1b7d-4c3e-9a8f-0d5b2c7e1f30", name: "Megan Bowen" }]);
    return { teamId: TEAM.id };
  }),
  cohorts: get(() => apiRoutes.cohorts.url()),
  createCohort: send("POST", () => apiRoutes.createCohort.url(), (p: Persona) => ({ name: `Cohort by ${p.who.name}`, kind: "team", trackId: "finance", startDate: "2026-04-06", timeZone: "Europe/London", facilitatorIds: [p.who.aadObjectId], members: [] })),
  cohort: get(() => apiRoutes.cohort.url({ cohortId: A })),
  updateCohort: send("PUT", () => apiRoutes.updateCohort.url({ cohortId: A }), cohortUpdateBody),
  timeline: get(() => apiRoutes.timeline.url({ cohortId: A })),
  progress: get(() => apiRoutes.progress.url({ cohortId: A })),
  deliveries: get(() => apiRoutes.deliveries.url({ cohortId: A })),
  myHistory: get(() => apiRoutes.myHistory.url({ cohortId: A })),
  metricsCsv: get(() => apiRoutes.metricsCsv.url({ cohortId: A })),
  recomputeFigures: send("POST", () => apiRoutes.recomputeFigures.url({ cohortId: A }), () => undefined),
  leadership: get(() => apiRoutes.leadership.url()),
  impactReport: get(() => apiRoutes.impactReport.url()),
  impactReportCsv: get(() => apiRoutes.impactReportCsv.url()),
  measuredUsage: get(() => apiRoutes.measuredUsage.url()),
  saveMeasuredUsage: send("PUT", () => apiRoutes.saveMeasuredUsage.url(), () => ({ enabled: false })),
  questions: get(() => apiRoutes.questions.url({ cohortId: A })),
  digest: get(() => apiRoutes.digest.url({ cohortId: A })),
  runSheet: get(() => apiRoutes.runSheet.url({ cohortId: A })),
  pods: get(() => apiRoutes.pods.url({ cohortId: A })),
  // Live sessions are off in this tenant: an allowed person is told pods need them (400), which is past access.
  savePods: pastAccess("PUT", () => apiRoutes.savePods.url({ cohortId: A }), () => ({ mode: "auto" })),
  liveSessions: get(() => apiRoutes.liveSessions.url({ cohortId: A })),
  saveLiveSessionNotes: send("PUT", () => apiRoutes.saveLiveSessionNotes.url({ cohortId: A, sessionKey: "kickoff" }), async () => {
    // Cohort A's kick-off as the meeting sync would have stored it, so an allowed save finds it.
    await server.repos.meetings.createIfAbsent({ tenantId: TENANT, cohortId: A, key: "kickoff", state: "scheduled", kind: "kickoff", sessionNumber: 1, title: "Kick-off", startsAt: "2026-03-02T09:30:00.000Z", endsAt: "2026-03-02T10:15:00.000Z", transactionId: "matrix-kickoff", generation: 1, updatedAt: "2026-03-01T00:00:00.000Z" });
    return { notes: "We went through the variance pack together." };
  }),
  publishDigest: send("POST", () => apiRoutes.publishDigest.url({ cohortId: A, sessionNumber: "1" }), digestPublishBody),
  resolveAlert: send("POST", () => apiRoutes.resolveAlert.url({ cohortId: A, alertId: ALERT_ID }), () => ({})),
  answerQuestion: send("POST", () => apiRoutes.answerQuestion.url({ cohortId: A, questionId: QUESTION_ID }), async () => ({ answer: "Yes, without customer names.", etag: (await server.repos.questions.get(TENANT, A, QUESTION_ID))!.etag })),
  wins: get(() => apiRoutes.wins.url({ cohortId: A })),
  winsChannels: get(() => apiRoutes.winsChannels.url()),
  tenantCalendar: get(() => apiRoutes.tenantCalendar.url()),
  saveTenantCalendar: send("PUT", () => apiRoutes.saveTenantCalendar.url(), async (p: Persona) => {
    // Saved as read, so a second admin's save is a save, not a conflict.
    const current = await (await api(p)).get(apiRoutes.tenantCalendar.url());
    const etag = current.status === 200 ? (current.body as { etag?: string }).etag : undefined;
    return { workingDays: [1, 2, 3, 4, 5], holidays: [], ...(etag ? { etag } : {}) };
  }),
  policy: get(() => apiRoutes.policy.url()),
  publishPolicy: send("POST", () => apiRoutes.publishPolicy.url(), policyDraft),
  policyPreview: send("POST", () => apiRoutes.policyPreview.url(), policyDraft),
  policyVersions: get(() => apiRoutes.policyVersions.url()),
  policyAcknowledgements: get(() => apiRoutes.policyAcknowledgements.url()),
});

/** Track authoring: one authored track, saved as the tab saves it (with the ETag it read, so an admin's save is a save). */
const MATRIX_TRACK = "own-matrix-track";
const financeContent = () => contentOf({ ...getBuiltInTrack("finance")!, name: "Finance, our way" });
async function authoredTrackEtag(): Promise<string> {
  const head = await server.repos.tracks.head(TENANT, MATRIX_TRACK);
  return head?.etag ?? (await server.repos.tracks.save(TENANT, { ...getBuiltInTrack("finance")!, id: MATRIX_TRACK }, null)).etag;
}
Object.assign(ROUTE_DRIVERS, {
  trackDetail: get(() => apiRoutes.trackDetail.url({ trackId: "finance" })),
  createTrack: send("POST", () => apiRoutes.createTrack.url(), (p: Persona) => ({ name: `Copy by ${p.who.name}`, copyOf: "finance" })),
  saveTrack: send("PUT", () => apiRoutes.saveTrack.url({ trackId: MATRIX_TRACK }), async () => ({ content: financeContent(), etag: await authoredTrackEtag() })),
  previewTrack: send("POST", () => apiRoutes.previewTrack.url({ trackId: "finance" }), () => ({ content: financeContent(), sessionNumber: 1, card: "brief" })),
  // Cohort A follows the built-in track: an admin is told there is no other version (400), which is past access.
  trackMove: pastAccess("GET", () => apiRoutes.trackMove.url({ cohortId: A }), () => undefined),
  moveTrack: pastAccess("POST", () => apiRoutes.moveTrack.url({ cohortId: A }), () => ({ toVersion: 1, etag: "none" })),
});

const personal = (p: Persona): Partial<ActivityBase> => ({ conversationId: p.who.conversationId });
const inTeam = (): Partial<ActivityBase> => ({ conversationType: "channel", conversationId: `${TEAM.id};messageid=1`, team: TEAM, channel: { id: TEAM.id, name: "General" } });
const TEAM_ONLY = new Set(["create cohort", "cohort.create"]);

/** The card data each verb's card carries for cohort A (what the member typed may be missing: that is not access). */
const VERB_DATA: Record<string, Record<string, unknown>> = {
  "policy.acknowledge": { version: 1 },
  "adoption.submit": { cohortId: A, week: 0 },
  "apply.submit": { cohortId: A, sessionNumber: 1 },
  "apply.edit": { cohortId: A, sessionNumber: 1 },
  "pause.start": { cohortId: A, view: "next", weeks: "1" },
  "pause.end": { cohortId: A, view: "progress" },
  "history.show": { cohortId: A },
  "checkin.submit": { cohortId: A, sessionNumber: 1 },
  "checkin.refresh": { cohortId: A, sessionNumber: 1 },
  "question.submit": { cohortId: A, draftId: "draft-matrix-0001" },
  "question.check": { cohortId: A, code: "ABCD-EFGH-JKLM" },
  "win.submit": { cohortId: A, draftId: "draft-matrix-0002" },
  "experiment.open": { cohortId: A },
  "experiment.submit": { cohortId: A, draftId: "draft-matrix-0003" },
  "alert.reach-out": { cohortId: A, alertId: ALERT_ID },
  "alert.resolve": { cohortId: A, alertId: ALERT_ID },
  "digest.publish": { cohortId: A, sessionNumber: 1, note: "" },
  "next.open": { cohortId: A, eventKey: "learn.1" },
  "brief.show": { cohortId: A, sessionNumber: 1 },
  "mydata.ask-delete": { cohortId: A },
  "mydata.confirm-delete": { cohortId: A },
  "cohort.create": {},
};

async function sayCommand(action: AccessAction, command: string, p: Persona): Promise<Outcome> {
  const [card] = await bot.say(p.who, command, TEAM_ONLY.has(command) ? inTeam() : personal(p));
  return outcomeOfCard(action, card);
}

async function invokeVerb(action: AccessAction, verb: string, p: Persona): Promise<Outcome> {
  const data = VERB_DATA[verb];
  if (!data) throw new Error(`no card data for ${verb}: add it to VERB_DATA`);
  const { status, body } = (
    TEAM_ONLY.has(verb) ? await bot.post(invokeActivity({ serviceUrl: server.connector.serviceUrl, tenantId: TENANT, user: p.who, verb, data, ...inTeam() })) : await bot.invoke(p.who, verb, data)
  ) as InvokeResult;
  if (status !== 200 || body.statusCode !== 200) throw new Error(`${verb} answered ${status}/${body.statusCode}: ${JSON.stringify(body.value).slice(0, 300)}`);
  return outcomeOfCard(action, body.value);
}

interface Case {
  action: AccessAction;
  surface: "tab" | "bot";
  entry: string;
  run: (p: Persona) => Promise<Outcome>;
}

const CASES: Case[] = ACCESS_ACTIONS.flatMap((action) => {
  const rule = ruleOf(action);
  return [
    ...(rule.routes ?? []).map((route): Case => ({ action, surface: "tab", entry: route, run: (p) => {
      const driver = ROUTE_DRIVERS[route];
      if (!driver) throw new Error(`no driver for the route ${route}: add it to ROUTE_DRIVERS`);
      return driver(p);
    } })),
    ...(rule.commands ?? []).map((command): Case => ({ action, surface: "bot", entry: `command "${command}"`, run: (p) => sayCommand(action, command, p) })),
    ...(rule.verbs ?? []).map((verb): Case => ({ action, surface: "bot", entry: `card action ${verb}`, run: (p) => invokeVerb(action, verb, p) })),
  ];
});

describe("one access policy, the same on the tab and in the bot", () => {
  it.each(CASES.map((c) => [c.action, c.surface, c.entry, c] as const))("when %s is used on the %s (%s), then each role gets what the table says", async (_a, _s, _e, c) => {
    const got: Record<string, Outcome> = {};
    const want: Record<string, Outcome> = {};
    for (const p of PERSONAS) {
      want[p.label] = decideAccess(c.action, new Set<AccessRole>(["signed-in", ...p.roles]));
      got[p.label] = await c.run(p);
    }
    expect(got).toEqual(want);
  });
});

describe("app-role admins in the bot", () => {
  const lead: Persona = { label: "L&D lead", who: person(6, "Lee Lead"), isAdmin: true, roles: ["admin"] };
  const myCohorts = async () => outcomeOfCard("facilitator-desk.read", (await bot.say(lead.who, "my cohorts", personal(lead)))[0]);
  const signInToTab = async (withAdminRole: boolean) => expect((await (await api({ ...lead, isAdmin: withAdminRole })).get(apiRoutes.me.url())).status).toBe(200);

  it("when an app-role admin who facilitates nothing has signed in to the tab, then the bot lets them use an admin command; after their role is removed, it does not", async () => {
    expect(await myCohorts()).toBe("forbidden");

    await signInToTab(true);
    expect(await myCohorts()).toBe("allow");
    expect(cardText((await bot.say(lead.who, "my cohorts", personal(lead)))[0])).toContain("Finance test cohort");

    await signInToTab(false);
    expect(await myCohorts()).toBe("forbidden");
  });

  it("when the admin grant was last seen longer ago than ADMIN_GRANT_TRUST_HOURS, then the bot no longer treats them as an admin", async () => {
    await signInToTab(true);
    expect(await myCohorts()).toBe("allow");
    server.clock.advance((server.ctx.config.auth.adminGrantTrustHours + 1) * 3_600_000);
    expect(await myCohorts()).toBe("forbidden");
  });
});
