/**
 * The daily read of one tenant's Microsoft 365 Copilot usage (the scheduler runs it under a lease,
 * scheduler/usage-sync.ts). Reads the report, resolves the cohort members' UPNs through Graph,
 * joins the two in memory and stores, per member, only the last-activity date the report showed.
 * UPNs and names live only for the length of this call; nothing of them is logged or stored.
 * Concealed names (hashes instead of UPNs) join nothing and say so in the tenant's state.
 */
import type { AppContext } from "../../app-context";
import { isReadDue, keepFromOn, looksConcealed, RETRY_FAILED_READ_HOURS, utcDay } from "../../domain/measured-usage";
import type { CopilotUsagePort, GraphFailure } from "../../domain/ports";
import type { MeasuredUsageSettings, TenantId, UserId } from "../../domain/types";

export type UsageSyncOutcome =
  | { kind: "skipped" }
  | { kind: "joined"; rows: number; members: number; joined: number }
  | { kind: "concealed"; rows: number }
  | { kind: "failed"; failure: GraphFailure };

/** Members of the tenant's cohorts that are not archived: whose activity a report can still show. */
async function memberIdsOf(ctx: AppContext, tenantId: TenantId): Promise<UserId[]> {
  const cohorts = (await ctx.repos.cohorts.list(tenantId)).filter((c) => c.status !== "archived");
  const ids = new Set<UserId>();
  for (const cohort of cohorts) for (const m of await ctx.repos.memberships.listByCohort(tenantId, cohort.id)) ids.add(m.userId);
  return [...ids].sort();
}

export async function syncCopilotUsage(ctx: AppContext, graph: CopilotUsagePort, tenantId: TenantId): Promise<UsageSyncOutcome> {
  const settings = await ctx.repos.measuredUsage.getSettings(tenantId);
  const now = ctx.clock.now();
  if (!settings || !isReadDue(settings, now)) return { kind: "skipped" };
  const attempted: MeasuredUsageSettings = { ...settings, lastAttemptAt: now.toISOString() };

  const failed = async (failure: GraphFailure): Promise<UsageSyncOutcome> => {
    await ctx.repos.measuredUsage.saveSettings({
      ...attempted,
      state: failure.kind === "not-consented" ? "not-consented" : attempted.state,
      retryAfter: new Date(now.getTime() + RETRY_FAILED_READ_HOURS * 3_600_000).toISOString(),
    });
    ctx.logger.warn({ tenantId, failure: failure.kind, status: failure.status, code: failure.code }, "copilot usage read failed");
    return { kind: "failed", failure };
  };

  const report = await graph.copilotUsageUserDetail(tenantId);
  if (!report.ok) return failed(report.failure);
  const rows = report.value;
  const refreshDate = rows.reduce<string | undefined>((latest, r) => (!latest || r.reportRefreshDate > latest ? r.reportRefreshDate : latest), undefined);
  const read: MeasuredUsageSettings = {
    ...attempted,
    lastReadDay: utcDay(now),
    lastReadAt: now.toISOString(),
    ...(refreshDate ? { reportRefreshDate: refreshDate } : {}),
  };
  delete read.retryAfter;

  if (looksConcealed(rows.map((r) => r.userPrincipalName))) {
    await ctx.repos.measuredUsage.saveSettings({ ...read, state: "concealed" });
    ctx.logger.info({ tenantId, rows: rows.length }, "copilot usage report has concealed names: nothing joined");
    return { kind: "concealed", rows: rows.length };
  }

  const memberIds = await memberIdsOf(ctx, tenantId);
  const upns = await graph.userPrincipalNames(tenantId, memberIds);
  if (!upns.ok) return failed(upns.failure);
  const memberOfUpn = new Map([...upns.value].map(([userId, upn]) => [upn.toLowerCase(), userId]));
  const observed = new Map<UserId, string[]>();
  for (const row of rows) {
    const userId = memberOfUpn.get(row.userPrincipalName.toLowerCase());
    if (userId && row.lastActivityDate) observed.set(userId, [...(observed.get(userId) ?? []), row.lastActivityDate]);
  }
  await ctx.repos.measuredUsage.recordActivity(tenantId, observed, keepFromOn(now));
  await ctx.repos.measuredUsage.saveSettings({
    ...read,
    state: "on",
    // The stored dates speak for days from the first successful read on (domain/measured-usage.ts).
    ...(settings.observedSince || refreshDate ? { observedSince: settings.observedSince ?? refreshDate } : {}),
  });
  ctx.logger.info({ tenantId, rows: rows.length, members: memberIds.length, joined: observed.size }, "copilot usage read");
  return { kind: "joined", rows: rows.length, members: memberIds.length, joined: observed.size };
}
