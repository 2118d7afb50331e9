/** The practice pods repository on the embedded Cosmos DB server: the split's ETags, the chat index, and message counters that never lose a message. */
import { ConcurrencyError } from "../../../bot/src/domain/errors";
import { podsOf, type PodSplit } from "../../../bot/src/domain/pods";
import { startTestStore, type TestStore } from "../../helpers/store";

const split = (tenantId: string): PodSplit => ({ tenantId, cohortId: "c1", pods: podsOf([["a", "b", "c", "d"]]), mode: "auto", createdAt: "2026-03-02T08:00:00.000Z", createdBy: "f", updatedAt: "2026-03-02T08:00:00.000Z" });

describe("the pod repository", () => {
  let t: TestStore;
  beforeAll(async () => {
    t = await startTestStore();
  });
  afterAll(() => t.close());

  it("when two splits are saved at once, or a stale ETag is used, then exactly one write wins and the other is a ConcurrencyError; another tenant reads nothing", async () => {
    const results = await Promise.allSettled([t.repos.pods.save(split("t1")), t.repos.pods.save(split("t1"))]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect((results.find((r) => r.status === "rejected") as PromiseRejectedResult).reason).toBeInstanceOf(ConcurrencyError);
    const stored = (await t.repos.pods.get("t1", "c1"))!;
    const { etag, ...rest } = stored;
    await t.repos.pods.save({ ...rest, mode: "manual" }, etag);
    await expect(t.repos.pods.save({ ...rest, mode: "auto" }, etag)).rejects.toBeInstanceOf(ConcurrencyError);
    expect(await t.repos.pods.get("t2", "c1")).toBeUndefined();
  });

  it("when 20 messages are counted at once in one pod's week, then the counter says 20; the chat index answers only in its tenant", async () => {
    await Promise.all(Array.from({ length: 20 }, (_, i) => t.repos.pods.countMessage("t1", "c1", "pod-1", "2026-03-02", i < 10 ? "2026-03-03" : "2026-03-04")));
    await t.repos.pods.countMessage("t1", "c1", "pod-1", "2026-03-09", "2026-03-09");
    const activity = await t.repos.pods.listActivity("t1", "c1");
    expect(activity.find((a) => a.week === "2026-03-02")!.count).toBe(20);
    expect(activity.find((a) => a.week === "2026-03-09")).toEqual({ podId: "pod-1", week: "2026-03-09", count: 1, lastActiveOn: "2026-03-09" });
    await t.repos.pods.recordChat("t1", "19:abc/def?x#y@thread.v2", { cohortId: "c1", podId: "pod-1" });
    expect(await t.repos.pods.findChat("t1", "19:abc/def?x#y@thread.v2")).toEqual({ cohortId: "c1", podId: "pod-1" });
    expect(await t.repos.pods.findChat("t2", "19:abc/def?x#y@thread.v2")).toBeUndefined();
  });
});
