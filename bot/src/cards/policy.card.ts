/** Governance first: the current AI-use policy and an Acknowledge action; a new version asks again. */
import type { AdaptiveCardJson } from "../domain/ports";
import type { PolicySectionChange, PolicyVersion } from "../domain/types";
import { adaptiveCard, execute, memberList, heading, openUrl, paragraph, plainLine, section, successBanner, truncate, type CardElement } from "./card-kit";

export const POLICY_VERBS = { acknowledge: "policy.acknowledge" } as const;

const SECTION_TITLES = { allowedUses: "You can", notAllowed: "Please don't", dataHandling: "Data handling", approvedTools: "Approved tools" } as const;
const ITEMS_ON_CARD = 5;

export interface PolicyCardData {
  policy: PolicyVersion;
  changes: PolicySectionChange[];
  tabUrl: string;
  /** When the person this card is for acknowledged this version ("" when the date is not known). */
  acknowledgedAt?: string;
}

function policyBody(data: PolicyCardData) {
  const { policy } = data;
  return [
    ...heading(policy.title, `Version ${policy.version} · published ${policy.publishedAt.slice(0, 10)}`),
    paragraph(policy.summary),
    ...(data.changes.length && policy.version > 1
      ? [section(`What changed since version ${policy.version - 1}`, [memberList(data.changes.flatMap((c) => [...c.added.map((a) => `New in ${SECTION_TITLES[c.section]}: ${truncate(a, 160)}`), ...c.removed.map((r) => `Removed from ${SECTION_TITLES[c.section]}: ${truncate(r, 160)}`)]).slice(0, 8))], "accent")]
      : []),
    ...(Object.keys(SECTION_TITLES) as Array<keyof typeof SECTION_TITLES>).map((key) => {
      const items = policy.sections[key];
      const shown = items.slice(0, ITEMS_ON_CARD).map((i) => truncate(i, 200));
      return policySection(SECTION_TITLES[key], items.length > ITEMS_ON_CARD ? [...shown, `…and ${items.length - ITEMS_ON_CARD} more in the full policy`] : shown);
    }),
  ];
}

/**
 * One section: its heading on a line of its own, then one plain line per item. The items are the
 * admin's own words: as markdown, a leading "-" or "*" list run straight after the heading made
 * some clients show "You can → *Drafting…*"; as plain runs each item is exactly what was written.
 */
function policySection(title: string, items: string[]): CardElement {
  return {
    type: "Container",
    spacing: "Medium",
    items: [
      { type: "TextBlock", text: title, weight: "Bolder", wrap: true, style: "heading" },
      ...items.map((item, i) => plainLine([`• ${item}`], { spacing: i ? "Small" : "Default" })),
    ],
  };
}

function acknowledgedLine(data: PolicyCardData): string {
  const on = data.acknowledgedAt ? ` on ${data.acknowledgedAt.slice(0, 10)}` : "";
  return `You acknowledged version ${data.policy.version}${on}. Thank you: nothing more to do.`;
}

export function buildPolicyCard(data: PolicyCardData): AdaptiveCardJson {
  if (data.acknowledgedAt !== undefined) {
    return adaptiveCard([...policyBody(data), successBanner(acknowledgedLine(data))], [openUrl("Read the full policy", data.tabUrl)]);
  }
  return adaptiveCard(
    [...policyBody(data), paragraph("Knowing what is allowed is what lets you try things with confidence. Questions? Type **ask**.", { subtle: true })],
    [execute("I have read and will follow this policy", POLICY_VERBS.acknowledge, { version: data.policy.version }, "positive"), openUrl("Read the full policy", data.tabUrl)],
  );
}

export function buildPolicyAcknowledgedCard(data: PolicyCardData): AdaptiveCardJson {
  return adaptiveCard([...heading(data.policy.title, `Version ${data.policy.version}`), successBanner(`Thanks, you have acknowledged version ${data.policy.version}.`)], [openUrl("Read the full policy", data.tabUrl)]);
}
