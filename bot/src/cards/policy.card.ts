/** Governance first: the current AI-use policy and an Acknowledge action; a new version asks again. */
import type { AdaptiveCardJson } from "../domain/ports";
import type { PolicySectionChange, PolicyVersion } from "../domain/types";
import { adaptiveCard, bulletList, execute, heading, openUrl, paragraph, section, successBanner, truncate } from "./card-kit";

export const POLICY_VERBS = { acknowledge: "policy.acknowledge" } as const;

const SECTION_TITLES = { allowedUses: "You can", notAllowed: "Please don't", dataHandling: "Data handling", approvedTools: "Approved tools" } as const;
const ITEMS_ON_CARD = 5;

export interface PolicyCardData {
  policy: PolicyVersion;
  changes: PolicySectionChange[];
  tabUrl: string;
}

function policyBody(data: PolicyCardData) {
  const { policy } = data;
  return [
    ...heading(policy.title, `Version ${policy.version} · published ${policy.publishedAt.slice(0, 10)}`),
    paragraph(policy.summary),
    ...(data.changes.length && policy.version > 1
      ? [section(`What changed since version ${policy.version - 1}`, [bulletList(data.changes.flatMap((c) => [...c.added.map((a) => `New in ${SECTION_TITLES[c.section]}: ${truncate(a, 160)}`), ...c.removed.map((r) => `Removed from ${SECTION_TITLES[c.section]}: ${truncate(r, 160)}`)]).slice(0, 8))], "accent")]
      : []),
    ...(Object.keys(SECTION_TITLES) as Array<keyof typeof SECTION_TITLES>).map((key) => {
      const items = policy.sections[key];
      const shown = items.slice(0, ITEMS_ON_CARD).map((i) => truncate(i, 200));
      return section(SECTION_TITLES[key], [bulletList(items.length > ITEMS_ON_CARD ? [...shown, `…and ${items.length - ITEMS_ON_CARD} more in the full policy`] : shown)]);
    }),
  ];
}

export function buildPolicyCard(data: PolicyCardData): AdaptiveCardJson {
  return adaptiveCard(
    [...policyBody(data), paragraph("Knowing what is allowed is what lets you try things with confidence. Questions? Type **ask**.", { subtle: true })],
    [execute("I have read and will follow this policy", POLICY_VERBS.acknowledge, { version: data.policy.version }, "positive"), openUrl("Read the full policy", data.tabUrl)],
  );
}

export function buildPolicyAcknowledgedCard(data: PolicyCardData): AdaptiveCardJson {
  return adaptiveCard([...heading(data.policy.title, `Version ${data.policy.version}`), successBanner(`Thanks, you have acknowledged version ${data.policy.version}.`)], [openUrl("Read the full policy", data.tabUrl)]);
}
