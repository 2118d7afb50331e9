import type { PolicySectionChange, PolicySections, PolicyTextChange, PolicyVersion } from "./types";

export const POLICY_SECTIONS: Array<keyof PolicySections> = ["allowedUses", "notAllowed", "dataHandling", "approvedTools"];

/** The parts of a policy people read: a published version or an admin's draft. */
export type PolicyContent = Pick<PolicyVersion, "title" | "summary" | "sections">;

/** What changed between two versions, section by section, so people re-read only what is new. */
export function diffPolicies(previous: PolicyContent | undefined, current: PolicyContent): PolicySectionChange[] {
  return POLICY_SECTIONS.map((section) => {
    const before = new Set((previous?.sections[section] ?? []).map((s) => s.trim()));
    const after = new Set(current.sections[section].map((s) => s.trim()));
    return { section, added: [...after].filter((s) => !before.has(s)), removed: [...before].filter((s) => !after.has(s)) };
  }).filter((c) => c.added.length > 0 || c.removed.length > 0);
}

/** The title and summary, where they were rewritten (whitespace at either end does not count). */
export function diffPolicyText(previous: PolicyContent | undefined, current: PolicyContent): PolicyTextChange[] {
  if (!previous) return [];
  return (["title", "summary"] as const)
    .filter((field) => previous[field].trim() !== current[field].trim())
    .map((field) => ({ field, before: previous[field].trim(), after: current[field].trim() }));
}

/** Everything that changed: title, summary and every section. */
export function diffPolicyContent(previous: PolicyContent | undefined, current: PolicyContent): { text: PolicyTextChange[]; sections: PolicySectionChange[] } {
  return { text: diffPolicyText(previous, current), sections: diffPolicies(previous, current) };
}

/** True when publishing `draft` over `previous` would change nothing anyone reads. */
export function policyUnchanged(previous: PolicyContent | undefined, draft: PolicyContent): boolean {
  if (!previous) return false;
  const { text, sections } = diffPolicyContent(previous, draft);
  return text.length === 0 && sections.length === 0;
}
