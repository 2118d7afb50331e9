/**
 * Measured usage's Graph calls: the Microsoft 365 Copilot usage report (Reports.Read.All) and the
 * UPNs of cohort members (User.ReadBasic.All), both application permissions. Only the columns the
 * join needs are kept from the report; failures are classified, never thrown.
 */
import type { CopilotUsagePort, CopilotUsageRow, GraphFailure, GraphResult } from "../domain/ports";
import type { TenantId, UserId } from "../domain/types";
import { GraphError, type GraphClient } from "./graph-client";

export const COPILOT_USAGE_PATH = "/v1.0/copilot/reports/getMicrosoft365CopilotUsageUserDetail(period='D30')?$format=application/json";
/** Graph allows at most 15 values in an `in` filter on directory objects. */
export const IDS_PER_USER_FILTER = 15;

interface UsageRow {
  userPrincipalName?: unknown;
  lastActivityDate?: unknown;
  reportRefreshDate?: unknown;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const dateOrUndefined = (value: unknown) => (typeof value === "string" && DATE.test(value) ? value : undefined);

export function classify(err: unknown): GraphFailure {
  if (err instanceof GraphError) {
    if (err.notConsented) return { kind: "not-consented", status: err.status, ...(err.code ? { code: err.code } : {}) };
    return { kind: "unavailable", status: err.status, ...(err.code ? { code: err.code } : {}) };
  }
  return { kind: "unavailable", code: err instanceof Error ? err.name : "unknown" };
}

async function attempt<T>(work: () => Promise<T>): Promise<GraphResult<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (err) {
    return { ok: false, failure: classify(err) };
  }
}

/** A Graph OData string literal: quotes doubled. */
const literal = (value: string) => `'${value.replace(/'/g, "''")}'`;

export function createCopilotUsageGraph(client: GraphClient): CopilotUsagePort {
  return {
    copilotUsageUserDetail: (tenantId: TenantId) =>
      attempt(async () => {
        const rows = await client.getAll<UsageRow>(tenantId, COPILOT_USAGE_PATH);
        return rows.flatMap((r): CopilotUsageRow[] => {
          const reportRefreshDate = dateOrUndefined(r.reportRefreshDate);
          if (typeof r.userPrincipalName !== "string" || !reportRefreshDate) return [];
          const lastActivityDate = dateOrUndefined(r.lastActivityDate);
          return [{ userPrincipalName: r.userPrincipalName, reportRefreshDate, ...(lastActivityDate ? { lastActivityDate } : {}) }];
        });
      }),

    userPrincipalNames: (tenantId: TenantId, userIds: readonly UserId[]) =>
      attempt(async () => {
        const upns = new Map<UserId, string>();
        const ids = [...new Set(userIds)];
        for (let i = 0; i < ids.length; i += IDS_PER_USER_FILTER) {
          const filter = `id in (${ids.slice(i, i + IDS_PER_USER_FILTER).map(literal).join(",")})`;
          const users = await client.getAll<{ id?: unknown; userPrincipalName?: unknown }>(tenantId, `/v1.0/users?$filter=${encodeURIComponent(filter)}&$select=id,userPrincipalName`);
          for (const u of users) if (typeof u.id === "string" && typeof u.userPrincipalName === "string") upns.set(u.id, u.userPrincipalName);
        }
        return upns;
      }),
  };
}
