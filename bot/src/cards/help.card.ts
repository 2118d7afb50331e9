/** The command list, from the same data the manifest is checked against. */
import type { AdaptiveCardJson } from "../domain/ports";
import { BOT_COMMANDS } from "../domain/bot-commands";
import { adaptiveCard, facts, heading, plainLine } from "./card-kit";

export function buildHelpCard(options: { didNotUnderstand?: string; scope?: "personal" | "team" | "groupChat" } = {}): AdaptiveCardJson {
  const scope = options.scope ?? "personal";
  return adaptiveCard([
    ...heading(options.didNotUnderstand ? "I didn't catch that" : "What I can do"),
    ...(options.didNotUnderstand ? [plainLine(["I don't know \"", options.didNotUnderstand.slice(0, 60), "\". Here is what you can type:"])] : []),
    facts(BOT_COMMANDS.filter((c) => c.scopes.includes(scope)).map((c) => [c.name, c.description])),
  ]);
}
