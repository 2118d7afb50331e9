/** Learn: the week's session brief, tied to a real workflow of the member's role. */
import { LIMITS } from "../domain/limits";
import type { AdaptiveCardJson } from "../domain/ports";
import { SENIORITY_LABELS, type SeniorityLevel } from "../domain/seniority";
import { isHttpsLink, TRACK_LIMITS } from "../domain/tracks/track-limits";
import type { ApprovedTool, LearnBrief, TrackLink } from "../domain/types";
import { adaptiveCard, heading, memberText, numberedList, openUrl, paragraph, section, truncate, type CardElement } from "./card-kit";

export interface SessionBriefCardData {
  cohortName: string;
  sessionNumber: number;
  sessionTitle: string;
  learn: LearnBrief;
  tabUrl: string;
  /** What the cohort reported on the previous session, when there is something to say. */
  fromCohort?: FromYourCohort;
  /** The organisation's own templates and documents for this session (https links only are shown). */
  links?: TrackLink[];
  /** The AI tool the organisation approves, with its how-to steps. */
  approvedTool?: ApprovedTool;
  /** The seniority variant this brief was written for, when the session has one for the member. */
  variant?: SeniorityLevel;
  /** This session's live session in Teams, when one is scheduled with a join link (issue 19). */
  liveSession?: LiveSessionLink;
}

/** A Teams meeting the brief invites to: its title, UTC start and join link (https). */
export interface LiveSessionLink {
  title: string;
  startsAt: string;
  joinUrl: string;
}

/** "From your cohort last week": the facilitator's note, featured words and the line that closes the loop. */
export interface FromYourCohort {
  note?: string;
  /** Quotes and wins as written; `attribution` only when the author agreed to be named. */
  featured: Array<{ text: string; attribution?: string; kind: "quote" | "win" }>;
  summaryLine?: string;
  /** "From your leaders" (team cohorts): experiments their leadership cohort shared since the previous brief. */
  leaders?: LeaderExperimentQuote[];
  /** "A note from your leaders" (session 1 of a team cohort), unless its facilitators held it back. */
  leaderNote?: LeaderNoteQuote;
}

/** A leader's note to their teams, as they typed it, with their name. */
export interface LeaderNoteQuote {
  leaderName: string;
  text: string;
}

/** A leader's experiment as the brief quotes it: the leader agreed to share it with their name. */
export interface LeaderExperimentQuote {
  leaderName: string;
  work: string;
  tried: string;
  outcome: string;
}

/**
 * Teams refuses cards over 28 KB. A brief at every maximum (the track's longest text, in a 3-byte
 * script, and the most the cohort and its leaders can share) would not fit, so what is quoted is
 * shortened step by step, the fewest words first, until the card does.
 */
export const BRIEF_BUDGET_BYTES = 27 * 1024;

/** How much of the quoted sections a brief keeps: each step quotes less. */
const TRIM_STEPS: Array<{ featured: number; leaders: number; quote: number }> = [
  { featured: 3, leaders: 3, quote: LIMITS.answerText },
  { featured: 3, leaders: 3, quote: 400 },
  { featured: 2, leaders: 2, quote: 400 },
  { featured: 2, leaders: 2, quote: 200 },
  { featured: 1, leaders: 1, quote: 200 },
  { featured: 1, leaders: 1, quote: 100 },
  { featured: 0, leaders: 0, quote: 100 },
];

export function buildSessionBriefCard(data: SessionBriefCardData): AdaptiveCardJson {
  let card = renderBrief(data, TRIM_STEPS[0]!);
  for (const step of TRIM_STEPS.slice(1)) {
    if (utf8Bytes(JSON.stringify(card)) <= BRIEF_BUDGET_BYTES) break;
    card = renderBrief(data, step);
  }
  return card;
}

/** The card's size as Teams counts it (UTF-8), without Node's Buffer: cards are built in any runtime. */
function utf8Bytes(text: string): number {
  let bytes = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}

function renderBrief(data: SessionBriefCardData, trim: (typeof TRIM_STEPS)[number]): AdaptiveCardJson {
  const from = data.fromCohort;
  const links = (data.links ?? []).filter((l) => isHttpsLink(l.url)).slice(0, TRACK_LIMITS.links);
  return adaptiveCard(
    [
      ...heading(`Session ${data.sessionNumber}: ${data.sessionTitle}`, `${data.cohortName} · ${data.learn.workflow}`),
      ...liveSessionLine(data.liveSession),
      ...(data.variant ? [paragraph(`Written for ${SENIORITY_LABELS[data.variant].toLowerCase()}.`, { subtle: true, spacing: "None" })] : []),
      ...(from?.leaderNote ? [leaderNoteSection(from.leaderNote, trim.quote)] : []),
      ...(from?.leaders?.length && trim.leaders ? [fromLeadersSection(from.leaders.slice(0, trim.leaders), trim.quote)] : []),
      ...(from && (from.note || from.summaryLine || from.featured.length) ? [fromCohortSection({ ...from, featured: from.featured.slice(0, trim.featured) }, trim.quote)] : []),
      paragraph(data.learn.summary),
      section("Try this", [numberedList(data.learn.tryThis)]),
      section("A prompt to adapt", [promptToCopy(data.learn.examplePrompt, data.approvedTool?.name)], "emphasis"),
      ...(data.approvedTool ? [toolSection(data.approvedTool)] : []),
      section("Watch out", [paragraph(data.learn.watchOut)], "attention"),
      ...(links.length ? [linksSection(links)] : []),
      paragraph("Your first attempt will not be perfect, and that is the point. Next: choose the real piece of work you will try it on.", { subtle: true }),
    ],
    [...liveSessionActions(data.liveSession), openUrl("Open my programme", data.tabUrl)],
  );
}

