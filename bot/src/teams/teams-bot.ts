/**
 * The bot endpoint: botbuilder's CloudAdapter in front of the Cohort Coach handler. With a bot id
 * configured, every activity's Bot Framework token is validated (single-tenant secret or managed
 * identity) and an activity without one is refused with 401; with none (local mode, which only
 * binds to loopback) it runs without auth, as the Agents Playground expects.
 */
import { ActivityTypes, CardFactory, CloudAdapter, ConfigurationBotFrameworkAuthentication, type ConfigurationBotFrameworkAuthenticationOptions, type TurnContext } from "botbuilder";
import type { Request, Response } from "restify";
import type { AppContext } from "../app-context";
import type { Config } from "../config";
import type { CardSender, Directory, Logger, PersonalChatOpener } from "../domain/ports";
import { newCorrelationId, withCorrelationId } from "../logger";
import { envelopeProblem } from "./activity-envelope";
import { createBotThrottle, DEFAULT_BOT_LIMITS } from "./bot-throttle";
import { isLoopbackServiceUrl } from "./conversation-references";
import { createCardSender } from "./card-sender";
import { CohortCoachBot } from "./cohort-coach.bot";
import { createPersonalChatOpener } from "./personal-chats";
import { createTeamDirectory } from "./team-directory";
import { FollowUps } from "./follow-ups";
import { cardResponse, somethingWentWrongCard } from "./invoke-responses";
import { withSchedulerOwnedRetries } from "./scheduler-owned-retries";

export interface TeamsBot {
  handle(req: Request, res: Response): Promise<void>;
  sender: CardSender;
  /** Opens 1:1 chats with people the bot has not talked to, for the scheduler's deliveries. */
  chats: PersonalChatOpener;
  /** Reads the rosters of the teams the app is installed in, for the tab's people import. */
  directory: Directory;
}

export function createTeamsBot(ctx: AppContext): TeamsBot {
  const adapter = new CloudAdapter(withSchedulerOwnedRetries(new ConfigurationBotFrameworkAuthentication(authenticationOptions(ctx.config.bot))));
  adapter.onTurnError = (turn, error) => answerTurnError(ctx.logger, turn, error);

  const botAppId = ctx.config.bot.appId ?? "";
  const sender = createCardSender(adapter, botAppId, ctx.logger);
  const chats = createPersonalChatOpener(adapter, botAppId);
  const bot = new CohortCoachBot(ctx, { adapter, botAppId, sender, chats });
  const throttle = createBotThrottle(ctx.config.botLimits ?? DEFAULT_BOT_LIMITS);
  const authenticated = !!ctx.config.bot.appId;
  return {
    sender,
    chats,
    directory: createTeamDirectory(adapter, botAppId, ctx.logger),
    async handle(req, res) {
      const ip = req.socket?.remoteAddress ?? "unknown";
      const problem = envelopeProblem(req.body);
      if (problem) {
        res.status(400);
        res.json({ error: { code: "VALIDATION.INVALID_INPUT", message: problem } });
        return;
      }
      const activity = req.body as { serviceUrl: string; type: string; from?: { id?: unknown; aadObjectId?: unknown }; conversation: { id: string; tenantId?: unknown } };
      const admission = await throttle.admit(activity, ip);
      if (!admission.ok) {
        // No user or conversation id in the log: the sender may be about to ask anonymously.
        ctx.logger.warn({ reason: admission.reason, retryAfterSeconds: admission.retryAfterSeconds }, "bot activity throttled");
        res.header("Retry-After", String(admission.retryAfterSeconds));
        res.status(429);
        res.json({ error: { code: "RATE.LIMITED", message: `Too many requests. Try again in ${admission.retryAfterSeconds} s.` } });
        return;
      }
      // Without bot authentication (local mode) no sender is verified: only a Bot Connector on this
      // machine (Agents Playground, the tests' stand-in) may post, so nobody can redirect replies or
      // stored references elsewhere. With it, the CloudAdapter checks the token's serviceurl claim.
      if (!authenticated && !isLoopbackServiceUrl(activity.serviceUrl)) {
        await throttle.authFailed(ip);
        ctx.logger.warn({ activityType: String(activity.type).slice(0, 64) }, "bot activity refused: non-loopback serviceUrl without bot authentication");
        res.status(401);
        res.json({ error: { code: "AUTH.UNAUTHENTICATED", message: "Without bot authentication only a local Bot Connector (loopback serviceUrl) may post activities." } });
        return;
      }
      const followUps = new FollowUps();
      let authenticatedTurn = false;
      // One id for the turn's log lines, its error handler's and its follow-ups' (the request's id is
      // their parent). Not the activity id: that would tie an anonymous question's turn to its asker.
      const turnId = newCorrelationId();
      await withCorrelationId(turnId, () => adapter.process(req as never, res as never, async (turn) => {
        authenticatedTurn = true;
        followUps.attachTo(turn);
        turn.onSendActivities(async (context, activities, next) => {
          const isReply = (a: { type?: string }) => a.type !== ActivityTypes.InvokeResponse && a.type !== ActivityTypes.Trace;
          const replies = activities.filter(isReply).length;
          if (await throttle.mayReply(context.activity.conversation.id, replies)) return next();
          ctx.logger.warn({ tenantId: context.activity.conversation.tenantId, replies }, "bot replies capped for this conversation");
          // Drop the replies; an invoke still gets its response.
          for (let i = activities.length - 1; i >= 0; i--) if (isReply(activities[i]!)) activities.splice(i, 1);
          return activities.length ? next() : [];
        });
        await bot.run(turn);
      }));
      // The adapter refused the Bot Framework token (the turn never ran): count it against the IP.
      if (!authenticatedTurn && res.statusCode === 401) await throttle.authFailed(ip);
      // The response has been written: slow work starts only now, and is not awaited by the request.
      void withCorrelationId(turnId, () => followUps.run(ctx.logger));
    },
  };
}

function authenticationOptions(bot: Config["bot"]): ConfigurationBotFrameworkAuthenticationOptions {
  if (!bot.appId) return {};
  return {
    MicrosoftAppId: bot.appId,
    MicrosoftAppType: bot.type,
    MicrosoftAppTenantId: bot.tenantId,
    ...(bot.type === "SingleTenant" ? { MicrosoftAppPassword: bot.password } : {}),
  };
}

/**
 * The error's kind and the tenant only: its message may quote what a member wrote, and the user,
 * conversation and activity ids may belong to someone asking anonymously (they would tie the turn
 * to a person). The member sees a plain "something went wrong" card.
 */
async function answerTurnError(logger: Logger, turn: TurnContext, error: Error): Promise<void> {
  const { activity } = turn;
  logger.error(
    {
      err: error?.name ?? "Error",
      code: (error as { code?: unknown })?.code,
      frames: error?.stack?.split("\n").slice(1, 6).map((line) => line.trim()),
      activityType: activity.type,
      invoke: activity.name,
      tenantId: activity.conversation?.tenantId,
    },
    "unhandled error in a bot turn",
  );
  const card = somethingWentWrongCard();
  try {
    if (activity.type === ActivityTypes.Invoke) await turn.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200, body: cardResponse(card) } });
    else if (activity.type === ActivityTypes.Message) await turn.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
  } catch (sendError) {
    logger.warn({ err: sendError instanceof Error ? sendError.name : "error", activityType: activity.type }, "could not tell the member something went wrong");
  }
}
