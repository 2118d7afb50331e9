/** A cohort's timeline and progress, as the tab's Programme view shows them. */
import type { AppContext } from "../../app-context";
import type { ProgressResponse, TimelineEventDto, TimelineResponse } from "../../contract/api-contract";
import { computeCohortProgress, responsesForEvent } from "../../domain/metrics";
import { NotFoundError } from "../../domain/errors";
import { pausedUntil } from "../../domain/member-pause";
import { buildTimeline, localDateOf } from "../../domain/timeline";
import { resolveTrack } from "../../domain/tracks";
import type { Actor, Cohort, Track } from "../../domain/types";
import { eventTitle } from "../member/event-cards";
import { authorizeCohort, type CohortRole } from "../access";
import { openAlerts } from "./open-alerts";

async function trackOf(ctx: AppContext, cohort: Cohort): Promise<Track> {
  const track = resolveTrack(cohort.trackId, await ctx.repos.tracks.list(cohort.tenantId));
  if (!track) throw new NotFoundError("This cohort's track no longer exists.");
  return track;
}

export async function cohortTimeline(ctx: AppContext, actor: Actor, cohortId: string): Promise<TimelineResponse> {
  const { cohort } = await authorizeCohort(ctx, actor, "cohort.read", cohortId);
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
  const { cohort, role } = await authorizeCohort(ctx, actor, "cohort.read", cohortId);
  return progressOf(ctx, actor, cohort, role);
}

export async function progressOf(ctx: AppContext, actor: Actor, cohort: Cohort, role: CohortRole): Promise<ProgressResponse> {
  const track = await trackOf(ctx, cohort);
  const [memberships, records, policy, alerts] = await Promise.all([
    ctx.repos.memberships.listByCohort(cohort.tenantId, cohort.id),
    ctx.repos.loop.listCohortRecords(cohort.tenantId, cohort.id),
    ctx.repos.policies.current(cohort.tenantId),
    ctx.repos.alerts.listByCohort(cohort.tenantId, cohort.id),
  ]);
  const acknowledged = new Set(policy ? (await ctx.repos.policies.listAcknowledgements(cohort.tenantId, policy.version)).map((a) => a.userId) : []);
  const resolutions = alerts.filter((a) => a.resolvedAt);
  const progress = computeCohortProgress({ timeline: buildTimeline(cohort, track), memberships, records, acknowledgedUserIds: acknowledged, now: ctx.clock.now(), resolutions });
  // Names are for the cohort's facilitators and admins; a member sees only their own row.
  // A member's own pause shows as "paused until …", never why.
  const now = ctx.clock.now();
  const pauses = new Map(memberships.map((m) => [m.userId, pausedUntil(m.pauses, now, cohort.timeZone)]));
  const rows = progress.members.map((m) => (pauses.get(m.userId) ? { ...m, pausedUntil: pauses.get(m.userId)! } : m));
  const members = role === "member" ? rows.filter((m) => m.userId === actor.userId) : rows;
  return { ...progress, members, cohortId: cohort.id, ...(role === "member" ? {} : { alerts: await openAlerts(ctx, cohort) }) };
}
