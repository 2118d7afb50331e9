/**
 * The words for what members pick on a check-in: the common blockers (counted as themes in the
 * facilitators' digest and the reports) and whether an answer may be quoted. One place, so the
 * card, the tab and the reports say the same thing.
 */
import type { Blocker, QuoteConsent } from "./types";

export const BLOCKER_LABELS: Record<Blocker, string> = {
  "first-draft": "Getting a useful first draft",
  "trusting-output": "Trusting or checking the output",
  "what-to-share": "What I'm allowed to share",
  "finding-time": "Finding time",
  "tool-access": "Access to the tool",
  other: "Something else",
};

export const QUOTE_CONSENT_LABELS: Record<QuoteConsent, string> = {
  no: "Please don't quote me",
  anonymous: "You may quote me without my name",
  named: "You may quote me with my name",
};
