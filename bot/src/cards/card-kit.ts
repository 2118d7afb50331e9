/**
 * Building blocks shared by every card family: Adaptive Card 1.5 as Teams renders it, with
 * Universal Actions (`Action.Execute`). Families compose these; none repeats the JSON shapes.
 */
import type { AdaptiveCardJson } from "../domain/ports";

export type CardElement = Record<string, unknown>;

/** What an Action.Execute carries back: only what the handler needs to find the record. Never a user id. */
export type ActionData = Record<string, string | number | boolean>;

export interface RefreshSpec {
  verb: string;
  data: ActionData;
  /** Teams refreshes the card for these users only (at most 60). */
  userIds: string[];
}

export function adaptiveCard(body: CardElement[], actions: CardElement[] = [], refresh?: RefreshSpec): AdaptiveCardJson {
  return {
    type: "AdaptiveCard",
    $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
    version: "1.5",
    body,
    ...(actions.length ? { actions } : {}),
    ...(refresh ? { refresh: { action: { type: "Action.Execute", verb: refresh.verb, data: refresh.data }, userIds: refresh.userIds.slice(0, 60) } } : {}),
    msteams: { width: "Full" },
  };
}

// ---------------------------------------------------------------------------------------------
// Text people wrote: always plain, never markdown, never a link
// ---------------------------------------------------------------------------------------------
//
// A TextBlock (and a FactSet's title and value) renders a markdown subset in Teams: `[text](url)`
// becomes a link, `**`/`_` emphasis, `-`/`1.` lists. Card JSON has no "plain" switch in 1.5, and
// backslash escapes are not reliably honoured by every Teams client, so text that people typed
// (check-in answers, questions and answers, wins, commitments, names, cohort names) never goes
// into one. It goes into a RichTextBlock's TextRun instead, whose text the Adaptive Cards schema
// defines as not markdown (TextRun, 1.2+; Teams supports it). Teams may also turn a bare URL into
// a link on its own, so URL-looking words are defanged: their '.' and ':' become look-alike
// characters (U+2024, U+2236), which reads the same and links nowhere. `{{` is split so the
// renderer's DATE()/TIME() functions do not run on typed text.

