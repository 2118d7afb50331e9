/**
 * Reading session briefs again: the `briefs` list, one brief opened from it, and a late joiner's
 * catch-up card. A brief is the member's once its session has begun (it was sent to them, or, for a
 * session from before they joined, listed on their catch-up card); later ones are not shown early.
 */
import type { AppContext } from "../../app-context";
import { buildBriefsCard, buildCatchUpCard, type BriefSummary } from "../../cards/briefs.card";
import { ValidationError } from "../../domain/errors";
import type { AdaptiveCardJson } from "../../domain/ports";
import { sessionsBeforeJoining } from "../../domain/timeline";
import type { Actor, TimelineEvent } from "../../domain/types";
import { briefCard, eventTitle } from "./event-cards";
import { loadMemberContext, type MemberContext } from "./member-context";

/** The session briefs that have gone out to the cohort by `now`, oldest first. */
export function briefsSentBy(member: MemberContext, now: Date): TimelineEvent[] {
  return member.cohortTimeline.filter((e) => e.kind === "learn" && new Date(e.dueAt).getTime() <= now.getTime());
}

function summaries(member: MemberContext, events: TimelineEvent[]): BriefSummary[] {
  return events.flatMap((e) => {
    const session = member.track.sessions.find((s) => s.number === e.sessionNumber);
    return session ? [{ sessionNumber: session.number, title: session.title, workflow: session.learn.workflow, summary: session.learn.summary, localDate: e.localDate }] : [];
  });
}

export async function myBriefsCard(ctx: AppContext, actor: Actor): Promise<AdaptiveCardJson> {
  const member = await loadMemberContext(ctx, actor);
  return buildBriefsCard({ cohortId: member.cohort.id, cohortName: member.cohort.name, briefs: summaries(member, briefsSentBy(member, ctx.clock.now())) });
}

/** One brief, in full: only for a session that has already begun. */
export async function showBrief(ctx: AppContext, actor: Actor, cohortId: string, sessionNumber: number): Promise<AdaptiveCardJson> {
  const member = await loadMemberContext(ctx, actor, cohortId);
  if (!briefsSentBy(member, ctx.clock.now()).some((e) => e.sessionNumber === sessionNumber)) {
    throw new ValidationError(`Session ${sessionNumber}'s brief has not been sent to you yet.`, [{ field: "sessionNumber", message: "has not started yet" }]);
  }
  return briefCard(ctx, member, sessionNumber);
}

/** A late joiner's catch-up card (undefined when they missed no brief). */
export function catchUpCard(member: MemberContext, now: Date): AdaptiveCardJson | undefined {
  const missed = sessionsBeforeJoining(member.cohortTimeline, member.lateJoinedAt);
  if (missed.length === 0) return undefined;
  const events = member.cohortTimeline.filter((e) => e.kind === "learn" && missed.includes(e.sessionNumber!));
  const next = member.timeline.find((e) => new Date(e.dueAt).getTime() > now.getTime() && e.kind !== "checkin-reminder" && e.kind !== "adoption-reminder" && e.kind !== "policy");
  return buildCatchUpCard({
    cohortId: member.cohort.id,
    cohortName: member.cohort.name,
    briefs: summaries(member, events),
    ...(next ? { nextUp: `${eventTitle(member.track, next)} on ${next.localDate} at ${next.localTime}` } : {}),
  });
}
