/**
 * What a delivery's final outcome means beyond the delivery itself: a facilitator alert that
 * reached somebody (or, once every facilitator's delivery has ended, nobody), a win that is now on
 * the channel. Recomputed from the alert's deliveries each time, so a retry, a second instance or a
 * restart never counts a facilitator twice.
 */
import type { AppContext } from "../app-context";
import type { Delivery } from "../domain/types";
import { recordPodExercisePosted } from "../usecases/pods/exercise-posted";

/** Event keys as the use cases write them (`alertEventKey`, `winEventKey`). */
export const ALERT_EVENT_PREFIX = "alert.";
export const WIN_EVENT_PREFIX = "win.";
export const EXPERIMENT_EVENT_PREFIX = "experiment.";

const FINAL: ReadonlyArray<Delivery["status"]> = ["sent", "failed", "skipped"];

export async function afterDeliveryEnded(ctx: AppContext, delivery: Delivery): Promise<void> {
  if (delivery.kind === "win" && delivery.status === "sent") {
    await ctx.repos.wins.markPosted(delivery.tenantId, delivery.cohortId, delivery.eventKey.slice(WIN_EVENT_PREFIX.length), delivery.sentAt ?? ctx.clock.now().toISOString());
    return;
  }
  if (delivery.kind === "pod-exercise") {
    if (delivery.status === "sent") await recordPodExercisePosted(ctx, delivery);
    return;
  }
  if (delivery.kind === "leader-experiment" && delivery.status === "sent") {
    // The experiment is stored in the leadership cohort; this delivery lives in the team cohort it went to.
    const team = await ctx.repos.cohorts.get(delivery.tenantId, delivery.cohortId);
    if (team?.leadershipCohortId) await ctx.repos.wins.markPosted(delivery.tenantId, team.leadershipCohortId, delivery.eventKey.slice(EXPERIMENT_EVENT_PREFIX.length), delivery.sentAt ?? ctx.clock.now().toISOString());
    return;
  }
  if (delivery.kind !== "alert" || !delivery.eventKey.startsWith(ALERT_EVENT_PREFIX)) return;
  const all = await ctx.repos.deliveries.listForEvent(delivery.tenantId, delivery.cohortId, delivery.eventKey);
  // The delivery just ended may not be readable as ended yet on every replica: count it as it is here.
  const outcomes = all.map((d) => (d.id === delivery.id ? delivery : d));
  const reached = outcomes.filter((d) => d.status === "sent").length;
  const settled = outcomes.every((d) => FINAL.includes(d.status));
  if (!reached && !settled) return; // still trying someone: not "unreached" yet
  const now = ctx.clock.now().toISOString();
  await ctx.repos.alerts.recordReach(delivery.tenantId, delivery.cohortId, delivery.eventKey.slice(ALERT_EVENT_PREFIX.length), { reachedFacilitators: reached, checkedAt: now, ...(reached ? {} : { unreachedSince: now }) });
  ctx.logger[reached ? "info" : "warn"](
    { tenantId: delivery.tenantId, cohortId: delivery.cohortId, facilitators: outcomes.length, sent: reached, unreached: reached ? 0 : 1 },
    reached ? "facilitators alerted" : "alert reached no facilitator in Teams: listed for them in the tab",
  );
}
