/** Ask the facilitators a question, anonymously if the member wants; and the answer coming back. */
import { z } from "zod";
import type { FieldIssue } from "../domain/errors";
import { LIMITS } from "../domain/limits";
import type { AdaptiveCardJson } from "../domain/ports";
import { adaptiveCard, errorBanner, execute, heading, memberText, paragraph, section, successBanner, textInput, toggleInput, truncate } from "./card-kit";
import { asBoolean, asTrimmed } from "./validation";

export const QUESTION_VERBS = { submit: "question.submit" } as const;

export interface QuestionCardData {
  cohortId: string;
  cohortName: string;
  draftId: string;
}

export const QuestionSubmission = z.object({
  cohortId: z.string().min(1).max(128),
  draftId: z.string().regex(/^[A-Za-z0-9-]{8,64}$/),
  text: z.preprocess(asTrimmed, z.string({ message: "Write your question." }).min(3, "Write your question: any question is welcome.").max(LIMITS.answerText, `Keep your question under ${LIMITS.answerText} characters.`)),
  anonymous: z.preprocess(asBoolean, z.boolean()),
});
export type QuestionSubmission = z.infer<typeof QuestionSubmission>;

export function buildQuestionCard(data: QuestionCardData, error?: { message: string; issues: FieldIssue[]; text?: string; anonymous?: boolean }): AdaptiveCardJson {
  return adaptiveCard(
    [
      ...heading("Ask a question", data.cohortName),
      paragraph("No question is too basic. Everyone here is learning, including the facilitators."),
      ...(error ? [errorBanner(error.message, error.issues)] : []),
      textInput({ id: "text", label: "Your question", value: error?.text, multiline: true, maxLength: LIMITS.answerText, required: true }),
      toggleInput({ id: "anonymous", title: "Ask anonymously", value: error?.anonymous }),
      paragraph("Anonymous questions are stored without your name or any link to you; the answer is shared with the whole cohort.", { subtle: true }),
    ],
    [execute("Send question", QUESTION_VERBS.submit, { cohortId: data.cohortId, draftId: data.draftId }, "positive")],
  );
}

export function buildQuestionSentCard(data: QuestionCardData, text: string, anonymous: boolean): AdaptiveCardJson {
  return adaptiveCard([
    ...heading("Ask a question", data.cohortName),
    successBanner(anonymous ? "Sent anonymously. Your name is not stored with it." : "Sent. A facilitator will answer you here."),
    memberText(`"${truncate(text, 300)}"`, { subtle: true }),
  ]);
}

export interface AnswerCardData {
  cohortName: string;
  question: string;
  answer: string;
  anonymous: boolean;
}

export function buildAnswerCard(data: AnswerCardData): AdaptiveCardJson {
  return adaptiveCard([
    ...heading(data.anonymous ? "A colleague asked…" : "Your question was answered", data.cohortName),
    section("Question", [memberText(truncate(data.question, LIMITS.answerText))], "emphasis"),
    section("Answer", [memberText(truncate(data.answer, LIMITS.answerText))]),
  ]);
}
