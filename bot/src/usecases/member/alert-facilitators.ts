/**
 * Tells each facilitator of the cohort about new alerts, in their 1:1 chat, with "I'll reach out".
 * Runs after the member's card has updated. A facilitator the bot has never talked to gets a 1:1
 * chat opened for them first (Teams allows it when the app is installed for them or in a team
 * they share), and its reference is stored for next time. A facilitator Teams cannot reach
 * (blocked, removed, never installed) is recorded and skipped. Every alert stays listed for the
 * facilitators either way; one that reached nobody is marked so (`reach.unreachedSince`), for the
 * tab, the facilitators' `who needs help`, and an honest word on the member's own card.
 */
import type { AppContext } from "../../app-context";
import { buildFacilitatorAlertCard } from "../../cards/facilitator-alert.card";
import type { CardSender, ChatOrigin, PersonalChatOpener } from "../../domain/ports";
import type { Cohort, FacilitatorAlert, Person } from "../../domain/types";
import { registerPerson } from "./register-person";

export interface FacilitatorReach {
  /** Opens 1:1 chats with facilitators the bot has no conversation with. */
  chats: PersonalChatOpener;
  /** The bot's endpoint and account, from the member's own conversation. */
  origin?: ChatOrigin;
}

export interface AlertOutcome {
  sent: number;
  failed: number;
  /** 1:1 chats opened with facilitators who had none. */
  opened: number;
  /** Alerts that reached no facilitator in Teams. */
  unreached: FacilitatorAlert[];
}

export async function alertFacilitators(ctx: AppContext, sender: CardSender, cohort: Cohort, alerts: FacilitatorAlert[], reach?: FacilitatorReach): Promise<AlertOutcome> {
  const outcome: AlertOutcome = { sent: 0, failed: 0, opened: 0, unreached: [] };
  if (alerts.length === 0) return outcome;
  const facilitators = await reachableFacilitators(ctx, cohort, reach, outcome);
  for (const alert of alerts) {
    const card = buildFacilitatorAlertCard({ cohortId: cohort.id, cohortName: cohort.name, alertId: alert.id, memberName: alert.displayName, reason: alert.reason, sessionNumber: alert.sessionNumber, context: alert.context });
    let reached = 0;
    for (const facilitator of facilitators) {
      const result = await sender.sendToPerson(facilitator, card, `${alert.displayName} needs a hand`);
      if (result.ok) {
        outcome.sent++;
        reached++;
        continue;
      }
      outcome.failed++;
      if (result.failure.kind === "permanent") await ctx.repos.people.markUnreachable(cohort.tenantId, facilitator.userId, ctx.clock.now().toISOString());
    }
    const now = ctx.clock.now().toISOString();
    await ctx.repos.alerts.recordReach(cohort.tenantId, cohort.id, alert.id, { reachedFacilitators: reached, checkedAt: now, ...(reached ? {} : { unreachedSince: now }) });
    if (!reached) outcome.unreached.push(alert);
  }
  const fields = { tenantId: cohort.tenantId, cohortId: cohort.id, alerts: alerts.length, facilitators: cohort.facilitatorIds.length, reachable: facilitators.length, opened: outcome.opened, sent: outcome.sent, failed: outcome.failed, unreached: outcome.unreached.length };
  if (outcome.unreached.length) ctx.logger.warn(fields, "alert reached no facilitator in Teams: listed for them in the tab");
  else ctx.logger.info(fields, "facilitators alerted");
  return outcome;
}

/** The cohort's facilitators the bot can send to: those with a chat, and those it could open one with now. */
async function reachableFacilitators(ctx: AppContext, cohort: Cohort, reach: FacilitatorReach | undefined, outcome: AlertOutcome): Promise<Person[]> {
  const known = await ctx.repos.people.getMany(cohort.tenantId, cohort.facilitatorIds);
  const byId = new Map(known.map((p) => [p.userId, p]));
  const reachable: Person[] = [];
  for (const userId of new Set(cohort.facilitatorIds)) {
    const person = byId.get(userId);
    if (person?.conversationReference && !person.unreachableSince) {
      reachable.push(person);
      continue;
    }
    // Blocked or removed the app: opening a chat would not change that; adding the app back does.
    if (person?.unreachableSince || !reach?.origin) continue;
    const opened = await reach.chats.openPersonalChat(cohort.tenantId, { userId, displayName: person?.displayName ?? "" }, reach.origin);
    if (!opened.ok) {
      ctx.logger.info({ tenantId: cohort.tenantId, cohortId: cohort.id, userId, status: opened.failure.kind === "throttled" ? 429 : opened.failure.status }, "could not open a 1:1 chat with a facilitator");
      continue;
    }
    outcome.opened++;
    await registerPerson(ctx, { tenantId: cohort.tenantId, userId, displayName: person?.displayName ?? "", isAdmin: false }, opened.conversationReference);
    const stored = await ctx.repos.people.get(cohort.tenantId, userId);
    if (stored) reachable.push(stored);
  }
  return reachable;
}
