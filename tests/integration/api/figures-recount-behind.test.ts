/**
 * Issue 15 at 5,000 members: a large cohort's out-of-date figures are recounted behind the read
 * that found them, not within it. The read answers at once with the kept figures, marked
 * `figuresRefreshing`; one recount runs however many reads arrive meanwhile; the next read after
 * it has the new figures. Small cohorts keep being recounted within the read.
 *
 * Real service and embedded Cosmos (tests/helpers/test-server), with the threshold lowered to 6
 * members (FIGURES_RECOUNT_IN_BACKGROUND_FROM_MEMBERS) so a cohort of 10 counts as large.
 */
import { ManualClock } from "../../../bot/src/domain/clock";
import { buildTimeline } from "../../../bot/src/domain/timeline";
import { getBuiltInTrack } from "../../../bot/src/domain/tracks";
import type { Actor } from "../../../bot/src/domain/types";
import { checkFigures, recountsSettled } from "../../../bot/src/usecases/dashboard/cohort-figures";
import { recordCheckIn } from "../../../bot/src/usecases/member/record-check-in";
import { startTestServer, type TestServer } from "../../helpers/test-server";

jest.setTimeout(120_000);

const tenantId = "recount-behind-0000-0000-000000000001";
const admin = { tenantId, userId: "recount-admin", displayName: "Admin", isAdmin: true };
const facilitator = { tenantId, userId: "00000000-0000-0000-ffff-000000000003", displayName: "Facilitator" };
const people = Array.from({ length: 10 }, (_, i) => ({ userId: `00000000-0000-0000-cccc-${String(i).padStart(12, "0")}`, displayName: `Member ${i}` }));
const actorOf = (m: { userId: string; displayName: string }): Actor => ({ tenantId, userId: m.userId, displayName: m.displayName, isAdmin: false });
const track = getBuiltInTrack("operations")!;

let server: TestServer;

async function ok(method: string, path: string, who: { tenantId: string; userId: string; displayName: string; isAdmin?: boolean }, body?: unknown) {
  const res = await fetch(server.baseUrl + path, { method, headers: { authorization: `Bearer ${await server.tokenFor(who)}`, ...(body ? { "content-type": "application/json" } : {}) }, ...(body ? { body: JSON.stringify(body) } : {}) });
  const text = await res.text();
  if (res.status >= 400) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : undefined;
}

beforeAll(async () => {
  server = await startTestServer({ now: "2026-03-06T08:00:00.000Z", env: { FIGURES_RECOUNT_IN_BACKGROUND_FROM_MEMBERS: "6" } });
});
afterAll(async () => server?.close());

/**
 * Counts the full recounts (each reads the cohort's memberships with every field,
 * usecases/dashboard/cohort-figures.ts) and holds each one until `release`: so the reads made
 * meanwhile are known to arrive while it runs.
 */
function heldRecounts() {
  const memberships = server.ctx.repos.memberships;
  const original = memberships.listByCohort.bind(memberships);
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const spy = jest.spyOn(memberships, "listByCohort").mockImplementation(async (...args) => {
    await gate;
    return original(...args);
  });
  return { count: () => spy.mock.calls.length, release, restore: () => spy.mockRestore() };
}

