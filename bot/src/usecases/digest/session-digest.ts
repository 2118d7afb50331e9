/**
 * "Before session n+1": the facilitators' view of what the cohort reported on session n (in the
 * tab and on the digest card), publishing a note with up to three featured quotes or wins, and
 * what the next brief opens with ("From your cohort last week"). The privacy rules are the
 * domain's (domain/session-digest.ts); this file gathers the records and keeps the published one.
 */
import { fromYourLeaders } from "./from-your-leaders";
import { leaderNoteForBrief } from "../leadership/leader-note";
import type { AppContext } from "../../app-context";
import type { FromYourCohort } from "../../cards/session-brief.card";
import type { PublishDigestRequest, SessionDigestResponse } from "../../contract/api-contract";
import { ConcurrencyError, NotFoundError, ValidationError } from "../../domain/errors";
import type { Versioned } from "../../domain/ports";
import { digestDueTimes, digestFigures, winFeatureId, type DigestFigures } from "../../domain/session-digest";
import type { Actor, Cohort, FeaturedItem, PublishedDigest } from "../../domain/types";
import { authorizeCohort } from "../access";
import { cohortSchedule } from "../member/member-context";

/** One session's digest as the facilitators see it, with the published part if any. */
export interface DigestState {
  cohort: Cohort;
  sessionNumber: number;
  nextSessionNumber: number;
  closesOn: string;
  nextSessionAt: string;
  nextSessionOn: string;
  figures: DigestFigures;
  openHelpRequests: number;
  openQuestions: number;
  published?: Versioned<PublishedDigest>;
  sessions: SessionDigestResponse["sessions"];
}

export async function sessionDigest(ctx: AppContext, actor: Actor, cohortId: string, sessionNumber?: number): Promise<SessionDigestResponse> {
  const { cohort } = await authorizeCohort(ctx, actor, "digest.manage", cohortId);
  return toResponse(await digestState(ctx, cohort, sessionNumber));
}

export async function publishDigest(ctx: AppContext, actor: Actor, cohortId: string, sessionNumber: number, input: PublishDigestRequest): Promise<SessionDigestResponse> {
  const { cohort } = await authorizeCohort(ctx, actor, "digest.manage", cohortId);
  const state = await digestState(ctx, cohort, sessionNumber);
  if (new Date(state.nextSessionAt) <= ctx.clock.now()) {
    const message = `Session ${state.nextSessionNumber}'s brief has already gone out, so a note can no longer reach it.`;
    throw new ValidationError(message, [{ field: "note", message }]);
  }
  const featured = chooseFeatured(state.figures, input.featured);
  if (!input.note && featured.length === 0) {
    const message = "Write a note or choose something to feature.";
    throw new ValidationError(message, [{ field: "note", message }]);
  }
  if (state.published && input.etag !== state.published.etag) {
    throw new ConcurrencyError(`${state.published.publishedByName || "Another facilitator"} published this session's digest a moment ago. Reload to see it; your note is kept.`);
  }
  const record: PublishedDigest = {
    tenantId: cohort.tenantId,
    cohortId: cohort.id,
    sessionNumber: state.sessionNumber,
    note: input.note,
    featured,
    publishedBy: actor.userId,
    publishedByName: actor.displayName,
    publishedAt: ctx.clock.now().toISOString(),
  };
  const published = await ctx.repos.digests.save(record, state.published?.etag);
  ctx.logger.info({ tenantId: cohort.tenantId, cohortId: cohort.id, session: state.sessionNumber, featured: featured.length, noted: !!input.note }, "digest published");
  return toResponse({ ...state, published, sessions: state.sessions.map((s) => (s.sessionNumber === state.sessionNumber ? { ...s, published: true } : s)) });
}

/**
 * What brief `nextSessionNumber` opens with: for a team cohort, its leaders' note (session 1 only) and what its leaders shared since the
 * previous brief; then the published note and featured words, and the summary line (only with 5
 * or more responses). Undefined when there is nothing.
 */
export async function fromYourCohort(ctx: AppContext, cohort: Cohort, nextSessionNumber: number): Promise<FromYourCohort | undefined> {
  const [own, leaders, leaderNote] = await Promise.all([fromOwnCohort(ctx, cohort, nextSessionNumber), fromYourLeaders(ctx, cohort, nextSessionNumber), leaderNoteForBrief(ctx, cohort, nextSessionNumber)]);
  if (!leaders.length && !leaderNote) return own;
  return { ...(own ?? { featured: [] }), ...(leaders.length ? { leaders } : {}), ...(leaderNote ? { leaderNote } : {}) };
}

async function fromOwnCohort(ctx: AppContext, cohort: Cohort, nextSessionNumber: number): Promise<FromYourCohort | undefined> {
  const sessionNumber = nextSessionNumber - 1;
  if (sessionNumber < 1) return undefined;
  const [published, records, members] = await Promise.all([
    ctx.repos.digests.get(cohort.tenantId, cohort.id, sessionNumber),
    ctx.repos.loop.listCohortRecords(cohort.tenantId, cohort.id),
    ctx.repos.memberships.listByCohort(cohort.tenantId, cohort.id),
  ]);
  const figures = digestFigures({ checkIns: records.checkIns.filter((c) => c.sessionNumber === sessionNumber), members: members.length, wins: [], memberNames: new Map() });
  // Under 5 responses only the note: a featured quote could only have been chosen before, from more.
  const featured = figures.withheld ? [] : (published?.featured ?? []).map((f) => ({ text: f.text, kind: f.kind, ...(f.attribution ? { attribution: f.attribution } : {}) }));
  const from: FromYourCohort = { ...(published?.note ? { note: published.note } : {}), featured, ...(figures.summaryLine ? { summaryLine: figures.summaryLine } : {}) };
  return from.note || from.featured.length || from.summaryLine ? from : undefined;
}

