/**
 * The Teams activity handler: installs, text commands and Universal Actions. It holds no state of
 * its own (everything lives in Cosmos DB), so any instance can serve any turn.
 */
import { CardFactory, TeamsActivityHandler, TurnContext, type AdaptiveCardInvokeResponse, type AdaptiveCardInvokeValue, type InvokeResponse } from "botbuilder";
import type { AppContext } from "../app-context";
import { buildHelpCard } from "../cards/help.card";
import { buildNoticeCard } from "../cards/notice.card";
import { buildWelcomeCard } from "../cards/welcome.card";
import { AppError, httpStatusFor } from "../domain/errors";
import type { AdaptiveCardJson } from "../domain/ports";
import type { Actor } from "../domain/types";
import { tabUrl } from "../usecases/member/event-cards";
import { whatsNext } from "../usecases/member/my-programme";
import { registerPerson } from "../usecases/member/register-person";
import { actorFromActivity } from "./activity-actor";
import { CARD_ACTIONS, cardForError } from "./card-actions";
import { COMMAND_HANDLERS, matchCommand, scopeOf } from "./command-handlers";
import { cardResponse, errorResponse } from "./invoke-responses";
import type { TeamsServices } from "./teams-services";

export class CohortCoachBot extends TeamsActivityHandler {
  constructor(private readonly ctx: AppContext, private readonly services: TeamsServices) {
    super();

    this.onMessage(async (turn, next) => {
      await this.handleMessage(turn);
      await next();
    });

    this.onInstallationUpdateAdd(async (turn, next) => {
      await this.welcome(turn);
      await next();
    });

    this.onMembersAdded(async (turn, next) => {
      // The bot itself being added is the install; people joining a team hear from it in 1:1 chats.
      if (turn.activity.membersAdded?.some((m) => m.id === turn.activity.recipient.id)) await this.welcome(turn);
      await next();
    });
  }

  private actor(turn: TurnContext): Actor | undefined {
    return actorFromActivity(turn.activity, this.ctx.config.auth.adminUserIds);
  }

  private async remember(turn: TurnContext, actor: Actor): Promise<void> {
    if (scopeOf(turn) === "personal") await registerPerson(this.ctx, actor, TurnContext.getConversationReference(turn.activity));
  }

  private async reply(turn: TurnContext, card: AdaptiveCardJson): Promise<void> {
    await turn.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
  }

  private async welcome(turn: TurnContext): Promise<void> {
    const actor = this.actor(turn);
    if (!actor) return;
    await this.remember(turn, actor);
    let cohortName: string | undefined;
    let nextStep = "Your facilitator will add you to a cohort. Meanwhile, type **policy** to read the AI-use policy, or **ask** to ask anything.";
    try {
      const { member, steps } = await whatsNext(this.ctx, actor);
      cohortName = member.cohort.name;
      nextStep = steps.due.length ? `You have ${steps.due.length} thing${steps.due.length === 1 ? "" : "s"} waiting: type **next** to see them.` : steps.upcoming ? `Your next step arrives on ${steps.upcoming.localDate}. Type **next** any time.` : "Type **next** to see where you are.";
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
    }
    if (scopeOf(turn) !== "personal") nextStep = "Each member gets the programme in a 1:1 chat with me. Admins and facilitators can type **create cohort** here.";
    await this.reply(turn, buildWelcomeCard({ name: actor.displayName, cohortName, nextStep, tabUrl: tabUrl(this.ctx) }));
  }

  private async handleMessage(turn: TurnContext): Promise<void> {
    const actor = this.actor(turn);
    if (!actor) {
      await this.reply(turn, buildNoticeCard("I can't tell who you are", "This message did not come from a Microsoft 365 account I can recognise."));
      return;
    }
    await this.remember(turn, actor);
    const text = TurnContext.removeRecipientMention(turn.activity) ?? turn.activity.text ?? "";
    const command = matchCommand(text);
    if (!command) {
      await this.reply(turn, buildHelpCard({ didNotUnderstand: text.trim() || "that", scope: scopeOf(turn) }));
      return;
    }
    try {
      await this.reply(turn, await COMMAND_HANDLERS[command]!(this.ctx, actor, turn));
    } catch (err) {
      const card = cardForError(err);
      if (!card) throw err;
      await this.reply(turn, card);
    }
  }

  /** Only Universal Actions are invokes we handle; anything else is a clear 400, never a 501. */
  protected override async onInvokeActivity(turn: TurnContext): Promise<InvokeResponse> {
    const activity = turn.activity;
    const value = activity.value as { action?: { type?: unknown; verb?: unknown } } | undefined;
    if (activity.name !== "adaptiveCard/action") {
      return { status: 400, body: errorResponse(400, "NotSupported", `Cohort Coach does not handle '${String(activity.name).slice(0, 60)}' invokes.`) };
    }
    if (!value || typeof value !== "object" || !value.action || typeof value.action !== "object" || value.action.type !== "Action.Execute" || typeof value.action.verb !== "string") {
      return { status: 400, body: errorResponse(400, "BadRequest", "Expected an Action.Execute with a verb.") };
    }
    return super.onInvokeActivity(turn);
  }

  protected override async onAdaptiveCardInvoke(turn: TurnContext, invoke: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    const handler = CARD_ACTIONS[invoke.action.verb];
    if (!handler) return errorResponse(400, "UnknownVerb", `Unknown action '${String(invoke.action.verb).slice(0, 60)}'.`);
    const actor = this.actor(turn);
    if (!actor) return errorResponse(401, "Unauthenticated", "This action did not come from a Microsoft 365 account I can recognise.");
    const data = invoke.action.data && typeof invoke.action.data === "object" && !Array.isArray(invoke.action.data) ? (invoke.action.data as Record<string, unknown>) : {};
    const followUps: Array<() => Promise<void>> = [];
    try {
      await this.remember(turn, actor);
      const card = await handler({ ctx: this.ctx, services: this.services, turn, actor, data, later: (task) => followUps.push(task) });
      return cardResponse(card);
    } catch (err) {
      const card = cardForError(err);
      if (card && err instanceof AppError) {
        this.ctx.logger.info({ verb: invoke.action.verb, code: err.code, status: httpStatusFor[err.code] }, "card action refused");
        return cardResponse(card);
      }
      throw err;
    } finally {
      // After the invoke is answered: Teams wants the card back within a few seconds.
      for (const task of followUps) setImmediate(() => void task().catch((e) => this.ctx.logger.error({ err: e instanceof Error ? e.name : "error" }, "follow-up failed")));
    }
  }
}
