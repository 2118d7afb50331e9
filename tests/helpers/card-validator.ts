/**
 * Validates a card the way a client would: the official `adaptivecards` SDK parses it (under
 * jsdom, which the SDK needs) and reports schema problems; then checks the SDK skips: every
 * Action.Execute has a verb, the version is 1.5, and the card stays under Teams' size budget.
 */
import type { AdaptiveCardJson } from "../../bot/src/domain/ports";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const AC = require("adaptivecards/dist/adaptivecards.js") as {
  AdaptiveCard: new () => { parse(json: unknown, context?: unknown): void; validateProperties(): { validationEvents: Array<{ message: string }> } };
  SerializationContext: new () => { eventCount: number; getEventAt(i: number): { message: string; phase: number } };
};

export const CARD_SIZE_BUDGET_BYTES = 28 * 1024;

export interface CardValidation {
  errors: string[];
  sizeBytes: number;
  verbs: string[];
}

function collectActions(node: unknown, found: Array<Record<string, unknown>> = []): Array<Record<string, unknown>> {
  if (Array.isArray(node)) node.forEach((n) => collectActions(n, found));
  else if (node && typeof node === "object") {
    const obj = node as Record<string, unknown>;
    if (typeof obj.type === "string" && obj.type.startsWith("Action.")) found.push(obj);
    Object.values(obj).forEach((v) => collectActions(v, found));
  }
  return found;
}

export function validateCard(card: AdaptiveCardJson, allowedVerbs?: readonly string[]): CardValidation {
  const errors: string[] = [];
  const adaptive = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  adaptive.parse(card, context);
  for (let i = 0; i < context.eventCount; i++) errors.push(`parse: ${context.getEventAt(i).message}`);
  for (const event of adaptive.validateProperties().validationEvents) errors.push(`validate: ${event.message}`);
  if (card.version !== "1.5") errors.push(`version is ${String(card.version)}, expected 1.5`);
  const actions = collectActions(card);
  const verbs: string[] = [];
  for (const action of actions.filter((a) => a.type === "Action.Execute")) {
    if (typeof action.verb !== "string" || !action.verb) errors.push(`Action.Execute "${String(action.title)}" has no verb`);
    else {
      verbs.push(action.verb);
      if (allowedVerbs && !allowedVerbs.includes(action.verb)) errors.push(`unknown verb ${action.verb}`);
    }
  }
  const sizeBytes = Buffer.byteLength(JSON.stringify(card), "utf8");
  if (sizeBytes > CARD_SIZE_BUDGET_BYTES) errors.push(`card is ${sizeBytes} bytes, over the ${CARD_SIZE_BUDGET_BYTES} budget`);
  return { errors, sizeBytes, verbs };
}

/** Every string Teams would render as markdown (TextBlock text, Fact title/value), and every TextRun (plain text). */
export function renderedText(card: unknown): { markdown: string[]; runs: string[] } {
  const markdown: string[] = [];
  const runs: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== "object") return;
    const n = node as Record<string, unknown>;
    if (n.type === "TextBlock" && typeof n.text === "string") markdown.push(n.text);
    if (n.type === "TextRun" && typeof n.text === "string") runs.push(n.text);
    if (n.type === "FactSet") for (const f of n.facts as Array<{ title: string; value: string }>) markdown.push(f.title, f.value);
    Object.values(n).forEach(walk);
  };
  walk(card);
  return { markdown, runs };
}
