/**
 * "Before session n+1", in the facilitator's 1:1 chat: how many checked in, what got in the way,
 * quotes without names (only with 5 or more answers), the week's shared wins, what is waiting;
 * then a note and up to three things to feature in the next brief, published from the card.
 */
import { z } from "zod";
import type { FieldIssue } from "../domain/errors";
import { LIMITS } from "../domain/limits";
import type { AdaptiveCardJson } from "../domain/ports";
import { adaptiveCard, errorBanner, execute, facts, heading, memberText, openUrl, paragraph, section, successBanner, textInput, truncate, type CardElement } from "./card-kit";
import { asTrimmed } from "./validation";

export const DIGEST_VERBS = { publish: "digest.publish" } as const;

export interface DigestCardData {
  cohortId: string;
  cohortName: string;
  sessionNumber: number;
  nextSessionNumber: number;
  nextSessionOn: string;
  members: number;
  responses: number;
  withheld: boolean;
  blockers: Array<{ label: string; count: number }>;
  quotes: Array<{ id: string; kind: "worked" | "stuck" | "reflect"; question?: string; text: string; named: boolean }>;
  wins: Array<{ id: string; displayName: string; text: string }>;
  openHelpRequests: number;
  openQuestions: number;
  summaryLine?: string;
  published?: { note: string; featured: string[]; publishedByName: string };
  etag?: string;
  tabUrl: string;
}

export const DigestSubmission = z.object({
  cohortId: z.string().min(1).max(128),
  sessionNumber: z.coerce.number().int().min(1).max(52),
  etag: z.string().max(256).optional(),
  note: z.preprocess(asTrimmed, z.string().max(LIMITS.digestNote, `Keep the note under ${LIMITS.digestNote} characters.`).default("")),
  // An Input.ChoiceSet with isMultiSelect answers "a,b,c".
  featured: z.preprocess((v) => (typeof v === "string" ? v.split(",").map((s) => s.trim()).filter(Boolean) : v ?? []), z.array(z.string().min(1).max(200)).max(3, "Choose at most three to feature.")),
});
export type DigestSubmission = z.infer<typeof DigestSubmission>;

const KIND: Record<DigestCardData["quotes"][number]["kind"], string> = { worked: "What worked", stuck: "Where they got stuck", reflect: "Reflection" };
const SHOWN_QUOTES = 8;

export function buildDigestCard(data: DigestCardData, problem?: { message: string; issues: FieldIssue[]; note?: string; featured?: string[] }): AdaptiveCardJson {
  const body: CardElement[] = [
    ...heading(`Before session ${data.nextSessionNumber}`, `${data.cohortName} · what session ${data.sessionNumber}'s check-ins said · next brief ${data.nextSessionOn}`),
    facts([
      ["Checked in", `${data.responses} of ${data.members}`],
      ["Help requests open", String(data.openHelpRequests)],
      ["Questions waiting", String(data.openQuestions)],
    ]),
  ];
  if (data.withheld) {
    body.push(paragraph("Fewer than 5 people checked in, so no quotes or themes are shown: the brief will carry only your note.", { subtle: true }));
  } else {
    if (data.blockers.length) body.push(section("What got in the way", [facts(data.blockers.map((b) => [b.label, String(b.count)]))]));
    const quotes = data.quotes.slice(0, SHOWN_QUOTES);
    if (quotes.length) {
      body.push(section("In their words (no names)", quotes.flatMap((q) => [paragraph(q.question ? `${KIND[q.kind]}: ${truncate(q.question, 120)}` : KIND[q.kind], { subtle: true, spacing: "Small" }), memberText(`“${truncate(q.text, 300)}”`)]), "emphasis"));
      if (data.quotes.length > quotes.length) body.push(paragraph(`${data.quotes.length - quotes.length} more in the Cohort Coach tab.`, { subtle: true }));
    }
    if (data.summaryLine) body.push(paragraph(`Members will read: ${data.summaryLine}`, { subtle: true }));
  }
  if (data.wins.length) body.push(section("Wins shared this week", data.wins.slice(0, 5).map((w) => memberText(`${truncate(w.displayName, 80)}: ${truncate(w.text, 200)}`))));

  if (data.published && !problem) {
    body.push(successBanner(`${data.published.publishedByName || "A facilitator"} published the note${data.published.featured.length ? ` and ${data.published.featured.length} featured` : ""} for session ${data.nextSessionNumber}'s brief.`));
  }
  if (problem) body.push(errorBanner(problem.message, problem.issues));

  const offered = data.withheld ? [] : [...data.quotes.slice(0, SHOWN_QUOTES).map((q) => ({ title: truncate(q.text, 80), value: q.id })), ...data.wins.slice(0, 5).map((w) => ({ title: `Win: ${truncate(w.text, 70)}`, value: w.id }))];
  const chosen = problem?.featured ?? data.published?.featured ?? [];
  body.push(textInput({ id: "note", label: `A note to open session ${data.nextSessionNumber} (what you saw, what the session will start with)`, value: problem?.note ?? data.published?.note ?? "", multiline: true, maxLength: LIMITS.digestNote }));
  if (offered.length) {
    body.push({ type: "Input.ChoiceSet", id: "featured", label: "Feature up to three (quotes stay anonymous unless their author agreed to be named)", isMultiSelect: true, style: "expanded", choices: offered, value: chosen.filter((id) => offered.some((o) => o.value === id)).join(",") });
  }
  return adaptiveCard(body, [
    execute(data.published ? "Update the brief" : `Publish to session ${data.nextSessionNumber}'s brief`, DIGEST_VERBS.publish, { cohortId: data.cohortId, sessionNumber: data.sessionNumber, ...(data.etag ? { etag: data.etag } : {}) }, "positive"),
    openUrl("Open in the tab", data.tabUrl),
  ]);
}