test("a large cohort's dashboard answers with the kept figures while one recount behind it counts the new answers", async () => {
  const clock = server.clock as ManualClock;
  const created = await ok("POST", "/api/cohorts", admin, { name: "Large team", kind: "team", trackId: "operations", startDate: "2026-03-09", timeZone: "Europe/London", facilitatorIds: [facilitator.userId], members: people });
  const cohortId = created.id as string;
  const checkIn = buildTimeline({ ...created, tenantId }, track).find((e) => e.kind === "checkin")!;
  clock.set(new Date(Date.parse(checkIn.dueAt) + 3600_000).toISOString());
  const answer = (m: (typeof people)[number], confidence: number) => recordCheckIn(server.ctx, actorOf(m), { cohortId, sessionNumber: checkIn.sessionNumber!, tried: "drafting", worked: "summary", stuck: "", minutesSaved: 20, confidence, wantsHelp: false });

  // Five answers, then the first read: with nothing kept yet, it waits for its recount.
  for (const m of people.slice(0, 5)) await answer(m, 4);
  const first = await ok("GET", `/api/cohorts/${cohortId}/progress`, facilitator);
  expect(first.figuresRefreshing).toBeUndefined();
  expect(first.weekly[0].participation).toMatchObject({ suppressed: false, value: 0.5 });
  expect(first.weekly[0].confidence).toMatchObject({ suppressed: false, value: 4 });

  // Five more answers: the next reads answer with the kept figures, say they are being refreshed,
  // and however many there are, one recount runs.
  for (const m of people.slice(5)) await answer(m, 2);
  const recounts = heldRecounts();
  try {
    const during = await Promise.all([1, 2, 3, 4].map(() => ok("GET", `/api/cohorts/${cohortId}/progress`, facilitator)));
    for (const read of during) {
      expect(read.figuresRefreshing).toBe(true);
      expect(read.figuresAsOf).toBe(first.figuresAsOf);
      expect(read.weekly[0].participation).toMatchObject({ value: 0.5 });
    }
    recounts.release();
    await recountsSettled(server.ctx);
    expect(recounts.count()).toBe(1);
  } finally {
    recounts.restore();
  }

  // The next read has the new figures, up to date, and they equal a full recount.
  const after = await ok("GET", `/api/cohorts/${cohortId}/progress`, facilitator);
  expect(after.figuresRefreshing).toBeUndefined();
  expect(after.weekly[0].participation).toMatchObject({ suppressed: false, value: 1 });
  expect(after.weekly[0].confidence).toMatchObject({ suppressed: false, value: 3 });
  const cohort = (await server.repos.cohorts.get(tenantId, cohortId))!;
  expect(await checkFigures(server.ctx, cohort, track)).toEqual({ consistent: true, stale: false });
});

test("a recount behind a read that fails is logged, the read still answers, and the next read tries again", async () => {
  const created = await ok("POST", "/api/cohorts", admin, { name: "Second large team", kind: "team", trackId: "operations", startDate: "2026-03-09", timeZone: "Europe/London", facilitatorIds: [facilitator.userId], members: people, alreadyRunning: true });
  const cohortId = created.id as string;
  await ok("GET", `/api/cohorts/${cohortId}/progress`, facilitator);
  const checkIn = buildTimeline({ ...created, tenantId }, track).find((e) => e.kind === "checkin")!;
  await recordCheckIn(server.ctx, actorOf(people[0]!), { cohortId, sessionNumber: checkIn.sessionNumber!, tried: "drafting", worked: "summary", stuck: "", minutesSaved: 20, confidence: 3, wantsHelp: false });

  const spy = jest.spyOn(server.ctx.repos.memberships, "listByCohort").mockRejectedValueOnce(new Error("database not answering"));
  try {
    const before = server.logs.length;
    const read = await ok("GET", `/api/cohorts/${cohortId}/progress`, facilitator);
    expect(read.figuresRefreshing).toBe(true);
    await recountsSettled(server.ctx);
    expect(server.logs.slice(before).some((l) => l.message === "cohort figures: the recount behind a read failed" && l.fields.cohortId === cohortId)).toBe(true);
    // The next read starts another recount, which succeeds.
    expect((await ok("GET", `/api/cohorts/${cohortId}/progress`, facilitator)).figuresRefreshing).toBe(true);
    await recountsSettled(server.ctx);
    expect((await ok("GET", `/api/cohorts/${cohortId}/progress`, facilitator)).figuresRefreshing).toBeUndefined();
    expect(spy).toHaveBeenCalledTimes(2);
  } finally {
    spy.mockRestore();
  }
});
