/**
 * Tells each facilitator of the cohort about new alerts, in their 1:1 chat, with "I'll reach out".
 * The alerts go into the outbox as one delivery per facilitator, written before the member's card
 * is answered, so a crash or a refusing Teams delays an alert but never loses or repeats it. A
 * facilitator the bot has never talked to gets a 1:1 chat opened at send time, from the member's
 * own conversation (Teams allows it when the app is installed for them or in a team they share).
 * Every alert stays listed for the facilitators either way; one that reached nobody is marked so
 * (`reach.unreachedSince`, see scheduler/delivery-effects.ts), for the tab, `who needs help`, and
 * an honest word on the member's own card.
 */
import type { AppContext } from "../../app-context";
import type { ChatOrigin, OutgoingMessage, StoredAlert } from "../../domain/ports";
import type { Cohort, FacilitatorAlert } from "../../domain/types";

/** The event key of an alert's deliveries: one per facilitator. Shared with the scheduler's effects. */
export const alertEventKey = (alertId: string) => `alert.${alertId}`;

/** Writes one urgent delivery per facilitator and alert; returns how many were new. */
export async function queueFacilitatorAlerts(ctx: AppContext, cohort: Cohort, alerts: FacilitatorAlert[], origin?: ChatOrigin): Promise<number> {
  const facilitators = [...new Set(cohort.facilitatorIds)];
  const messages: OutgoingMessage[] = alerts.flatMap((alert) =>
    facilitators.map((userId) => ({
      tenantId: cohort.tenantId,
      cohortId: cohort.id,
      userId,
      eventKey: alertEventKey(alert.id),
      kind: "alert" as const,
      urgent: true,
      ...(origin ? { openChatFrom: origin } : {}),
    })),
  );
  if (alerts.length && !facilitators.length) {
    // Nobody to send to: the alert waits in the tab, and the member is told so.
    const now = ctx.clock.now().toISOString();
    for (const alert of alerts) await ctx.repos.alerts.recordReach(cohort.tenantId, cohort.id, alert.id, { reachedFacilitators: 0, checkedAt: now, unreachedSince: now });
  }
  return ctx.outbox.enqueue(messages);
}

/** Whether an alert has, so far, reached no facilitator after every attempt ended. */
export async function alertUnreached(ctx: AppContext, cohort: Cohort, alertId: string): Promise<boolean> {
  const stored = await ctx.repos.alerts.get(cohort.tenantId, cohort.id, alertId);
  return !!(stored as StoredAlert | undefined)?.reach?.unreachedSince;
}
