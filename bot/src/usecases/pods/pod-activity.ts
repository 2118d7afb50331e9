/**
 * A message in a practice pod's chat: counted for the pod's week (in the cohort's zone) and
 * nothing else. The bot never reads, stores or logs what was written or who wrote it; facilitators
 * see counts only.
 */
import type { AppContext } from "../../app-context";
import { podDayOf, podWeekOf } from "../../domain/pods";
import type { TenantId } from "../../domain/types";

/** True when `chatId` is a pod's chat (the message was counted); false for any other group chat. */
export async function countPodMessage(ctx: AppContext, tenantId: TenantId, chatId: string): Promise<boolean> {
  const pod = await ctx.repos.pods.findChat(tenantId, chatId);
  if (!pod) return false;
  const cohort = await ctx.repos.cohorts.get(tenantId, pod.cohortId);
  if (!cohort) return true;
  const now = ctx.clock.now();
  await ctx.repos.pods.countMessage(tenantId, pod.cohortId, pod.podId, podWeekOf(now, cohort.timeZone), podDayOf(now, cohort.timeZone));
  return true;
}
