/**
 * Universal Actions: one handler per Action.Execute verb. Each parses the card's data with that
 * card's schema, calls a use case as the acting member and answers with the updated card. Invalid
 * input comes back as the same card with the problem shown, and nothing is stored.
 */
import type { TurnContext } from "botbuilder";
import type { ZodType } from "zod";
import type { AppContext } from "../app-context";
import { ADOPTION_VERBS, AdoptionSubmission, buildAdoptionCard, buildAdoptionSubmittedCard } from "../cards/adoption.card";
import { APPLY_VERBS, ApplySubmission, buildApplyCard, buildApplySubmittedCard } from "../cards/apply.card";
import { buildCheckInCard, buildCheckInSubmittedCard, CHECKIN_VERBS, CheckInSubmission } from "../cards/checkin.card";
import { buildCohortCreatedCard, CREATE_COHORT_VERBS, CreateCohortSubmission } from "../cards/create-cohort.card";
import { errorBanner } from "../cards/card-kit";
import { ALERT_VERBS, buildFacilitatorAlertCard } from "../cards/facilitator-alert.card";
import { buildMyDataCard, buildMyDataDeletedCard, MY_DATA_VERBS } from "../cards/my-data.card";
import { NEXT_VERBS } from "../cards/next-steps.card";
import { buildNoticeCard } from "../cards/notice.card";
import { buildPolicyAcknowledgedCard, POLICY_VERBS } from "../cards/policy.card";
import { buildQuestionCard, buildQuestionSentCard, QUESTION_VERBS, QuestionSubmission } from "../cards/question.card";
import { buildWinCard, buildWinSharedCard, WIN_VERBS, WinSubmission } from "../cards/win.card";
import { issuesFromZod } from "../cards/validation";
import { AppError, NotFoundError } from "../domain/errors";
import { diffPolicies } from "../domain/policy-diff";
import type { AdaptiveCardJson } from "../domain/ports";
import type { Actor } from "../domain/types";
import { acknowledgeAlert } from "../usecases/member/acknowledge-alert";
import { acknowledgePolicy } from "../usecases/member/acknowledge-policy";
import { answerAdoptionCheck } from "../usecases/member/answer-adoption-check";
import { askQuestion } from "../usecases/member/ask-question";
import { commitToDeliverable } from "../usecases/member/commit-to-deliverable";
import { cardForEvent, checkInCard, tabUrl } from "../usecases/member/event-cards";
import { loadMemberContext } from "../usecases/member/member-context";
import { deleteMyData, myData } from "../usecases/member/my-programme";
import { recordCheckIn } from "../usecases/member/record-check-in";
import { shareWin } from "../usecases/member/share-win";
import { createCohortCardFor, createCohortFromTeam } from "./create-cohort-from-team";
import { sendAlertsToFacilitators, postWinToChannel } from "./follow-ups";
import type { TeamsServices } from "./teams-services";

export interface ActionRequest {
  ctx: AppContext;
  services: TeamsServices;
  turn: TurnContext;
  actor: Actor;
  data: Record<string, unknown>;
  /** Work to do after the invoke is answered (Teams wants an answer within seconds). */
  later(task: () => Promise<void>): void;
}

export type ActionHandler = (request: ActionRequest) => Promise<AdaptiveCardJson>;

/** Parses card data; on failure returns the card to show instead (with the problem explained). */
function parse<T>(schema: ZodType<T>, data: unknown, onInvalid: (message: string, issues: ReturnType<typeof issuesFromZod>) => Promise<AdaptiveCardJson> | AdaptiveCardJson): { ok: true; value: T } | { ok: false; card: () => Promise<AdaptiveCardJson> } {
  const result = schema.safeParse(data);
  if (result.success) return { ok: true, value: result.data };
  const issues = issuesFromZod(result.error);
  return { ok: false, card: async () => onInvalid("Please check your answers: nothing was saved yet.", issues) };
}

const str = (v: unknown) => (typeof v === "string" ? v : "");
const num = (v: unknown) => (typeof v === "number" ? v : Number(v));

