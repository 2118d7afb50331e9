/** The small rules everything else leans on: retries, alerts, policy diffs and the cohort schedule. */
import { alertReasonsAfterCheckIn } from "../../../bot/src/domain/alerts";
import { validateCohortSchedule } from "../../../bot/src/domain/cohort-rules";
import { ValidationError } from "../../../bot/src/domain/errors";
import { diffPolicies } from "../../../bot/src/domain/policy-diff";
import type { CheckIn, PolicyVersion } from "../../../bot/src/domain/types";
import { decideRetry, DEFAULT_RETRY_POLICY } from "../../../bot/src/scheduler/retry-policy";

describe("decideRetry", () => {
  const half = () => 0.5;

  it("when Teams says the member blocked the bot (403), then it is never retried and is permanent", () => {
    expect(decideRetry({ kind: "permanent", status: 403, reason: "blocked" }, 1, DEFAULT_RETRY_POLICY, half)).toEqual({ retry: false, permanent: true, reason: "403: blocked" });
  });

  it("when a 429 carries Retry-After, then the wait is at least Retry-After", () => {
    const decision = decideRetry({ kind: "throttled", status: 429, retryAfterMs: 7000 }, 1, DEFAULT_RETRY_POLICY, half);
    expect(decision).toEqual({ retry: true, delayMs: 7000 });
  });

  it("when a 429 has no Retry-After, then the delay is full jitter under an exponentially growing cap", () => {
    const caps = [1, 2, 3, 4].map((attempt) => decideRetry({ kind: "throttled", status: 429 }, attempt, DEFAULT_RETRY_POLICY, () => 1));
    expect(caps).toEqual([1000, 2000, 4000, 8000].map((delayMs) => ({ retry: true, delayMs })));
    expect(decideRetry({ kind: "transient", status: 503, reason: "unavailable" }, 3, DEFAULT_RETRY_POLICY, () => 0.25)).toEqual({ retry: true, delayMs: 1000 });
  });

  it("when jitter draws zero, then the delay is still at least 100 ms (no hot loop)", () => {
    expect(decideRetry({ kind: "transient", status: 502, reason: "bad gateway" }, 1, DEFAULT_RETRY_POLICY, () => 0)).toEqual({ retry: true, delayMs: 100 });
  });

  it("when the cap would pass the maximum delay, then it stops at the maximum", () => {
    expect(decideRetry({ kind: "transient", reason: "network" }, 7, { ...DEFAULT_RETRY_POLICY, maxDelayMs: 5000 }, () => 1)).toEqual({ retry: true, delayMs: 5000 });
  });

  it("when the attempts are used up, then it gives up with the last status, not as permanent", () => {
    expect(decideRetry({ kind: "transient", status: 504, reason: "timeout" }, 8, DEFAULT_RETRY_POLICY, half)).toEqual({ retry: false, permanent: false, reason: "gave up after 8 attempts (last: 504)" });
  });
});

describe("alertReasonsAfterCheckIn", () => {
  const checkIn = (sessionNumber: number, over: Partial<CheckIn> = {}): CheckIn => ({
    id: `c${sessionNumber}`,
    tenantId: "t",
    cohortId: "c",
    userId: "u",
    sessionNumber,
    tried: "drafted the note",
    worked: "structure",
    stuck: "",
    minutesSaved: 10,
    confidence: 3,
    wantsHelp: false,
    submittedAt: "2026-03-09T09:00:00.000Z",
    updatedAt: "2026-03-09T09:00:00.000Z",
    ...over,
  });

  it("when a member asks for help, then the facilitator is alerted", () => {
    expect(alertReasonsAfterCheckIn(checkIn(1, { wantsHelp: true }), [])).toEqual(["asked-for-help"]);
  });

  it("when a member is stuck for the first time, then nobody is alerted yet", () => {
    expect(alertReasonsAfterCheckIn(checkIn(1, { stuck: "the numbers were wrong" }), [])).toEqual([]);
  });

  it("when a member is stuck in two different sessions, then it is 'stuck twice'", () => {
    const earlier = [checkIn(1, { stuck: "could not get a first draft" })];
    expect(alertReasonsAfterCheckIn(checkIn(2, { stuck: "the numbers were wrong" }), earlier)).toEqual(["stuck-twice"]);
  });

  it("when the earlier 'stuck' is the same session edited, or said nothing real, then it does not count twice", () => {
    expect(alertReasonsAfterCheckIn(checkIn(2, { stuck: "wrong numbers" }), [checkIn(2, { stuck: "wrong numbers" })])).toEqual([]);
    expect(alertReasonsAfterCheckIn(checkIn(2, { stuck: "wrong numbers" }), [checkIn(1, { stuck: "Nothing." })])).toEqual([]);
  });

  it("when another member was stuck before, then this member's alert does not count it", () => {
    expect(alertReasonsAfterCheckIn(checkIn(2, { stuck: "wrong numbers" }), [checkIn(1, { userId: "someone-else", stuck: "no access" })])).toEqual([]);
  });
});

