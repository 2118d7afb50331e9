/**
 * Track authoring over HTTP, as the tab does it: an admin copies the finance track, renames
 * session 1's workflow, links a template and names the approved tool, previews the brief (built by
 * the bot's own card builder, validated as Adaptive Card 1.5) and saves. Facilitators may read a
 * track but not change it; invalid content is refused field by field with nothing stored; two
 * admins saving at once get one success and one 409 that carries the track as it now is. Real
 * service, real embedded Cosmos; only the sign-in is the local stand-in for Entra ID.
 */
import { apiRoutes } from "../../../bot/src/contract/api-routes";
import type { TrackContent, TrackDetail } from "../../../bot/src/contract/track-authoring-contract";
import { getBuiltInTrack } from "../../../bot/src/domain/tracks";
import { apiAs, type ApiCaller } from "../../helpers/api-client";
import { cardText } from "../../helpers/bot-driver";
import { validateCard } from "../../helpers/card-validator";
import { person, seedCohort } from "../../helpers/fixtures";
import { startTestServer, type TestServer } from "../../helpers/test-server";

const T = "tenant-track-authoring";
const ada = person(1, "Ada Admin");
const ben = person(2, "Ben Admin");
const megan = person(10, "Megan Bowen");
const member = person(20, "Member One");
const FINANCE_WORKFLOW = getBuiltInTrack("finance")!.sessions[0]!.learn.workflow;
const TEMPLATE = { title: "Board pack commentary template", url: "https://contoso.sharepoint.com/sites/finance/Shared%20Documents/Board%20pack%20template.docx" };