/** The digest of `sessionNumber`, or of the latest session whose check-in has opened. */
export async function digestState(ctx: AppContext, cohort: Cohort, sessionNumber?: number): Promise<DigestState> {
  const schedule = await cohortSchedule(ctx, cohort);
  if (!schedule) throw new NotFoundError("This cohort's track no longer exists.");
  const now = ctx.clock.now();
  const opened = new Set(schedule.timeline.filter((e) => e.kind === "checkin" && new Date(e.dueAt) <= now).map((e) => e.sessionNumber!));
  const due = digestDueTimes(schedule.timeline).filter((d) => opened.has(d.sessionNumber));
  if (due.length === 0) throw new NotFoundError("No check-in has opened yet: the digest appears when the first check-in opens.");
  const chosen = sessionNumber === undefined ? due[due.length - 1]! : due.find((d) => d.sessionNumber === sessionNumber);
  if (!chosen) throw new NotFoundError("That session has no digest (yet).");

  const [records, members, alerts, questions, publishedAll] = await Promise.all([
    ctx.repos.loop.listCohortRecords(cohort.tenantId, cohort.id),
    ctx.repos.memberships.listByCohort(cohort.tenantId, cohort.id),
    ctx.repos.alerts.listByCohort(cohort.tenantId, cohort.id),
    ctx.repos.questions.listByCohort(cohort.tenantId, cohort.id),
    ctx.repos.digests.listByCohort(cohort.tenantId, cohort.id),
  ]);
  const briefAt = schedule.timeline.find((e) => e.kind === "learn" && e.sessionNumber === chosen.sessionNumber)?.dueAt ?? "";
  const figures = digestFigures({
    checkIns: records.checkIns.filter((c) => c.sessionNumber === chosen.sessionNumber),
    members: members.length,
    // The week's wins: shared since this session's brief, before the next one.
    wins: records.wins.filter((w) => w.createdAt >= briefAt && w.createdAt < chosen.nextSessionAt),
    memberNames: new Map(members.map((m) => [m.userId, m.displayName])),
  });
  const publishedSessions = new Set(publishedAll.map((d) => d.sessionNumber));
  const published = publishedSessions.has(chosen.sessionNumber) ? await ctx.repos.digests.get(cohort.tenantId, cohort.id, chosen.sessionNumber) : undefined;
  return {
    cohort,
    sessionNumber: chosen.sessionNumber,
    nextSessionNumber: chosen.sessionNumber + 1,
    closesOn: chosen.closesOn,
    nextSessionAt: chosen.nextSessionAt,
    nextSessionOn: chosen.nextSessionOn,
    figures,
    openHelpRequests: alerts.filter((a) => a.reason === "asked-for-help" && !a.resolvedAt).length,
    openQuestions: questions.filter((q) => q.status !== "answered").length,
    ...(published ? { published } : {}),
    sessions: [...due].reverse().map((d) => ({ sessionNumber: d.sessionNumber, checkInClosesOn: d.closesOn, published: publishedSessions.has(d.sessionNumber) })),
  };
}

/** The chosen ids, resolved against what is on offer now; anything else is refused on the field. */
function chooseFeatured(figures: DigestFigures, ids: string[]): FeaturedItem[] {
  const unique = [...new Set(ids)];
  if (unique.length > 3) throw new ValidationError("Feature at most three quotes or wins.", [{ field: "featured", message: "Choose at most three." }]);
  if (figures.withheld && unique.length) {
    const message = "Fewer than 5 people checked in, so nothing can be featured: the brief carries only your note.";
    throw new ValidationError(message, [{ field: "featured", message }]);
  }
  return unique.map((id) => {
    const quote = figures.quotes.find((q) => q.id === id);
    if (quote) return { id, kind: "quote" as const, text: quote.text, ...(quote.named && quote.authorName ? { attribution: quote.authorName } : {}), authorId: quote.authorId };
    const win = figures.wins.find((w) => winFeatureId(w.id) === id);
    if (win) return { id, kind: "win" as const, text: win.text, attribution: win.displayName, authorId: win.userId };
    const message = "One of the chosen quotes or wins is no longer available (its author may have deleted it). Reload and choose again.";
    throw new ValidationError(message, [{ field: "featured", message }]);
  });
}

export function toResponse(state: DigestState): SessionDigestResponse {
  const { figures, published } = state;
  return {
    cohortId: state.cohort.id,
    sessionNumber: state.sessionNumber,
    nextSessionNumber: state.nextSessionNumber,
    checkInClosesOn: state.closesOn,
    nextSessionOn: state.nextSessionOn,
    members: figures.members,
    responses: figures.responses,
    quotesWithheld: figures.withheld,
    blockers: figures.blockers.map(({ blocker, label, count }) => ({ blocker, label, count })),
    quotes: figures.quotes.map(({ id, kind, question, text, named }) => ({ id, kind, ...(question ? { question } : {}), text, named })),
    wins: figures.wins.map((w) => ({ id: winFeatureId(w.id), displayName: w.displayName, text: w.text, ...(w.minutesSaved !== undefined ? { minutesSaved: w.minutesSaved } : {}) })),
    openHelpRequests: state.openHelpRequests,
    openQuestions: state.openQuestions,
    ...(figures.summaryLine ? { summaryLine: figures.summaryLine } : {}),
    ...(published ? { published: { note: published.note, featured: published.featured.map((f) => f.id), publishedByName: published.publishedByName, publishedAt: published.publishedAt }, etag: published.etag } : {}),
    sessions: state.sessions,
  };
}
