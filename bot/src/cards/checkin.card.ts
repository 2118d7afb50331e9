/** The weekly reflect check-in: tried / worked / stuck, minutes saved, confidence, "I'd like help". */
import { z } from "zod";
import type { FieldIssue } from "../domain/errors";
import { LIMITS } from "../domain/limits";
import type { AdaptiveCardJson } from "../domain/ports";
import { adaptiveCard, choiceInput, errorBanner, warningBanner, execute, facts, heading, memberFacts, numberInput, paragraph, plainLine, successBanner, textInput, textRun, toggleInput, truncate } from "./card-kit";
import { asBoolean, asNumber, asTrimmed } from "./validation";

export const CHECKIN_VERBS = { submit: "checkin.submit", refresh: "checkin.refresh" } as const;

export interface CheckInCardData {
  cohortId: string;
  cohortName: string;
  sessionNumber: number;
  sessionTitle: string;
  /** What the member committed to in the apply card, quoted back. */
  commitment?: string;
  reflectQuestions: string[];
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
}

export const CheckInSubmission = z.object({
  cohortId: z.string().min(1).max(128),
  sessionNumber: z.preprocess(asNumber, z.number().int().min(1).max(52)),
  tried: z.preprocess(asTrimmed, z.string({ message: "Tell us what you tried." }).min(1, "Tell us what you tried, even if it did not work.").max(LIMITS.answerText, `What you tried must be under ${LIMITS.answerText} characters.`)),
  worked: z.preprocess(asTrimmed, z.string().max(LIMITS.answerText, `What worked must be under ${LIMITS.answerText} characters.`).default("")),
  stuck: z.preprocess(asTrimmed, z.string().max(LIMITS.answerText, `Where you got stuck must be under ${LIMITS.answerText} characters.`).default("")),
  minutesSaved: z.preprocess(asNumber, z.number({ message: "Minutes saved must be a number." }).int("Minutes saved must be a whole number.").min(0, "Minutes saved cannot be negative.").max(LIMITS.minutesSavedMax, `Minutes saved must be at most ${LIMITS.minutesSavedMax}.`).default(0)),
  confidence: z.preprocess(asNumber, z.number({ message: "Choose how confident you feel, from 1 to 5." }).int().min(1, "Confidence is from 1 to 5.").max(5, "Confidence is from 1 to 5.")),
  wantsHelp: z.preprocess(asBoolean, z.boolean()),
});
export type CheckInSubmission = z.infer<typeof CheckInSubmission>;

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
  return adaptiveCard(
    [
      ...heading(data.isReminder ? "A gentle reminder: your check-in" : `Week ${data.sessionNumber + 1} check-in`, `${data.cohortName} · reflecting on session ${data.sessionNumber}: ${data.sessionTitle}`),
      data.commitment
        ? plainLine(["You planned to use AI on ", textRun(truncate(data.commitment, LIMITS.shortText), { weight: "Bolder" }), ". How did it go?"])
        : paragraph("What did you try with AI on your real work since the last session? A bad first output is normal: it is part of the learning."),
      paragraph(PRIVACY_LINE, { subtle: true }),
      ...(data.reflectQuestions.length ? [paragraph(data.reflectQuestions.map((q) => `*${q}*`).join("\n\n"), { subtle: true })] : []),
      ...(error ? [errorBanner(error.message, error.issues)] : []),
      textInput({ id: "tried", label: "What did you try?", value: v.tried, multiline: true, maxLength: LIMITS.answerText, required: true }),
      textInput({ id: "worked", label: "What worked?", value: v.worked, multiline: true, maxLength: LIMITS.answerText }),
      textInput({ id: "stuck", label: "Where did you get stuck?", value: v.stuck, multiline: true, maxLength: LIMITS.answerText }),
      numberInput({ id: "minutesSaved", label: "Roughly how many minutes did it save you this week?", value: v.minutesSaved, min: 0, max: LIMITS.minutesSavedMax }),
      choiceInput({ id: "confidence", label: "How confident do you feel using AI on this work?", choices: CONFIDENCE, value: v.confidence ? String(v.confidence) : undefined, required: true }),
      toggleInput({ id: "wantsHelp", title: "I'd like help from a facilitator", value: v.wantsHelp }),
    ],
    [execute(v.tried ? "Update my check-in" : "Send my check-in", CHECKIN_VERBS.submit, actionData, "positive")],
    { verb: CHECKIN_VERBS.refresh, data: actionData, userIds: [data.userId] },
  );
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
  return adaptiveCard(
    [
      ...heading(`Week ${data.sessionNumber + 1} check-in`, data.cohortName),
      successBanner(updated ? "Thanks, your check-in is updated." : "Thanks, your check-in is in."),
      memberFacts([
        ["Tried", truncate(values.tried, 200)],
        ["Worked", truncate(values.worked || "–", 200)],
        ["Stuck", truncate(values.stuck || "–", 200)],
      ]),
      facts([
        ["Minutes saved", String(values.minutesSaved)],
        ["Confidence", `${values.confidence} / 5`],
      ]),
      ...(values.wantsHelp ? [help === "unreached" ? warningBanner(HELP_STATUS_TEXT.unreached) : paragraph(HELP_STATUS_TEXT[help])] : []),
    ],
    [execute("Change my answers", CHECKIN_VERBS.refresh, { ...actionData, edit: true })],
    { verb: CHECKIN_VERBS.refresh, data: actionData, userIds: [data.userId] },
  );
}
