/**
 * The reflect check-in on a session: tried / worked / stuck (with the common blockers as codes),
 * the session's own reflect questions each with an answer box, minutes saved, confidence,
 * "I'd like help", and whether the member's words may be quoted.
 */
import { z } from "zod";
import type { FieldIssue } from "../domain/errors";
import { LIMITS } from "../domain/limits";
import type { AdaptiveCardJson } from "../domain/ports";
import { BLOCKERS, QUOTE_CONSENTS, type Blocker, type QuoteConsent } from "../domain/types";
import { BLOCKER_LABELS, QUOTE_CONSENT_LABELS } from "../domain/check-in-choices";
import { adaptiveCard, choiceInput, errorBanner, warningBanner, execute, facts, heading, memberFacts, numberInput, paragraph, plainLine, successBanner, textInput, textRun, toggleInput, truncate, type CardElement } from "./card-kit";
import { asBoolean, asNumber, asTrimmed } from "./validation";

export const CHECKIN_VERBS = { submit: "checkin.submit", refresh: "checkin.refresh" } as const;

export interface CheckInCardData {
  cohortId: string;
  cohortName: string;
  sessionNumber: number;
  sessionTitle: string;
  /** What the member committed to in the apply card, quoted back. */
  commitment?: string;
  /** The session's own reflect questions; the first LIMITS.reflectQuestions are asked. */
  reflectQuestions: string[];
  /** Local date the check-in closes (before the next session). */
  closesOn?: string;
  /** It has closed: an answer still counts for the member's own record, but came after the facilitators' digest. */
  closed?: boolean;
  previous?: Partial<CheckInValues>;
  isReminder?: boolean;
  userId: string;
}

export interface CheckInValues {
  tried: string;
  worked: string;
  stuck: string;
  minutesSaved: number;
  confidence: number;
  wantsHelp: boolean;
  /** Answers to the reflect questions, by position. */
  reflect?: string[];
  blockers?: Blocker[];
  quoteConsent?: QuoteConsent;
}

/** The input id of the answer to reflect question `index` (0-based). */
export const reflectField = (index: number) => `reflect${index + 1}`;

const reflectAnswer = z.preprocess(asTrimmed, z.string().max(LIMITS.reflectAnswerText, `Each answer must be under ${LIMITS.reflectAnswerText} characters.`)).optional();
const reflectFields = Object.fromEntries(Array.from({ length: LIMITS.reflectQuestions }, (_, i) => [reflectField(i), reflectAnswer])) as Record<`reflect${number}`, typeof reflectAnswer>;

/** Teams sends a multi-select as "a,b"; unknown codes are refused rather than dropped. */
const asList = (value: unknown): unknown => (typeof value === "string" ? value.split(",").map((v) => v.trim()).filter(Boolean) : value === undefined || value === null ? [] : value);

export const CheckInSubmission = z.object({
  cohortId: z.string().min(1).max(128),
  sessionNumber: z.preprocess(asNumber, z.number().int().min(1).max(52)),
  tried: z.preprocess(asTrimmed, z.string({ message: "Tell us what you tried." }).min(1, "Tell us what you tried, even if it did not work.").max(LIMITS.answerText, `What you tried must be under ${LIMITS.answerText} characters.`)),
  worked: z.preprocess(asTrimmed, z.string().max(LIMITS.answerText, `What worked must be under ${LIMITS.answerText} characters.`).default("")),
  stuck: z.preprocess(asTrimmed, z.string().max(LIMITS.answerText, `Where you got stuck must be under ${LIMITS.answerText} characters.`).default("")),
  minutesSaved: z.preprocess(asNumber, z.number({ message: "Minutes saved must be a number." }).int("Minutes saved must be a whole number.").min(0, "Minutes saved cannot be negative.").max(LIMITS.minutesSavedMax, `Minutes saved must be at most ${LIMITS.minutesSavedMax}.`).default(0)),
  confidence: z.preprocess(asNumber, z.number({ message: "Choose how confident you feel, from 1 to 5." }).int().min(1, "Confidence is from 1 to 5.").max(5, "Confidence is from 1 to 5.")),
  wantsHelp: z.preprocess(asBoolean, z.boolean()),
  ...reflectFields,
  blockers: z.preprocess(asList, z.array(z.enum(BLOCKERS, { message: "Choose what got in the way from the list." })).max(BLOCKERS.length)).optional(),
  quoteConsent: z.enum(QUOTE_CONSENTS, { message: "Choose whether we may quote you." }).optional(),
});
export type CheckInSubmission = z.infer<typeof CheckInSubmission>;

