/** What each text command answers with: one card, built from the member's records as they are now. */
import type { TurnContext } from "botbuilder";
import type { AppContext } from "../app-context";
import { buildHelpCard } from "../cards/help.card";
import { buildMyDataCard } from "../cards/my-data.card";
import { buildNoticeCard } from "../cards/notice.card";
import { buildQuestionCard } from "../cards/question.card";
import { buildWinCard } from "../cards/win.card";
import { newDraftId } from "../cards/card-kit";
import { actionOfCommand, ruleOf } from "../domain/access-policy";
import type { AdaptiveCardJson } from "../domain/ports";
import type { Actor } from "../domain/types";
import { buildMyCohortsCard, buildOpenQuestionsCard, buildWhoNeedsHelpCard } from "../cards/facilitator.card";
import { checkInCard, eventTitle, policyCard, tabUrl } from "../usecases/member/event-cards";
import { isFacilitator, myCohorts, whoNeedsHelp } from "../usecases/member/facilitator-desk";
import { loadMemberContext, NotInCohortError } from "../usecases/member/member-context";
import { authorizeAction } from "../usecases/access";
import { openQuestions } from "../usecases/questions/open-questions";
import { myData } from "../usecases/member/my-data";
import { myBriefsCard } from "../usecases/member/briefs";
import { myProgress, progressCardOf } from "../usecases/member/my-progress";
import { nextStepsCardOf, whatsNext } from "../usecases/member/whats-next";
import { createCohortForm, teamChannelOf } from "./create-cohort-from-team";
import { scopeOf } from "./scope";

/** The help card for this person: member commands if they are in a cohort, facilitator commands if they look after one. */
export async function helpCardFor(ctx: AppContext, actor: Actor, turn: TurnContext, didNotUnderstand?: string): Promise<AdaptiveCardJson> {
  const scope = scopeOf(turn);
  if (scope !== "personal") return buildHelpCard({ scope, ...(didNotUnderstand !== undefined ? { didNotUnderstand } : {}) });
  const [memberships, facilitator] = await Promise.all([ctx.repos.memberships.listByUser(actor.tenantId, actor.userId), isFacilitator(ctx, actor)]);
  return buildHelpCard({ scope, member: memberships.length > 0 || !facilitator, facilitator, ...(didNotUnderstand !== undefined ? { didNotUnderstand } : {}) });
}

export type CommandHandler = (ctx: AppContext, actor: Actor, turn: TurnContext) => Promise<AdaptiveCardJson>;

/**
 * Each command behind the access policy: its row decides who may use it before the handler runs
 * (every command is tenant-wide; the member commands act on the sender's own programme).
 */
function withAccessPolicy(command: string, handler: CommandHandler): CommandHandler {
  const action = actionOfCommand(command);
  if (!action) throw new Error(`bot command '${command}' has no row in the access policy (domain/access-policy.ts)`);
  if (ruleOf(action).on !== "tenant") throw new Error(`bot command '${command}' names no cohort, so its action must be tenant-wide`);
  return async (ctx, actor, turn) => {
    await authorizeAction(ctx, actor, action, undefined);
    return handler(ctx, actor, turn);
  };
}

const HANDLERS: Readonly<Record<string, CommandHandler>> = {
  help: async (ctx, actor, turn) => helpCardFor(ctx, actor, turn),

  next: async (ctx, actor) => {
    const standing = await whatsNext(ctx, actor).catch(async (err: unknown) => {
      // A facilitator in no cohort of their own: not an error, just a different job.
      if (err instanceof NotInCohortError && (await isFacilitator(ctx, actor))) return undefined;
      throw err;
    });
    if (!standing) {
      return buildNoticeCard("Nothing for you to do as a member", "You facilitate cohorts rather than take part in one. Type **who needs help** to see who asked for help or is stuck, **questions** for open questions, or **my cohorts** for how each cohort is doing.");
    }
    return nextStepsCardOf(ctx, standing);
  },

  "my cohorts": async (ctx, actor) => {
    return buildMyCohortsCard({ cohorts: await myCohorts(ctx, actor), tabUrl: tabUrl(ctx) });
  },

  "who needs help": async (ctx, actor) => {
    return buildWhoNeedsHelpCard({ people: await whoNeedsHelp(ctx, actor), tabUrl: tabUrl(ctx) });
  },

  questions: async (ctx, actor) => {
    return buildOpenQuestionsCard({ questions: await openQuestions(ctx, actor), tabUrl: tabUrl(ctx, "questions") });
  },

  checkin: async (ctx, actor) => {
    const member = await loadMemberContext(ctx, actor);
    const now = ctx.clock.now();
    const latest = member.timeline.findLast((e) => e.kind === "checkin" && new Date(e.dueAt) <= now);
    if (!latest) return buildNoticeCard("No check-in yet", "Your first check-in opens a week after your first session. Until then: try the session on a real piece of work.");
    return checkInCard(ctx, member, latest.sessionNumber!);
  },

  briefs: async (ctx, actor) => myBriefsCard(ctx, actor),

  progress: async (ctx, actor) => {
    return progressCardOf(ctx, await myProgress(ctx, actor));
  },

  policy: async (ctx, actor) => {
    const policy = await ctx.repos.policies.current(actor.tenantId);
    if (!policy) return buildNoticeCard("No AI-use policy yet", "Your organisation has not published one yet. Until it does, ask your manager before using AI with company information.");
    return policyCard(ctx, actor.tenantId, policy, actor.userId);
  },

  ask: async (ctx, actor) => {
    const { cohort } = await loadMemberContext(ctx, actor);
    return buildQuestionCard({ cohortId: cohort.id, cohortName: cohort.name, draftId: newDraftId() });
  },

  win: async (ctx, actor) => {
    const { cohort } = await loadMemberContext(ctx, actor);
    return buildWinCard({ cohortId: cohort.id, cohortName: cohort.name, draftId: newDraftId(), hasChannel: !!cohort.winsChannel, leader: cohort.kind === "leadership" });
  },

  "my data": async (ctx, actor) => {
    const { member, records, helpRequests } = await myData(ctx, actor);
    return buildMyDataCard({ cohortId: member.cohort.id, cohortName: member.cohort.name, records, helpRequests });
  },

  "create cohort": async (ctx, actor, turn) => {
    const team = teamChannelOf(turn);
    if (!team) return buildNoticeCard("Create a cohort from a team", "Type **create cohort** in a channel of the team whose members should take part, mentioning me.");
    return createCohortForm(ctx, actor, team);
  },
};

export const COMMAND_HANDLERS: Readonly<Record<string, CommandHandler>> = Object.fromEntries(Object.entries(HANDLERS).map(([command, handler]) => [command, withAccessPolicy(command, handler)]));
