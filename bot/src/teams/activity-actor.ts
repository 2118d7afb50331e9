/**
 * Who is acting, from a Teams activity: the Entra object id and tenant Teams put on it. Card data
 * never decides identity; an activity without them is refused.
 */
import type { Activity } from "botbuilder";
import type { Actor } from "../domain/types";
import { isSafeIdPart } from "../domain/ids";

export function actorFromActivity(activity: Partial<Activity>, adminUserIds: string[]): Actor | undefined {
  const userId = activity.from?.aadObjectId;
  const tenantId = activity.conversation?.tenantId ?? (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id;
  if (typeof userId !== "string" || typeof tenantId !== "string" || !isSafeIdPart(userId) || !isSafeIdPart(tenantId)) return undefined;
  return { tenantId, userId, displayName: typeof activity.from?.name === "string" ? activity.from.name.slice(0, 200) : "", isAdmin: adminUserIds.includes(userId) };
}
