/**
 * A member reflects on last week's deliverable. The check-in has a deterministic id, so sending
 * it again updates the one record. Asking for help, or being stuck twice, raises an alert for the
 * cohort's facilitators (once per member, reason and session).
 */
import type { AppContext } from "../../app-context";
import type { CheckInValues } from "../../cards/checkin.card";
import { alertReasonsAfterCheckIn } from "../../domain/alerts";
import { ids } from "../../domain/ids";
import type { Actor, CheckIn, Confidence, FacilitatorAlert } from "../../domain/types";
import { loadMemberContext, sessionOf, type MemberContext } from "./member-context";

export type CheckInInput = CheckInValues & { cohortId: string; sessionNumber: number };

export interface CheckInOutcome {
  member: MemberContext;
  checkIn: CheckIn;
  updated: boolean;
  newAlerts: FacilitatorAlert[];
}

export async function recordCheckIn(ctx: AppContext, actor: Actor, input: CheckInInput): Promise<CheckInOutcome> {
  const member = await loadMemberContext(ctx, actor, input.cohortId);
  sessionOf(member.track, input.sessionNumber);
  const now = ctx.clock.now().toISOString();
  const existing = await ctx.repos.loop.getCheckIn(actor.tenantId, member.cohort.id, input.sessionNumber, actor.userId);
  const checkIn: CheckIn = {
    ...input,
    confidence: input.confidence as Confidence,
    id: ids.checkInId(member.cohort.id, input.sessionNumber, actor.userId),
    tenantId: actor.tenantId,
    cohortId: member.cohort.id,
    userId: actor.userId,
    submittedAt: existing?.submittedAt ?? now,
    updatedAt: now,
  };
  await ctx.repos.loop.upsertCheckIn(checkIn);

  const otherSessions = member.track.sessions.map((s) => s.number).filter((n) => n !== input.sessionNumber);
  const earlier = (await Promise.all(otherSessions.map((n) => ctx.repos.loop.getCheckIn(actor.tenantId, member.cohort.id, n, actor.userId)))).filter((c): c is CheckIn => !!c);
  const newAlerts: FacilitatorAlert[] = [];
  for (const reason of alertReasonsAfterCheckIn(checkIn, earlier)) {
    const alert: FacilitatorAlert = {
      id: ids.alertId(member.cohort.id, actor.userId, reason, input.sessionNumber),
      tenantId: actor.tenantId,
      cohortId: member.cohort.id,
      userId: actor.userId,
      displayName: member.membership.displayName,
      reason,
      sessionNumber: input.sessionNumber,
      context: reason === "asked-for-help" ? `Stuck on: ${checkIn.stuck || "(not said)"} · Confidence ${checkIn.confidence}/5` : `Stuck on: ${checkIn.stuck}`,
      raisedAt: now,
    };
    if ((await ctx.repos.alerts.createIfAbsent(alert)) === "created") newAlerts.push(alert);
  }
  ctx.logger.info({ tenantId: actor.tenantId, cohortId: member.cohort.id, session: input.sessionNumber, updated: !!existing, alerts: newAlerts.length }, "check-in recorded");
  return { member, checkIn, updated: !!existing, newAlerts };
}
