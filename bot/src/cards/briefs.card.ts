/**
 * Session briefs a member can read again: the `briefs` list (every brief sent so far) and the
 * catch-up a late joiner gets (the briefs of the sessions that began before they joined, in short).
 * Each session has a button that opens its full brief (`brief.show`), answered only for a session
 * that has already begun.
 */
import type { AdaptiveCardJson } from "../domain/ports";
import { adaptiveCard, execute, heading, paragraph, plainLine, textRun, truncate, type CardElement } from "./card-kit";

export const BRIEF_VERBS = { show: "brief.show" } as const;

export interface BriefSummary {
  sessionNumber: number;
  title: string;
  workflow: string;
  summary: string;
  /** When it went out, in the cohort's zone. */
  localDate: string;
}

export interface BriefsCardData {
  cohortId: string;
  cohortName: string;
  briefs: BriefSummary[];
}

/** One session: its title, workflow and (for the catch-up) summary, and the button that opens it. */
function briefItem(cohortId: string, brief: BriefSummary, withSummary: boolean): CardElement {
  return {
    type: "Container",
    separator: true,
    spacing: "Medium",
    items: [
      plainLine([textRun(`Session ${brief.sessionNumber}: ${truncate(brief.title, 200)}`, { weight: "Bolder" })]),
      plainLine([textRun(`${truncate(brief.workflow, 200)} · ${brief.localDate}`, { subtle: true })], { spacing: "None" }),
      ...(withSummary ? [plainLine([truncate(brief.summary, 280)], { spacing: "Small" })] : []),
      { type: "ActionSet", actions: [execute(`Open session ${brief.sessionNumber}`, BRIEF_VERBS.show, { cohortId, sessionNumber: brief.sessionNumber })] },
    ],
  };
}

/** At most this many sessions listed on one card (a track has far fewer). */
const MAX_LISTED = 30;

export function buildBriefsCard(data: BriefsCardData): AdaptiveCardJson {
  if (data.briefs.length === 0) {
    return adaptiveCard([...heading("Your session briefs", data.cohortName), paragraph("No session has started yet. Your first brief arrives on the first day of your programme.")]);
  }
  const listed = data.briefs.slice(-MAX_LISTED);
  return adaptiveCard([
    ...heading("Your session briefs", data.cohortName),
    paragraph("Every brief you have been sent so far. Open one to read it again.", { subtle: true }),
    ...listed.map((b) => briefItem(data.cohortId, b, false)),
  ]);
}

export interface CatchUpCardData extends BriefsCardData {
  /** The next step they will get, if any ("Session 3: … on 2026-03-16"). */
  nextUp?: string;
}

/** With summaries, fewer fit under 28 KB: the latest ones, and `briefs` lists the rest. */
const MAX_CAUGHT_UP = 16;

export function buildCatchUpCard(data: CatchUpCardData): AdaptiveCardJson {
  const listed = data.briefs.slice(-MAX_CAUGHT_UP);
  return adaptiveCard([
    ...heading("Welcome aboard: what you missed", data.cohortName),
    paragraph("You joined after the programme started. Here is what the cohort has covered so far, in short. You won't be asked to commit to or check in on these sessions: read what helps, then carry on with the next one."),
    ...listed.map((b) => briefItem(data.cohortId, b, true)),
    ...(data.briefs.length > listed.length ? [paragraph(`…and ${data.briefs.length - listed.length} earlier sessions.`, { subtle: true })] : []),
    ...(data.nextUp ? [plainLine([textRun("Next for you: ", { weight: "Bolder" }), truncate(data.nextUp, 300)], { spacing: "Medium" })] : []),
    paragraph("Type **briefs** any time to open these again.", { subtle: true, spacing: "Medium" }),
  ]);
}
