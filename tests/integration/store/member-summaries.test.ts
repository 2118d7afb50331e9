/**
 * The member table's row summaries (store/member-summary.repository.ts), against the embedded
 * server: after concurrent submissions, edits and "delete my data", each member's summary equals a
 * recomputation from their raw records, and a page of rows computed from summaries equals the rows
 * computed from every full record.
 */
import { ids } from "../../../bot/src/domain/ids";
import { computeCohortProgress } from "../../../bot/src/domain/metrics";
import { buildTimeline } from "../../../bot/src/domain/timeline";
import { getBuiltInTrack } from "../../../bot/src/domain/tracks";
import type { Repositories } from "../../../bot/src/domain/ports";
import type { ApplyCommitment, CheckIn, Cohort, Membership } from "../../../bot/src/domain/types";
import { startTestStore, type TestStore } from "../../helpers/store";

jest.setTimeout(120_000);

const NOW = "2026-04-20T09:00:00.000Z";
const T = "summary-tenant";
const C = "summary-cohort";
const cohort: Cohort = { id: C, tenantId: T, name: "Summaries", kind: "team", trackId: "finance", startDate: "2026-03-02", timeZone: "Europe/London", facilitatorIds: ["fac-1"], status: "active", createdAt: NOW, createdBy: "admin-1", updatedAt: NOW };
const users = Array.from({ length: 12 }, (_, i) => `member-${String(i).padStart(2, "0")}`);
const STUCK_TEXTS = ["", "none", "N/A", "the data export keeps failing", "nothing yet", "waiting on IT"];

let t: TestStore;
let repos: Repositories;
beforeAll(async () => {
  t = await startTestStore();
  repos = t.repos;
  await repos.cohorts.create(cohort);
  await repos.memberships.upsertMany(users.map((userId): Membership => ({ tenantId: T, cohortId: C, userId, displayName: `Person ${userId}`, joinedAt: NOW })));
});
afterAll(() => t?.close());

function checkIn(userId: string, sessionNumber: number, n: number): CheckIn {
  return {
    id: ids.checkInId(C, sessionNumber, userId), tenantId: T, cohortId: C, userId, sessionNumber, tried: "tried", worked: "worked",
    stuck: STUCK_TEXTS[n % STUCK_TEXTS.length]!, ...(n % 7 === 0 ? { blockers: ["tool-access"] as CheckIn["blockers"] } : {}),
    minutesSaved: (n * 13) % 90, confidence: ((n % 5) + 1) as CheckIn["confidence"], wantsHelp: n % 4 === 0, submittedAt: NOW, updatedAt: NOW,
  };
}
function commitment(userId: string, sessionNumber: number): ApplyCommitment {
  return { id: ids.commitmentId(C, sessionNumber, userId), tenantId: T, cohortId: C, userId, sessionNumber, deliverable: "a report", committedAt: NOW } as ApplyCommitment;
}

async function expectRowsFromSummariesEqualFullRows(): Promise<void> {
  const now = new Date(NOW);
  const timeline = buildTimeline(cohort, getBuiltInTrack("finance")!, now);
  const memberships = await repos.memberships.listByCohort(T, C);
  const full = computeCohortProgress({ timeline, memberships, records: await repos.loop.listCohortRecords(T, C), acknowledgedUserIds: new Set(), now });
  const rows: typeof full.members = [];
  let cursor: string | undefined;
  do {
    const page = await repos.figures.memberPage(T, C, 5, cursor);
    rows.push(...computeCohortProgress({ timeline, memberships: page.memberships, records: page.records, acknowledgedUserIds: new Set(), now, resolutions: page.resolutions }).members);
    cursor = page.nextCursor;
  } while (cursor);
  expect(rows).toEqual([...full.members].sort((a, b) => a.userId.localeCompare(b.userId)));
}

test("after concurrent submissions, edits and deletions, every summary equals a recomputation from the raw records, and so do the rows", async () => {
  // The first page read builds the cohort's summaries once (nothing written yet).
  expect((await repos.figures.memberPage(T, C, 5)).memberships).toHaveLength(5);
  let seed = 99;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (let round = 0; round < 6; round++) {
    // Many writes at once, several of them by the same member (per-member contention on the summary).
    const writes = Array.from({ length: 16 }, (_, i) => {
      const userId = users[Math.floor(random() * users.length)]!;
      const session = 1 + Math.floor(random() * 4);
      const n = Math.floor(random() * 1000) + i;
      return random() < 0.3 ? () => repos.loop.upsertCommitment(commitment(userId, session)) : () => repos.loop.upsertCheckIn(checkIn(userId, session, n));
    });
    const deleting = round % 2 === 1 ? [users[Math.floor(random() * users.length)]!] : [];
    await Promise.all([...writes.map((w) => w()), ...deleting.map((u) => repos.loop.deleteMemberRecords(T, C, u))]);
    // Settled: the kept summaries equal a recomputation (none differed), and the rows agree.
    expect({ round, ...(await repos.figures.rebuildMemberSummaries(T, C)) }).toEqual({ round, members: expect.any(Number), differed: 0 });
    await expectRowsFromSummariesEqualFullRows();
  }
});

test('"delete my data" takes the member\'s summary with their records: their row is as if they never answered', async () => {
  const userId = users[3]!;
  await repos.loop.upsertCheckIn(checkIn(userId, 2, 4));
  await repos.loop.upsertCommitment(commitment(userId, 1));
  const before = await repos.figures.memberPage(T, C, 50);
  expect(before.records.checkIns.some((c) => c.userId === userId)).toBe(true);
  await repos.loop.deleteMemberRecords(T, C, userId);
  const after = await repos.figures.memberPage(T, C, 50);
  expect(after.records.checkIns.filter((c) => c.userId === userId)).toEqual([]);
  expect(after.records.commitments.filter((c) => c.userId === userId)).toEqual([]);
  // Nothing of what they wrote is kept in a summary: only flags and numbers.
  expect(JSON.stringify(before.records)).not.toContain("the data export keeps failing");
  await expectRowsFromSummariesEqualFullRows();
  expect((await repos.figures.rebuildMemberSummaries(T, C)).differed).toBe(0);
});
