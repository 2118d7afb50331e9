/** Apply: the member names the real deliverable they will use AI on this week. */
import { z } from "zod";
import type { FieldIssue } from "../domain/errors";
import { LIMITS } from "../domain/limits";
import type { AdaptiveCardJson } from "../domain/ports";
import { adaptiveCard, bulletList, errorBanner, execute, heading, paragraph, plainLine, successBanner, textInput, textRun, toggleInput, truncate } from "./card-kit";
import { asBoolean, asNumber, asTrimmed } from "./validation";
import { isHttpsLink } from "../domain/tracks/track-limits";

export const APPLY_VERBS = { submit: "apply.submit", edit: "apply.edit" } as const;

export interface ApplyCardData {
  cohortId: string;
  cohortName: string;
  sessionNumber: number;
  prompt: string;
  examples: string[];
  previous?: string;
  /** The member marked it done, and where the work lives, if they said. */
  previousDone?: boolean;
  previousLink?: string;
}

/** Longest link to the real piece of work we keep (SharePoint links run long). */
export const LINK_MAX = 500;

/**
 * A link to the member's real piece of work: https only, a host with a dot, no credentials or
 * spaces. It is kept as text and always shown as plain text, never as a link.
 */
const WorkLink = z.preprocess(
  (v) => (asTrimmed(v) === "" ? undefined : asTrimmed(v)),
  z
    .string()
    .max(LINK_MAX, `Keep the link under ${LINK_MAX} characters.`)
    .refine(isHttpsLink, "The link must be a full https:// address, like https://contoso.sharepoint.com/…")
    .optional(),
);

export const ApplySubmission = z.object({
  cohortId: z.string().min(1).max(128),
  sessionNumber: z.preprocess(asNumber, z.number().int().min(1).max(52)),
  deliverable: z.preprocess(
    asTrimmed,
    z.string({ message: "Name the piece of work you will use AI on." }).min(3, "Name the piece of work you will use AI on.").max(LIMITS.shortText, `Keep it under ${LIMITS.shortText} characters: just name the piece of work.`),
  ),
  done: z.preprocess(asBoolean, z.boolean()).optional(),
  link: WorkLink,
});
export type ApplySubmission = z.infer<typeof ApplySubmission>;

export function buildApplyCard(data: ApplyCardData, error?: { message: string; issues: FieldIssue[]; value?: string; done?: boolean; link?: string }): AdaptiveCardJson {
  return adaptiveCard(
    [
      ...heading("Apply it to real work", `${data.cohortName} · session ${data.sessionNumber}`),
      paragraph(data.prompt),
      paragraph("For example:", { subtle: true }),
      bulletList(data.examples.map((e) => truncate(e, 160))),
      ...(error ? [errorBanner(error.message, error.issues)] : []),
      textInput({ id: "deliverable", label: "This week I will use AI on…", value: error?.value ?? data.previous, maxLength: LIMITS.shortText, required: true, placeholder: "e.g. the October variance commentary" }),
      ...(data.previous || error
        ? [
            toggleInput({ id: "done", title: "It's done", value: error ? error.done : data.previousDone }),
            textInput({ id: "link", label: "Link to the real piece of work (optional, https://…)", value: error ? error.link : data.previousLink, maxLength: LINK_MAX, placeholder: "https://contoso.sharepoint.com/…" }),
          ]
        : []),
    ],
    [execute(data.previous ? "Update my commitment" : "Commit", APPLY_VERBS.submit, { cohortId: data.cohortId, sessionNumber: data.sessionNumber }, "positive")],
  );
}

export function buildApplySubmittedCard(data: ApplyCardData, deliverable: string, state: { done?: boolean; link?: string } = {}): AdaptiveCardJson {
  return adaptiveCard(
    [
      ...heading("Apply it to real work", `${data.cohortName} · session ${data.sessionNumber}`),
      successBanner(state.done ? "Marked done. Well done!" : "Committed. Good luck!"),
      state.done
        ? plainLine(["You used AI on ", textRun(truncate(deliverable, LIMITS.shortText), { weight: "Bolder" }), ". Tell us how it went at the check-in."])
        : plainLine(["This week you will use AI on ", textRun(truncate(deliverable, LIMITS.shortText), { weight: "Bolder" }), ". We will ask how it went at next week's check-in."]),
      ...(state.link ? [plainLine(["The work: ", textRun(state.link, { subtle: true })], { spacing: "Small" })] : []),
    ],
    // The deliverable stays the member's: they can change it, mark it done or add the link later.
    [execute("Change it, mark it done or add a link", APPLY_VERBS.edit, { cohortId: data.cohortId, sessionNumber: data.sessionNumber })],
  );
}
