/** The member's own cards (history, pause) stay valid Adaptive Cards 1.5 under 28 KB at their largest, with what members wrote as plain text. */
import { buildHistoryCard, type MyHistory } from "../../../bot/src/cards/history.card";
import { buildNextStepsCard } from "../../../bot/src/cards/next-steps.card";
import { PAUSE_VERBS } from "../../../bot/src/cards/pause.card";
import { buildProgressCard, PROGRESS_VERBS } from "../../../bot/src/cards/progress.card";
import { renderedText, validateCard } from "../../helpers/card-validator";

const LONG = "[click](https://evil.example) ".repeat(70);
const big: MyHistory = {
  cohortId: "c",
  cohortName: LONG,
  briefs: Array.from({ length: 12 }, (_, i) => ({ sessionNumber: i + 1, title: LONG, sentOn: "2026-03-02" })),
  commitments: Array.from({ length: 12 }, (_, i) => ({ sessionNumber: i + 1, deliverable: LONG, done: true, link: `https://contoso.sharepoint.com/${"x".repeat(470)}` })),
  checkIns: Array.from({ length: 12 }, (_, i) => ({ sessionNumber: i + 1, tried: LONG, worked: LONG, stuck: LONG, minutesSaved: 30, confidence: 3, reflectAnswers: Array.from({ length: 4 }, () => ({ question: LONG, answer: LONG })) })),
  wins: Array.from({ length: 40 }, () => ({ text: LONG, createdAt: "2026-03-02T09:00:00.000Z" })),
};
const summary = { streak: 1, checkInsDone: 1, checkInsDue: 1, minutesSaved: 5, wins: 0, confidenceTrend: [3], stuck: false };

describe("the member's own cards", () => {
  it.each([
    ["history at its largest", buildHistoryCard(big, "https://app.example/tab/programme"), []],
    ["progress, paused", buildProgressCard({ cohortId: "c", cohortName: "n", summary, pausedUntil: "2026-03-10" }), [...Object.values(PAUSE_VERBS), ...Object.values(PROGRESS_VERBS)]],
    ["progress, a pause refused", buildProgressCard({ cohortId: "c", cohortName: "n", summary, pauseProblem: "Choose 1 to 4 weeks." }), [...Object.values(PAUSE_VERBS), ...Object.values(PROGRESS_VERBS)]],
    ["next, with the deliverable", buildNextStepsCard({ cohortId: "c", cohortName: "n", due: [], titleOf: () => "", deliverable: { sessionNumber: 2, text: LONG, done: true, link: "https://contoso.sharepoint.com/a" } }), ["next.open", ...Object.values(PAUSE_VERBS)]],
  ])("when the %s card is rendered, then it is valid, under 28 KB, and member text is never markdown", (_name, card, verbs) => {
    expect(validateCard(card, verbs).errors).toEqual([]);
    const { markdown } = renderedText(card);
    expect(markdown.join("\n")).not.toContain("evil");
    expect(markdown.join("\n")).not.toContain("contoso");
  });
});
