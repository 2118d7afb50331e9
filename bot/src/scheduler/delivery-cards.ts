/**
 * The card each delivery carries, built at send time from the records as they are then: a
 * check-in quotes the latest commitment, a policy card shows the current version, and a delivery
 * that no longer needs sending (policy already acknowledged, check-in already answered) is skipped.
 */
import type { AppContext } from "../app-context";
import { buildFacilitatorAlertCard, buildMissedCheckInsCard } from "../cards/facilitator-alert.card";
import { buildAnswerCard } from "../cards/question.card";
import { buildChannelWinCard } from "../cards/win.card";
import { buildChannelExperimentCard } from "../cards/experiment.card";
import { experimentEventKey } from "../usecases/member/share-experiment";
import { ALERT_EVENT_PREFIX, WIN_EVENT_PREFIX } from "./delivery-effects";
import { ANSWER_POST_EVENT_PREFIX } from "../usecases/questions/questions";
import { DIGEST_EVENT_PREFIX } from "./digest-planning";
import { digestCard } from "../usecases/digest/digest-card";
import { fromYourCohort } from "../usecases/digest/session-digest";
import type { Cohort, Delivery } from "../domain/types";
import { cardForEvent, eventTitle, tabUrl } from "../usecases/member/event-cards";
import { cohortSchedule, memberContextFor, type CohortSchedule } from "../usecases/member/member-context";
import type { CardDecision, DeliveryCardFactory } from "./send-delivery";
import { catchUpCard } from "../usecases/member/briefs";
import { MISSED_DIGEST_PREFIX } from "./planner";
import { podExerciseFor } from "./pods-exercise-card";
import { LIVE_CATCH_UP_PREFIX } from "../usecases/live-sessions/follow-ups";
import { liveCatchUpFor } from "../usecases/live-sessions/live-catch-up";

const FROM_COHORT_CACHE_MS = 60_000;

