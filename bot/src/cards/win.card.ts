/** Share a win: stored, and posted to the cohort's channel only with the member's consent. */
import { z } from "zod";
import type { FieldIssue } from "../domain/errors";
import { LIMITS } from "../domain/limits";
import type { AdaptiveCardJson } from "../domain/ports";
import { adaptiveCard, errorBanner, execute, heading, memberText, numberInput, paragraph, successBanner, textInput, toggleInput, truncate } from "./card-kit";
import { asBoolean, asNumber, asTrimmed } from "./validation";
import { shareExperimentAction } from "./experiment.card";

export const WIN_VERBS = { submit: "win.submit" } as const;

export interface WinCardData {
  cohortId: string;
  cohortName: string;
  draftId: string;
  hasChannel: boolean;
  /** A leadership cohort's member may also share an experiment with the teams that follow them. */
  leader?: boolean;
}

export const WinSubmission = z.object({
  cohortId: z.string().min(1).max(128),
  draftId: z.string().regex(/^[A-Za-z0-9-]{8,64}$/),
  text: z.preprocess(asTrimmed, z.string({ message: "Tell us about your win." }).min(3, "Tell us about your win.").max(LIMITS.answerText, `Keep it under ${LIMITS.answerText} characters.`)),
  minutesSaved: z.preprocess(asNumber, z.number({ message: "Minutes saved must be a number." }).int().min(0).max(LIMITS.minutesSavedMax).optional()),
  share: z.preprocess(asBoolean, z.boolean()),
});
export type WinSubmission = z.infer<typeof WinSubmission>;

export function buildWinCard(data: WinCardData, error?: { message: string; issues: FieldIssue[]; text?: string }): AdaptiveCardJson {
  return adaptiveCard(
    [
      ...heading("Share a win", data.cohortName),
      paragraph("Small wins count: a faster first draft, a clearer email, a question answered. Others learn most from real examples."),
      ...(error ? [errorBanner(error.message, error.issues)] : []),
      textInput({ id: "text", label: "What did AI help you do?", value: error?.text, multiline: true, maxLength: LIMITS.answerText, required: true }),
      numberInput({ id: "minutesSaved", label: "Minutes saved (optional)", min: 0, max: LIMITS.minutesSavedMax }),
      ...(data.hasChannel ? [toggleInput({ id: "share", title: "Share it with my cohort's channel, with my name" })] : []),
    ],
    [execute("Share", WIN_VERBS.submit, { cohortId: data.cohortId, draftId: data.draftId }, "positive"), ...(data.leader ? [shareExperimentAction(data.cohortId)] : [])],
  );
}

export function buildWinSharedCard(data: WinCardData, text: string, posted: boolean): AdaptiveCardJson {
  return adaptiveCard([
    ...heading("Share a win", data.cohortName),
    successBanner(posted ? "Thanks! It is on its way to your cohort's channel." : "Thanks! Your win is recorded."),
    memberText(`"${truncate(text, 300)}"`, { subtle: true }),
  ]);
}

export function buildChannelWinCard(data: { displayName: string; cohortName: string; text: string; minutesSaved?: number }): AdaptiveCardJson {
  return adaptiveCard([
    ...heading(`${truncate(data.displayName, 120)} shared a win`, data.cohortName, { plainTitle: true }),
    memberText(truncate(data.text, LIMITS.answerText)),
    ...(data.minutesSaved ? [paragraph(`Time saved: about ${data.minutesSaved} minutes.`, { subtle: true })] : []),
  ]);
}