describe("track authoring over HTTP", () => {
  let server: TestServer;
  let admin: ApiCaller;
  let otherAdmin: ApiCaller;
  let facilitator: ApiCaller;
  let memberApi: ApiCaller;
  let track: TrackDetail;

  beforeAll(async () => {
    server = await startTestServer({ now: "2026-02-20T09:00:00.000Z" });
    await seedCohort(server.repos, { tenantId: T, members: [member], facilitators: [megan], serviceUrl: server.connector.serviceUrl });
    admin = await apiAs(server, { tenantId: T, userId: ada.aadObjectId, displayName: ada.name, isAdmin: true });
    otherAdmin = await apiAs(server, { tenantId: T, userId: ben.aadObjectId, displayName: ben.name, isAdmin: true });
    facilitator = await apiAs(server, { tenantId: T, userId: megan.aadObjectId, displayName: megan.name });
    memberApi = await apiAs(server, { tenantId: T, userId: member.aadObjectId, displayName: member.name });
  });
  afterAll(() => server.close());

  const edited = (content: TrackContent): TrackContent => ({
    ...content,
    sessions: content.sessions.map((s, i) => (i === 0 ? { ...s, learn: { ...s.learn, workflow: "Q4 board pack commentary" }, links: [...s.links, TEMPLATE] } : s)),
    approvedTool: { name: "Microsoft 365 Copilot", howTo: ["Open the board pack in Word.", "Select Copilot and paste the prompt."] },
  });

  it("when an admin copies the finance track, then it is the organisation's own version 1, based on finance, and the built-in track is unchanged", async () => {
    const res = await admin.send("POST", apiRoutes.createTrack.url(), { name: "Finance, our way", copyOf: "finance" });
    expect(res.status).toBe(201);
    track = res.body;
    expect(track).toMatchObject({ version: 1, builtIn: false, basedOn: "finance", updatedByName: ada.name, cohortsOnOlderVersions: [] });
    expect(track.id).toMatch(/^own-finance-our-way-/);
    expect(track.etag).toBeTruthy();
    expect(track.content.name).toBe("Finance, our way");
    expect(track.content.sessions[0]!.learn.workflow).toBe(FINANCE_WORKFLOW);
    expect((await admin.get(apiRoutes.trackDetail.url({ trackId: "finance" }))).body).toMatchObject({ builtIn: true, version: 0 });
    expect((await admin.get(apiRoutes.tracks.url())).body.map((t: { id: string }) => t.id)).toContain(track.id);
  });

  it("when the admin renames session 1's workflow, links a template, names the tool and previews the brief, then the card is the bot's brief with all three, valid 1.5 under 28 KB", async () => {
    const res = await admin.send("POST", apiRoutes.previewTrack.url({ trackId: track.id }), { content: edited(track.content), sessionNumber: 1, card: "brief" });
    expect(res.status).toBe(200);
    const { card, sizeBytes } = res.body;
    const validation = validateCard(card);
    expect(validation.errors).toEqual([]);
    expect(sizeBytes).toBe(validation.sizeBytes);
    expect(cardText(card)).toContain("Q4 board pack commentary");
    expect(cardText(card)).toContain("Use Microsoft 365 Copilot");
    expect(JSON.stringify(card)).toContain(`"type":"Action.OpenUrl","title":"${TEMPLATE.title}","url":"${TEMPLATE.url}"`);
    // Preview stores nothing.
    expect((await server.repos.tracks.head(T, track.id))!.version).toBe(1);
  });

  it("when the admin previews the apply and check-in cards, then each validates", async () => {
    for (const kind of ["apply", "checkin"]) {
      const res = await admin.send("POST", apiRoutes.previewTrack.url({ trackId: track.id }), { content: edited(track.content), sessionNumber: 2, card: kind });
      expect(res.status).toBe(200);
      expect(validateCard(res.body.card).errors).toEqual([]);
    }
  });

  it("when the admin saves, then version 2 is stored with the edits and a new ETag", async () => {
    const res = await admin.send("PUT", apiRoutes.saveTrack.url({ trackId: track.id }), { content: edited(track.content), etag: track.etag });
    expect(res.status).toBe(200);
    expect(res.body.version).toBe(2);
    expect(res.body.etag).not.toBe(track.etag);
    const read = (await admin.get(apiRoutes.trackDetail.url({ trackId: track.id }))).body as TrackDetail;
    expect(read.version).toBe(2);
    expect(read.etag).toBe(res.body.etag);
    expect(read.content.sessions[0]!.learn.workflow).toBe("Q4 board pack commentary");
    expect(read.content.sessions[0]!.links).toContainEqual(TEMPLATE);
    expect(read.content.approvedTool?.name).toBe("Microsoft 365 Copilot");
    // Version 1 is still there, as it was.
    expect((await server.repos.tracks.get(T, track.id, 1))!.sessions[0]!.learn.workflow).toBe(FINANCE_WORKFLOW);
    track = read;
  });

  it("when a facilitator or a member tries, then facilitators may read the track but nobody but an admin may create, preview or save it", async () => {
    expect((await facilitator.get(apiRoutes.trackDetail.url({ trackId: track.id }))).status).toBe(200);
    expect((await memberApi.get(apiRoutes.trackDetail.url({ trackId: track.id }))).status).toBe(403);
    for (const caller of [facilitator, memberApi]) {
      expect((await caller.send("POST", apiRoutes.createTrack.url(), { name: "Mine", copyOf: "finance" })).status).toBe(403);
      expect((await caller.send("POST", apiRoutes.previewTrack.url({ trackId: track.id }), { content: track.content, sessionNumber: 1, card: "brief" })).status).toBe(403);
      expect((await caller.send("PUT", apiRoutes.saveTrack.url({ trackId: track.id }), { content: track.content, etag: track.etag! })).status).toBe(403);
    }
    expect((await server.repos.tracks.head(T, track.id))!.version).toBe(2);
  });

  it("when the content is invalid, then the save is refused with an error on each field, in plain words, and nothing is stored", async () => {
    const bad: TrackContent = {
      ...track.content,
      defaultLocalTime: "9.30",
      sessions: track.content.sessions.map((s, i) => (i === 0 ? { ...s, links: [{ title: "Old intranet", url: "http://intranet/pack" }], learn: { ...s.learn, workflow: "" } } : s)),
    };
    const res = await admin.send("PUT", apiRoutes.saveTrack.url({ trackId: track.id }), { content: bad, etag: track.etag });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("VALIDATION.INVALID_INPUT");
    const issues = res.body.error.issues as Array<{ field: string; message: string }>;
    expect(issues).toEqual(expect.arrayContaining([
      { field: "content.defaultLocalTime", message: "Delivery time: Use a 24-hour time like 09:30." },
      { field: "content.sessions.0.links.0.url", message: "Session 1, link 1, address: Use a full https:// address, like https://contoso.sharepoint.com/…" },
      { field: "content.sessions.0.learn.workflow", message: "Session 1, workflow: This is required." },
    ]));
    const stored = await server.repos.tracks.head(T, track.id);
    expect(stored!.version).toBe(2);
    expect(stored!.etag).toBe(track.etag);
  });

  it("when two admins save the same version at once, then one is saved and the other gets 409 with the track as it now is, so nothing typed is lost", async () => {
    const mine = { ...track.content, description: "Ada's description" };
    const theirs = { ...track.content, description: "Ben's description" };
    const [a, b] = await Promise.all([
      admin.send("PUT", apiRoutes.saveTrack.url({ trackId: track.id }), { content: mine, etag: track.etag }),
      otherAdmin.send("PUT", apiRoutes.saveTrack.url({ trackId: track.id }), { content: theirs, etag: track.etag }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const [won, lost] = a.status === 200 ? [a, b] : [b, a];
    expect(won.body.version).toBe(3);
    expect(lost.body.error.code).toBe("CONCURRENCY.CONFLICT");
    expect(lost.body.error.message).toMatch(/Another admin saved version 3/);
    expect(lost.body.current).toMatchObject({ id: track.id, version: 3, etag: won.body.etag, content: { description: won.body.content.description } });
    const head = await server.repos.tracks.head(T, track.id);
    expect(head!.version).toBe(3);
    expect(head!.description).toBe(won.body.content.description);
    // The loser saves again on the current ETag: their text goes in as version 4.
    const retry = await (lost === a ? admin : otherAdmin).send("PUT", apiRoutes.saveTrack.url({ trackId: track.id }), { content: lost === a ? mine : theirs, etag: lost.body.current.etag });
    expect(retry.status).toBe(200);
    expect(retry.body.version).toBe(4);
  });

  it("when an admin tries to save a built-in track, then they are told to copy it first", async () => {
    const res = await admin.send("PUT", apiRoutes.saveTrack.url({ trackId: "finance" }), { content: track.content, etag: "x" });
    expect(res.status).toBe(404);
    expect(res.body.error.message).toMatch(/copy it/);
  });
});
