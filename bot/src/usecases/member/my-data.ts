/**
 * "my data": a member sees what the programme holds about them in a cohort, and can delete their
 * own reflections. Anonymous questions are not linked to anyone, so they are neither shown nor
 * deleted. Deleting also removes their words wherever the programme quoted them: the facilitator
 * alerts raised from their check-ins keep only who asked and why (so a facilitator can still
 * reach them), never what they wrote. Their measured Copilot activity dates (when the tenant
 * measures usage) are shown to them alone and deleted with the rest.
 */
import type { AppContext } from "../../app-context";
import { ACTIVE_WINDOW_DAYS, utcDay } from "../../domain/measured-usage";
import type { MemberRecords } from "../../domain/ports";
import type { Actor } from "../../domain/types";
import { loadMemberContext, type MemberContext } from "./member-context";

export async function myData(ctx: AppContext, actor: Actor, cohortId?: string): Promise<{ member: MemberContext; records: MemberRecords; helpRequests: number }> {
  const member = await loadMemberContext(ctx, actor, cohortId);
  const [records, alerts] = await Promise.all([
    ctx.repos.loop.listMemberRecords(actor.tenantId, member.cohort.id, actor.userId),
    ctx.repos.alerts.listByMember(actor.tenantId, member.cohort.id, actor.userId),
  ]);
  return { member, records, helpRequests: alerts.filter((a) => !a.memberTextDeletedAt).length };
}

export async function deleteMyData(ctx: AppContext, actor: Actor, cohortId: string): Promise<{ member: MemberContext; deleted: number; redactedAlerts: number }> {
  const member = await loadMemberContext(ctx, actor, cohortId);
  const deleted = await ctx.repos.loop.deleteMemberRecords(actor.tenantId, member.cohort.id, actor.userId);
  const redactedAlerts = await ctx.repos.alerts.redactMemberText(actor.tenantId, member.cohort.id, actor.userId, ctx.clock.now().toISOString());
  // Their words featured in a "From your cohort" go too: a brief sent later no longer carries them.
  const unfeatured = await ctx.repos.digests.removeAuthor(actor.tenantId, member.cohort.id, actor.userId);
  // Their measured Copilot activity dates are theirs too (kept per person, not per cohort).
  const usageDates = (await ctx.repos.measuredUsage.deleteMemberActivity(actor.tenantId, actor.userId)) ? 1 : 0;
  ctx.logger.info({ tenantId: actor.tenantId, cohortId: member.cohort.id, userId: actor.userId, deleted, redactedAlerts, unfeatured, usageDates }, "member deleted their reflections");
  return { member, deleted: deleted + redactedAlerts + unfeatured + usageDates, redactedAlerts };
}

/** The caller's own measured Copilot usage, as "My data" shows it to them and to no one else. */
export interface MyMeasuredUsage {
  /** The latest Copilot activity date Microsoft reported for them (YYYY-MM-DD). */
  lastActiveOn: string;
  /** Distinct days with Copilot activity among the `windowDays` days up to `through`. */
  activeDays: number;
  windowDays: number;
  /** The last day those days count up to: the report's data date (it can lag by up to 72 hours), or today. */
  through: string;
}

/**
 * The caller's own stored Copilot activity dates, summarised, when measured usage is on in their
 * tenant and Microsoft's report has shown them active; undefined otherwise. Reads only the caller's
 * document: one person's dates are never part of any other answer.
 */
export async function myMeasuredUsage(ctx: AppContext, actor: Actor): Promise<MyMeasuredUsage | undefined> {
  const settings = await ctx.repos.measuredUsage.getSettings(actor.tenantId);
  if (!settings?.enabled) return undefined;
  const dates = (await ctx.repos.measuredUsage.listActivity(actor.tenantId, [actor.userId])).get(actor.userId) ?? [];
  if (dates.length === 0) return undefined;
  const through = settings.reportRefreshDate ?? utcDay(ctx.clock.now());
  const from = utcDay(new Date(Date.parse(`${through}T00:00:00.000Z`) - (ACTIVE_WINDOW_DAYS - 1) * 86_400_000));
  const sorted = [...dates].sort();
  return { lastActiveOn: sorted[sorted.length - 1]!, activeDays: sorted.filter((d) => d >= from && d <= through).length, windowDays: ACTIVE_WINDOW_DAYS, through };
}
