/**
 * A member reflects on last week's deliverable. The check-in has a deterministic id, so sending
 * it again updates the one record. Asking for help, or being stuck twice, raises an alert for the
 * cohort's facilitators (once per member, reason and session); the caller queues them with
 * `queueFacilitatorAlerts` before the member's card is answered.
 */
import type { AppContext } from "../../app-context";
import { reflectAnswersOf, type CheckInSubmission } from "../../cards/checkin.card";
import { alertReasonsAfterCheckIn } from "../../domain/alerts";
import { ids } from "../../domain/ids";
import type { Actor, AlertReason, CheckIn, Confidence, FacilitatorAlert, ReflectAnswer } from "../../domain/types";
import { loadMemberContext, startedSessionOf, type MemberContext } from "./member-context";

/** The check-in card's submission, as its schema parsed it. */
export type CheckInInput = CheckInSubmission;

export interface CheckInOutcome {
  member: MemberContext;
  checkIn: CheckIn;
  /** True when this replaced an earlier answer to the same check-in. */
  updated: boolean;
  /** Alerts raised by this check-in for the first time. */
  newAlerts: FacilitatorAlert[];
}

export async function recordCheckIn(ctx: AppContext, actor: Actor, input: CheckInInput): Promise<CheckInOutcome> {
  const member = await loadMemberContext(ctx, actor, input.cohortId);
  const session = startedSessionOf(member, input.sessionNumber, ctx.clock.now());
  const now = ctx.clock.now().toISOString();
  // Point reads, one per session: cheap however large the cohort's partition grows.
  const earlier = (await Promise.all(member.track.sessions.map((s) => ctx.repos.loop.getCheckIn(actor.tenantId, member.cohort.id, s.number, actor.userId)))).filter((c): c is CheckIn => !!c);
  const existing = earlier.find((c) => c.sessionNumber === input.sessionNumber);
  const checkIn: CheckIn = {
    id: ids.checkInId(member.cohort.id, input.sessionNumber, actor.userId),
    tenantId: actor.tenantId,
    cohortId: member.cohort.id,
    userId: actor.userId,
    sessionNumber: input.sessionNumber,
    tried: input.tried,
    worked: input.worked,
    stuck: input.stuck,
    minutesSaved: input.minutesSaved,
    confidence: input.confidence as Confidence,
    wantsHelp: input.wantsHelp,
    reflectAnswers: reflectAnswers(session.reflectQuestions, reflectAnswersOf(input, session.reflectQuestions.length)),
    blockers: [...new Set(input.blockers ?? [])],
    quoteConsent: input.quoteConsent ?? "no",
    submittedAt: existing?.submittedAt ?? now,
    updatedAt: now,
  };
  await ctx.repos.loop.upsertCheckIn(checkIn);

  const newAlerts: FacilitatorAlert[] = [];
  for (const reason of alertReasonsAfterCheckIn(checkIn, earlier)) {
    const alert = alertFor(member, checkIn, reason, now);
    if ((await ctx.repos.alerts.createIfAbsent(alert)) === "created") newAlerts.push(alert);
  }
  ctx.logger.info({ tenantId: actor.tenantId, cohortId: member.cohort.id, session: input.sessionNumber, updated: !!existing, alerts: newAlerts.length }, "check-in recorded");
  return { member, checkIn, updated: !!existing, newAlerts };
}

/** Each question asked with what the member answered; unanswered questions are not stored. */
function reflectAnswers(questions: string[], answers: string[]): ReflectAnswer[] {
  return answers.flatMap((answer, i) => (answer ? [{ question: questions[i]!, answer }] : []));
}

function alertFor(member: MemberContext, checkIn: CheckIn, reason: AlertReason, raisedAt: string): FacilitatorAlert {
  const stuck = `Stuck on: ${checkIn.stuck || "(not said)"}`;
  return {
    id: ids.alertId(checkIn.cohortId, checkIn.userId, reason, checkIn.sessionNumber),
    tenantId: checkIn.tenantId,
    cohortId: checkIn.cohortId,
    userId: checkIn.userId,
    displayName: member.membership.displayName,
    reason,
    sessionNumber: checkIn.sessionNumber,
    context: reason === "asked-for-help" ? `${stuck} · Confidence ${checkIn.confidence}/5` : stuck,
    raisedAt,
  };
}
