/** A member's own summary: an open check-in not yet answered does not break their streak. */
import { summariseMember } from "../../../bot/src/domain/member-summary";
import type { MemberRecords } from "../../../bot/src/domain/ports";
import { buildTimeline } from "../../../bot/src/domain/timeline";
import { getBuiltInTrack } from "../../../bot/src/domain/tracks";
import type { CheckIn } from "../../../bot/src/domain/types";

const timeline = buildTimeline({ startDate: "2026-03-02", timeZone: "Europe/London", localTime: "09:30" }, getBuiltInTrack("finance")!);
const checkIn = (sessionNumber: number): CheckIn => ({ id: `c${sessionNumber}`, tenantId: "t", cohortId: "c", userId: "u", sessionNumber, tried: "t", worked: "", stuck: "", minutesSaved: 10, confidence: 3, wantsHelp: false, submittedAt: "2026-03-03T10:00:00.000Z", updatedAt: "2026-03-03T10:00:00.000Z" });
const records = (...sessions: number[]): MemberRecords => ({ commitments: [], checkIns: sessions.map(checkIn), adoption: [], wins: [] });
const closes = (n: number) => new Date(timeline.find((e) => e.kind === "checkin" && e.sessionNumber === n)!.closesAt!);

describe("summariseMember's streak", () => {
  it("when the latest check-in is open and not answered yet, then the earlier run still counts", () => {
    const duringThird = new Date(closes(3).getTime() - 3600_000);
    expect(summariseMember(timeline, records(1, 2), duringThird).streak).toBe(2);
  });

  it("when that check-in closes unanswered, then the streak is broken", () => {
    const afterThird = new Date(closes(3).getTime() + 3600_000);
    expect(summariseMember(timeline, records(1, 2), afterThird).streak).toBe(0);
  });

  it("when it is answered, then it counts at once", () => {
    const duringThird = new Date(closes(3).getTime() - 3600_000);
    expect(summariseMember(timeline, records(1, 2, 3), duringThird).streak).toBe(3);
  });
});
