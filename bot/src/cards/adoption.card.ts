/** The adoption check (week 0 baseline, weeks 4, 8 and 12): is AI part of real work now? And its one gentle reminder. */
import { z } from "zod";
import type { FieldIssue } from "../domain/errors";
import { LIMITS } from "../domain/limits";
import type { AdaptiveCardJson } from "../domain/ports";
import type { UsageFrequency } from "../domain/types";
import { adaptiveCard, choiceInput, errorBanner, execute, heading, memberFacts, paragraph, successBanner, textInput, truncate } from "./card-kit";
import { asNumber, asTrimmed } from "./validation";

export const ADOPTION_VERBS = { submit: "adoption.submit" } as const;

export const FREQUENCIES: Array<[UsageFrequency, string]> = [
  ["daily", "Most days"],
  ["few-times-a-week", "A few times a week"],
  ["weekly", "About once a week"],
  ["rarely", "Rarely"],
  ["not-at-all", "Not at all"],
];

export interface AdoptionCardData {
  cohortId: string;
  cohortName: string;
  week: number;
}

export const AdoptionSubmission = z.object({
  cohortId: z.string().min(1).max(128),
  week: z.preprocess(asNumber, z.number().int().min(0).max(52)),
  stillUsing: z.enum(["yes", "no"], { message: "Tell us whether you use AI in your work." }).transform((v) => v === "yes"),
  frequency: z.enum(["daily", "few-times-a-week", "weekly", "rarely", "not-at-all"], { message: "Choose how often." }),
  usedFor: z.preprocess(asTrimmed, z.string().max(LIMITS.answerText, `Keep it under ${LIMITS.answerText} characters.`).default("")),
});
export type AdoptionSubmission = z.infer<typeof AdoptionSubmission>;

export function buildAdoptionCard(data: AdoptionCardData, error?: { message: string; issues: FieldIssue[] }): AdaptiveCardJson {
  const baseline = data.week === 0;
  return adaptiveCard(
    [
      ...heading(baseline ? "Before we start: where are you today?" : `Week ${data.week}: is AI part of your work now?`, data.cohortName),
      paragraph(
        baseline
          ? "Three quick questions so we can see what changes. There are no wrong answers: most people start at 'rarely'."
          : "Not how the training felt: whether you actually use AI in your real work. Honest answers help us improve the programme.",
      ),
      ...(error ? [errorBanner(error.message, error.issues)] : []),
      choiceInput({ id: "stillUsing", label: baseline ? "Do you use AI in your work today?" : "Are you still using AI in your real work?", choices: [["yes", "Yes"], ["no", "No"]], required: true, expanded: true }),
      choiceInput({ id: "frequency", label: "How often?", choices: FREQUENCIES, required: true }),
      textInput({ id: "usedFor", label: "For what?", multiline: true, maxLength: LIMITS.answerText, placeholder: "e.g. first drafts of reports, summarising meeting notes" }),
    ],
    [execute("Send", ADOPTION_VERBS.submit, { cohortId: data.cohortId, week: data.week }, "positive")],
  );
}

/** The one-tap answers on the reminder: how often, and "still using" for anything but "not at all". */
const QUICK_ANSWERS: Array<[string, UsageFrequency]> = [
  ["Most days", "daily"],
  ["A few times a week", "few-times-a-week"],
  ["About once a week", "weekly"],
  ["Rarely", "rarely"],
  ["Not at all", "not-at-all"],
];

/**
 * The reminder for an adoption check not answered yet: short, kind, and answerable with one tap
 * (the same verb and fields as the check itself; "for what" stays optional and empty).
 */
export function buildAdoptionReminderCard(data: AdoptionCardData): AdaptiveCardJson {
  return adaptiveCard(
    [
      ...heading(`Week ${data.week}: one quick question`, data.cohortName),
      paragraph("No pressure, and there is no wrong answer. How often do you use AI in your real work these days? One tap is all it takes."),
    ],
    QUICK_ANSWERS.map(([title, frequency]) => execute(title, ADOPTION_VERBS.submit, { cohortId: data.cohortId, week: data.week, stillUsing: frequency === "not-at-all" ? "no" : "yes", frequency })),
  );
}

export function buildAdoptionSubmittedCard(data: AdoptionCardData, answer: { stillUsing: boolean; frequency: UsageFrequency; usedFor: string }): AdaptiveCardJson {
  return adaptiveCard([
    ...heading(data.week === 0 ? "Thanks: that is your starting point" : `Week ${data.week} adoption check`, data.cohortName),
    successBanner("Thanks, recorded."),
    memberFacts([
      ["Using AI at work", answer.stillUsing ? "Yes" : "No"],
      ["How often", FREQUENCIES.find(([v]) => v === answer.frequency)![1]],
      ["For", truncate(answer.usedFor || "–", 200)],
    ]),
  ]);
}
