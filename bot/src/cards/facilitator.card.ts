/**
 * The facilitator's cards in the 1:1 chat: `my cohorts`, `who needs help`, `questions`. Names,
 * cohort names and everything members wrote are plain text (card-kit's member helpers); group
 * figures come as released aggregates and say so when they are held back.
 */
import { LIMITS } from "../domain/limits";
import type { AdaptiveCardJson } from "../domain/ports";
import type { Aggregate } from "../domain/types";
import { adaptiveCard, heading, memberText, openUrl, paragraph, plainLine, successBanner, textRun, truncate, type CardElement } from "./card-kit";

const COHORTS_ON_CARD = 10;
const PEOPLE_ON_CARD = 15;
const QUESTIONS_ON_CARD = 10;
const QUOTE_CHARS = 300;

export interface CohortLine {
  name: string;
  status: "active" | "paused" | "archived";
  week: number;
  totalWeeks: number;
  members: number;
  latestCheckIn?: { sessionNumber: number; responseRate: Aggregate };
}

/** A released share as people read it: "60% of 12 members", or why it is held back. */
export function responseRateText(rate: Aggregate): string {
  if (rate.suppressed) return "fewer than 5 answers so far (held back to protect privacy)";
  return `${Math.round(rate.value * 100)}% of ${rate.n} members (counted in steps of 5)`;
}

function weekText(c: CohortLine): string {
  if (c.week === 0) return "not started yet";
  return `week ${c.week} of ${c.totalWeeks}${c.status === "paused" ? " (paused)" : ""}`;
}

export function buildMyCohortsCard(data: { cohorts: CohortLine[]; tabUrl: string }): AdaptiveCardJson {
  const shown = data.cohorts.slice(0, COHORTS_ON_CARD);
  const more = data.cohorts.length - shown.length;
  const items: CardElement[] = shown.map((c) =>
    ({
      type: "Container",
      separator: true,
      spacing: "Medium",
      items: [
        plainLine([textRun(truncate(c.name, LIMITS.shortText), { weight: "Bolder" })]),
        plainLine([`${weekText(c)} · ${c.members} member${c.members === 1 ? "" : "s"}`], { spacing: "None" }),
        plainLine([c.latestCheckIn ? `Check-in on session ${c.latestCheckIn.sessionNumber}: ${responseRateText(c.latestCheckIn.responseRate)}` : "No check-in has opened yet"], { spacing: "None", style: { subtle: true } }),
      ],
    }),
  );
  return adaptiveCard(
    [
      ...heading("Your cohorts", `${data.cohorts.length} cohort${data.cohorts.length === 1 ? "" : "s"} you look after`),
      ...(shown.length ? items : [paragraph("You don't facilitate any cohort at the moment.")]),
      ...(more > 0 ? [paragraph(`…and ${more} more in the tab.`, { subtle: true })] : []),
      paragraph("Type **who needs help** or **questions** to see who is waiting for you.", { subtle: true }),
    ],
    [openUrl("Open the cohorts in the tab", data.tabUrl)],
  );
}

export interface HelpLine {
  cohortName: string;
  displayName: string;
  reason: "asked-for-help" | "stuck";
  latestStuck?: string;
  latestSession?: number;
  takenBy?: string;
  notReachedInTeams: boolean;
}

export function buildWhoNeedsHelpCard(data: { people: HelpLine[]; tabUrl: string }): AdaptiveCardJson {
  const shown = data.people.slice(0, PEOPLE_ON_CARD);
  const more = data.people.length - shown.length;
  const items: CardElement[] = shown.map((p) => ({
    type: "Container",
    separator: true,
    spacing: "Medium",
    items: [
      plainLine([textRun(truncate(p.displayName, 120), { weight: "Bolder" }), ` ${p.reason === "asked-for-help" ? "asked for help" : "has been stuck twice"} · `, textRun(truncate(p.cohortName, 120), { subtle: true })]),
      ...(p.latestStuck
        ? [plainLine([`Stuck on${p.latestSession ? ` (session ${p.latestSession})` : ""}:`], { spacing: "Small", style: { subtle: true } }), memberText(truncate(p.latestStuck, QUOTE_CHARS), { italic: true, spacing: "None" })]
        : [plainLine(["Did not say where they got stuck."], { spacing: "Small", style: { subtle: true } })]),
      ...(p.takenBy ? [plainLine([textRun(`${truncate(p.takenBy, 120)} is reaching out.`, { color: "Good" })], { spacing: "Small" })] : []),
      ...(p.notReachedInTeams && !p.takenBy ? [plainLine([textRun("Their request could not reach any facilitator in Teams: nobody has seen it yet.", { color: "Attention" })], { spacing: "Small" })] : []),
    ],
  }));
  return adaptiveCard(
    [
      ...heading("Who needs help", data.people.length ? `${data.people.length} member${data.people.length === 1 ? "" : "s"} in your cohorts` : undefined),
      ...(shown.length ? items : [successBanner("Nobody has asked for help or reported being stuck.")]),
      ...(more > 0 ? [paragraph(`…and ${more} more in the tab.`, { subtle: true })] : []),
      paragraph("A short, friendly message now keeps people in the programme.", { subtle: true }),
    ],
    [openUrl("See everyone in the tab", data.tabUrl)],
  );
}

export interface QuestionLine {
  cohortName: string;
  text: string;
  askedOn: string;
  askedByName?: string;
}

export function buildOpenQuestionsCard(data: { questions: QuestionLine[]; tabUrl: string }): AdaptiveCardJson {
  const shown = data.questions.slice(0, QUESTIONS_ON_CARD);
  const more = data.questions.length - shown.length;
  const items: CardElement[] = shown.map((q) => ({
    type: "Container",
    separator: true,
    spacing: "Medium",
    items: [
      plainLine([textRun(q.askedByName ? truncate(q.askedByName, 120) : "Anonymous", { weight: "Bolder" }), ` · ${q.askedOn} · `, textRun(truncate(q.cohortName, 120), { subtle: true })]),
      memberText(truncate(q.text, LIMITS.answerText), { spacing: "Small" }),
    ],
  }));
  return adaptiveCard(
    [
      ...heading("Open questions", data.questions.length ? `${data.questions.length} waiting for an answer, oldest first` : undefined),
      ...(shown.length ? items : [successBanner("No question is waiting for an answer.")]),
      ...(more > 0 ? [paragraph(`…and ${more} more in the tab.`, { subtle: true })] : []),
      paragraph("Answer in the tab: a named question's answer goes to the asker, an anonymous one's to the whole cohort.", { subtle: true }),
    ],
    [openUrl("Answer in the tab", data.tabUrl)],
  );
}

/** For people who typed a facilitator command but look after no cohort. */
export function facilitatorsOnlyText(command: string): string {
  return `**${command}** is for facilitators, and you don't facilitate a cohort. Type **help** to see what you can do.`;
}


