/**
 * The card for each step of the loop, built from the member's records as they are now. The bot
 * uses these when a member asks (`next`, `checkin`, `policy`) and the scheduler when it is time.
 */
import type { AppContext } from "../../app-context";
import { buildAdoptionCard, buildAdoptionReminderCard } from "../../cards/adoption.card";
import { buildApplyCard, buildApplySubmittedCard } from "../../cards/apply.card";
import { buildCheckInCard, buildCheckInSubmittedCard, type CheckInValues, type HelpRequestStatus } from "../../cards/checkin.card";
import { buildPolicyAcknowledgedCard, buildPolicyCard } from "../../cards/policy.card";
import { buildSessionBriefCard, type FromYourCohort } from "../../cards/session-brief.card";
import { fromYourCohort } from "../digest/session-digest";
import { meetingLinkForSession } from "../live-sessions/meeting-links";
import type { FieldIssue } from "../../domain/errors";
import { diffPolicies } from "../../domain/policy-diff";
import { briefExtras } from "../../domain/tracks/session-variant";
import type { AdaptiveCardJson } from "../../domain/ports";
import type { ApplyCommitment, CheckIn, Cohort, PolicyVersion, TenantId, TimelineEvent, Track } from "../../domain/types";
import { sessionOf, type MemberContext } from "./member-context";

/** What was wrong with a submission, shown on the card it came from (which keeps what was typed). */
export interface SubmissionProblem {
  message: string;
  issues: FieldIssue[];
}

export function tabUrl(ctx: AppContext, view = "programme"): string {
  return `${ctx.config.publicUrl}/tab/${view}`;
}

export function eventTitle(track: Track, event: TimelineEvent): string {
  const session = event.sessionNumber ? track.sessions.find((s) => s.number === event.sessionNumber) : undefined;
  switch (event.kind) {
    case "policy":
      return "Acknowledge the AI-use policy";
    case "baseline":
      return "Starting point: your use of AI today";
    case "learn":
      return `Session ${event.sessionNumber}: ${session?.title ?? ""}`;
    case "apply":
      return `Commit to a real piece of work (session ${event.sessionNumber})`;
    case "checkin":
      return `Check-in on session ${event.sessionNumber}${event.closesOn ? `, closes ${event.closesOn}` : ""}`;
    case "checkin-reminder":
      return `Reminder: check-in on session ${event.sessionNumber}${event.closesOn ? `, closes ${event.closesOn}` : ""}`;
    case "adoption":
      return `Week ${event.adoptionWeek} adoption check`;
    case "adoption-reminder":
      return `Reminder: week ${event.adoptionWeek} adoption check`;
  }
}

/** Where a brief's "From your cohort last week" comes from; the scheduler passes a cached one for a fan-out. */
export type FromCohortSource = (cohort: Cohort, nextSessionNumber: number) => Promise<FromYourCohort | undefined>;

export async function briefCard(ctx: AppContext, member: MemberContext, sessionNumber: number, fromCohort: FromCohortSource = (cohort, n) => fromYourCohort(ctx, cohort, n)): Promise<AdaptiveCardJson> {
  const session = sessionOf(member.track, sessionNumber);
  const [from, live] = await Promise.all([fromCohort(member.cohort, sessionNumber), meetingLinkForSession(ctx, member.cohort, sessionNumber)]);
  return buildSessionBriefCard({ cohortName: member.cohort.name, sessionNumber, sessionTitle: session.title, learn: session.learn, tabUrl: tabUrl(ctx), ...(from ? { fromCohort: from } : {}), ...briefExtras(member.track, session, member.membership), ...(live ? { liveSession: live } : {}) });
}

export async function applyCard(ctx: AppContext, member: MemberContext, sessionNumber: number, rejected?: { problem: SubmissionProblem; typed: string; done?: boolean; link?: string }): Promise<AdaptiveCardJson> {
  const session = sessionOf(member.track, sessionNumber);
  const existing = await ctx.repos.loop.getCommitment(member.cohort.tenantId, member.cohort.id, sessionNumber, member.membership.userId);
  return buildApplyCard(
    { cohortId: member.cohort.id, cohortName: member.cohort.name, sessionNumber, prompt: session.apply.prompt, examples: session.apply.examples, previous: existing?.deliverable, previousDone: !!existing?.doneAt, ...(existing?.link ? { previousLink: existing.link } : {}) },
    rejected && { ...rejected.problem, value: rejected.typed, done: rejected.done, link: rejected.link },
  );
}

