/** Learn: the week's session brief, tied to a real workflow of the member's role. */
import { LIMITS } from "../domain/limits";
import type { AdaptiveCardJson } from "../domain/ports";
import type { LearnBrief } from "../domain/types";
import { adaptiveCard, heading, memberText, numberedList, openUrl, paragraph, section, truncate, type CardElement } from "./card-kit";

export interface SessionBriefCardData {
  cohortName: string;
  sessionNumber: number;
  sessionTitle: string;
  learn: LearnBrief;
  tabUrl: string;
  /** What the cohort reported on the previous session, when there is something to say. */
  fromCohort?: FromYourCohort;
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

export function buildSessionBriefCard(data: SessionBriefCardData): AdaptiveCardJson {
  return adaptiveCard(
    [
      ...heading(`Session ${data.sessionNumber}: ${data.sessionTitle}`, `${data.cohortName} · ${data.learn.workflow}`),
      ...(data.fromCohort?.leaderNote ? [leaderNoteSection(data.fromCohort.leaderNote)] : []),
      ...(data.fromCohort?.leaders?.length ? [fromLeadersSection(data.fromCohort.leaders)] : []),
      ...(data.fromCohort && (data.fromCohort.note || data.fromCohort.summaryLine || data.fromCohort.featured.length) ? [fromCohortSection(data.fromCohort)] : []),
      paragraph(data.learn.summary),
      section("Try this", [numberedList(data.learn.tryThis)]),
      section("A prompt to adapt", [{ type: "TextBlock", text: data.learn.examplePrompt, wrap: true, fontType: "Monospace" }], "emphasis"),
      section("Watch out", [paragraph(data.learn.watchOut)], "attention"),
      paragraph("Your first attempt will not be perfect, and that is the point. Next: choose the real piece of work you will try it on.", { subtle: true }),
    ],
    [openUrl("Open my programme", data.tabUrl)],
  );
}

/** Everyone's words here are plain text: the facilitator's note and members' quotes alike. */
function fromCohortSection(from: FromYourCohort): CardElement {
  const items: CardElement[] = [];
  if (from.summaryLine) items.push(paragraph(from.summaryLine, { weight: "Bolder" }));
  if (from.note) items.push(memberText(truncate(from.note, LIMITS.digestNote)));
  for (const f of from.featured.slice(0, 3)) {
    items.push(memberText(`“${truncate(f.text, LIMITS.answerText)}”`, { italic: true, spacing: "Medium" }));
    items.push(memberText(`— ${f.attribution ? truncate(f.attribution, 80) : "a member of your cohort"}${f.kind === "win" ? ", a win" : ""}`, { subtle: true, spacing: "None" }));
  }
  return section("From your cohort last week", items, "accent");
}

/** Opens session 1: the leader's own words, plain text, signed with their name. */
function leaderNoteSection(note: LeaderNoteQuote): CardElement {
  return section("A note from your leaders", [memberText(truncate(note.text, LIMITS.leaderNote)), memberText(`— ${truncate(note.leaderName, 80)}`, { subtle: true, spacing: "Small" })], "good");
}

/** Leaders' words as they typed them: plain text, with their name. */
function fromLeadersSection(leaders: LeaderExperimentQuote[]): CardElement {
  const items: CardElement[] = [];
  for (const [i, l] of leaders.slice(0, 3).entries()) {
    items.push(memberText(`${truncate(l.leaderName, 80)} tried it on ${truncate(l.work, LIMITS.shortText)}`, { weight: "Bolder", ...(i ? { spacing: "Medium" } : {}) }));
    items.push(memberText(`Tried: ${truncate(l.tried, 400)}`, { spacing: "Small" }));
    items.push(memberText(`What happened: ${truncate(l.outcome, 400)}`, { spacing: "Small" }));
  }
  return section("From your leaders", items, "good");
}
