/**
 * "I'll reach out": a facilitator of the cohort takes an alert. The first one to take it keeps it
 * (two clicks at once: the loser sees the winner's name); every card then shows who did.
 */
import type { AppContext } from "../../app-context";
import { ConcurrencyError, ForbiddenError, NotFoundError } from "../../domain/errors";
import type { Versioned } from "../../domain/ports";
import type { Actor, Cohort, FacilitatorAlert } from "../../domain/types";

export async function acknowledgeAlert(ctx: AppContext, actor: Actor, input: { cohortId: string; alertId: string }): Promise<{ cohort: Cohort; alert: FacilitatorAlert; takenByName: string }> {
  const cohort = await ctx.repos.cohorts.get(actor.tenantId, input.cohortId);
  if (!cohort) throw new NotFoundError();
  if (!cohort.facilitatorIds.includes(actor.userId) && !actor.isAdmin) throw new ForbiddenError("Only this cohort's facilitators can take an alert.");
  const found = await ctx.repos.alerts.get(actor.tenantId, cohort.id, input.alertId);
  if (!found) throw new NotFoundError();
  const alert = found.acknowledgedBy ? found : await take(ctx, actor, found);
  const takenByName = alert.acknowledgedBy === actor.userId ? actor.displayName : (await ctx.repos.people.get(actor.tenantId, alert.acknowledgedBy!))?.displayName;
  return { cohort, alert, takenByName: takenByName || "A facilitator" };
}

async function take(ctx: AppContext, actor: Actor, { etag, ...alert }: Versioned<FacilitatorAlert>): Promise<FacilitatorAlert> {
  try {
    return await ctx.repos.alerts.update({ ...alert, acknowledgedBy: actor.userId, acknowledgedAt: ctx.clock.now().toISOString() }, etag);
  } catch (err) {
    const latest = err instanceof ConcurrencyError ? await ctx.repos.alerts.get(alert.tenantId, alert.cohortId, alert.id) : undefined;
    if (!latest?.acknowledgedBy) throw err;
    return latest;
  }
}