/** The reflect answers of a submission, by position (empty answers kept, so positions line up with the questions). */
export function reflectAnswersOf(submission: Record<string, unknown>, questionCount: number): string[] {
  return Array.from({ length: Math.min(questionCount, LIMITS.reflectQuestions) }, (_, i) => {
    const value = submission[reflectField(i)];
    return typeof value === "string" ? value : "";
  });
}

/**
 * What the member typed on a card that was refused, to show it again as it was: every field,
 * read leniently (a malformed value is dropped, never echoed beyond its input's limit).
 */
export function typedCheckIn(data: Record<string, unknown>): Partial<CheckInValues> {
  const text = (field: string, max: number) => (typeof data[field] === "string" ? (data[field] as string).slice(0, max) : "");
  const number = (field: string) => {
    const n = asNumber(data[field]);
    return typeof n === "number" && Number.isFinite(n) ? n : undefined;
  };
  const minutesSaved = number("minutesSaved");
  const confidence = number("confidence");
  const blockers = asList(data.blockers);
  const quoteConsent = data.quoteConsent;
  return {
    tried: text("tried", LIMITS.answerText),
    worked: text("worked", LIMITS.answerText),
    stuck: text("stuck", LIMITS.answerText),
    reflect: Array.from({ length: LIMITS.reflectQuestions }, (_, i) => text(reflectField(i), LIMITS.reflectAnswerText)),
    ...(minutesSaved !== undefined ? { minutesSaved } : {}),
    ...(confidence !== undefined ? { confidence } : {}),
    wantsHelp: asBoolean(data.wantsHelp) === true,
    blockers: Array.isArray(blockers) ? blockers.filter((b): b is Blocker => (BLOCKERS as readonly unknown[]).includes(b)) : [],
    ...((QUOTE_CONSENTS as readonly unknown[]).includes(quoteConsent) ? { quoteConsent: quoteConsent as QuoteConsent } : {}),
  };
}

/** Who sees what, said where the member answers. */
export const PRIVACY_LINE = "Your facilitators see your answers; your cohort sees only group figures.";

const CONFIDENCE: Array<[string, string]> = [
  ["1", "1 – not at all"],
  ["2", "2 – a little"],
  ["3", "3 – getting there"],
  ["4", "4 – confident"],
  ["5", "5 – very confident"],
];

export function buildCheckInCard(data: CheckInCardData, error?: { message: string; issues: FieldIssue[] }): AdaptiveCardJson {
  const v = data.previous ?? {};
  const actionData = { cohortId: data.cohortId, sessionNumber: data.sessionNumber };
  const problem = (field: string) => fieldProblem(error?.issues ?? [], field);
  const questions = data.reflectQuestions.slice(0, LIMITS.reflectQuestions);
  return adaptiveCard(
    [
      ...heading(data.isReminder ? "A gentle reminder: your check-in" : checkInTitle(data.sessionNumber), `${data.cohortName} · reflecting on session ${data.sessionNumber}: ${data.sessionTitle}`),
      data.commitment
        ? plainLine(["You planned to use AI on ", textRun(truncate(data.commitment, LIMITS.shortText), { weight: "Bolder" }), ". How did it go?"])
        : paragraph("What did you try with AI on your real work since the last session? A bad first output is normal: it is part of the learning."),
      ...(data.closesOn
        ? [paragraph(data.closed ? `It closed on ${data.closesOn}. You can still send it: it counts for your own record, though your facilitators have already prepared the next session.` : `It closes on ${data.closesOn}, before the next session.`, { subtle: true })]
        : []),
      paragraph(PRIVACY_LINE, { subtle: true }),
      ...(error ? [errorBanner(error.message, error.issues)] : []),
      textInput({ id: "tried", label: "What did you try?", value: v.tried, multiline: true, maxLength: LIMITS.answerText, required: true }),
      ...problem("tried"),
      textInput({ id: "worked", label: "What worked?", value: v.worked, multiline: true, maxLength: LIMITS.answerText }),
      ...problem("worked"),
      textInput({ id: "stuck", label: "Where did you get stuck?", value: v.stuck, multiline: true, maxLength: LIMITS.answerText }),
      ...problem("stuck"),
      blockersInput(v.blockers ?? []),
      ...problem("blockers"),
      ...questions.flatMap((question, i) => [
        textInput({ id: reflectField(i), label: truncate(question, LIMITS.shortText), value: v.reflect?.[i], multiline: true, maxLength: LIMITS.reflectAnswerText }),
        ...problem(reflectField(i)),
      ]),
      numberInput({ id: "minutesSaved", label: "Roughly how many minutes did it save you this week?", value: v.minutesSaved, min: 0, max: LIMITS.minutesSavedMax }),
      ...problem("minutesSaved"),
      choiceInput({ id: "confidence", label: "How confident do you feel using AI on this work?", choices: CONFIDENCE, value: v.confidence ? String(v.confidence) : undefined, required: true }),
      ...problem("confidence"),
      toggleInput({ id: "wantsHelp", title: "I'd like help from a facilitator", value: v.wantsHelp }),
      choiceInput({ id: "quoteConsent", label: "May your facilitators quote what you wrote here to your cohort?", choices: QUOTE_CONSENTS.map((c) => [c, QUOTE_CONSENT_LABELS[c]]), value: v.quoteConsent ?? "no", expanded: true }),
      ...problem("quoteConsent"),
    ],
    [execute(v.tried ? "Update my check-in" : "Send my check-in", CHECKIN_VERBS.submit, actionData, "positive")],
    { verb: CHECKIN_VERBS.refresh, data: actionData, userIds: [data.userId] },
  );
}

