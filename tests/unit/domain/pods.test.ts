import { POD_MAX as CONTRACT_POD_MAX, POD_MIN as CONTRACT_POD_MIN } from "../../../bot/src/contract/live-sessions-contract";
import { ValidationError } from "../../../bot/src/domain/errors";
import { parsePodExerciseKey, podChatTopic, podCountFor, podExerciseKey, podWeekOf, POD_MAX, POD_MIN, splitIntoPods, validateManualSplit, type PodCandidate } from "../../../bot/src/domain/pods";

const ids = (n: number) => Array.from({ length: n }, (_, i) => `user-${String(i).padStart(3, "0")}`);
/** A deterministic spread of confidence, some unknown. */
const candidates = (n: number): PodCandidate[] => ids(n).map((userId, i) => ({ userId, ...(i % 4 === 3 ? {} : { confidence: (i % 5) + 1 }) }));

describe("splitting a cohort into practice pods", () => {
  it("when the contract and the domain are read, then they agree on 4 to 6", () => {
    expect([POD_MIN, POD_MAX]).toEqual([CONTRACT_POD_MIN, CONTRACT_POD_MAX]);
  });

  it("when 14 members are split, then 3 pods of 4 to 6 each hold some of the most and some of the least confident", () => {
    const people: PodCandidate[] = ids(14).map((userId, i) => ({ userId, ...(i < 5 ? { confidence: 5 } : i < 10 ? { confidence: 1 } : {}) }));
    const pods = splitIntoPods(people);
    expect(pods).toHaveLength(3);
    const level = new Map(people.map((p) => [p.userId, p.confidence ?? 3]));
    for (const pod of pods) {
      expect(pod.length).toBeGreaterThanOrEqual(4);
      expect(pod.length).toBeLessThanOrEqual(6);
      expect(pod.some((id) => level.get(id) === 5)).toBe(true);
      expect(pod.some((id) => level.get(id) === 1)).toBe(true);
    }
    expect(pods.flat().sort()).toEqual(ids(14));
  });

  it("for every cohort size from 4 to 60 except 7, then every member is in exactly one pod of 4 to 6, sizes differ by at most one, and each pod's average confidence is within one of the cohort's", () => {
    for (let n = 4; n <= 60; n++) {
      if (n === 7) continue;
      const people = candidates(n);
      const pods = splitIntoPods(people);
      expect(pods).toHaveLength(Math.ceil(n / 6));
      const sizes = pods.map((p) => p.length);
      expect(Math.min(...sizes)).toBeGreaterThanOrEqual(POD_MIN);
      expect(Math.max(...sizes)).toBeLessThanOrEqual(POD_MAX);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      expect(pods.flat().sort()).toEqual(ids(n));
      const level = new Map(people.map((p) => [p.userId, p.confidence ?? 3]));
      const mean = (list: string[]) => list.reduce((s, id) => s + level.get(id)!, 0) / list.length;
      const overall = mean(ids(n));
      for (const pod of pods) expect(Math.abs(mean(pod) - overall)).toBeLessThanOrEqual(1);
      // The same cohort splits the same way, whatever order it is read in.
      expect(splitIntoPods([...people].reverse())).toEqual(pods);
    }
  });

  it("when there are fewer than 4 members, or 7, then the split is refused with a plain reason", () => {
    for (const n of [0, 1, 3, 7]) {
      expect(podCountFor(n)).toBeUndefined();
      expect(() => splitIntoPods(candidates(n))).toThrow(ValidationError);
    }
    expect(() => splitIntoPods(candidates(3))).toThrow("Pods need at least 4 people, and this cohort has 3 members.");
    expect(() => splitIntoPods(candidates(7))).toThrow(/7 people cannot make pods of 4 to 6/);
  });
});

describe("a split given by hand", () => {
  const members = new Set(ids(12));
  const issuesOf = (pods: string[][]) => {
    try {
      validateManualSplit(pods, members);
      return [];
    } catch (err) {
      return (err as ValidationError).issues;
    }
  };

  it("when every pod has 4 to 6 members of the cohort, each once, then it is accepted (leaving others out is allowed)", () => {
    const [a, b, c, d, e, f, g, h] = ids(12);
    expect(validateManualSplit([[a!, b!, c!, d!], [e!, f!, g!, h!]], members)).toEqual([[a, b, c, d], [e, f, g, h]]);
  });

  it("when a pod is too small or too big, someone is not a member, or someone is in two pods, then each problem is reported on its field", () => {
    const all = ids(12);
    expect(issuesOf([all.slice(0, 3), [...all.slice(3, 10)], [all[0]!, "stranger", all[10]!, all[11]!]])).toEqual([
      { field: "pods[0]", message: "Pod 1 has 3 people: each pod needs 4 to 6." },
      { field: "pods[1]", message: "Pod 2 has 7 people: each pod needs 4 to 6." },
      { field: "pods[2][0]", message: "Person 1 of pod 3 is already in pod 1: nobody can be in two pods." },
      { field: "pods[2][1]", message: "Person 2 of pod 3 is not a member of this cohort." },
    ]);
    expect(issuesOf([])).toEqual([{ field: "pods", message: "Add at least one pod." }]);
  });
});

describe("pod helpers", () => {
  it("when a key is made, then it reads back; topics fit Teams' 250 characters; weeks start on Monday in the cohort's zone", () => {
    expect(podExerciseKey("finance-1", "pod-2", 3)).toBe("pod-exercise:finance-1:pod-2:3");
    expect(parsePodExerciseKey("pod-exercise:finance-1:pod-2:3")).toEqual({ cohortId: "finance-1", podId: "pod-2", sessionNumber: 3 });
    expect(parsePodExerciseKey("win.123")).toBeUndefined();
    expect(podChatTopic("x".repeat(400), "Pod 1")).toHaveLength(250);
    expect(podChatTopic("Finance", "Pod 1")).toBe("Finance · Pod 1");
    // Sunday 23:30 UTC is already Monday in Auckland.
    expect(podWeekOf("2026-03-08T23:30:00.000Z", "Europe/London")).toBe("2026-03-02");
    expect(podWeekOf("2026-03-08T23:30:00.000Z", "Pacific/Auckland")).toBe("2026-03-09");
  });
});
