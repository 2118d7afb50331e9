/** A cohort's timeline and progress, as the tab's Programme view shows them. */
import type { AppContext } from "../../app-context";
import type { DeliveryStatusResponse, ProgressResponse, TimelineEventDto, TimelineResponse } from "../../contract/api-contract";
import { computeCohortProgress, responsesForEvent } from "../../domain/metrics";
import { NotFoundError } from "../../domain/errors";
import { buildTimeline, localDateOf } from "../../domain/timeline";
import { resolveTrack } from "../../domain/tracks";
import type { Actor, Cohort, Track } from "../../domain/types";
import { eventTitle } from "../member/event-cards";
import { resolveCohortAccess, requireStaff, type CohortRole } from "../access";

async function trackOf(ctx: AppContext, cohort: Cohort): Promise<Track> {
  const track = resolveTrack(cohort.trackId, await ctx.repos.tracks.list(cohort.tenantId));
  if (!track) throw new NotFoundError("This cohort's track no longer exists.");
  return track;
}

export async function cohortTimeline(ctx: AppContext, actor: Actor, cohortId: string): Promise<TimelineResponse> {
  const { cohort } = await resolveCohortAccess(ctx, actor, cohortId);
  const track = await trackOf(ctx, cohort);
  const [memberships, records, counts] = await Promise.all([
    ctx.repos.memberships.listByCohort(cohort.tenantId, cohort.id),
    ctx.repos.loop.listCohortRecords(cohort.tenantId, cohort.id),
    ctx.repos.deliveries.countsByEvent(cohort.tenantId, cohort.id),
  ]);
  const today = localDateOf(ctx.clock.now(), cohort.timeZone);
  const events: TimelineEventDto[] = buildTimeline(cohort, track).map((event) => {
    const count = counts.find((c) => c.eventKey === event.key || (event.kind === "policy" && c.eventKey.startsWith("policy.v")));
    return {
      key: event.key,
      kind: event.kind,
      week: event.week,
      ...(event.sessionNumber ? { sessionNumber: event.sessionNumber } : {}),
      title: eventTitle(track, event),
      localDate: event.localDate,
      localTime: event.localTime,
      dueAt: event.dueAt,
      state: event.localDate < today ? "past" : event.localDate === today ? "today" : "upcoming",
      delivery: { pending: (count?.pending ?? 0) + (count?.claimed ?? 0), sent: count?.sent ?? 0, failed: count?.failed ?? 0 },
      responses: responsesForEvent(event, records, memberships.length),
    };
  });
  return { cohortId: cohort.id, timeZone: cohort.timeZone, today, events };
}

export async function cohortProgress(ctx: AppContext, actor: Actor, cohortId: string): Promise<ProgressResponse> {
  const { cohort, role } = await resolveCohortAccess(ctx, actor, cohortId);
  return progressOf(ctx, actor, cohort, role);
}

export async function progressOf(ctx: AppContext, actor: Actor, cohort: Cohort, role: CohortRole): Promise<ProgressResponse> {
  const track = await trackOf(ctx, cohort);
  const [memberships, records, policy] = await Promise.all([
    ctx.repos.memberships.listByCohort(cohort.tenantId, cohort.id),
    ctx.repos.loop.listCohortRecords(cohort.tenantId, cohort.id),
    ctx.repos.policies.current(cohort.tenantId),
  ]);
  const acknowledged = new Set(policy ? (await ctx.repos.policies.listAcknowledgements(cohort.tenantId, policy.version)).map((a) => a.userId) : []);
  const progress = computeCohortProgress({ timeline: buildTimeline(cohort, track), memberships, records, acknowledgedUserIds: acknowledged, now: ctx.clock.now() });
  // Names are for the cohort's facilitators and admins; a member sees only their own row.
  const members = role === "member" ? progress.members.filter((m) => m.userId === actor.userId) : progress.members;
  return { ...progress, members, cohortId: cohort.id };
}

export async function deliveryStatus(ctx: AppContext, actor: Actor, cohortId: string): Promise<DeliveryStatusResponse> {
  const { cohort, role } = await resolveCohortAccess(ctx, actor, cohortId);
  requireStaff(role);
  const counts = await ctx.repos.deliveries.countsByEvent(cohort.tenantId, cohort.id);
  return { cohortId: cohort.id, events: counts.map(({ eventKey, pending, claimed, sent, failed }) => ({ eventKey, pending, claimed, sent, failed })) };
}