export const checkInTitle = (sessionNumber: number) => `Check-in on session ${sessionNumber}`;

function blockersInput(selected: Blocker[]): CardElement {
  return {
    type: "Input.ChoiceSet",
    id: "blockers",
    label: "If you got stuck, what got in the way? (choose any)",
    style: "expanded",
    isMultiSelect: true,
    choices: BLOCKERS.map((b) => ({ title: BLOCKER_LABELS[b], value: b })),
    ...(selected.length ? { value: selected.join(",") } : {}),
  };
}

/** The problem with one field, shown right under its input (our own words, never what was typed). */
function fieldProblem(issues: FieldIssue[], field: string): CardElement[] {
  const messages = issues.filter((i) => i.field === field || i.field.startsWith(`${field}.`)).map((i) => i.message);
  return messages.length ? [{ type: "TextBlock", text: [...new Set(messages)].join(" "), wrap: true, color: "Attention", size: "Small", spacing: "None" }] : [];
}

/**
 * Where the member's request for help stands, as far as the bot knows:
 * - "sent": a facilitator has it in Teams (or it is on its way);
 * - "taken": a facilitator said they will reach out;
 * - "unreached": no facilitator could be reached in Teams; it waits for them in the tab.
 */
export type HelpRequestStatus = "sent" | "taken" | "unreached";

export const HELP_STATUS_TEXT: Record<HelpRequestStatus, string> = {
  sent: "A facilitator will get in touch to help. Asking is exactly the right thing to do.",
  taken: "A facilitator has picked up your request and will get in touch. Asking is exactly the right thing to do.",
  unreached: "Your facilitators can't be reached in Teams yet; your request is listed for them in the Cohort Coach tab. If it is urgent, contact your facilitator directly.",
};

export function buildCheckInSubmittedCard(data: CheckInCardData, values: CheckInValues, updated: boolean, help: HelpRequestStatus = "sent"): AdaptiveCardJson {
  const actionData = { cohortId: data.cohortId, sessionNumber: data.sessionNumber };
  const reflect = data.reflectQuestions.slice(0, LIMITS.reflectQuestions).flatMap((q, i): Array<[string, string]> => (values.reflect?.[i] ? [[truncate(q, 80), truncate(values.reflect[i]!, 200)]] : []));
  return adaptiveCard(
    [
      ...heading(checkInTitle(data.sessionNumber), data.cohortName),
      successBanner(updated ? "Thanks, your check-in is updated." : "Thanks, your check-in is in."),
      memberFacts([
        ["Tried", truncate(values.tried, 200)],
        ["Worked", truncate(values.worked || "–", 200)],
        ["Stuck", truncate(values.stuck || "–", 200)],
        ...(values.blockers?.length ? [["What got in the way", values.blockers.map((b) => BLOCKER_LABELS[b]).join("; ")] as [string, string]] : []),
        ...reflect,
      ]),
      facts([
        ["Minutes saved", String(values.minutesSaved)],
        ["Confidence", `${values.confidence} / 5`],
        ["Quoting", QUOTE_CONSENT_LABELS[values.quoteConsent ?? "no"]],
      ]),
      ...(values.wantsHelp ? [help === "unreached" ? warningBanner(HELP_STATUS_TEXT.unreached) : paragraph(HELP_STATUS_TEXT[help])] : []),
    ],
    [execute("Change my answers", CHECKIN_VERBS.refresh, { ...actionData, edit: true })],
    { verb: CHECKIN_VERBS.refresh, data: actionData, userIds: [data.userId] },
  );
}
