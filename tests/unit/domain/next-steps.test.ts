/**
 * What a member is asked to do now: only what is open (the latest of each kind), never a past
 * week's step again, the policy first until acknowledged, and the next thing coming.
 */
import type { MemberRecords } from "../../../bot/src/domain/ports";
import { nextSteps } from "../../../bot/src/domain/next-steps";
import type { TimelineEvent, TimelineEventKind } from "../../../bot/src/domain/types";

const event = (key: string, kind: TimelineEventKind, dueAt: string, extra: Partial<TimelineEvent> = {}): TimelineEvent => ({ key, kind, week: 0, dueAt, localDate: dueAt.slice(0, 10), localTime: "09:30", ...extra });

const timeline: TimelineEvent[] = [
  event("policy", "policy", "2026-03-02T09:30:00.000Z"),
  event("baseline", "baseline", "2026-03-02T09:30:00.000Z", { adoptionWeek: 0 }),
  event("s1.learn", "learn", "2026-03-02T09:30:00.000Z", { sessionNumber: 1 }),
  event("s1.apply", "apply", "2026-03-02T09:31:00.000Z", { sessionNumber: 1 }),
  event("s1.checkin", "checkin", "2026-03-06T09:30:00.000Z", { sessionNumber: 1 }),
  event("s1.checkin-reminder", "checkin-reminder", "2026-03-08T09:30:00.000Z", { sessionNumber: 1 }),
  event("s2.learn", "learn", "2026-03-09T09:30:00.000Z", { sessionNumber: 2 }),
  event("s2.apply", "apply", "2026-03-09T09:31:00.000Z", { sessionNumber: 2 }),
  event("s2.checkin", "checkin", "2026-03-13T09:30:00.000Z", { sessionNumber: 2 }),
];

const none = (): MemberRecords => ({ commitments: [], checkIns: [], adoption: [], wins: [] });
const keys = (events: TimelineEvent[]) => events.map((e) => e.key);
const at = (iso: string) => new Date(iso);

describe("nextSteps", () => {
  it("when nothing is due yet, then nothing is asked and the first event is what comes next", () => {
    const steps = nextSteps({ timeline, records: none(), policyAcknowledged: false, now: at("2026-03-01T12:00:00.000Z") });
    expect(steps.due).toEqual([]);
    expect(steps.upcoming?.key).toBe("policy");
  });

  it("when week one has started, then the policy comes first, then the baseline and the commitment; a brief is not homework", () => {
    const steps = nextSteps({ timeline, records: none(), policyAcknowledged: false, now: at("2026-03-02T10:00:00.000Z") });
    expect(keys(steps.due)).toEqual(["policy", "baseline", "s1.apply"]);
    expect(steps.upcoming?.key).toBe("s1.checkin");
  });

  it("when the policy is acknowledged and the step answered, then they are no longer asked", () => {
    const records = { ...none(), commitments: [{ sessionNumber: 1 }], adoption: [{ week: 0 }] } as unknown as MemberRecords;
    const steps = nextSteps({ timeline, records, policyAcknowledged: true, now: at("2026-03-02T10:00:00.000Z") });
    expect(steps.due).toEqual([]);
  });

  it("when session 2 has arrived, then session 1's unanswered commitment is history, not homework", () => {
    const steps = nextSteps({ timeline, records: none(), policyAcknowledged: true, now: at("2026-03-09T10:00:00.000Z") });
    expect(keys(steps.due)).toEqual(["baseline", "s1.checkin", "s2.apply"]);
    expect(keys(steps.due)).not.toContain("s1.apply");
  });

  it("when a later check-in is out, then only the latest unanswered check-in is asked", () => {
    const steps = nextSteps({ timeline, records: none(), policyAcknowledged: true, now: at("2026-03-13T10:00:00.000Z") });
    expect(keys(steps.due).filter((k) => k.endsWith("checkin"))).toEqual(["s2.checkin"]);
  });

  it("when a reminder is the next event, then it is skipped as 'upcoming': reminders are not steps", () => {
    const steps = nextSteps({ timeline, records: none(), policyAcknowledged: true, now: at("2026-03-07T10:00:00.000Z") });
    expect(steps.upcoming?.key).toBe("s2.learn");
  });

  it("when everything is past and answered, then there is nothing due and nothing upcoming", () => {
    const records = { ...none(), commitments: [{ sessionNumber: 2 }], checkIns: [{ sessionNumber: 2 }], adoption: [{ week: 0 }] } as unknown as MemberRecords;
    const steps = nextSteps({ timeline, records, policyAcknowledged: true, now: at("2026-04-01T10:00:00.000Z") });
    expect(steps).toEqual({ due: [] });
  });
});
