/**
 * The digest's privacy and its summary line: no quote or theme under 5 answers, only consented
 * quotes, names only for "named", ids from the words alone, counts in steps of 5 for members, and
 * digests due when a check-in closes with a next session to prepare.
 */
import { blockerThemes, digestDueTimes, digestFigures, quoteId, summaryLine } from "../../../bot/src/domain/session-digest";
import { buildTimeline } from "../../../bot/src/domain/timeline";
import { getBuiltInTrack } from "../../../bot/src/domain/tracks";
import type { Blocker, CheckIn, QuoteConsent, Win } from "../../../bot/src/domain/types";

const checkIn = (n: number, o: { tried?: string; worked?: string; stuck?: string; blockers?: Blocker[]; consent?: QuoteConsent; at?: string } = {}): CheckIn => ({
  id: `checkin:c:1:user-${n}`,
  tenantId: "t",
  cohortId: "c",
  userId: `user-${n}`,
  sessionNumber: 1,
  tried: o.tried ?? `tried ${n}`,
  worked: o.worked ?? "",
  stuck: o.stuck ?? "",
  minutesSaved: 10,
  confidence: 3,
  wantsHelp: false,
  ...(o.blockers ? { blockers: o.blockers } : {}),
  ...(o.consent ? { quoteConsent: o.consent } : {}),
  submittedAt: o.at ?? `2026-03-03T10:0${n}:00.000Z`,
  updatedAt: o.at ?? `2026-03-03T10:0${n}:00.000Z`,
});
const names = new Map([1, 2, 3, 4, 5, 6, 7].map((n) => [`user-${n}`, `Person ${n}`]));
const win = (id: string, share: boolean): Win => ({ id, tenantId: "t", cohortId: "c", userId: "user-1", displayName: "Person 1", text: `win ${id}`, shareConsent: share, createdAt: "2026-03-04T10:00:00.000Z" });

describe("digestFigures", () => {
  it("when fewer than 5 answered, then nothing is quoted and no themes or summary are given, whatever they agreed to", () => {
    const four = [1, 2, 3, 4].map((n) => checkIn(n, { worked: `worked ${n}`, consent: "named", blockers: ["finding-time"] }));
    const figures = digestFigures({ checkIns: four, members: 10, wins: [win("w1", true)], memberNames: names });
    expect(figures).toMatchObject({ responses: 4, withheld: true, blockers: [], quotes: [] });
    expect(figures.summaryLine).toBeUndefined();
    expect(figures.wins.map((w) => w.id)).toEqual(["w1"]);
  });

  it("when 5 or more answered, then only consented words are offered, named only for 'named', and an unshared win never", () => {
    const answers = [
      checkIn(1, { worked: "Named words", consent: "named" }),
      checkIn(2, { stuck: "Anonymous words", consent: "anonymous" }),
      checkIn(3, { worked: "Private words", consent: "no" }),
      checkIn(4, { worked: "Older record without a choice" }),
      checkIn(5, { worked: "ok" }),
    ];
    const figures = digestFigures({ checkIns: answers, members: 5, wins: [win("w1", true), win("w2", false)], memberNames: names });
    expect(figures.quotes.map((q) => [q.text, q.named, q.kind])).toEqual([
      ["Anonymous words", false, "stuck"],
      ["Named words", true, "worked"],
    ]);
    expect(figures.quotes.find((q) => q.named)?.authorName).toBe("Person 1");
    expect(figures.wins.map((w) => w.id)).toEqual(["w1"]);
  });

  it("gives a quote the same id whoever wrote it, so the id says nothing about its author", () => {
    const a = digestFigures({ checkIns: [1, 2, 3, 4, 5].map((n) => checkIn(n, { worked: n === 1 ? "Same words" : "", consent: "anonymous" })), members: 5, wins: [], memberNames: names });
    const b = digestFigures({ checkIns: [1, 2, 3, 4, 5].map((n) => checkIn(n, { worked: n === 5 ? "Same words" : "", consent: "anonymous" })), members: 5, wins: [], memberNames: names });
    expect(a.quotes[0]!.id).toBe(b.quotes[0]!.id);
    expect(a.quotes[0]!.id).toBe(quoteId("worked", "", "Same words"));
    expect(a.quotes[0]!.id).not.toContain("user");
  });
});

describe("blockerThemes and summaryLine", () => {
  it("counts each member's blocker once, most common first", () => {
    const answers = [checkIn(1, { blockers: ["finding-time", "finding-time", "tool-access"] }), checkIn(2, { blockers: ["tool-access"] }), checkIn(3, { blockers: ["first-draft"] })];
    expect(blockerThemes(answers).map((t) => [t.blocker, t.count])).toEqual([["tool-access", 2], ["first-draft", 1], ["finding-time", 1]]);
  });

  it("counts people in steps of 5 and names the most common block over the first respondents", () => {
    const answers = [1, 2, 3, 4, 5, 6, 7].map((n) => checkIn(n, { blockers: n <= 3 ? ["trusting-output"] : n <= 5 ? ["finding-time"] : ["tool-access"], tried: n === 7 ? "" : "yes" }));
    expect(summaryLine(answers, 14)).toBe("At least 5 of 14 of you tried it; the most common block was trusting or checking the output, so this session starts there.");
    // The 6th and 7th answers (tool access) cannot change the named block on their own.
    const moreLate = [...answers, checkIn(8, { blockers: ["tool-access"], at: "2026-03-04T10:00:00.000Z" }), checkIn(9, { blockers: ["tool-access"], at: "2026-03-04T10:01:00.000Z" })];
    expect(summaryLine(moreLate, 14)).toMatch(/trusting or checking the output/);
  });

  it("says exactly how many tried when that is a multiple of 5, and nothing under 5 answers", () => {
    expect(summaryLine([1, 2, 3, 4, 5].map((n) => checkIn(n)), 9)).toBe("5 of 9 of you tried it.");
    expect(summaryLine([1, 2, 3, 4].map((n) => checkIn(n)), 9)).toBeUndefined();
  });
});

describe("digestDueTimes", () => {
  it("has one digest per session with a next session, due when its check-in closes, before the next brief", () => {
    const timeline = buildTimeline({ startDate: "2026-03-02", timeZone: "Europe/London", localTime: "09:30" }, getBuiltInTrack("finance")!);
    const digests = digestDueTimes(timeline);
    const sessions = timeline.filter((e) => e.kind === "learn").length;
    expect(digests).toHaveLength(sessions - 1);
    expect(digests[0]).toMatchObject({ sessionNumber: 1, dueAt: "2026-03-05T09:30:00.000Z", nextSessionAt: "2026-03-09T09:30:00.000Z", nextSessionOn: "2026-03-09" });
    for (const d of digests) expect(new Date(d.dueAt) < new Date(d.nextSessionAt)).toBe(true);
  });
});
