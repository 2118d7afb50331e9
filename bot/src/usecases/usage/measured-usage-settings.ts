/**
 * The tenant's measured-usage switch (admins only, access-policy "measured-usage.manage"). Off by
 * default. Turning it on asks the scheduler for a read at its next tick; turning it off deletes
 * every stored activity date of the tenant at once.
 */
import type { AppContext } from "../../app-context";
import type { MeasuredUsageInput, MeasuredUsageResponse } from "../../contract/api-contract";
import { ValidationError } from "../../domain/errors";
import { utcDay } from "../../domain/measured-usage";
import type { Actor, MeasuredUsageSettings } from "../../domain/types";
import { authorize } from "../access";

const OLD_DATA_DAYS = 3;

export async function getMeasuredUsage(ctx: AppContext, actor: Actor): Promise<MeasuredUsageResponse> {
  await authorize(ctx, actor, "measured-usage.manage");
  return toResponse(ctx, await ctx.repos.measuredUsage.getSettings(actor.tenantId));
}

export async function setMeasuredUsage(ctx: AppContext, actor: Actor, input: MeasuredUsageInput): Promise<MeasuredUsageResponse> {
  await authorize(ctx, actor, "measured-usage.manage");
  if (input.enabled && !ctx.config.graph.measuredUsageEnabled) {
    throw new ValidationError("This installation of Cohort Coach does not read Microsoft Graph, so measured usage cannot be turned on. Ask whoever runs it to set MEASURED_USAGE_ENABLED.", [
      { field: "enabled", message: "Measured usage is not available in this installation." },
    ]);
  }
  const current = await ctx.repos.measuredUsage.getSettings(actor.tenantId);
  const now = ctx.clock.now().toISOString();
  let next: MeasuredUsageSettings;
  if (input.enabled) {
    // Already on: leave its state and schedule as they are (a double click changes nothing).
    next = current?.enabled ? current : { tenantId: actor.tenantId, enabled: true, state: "on-waiting-for-first-read", changedAt: now, changedBy: actor.userId };
  } else {
    next = { tenantId: actor.tenantId, enabled: false, state: "off", changedAt: now, changedBy: actor.userId };
    await ctx.repos.measuredUsage.deleteActivity(actor.tenantId);
  }
  if (next !== current) await ctx.repos.measuredUsage.saveSettings(next);
  return toResponse(ctx, next);
}

function toResponse(ctx: AppContext, settings: MeasuredUsageSettings | undefined): MeasuredUsageResponse {
  const available = ctx.config.graph.measuredUsageEnabled;
  if (!settings?.enabled) return { available, enabled: false, state: "off" };
  const oldBefore = utcDay(new Date(ctx.clock.now().getTime() - OLD_DATA_DAYS * 86_400_000));
  return {
    available,
    enabled: true,
    state: settings.state,
    ...(settings.lastReadAt ? { lastReadAt: settings.lastReadAt } : {}),
    ...(settings.lastAttemptAt ? { lastAttemptAt: settings.lastAttemptAt } : {}),
    ...(settings.reportRefreshDate ? { reportRefreshDate: settings.reportRefreshDate, dataIsOld: settings.reportRefreshDate < oldBefore } : {}),
  };
}