export const CARD_ACTIONS: Record<string, ActionHandler> = {
  [CHECKIN_VERBS.submit]: async ({ ctx, actor, data, services, later }) => {
    const parsed = parse(CheckInSubmission, data, async (message, issues) => {
      const member = await loadMemberContext(ctx, actor, str(data.cohortId));
      const session = member.track.sessions.find((s) => s.number === num(data.sessionNumber)) ?? member.track.sessions[0]!;
      return buildCheckInCard(
        { cohortId: member.cohort.id, cohortName: member.cohort.name, sessionNumber: session.number, sessionTitle: session.title, reflectQuestions: session.reflectQuestions, userId: actor.userId, previous: { tried: str(data.tried), worked: str(data.worked), stuck: str(data.stuck) } },
        { message, issues },
      );
    });
    if (!parsed.ok) return parsed.card();
    const outcome = await recordCheckIn(ctx, actor, parsed.value);
    const session = outcome.member.track.sessions.find((s) => s.number === parsed.value.sessionNumber)!;
    if (outcome.newAlerts.length) later(() => sendAlertsToFacilitators(ctx, services, outcome.member.cohort, outcome.newAlerts));
    return buildCheckInSubmittedCard(
      { cohortId: outcome.member.cohort.id, cohortName: outcome.member.cohort.name, sessionNumber: session.number, sessionTitle: session.title, reflectQuestions: [], userId: actor.userId },
      outcome.checkIn,
      outcome.updated,
    );
  },

  [CHECKIN_VERBS.refresh]: async ({ ctx, actor, data }) => {
    const member = await loadMemberContext(ctx, actor, str(data.cohortId));
    const sessionNumber = num(data.sessionNumber);
    const existing = await ctx.repos.loop.getCheckIn(actor.tenantId, member.cohort.id, sessionNumber, actor.userId);
    const session = member.track.sessions.find((s) => s.number === sessionNumber);
    if (!session) throw new NotFoundError("That session is not part of your programme.");
    if (existing && data.edit !== true) {
      return buildCheckInSubmittedCard({ cohortId: member.cohort.id, cohortName: member.cohort.name, sessionNumber, sessionTitle: session.title, reflectQuestions: [], userId: actor.userId }, existing, true);
    }
    return checkInCard(ctx, member, sessionNumber);
  },

  [APPLY_VERBS.submit]: async ({ ctx, actor, data }) => {
    const parsed = parse(ApplySubmission, data, async (message, issues) => {
      const member = await loadMemberContext(ctx, actor, str(data.cohortId));
      const session = member.track.sessions.find((s) => s.number === num(data.sessionNumber)) ?? member.track.sessions[0]!;
      return buildApplyCard({ cohortId: member.cohort.id, cohortName: member.cohort.name, sessionNumber: session.number, prompt: session.apply.prompt, examples: session.apply.examples }, { message, issues, value: str(data.deliverable).slice(0, 400) });
    });
    if (!parsed.ok) return parsed.card();
    const { member, commitment } = await commitToDeliverable(ctx, actor, parsed.value);
    const session = member.track.sessions.find((s) => s.number === commitment.sessionNumber)!;
    return buildApplySubmittedCard({ cohortId: member.cohort.id, cohortName: member.cohort.name, sessionNumber: session.number, prompt: session.apply.prompt, examples: [] }, commitment.deliverable);
  },

  [ADOPTION_VERBS.submit]: async ({ ctx, actor, data }) => {
    const parsed = parse(AdoptionSubmission, data, async (message, issues) => {
      const member = await loadMemberContext(ctx, actor, str(data.cohortId));
      return buildAdoptionCard({ cohortId: member.cohort.id, cohortName: member.cohort.name, week: Number.isInteger(num(data.week)) ? num(data.week) : 0 }, { message, issues });
    });
    if (!parsed.ok) return parsed.card();
    const { member, answer } = await answerAdoptionCheck(ctx, actor, parsed.value);
    return buildAdoptionSubmittedCard({ cohortId: member.cohort.id, cohortName: member.cohort.name, week: answer.week }, answer);
  },

  [POLICY_VERBS.acknowledge]: async ({ ctx, actor, data }) => {
    const version = num(data.version);
    if (!Number.isInteger(version) || version < 1) throw new NotFoundError("That policy version does not exist.");
    const policy = await acknowledgePolicy(ctx, actor, version);
    const previous = policy.version > 1 ? await ctx.repos.policies.get(actor.tenantId, policy.version - 1) : undefined;
    return buildPolicyAcknowledgedCard({ policy, changes: diffPolicies(previous, policy), tabUrl: tabUrl(ctx, "policy") });
  },

  [QUESTION_VERBS.submit]: async ({ ctx, actor, data }) => {
    const parsed = parse(QuestionSubmission, data, async (message, issues) => {
      const member = await loadMemberContext(ctx, actor, str(data.cohortId));
      const draftId = /^[A-Za-z0-9-]{8,64}$/.test(str(data.draftId)) ? str(data.draftId) : globalThis.crypto.randomUUID();
      return buildQuestionCard({ cohortId: member.cohort.id, cohortName: member.cohort.name, draftId }, { message, issues, text: str(data.text).slice(0, 1000), anonymous: data.anonymous === "true" });
    });
    if (!parsed.ok) return parsed.card();
    const { member, question } = await askQuestion(ctx, actor, parsed.value);
    return buildQuestionSentCard({ cohortId: member.cohort.id, cohortName: member.cohort.name, draftId: parsed.value.draftId }, question.text, question.anonymous);
  },

  [WIN_VERBS.submit]: async ({ ctx, actor, data, services, later }) => {
    const parsed = parse(WinSubmission, data, async (message, issues) => {
      const member = await loadMemberContext(ctx, actor, str(data.cohortId));
      const draftId = /^[A-Za-z0-9-]{8,64}$/.test(str(data.draftId)) ? str(data.draftId) : globalThis.crypto.randomUUID();
      return buildWinCard({ cohortId: member.cohort.id, cohortName: member.cohort.name, draftId, hasChannel: !!member.cohort.winsChannel }, { message, issues, text: str(data.text).slice(0, 1000) });
    });
    if (!parsed.ok) return parsed.card();
    const { member, win, willPost } = await shareWin(ctx, actor, parsed.value);
    if (willPost) later(() => postWinToChannel(ctx, services, member.cohort, win));
    return buildWinSharedCard({ cohortId: member.cohort.id, cohortName: member.cohort.name, draftId: parsed.value.draftId, hasChannel: !!member.cohort.winsChannel }, win.text, willPost);
  },

  [ALERT_VERBS.reachOut]: async ({ ctx, actor, data }) => {
    const { cohort, alert } = await acknowledgeAlert(ctx, actor, { cohortId: str(data.cohortId), alertId: str(data.alertId) });
    const taker = alert.acknowledgedBy === actor.userId ? actor.displayName || "You" : (await ctx.repos.people.get(actor.tenantId, alert.acknowledgedBy!))?.displayName || "A facilitator";
    return buildFacilitatorAlertCard({ cohortId: cohort.id, cohortName: cohort.name, alertId: alert.id, memberName: alert.displayName, reason: alert.reason, sessionNumber: alert.sessionNumber, context: alert.context, acknowledgedByName: taker });
  },

  [NEXT_VERBS.open]: async ({ ctx, actor, data }) => {
    const member = await loadMemberContext(ctx, actor, str(data.cohortId));
    const event = member.timeline.find((e) => e.key === str(data.eventKey));
    if (!event) throw new NotFoundError("That step is not part of your programme.");
    return (await cardForEvent(ctx, member, event)) ?? buildNoticeCard("Nothing to do here", "This step does not need an answer.");
  },

  [MY_DATA_VERBS.askDelete]: async ({ ctx, actor, data }) => {
    const { member, records } = await myData(ctx, actor, str(data.cohortId));
    return buildMyDataCard({ cohortId: member.cohort.id, cohortName: member.cohort.name, records }, data.cancel !== true);
  },

  [MY_DATA_VERBS.confirmDelete]: async ({ ctx, actor, data }) => {
    const { member, deleted } = await deleteMyData(ctx, actor, str(data.cohortId));
    return buildMyDataDeletedCard(member.cohort.name, deleted);
  },

  [CREATE_COHORT_VERBS.submit]: async ({ ctx, actor, data, turn, services, later }) => {
    const parsed = parse(CreateCohortSubmission, data, async (message, issues) => withError(await createCohortCardFor(ctx, actor, turn), message, issues));
    if (!parsed.ok) return parsed.card();
    const { cohort, memberCount } = await createCohortFromTeam(ctx, services, turn, actor, parsed.value, later);
    return buildCohortCreatedCard(cohort.name, memberCount, cohort.startDate);
  },
};

/** The same card with an error banner under its heading. */
function withError(card: AdaptiveCardJson, message: string, issues: ReturnType<typeof issuesFromZod>): AdaptiveCardJson {
  const body = [...(card.body as unknown[])];
  body.splice(2, 0, errorBanner(message, issues));
  return { ...card, body };
}

/** Maps an application error to the card a member sees; never a stack trace or internal message. */
export function cardForError(err: unknown): AdaptiveCardJson | undefined {
  if (err instanceof AppError) {
    const titles: Record<string, string> = {
      "RESOURCE.NOT_FOUND": "Not found",
      "AUTH.FORBIDDEN": "Not allowed",
      "CONCURRENCY.CONFLICT": "Something changed",
      "VALIDATION.INVALID_INPUT": "Please check that",
    };
    return buildNoticeCard(titles[err.code] ?? "Sorry", err.message);
  }
  return undefined;
}
