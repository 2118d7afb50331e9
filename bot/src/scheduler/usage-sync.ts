/**
 * The daily Copilot usage read, once per tenant per day across every instance. Each tick lists
 * the tenants that turned measured usage on; for each whose read is due (domain/measured-usage.ts
 * `isReadDue`: not yet read today, not waiting after a failure), one instance takes the
 * `usage-sync:<tenant>` lease, checks again that the read is still due (another instance may just
 * have finished it), reads, records the day, and lets the lease go. A crashed reader's lease
 * expires after `leaseMs` and the next tick tries again.
 */
import type { AppContext } from "../app-context";
import { isReadDue } from "../domain/measured-usage";
import type { CopilotUsagePort } from "../domain/ports";
import { syncCopilotUsage, type UsageSyncOutcome } from "../usecases/usage/sync-copilot-usage";

export const usageSyncLeaseOf = (tenantId: string) => `usage-sync:${tenantId}`;

export interface UsageSyncReport {
  tenants: number;
  read: number;
  outcomes: Array<{ tenantId: string; outcome: UsageSyncOutcome["kind"] }>;
}

export interface UsageSync {
  /** Reads every tenant whose read is due; never rejects. One pass at a time per instance. */
  runDue(): Promise<UsageSyncReport>;
}

export function createUsageSync(ctx: AppContext, graph: CopilotUsagePort, instanceId: string, options: { leaseMs?: number } = {}): UsageSync {
  const leaseMs = options.leaseMs ?? 10 * 60_000;
  let running: Promise<UsageSyncReport> | undefined;

  async function syncTenant(tenantId: string): Promise<UsageSyncOutcome["kind"]> {
    if (!isReadDue(await ctx.repos.measuredUsage.getSettings(tenantId), ctx.clock.now())) return "skipped";
    const lease = usageSyncLeaseOf(tenantId);
    const now = ctx.clock.now();
    if (!(await ctx.repos.leases.tryAcquire(lease, instanceId, now.toISOString(), new Date(now.getTime() + leaseMs).toISOString()))) return "skipped";
    try {
      // Checked again under the lease: syncCopilotUsage reads the settings afresh and skips a read done meanwhile.
      return (await syncCopilotUsage(ctx, graph, tenantId)).kind;
    } finally {
      await ctx.repos.leases.release(lease, instanceId).catch(() => undefined);
    }
  }

  async function pass(): Promise<UsageSyncReport> {
    const report: UsageSyncReport = { tenants: 0, read: 0, outcomes: [] };
    let tenants: string[];
    try {
      tenants = await ctx.repos.measuredUsage.listEnabledTenants();
    } catch (err) {
      ctx.logger.error({ err: err instanceof Error ? err.message : String(err) }, "usage sync could not list tenants");
      return report;
    }
    for (const tenantId of tenants) {
      report.tenants++;
      try {
        const outcome = await syncTenant(tenantId);
        if (outcome !== "skipped") report.read++;
        report.outcomes.push({ tenantId, outcome });
      } catch (err) {
        // One tenant's trouble must not stop the others' reads.
        ctx.logger.error({ tenantId, err: err instanceof Error ? err.message : String(err) }, "usage sync failed for tenant");
      }
    }
    return report;
  }

  return {
    runDue() {
      running ??= pass().finally(() => {
        running = undefined;
      });
      return running;
    },
  };
}
