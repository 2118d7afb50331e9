/** What each text command answers with: one card, built from the member's records as they are now. */
import type { TurnContext } from "botbuilder";
import type { AppContext } from "../app-context";
import { buildHelpCard } from "../cards/help.card";
import { buildMyDataCard } from "../cards/my-data.card";
import { buildNextStepsCard } from "../cards/next-steps.card";
import { buildNoticeCard } from "../cards/notice.card";
import { buildProgressCard } from "../cards/progress.card";
import { buildQuestionCard } from "../cards/question.card";
import { buildWinCard } from "../cards/win.card";
import { newDraftId } from "../cards/card-kit";
import type { AdaptiveCardJson } from "../domain/ports";
import type { Actor } from "../domain/types";
import { buildMyCohortsCard, buildOpenQuestionsCard, buildWhoNeedsHelpCard, facilitatorsOnlyText } from "../cards/facilitator.card";
import { checkInCard, eventTitle, policyCard, tabUrl } from "../usecases/member/event-cards";
import { isFacilitator, myCohorts, whoNeedsHelp } from "../usecases/member/facilitator-desk";
import { loadMemberContext, NotInCohortError } from "../usecases/member/member-context";
import { openQuestions } from "../usecases/questions/open-questions";
import { myData } from "../usecases/member/my-data";
import { myBriefsCard } from "../usecases/member/briefs";
import { myProgress } from "../usecases/member/my-progress";
import { whatsNext } from "../usecases/member/whats-next";
import { createCohortForm, mayCreateCohorts, teamChannelOf } from "./create-cohort-from-team";
import { scopeOf } from "./scope";

/** The help card for this person: member commands if they are in a cohort, facilitator commands if they look after one. */
export async function helpCardFor(ctx: AppContext, actor: Actor, turn: TurnContext, didNotUnderstand?: string): Promise<AdaptiveCardJson> {
  const scope = scopeOf(turn);
  if (scope !== "personal") return buildHelpCard({ scope, ...(didNotUnderstand !== undefined ? { didNotUnderstand } : {}) });
  const [memberships, facilitator] = await Promise.all([ctx.repos.memberships.listByUser(actor.tenantId, actor.userId), isFacilitator(ctx, actor)]);
  return buildHelpCard({ scope, member: memberships.length > 0 || !facilitator, facilitator, ...(didNotUnderstand !== undefined ? { didNotUnderstand } : {}) });
}

export type CommandHandler = (ctx: AppContext, actor: Actor, turn: TurnContext) => Promise<AdaptiveCardJson>;

export const COMMAND_HANDLERS: Readonly<Record<string, CommandHandler>> = {
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
    const { member, steps } = standing;
    return buildNextStepsCard({ cohortId: member.cohort.id, cohortName: member.cohort.name, due: steps.due, upcoming: steps.upcoming, titleOf: (e) => eventTitle(member.track, e) });
  },

  "my cohorts": async (ctx, actor) => {
    if (!(await isFacilitator(ctx, actor))) return buildNoticeCard("For facilitators", facilitatorsOnlyText("my cohorts"));
    return buildMyCohortsCard({ cohorts: await myCohorts(ctx, actor), tabUrl: tabUrl(ctx) });
  },

  "who needs help": async (ctx, actor) => {
    if (!(await isFacilitator(ctx, actor))) return buildNoticeCard("For facilitators", facilitatorsOnlyText("who needs help"));
    return buildWhoNeedsHelpCard({ people: await whoNeedsHelp(ctx, actor), tabUrl: tabUrl(ctx) });
  },

  questions: async (ctx, actor) => {
    if (!(await isFacilitator(ctx, actor))) return buildNoticeCard("For facilitators", facilitatorsOnlyText("questions"));
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
    const { member, summary } = await myProgress(ctx, actor);
    return buildProgressCard({ cohortName: member.cohort.name, summary });
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
    return buildWinCard({ cohortId: cohort.id, cohortName: cohort.name, draftId: newDraftId(), hasChannel: !!cohort.winsChannel });
  },

  "my data": async (ctx, actor) => {
    const { member, records, helpRequests } = await myData(ctx, actor);
    return buildMyDataCard({ cohortId: member.cohort.id, cohortName: member.cohort.name, records, helpRequests });
  },

  "create cohort": async (ctx, actor, turn) => {
    const team = teamChannelOf(turn);
    if (!team) return buildNoticeCard("Create a cohort from a team", "Type **create cohort** in a channel of the team whose members should take part, mentioning me.");
    if (!(await mayCreateCohorts(ctx, actor))) return buildNoticeCard("Not allowed", "Only admins and facilitators can create cohorts. Ask your L&D team to set one up for this team.");
    return createCohortForm(ctx, actor, team);
  },
};
