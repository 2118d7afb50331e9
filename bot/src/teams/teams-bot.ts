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
import type { CardSender, Logger } from "../domain/ports";
import { envelopeProblem } from "./activity-envelope";
import { createCardSender } from "./card-sender";
import { CohortCoachBot } from "./cohort-coach.bot";
import { FollowUps } from "./follow-ups";
import { cardResponse, somethingWentWrongCard } from "./invoke-responses";
import { withSchedulerOwnedRetries } from "./scheduler-owned-retries";

export interface TeamsBot {
  handle(req: Request, res: Response): Promise<void>;
  sender: CardSender;
}

export function createTeamsBot(ctx: AppContext): TeamsBot {
  const adapter = new CloudAdapter(withSchedulerOwnedRetries(new ConfigurationBotFrameworkAuthentication(authenticationOptions(ctx.config.bot))));
  adapter.onTurnError = (turn, error) => answerTurnError(ctx.logger, turn, error);

  const botAppId = ctx.config.bot.appId ?? "";
  const sender = createCardSender(adapter, botAppId, ctx.logger);
  const bot = new CohortCoachBot(ctx, { adapter, botAppId, sender });
  return {
    sender,
    async handle(req, res) {
      const problem = envelopeProblem(req.body);
      if (problem) {
        res.status(400);
        res.json({ error: { code: "VALIDATION.INVALID_INPUT", message: problem } });
        return;
      }
      const followUps = new FollowUps();
      await adapter.process(req as never, res as never, async (turn) => {
        followUps.attachTo(turn);
        await bot.run(turn);
      });
      // The response has been written: slow work starts only now, and is not awaited by the request.
      void followUps.run(ctx.logger);
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
 * Ids and the error's kind only: its message may quote what a member wrote, and the user id may
 * belong to someone asking anonymously. The member sees a plain "something went wrong" card.
 */
async function answerTurnError(logger: Logger, turn: TurnContext, error: Error): Promise<void> {
  const { activity } = turn;
  logger.error(
    {
      err: error?.name ?? "Error",
      code: (error as { code?: unknown })?.code,
      frames: error?.stack?.split("\n").slice(1, 6).map((line) => line.trim()),
      activityId: activity.id,
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
    logger.warn({ err: sendError instanceof Error ? sendError.name : "error", activityId: activity.id }, "could not tell the member something went wrong");
  }
}
