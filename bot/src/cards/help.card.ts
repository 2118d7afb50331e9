/**
 * The command list, from the same data the manifest is checked against, for the person asking:
 * members see the programme's commands, facilitators their own too. Buttons post the main
 * commands back into the chat (Teams' imBack), exactly as if they had been typed.
 */
import type { AdaptiveCardJson } from "../domain/ports";
import { commandsFor, type BotScope } from "../contract/bot-commands";
import { adaptiveCard, facts, heading, plainLine, type CardElement } from "./card-kit";

/** The buttons, most useful first; Teams shows about five actions before folding the rest. */
const MEMBER_BUTTONS = ["next", "checkin", "ask", "progress"];
const FACILITATOR_BUTTONS = ["who needs help", "questions", "my cohorts"];
const MAX_BUTTONS = 5;

export interface HelpCardOptions {
  didNotUnderstand?: string;
  scope?: BotScope;
  /** In a cohort as a member (default true when neither is known). */
  member?: boolean;
  /** Facilitates a cohort, or is an admin. */
  facilitator?: boolean;
}

/** An Action.Submit that posts `command` as the person's own message (imBack). */
export const commandButton = (command: string, title = command): CardElement => ({ type: "Action.Submit", title, data: { msteams: { type: "imBack", value: command } } });

export function buildHelpCard(options: HelpCardOptions = {}): AdaptiveCardJson {
  const scope = options.scope ?? "personal";
  const facilitator = options.facilitator ?? false;
  const member = options.member ?? !facilitator;
  const commands = commandsFor(scope, scope === "personal" ? { member, facilitator } : { member: true, facilitator: true });
  const names = new Set(commands.map((c) => c.name));
  const buttons = scope === "personal" ? [...(facilitator ? FACILITATOR_BUTTONS : []), ...(member ? MEMBER_BUTTONS : [])].filter((c) => names.has(c)).slice(0, MAX_BUTTONS) : [];
  return adaptiveCard(
    [
      ...heading(options.didNotUnderstand ? "I didn't catch that" : "What I can do"),
      ...(options.didNotUnderstand ? [plainLine(["I don't know \"", options.didNotUnderstand.slice(0, 60), "\". Here is what you can type:"])] : []),
      facts(commands.map((c) => [c.name, c.description])),
      ...(scope === "personal" ? [plainLine(["Capitals, spaces and hyphens don't matter: \"Check in\" and \"check-in\" both work."], { style: { subtle: true } })] : []),
    ],
    buttons.map((c) => commandButton(c)),
  );
}
