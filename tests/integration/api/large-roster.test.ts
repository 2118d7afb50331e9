/**
 * A cohort of several thousand members can be created and edited through the tab's API. The
 * cohort form sends the whole roster, and the API's 256 KB body limit stopped it at about 3,000
 * members, while the form allows 20,000 (LIMITS.membersPerCohort). Creating and editing a cohort
 * now take up to 4 MB; every other route keeps 256 KB.
 *
 * Real service and embedded Cosmos (tests/helpers/test-server); the stand-in is only for Entra ID tokens.
 */
import { LIMITS } from "../../../bot/src/domain/limits";
import { startTestServer, type TestServer } from "../../helpers/test-server";

jest.setTimeout(180_000);

const tenantId = "large-roster-0000-0000-000000000001";
const admin = { tenantId, userId: "large-roster-admin", displayName: "Admin", isAdmin: true };
const facilitatorId = "00000000-0000-0000-ffff-000000000004";
const memberOf = (i: number) => ({ userId: `00000000-0000-0000-bbbb-${String(i).padStart(12, "0")}`, displayName: `Member number ${i} of the operations division`, jobTitle: "Operations analyst" });

let server: TestServer;

async function send(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const res = await fetch(server.baseUrl + path, { method, headers: { authorization: `Bearer ${await server.tokenFor(admin)}`, ...(body ? { "content-type": "application/json" } : {}) }, ...(body ? { body: JSON.stringify(body) } : {}) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

beforeAll(async () => {
  server = await startTestServer({ now: "2026-03-02T08:00:00.000Z" });
});
afterAll(async () => server?.close());

test("an admin creates a cohort of 5,000 members and edits its roster through the API", async () => {
  const cohort = { name: "Operations division", kind: "team", trackId: "operations", startDate: "2026-03-09", timeZone: "Europe/London", facilitatorIds: [facilitatorId] };
  const members = Array.from({ length: 5000 }, (_, i) => memberOf(i));
  expect(JSON.stringify({ ...cohort, members }).length).toBeGreaterThan(LIMITS.requestBodyBytes);

  const created = await send("POST", "/api/cohorts", { ...cohort, members });
  expect(created.status).toBe(201);
  expect(created.body.memberCount).toBe(5000);
  const detail = await send("GET", `/api/cohorts/${created.body.id}`);
  expect(detail.body.members).toHaveLength(5000);

  // Edited: the first 1,000 leave, 500 join.
  const edited = [...members.slice(1000), ...Array.from({ length: 500 }, (_, i) => memberOf(5000 + i))];
  const updated = await send("PUT", `/api/cohorts/${created.body.id}`, { ...cohort, members: edited, etag: detail.body.etag });
  expect(updated.status).toBe(200);
  expect(updated.body.memberCount).toBe(4500);
  expect((await send("GET", `/api/cohorts/${created.body.id}`)).body.members).toHaveLength(4500);
});

test("a roster over 4 MB is refused with the limit in plain words, and the cohort is unchanged", async () => {
  const cohort = { name: "Small team", kind: "team", trackId: "operations", startDate: "2026-03-09", timeZone: "Europe/London", facilitatorIds: [facilitatorId] };
  const created = await send("POST", "/api/cohorts", { ...cohort, members: [memberOf(1), memberOf(2)] });
  expect(created.status).toBe(201);
  const detail = await send("GET", `/api/cohorts/${created.body.id}`);

  const tooMany = Array.from({ length: 30_000 }, (_, i) => memberOf(i));
  expect(JSON.stringify(tooMany).length).toBeGreaterThan(LIMITS.rosterRequestBodyBytes);
  const refused = await send("PUT", `/api/cohorts/${created.body.id}`, { ...cohort, members: tooMany, etag: detail.body.etag });
  expect(refused.status).toBe(413);
  expect(refused.body.error).toEqual({ code: "PAYLOAD.TOO_LARGE", message: "The request body is too large (limit 4096 KB)." });
  const after = await send("GET", `/api/cohorts/${created.body.id}`);
  expect(after.body.members.map((m: { userId: string }) => m.userId)).toEqual([memberOf(1).userId, memberOf(2).userId]);
  expect(after.body.etag).toBe(detail.body.etag);
});

test("every other route keeps the 256 KB limit", async () => {
  const sections = { allowedUses: ["x".repeat(300_000)], notAllowed: ["secrets"], dataHandling: ["no PII"], approvedTools: ["Copilot"] };
  const refused = await send("POST", "/api/policy", { basedOnVersion: 0, title: "AI use", summary: "Use AI well.", sections });
  expect(refused.status).toBe(413);
  expect(refused.body.error.message).toBe("The request body is too large (limit 256 KB).");
});
