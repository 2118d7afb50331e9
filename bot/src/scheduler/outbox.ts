/**
 * The outbox: every proactive message that is not a timeline card (those the planner writes) is
 * written here as a delivery record before anything is sent, so the scheduler's guarantees cover
 * it too: paced against the tenant's ceiling, retried by Teams' rules, exactly once through
 * crashes and several instances. `sendSoon` asks the service's own scheduler not to wait for its
 * next tick; if nothing answers it (the process dies first), the next tick anywhere sends it.
 */
import { ids } from "../domain/ids";
import type { Clock } from "../domain/clock";
import type { DeliveryRepository, Logger, OutgoingMessage, Outbox } from "../domain/ports";
import type { Delivery } from "../domain/types";

export type SendSoon = (tenantId: string, cohortId: string) => Promise<void>;

export interface WiredOutbox extends Outbox {
  /** The scheduler that sends when asked; until one is attached, deliveries wait for a tick. */
  attach(sendSoon: SendSoon): void;
}

export function createOutbox(deps: { deliveries: DeliveryRepository; clock: Clock; logger: Logger }): WiredOutbox {
  let sender: SendSoon | undefined;
  return {
    attach(sendSoon) {
      sender = sendSoon;
    },

    async enqueue(messages: OutgoingMessage[]): Promise<number> {
      const now = deps.clock.now().toISOString();
      const byCohort = new Map<string, Delivery[]>();
      for (const m of messages) {
        const delivery: Delivery = {
          id: ids.deliveryId(m.cohortId, m.eventKey, m.userId),
          tenantId: m.tenantId,
          cohortId: m.cohortId,
          userId: m.userId,
          eventKey: m.eventKey,
          kind: m.kind,
          status: "pending",
          attempts: 0,
          notBefore: m.notBefore ?? now,
          ...(m.urgent ? { urgent: true } : {}),
          ...(m.openChatFrom ? { openChatFrom: m.openChatFrom } : {}),
          createdAt: now,
          updatedAt: now,
        };
        const key = `${m.tenantId}\u0000${m.cohortId}`;
        byCohort.set(key, [...(byCohort.get(key) ?? []), delivery]);
      }
      let created = 0;
      // One cohort is one partition: its records are written together.
      for (const deliveries of byCohort.values()) created += await deps.deliveries.createManyIfAbsent(deliveries);
      return created;
    },

    async sendSoon(tenantId, cohortId) {
      if (!sender) return;
      try {
        await sender(tenantId, cohortId);
      } catch (err) {
        // The records are stored: the next tick sends them. Ids only in the log.
        deps.logger.warn({ tenantId, cohortId, err: err instanceof Error ? err.message : String(err) }, "sending soon failed; the next tick will send");
      }
    },
  };
}
