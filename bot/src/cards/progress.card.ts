/** "My progress": the member's own numbers (never suppressed: they are theirs). */
import type { AdaptiveCardJson } from "../domain/ports";
import type { MemberSummary } from "../domain/member-summary";
import { adaptiveCard, facts, heading, paragraph } from "./card-kit";

export function buildProgressCard(data: { cohortName: string; summary: MemberSummary }): AdaptiveCardJson {
  const s = data.summary;
  return adaptiveCard([
    ...heading("Your progress", data.cohortName),
    facts([
      ["Check-in streak", `${s.streak}`],
      ["Check-ins", `${s.checkInsDone} of ${s.checkInsDue} so far`],
      ["Minutes saved", `${s.minutesSaved}`],
      ["Wins shared", `${s.wins}`],
      ["Confidence", s.confidenceTrend.length ? s.confidenceTrend.join(" → ") : "no check-ins yet"],
    ]),
    paragraph(s.streak > 0 ? "Keep going: the habit is what makes it stick." : "Every check-in counts, including the ones where nothing worked.", { subtle: true }),
  ]);
}
