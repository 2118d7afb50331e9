/**
 * Who is acting, from a Teams activity: the Entra object id on `from` and the tenant Teams put on
 * the conversation (or channelData). Card data never decides identity. An activity without them,
 * with two different tenants, or from a tenant this deployment does not serve is refused.
 *
 * An activity carries no roles or groups, so someone is an admin here when they are listed in
 * ADMIN_USER_IDS, or when the tab recently verified a sign-in of theirs with the admin app role
 * or an admin group (the grant it recorded; see usecases/access.ts).
 */
import type { Activity } from "botbuilder";
import type { AppContext } from "../app-context";
import type { Config } from "../config";
import { isSafeIdPart } from "../domain/ids";
import type { Actor } from "../domain/types";
import { hasFreshAdminGrant } from "../usecases/access";

export async function actorFromActivity(ctx: AppContext, activity: Partial<Activity>): Promise<Actor | undefined> {
  const actor = identityFromActivity(activity, ctx.config.auth);
  if (!actor || actor.isAdmin) return actor;
  return (await hasFreshAdminGrant(ctx, actor.tenantId, actor.userId)) ? { ...actor, isAdmin: true } : actor;
}

/** The identity the activity itself proves, with admins from configuration only. */
export function identityFromActivity(activity: Partial<Activity>, auth: Pick<Config["auth"], "adminUserIds" | "allowedTenantIds">): Actor | undefined {
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
