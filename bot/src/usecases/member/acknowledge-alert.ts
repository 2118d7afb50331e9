/**
 * "I'll reach out": a facilitator of the cohort takes an alert. The first one to take it keeps it
 * (two clicks at once: the loser sees the winner's name); every card then shows who did.
 * "Resolved": having reached out, a facilitator closes the alert; the member is then no longer
 * shown as stuck (or asking for help) for that check-in. The alert itself stays, as the trail.
 */
import type { AppContext } from "../../app-context";
import { ConcurrencyError, NotFoundError } from "../../domain/errors";
import { authorizeCohort } from "../access";
import type { Versioned } from "../../domain/ports";
import type { Actor, Cohort, FacilitatorAlert } from "../../domain/types";

export async function acknowledgeAlert(ctx: AppContext, actor: Actor, input: { cohortId: string; alertId: string }): Promise<{ cohort: Cohort; alert: FacilitatorAlert; takenByName: string }> {
  const { cohort } = await authorizeCohort(ctx, actor, "alert.take", input.cohortId);
  const found = await ctx.repos.alerts.get(actor.tenantId, cohort.id, input.alertId);
  if (!found) throw new NotFoundError();
  const alert = found.acknowledgedBy ? found : await take(ctx, actor, found);
  const takenByName = alert.acknowledgedBy === actor.userId ? actor.displayName : (await ctx.repos.people.get(actor.tenantId, alert.acknowledgedBy!))?.displayName;
  return { cohort, alert, takenByName: takenByName || "A facilitator" };
}

/** Marks an alert resolved (and taken, if nobody had taken it yet). Resolving twice keeps the first. */
export async function resolveAlert(ctx: AppContext, actor: Actor, input: { cohortId: string; alertId: string }): Promise<{ cohort: Cohort; alert: FacilitatorAlert }> {
  const { cohort, found } = await alertOfCohort(ctx, actor, input);
  let current: Versioned<FacilitatorAlert> = found;
  for (let attempt = 0; !current.resolvedAt; attempt++) {
    const { etag, ...alert } = current;
    const at = ctx.clock.now().toISOString();
    try {
      return { cohort, alert: await ctx.repos.alerts.update({ ...alert, acknowledgedBy: alert.acknowledgedBy ?? actor.userId, acknowledgedAt: alert.acknowledgedAt ?? at, resolvedBy: actor.userId, resolvedAt: at }, etag) };
    } catch (err) {
      // Someone else changed it at the same moment (took it, or resolved it): read it again.
      if (!(err instanceof ConcurrencyError) || attempt >= 2) throw err;
      const latest = await ctx.repos.alerts.get(alert.tenantId, alert.cohortId, alert.id);
      if (!latest) throw new NotFoundError();
      current = latest;
    }
  }
  return { cohort, alert: current };
}

/** Resolving is for the same people as taking: the cohort's facilitators (and admins). */
async function alertOfCohort(ctx: AppContext, actor: Actor, input: { cohortId: string; alertId: string }): Promise<{ cohort: Cohort; found: Versioned<FacilitatorAlert> }> {
  const { cohort } = await authorizeCohort(ctx, actor, "alert.take", input.cohortId);
  const found = await ctx.repos.alerts.get(actor.tenantId, cohort.id, input.alertId);
  if (!found) throw new NotFoundError();
  return { cohort, found };
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
