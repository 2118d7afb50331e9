/**
 * The alerts a cohort's facilitators still have to act on, for the tab's "who needs help": those
 * not resolved yet (taken or not, and by whom), saying whether Teams reached any facilitator.
 */
import type { AppContext } from "../../app-context";
import type { OpenAlertDto } from "../../contract/api-contract";
import type { Cohort } from "../../domain/types";

/** The most alerts shown at once, newest first: the list stays readable, and its read bounded. */
export const OPEN_ALERTS_SHOWN = 100;

export async function openAlerts(ctx: AppContext, cohort: Cohort): Promise<OpenAlertDto[]> {
  const alerts = (await ctx.repos.figures.openAlerts(cohort.tenantId, cohort.id, OPEN_ALERTS_SHOWN)).filter((a) => !a.resolvedAt);
  const takers = await ctx.repos.people.getMany(cohort.tenantId, [...new Set(alerts.flatMap((a) => (a.acknowledgedBy ? [a.acknowledgedBy] : [])))]);
  const nameOf = new Map(takers.map((p) => [p.userId, p.displayName || "A facilitator"]));
  return alerts
    .map((a) => ({
      id: a.id,
      userId: a.userId,
      displayName: a.displayName,
      reason: a.reason,
      sessionNumber: a.sessionNumber,
      raisedAt: a.raisedAt,
      context: a.memberTextDeletedAt ? "" : a.context,
      ...(a.reach?.unreachedSince && !a.reach.reachedFacilitators ? { unreachedSince: a.reach.unreachedSince } : {}),
      chatWith: a.userId,
      ...(a.acknowledgedBy ? { takenByName: nameOf.get(a.acknowledgedBy) ?? "A facilitator" } : {}),
    }));
}
