/** Apply: the member names the real deliverable they will use AI on this week. */
import { z } from "zod";
import type { FieldIssue } from "../domain/errors";
import { LIMITS } from "../domain/limits";
import type { AdaptiveCardJson } from "../domain/ports";
import { adaptiveCard, bulletList, errorBanner, execute, heading, paragraph, plainLine, successBanner, textInput, textRun, truncate } from "./card-kit";
import { asNumber, asTrimmed } from "./validation";

export const APPLY_VERBS = { submit: "apply.submit" } as const;

export interface ApplyCardData {
  cohortId: string;
  cohortName: string;
  sessionNumber: number;
  prompt: string;
  examples: string[];
  previous?: string;
}

export const ApplySubmission = z.object({
  cohortId: z.string().min(1).max(128),
  sessionNumber: z.preprocess(asNumber, z.number().int().min(1).max(52)),
  deliverable: z.preprocess(
    asTrimmed,
    z.string({ message: "Name the piece of work you will use AI on." }).min(3, "Name the piece of work you will use AI on.").max(LIMITS.shortText, `Keep it under ${LIMITS.shortText} characters: just name the piece of work.`),
  ),
});
export type ApplySubmission = z.infer<typeof ApplySubmission>;

export function buildApplyCard(data: ApplyCardData, error?: { message: string; issues: FieldIssue[]; value?: string }): AdaptiveCardJson {
  return adaptiveCard(
    [
      ...heading("Apply it to real work", `${data.cohortName} · session ${data.sessionNumber}`),
      paragraph(data.prompt),
      paragraph("For example:", { subtle: true }),
      bulletList(data.examples.map((e) => truncate(e, 160))),
      ...(error ? [errorBanner(error.message, error.issues)] : []),
      textInput({ id: "deliverable", label: "This week I will use AI on…", value: error?.value ?? data.previous, maxLength: LIMITS.shortText, required: true, placeholder: "e.g. the October variance commentary" }),
    ],
    [execute(data.previous ? "Update my commitment" : "Commit", APPLY_VERBS.submit, { cohortId: data.cohortId, sessionNumber: data.sessionNumber }, "positive")],
  );
}

export function buildApplySubmittedCard(data: ApplyCardData, deliverable: string): AdaptiveCardJson {
  return adaptiveCard([
    ...heading("Apply it to real work", `${data.cohortName} · session ${data.sessionNumber}`),
    successBanner("Committed. Good luck!"),
    plainLine(["This week you will use AI on ", textRun(truncate(deliverable, LIMITS.shortText), { weight: "Bolder" }), ". We will ask how it went at next week's check-in."]),
  ]);
}
