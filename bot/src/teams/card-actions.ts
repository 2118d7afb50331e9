/**
 * Universal Actions: one map from `Action.Execute` verb to handler, assembled from one file per card
 * family. The bot looks a verb up here and nowhere else; an unknown verb is a 400.
 */
import { CARD_ACTION_SCOPES } from "../contract/bot-commands";
import { withAccessPolicy, type ActionHandler, type ActionHandlers } from "./actions/action-handler";
import { adoptionActions } from "./actions/adoption.actions";
import { alertActions } from "./actions/alert.actions";
import { briefActions } from "./actions/brief.actions";
import { applyActions } from "./actions/apply.actions";
import { checkInActions } from "./actions/checkin.actions";
import { createCohortActions } from "./actions/create-cohort.actions";
import { digestActions } from "./actions/digest.actions";
import { myDataActions } from "./actions/my-data.actions";
import { nextActions } from "./actions/next.actions";
import { pauseActions } from "./actions/pause.actions";
import { policyActions } from "./actions/policy.actions";
import { questionActions } from "./actions/question.actions";
import { winActions } from "./actions/win.actions";
import { experimentActions } from "./actions/experiment.actions";

const FAMILIES: ActionHandlers[] = [policyActions, adoptionActions, applyActions, checkInActions, questionActions, winActions, experimentActions, alertActions, nextActions, myDataActions, createCohortActions, briefActions, pauseActions, digestActions];

/** Each handler behind the access policy, so no verb can be answered without its row deciding who may. */
export const CARD_ACTIONS: ReadonlyMap<string, ActionHandler> = new Map(FAMILIES.flatMap((family) => Object.entries(family)).map(([verb, handler]) => [verb, withAccessPolicy(verb, handler)]));

if (CARD_ACTIONS.size !== FAMILIES.reduce((n, family) => n + Object.keys(family).length, 0)) {
  throw new Error("two card families declare the same Action.Execute verb");
}

const unscoped = [...CARD_ACTIONS.keys()].filter((verb) => !CARD_ACTION_SCOPES[verb]);
if (unscoped.length) throw new Error(`card actions without a scope in CARD_ACTION_SCOPES: ${unscoped.join(", ")}`);