export function createDeliveryCardFactory(ctx: AppContext): DeliveryCardFactory {
  // One cohort's track and timeline serve every member of a fan-out; recompute only when the cohort changes.
  const schedules = new Map<string, { version: string; schedule: Promise<CohortSchedule | undefined> }>();
  const scheduleOf = (cohort: Cohort) => {
    const key = `${cohort.tenantId}:${cohort.id}`;
    // The organisation's calendar can change without the cohort changing: it is part of the version.
    const version = `${cohort.updatedAt}|${JSON.stringify(cohort.tenantCalendar ?? null)}`;
    const hit = schedules.get(key);
    if (hit && hit.version === version) return hit.schedule;
    const schedule = cohortSchedule(ctx, cohort);
    schedules.set(key, { version, schedule });
    return schedule;
  };
  // A brief fan-out reads the cohort's check-ins once a minute, not once per member.
  const fromCohort = new Map<string, { at: number; from: ReturnType<typeof fromYourCohort> }>();
  const fromCohortOf = (cohort: Cohort, nextSessionNumber: number) => {
    const key = `${cohort.tenantId}:${cohort.id}:${nextSessionNumber}`;
    const now = ctx.clock.now().getTime();
    const hit = fromCohort.get(key);
    if (hit && now - hit.at < FROM_COHORT_CACHE_MS) return hit.from;
    const from = fromYourCohort(ctx, cohort, nextSessionNumber);
    fromCohort.set(key, { at: now, from });
    from.catch(() => fromCohort.delete(key));
    return from;
  };
  return {
    async build(delivery: Delivery, cohort: Cohort): Promise<CardDecision> {
      const { repos } = ctx;
      if (delivery.kind === "answer") {
        const question = await repos.questions.get(cohort.tenantId, cohort.id, delivery.eventKey.replace(/^answer\./, ""));
        if (!question?.answer) return { skip: "the question has no answer" };
        return { send: { card: buildAnswerCard({ cohortName: cohort.name, question: question.text, answer: question.answer, anonymous: question.anonymous }), summary: "A question was answered" } };
      }
      if (delivery.kind === "answer-post") {
        const question = await repos.questions.get(cohort.tenantId, cohort.id, delivery.eventKey.slice(ANSWER_POST_EVENT_PREFIX.length));
        if (!question?.answer) return { skip: "the question has no answer" };
        if (!question.anonymous || question.answeredPrivately) return { skip: "the answer was not for the whole cohort" };
        return { send: { card: buildAnswerCard({ cohortName: cohort.name, question: question.text, answer: question.answer, anonymous: true }), summary: "A question was answered for the cohort" } };
      }
      if (delivery.eventKey.startsWith(MISSED_DIGEST_PREFIX)) {
        const session = Number(delivery.eventKey.slice(MISSED_DIGEST_PREFIX.length));
        const missing = (await repos.alerts.listByCohort(cohort.tenantId, cohort.id)).filter((a) => a.reason === "missed-two-checkins" && a.sessionNumber === session && !a.acknowledgedBy);
        if (missing.length === 0) return { skip: "nobody is missing check-ins any more" };
        return { send: { card: buildMissedCheckInsCard({ cohortName: cohort.name, sessionNumber: session, names: missing.map((a) => a.displayName), tabUrl: tabUrl(ctx) }), summary: `${missing.length} members missed two check-ins` } };
      }
      if (delivery.kind === "digest") {
        const sessionNumber = Number(delivery.eventKey.slice(DIGEST_EVENT_PREFIX.length));
        const schedule = await scheduleOf(cohort);
        const next = schedule?.timeline.find((e) => e.kind === "learn" && e.sessionNumber === sessionNumber + 1);
        if (!next || new Date(next.dueAt) <= ctx.clock.now()) return { skip: "the next session has started" };
        return { send: { card: await digestCard(ctx, cohort, sessionNumber), summary: `Before session ${sessionNumber + 1}: what your cohort reported` } };
      }
      if (delivery.kind === "win") {
        const winId = delivery.eventKey.slice(WIN_EVENT_PREFIX.length);
        const win = (await repos.wins.listByCohort(cohort.tenantId, cohort.id)).find((w) => w.id === winId);
        if (!win) return { skip: "the win was deleted" };
        if (!win.shareConsent) return { skip: "the member did not agree to share it" };
        return { send: { card: buildChannelWinCard({ displayName: win.displayName, cohortName: cohort.name, text: win.text, minutesSaved: win.minutesSaved }), summary: `${win.displayName} shared a win` } };
      }
      if (delivery.kind === "leader-experiment") {
        // The delivery is the team cohort's; the experiment is in the leadership cohort it follows.
        const leadership = cohort.leadershipCohortId ? await repos.cohorts.get(cohort.tenantId, cohort.leadershipCohortId) : undefined;
        if (!leadership) return { skip: "the cohort no longer follows a leadership cohort" };
        const experiment = (await repos.wins.listByCohort(cohort.tenantId, leadership.id)).find((w) => experimentEventKey(w.id) === delivery.eventKey);
        if (!experiment?.experiment) return { skip: "the experiment was deleted" };
        if (!experiment.shareConsent) return { skip: "the leader did not agree to share it" };
        const card = buildChannelExperimentCard({ leaderName: experiment.displayName, leadershipCohortName: leadership.name, work: experiment.experiment.work, tried: experiment.text, outcome: experiment.experiment.outcome });
        return { send: { card, summary: `${experiment.displayName} shared an experiment` } };
      }
      if (delivery.kind === "pod-exercise") return podExerciseFor(ctx, cohort, delivery.eventKey);
      if (delivery.kind === "alert") {
        const alert = await repos.alerts.get(cohort.tenantId, cohort.id, delivery.eventKey.slice(ALERT_EVENT_PREFIX.length));
        if (!alert) return { skip: "the alert no longer exists" };
        const card = buildFacilitatorAlertCard({ cohortId: cohort.id, cohortName: cohort.name, alertId: alert.id, memberName: alert.displayName, reason: alert.reason, sessionNumber: alert.sessionNumber, context: alert.context });
        return { send: { card, summary: `${alert.displayName} needs a hand` } };
      }

      if (delivery.kind === "catchup" && delivery.eventKey.startsWith(LIVE_CATCH_UP_PREFIX)) return liveCatchUpFor(ctx, cohort, delivery.eventKey, delivery.userId);

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
      if (event.kind === "adoption-reminder" && (await repos.loop.listMemberRecords(cohort.tenantId, cohort.id, delivery.userId)).adoption.some((a) => a.week === event.adoptionWeek)) {
        return { skip: "adoption check already answered" };
      }
      const card = await cardForEvent(ctx, member, event, { fromCohort: fromCohortOf });
      return card ? { send: { card, summary: eventTitle(member.track, event) } } : { skip: "nothing to send for this event" };
    },
  };
}
