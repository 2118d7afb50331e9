/**
 * "You missed the live session: here is what it covered", to a member who was invited and did not
 * join (issue 19). Built from typed data: the session plan from the cohort's track, the
 * facilitator's notes (plain text, as typed), the recording (https only) and the next live
 * session's join link (https only). Under Teams' 28 KB at every maximum.
 */
import { LIVE_SESSION_NOTES_MAX } from "../contract/live-sessions-contract";
import type { AdaptiveCardJson } from "../domain/ports";
import { isHttpsLink } from "../domain/tracks/track-limits";
import { adaptiveCard, heading, memberText, numberedList, openUrl, paragraph, section, truncate, type CardElement } from "./card-kit";

export interface LiveCatchUpCardData {
  cohortName: string;
  /** The live session missed: its title ("Kick-off") and UTC start. */
  liveSession: { title: string; startsAt: string };
  /** What it covered: the session of the track it belongs to. */
  plan?: { sessionNumber: number; title: string; summary: string; tryThis: string[] };
  /** The facilitator's notes, plain text. */
  notes?: string;
  recordingUrl?: string;
  /** The next live session, when one is scheduled with a join link. */
  next?: { title: string; startsAt: string; joinUrl: string };
  tabUrl: string;
}

const TITLE_MAX = 120;
const SUMMARY_MAX = 1200;
const STEPS_MAX = 8;
const STEP_MAX = 300;

/** Teams shows the time in the reader's own zone. */
const when = (startsAt: string) => {
  const at = new Date(startsAt).toISOString().replace(/\.\d{3}Z$/, "Z");
  return `{{DATE(${at}, SHORT)}} at {{TIME(${at})}}`;
};

export function buildLiveCatchUpCard(data: LiveCatchUpCardData): AdaptiveCardJson {
  const recording = data.recordingUrl && isHttpsLink(data.recordingUrl) ? data.recordingUrl : undefined;
  const next = data.next && isHttpsLink(data.next.joinUrl) ? data.next : undefined;
  const body: CardElement[] = [
    ...heading(`You missed: ${truncate(data.liveSession.title, TITLE_MAX)}`, truncate(data.cohortName, TITLE_MAX)),
    paragraph(`The live session on ${when(data.liveSession.startsAt)} went ahead without you. Here is what it covered, so you can catch up in a few minutes.`),
  ];
  if (data.plan) {
    body.push(
      section(`Session ${data.plan.sessionNumber}: ${truncate(data.plan.title, TITLE_MAX)}`, [
        paragraph(truncate(data.plan.summary, SUMMARY_MAX)),
        ...(data.plan.tryThis.length ? [paragraph("Try this", { weight: "Bolder" }), numberedList(data.plan.tryThis.slice(0, STEPS_MAX).map((s) => truncate(s, STEP_MAX)))] : []),
      ]),
    );
  }
  if (data.notes?.trim()) body.push(section("Notes from your facilitator", [memberText(truncate(data.notes.trim(), LIVE_SESSION_NOTES_MAX))], "accent"));
  if (recording) body.push(paragraph("The session was recorded: watch it when it suits you.", { subtle: true }));
  if (next) body.push(paragraph(`Next live session: ${truncate(next.title, TITLE_MAX)}, ${when(next.startsAt)}.`, { weight: "Bolder" }));
  return adaptiveCard(body, [...(recording ? [openUrl("Watch the recording", recording)] : []), ...(next ? [openUrl("Join the next live session", next.joinUrl)] : []), openUrl("Open my programme", data.tabUrl)]);
}
