/** "My progress": the member's own numbers (never suppressed: they are theirs), their pause, and their history one click away. */
import type { AdaptiveCardJson } from "../domain/ports";
import type { MemberSummary } from "../domain/member-summary";
import type { LocalDate } from "../domain/types";
import { adaptiveCard, execute, facts, heading, paragraph, successBanner } from "./card-kit";
import { pauseSection } from "./pause.card";

export const PROGRESS_VERBS = { history: "history.show" } as const;

export interface ProgressCardData {
  cohortId: string;
  cohortName: string;
  summary: MemberSummary;
  pausedUntil?: LocalDate;
  /** What just changed (a pause started or ended). */
  notice?: string;
  /** What was wrong with a pause request, shown on its field. */
  pauseProblem?: string;
}

export function buildProgressCard(data: ProgressCardData): AdaptiveCardJson {
  const s = data.summary;
  return adaptiveCard(
    [
      ...heading("Your progress", data.cohortName),
      ...(data.notice ? [successBanner(data.notice)] : []),
      facts([
        ["Check-in streak", `${s.streak}`],
        ["Check-ins", `${s.checkInsDone} of ${s.checkInsDue} so far`],
        ["Minutes saved", `${s.minutesSaved}`],
        ["Wins shared", `${s.wins}`],
        ["Confidence", s.confidenceTrend.length ? s.confidenceTrend.join(" → ") : "no check-ins yet"],
      ]),
      paragraph(s.streak > 0 ? "Keep going: the habit is what makes it stick." : "Every check-in counts, including the ones where nothing worked.", { subtle: true }),
      pauseSection({ cohortId: data.cohortId, view: "progress", ...(data.pausedUntil ? { pausedUntil: data.pausedUntil } : {}), ...(data.pauseProblem ? { problem: data.pauseProblem } : {}) }),
    ],
    [execute("Your history", PROGRESS_VERBS.history, { cohortId: data.cohortId })],
  );
}
