/**
 * The data layer against the embedded Cosmos DB-compatible server, through the real @azure/cosmos
 * client: no mocks.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ConcurrencyError, AlreadyExistsError } from "../../../bot/src/domain/errors";
import { ids } from "../../../bot/src/domain/ids";
import type { Repositories } from "../../../bot/src/domain/ports";
import type { CheckIn, Cohort, Delivery, Membership, PolicyVersion } from "../../../bot/src/domain/types";
import { startTestStore, type TestStore } from "../../helpers/store";

const NOW = "2026-03-02T09:00:00.000Z";
const TENANT_A = "tenant-a";
const TENANT_B = "tenant-b";

function cohort(tenantId: string, id: string, overrides: Partial<Cohort> = {}): Cohort {
  return {
    id, tenantId, name: `Cohort ${id}`, kind: "team", trackId: "finance", startDate: "2026-03-02", timeZone: "Europe/London",
    facilitatorIds: ["fac-1"], status: "active", createdAt: NOW, createdBy: "admin-1", updatedAt: NOW, ...overrides,
  };
}

function checkIn(tenantId: string, cohortId: string, userId: string, overrides: Partial<CheckIn> = {}): CheckIn {
  return {
    id: ids.checkInId(cohortId, 1, userId), tenantId, cohortId, userId, sessionNumber: 1, tried: "drafted commentary", worked: "structure",
    stuck: "", minutesSaved: 30, confidence: 3, wantsHelp: false, submittedAt: NOW, updatedAt: NOW, ...overrides,
  };
}

function member(tenantId: string, cohortId: string, userId: string): Membership {
  return { tenantId, cohortId, userId, displayName: `Person ${userId}`, joinedAt: NOW };
}

function delivery(tenantId: string, cohortId: string, userId: string, eventKey = "s1.learn"): Delivery {
  return {
    id: ids.deliveryId(cohortId, eventKey, userId), tenantId, cohortId, userId, eventKey, kind: "learn", status: "pending",
    attempts: 0, notBefore: NOW, createdAt: NOW, updatedAt: NOW,
  };
}

function policy(tenantId: string, title: string): PolicyVersion {
  return {
    tenantId, version: 0, title, summary: "Use approved tools.", publishedAt: NOW, publishedBy: "admin-1",
    sections: { allowedUses: ["drafting"], notAllowed: ["decisions about people"], dataHandling: ["no personal data"], approvedTools: ["the licensed assistant"] },
  };
}

describe("the Cosmos DB repositories", () => {
  let t: TestStore;
  let repos: Repositories;

  beforeAll(async () => {
    t = await startTestStore();
    repos = t.repos;
  });
  afterAll(() => t.close());

  it("when the same check-in is submitted twice, then one record holds the second answer", async () => {
    await repos.cohorts.create(cohort(TENANT_A, "dup-cohort"));
    await repos.loop.upsertCheckIn(checkIn(TENANT_A, "dup-cohort", "u1", { confidence: 2 }));
    await repos.loop.upsertCheckIn(checkIn(TENANT_A, "dup-cohort", "u1", { confidence: 4 }));
    const records = await repos.loop.listCohortRecords(TENANT_A, "dup-cohort");
    expect(records.checkIns).toHaveLength(1);
    expect(records.checkIns[0]).toMatchObject({ userId: "u1", confidence: 4 });
  });

  it("when two admins update the same cohort with the same ETag, then one wins and the other gets a conflict", async () => {
    const created = await repos.cohorts.create(cohort(TENANT_A, "race-cohort"));
    const { etag, ...base } = created;
    const results = await Promise.allSettled([
      repos.cohorts.update({ ...base, name: "First admin's name" }, etag),
      repos.cohorts.update({ ...base, name: "Second admin's name" }, etag),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(ConcurrencyError);
    const stored = await repos.cohorts.get(TENANT_A, "race-cohort");
    expect(["First admin's name", "Second admin's name"]).toContain(stored!.name);
  });

  it("when a cohort id is taken, then creating it again is refused and the original is kept", async () => {
    await repos.cohorts.create(cohort(TENANT_A, "taken"));
    await expect(repos.cohorts.create(cohort(TENANT_A, "taken", { name: "Impostor" }))).rejects.toBeInstanceOf(AlreadyExistsError);
    expect((await repos.cohorts.get(TENANT_A, "taken"))!.name).toBe("Cohort taken");
  });

  it("when tenant A reads, then it never sees tenant B's documents, even with B's ids", async () => {
    await repos.cohorts.create(cohort(TENANT_B, "b-cohort"));
    await repos.memberships.upsertMany([member(TENANT_B, "b-cohort", "b-user")]);
    await repos.loop.upsertCheckIn(checkIn(TENANT_B, "b-cohort", "b-user"));
    await repos.people.upsert({ tenantId: TENANT_B, userId: "b-user", displayName: "B", updatedAt: NOW });
    await repos.policies.publish(policy(TENANT_B, "B's policy"), 0);

    expect((await repos.cohorts.list(TENANT_A)).map((c) => c.tenantId)).not.toContain(TENANT_B);
    expect(await repos.cohorts.get(TENANT_A, "b-cohort")).toBeUndefined();
    expect(await repos.memberships.listByCohort(TENANT_A, "b-cohort")).toEqual([]);
    expect(await repos.memberships.listByUser(TENANT_A, "b-user")).toEqual([]);
    expect(await repos.memberships.get(TENANT_A, "b-cohort", "b-user")).toBeUndefined();
    expect((await repos.loop.listCohortRecords(TENANT_A, "b-cohort")).checkIns).toEqual([]);
    expect(await repos.loop.getCheckIn(TENANT_A, "b-cohort", 1, "b-user")).toBeUndefined();
    expect(await repos.people.get(TENANT_A, "b-user")).toBeUndefined();
    expect(await repos.people.getMany(TENANT_A, ["b-user"])).toEqual([]);
    expect(await repos.policies.current(TENANT_A)).toBeUndefined();
    expect(await repos.questions.listByCohort(TENANT_A, "b-cohort")).toEqual([]);
    expect(await repos.deliveries.countsByEvent(TENANT_A, "b-cohort")).toEqual([]);
  });

  it("when two admins publish a policy based on the same version, then exactly one version is published", async () => {
    const tenant = "tenant-policy-race";
    await repos.policies.publish(policy(tenant, "v1"), 0);
    const results = await Promise.allSettled([repos.policies.publish(policy(tenant, "Alice's v2"), 1), repos.policies.publish(policy(tenant, "Bob's v2"), 1)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(ConcurrencyError);
    expect((rejected.reason as Error).message).toMatch(/Another admin published version 2/);
    expect((await repos.policies.list(tenant)).map((p) => p.version)).toEqual([2, 1]);
    expect((await repos.policies.current(tenant))!.version).toBe(2);
  });

  it("when a member acknowledges the same policy twice, then one acknowledgement is stored", async () => {
    const tenant = "tenant-ack";
    await repos.policies.publish(policy(tenant, "v1"), 0);
    const ack = { id: ids.acknowledgementId(1, "u1"), tenantId: tenant, userId: "u1", version: 1, acknowledgedAt: NOW };
    expect(await repos.policies.acknowledge(ack)).toBe("created");
    expect(await repos.policies.acknowledge(ack)).toBe("exists");
    expect(await repos.policies.listAcknowledgements(tenant, 1)).toHaveLength(1);
    expect(await repos.policies.hasAcknowledged(tenant, 1, "u1")).toBe(true);
  });

  it("when two scheduler instances claim the same cohort's deliveries at once, then no delivery is claimed twice", async () => {
    const tenant = "tenant-claims";
    await repos.cohorts.create(cohort(tenant, "claims"));
    for (let i = 0; i < 40; i++) await repos.deliveries.createIfAbsent(delivery(tenant, "claims", `u${i}`));
    const until = "2026-03-02T09:05:00.000Z";
    const [a, b] = await Promise.all([
      repos.deliveries.claimDue(tenant, "claims", "instance-a", NOW, until, 40),
      repos.deliveries.claimDue(tenant, "claims", "instance-b", NOW, until, 40),
    ]);
    const claimedIds = [...a, ...b].map((d) => d.id);
    expect(new Set(claimedIds).size).toBe(claimedIds.length);
    expect(claimedIds).toHaveLength(40);
    expect(await repos.deliveries.claimDue(tenant, "claims", "instance-c", NOW, until, 40)).toEqual([]);
  });

  it("when a large cohort's deliveries are written in batches and some exist already, then each exists once and only the new ones count", async () => {
    const tenant = "tenant-bulk";
    await repos.deliveries.createIfAbsent(delivery(tenant, "c", "u7"));
    await repos.deliveries.createIfAbsent(delivery(tenant, "c", "u180"));
    const all = Array.from({ length: 250 }, (_, i) => delivery(tenant, "c", `u${i}`));
    expect(await repos.deliveries.createManyIfAbsent(all)).toBe(248);
    expect(await repos.deliveries.createManyIfAbsent(all)).toBe(0);
    const stored = await repos.deliveries.listByCohort(tenant, "c");
    expect(new Set(stored.map((d) => d.userId)).size).toBe(250);
    expect(stored).toHaveLength(250);
    await expect(repos.deliveries.createManyIfAbsent([delivery(tenant, "c", "x"), delivery(tenant, "other", "y")])).rejects.toThrow("one cohort");
  });

  it("when a claim has expired, then another instance takes the delivery over", async () => {
    const tenant = "tenant-expired-claim";
    await repos.deliveries.createIfAbsent(delivery(tenant, "c", "u1"));
    const [claimed] = await repos.deliveries.claimDue(tenant, "c", "crashed-instance", NOW, "2026-03-02T09:01:00.000Z", 10);
    expect(claimed!.claimedBy).toBe("crashed-instance");
    expect(await repos.deliveries.claimDue(tenant, "c", "other", "2026-03-02T09:00:30.000Z", "2026-03-02T09:06:00.000Z", 10)).toEqual([]);
    const [taken] = await repos.deliveries.claimDue(tenant, "c", "other", "2026-03-02T09:02:00.000Z", "2026-03-02T09:07:00.000Z", 10);
    expect(taken!.claimedBy).toBe("other");
    expect(await repos.deliveries.createIfAbsent(delivery(tenant, "c", "u1"))).toBe("exists");
  });

  it("when deliveries are counted, then each event's statuses are aggregated", async () => {
    const tenant = "tenant-counts";
    await repos.deliveries.createIfAbsent(delivery(tenant, "c", "u1"));
    await repos.deliveries.createIfAbsent(delivery(tenant, "c", "u2"));
    await repos.deliveries.createIfAbsent(delivery(tenant, "c", "u1", "s1.apply"));
    const [claimed] = await repos.deliveries.claimDue(tenant, "c", "i", NOW, "2026-03-02T09:05:00.000Z", 1);
    const { etag, ...rest } = claimed!;
    await repos.deliveries.update({ ...rest, status: "sent", activityId: "a-1" }, etag);
    const counts = await repos.deliveries.countsByEvent(tenant, "c");
    const byKey = Object.fromEntries(counts.map((c) => [c.eventKey, c]));
    expect(byKey["s1.learn"]!.sent + byKey["s1.learn"]!.pending).toBe(2);
    expect(byKey["s1.learn"]!.sent).toBe(1);
    expect(byKey["s1.apply"]).toMatchObject({ pending: 1, sent: 0 });
    expect(await repos.deliveries.listUserIdsForEvent(tenant, "c", "s1.learn")).toEqual(new Set(["u1", "u2"]));
  });

  it("when a cohort's members change, then its roster version changes, and only its own", async () => {
    const tenant = "t-roster";
    expect(await repos.memberships.rosterVersion(tenant, "r1")).toBeUndefined();
    await repos.memberships.upsertMany([member(tenant, "r1", "u1"), member(tenant, "r2", "u1")]);
    const first = await repos.memberships.rosterVersion(tenant, "r1");
    const other = await repos.memberships.rosterVersion(tenant, "r2");
    expect(first).toBeDefined();
    expect(await repos.memberships.rosterVersion(tenant, "r1")).toBe(first);
    await repos.memberships.upsertMany([member(tenant, "r1", "u2")]);
    const second = await repos.memberships.rosterVersion(tenant, "r1");
    expect(second).not.toBe(first);
    await repos.memberships.removeMany(tenant, "r1", ["u2"]);
    expect(await repos.memberships.rosterVersion(tenant, "r1")).not.toBe(second);
    expect(await repos.memberships.rosterVersion(tenant, "r2")).toBe(other);
    expect(await repos.memberships.rosterVersion("t-other", "r1")).toBeUndefined();
    // The roster record is not a member.
    expect((await repos.memberships.listByCohort(tenant, "r1")).map((m) => m.userId)).toEqual(["u1"]);
    expect(await repos.memberships.countByCohort(tenant, "r1")).toBe(1);
    expect(await repos.memberships.countByCohort(tenant, "none")).toBe(0);
  });

  it("when a planning mark is saved, then it is read back for that cohort and tenant only, and is not a delivery", async () => {
    const tenant = "t-plan-mark";
    await repos.deliveries.savePlanMark({ tenantId: tenant, cohortId: "p1", signature: "sig-1", plannedAt: NOW });
    await repos.deliveries.savePlanMark({ tenantId: tenant, cohortId: "p1", signature: "sig-2", plannedAt: "2026-03-02T09:01:00.000Z" });
    expect(await repos.deliveries.getPlanMark(tenant, "p1")).toEqual({ tenantId: tenant, cohortId: "p1", signature: "sig-2", plannedAt: "2026-03-02T09:01:00.000Z" });
    expect(await repos.deliveries.getPlanMark(tenant, "p2")).toBeUndefined();
    expect(await repos.deliveries.getPlanMark("t-other", "p1")).toBeUndefined();
    expect(await repos.deliveries.listByCohort(tenant, "p1")).toEqual([]);
    expect(await repos.deliveries.countsByEvent(tenant, "p1")).toEqual([]);
  });

  it("when a lease is held, then others cannot take it until it expires, and the holder can renew it", async () => {
    expect(await repos.leases.tryAcquire("plan:x", "a", NOW, "2026-03-02T09:01:00.000Z")).toBe(true);
    expect(await repos.leases.tryAcquire("plan:x", "b", "2026-03-02T09:00:30.000Z", "2026-03-02T09:01:30.000Z")).toBe(false);
    expect(await repos.leases.tryAcquire("plan:x", "a", "2026-03-02T09:00:40.000Z", "2026-03-02T09:01:40.000Z")).toBe(true);
    expect(await repos.leases.tryAcquire("plan:x", "b", "2026-03-02T09:02:00.000Z", "2026-03-02T09:03:00.000Z")).toBe(true);
  });

  it("when an anonymous question is stored, then the document carries no identity", async () => {
    const tenant = "tenant-anon";
    const id = ids.questionId("c", "draft-1");
    await repos.questions.createIfAbsent({ id, tenantId: tenant, cohortId: "c", text: "Is this a silly question?", askedOn: "2026-03-02", status: "open", anonymous: true });
    expect(await repos.questions.createIfAbsent({ id, tenantId: tenant, cohortId: "c", text: "Is this a silly question?", askedOn: "2026-03-02", status: "open", anonymous: true })).toBe("exists");
    const [stored] = await repos.questions.listByCohort(tenant, "c");
    expect(Object.keys(stored!).sort()).toEqual(["anonymous", "askedOn", "cohortId", "etag", "id", "status", "tenantId", "text"]);
  });

  it("when a member deletes their data, then their reflections are gone and others' remain", async () => {
    const tenant = "tenant-mydata";
    await repos.loop.upsertCheckIn(checkIn(tenant, "c", "me"));
    await repos.loop.upsertCheckIn(checkIn(tenant, "c", "colleague"));
    await repos.loop.upsertCommitment({ id: ids.commitmentId("c", 1, "me"), tenantId: tenant, cohortId: "c", userId: "me", sessionNumber: 1, deliverable: "Q3 commentary", committedAt: NOW, updatedAt: NOW });
    expect(await repos.loop.deleteMemberRecords(tenant, "c", "me")).toBe(2);
    const left = await repos.loop.listCohortRecords(tenant, "c");
    expect(left.checkIns.map((c) => c.userId)).toEqual(["colleague"]);
    expect(left.commitments).toEqual([]);
  });
});

describe("local data across restarts", () => {
  it("when the store is closed and opened again on the same folder, then every write is still there", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "cohort-store-"));
    try {
      const first = await startTestStore({ dataDir });
      await first.repos.cohorts.create(cohort(TENANT_A, "persisted"));
      await first.repos.loop.upsertCheckIn(checkIn(TENANT_A, "persisted", "u1"));
      await first.close();

      const second = await startTestStore({ dataDir });
      expect((await second.repos.cohorts.get(TENANT_A, "persisted"))!.name).toBe("Cohort persisted");
      expect((await second.repos.loop.listCohortRecords(TENANT_A, "persisted")).checkIns).toHaveLength(1);
      await second.close();
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it("when the store is flushed (as on SIGTERM), then the last write is on disk before the process ends", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "cohort-store-"));
    try {
      const store = await startTestStore({ dataDir });
      await store.repos.cohorts.create(cohort(TENANT_A, "last-write"));
      await store.store.flush();
      const saved = JSON.parse(fs.readFileSync(path.join(dataDir, "tenants.json"), "utf8")) as Array<{ cohortId?: string }>;
      expect(saved.map((d) => d.cohortId)).toContain("last-write");
      await store.close();
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
