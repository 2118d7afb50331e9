/**
 * A leader's note opens session 1 of every team cohort that follows their leadership cohort: one
 * note per leadership cohort, stored in its partition, which any of its leaders may write. Each
 * team cohort's staff see it before session 1's brief goes out and may hold it back for their team
 * (by default it goes). The brief is built when it is sent, so what it carries is the note as it
 * stands then. A rewritten note keeps the hold-backs: a team held back stays held back.
 */
import type { AppContext } from "../../app-context";
import type { LeaderNoteQuote } from "../../cards/session-brief.card";
import type { HoldLeaderNoteRequest, LeaderNoteResponse, LeaderNoteReviewResponse, SaveLeaderNoteRequest } from "../../contract/api-contract";
import { ConcurrencyError, ValidationError } from "../../domain/errors";
import type { LeaderNote, Versioned } from "../../domain/ports";
import type { Actor, Cohort } from "../../domain/types";
import { authorizeCohort } from "../access";
import { cohortSchedule } from "../member/member-context";
import { followingTeams } from "../member/share-experiment";


const notLeadership = () =>
  new ValidationError("A note to your teams is written in a leadership cohort.", [{ field: "cohortId", message: "is not a leadership cohort" }]);

export async function leaderNote(ctx: AppContext, actor: Actor, cohortId: string): Promise<LeaderNoteResponse> {
  const { cohort } = await authorizeCohort(ctx, actor, "leader-note.write", cohortId);
  if (cohort.kind !== "leadership") throw notLeadership();
  return toResponse(cohort, await ctx.repos.leaderNotes.get(cohort.tenantId, cohort.id), await followingTeams(ctx, cohort));
}

export async function saveLeaderNote(ctx: AppContext, actor: Actor, cohortId: string, input: SaveLeaderNoteRequest): Promise<LeaderNoteResponse> {
  const { cohort } = await authorizeCohort(ctx, actor, "leader-note.write", cohortId);
  if (cohort.kind !== "leadership") throw notLeadership();
  const [current, membership] = await Promise.all([ctx.repos.leaderNotes.get(cohort.tenantId, cohort.id), ctx.repos.memberships.get(cohort.tenantId, cohort.id, actor.userId)]);
  if (current && input.etag !== current.etag) throw changed();
  const note: LeaderNote = {
    tenantId: cohort.tenantId,
    cohortId: cohort.id,
    text: input.text,
    authorId: actor.userId,
    authorName: membership?.displayName || actor.displayName,
    updatedAt: ctx.clock.now().toISOString(),
    heldBack: current?.heldBack ?? [],
  };
  const saved = await ctx.repos.leaderNotes.save(note, current?.etag);
  ctx.logger.info({ tenantId: cohort.tenantId, cohortId: cohort.id }, "leader note saved");
  return toResponse(cohort, saved, await followingTeams(ctx, cohort));
}

export async function leaderNoteReview(ctx: AppContext, actor: Actor, cohortId: string): Promise<LeaderNoteReviewResponse> {
  const { cohort } = await authorizeCohort(ctx, actor, "leader-note.review", cohortId);
  const sessionOneSent = await sessionOneIsDue(ctx, cohort);
  const leadership = await leadershipOf(ctx, cohort);
  if (!leadership) return { cohortId: cohort.id, sessionOneSent };
  const note = await ctx.repos.leaderNotes.get(cohort.tenantId, leadership.id);
  return {
    cohortId: cohort.id,
    leadershipCohortName: leadership.name,
    sessionOneSent,
    ...(note ? { note: { text: note.text, authorName: note.authorName, updatedAt: note.updatedAt, etag: note.etag, heldBack: note.heldBack.includes(cohort.id) } } : {}),
  };
}

export async function holdLeaderNote(ctx: AppContext, actor: Actor, cohortId: string, input: HoldLeaderNoteRequest): Promise<LeaderNoteReviewResponse> {
  const { cohort } = await authorizeCohort(ctx, actor, "leader-note.review", cohortId);
  const leadership = await leadershipOf(ctx, cohort);
  const current = leadership && (await ctx.repos.leaderNotes.get(cohort.tenantId, leadership.id));
  if (!current) throw new ValidationError("This cohort's leaders have not written a note yet, so there is nothing to hold back.", [{ field: "heldBack", message: "there is no note yet" }]);
  if (input.etag !== current.etag) throw changed();
  const others = current.heldBack.filter((id) => id !== cohort.id);
  const { etag, ...record } = current;
  await ctx.repos.leaderNotes.save({ ...record, heldBack: input.heldBack ? [...others, cohort.id] : others }, etag);
  ctx.logger.info({ tenantId: cohort.tenantId, cohortId: cohort.id, heldBack: input.heldBack }, "leader note reviewed");
  return leaderNoteReview(ctx, actor, cohortId);
}

/** The note that opens a team cohort's session 1 brief, unless its staff held it back. */
export async function leaderNoteForBrief(ctx: AppContext, cohort: Cohort, nextSessionNumber: number): Promise<LeaderNoteQuote | undefined> {
  if (nextSessionNumber !== 1 || cohort.kind !== "team" || !cohort.leadershipCohortId) return undefined;
  const note = await ctx.repos.leaderNotes.get(cohort.tenantId, cohort.leadershipCohortId);
  if (!note || note.heldBack.includes(cohort.id)) return undefined;
  return { leaderName: note.authorName, text: note.text };
}

async function leadershipOf(ctx: AppContext, cohort: Cohort): Promise<Cohort | undefined> {
  if (cohort.kind !== "team" || !cohort.leadershipCohortId) return undefined;
  const leadership = await ctx.repos.cohorts.get(cohort.tenantId, cohort.leadershipCohortId);
  return leadership?.kind === "leadership" ? leadership : undefined;
}

async function sessionOneIsDue(ctx: AppContext, cohort: Cohort): Promise<boolean> {
  const brief = (await cohortSchedule(ctx, cohort))?.timeline.find((e) => e.kind === "learn" && e.sessionNumber === 1);
  return !!brief && new Date(brief.dueAt) <= ctx.clock.now();
}

/** A leader rewrote it, or a facilitator held it back or let it go, since it was read. */
const changed = () => new ConcurrencyError("The note changed a moment ago (another leader, or a team's facilitator). Reload to see it; what you typed is kept.");

function toResponse(cohort: Cohort, note: Versioned<LeaderNote> | undefined, teams: Cohort[]): LeaderNoteResponse {
  return {
    cohortId: cohort.id,
    ...(note ? { note: { text: note.text, authorName: note.authorName, updatedAt: note.updatedAt, etag: note.etag } } : {}),
    teams: teams.map((t) => ({ cohortId: t.id, name: t.name, heldBack: !!note?.heldBack.includes(t.id) })),
  };
}
