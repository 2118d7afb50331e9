/** "I'll reach out": a facilitator of the cohort takes an alert; the card then shows who did. */
import type { AppContext } from "../../app-context";
import { ForbiddenError, NotFoundError } from "../../domain/errors";
import type { Versioned } from "../../domain/ports";
import type { Actor, Cohort, FacilitatorAlert } from "../../domain/types";

export async function acknowledgeAlert(ctx: AppContext, actor: Actor, input: { cohortId: string; alertId: string }): Promise<{ cohort: Versioned<Cohort>; alert: FacilitatorAlert }> {
  const cohort = await ctx.repos.cohorts.get(actor.tenantId, input.cohortId);
  if (!cohort) throw new NotFoundError();
  if (!cohort.facilitatorIds.includes(actor.userId) && !actor.isAdmin) throw new ForbiddenError("Only this cohort's facilitators can take an alert.");
  const alert = await ctx.repos.alerts.get(actor.tenantId, cohort.id, input.alertId);
  if (!alert) throw new NotFoundError();
  if (alert.acknowledgedBy) return { cohort, alert };
  const { etag, ...record } = alert;
  const updated = await ctx.repos.alerts.update({ ...record, acknowledgedBy: actor.userId, acknowledgedAt: ctx.clock.now().toISOString() }, etag);
  return { cohort, alert: updated };
}