export function applyCommittedCard(member: MemberContext, commitment: ApplyCommitment): AdaptiveCardJson {
  const session = sessionOf(member.track, commitment.sessionNumber);
  return buildApplySubmittedCard({ cohortId: member.cohort.id, cohortName: member.cohort.name, sessionNumber: session.number, prompt: session.apply.prompt, examples: session.apply.examples }, commitment.deliverable, { done: !!commitment.doneAt, ...(commitment.link ? { link: commitment.link } : {}) });
}

export interface CheckInCardOptions {
  isReminder?: boolean;
  /** A rejected submission: the problem, and what the member typed (shown again instead of the stored answers). */
  rejected?: { problem: SubmissionProblem; typed: Partial<CheckInValues> };
}

export async function checkInCard(ctx: AppContext, member: MemberContext, sessionNumber: number, options: CheckInCardOptions = {}): Promise<AdaptiveCardJson> {
  const session = sessionOf(member.track, sessionNumber);
  const userId = member.membership.userId;
  const [commitment, existing] = await Promise.all([
    ctx.repos.loop.getCommitment(member.cohort.tenantId, member.cohort.id, sessionNumber, userId),
    ctx.repos.loop.getCheckIn(member.cohort.tenantId, member.cohort.id, sessionNumber, userId),
  ]);
  const event = member.timeline.find((e) => e.kind === "checkin" && e.sessionNumber === sessionNumber);
  const closesOn = event?.closesOn;
  const closed = !!event?.closesAt && new Date(event.closesAt) <= ctx.clock.now();
  return buildCheckInCard({
    cohortId: member.cohort.id,
    cohortName: member.cohort.name,
    sessionNumber,
    sessionTitle: session.title,
    commitment: commitment?.deliverable,
    reflectQuestions: session.reflectQuestions,
    ...(closesOn ? { closesOn } : {}),
    ...(closed ? { closed } : {}),
    previous: options.rejected?.typed ?? (existing && checkInValuesOf(existing, session.reflectQuestions)),
    isReminder: options.isReminder,
    userId,
  }, options.rejected?.problem);
}

/**
 * A stored check-in as the card's values. Reflect answers are matched to the session's questions by
 * their wording, so an answer stays with its question even if the track's list changed since.
 */
export function checkInValuesOf(checkIn: CheckIn, questions: string[]): CheckInValues {
  const answers = checkIn.reflectAnswers ?? [];
  return {
    tried: checkIn.tried,
    worked: checkIn.worked,
    stuck: checkIn.stuck,
    minutesSaved: checkIn.minutesSaved,
    confidence: checkIn.confidence,
    wantsHelp: checkIn.wantsHelp,
    reflect: questions.map((q) => answers.find((a) => a.question === q)?.answer ?? ""),
    blockers: checkIn.blockers ?? [],
    quoteConsent: checkIn.quoteConsent ?? "no",
  };
}

/** The check-in as its member should see it now: their answers once given (unless they asked to edit), else the form. */
export async function checkInView(ctx: AppContext, member: MemberContext, sessionNumber: number, options: { edit?: boolean } = {}): Promise<AdaptiveCardJson> {
  const existing = await ctx.repos.loop.getCheckIn(member.cohort.tenantId, member.cohort.id, sessionNumber, member.membership.userId);
  if (!existing || options.edit) return checkInCard(ctx, member, sessionNumber);
  return checkInAnsweredCard(member, existing, false, existing.wantsHelp ? await helpRequestStatus(ctx, member, sessionNumber) : undefined);
}

