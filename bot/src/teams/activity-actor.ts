/**
 * Who is acting, from a Teams activity: the Entra object id on `from` and the tenant Teams put on
 * the conversation (or channelData). Card data never decides identity. An activity without them,
 * with two different tenants, or from a tenant this deployment does not serve is refused.
 */
import type { Activity } from "botbuilder";
import type { Config } from "../config";
import { isSafeIdPart } from "../domain/ids";
import type { Actor } from "../domain/types";

export function actorFromActivity(activity: Partial<Activity>, auth: Pick<Config["auth"], "adminUserIds" | "allowedTenantIds">): Actor | undefined {
  const userId = activity.from?.aadObjectId;
  const conversationTenant = activity.conversation?.tenantId;
  const channelTenant = (activity.channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id;
  const tenantId = conversationTenant ?? channelTenant;
  if (typeof userId !== "string" || typeof tenantId !== "string" || !isSafeIdPart(userId) || !isSafeIdPart(tenantId)) return undefined;
  if (channelTenant !== undefined && channelTenant !== tenantId) return undefined;
  if (auth.allowedTenantIds.length && !auth.allowedTenantIds.includes(tenantId)) return undefined;
  const displayName = typeof activity.from?.name === "string" ? activity.from.name.slice(0, 200) : "";
  return { tenantId, userId, displayName, isAdmin: auth.adminUserIds.includes(userId) };
}