const URL_LIKE = /^[<(["'*_~`]*(?:[a-z][a-z0-9+.-]*:\/\/|www\.|mailto:|tel:)|[a-z0-9-]\.[a-z]{2,}(?:[/:?#)\]>]|$)|@[a-z0-9-]+\.[a-z0-9-]/i;

/** Typed text made safe for a TextRun: URL-looking words defanged, template braces split. */
export function plainText(text: string): string {
  return text
    .replace(/\S+/g, (word) => (URL_LIKE.test(word) ? word.replace(/\./g, "\u2024").replace(/:/g, "\u2236") : word))
    .replace(/\{\{/g, "{\u200B{");
}

export interface RunStyle {
  weight?: "Bolder" | "Lighter";
  size?: "Small" | "Medium" | "Large";
  subtle?: boolean;
  italic?: boolean;
  color?: "Attention" | "Good" | "Accent";
}

/** One run of plain text (never markdown). */
export const textRun = (text: string, style: RunStyle = {}): CardElement => ({
  type: "TextRun",
  text: plainText(text),
  ...(style.weight ? { weight: style.weight } : {}),
  ...(style.size ? { size: style.size } : {}),
  ...(style.subtle ? { isSubtle: true } : {}),
  ...(style.italic ? { italic: true } : {}),
  ...(style.color ? { color: style.color } : {}),
});

/** A line mixing our own words and text people wrote, all plain: strings are runs, styled runs via textRun(). */
export const plainLine = (parts: Array<string | CardElement>, options: { spacing?: string; style?: RunStyle } = {}): CardElement => ({
  type: "RichTextBlock",
  inlines: parts.filter((p) => p !== "").map((p) => (typeof p === "string" ? textRun(p, options.style) : p)),
  ...(options.spacing ? { spacing: options.spacing } : {}),
});

/**
 * THE way text a person wrote enters a card: check-in answers, stuck text, questions, answers,
 * wins, commitments, adoption notes, names. Shown exactly as typed, as plain text.
 */
export const memberText = (text: string, options: { subtle?: boolean; weight?: "Bolder"; italic?: boolean; spacing?: string } = {}): CardElement =>
  plainLine([text], { spacing: options.spacing, style: { subtle: options.subtle, weight: options.weight, italic: options.italic } });

/** Label/value pairs whose values people wrote (a FactSet would render them as markdown). */
export const memberFacts = (pairs: Array<[string, string]>): CardElement => ({
  type: "Container",
  items: pairs.map(([label, value], i) => plainLine([textRun(`${label}: `, { weight: "Bolder" }), value], i ? { spacing: "Small" } : {})),
});

/** A bulleted list of lines people wrote (or that quote them), one plain block per line. */
export const memberList = (items: string[]): CardElement => ({
  type: "Container",
  items: items.map((item, i) => plainLine([`• ${item}`], i ? { spacing: "None" } : {})),
});

/**
 * A card's title and subtitle. The subtitle (cohort names, sessions) is always plain; a title that
 * carries a name (`plainTitle`) is too, at the cost of the TextBlock "heading" style.
 */
export const heading = (text: string, subtitle?: string, options: { plainTitle?: boolean } = {}): CardElement[] => [
  options.plainTitle ? plainLine([textRun(text, { size: "Large", weight: "Bolder" })]) : { type: "TextBlock", text, size: "Large", weight: "Bolder", wrap: true, style: "heading" },
  ...(subtitle ? [plainLine([textRun(subtitle, { subtle: true })], { spacing: "None" })] : []),
];

export const paragraph = (text: string, options: { subtle?: boolean; weight?: "Bolder"; spacing?: string } = {}): CardElement => ({
  type: "TextBlock",
  text,
  wrap: true,
  ...(options.subtle ? { isSubtle: true } : {}),
  ...(options.weight ? { weight: options.weight } : {}),
  ...(options.spacing ? { spacing: options.spacing } : {}),
});

export const bulletList = (items: string[]): CardElement => ({ type: "TextBlock", text: items.map((i) => `- ${i}`).join("\n"), wrap: true });

export const numberedList = (items: string[]): CardElement => ({ type: "TextBlock", text: items.map((i, n) => `${n + 1}. ${i}`).join("\n"), wrap: true });

export const facts = (pairs: Array<[string, string]>): CardElement => ({ type: "FactSet", facts: pairs.map(([title, value]) => ({ title, value })) });

export const section = (title: string, items: CardElement[], style?: "emphasis" | "good" | "attention" | "accent"): CardElement => ({
  type: "Container",
  ...(style ? { style } : {}),
  spacing: "Medium",
  items: [{ type: "TextBlock", text: title, weight: "Bolder", wrap: true }, ...items],
});

/** A banner listing what is wrong with a submission; the inputs below keep what was typed. */
export const errorBanner = (message: string, issues: Array<{ field: string; message: string }> = []): CardElement => ({
  type: "Container",
  style: "attention",
  items: [
    { type: "TextBlock", text: message, wrap: true, weight: "Bolder", color: "Attention" },
    ...(issues.length ? [{ type: "TextBlock", text: issues.map((i) => `- ${i.message}`).join("\n"), wrap: true, color: "Attention" }] : []),
  ],
});

/** Something the person should know that did not go as promised (our own words; no member text). */
export const warningBanner = (message: string): CardElement => ({
  type: "Container",
  style: "warning",
  items: [{ type: "TextBlock", text: message, wrap: true, weight: "Bolder" }],
});

/** Plain text: banners often name a cohort or a person. */
export const successBanner = (message: string): CardElement => ({
  type: "Container",
  style: "good",
  items: [plainLine([textRun(message, { weight: "Bolder" })])],
});

export interface TextInputSpec {
  id: string;
  label: string;
  value?: string;
  placeholder?: string;
  multiline?: boolean;
  maxLength: number;
  required?: boolean;
}

export const textInput = (spec: TextInputSpec): CardElement => ({
  type: "Input.Text",
  id: spec.id,
  label: spec.label,
  ...(spec.value ? { value: spec.value } : {}),
  ...(spec.placeholder ? { placeholder: spec.placeholder } : {}),
  isMultiline: spec.multiline ?? false,
  maxLength: spec.maxLength,
  ...(spec.required ? { isRequired: true, errorMessage: `${spec.label} is required.` } : {}),
});

export const numberInput = (spec: { id: string; label: string; value?: number; min: number; max: number; placeholder?: string }): CardElement => ({
  type: "Input.Number",
  id: spec.id,
  label: spec.label,
  min: spec.min,
  max: spec.max,
  ...(spec.value !== undefined ? { value: spec.value } : {}),
  ...(spec.placeholder ? { placeholder: spec.placeholder } : {}),
});

export const choiceInput = (spec: { id: string; label: string; choices: Array<[string, string]>; value?: string; required?: boolean; expanded?: boolean }): CardElement => ({
  type: "Input.ChoiceSet",
  id: spec.id,
  label: spec.label,
  style: spec.expanded ? "expanded" : "compact",
  choices: spec.choices.map(([value, title]) => ({ title, value })),
  ...(spec.value ? { value: spec.value } : {}),
  ...(spec.required ? { isRequired: true, errorMessage: `${spec.label} is required.` } : {}),
});

export const toggleInput = (spec: { id: string; title: string; value?: boolean }): CardElement => ({
  type: "Input.Toggle",
  id: spec.id,
  title: spec.title,
  valueOn: "true",
  valueOff: "false",
  value: spec.value ? "true" : "false",
});

export const execute = (title: string, verb: string, data: ActionData, style: "positive" | "default" | "destructive" = "default"): CardElement => ({
  type: "Action.Execute",
  title,
  verb,
  data,
  ...(style !== "default" ? { style } : {}),
});

export const openUrl = (title: string, url: string): CardElement => ({ type: "Action.OpenUrl", title, url });

/** Cuts text to `max` characters on a word boundary, so long input never bloats a card. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** An id for a card's draft (question, win): lets a double submission map to one record. */
export function newDraftId(random: () => string = () => globalThis.crypto.randomUUID()): string {
  return random();
}
