import { buildLiveCatchUpCard, type LiveCatchUpCardData } from "../../../bot/src/cards/live-catch-up.card";
import { LIVE_SESSION_NOTES_MAX } from "../../../bot/src/contract/live-sessions-contract";
import { getBuiltInTrack } from "../../../bot/src/domain/tracks";
import { CARD_SIZE_BUDGET_BYTES, validateCard } from "../../helpers/card-validator";

const session = getBuiltInTrack("finance")!.sessions[0]!;
const base: LiveCatchUpCardData = {
  cohortName: "Finance live",
  liveSession: { title: "Kick-off", startsAt: "2026-03-09T09:30:00.000Z" },
  plan: { sessionNumber: 1, title: session.title, summary: session.learn.summary, tryThis: session.learn.tryThis },
  tabUrl: "https://coach.example/tab",
};
const actions = (card: Record<string, unknown>) => (card.actions as Array<{ type: string; title: string; url?: string }>) ?? [];

describe("the live-session catch-up card", () => {
  it("when a member missed a session with notes, a recording and a next session, then the card says what was covered, quotes the notes as plain text and links the recording and the next session, as a valid AC 1.5 card", () => {
    const card = buildLiveCatchUpCard({ ...base, notes: "We built the **variance** pack: see [this](https://evil.example).", recordingUrl: "https://stream.example/rec-1", next: { title: "Clinic", startsAt: "2026-03-20T09:30:00.000Z", joinUrl: "https://teams.microsoft.com/l/meetup-join/next" } });
    expect(validateCard(card).errors).toEqual([]);
    const text = JSON.stringify(card);
    expect(text).toContain("You missed: Kick-off");
    expect(text).toContain(session.title);
    expect(text).toContain(session.learn.tryThis[0]!.slice(0, 30));
    // The facilitator's words are a TextRun (never markdown), with the link defanged.
    const notes = JSON.stringify(card).match(/"type":"TextRun","text":"We built[^"]*"/)?.[0];
    expect(notes).toBeDefined();
    expect(notes).not.toContain("https://evil.example");
    expect(actions(card).map((a) => [a.title, a.url])).toEqual([
      ["Watch the recording", "https://stream.example/rec-1"],
      ["Join the next live session", "https://teams.microsoft.com/l/meetup-join/next"],
      ["Open my programme", "https://coach.example/tab"],
    ]);
  });

  it("when the recording or the next link is not https, then the card offers neither; without notes it has no notes section", () => {
    const card = buildLiveCatchUpCard({ ...base, recordingUrl: "http://stream.example/rec", next: { title: "Clinic", startsAt: "2026-03-20T09:30:00.000Z", joinUrl: "javascript:alert(1)" } });
    expect(actions(card).map((a) => a.title)).toEqual(["Open my programme"]);
    expect(JSON.stringify(card)).not.toContain("Notes from your facilitator");
    expect(JSON.stringify(card)).not.toContain("http://stream.example");
  });

  it("when everything is at its longest, in a 3-byte script, then the card stays under 28 KB and valid", () => {
    const long = (n: number) => "漢".repeat(n);
    const card = buildLiveCatchUpCard({
      cohortName: long(200),
      liveSession: { title: long(300), startsAt: "2026-03-09T09:30:00.000Z" },
      plan: { sessionNumber: 1, title: long(300), summary: long(5000), tryThis: Array.from({ length: 20 }, () => long(1000)) },
      notes: long(LIVE_SESSION_NOTES_MAX),
      recordingUrl: `https://stream.example/${"a".repeat(1900)}`,
      next: { title: long(300), startsAt: "2026-03-20T09:30:00.000Z", joinUrl: `https://teams.microsoft.com/l/meetup-join/${"b".repeat(1900)}` },
      tabUrl: "https://coach.example/tab",
    });
    const result = validateCard(card);
    expect(result.errors).toEqual([]);
    expect(result.sizeBytes).toBeLessThan(CARD_SIZE_BUDGET_BYTES);
  });
});
