/** Ask the facilitators a question, anonymously if the member wants; and the answer coming back. */
import { z } from "zod";
import type { FieldIssue } from "../domain/errors";
import { LIMITS } from "../domain/limits";
import type { AdaptiveCardJson } from "../domain/ports";
import { adaptiveCard, type CardElement, errorBanner, execute, heading, memberText, paragraph, section, successBanner, textInput, toggleInput, truncate } from "./card-kit";
import { asBoolean, asTrimmed } from "./validation";

export const QUESTION_VERBS = { submit: "question.submit", check: "question.check" } as const;

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
      paragraph("Anonymous questions are stored without your name or any link to you. You get a private code: the facilitators answer either the whole cohort or only whoever holds your code.", { subtle: true }),
    ],
    [execute("Send question", QUESTION_VERBS.submit, { cohortId: data.cohortId, draftId: data.draftId }, "positive")],
  );
}

/** For an anonymous question: the asker's private code, and who may see this card refresh (the asker's Teams id, only in their own chat). */
export interface PrivateCode {
  code: string;
  refreshUserId?: string;
}

export function buildQuestionSentCard(data: QuestionCardData, text: string, anonymous: boolean, secret?: PrivateCode): AdaptiveCardJson {
  if (anonymous && secret) return buildAnonymousQuestionStatusCard({ cohortId: data.cohortId, cohortName: data.cohortName, code: secret.code, refreshUserId: secret.refreshUserId, text, status: "open", justSent: true });
  return adaptiveCard([
    ...heading("Ask a question", data.cohortName),
    successBanner(anonymous ? "Sent anonymously. Your name is not stored with it." : "Sent. A facilitator will answer you here."),
    memberText(`"${truncate(text, 300)}"`, { subtle: true }),
  ]);
}

export interface AnonymousQuestionStatusData {
  cohortId: string;
  cohortName: string;
  code: string;
  refreshUserId?: string;
  text: string;
  status: "open" | "answered";
  answer?: string;
  privately?: boolean;
  justSent?: boolean;
}

/**
 * The asker's own card for an anonymous question (only ever in their 1:1 chat): the private code,
 * and once answered, which way it went and the answer. It refreshes itself when they look at it.
 */
export function buildAnonymousQuestionStatusCard(data: AnonymousQuestionStatusData): AdaptiveCardJson {
  const check = { cohortId: data.cohortId, code: data.code };
  const status: CardElement[] =
    data.status === "answered"
      ? [
          successBanner(data.privately ? "Answered privately, for you only: your code opened it." : "Answered for the whole cohort: everyone got this answer."),
          section("Answer", [memberText(truncate(data.answer ?? "", LIMITS.answerText))]),
        ]
      : [
          ...(data.justSent ? [successBanner("Sent anonymously. Your name is not stored with it.")] : []),
          paragraph("Not answered yet. A facilitator will answer either the whole cohort or only you: this card shows which, and the answer, once they have.", { subtle: true }),
        ];
  return adaptiveCard(
    [
      ...heading("Your anonymous question", data.cohortName),
      memberText(`"${truncate(data.text, 300)}"`, { subtle: true }),
      ...status,
      section("Your private code", [
        { type: "TextBlock", text: data.code, fontType: "Monospace", size: "Large", weight: "Bolder" },
        paragraph("Only you have it: it is not stored with your name, and nobody else can see this card. Keep it to read a private answer.", { subtle: true }),
      ], "emphasis"),
    ],
    [execute(data.status === "answered" ? "Show the answer again" : "Check for an answer", QUESTION_VERBS.check, check)],
    data.refreshUserId ? { verb: QUESTION_VERBS.check, data: check, userIds: [data.refreshUserId] } : undefined,
  );
}

export function buildNoSuchCodeCard(): AdaptiveCardJson {
  return adaptiveCard([...heading("Your anonymous question"), paragraph("No question in your cohort has that code. Check it on the card you got when you asked.")]);
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
