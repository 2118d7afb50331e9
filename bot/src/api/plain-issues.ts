/**
 * Turns zod's validation issues into sentences a person can act on: the field's name as the form
 * labels it, positions counted from 1 ("Member 2: …"), and what to do rather than what the
 * validator expected. The `field` keeps the machine path (`members.1.userId`) so a form can put
 * the message beside the right control.
 */
import type { core } from "zod";
import type { FieldIssue } from "../domain/errors";

type Issue = core.$ZodIssue;

/** What each field is called in the tab's forms. */
const FIELD_LABELS: Record<string, string> = {
  name: "Name",
  kind: "Kind",
  trackId: "Track",
  startDate: "First session",
  timeZone: "Time zone",
  localTime: "Delivery time",
  facilitatorIds: "Facilitators",
  members: "Members",
  leadershipCohortId: "Leadership cohort",
  winsChannel: "Wins channel",
  status: "Status",
  etag: "Version",
  answer: "Answer",
  basedOnVersion: "Version",
  title: "Title",
  summary: "Summary",
  sections: "Sections",
  allowedUses: "Allowed uses",
  notAllowed: "Not allowed",
  dataHandling: "Data handling",
  approvedTools: "Approved tools",
  userId: "object id",
  displayName: "name",
  jobTitle: "job title",
  personaId: "Person",
  work: "Piece of work",
  tried: "What you tried",
  outcome: "What happened",
  share: "Share with my teams",
  draftId: "Form",
  text: "Note",
  heldBack: "Hold back",
  workingDays: "Working days",
  holidays: "Holidays",
};

/** What one entry of a list is called: "Member 2", "Facilitator 1", "item 3". */
const ENTRY_NAMES: Record<string, string> = { members: "Member", facilitatorIds: "Facilitator" };

const label = (key: PropertyKey) => FIELD_LABELS[String(key)] ?? String(key);
const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "Member 2: the object id", "Allowed uses, item 4", "Summary". */
function subjectOf(path: PropertyKey[]): string {
  const parts = path.filter((p) => p !== "sections" || path.length === 1);
  if (parts.length === 0) return "The request";
  const [head, ...rest] = parts;
  if (rest.length === 0) return label(head!);
  const [index, ...tail] = rest;
  if (typeof index === "number") {
    const entry = ENTRY_NAMES[String(head)] ? `${ENTRY_NAMES[String(head)]} ${index + 1}` : `${label(head!)}, item ${index + 1}`;
    return tail.length ? `${entry}: the ${tail.map(label).join(" ")}` : entry;
  }
  return capitalise(rest.map(label).join(" "));
}

/** Zod's default messages read like developer messages; a custom one (given in the schema) is kept. */
const isDefaultMessage = (message: string) => /^(Invalid|Too (big|small)|Expected|Required)/i.test(message);

/** The value the request held at `path` (zod does not report inputs unless asked). */
function valueAt(input: unknown, path: PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function predicate(issue: Issue, value: unknown): string {
  switch (issue.code) {
    case "too_small": {
      const min = Number(issue.minimum);
      if (!isDefaultMessage(issue.message)) return issue.message;
      if (issue.origin === "string") return min <= 1 ? "is required" : `needs at least ${plural(min, "character")}`;
      if (issue.origin === "array" || issue.origin === "set") return min <= 1 ? "needs at least one entry" : `needs at least ${plural(min, "entry", "entries")}`;
      return `must be ${min} or more`;
    }
    case "too_big": {
      const max = Number(issue.maximum);
      if (issue.origin === "string") return `is too long: keep it to ${plural(max, "character")} or fewer`;
      if (issue.origin === "array" || issue.origin === "set") return `has too many entries: at most ${max}`;
      return `must be ${max} or less`;
    }
    case "invalid_type":
      if (value === undefined || value === null) return "is required";
      return issue.expected === "number" || issue.expected === "int" ? "must be a number" : issue.expected === "array" ? "must be a list" : issue.expected === "string" ? "must be text" : "is not valid";
    case "invalid_value":
      return `must be one of: ${issue.values.map(String).join(", ")}`;
    case "invalid_format":
      return isDefaultMessage(issue.message) ? "is not in the right format" : issue.message;
    default:
      return isDefaultMessage(issue.message) ? "is not valid" : issue.message;
  }
}

/** One zod issue as a field and a plain sentence. */
export function plainIssue(issue: Issue, input?: unknown): FieldIssue {
  const subject = subjectOf(issue.path);
  const sentence = `${subject} ${predicate(issue, valueAt(input, issue.path))}.`.replace(/\.\.$/, ".");
  return { field: issue.path.map(String).join(".") || "(body)", message: capitalise(sentence) };
}

/** The banner's message: the first few problems, as sentences. */
export function summariseIssues(issues: FieldIssue[]): string {
  const shown = issues.slice(0, 3).map((i) => i.message);
  const more = issues.length > shown.length ? ` And ${plural(issues.length - shown.length, "more problem")}.` : "";
  return `${issues.length === 1 ? "Please fix this" : "Please fix these"}: ${shown.join(" ")}${more}`.slice(0, 600);
}
