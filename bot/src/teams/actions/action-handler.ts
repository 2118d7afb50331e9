import type { TurnContext } from "botbuilder";
import type { AppContext } from "../../app-context";
import type { AdaptiveCardJson } from "../../domain/ports";
import type { Actor } from "../../domain/types";
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
