import type { PolicySectionChange, PolicySections, PolicyVersion } from "./types";

export const POLICY_SECTIONS: Array<keyof PolicySections> = ["allowedUses", "notAllowed", "dataHandling", "approvedTools"];

/** What changed between two versions, section by section, so people re-read only what is new. */
export function diffPolicies(previous: PolicyVersion | undefined, current: PolicyVersion): PolicySectionChange[] {
  return POLICY_SECTIONS.map((section) => {
    const before = new Set((previous?.sections[section] ?? []).map((s) => s.trim()));
    const after = new Set(current.sections[section].map((s) => s.trim()));
    return { section, added: [...after].filter((s) => !before.has(s)), removed: [...before].filter((s) => !after.has(s)) };
  }).filter((c) => c.added.length > 0 || c.removed.length > 0);
}
