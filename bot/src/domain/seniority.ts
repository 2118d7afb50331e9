/**
 * Seniority: which variant of a session a member gets (track authoring) and which slice of the
 * organisation report they count in. From the admin's explicit choice when there is one, else from
 * the job title by the track's rules (or the defaults below), first matching level wins.
 */
export const SENIORITY_LEVELS = ["individual", "manager", "executive"] as const;
export type SeniorityLevel = (typeof SENIORITY_LEVELS)[number];

export const SENIORITY_LABELS: Record<SeniorityLevel, string> = {
  individual: "Individual contributors",
  manager: "People managers",
  executive: "Executives",
};

/** A rule: a job title containing any of these words or phrases (case-insensitive) is this level. */
export interface SeniorityRule {
  level: SeniorityLevel;
  titleContains: string[];
}

/** Checked in this order: an "Operations Director" is an executive before they are a manager. */
export const DEFAULT_SENIORITY_RULES: readonly SeniorityRule[] = [
  { level: "executive", titleContains: ["chief", "director", "vice president", "vp", "head of", "executive", "ceo", "cfo", "coo", "cto", "cio", "chro"] },
  { level: "manager", titleContains: ["manager", "team lead", "lead", "supervisor", "principal"] },
];

const words = (text: string): string => ` ${text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim()} `;

/**
 * Whole words only, so "VP" does not match "MVP" nor "lead" "leader board"; a rule phrase may span
 * words ("head of"). No title, or no rule matching, is an individual contributor.
 */
export function seniorityOf(member: { jobTitle?: string; seniority?: SeniorityLevel }, rules: readonly SeniorityRule[] = DEFAULT_SENIORITY_RULES): SeniorityLevel {
  if (member.seniority) return member.seniority;
  if (!member.jobTitle?.trim()) return "individual";
  const title = words(member.jobTitle);
  for (const rule of rules) {
    if (rule.titleContains.some((phrase) => phrase.trim() && title.includes(words(phrase)))) return rule.level;
  }
  return "individual";
}
