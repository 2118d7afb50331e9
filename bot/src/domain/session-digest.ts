/**
 * "Before session n+1": what a cohort reported on session n, for its facilitators, and what the
 * next brief tells members about it ("From your cohort last week").
 *
 * Privacy rules, the same as every group figure:
 * - Under 5 responses there are no quotes and no themes anywhere, and members read only the
 *   facilitator's note (a quote from a group of three is as good as a name).
 * - Quotes carry no name for the facilitators; in the brief a quote is "A member" unless its author
 *   agreed to be named. A member who said "don't quote me" is never offered.
 * - What members read counts people in steps of 5 ("at least 10 of 14 of you") and names only the
 *   most common blocker, found over the first respondents as the released figures are, so two
 *   weeks' briefs cannot be differenced into one person's answer.
 * Quote ids come from the words (and where they were written), never from who wrote them.
 */
import { BLOCKER_LABELS } from "./check-in-choices";
import { MIN_GROUP_SIZE, releasedPrefix, roundDownToStep } from "./metrics";
import type { Blocker, CheckIn, TimelineEvent, Win } from "./types";

export type QuoteKind = "worked" | "stuck" | "reflect";

export interface Quote {
  id: string;
  kind: QuoteKind;
  question?: string;
  text: string;
  named: boolean;
  /** Server-side only: whose words these are (for naming with consent, and for "delete my data"). */
  authorId: string;
  authorName: string;
}

export interface BlockerTheme {
  blocker: Blocker;
  label: string;
  count: number;
}

export interface DigestFigures {
  members: number;
  responses: number;
  /** Fewer than MIN_GROUP_SIZE responded: nothing quoted, no themes. */
  withheld: boolean;
  blockers: BlockerTheme[];
  quotes: Quote[];
  /** Wins shared with consent since the session's brief, newest first. */
  wins: Win[];
  summaryLine?: string;
}

/** The digest of one session: the check-ins on it, the cohort's size and the wins shared since. */
export function digestFigures(input: { checkIns: CheckIn[]; members: number; wins: Win[]; memberNames: ReadonlyMap<string, string> }): DigestFigures {
  const { checkIns, members } = input;
  const responses = checkIns.length;
  const withheld = responses < MIN_GROUP_SIZE;
  const wins = input.wins.filter((w) => w.shareConsent).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  if (withheld) return { members, responses, withheld, blockers: [], quotes: [], wins };
  const blockers = blockerThemes(checkIns);
  return {
    members,
    responses,
    withheld,
    blockers,
    quotes: quotesOf(checkIns, input.memberNames),
    wins,
    summaryLine: summaryLine(checkIns, members),
  };
}

/** Blockers by theme, most common first (ties in the card's order), over everyone who answered. */
export function blockerThemes(checkIns: CheckIn[]): BlockerTheme[] {
  const counts = new Map<Blocker, number>();
  for (const c of checkIns) for (const b of new Set(c.blockers ?? [])) counts.set(b, (counts.get(b) ?? 0) + 1);
  const order = Object.keys(BLOCKER_LABELS) as Blocker[];
  return [...counts]
    .map(([blocker, count]) => ({ blocker, label: BLOCKER_LABELS[blocker], count }))
    .sort((a, b) => b.count - a.count || order.indexOf(a.blocker) - order.indexOf(b.blocker));
}

/**
 * The line that closes the loop in the next brief, e.g. "At least 10 of 14 of you tried it; the
 * most common block was trusting or checking the output, so this session starts there."
 * Undefined under 5 responses.
 */
export function summaryLine(checkIns: CheckIn[], members: number): string | undefined {
  if (checkIns.length < MIN_GROUP_SIZE) return undefined;
  const tried = checkIns.filter((c) => c.tried.trim().length > 0).length;
  const released = roundDownToStep(tried);
  const triedPart = released === 0 ? "Fewer than 5 of you tried it" : released === tried ? `${tried} of ${members} of you tried it` : `At least ${released} of ${members} of you tried it`;
  // The top theme over the first respondents only: a later answer cannot flip it on its own.
  const first = releasedPrefix(checkIns, (c) => ({ recordedAt: c.submittedAt ?? "", id: c.id }));
  const top = blockerThemes(first)[0];
  if (!top || top.blocker === "other") return `${triedPart}.`;
  return `${triedPart}; the most common block was ${top.label.charAt(0).toLowerCase()}${top.label.slice(1)}, so this session starts there.`;
}

function quotesOf(checkIns: CheckIn[], names: ReadonlyMap<string, string>): Quote[] {
  const quotes = new Map<string, Quote>();
  const add = (c: CheckIn, kind: QuoteKind, text: string, question?: string) => {
    const words = text.trim();
    if (words.length < 3) return;
    const id = quoteId(kind, question ?? "", words);
    if (quotes.has(id)) return; // the same words twice are one quote
    quotes.set(id, { id, kind, ...(question ? { question } : {}), text: words, named: c.quoteConsent === "named", authorId: c.userId, authorName: names.get(c.userId) ?? "" });
  };
  for (const c of [...checkIns].sort((a, b) => a.id.localeCompare(b.id))) {
    if (!c.quoteConsent || c.quoteConsent === "no") continue;
    add(c, "worked", c.worked);
    add(c, "stuck", c.stuck);
    for (const r of c.reflectAnswers ?? []) add(c, "reflect", r.answer, r.question);
  }
  // Sorted by their words: the order says nothing about who answered first.
  return [...quotes.values()].sort((a, b) => a.text.localeCompare(b.text));
}

/** FNV-1a over the quote's place and words: stable, and computable only from what is shown. */
export function quoteId(kind: QuoteKind, question: string, text: string): string {
  let hash = 0x811c9dc5;
  for (const ch of `${kind}\u0000${question}\u0000${text}`) {
    hash ^= ch.codePointAt(0)!;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `q-${hash.toString(36)}`;
}

/** The win's id as featured: the stored id. */
export const winFeatureId = (winId: string) => `w-${winId}`;

/**
 * The digests a timeline calls for: one per session that has a next session, due when that
 * session's check-in closes (the facilitators then have until the next brief).
 */
export function digestDueTimes(timeline: TimelineEvent[]): Array<{ sessionNumber: number; dueAt: string; closesOn: string; nextSessionAt: string; nextSessionOn: string }> {
  const learn = new Map(timeline.filter((e) => e.kind === "learn").map((e) => [e.sessionNumber!, e]));
  return timeline
    .filter((e) => e.kind === "checkin" && e.closesAt && learn.has(e.sessionNumber! + 1))
    .map((e) => {
      const next = learn.get(e.sessionNumber! + 1)!;
      return { sessionNumber: e.sessionNumber!, dueAt: e.closesAt!, closesOn: e.closesOn ?? e.closesAt!.slice(0, 10), nextSessionAt: next.dueAt, nextSessionOn: next.localDate };
    });
}