/**
 * The prompt, ready to copy. Teams has a CodeBlock element with its own copy button, but it is a
 * Teams extension outside Adaptive Cards 1.5: the official SDK refuses it (even with a `fallback`,
 * it reports "Unknown element type"), and Teams mobile does not render it. A multi-line Input.Text
 * holding the prompt is 1.5, renders in every Teams client, keeps the text plain (never markdown),
 * and lets the member select all of it and copy it in one go; the brief submits nothing, so what
 * they change there goes nowhere.
 */
function promptToCopy(prompt: string, toolName?: string): CardElement {
  return { type: "Input.Text", id: "examplePrompt", label: `Select it all and copy it into ${toolName ? truncate(toolName, TRACK_LIMITS.toolName) : "your AI tool"}, then adapt it`, value: prompt, isMultiline: true };
}

/** The tool the organisation approves, with its short how-to (the admin's words). */
function toolSection(tool: ApprovedTool): CardElement {
  return section(`Use ${truncate(tool.name, TRACK_LIMITS.toolName)}`, [
    paragraph("This is the AI tool your organisation approves for this work.", { subtle: true, spacing: "None" }),
    ...(tool.howTo.length ? [numberedList(tool.howTo.slice(0, TRACK_LIMITS.howToSteps).map((s) => truncate(s, TRACK_LIMITS.howToStep)))] : []),
  ], "good");
}

/** The organisation's own templates and documents: each opens its https link. */
function linksSection(links: TrackLink[]): CardElement {
  return section("Your organisation's templates and documents", [
    { type: "ActionSet", actions: links.map((l) => openUrl(truncate(l.title, TRACK_LIMITS.linkTitle), l.url)) },
  ]);
}

/** Everyone's words here are plain text: the facilitator's note and members' quotes alike. */
function fromCohortSection(from: FromYourCohort, quote: number): CardElement {
  const items: CardElement[] = [];
  if (from.summaryLine) items.push(paragraph(from.summaryLine, { weight: "Bolder" }));
  if (from.note) items.push(memberText(truncate(from.note, LIMITS.digestNote)));
  for (const f of from.featured.slice(0, 3)) {
    items.push(memberText(`“${truncate(f.text, Math.min(quote, LIMITS.answerText))}”`, { italic: true, spacing: "Medium" }));
    items.push(memberText(`— ${f.attribution ? truncate(f.attribution, 80) : "a member of your cohort"}${f.kind === "win" ? ", a win" : ""}`, { subtle: true, spacing: "None" }));
  }
  return section("From your cohort last week", items, "accent");
}

/** Opens session 1: the leader's own words, plain text, signed with their name. */
function leaderNoteSection(note: LeaderNoteQuote, quote: number): CardElement {
  return section("A note from your leaders", [memberText(truncate(note.text, quote < LIMITS.answerText ? Math.min(LIMITS.leaderNote, quote * 2) : LIMITS.leaderNote)), memberText(`— ${truncate(note.leaderName, 80)}`, { subtle: true, spacing: "Small" })], "good");
}

/** Leaders' words as they typed them: plain text, with their name. */
function fromLeadersSection(leaders: LeaderExperimentQuote[], quote: number): CardElement {
  const items: CardElement[] = [];
  for (const [i, l] of leaders.slice(0, 3).entries()) {
    items.push(memberText(`${truncate(l.leaderName, 80)} tried it on ${truncate(l.work, LIMITS.shortText)}`, { weight: "Bolder", ...(i ? { spacing: "Medium" } : {}) }));
    items.push(memberText(`Tried: ${truncate(l.tried, Math.min(quote, 400))}`, { spacing: "Small" }));
    items.push(memberText(`What happened: ${truncate(l.outcome, Math.min(quote, 400))}`, { spacing: "Small" }));
  }
  return section("From your leaders", items, "good");
}

/** "Join the live session", only for an https join link. */
function liveSessionActions(live: LiveSessionLink | undefined): ReturnType<typeof openUrl>[] {
  return live && /^https:\/\//.test(live.joinUrl) ? [openUrl("Join the live session", live.joinUrl)] : [];
}

/** When the live session is: Teams shows the time in the reader's own zone (DATE/TIME functions). */
function liveSessionLine(live: LiveSessionLink | undefined): CardElement[] {
  if (!live || !/^https:\/\//.test(live.joinUrl)) return [];
  const at = new Date(live.startsAt).toISOString().replace(/\.\d{3}Z$/, "Z");
  return [paragraph(`Live session in Teams: ${truncate(live.title, 120)}, {{DATE(${at}, SHORT)}} at {{TIME(${at})}}.`, { weight: "Bolder" })];
}
