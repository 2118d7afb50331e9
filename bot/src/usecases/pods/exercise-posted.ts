/**
 * A pod's exercise reached its chat: the session is recorded on the pod (so the tab shows how many
 * were posted without reading the deliveries). ETag-guarded, tried again on a lost race; the
 * delivery itself stays the record of truth if every try loses.
 */
import type { AppContext } from "../../app-context";
import { ConcurrencyError } from "../../domain/errors";
import { parsePodExerciseKey } from "../../domain/pods";
import type { Delivery } from "../../domain/types";

export async function recordPodExercisePosted(ctx: AppContext, delivery: Delivery): Promise<void> {
  const key = parsePodExerciseKey(delivery.eventKey);
  if (!key) return;
  for (let attempt = 0; attempt < 4; attempt++) {
    const split = await ctx.repos.pods.get(delivery.tenantId, delivery.cohortId);
    const pod = split?.pods.find((p) => p.id === key.podId);
    if (!split || !pod || (pod.exercisesPosted ?? []).includes(key.sessionNumber)) return;
    const { etag, ...current } = split;
    try {
      await ctx.repos.pods.save({ ...current, pods: current.pods.map((p) => (p.id === pod.id ? { ...p, exercisesPosted: [...(p.exercisesPosted ?? []), key.sessionNumber] } : p)) }, etag);
      return;
    } catch (err) {
      if (!(err instanceof ConcurrencyError)) throw err;
    }
  }
  ctx.logger.warn({ tenantId: delivery.tenantId, cohortId: delivery.cohortId, podId: key.podId }, "pod exercise posted but not recorded on the pod");
}
