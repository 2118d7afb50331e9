import type { TurnContext } from "botbuilder";
import type { AppContext } from "../../app-context";
import type { AdaptiveCardJson } from "../../domain/ports";
import { actionOfVerb, ruleOf } from "../../domain/access-policy";
import type { Actor } from "../../domain/types";
import { authorizeAction } from "../../usecases/access";
import { CohortRef, parseActionData } from "../action-data";
import type { TeamsServices } from "../teams-services";

/** One Action.Execute, as a handler sees it: who acts (from the activity, never the data) and the card's data. */
export interface ActionRequest {
  ctx: AppContext;
  services: TeamsServices;
  turn: TurnContext;
  actor: Actor;
  data: Record<string, unknown>;
  /** Work to do once the invoke is answered (Teams wants the card back within seconds). */
  later(task: () => Promise<unknown>): void;
}

/** Answers an action with the card that replaces the one the member clicked. */
export type ActionHandler = (request: ActionRequest) => Promise<AdaptiveCardJson>;

export type ActionHandlers = Record<string, ActionHandler>;

/**
 * The handler behind the access policy: the verb's row decides who may use it before the handler
 * runs, and a cohort action checks the cohort the card names (malformed card data is a 400).
 */
export function withAccessPolicy(verb: string, handler: ActionHandler): ActionHandler {
  const action = actionOfVerb(verb);
  if (!action) throw new Error(`card action '${verb}' has no row in the access policy (domain/access-policy.ts)`);
  const onCohort = ruleOf(action).on === "cohort";
  return async (request) => {
    const cohortId = onCohort ? parseActionData(CohortRef, request.data).cohortId : undefined;
    await authorizeAction(request.ctx, request.actor, action, cohortId);
    return handler(request);
  };
}