export function checkInAnsweredCard(member: MemberContext, checkIn: CheckIn, justUpdated: boolean, help?: HelpRequestStatus): AdaptiveCardJson {
  const session = sessionOf(member.track, checkIn.sessionNumber);
  return buildCheckInSubmittedCard(
    { cohortId: member.cohort.id, cohortName: member.cohort.name, sessionNumber: session.number, sessionTitle: session.title, reflectQuestions: session.reflectQuestions, userId: member.membership.userId },
    checkInValuesOf(checkIn, session.reflectQuestions),
    justUpdated,
    help,
  );
}

/** Where the member's "I'd like help" for a session stands, from the stored alert (what the tab and the facilitators see). */
export async function helpRequestStatus(ctx: AppContext, member: MemberContext, sessionNumber: number): Promise<HelpRequestStatus> {
  const alerts = await ctx.repos.alerts.listByMember(member.cohort.tenantId, member.cohort.id, member.membership.userId);
  const alert = alerts.find((a) => a.reason === "asked-for-help" && a.sessionNumber === sessionNumber);
  if (!alert) return "sent";
  if (alert.acknowledgedBy) return "taken";
  return alert.reach?.unreachedSince && !alert.reach.reachedFacilitators ? "unreached" : "sent";
}

export function adoptionCard(member: MemberContext, week: number, problem?: SubmissionProblem): AdaptiveCardJson {
  return buildAdoptionCard({ cohortId: member.cohort.id, cohortName: member.cohort.name, week }, problem);
}

/**
 * The policy as `userId` should see it: with the Acknowledge button until they have acknowledged
 * this version, and after that with when they did (never offered "I have read…" twice).
 */
export async function policyCard(ctx: AppContext, tenantId: TenantId, policy: PolicyVersion, userId?: string): Promise<AdaptiveCardJson> {
  const previous = policy.version > 1 ? await ctx.repos.policies.get(tenantId, policy.version - 1) : undefined;
  const acknowledgedAt = userId ? await acknowledgedOn(ctx, tenantId, policy.version, userId) : undefined;
  return buildPolicyCard({ policy, changes: diffPolicies(previous, policy), tabUrl: tabUrl(ctx, "policy"), ...(acknowledgedAt ? { acknowledgedAt } : {}) });
}

/** When `userId` acknowledged `version` (a point read first; the date only for those who did). */
async function acknowledgedOn(ctx: AppContext, tenantId: TenantId, version: number, userId: string): Promise<string | undefined> {
  if (!(await ctx.repos.policies.hasAcknowledged(tenantId, version, userId))) return undefined;
  const ack = (await ctx.repos.policies.listAcknowledgements(tenantId, version)).find((a) => a.userId === userId);
  return ack?.acknowledgedAt ?? "";
}

export async function policyAcknowledgedCard(ctx: AppContext, tenantId: TenantId, policy: PolicyVersion): Promise<AdaptiveCardJson> {
  const previous = policy.version > 1 ? await ctx.repos.policies.get(tenantId, policy.version - 1) : undefined;
  return buildPolicyAcknowledgedCard({ policy, changes: diffPolicies(previous, policy), tabUrl: tabUrl(ctx, "policy") });
}

/** The card that asks the member to do `event` (undefined for events that ask nothing). */
export async function cardForEvent(ctx: AppContext, member: MemberContext, event: TimelineEvent, sources: { fromCohort?: FromCohortSource } = {}): Promise<AdaptiveCardJson | undefined> {
  switch (event.kind) {
    case "learn":
      return briefCard(ctx, member, event.sessionNumber!, sources.fromCohort);
    case "apply":
      return applyCard(ctx, member, event.sessionNumber!);
    case "checkin":
      return checkInCard(ctx, member, event.sessionNumber!);
    case "checkin-reminder":
      return checkInCard(ctx, member, event.sessionNumber!, { isReminder: true });
    case "baseline":
    case "adoption":
      return adoptionCard(member, event.adoptionWeek ?? 0);
    case "adoption-reminder":
      return buildAdoptionReminderCard({ cohortId: member.cohort.id, cohortName: member.cohort.name, week: event.adoptionWeek ?? 0 });
    case "policy": {
      const policy = await ctx.repos.policies.current(member.cohort.tenantId);
      return policy ? policyCard(ctx, member.cohort.tenantId, policy, member.membership.userId) : undefined;
    }
  }
}
