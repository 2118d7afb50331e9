/**
 * "Your history", opened from the progress card: the member's own briefs, commitments, check-ins
 * (with their answers) and wins. All they wrote is plain text. Long answers are cut and only the
 * latest sessions are listed, so the card stays far under Teams' size limit; the tab shows it all.
 */
import type { MyHistoryResponse } from "../contract/api-contract";
import type { AdaptiveCardJson } from "../domain/ports";
import { adaptiveCard, heading, memberFacts, memberText, paragraph, plainLine, section, textRun, truncate, openUrl } from "./card-kit";

/** A member's own history: the same record the tab's "Your programme" shows (one shape, not two). */
export type MyHistory = MyHistoryResponse;

/** Sessions listed on the card (the latest ones), and how much of each answer. */
const LATEST = 4;
const ANSWER = 160;

export function buildHistoryCard(history: MyHistory, tabUrl: string): AdaptiveCardJson {
  const latest = <T>(items: T[]) => items.slice(-LATEST);
  const briefs = latest(history.briefs).map((b) => plainLine([`Session ${b.sessionNumber}: `, textRun(b.title, { weight: "Bolder" }), ` · ${b.sentOn}`]));
  const commitments = latest(history.commitments).map((c) =>
    plainLine([`Session ${c.sessionNumber}: `, textRun(truncate(c.deliverable, ANSWER), { weight: "Bolder" }), c.done ? " · done" : "", ...(c.link ? [" · ", textRun(truncate(c.link, ANSWER), { subtle: true })] : [])]),
  );
  const checkIns = latest(history.checkIns).map((c) =>
    section(`Check-in on session ${c.sessionNumber}`, [
      memberFacts([
        ["Tried", truncate(c.tried, ANSWER)],
        ["Worked", truncate(c.worked, ANSWER)],
        ["Stuck", truncate(c.stuck, ANSWER)],
        ...c.reflectAnswers.filter((a) => a.answer).map((a): [string, string] => [truncate(a.question, 80), truncate(a.answer, ANSWER)]),
      ]),
      paragraph(`Confidence ${c.confidence}/5 · ${c.minutesSaved} minutes saved`, { subtle: true, spacing: "Small" }),
    ]),
  );
  const wins = latest(history.wins).map((w) => memberText(`• ${truncate(w.text, ANSWER)}`));
  const none = (what: string) => [paragraph(`No ${what} yet.`, { subtle: true })];
  return adaptiveCard(
    [
      ...heading("Your history", history.cohortName),
      ...(history.pausedUntil ? [paragraph(`Your programme is paused until ${history.pausedUntil}.`, { subtle: true })] : []),
      section("Briefs you received", briefs.length ? briefs : none("briefs")),
      section("Your commitments", commitments.length ? commitments : none("commitments")),
      ...(checkIns.length ? checkIns : [section("Your check-ins", none("check-ins"))]),
      section("Your wins", wins.length ? wins : none("wins")),
      paragraph(`Only the latest ${LATEST} of each are shown here; the tab's "Your programme" has everything.`, { subtle: true }),
    ],
    [openUrl("Open Your programme", tabUrl)],
  );
}
