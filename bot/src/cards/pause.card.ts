/**
 * "Away for a while?": the part of the member's `next` and `progress` cards that pauses their own
 * programme by whole weeks, or, while paused, says until when and offers "I'm back".
 */
import { z } from "zod";
import { PAUSE_WEEK_CHOICES } from "../domain/member-pause";
import type { LocalDate } from "../domain/types";
import { choiceInput, errorBanner, execute, paragraph, section, type CardElement } from "./card-kit";
import { asNumber } from "./validation";

export const PAUSE_VERBS = { start: "pause.start", end: "pause.end" } as const;

/** The card the pause buttons sit on, so the answer is that card again. */
export const PAUSE_VIEWS = ["next", "progress"] as const;
export type PauseView = (typeof PAUSE_VIEWS)[number];

export const PauseSubmission = z.object({
  weeks: z.preprocess(asNumber, z.number({ message: "Choose how many weeks you will be away." }).int("Choose 1 to 4 weeks.").min(1, "Choose 1 to 4 weeks.").max(4, "Choose 1 to 4 weeks.")),
});

/** `problem`: what was wrong with the weeks chosen, shown on that field. */
export function pauseSection(data: { cohortId: string; view: PauseView; pausedUntil?: LocalDate; problem?: string }): CardElement {
  const ref = { cohortId: data.cohortId, view: data.view };
  if (data.pausedUntil) {
    return section("Your programme is paused", [
      paragraph(`Nothing new will come until **${data.pausedUntil}**; then your cards carry on from where you left them. Your facilitators see only that you are paused, and until when.`),
      { type: "ActionSet", actions: [execute("I'm back", PAUSE_VERBS.end, ref, "positive")] },
    ], "accent");
  }
  return section("Away for a while?", [
    paragraph("On leave or swamped? Pause your programme by whole weeks: your next cards move later by that much, for you only. What you already have stays.", { subtle: true }),
    ...(data.problem ? [errorBanner("Nothing was paused yet.", [{ field: "weeks", message: data.problem }])] : []),
    choiceInput({ id: "weeks", label: "Pause for", choices: PAUSE_WEEK_CHOICES.map((n) => [String(n), n === 1 ? "1 week" : `${n} weeks`]), value: "1" }),
    { type: "ActionSet", actions: [execute("Pause my programme", PAUSE_VERBS.start, ref)] },
  ]);
}