describe("diffPolicies", () => {
  const version = (n: number, sections: Partial<PolicyVersion["sections"]>): PolicyVersion => ({
    tenantId: "t",
    version: n,
    title: "AI use",
    summary: "Use it well.",
    sections: { allowedUses: [], notAllowed: [], dataHandling: [], approvedTools: [], ...sections },
    publishedAt: "2026-03-01T00:00:00.000Z",
    publishedBy: "admin",
  });

  it("when there is no earlier version, then everything is added", () => {
    expect(diffPolicies(undefined, version(1, { allowedUses: ["Drafting"] }))).toEqual([{ section: "allowedUses", added: ["Drafting"], removed: [] }]);
  });

  it("when a line changes, then the old one is removed and the new one added, in its own section only", () => {
    const before = version(1, { allowedUses: ["Drafting"], approvedTools: ["Copilot"] });
    const after = version(2, { allowedUses: ["Drafting emails"], approvedTools: ["Copilot"] });
    expect(diffPolicies(before, after)).toEqual([{ section: "allowedUses", added: ["Drafting emails"], removed: ["Drafting"] }]);
  });

  it("when only white space differs, then nothing changed", () => {
    expect(diffPolicies(version(1, { notAllowed: ["Client data"] }), version(2, { notAllowed: [" Client data "] }))).toEqual([]);
  });
});

describe("validateCohortSchedule", () => {
  const leaders = { id: "lead", kind: "leadership" as const, startDate: "2026-03-02", name: "Leadership" };
  const team = { kind: "team" as const, startDate: "2026-03-16", timeZone: "Europe/London", leadershipCohortId: "lead" };

  it("when a team cohort starts after its leadership cohort, then it is accepted", () => {
    expect(() => validateCohortSchedule(team, leaders, 14)).not.toThrow();
  });

  it("when a team cohort starts less than the gap after its leaders' start, then the start date is refused with the leaders' date", () => {
    for (const startDate of ["2026-03-02", "2026-02-23", "2026-03-15"]) {
      const error = captureValidation(() => validateCohortSchedule({ ...team, startDate }, leaders, 14));
      expect(error.issues).toEqual([{ field: "startDate", message: "must be 2026-03-16 or later: \"Leadership\" starts 2026-03-02 and leaders go 2 weeks first" }]);
    }
  });

  it("when the named leadership cohort is missing or is a team cohort, then it is refused on that field", () => {
    expect(captureValidation(() => validateCohortSchedule(team, undefined, 14)).issues[0]?.field).toBe("leadershipCohortId");
    expect(captureValidation(() => validateCohortSchedule(team, { ...leaders, kind: "team" }, 14)).issues[0]?.field).toBe("leadershipCohortId");
  });

  it("when a leadership cohort names a leadership cohort to follow, then it is refused", () => {
    expect(captureValidation(() => validateCohortSchedule({ ...team, kind: "leadership" }, leaders, 14)).issues[0]?.field).toBe("leadershipCohortId");
  });

  it("when the time zone or date is not real, then it is refused", () => {
    expect(() => validateCohortSchedule({ ...team, timeZone: "Mars/Olympus", leadershipCohortId: undefined }, undefined, 14)).toThrow(ValidationError);
    expect(() => validateCohortSchedule({ ...team, startDate: "2026-02-30", leadershipCohortId: undefined }, undefined, 14)).toThrow(ValidationError);
  });
});

function captureValidation(run: () => void): ValidationError {
  try {
    run();
  } catch (err) {
    if (err instanceof ValidationError) return err;
    throw err;
  }
  throw new Error("expected a ValidationError");
}
