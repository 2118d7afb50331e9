import { buildSessionBriefCard } from "../../../bot/src/cards/session-brief.card";
import { LIMITS } from "../../../bot/src/domain/limits";
import { getBuiltInTrack } from "../../../bot/src/domain/tracks";
import { validateCard } from "../../helpers/card-validator";

const session = getBuiltInTrack("finance")!.sessions[0]!;
const LONG = "x".repeat(LIMITS.answerText);
const base = { cohortName: "c".repeat(LIMITS.shortText), sessionNumber: 1, sessionTitle: session.title, learn: session.learn, tabUrl: "https://x/tab" };
const live = { title: "t".repeat(120), startsAt: "2026-03-09T09:30:00.000Z", joinUrl: `https://teams.microsoft.com/l/meetup-join/${"a".repeat(400)}` };
const actions = (card: Record<string, unknown>) => (card.actions as Array<{ type: string; title: string; url?: string }>) ?? [];

describe("the session brief's live-session link", () => {
  it("when the session has a Teams meeting, then the brief says when (in the reader's own zone) and offers 'Join the live session', as a valid AC 1.5 card under 28 KB at maximum lengths", () => {
    const card = buildSessionBriefCard({ ...base, liveSession: live, fromCohort: { featured: Array.from({ length: 3 }, () => ({ text: LONG, kind: "quote" as const })), note: LONG, leaders: Array.from({ length: 3 }, () => ({ leaderName: "L", work: LONG, tried: LONG, outcome: LONG })) } });
    expect(validateCard(card).errors).toEqual([]);
    expect(actions(card)[0]).toEqual({ type: "Action.OpenUrl", title: "Join the live session", url: live.joinUrl });
    expect(JSON.stringify(card)).toContain("{{DATE(2026-03-09T09:30:00Z, SHORT)}} at {{TIME(2026-03-09T09:30:00Z)}}");
  });

  it("when there is no meeting, or its link is not https, then the brief has no join action", () => {
    expect(actions(buildSessionBriefCard(base)).map((a) => a.title)).toEqual(["Open my programme"]);
    expect(actions(buildSessionBriefCard({ ...base, liveSession: { ...live, joinUrl: "javascript:alert(1)" } })).map((a) => a.title)).toEqual(["Open my programme"]);
  });
});
