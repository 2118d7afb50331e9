/**
 * The bot endpoint: botbuilder's CloudAdapter in front of the Cohort Coach handler. With a bot id
 * configured, every activity's Bot Framework token is validated (single-tenant secret or managed
 * identity); with none (local mode, loopback only) it runs without auth, as the Agents Playground
 * expects.
 */
import { CardFactory, CloudAdapter, ConfigurationBotFrameworkAuthentication, type ConfigurationBotFrameworkAuthenticationOptions } from "botbuilder";
import type { Request, Response } from "restify";
import type { AppContext } from "../app-context";
import { buildNoticeCard } from "../cards/notice.card";
import type { CardSender } from "../domain/ports";
import { envelopeProblem } from "./activity-envelope";
import { withSchedulerOwnedRetries } from "./scheduler-owned-retries";
import { createCardSender } from "./card-sender";
import { CohortCoachBot } from "./cohort-coach.bot";

export interface TeamsBot {
  handle(req: Request, res: Response): Promise<void>;
  sender: CardSender;
}

export function createTeamsBot(ctx: AppContext): TeamsBot {
  const { bot } = ctx.config;
  const options: ConfigurationBotFrameworkAuthenticationOptions = bot.appId
    ? {
        MicrosoftAppId: bot.appId,
        MicrosoftAppType: bot.type,
        MicrosoftAppTenantId: bot.tenantId,
        ...(bot.type === "SingleTenant" ? { MicrosoftAppPassword: bot.password } : {}),
      }
    : {};
  const adapter = new CloudAdapter(withSchedulerOwnedRetries(new ConfigurationBotFrameworkAuthentication(options)));

  adapter.onTurnError = async (turn, error) => {
    // Ids only: the error message may quote what the member wrote.
    ctx.logger.error({ err: error.name, activityType: turn.activity.type, conversationType: turn.activity.conversation?.conversationType }, "unhandled error in a bot turn");
    if (turn.activity.type === "message") {
      await turn.sendActivity({ attachments: [CardFactory.adaptiveCard(buildNoticeCard("Sorry, something went wrong", "I could not do that just now. Please try again in a minute."))] }).catch(() => undefined);
    }
  };

  const sender = createCardSender(adapter, bot.appId ?? "", ctx.logger);
  const handler = new CohortCoachBot(ctx, { adapter, botAppId: bot.appId ?? "", sender });
  return {
    sender,
    async handle(req, res) {
      const problem = envelopeProblem(req.body);
      if (problem) {
        res.status(400);
        res.json({ error: { code: "VALIDATION.INVALID_INPUT", message: problem } });
        return;
      }
      await adapter.process(req as never, res as never, (turn) => handler.run(turn));
    },
  };
}
