/**
 * The Teams activity handler: installs, text commands and Universal Actions. It holds no state of
 * its own (everything lives in Cosmos DB), so any instance can serve any turn. Each concern lives
 * in its own file; this one only routes.
 */
import { CardFactory, TeamsActivityHandler, TurnContext, type AdaptiveCardInvokeResponse, type AdaptiveCardInvokeValue, type InvokeResponse } from "botbuilder";
import type { AppContext } from "../app-context";
import { buildNoticeCard } from "../cards/notice.card";
import { buildPersonalChatOnlyCard } from "../cards/personal-chat.card";
import { BOT_COMMANDS, CARD_ACTION_SCOPES, type BotScope } from "../contract/bot-commands";
import { AppError } from "../domain/errors";
import type { AdaptiveCardJson } from "../domain/ports";
import type { Actor } from "../domain/types";
import { unregisterPerson } from "../usecases/member/unregister-person";
import { MalformedActionError } from "./action-data";
import { actorFromActivity } from "./activity-actor";
import { CARD_ACTIONS } from "./card-actions";
import { COMMAND_HANDLERS, helpCardFor } from "./command-handlers";
import { parseCommand } from "./commands";
import { FollowUps } from "./follow-ups";
import { mentionsBot, quietInGroupChat } from "./group-chat-messages";
import { rememberConversation, welcomeCard } from "./install-events";
import { cardResponse, errorResponse, invokeError, noticeForError } from "./invoke-responses";
import { actionAllowedIn, commandAllowedIn, personalChatLink, scopeOf, type Scope } from "./scope";
import type { TeamsServices } from "./teams-services";

export class CohortCoachBot extends TeamsActivityHandler {
  constructor(
    private readonly ctx: AppContext,
    private readonly services: TeamsServices,
  ) {
    super();

    this.onInstallationUpdateAdd(async (turn, next) => {
      const actor = await this.actor(turn);
      if (actor) {
        await rememberConversation(ctx, turn, actor);
        if (turn.activity.action === "add") await reply(turn, await welcomeCard(ctx, turn, actor));
      }
      await next();
    });

    this.onInstallationUpdateRemove(async (turn, next) => {
      const actor = await this.actor(turn);
      if (actor && scopeOf(turn) === "personal") await unregisterPerson(ctx, actor);
      await next();
    });

    this.onMembersAdded(async (turn, next) => {
      // The bot itself being added: the same install as the installationUpdate, which greets.
      const actor = await this.actor(turn);
      if (actor && turn.activity.membersAdded?.some((m) => m.id === turn.activity.recipient.id)) await rememberConversation(ctx, turn, actor);
      await next();
    });

    this.onMessage(async (turn, next) => {
      await this.answerMessage(turn);
      await next();
    });
  }

  private actor(turn: TurnContext): Promise<Actor | undefined> {
    return actorFromActivity(this.ctx, turn.activity);
  }

  private async answerMessage(turn: TurnContext): Promise<void> {
    const actor = await this.actor(turn);
    if (!actor) {
      // The bot reads every message of a group chat it is in: it answers there only when mentioned.
      if (scopeOf(turn) === "groupChat" && !mentionsBot(turn)) return;
      await reply(turn, buildNoticeCard("I can't tell who you are", "This message did not come from a Microsoft 365 account I can recognise."));
      return;
    }
    // A practice pod's chat: counted, never answered; another group chat: answered only when the bot is mentioned.
    if (await quietInGroupChat(this.ctx, turn, actor.tenantId)) return;
    await rememberConversation(this.ctx, turn, actor);
    const text = TurnContext.removeRecipientMention(turn.activity) ?? turn.activity.text ?? "";
    const command = parseCommand(text);
    if (!command) {
      await reply(turn, await helpCardFor(this.ctx, actor, turn, text.trim() || "that"));
      return;
    }
    const scope = scopeOf(turn);
    if (!commandAllowedIn(command, scope)) {
      await reply(turn, this.notHere(turn, BOT_COMMANDS.find((c) => c.name === command)?.scopes ?? [], command));
      return;
    }
    try {
      await reply(turn, await COMMAND_HANDLERS[command]!(this.ctx, actor, turn));
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      await reply(turn, noticeForError(err));
    }
  }

  /**
   * The answer to a command or card action used outside the scopes it is declared for. Anything
   * personal points to the 1:1 chat and shows nothing; a team-only one says where it works.
   */
  private notHere(turn: TurnContext, allowed: readonly BotScope[], command?: string): AdaptiveCardJson {
    if (allowed.includes("personal")) return buildPersonalChatOnlyCard({ chatUrl: personalChatLink(turn, this.services.botAppId) });
    const where = allowed.map((s: Scope) => (s === "team" ? "in a channel of the team, mentioning me" : s === "groupChat" ? "in a group chat, mentioning me" : "in your 1:1 chat with me")).join(", or ");
    return buildNoticeCard("Not here", `${command ? `**${command}** works` : "This works"} ${where || "nowhere"}.`);
  }

  /** Only Universal Actions are invokes this bot handles; anything else is a clear 400, never a 5xx. */
  protected override async onInvokeActivity(turn: TurnContext): Promise<InvokeResponse> {
    const { name, value } = turn.activity;
    if (name !== "adaptiveCard/action") return invokeError(400, "NotSupported", `Cohort Coach does not handle '${String(name).slice(0, 60)}' invokes.`);
    const action = (value as { action?: { type?: unknown; verb?: unknown } } | undefined)?.action;
    if (!action || typeof action !== "object" || action.type !== "Action.Execute" || typeof action.verb !== "string") {
      return invokeError(400, "BadRequest", "Expected an Action.Execute with a verb.");
    }
    return super.onInvokeActivity(turn);
  }

  protected override async onAdaptiveCardInvoke(turn: TurnContext, invoke: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    const { verb } = invoke.action;
    const handler = CARD_ACTIONS.get(verb);
    if (!handler) return errorResponse(400, "UnknownVerb", `Unknown action '${verb.slice(0, 60)}'.`);
    const actor = await this.actor(turn);
    if (!actor) return errorResponse(401, "Unauthenticated", "This action did not come from a Microsoft 365 account I can recognise.");
    const scope = scopeOf(turn);
    if (!actionAllowedIn(verb, scope)) {
      // Logged without the user id: the action may be an anonymous question.
      this.ctx.logger.info({ tenantId: actor.tenantId, verb, scope }, "card action refused outside its scope");
      return cardResponse(this.notHere(turn, CARD_ACTION_SCOPES[verb] ?? []));
    }
    const data = isRecord(invoke.action.data) ? invoke.action.data : {};
    const followUps = FollowUps.of(turn);
    try {
      return cardResponse(await handler({ ctx: this.ctx, services: this.services, turn, actor, data, later: (task) => followUps.add(task) }));
    } catch (err) {
      // Logged without the user id: the action may be an anonymous question.
      if (err instanceof MalformedActionError) {
        this.ctx.logger.info({ tenantId: actor.tenantId, verb, problems: err.problems }, "malformed card action");
        return errorResponse(400, "BadRequest", "This card's data is not valid. Type **help** for a fresh start.");
      }
      if (!(err instanceof AppError)) throw err;
      this.ctx.logger.info({ tenantId: actor.tenantId, verb, code: err.code }, "card action refused");
      return cardResponse(noticeForError(err));
    }
  }
}

async function reply(turn: TurnContext, card: AdaptiveCardJson): Promise<void> {
  await turn.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === "object" && !Array.isArray(value);
}
