/**
 * The card each delivery carries, built at send time from the records as they are then: a
 * check-in quotes the latest commitment, a policy card shows the current version, and a delivery
 * that no longer needs sending (policy already acknowledged, check-in already answered) is skipped.
 */
import type { AppContext } from "../app-context";
import { buildFacilitatorAlertCard, buildMissedCheckInsCard } from "../cards/facilitator-alert.card";
import { buildAnswerCard } from "../cards/question.card";
import type { Cohort, Delivery } from "../domain/types";
import { cardForEvent, eventTitle, tabUrl } from "../usecases/member/event-cards";
import { cohortSchedule, memberContextFor, type CohortSchedule } from "../usecases/member/member-context";
import type { CardDecision, DeliveryCardFactory } from "./send-delivery";
import { catchUpCard } from "../usecases/member/briefs";
import { MISSED_DIGEST_PREFIX } from "./planner";

export function createDeliveryCardFactory(ctx: AppContext): DeliveryCardFactory {
  // One cohort's track and timeline serve every member of a fan-out; recompute only when the cohort changes.
  const schedules = new Map<string, { updatedAt: string; schedule: Promise<CohortSchedule | undefined> }>();
  const scheduleOf = (cohort: Cohort) => {
    const key = `${cohort.tenantId}:${cohort.id}`;
    const hit = schedules.get(key);
    if (hit && hit.updatedAt === cohort.updatedAt) return hit.schedule;
    const schedule = cohortSchedule(ctx, cohort);
    schedules.set(key, { updatedAt: cohort.updatedAt, schedule });
    return schedule;
  };
  return {
    async build(delivery: Delivery, cohort: Cohort): Promise<CardDecision> {
      const { repos } = ctx;
      if (delivery.kind === "answer") {
        const question = await repos.questions.get(cohort.tenantId, cohort.id, delivery.eventKey.replace(/^answer\./, ""));
        if (!question?.answer) return { skip: "the question has no answer" };
        return { send: { card: buildAnswerCard({ cohortName: cohort.name, question: question.text, answer: question.answer, anonymous: question.anonymous }), summary: "A question was answered" } };
      }
      if (delivery.eventKey.startsWith(MISSED_DIGEST_PREFIX)) {
        const session = Number(delivery.eventKey.slice(MISSED_DIGEST_PREFIX.length));
        const missing = (await repos.alerts.listByCohort(cohort.tenantId, cohort.id)).filter((a) => a.reason === "missed-two-checkins" && a.sessionNumber === session && !a.acknowledgedBy);
        if (missing.length === 0) return { skip: "nobody is missing check-ins any more" };
        return { send: { card: buildMissedCheckInsCard({ cohortName: cohort.name, sessionNumber: session, names: missing.map((a) => a.displayName), tabUrl: tabUrl(ctx) }), summary: `${missing.length} members missed two check-ins` } };
      }
      if (delivery.kind === "alert") {
        const alert = await repos.alerts.get(cohort.tenantId, cohort.id, delivery.eventKey.replace(/^alert\./, ""));
        if (!alert) return { skip: "the alert no longer exists" };
        const card = buildFacilitatorAlertCard({ cohortId: cohort.id, cohortName: cohort.name, alertId: alert.id, memberName: alert.displayName, reason: alert.reason, sessionNumber: alert.sessionNumber, context: alert.context });
        return { send: { card, summary: `${alert.displayName} needs a hand` } };
      }

      const member = await memberContextFor(ctx, cohort, delivery.userId, await scheduleOf(cohort));
      if (!member) return { skip: "no longer a member of the cohort" };
      if (delivery.kind === "catchup") {
        const card = catchUpCard(member, ctx.clock.now());
        return card ? { send: { card, summary: "What you missed so far" } } : { skip: "nothing to catch up on" };
      }
      if (delivery.kind === "policy") {
        const policy = await repos.policies.current(cohort.tenantId);
        if (!policy || delivery.eventKey !== `policy.v${policy.version}`) return { skip: "a newer policy version replaced this one" };
        if (await repos.policies.hasAcknowledged(cohort.tenantId, policy.version, delivery.userId)) return { skip: "already acknowledged" };
      }
      const event = member.timeline.find((e) => e.key === delivery.eventKey) ?? (delivery.kind === "policy" ? member.timeline.find((e) => e.kind === "policy") : undefined);
      if (!event) return { skip: "the event is no longer in the programme" };
      if (event.kind === "checkin-reminder" && (await repos.loop.getCheckIn(cohort.tenantId, cohort.id, event.sessionNumber!, delivery.userId))) {
        return { skip: "check-in already answered" };
      }
      const card = await cardForEvent(ctx, member, event);
      return card ? { send: { card, summary: eventTitle(member.track, event) } } : { skip: "nothing to send for this event" };
    },
  };
}
