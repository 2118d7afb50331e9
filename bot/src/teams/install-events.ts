/**
 * Installs. Each remembers how to reach whatever the app was added to: a person's 1:1 chat, or a
 * team (for cohorts that post wins there). Teams sends both an `installationUpdate` and a
 * `conversationUpdate` for one install; only the first greets, so nobody is welcomed twice, and an
 * app upgrade ("add-upgrade") greets nobody.
 */
import type { TurnContext } from "botbuilder";
import type { AppContext } from "../app-context";
import { buildWelcomeCard } from "../cards/welcome.card";
import type { AdaptiveCardJson } from "../domain/ports";
import type { Actor } from "../domain/types";
import { eventTitle, tabUrl } from "../usecases/member/event-cards";
import { facilitatedCohorts } from "../usecases/member/facilitator-desk";
import { NotInCohortError } from "../usecases/member/member-context";
import { registerPerson } from "../usecases/member/register-person";
import { registerTeam } from "../usecases/member/register-team";
import { whatsNext } from "../usecases/member/whats-next";
import { mayRememberReference, referenceOf } from "./conversation-references";
import { seenTeam, teamChannelOf } from "./create-cohort-from-team";
import { scopeOf } from "./scope";

/** Also called on every message: a chat's reference or a team's endpoint may have changed since the install. */
export async function rememberConversation(ctx: AppContext, turn: TurnContext, actor: Actor): Promise<void> {
  if (!mayRememberReference(turn)) {
    ctx.logger.warn({ tenantId: actor.tenantId, activityType: turn.activity.type }, "conversation reference not stored: sender not verified");
    return;
  }
  if (scopeOf(turn) === "personal") {
    await registerPerson(ctx, actor, referenceOf(turn.activity));
    return;
  }
  const team = teamChannelOf(turn);
  if (team) await registerTeam(ctx, actor.tenantId, seenTeam(team, turn.activity.serviceUrl));
}

/** The programme in two sentences (on the card) and this person's next step. */
export async function welcomeCard(ctx: AppContext, turn: TurnContext, actor: Actor): Promise<AdaptiveCardJson> {
  const scope = scopeOf(turn);
  if (scope !== "personal") {
    const nextStep = scope === "team"
      ? "Each member gets the programme in a 1:1 chat with me. Admins and facilitators can type **create cohort** here to start a cohort with this team."
      : "Each member gets the programme in a 1:1 chat with me. Type **help** to see what I can do.";
    return buildWelcomeCard({ name: "", nextStep, tabUrl: tabUrl(ctx) });
  }
  const standing = await whatsNext(ctx, actor).catch((err: unknown) => {
    if (err instanceof NotInCohortError) return undefined;
    throw err;
  });
  const facilitated = await facilitatedCohorts(ctx, actor);
  const facilitator = facilitated.length > 0;
  if (!standing && facilitator) {
    const names = facilitated.slice(0, 3).map((c) => c.name).join(", ");
    const more = facilitated.length > 3 ? ` and ${facilitated.length - 3} more` : "";
    return buildWelcomeCard({
      name: actor.displayName,
      nextStep: `You look after ${facilitated.length === 1 ? "one cohort" : `${facilitated.length} cohorts`}: ${names}${more}. Type **who needs help** to see who asked for help or is stuck, **questions** for open questions, and **my cohorts** for how each cohort is doing.`,
      tabUrl: tabUrl(ctx),
      facilitator: true,
    });
  }
  if (!standing) {
    return buildWelcomeCard({ name: actor.displayName, nextStep: "Your facilitator will add you to a cohort. Meanwhile, type **policy** to read the AI-use policy.", tabUrl: tabUrl(ctx) });
  }
  const { member, steps } = standing;
  const [first] = steps.due;
  const nextStep = first
    ? `First: **${eventTitle(member.track, first)}**.${steps.due.length > 1 ? ` ${steps.due.length - 1} more after that.` : ""} Type **next** to open it.`
    : steps.upcoming
      ? `**${eventTitle(member.track, steps.upcoming)}** arrives on ${steps.upcoming.localDate}. Type **next** any time.`
      : "Type **next** to see where you are.";
  return buildWelcomeCard({ name: actor.displayName, cohortName: member.cohort.name, nextStep: facilitator ? `${nextStep} As a facilitator, type **who needs help** or **questions** any time.` : nextStep, tabUrl: tabUrl(ctx), facilitator });
}
