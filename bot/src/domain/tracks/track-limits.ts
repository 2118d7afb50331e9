/**
 * How long each part of an authored track may be. Built on the shared input limits (../limits.ts)
 * and sized so a session brief at every maximum, in a 3-byte script, stays an Adaptive Card far
 * enough under Teams' 28 KB to leave room for what the cohort shares (cards/session-brief.card.ts
 * keeps the whole within budget).
 */
import { LIMITS } from "../limits";
import type { RoleFamily } from "../types";

export const ROLE_FAMILIES = ["leadership", "marketing", "finance", "operations", "project-management", "hr"] as const satisfies readonly RoleFamily[];

export const TRACK_LIMITS = {
  name: LIMITS.shortText,
  audience: LIMITS.shortText,
  description: LIMITS.digestNote,
  sessions: 12,
  sessionTitle: 120,
  workflow: 120,
  summary: 500,
  tryThisItems: 6,
  tryThisItem: 160,
  examplePrompt: 800,
  watchOut: 300,
  applyPrompt: 300,
  applyExamples: 5,
  applyExample: 160,
  reflectQuestions: LIMITS.reflectQuestions,
  reflectQuestion: LIMITS.shortText,
  links: 5,
  linkTitle: 100,
  linkUrl: 500,
  toolName: 80,
  howToSteps: 5,
  howToStep: 160,
  adoptionChecks: 4,
  adoptionWeekMax: 26,
  rulePhrases: 20,
  rulePhrase: 60,
} as const;

/** A link members may open: https only, a host with a dot, no credentials or spaces (SharePoint, OneDrive and the like). */
export function isHttpsLink(value: string): boolean {
  if (/\s/.test(value)) return false;
  try {
    const url = new URL(value);
    return url.protocol === "https:" && url.hostname.includes(".") && !url.username && !url.password;
  } catch {
    return false;
  }
}
