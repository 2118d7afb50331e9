/**
 * Track authoring's API types: an admin copies a built-in track (or starts blank), edits every
 * session, previews the cards, and saves a new version under the ETag it read. Cohorts keep the
 * version they started on until an admin moves them after seeing the diff.
 *
 * Routes (contract/api-routes.ts): trackDetail GET /api/tracks/:trackId, createTrack POST /api/tracks,
 * saveTrack PUT /api/tracks/:trackId, previewTrack POST /api/tracks/:trackId/preview,
 * trackMove GET /api/cohorts/:cohortId/track-move, moveTrack POST /api/cohorts/:cohortId/track-move.
 */
import { z } from "zod";
import type { FieldIssue } from "../domain/errors";
import { defaultLiveSessions, liveSessionIssues, MAX_LIVE_SESSION_MINUTES, MIN_LIVE_SESSION_MINUTES } from "../domain/live-sessions";
import type { AdaptiveCardJson } from "../domain/ports";
import { SENIORITY_LABELS, SENIORITY_LEVELS, type SeniorityLevel, type SeniorityRule } from "../domain/seniority";
import { isHttpsLink, ROLE_FAMILIES, TRACK_LIMITS } from "../domain/tracks/track-limits";
import type { LiveSessionDefinition, SessionVariant, TrackLink } from "../domain/types";

export type { SeniorityLevel, SeniorityRule } from "../domain/seniority";
export { SENIORITY_LABELS, SENIORITY_LEVELS } from "../domain/seniority";
export { isHttpsLink, ROLE_FAMILIES, TRACK_LIMITS } from "../domain/tracks/track-limits";

/** The domain's own shapes: an https link to an organisation's document, and what a seniority variant replaces. */
export type { SessionVariant, TrackLink } from "../domain/types";
/** One live session a track holds as a Teams meeting: a kick-off on session n's day, or a clinic after session n's check-in. */
export type { LiveSessionDefinition } from "../domain/types";
export { DEFAULT_LIVE_SESSION_MINUTES, defaultLiveSessions, liveSessionIssues, MAX_LIVE_SESSION_MINUTES, MIN_LIVE_SESSION_MINUTES } from "../domain/live-sessions";

/** At most this many live sessions per track (the defaults for 12 sessions are 13). */
export const MAX_LIVE_SESSIONS = 24;

export interface TrackContentSession {
  /** 1-based, in order; session n is delivered in programme week n. */
  number: number;
  title: string;
  learn: { workflow: string; summary: string; tryThis: string[]; examplePrompt: string; watchOut: string };
  apply: { prompt: string; examples: string[] };
  reflectQuestions: string[];
  links: TrackLink[];
  variants: Partial<Record<SeniorityLevel, SessionVariant>>;
}

/** Everything an admin edits: the saved track is exactly this plus its id and version. */
export interface TrackContent {
  name: string;
  role: string;
  audience: string;
  description: string;
  /** `HH:mm`. */
  defaultLocalTime: string;
  adoptionCheckWeeks: number[];
  sessions: TrackContentSession[];
  /** The AI tool the organisation approves, with short how-to steps shown on the briefs. */
  approvedTool?: { name: string; howTo: string[] };
  /** How members' job titles map to a variant; empty uses DEFAULT_SENIORITY_RULES. */
  seniorityRules: SeniorityRule[];
  /**
   * The track's live sessions (Teams meetings). Absent: the defaults (a kick-off in week 1 and a
   * clinic after each session's check-in, following the sessions as they change); `[]`: none.
   */
  liveSessions?: LiveSessionDefinition[];
}

export interface TrackDetail {
  id: string;
  content: TrackContent;
  /** 0 for a built-in track never saved by this organisation; 1 for its first saved version. */
  version: number;
  /** Absent for a built-in track (copy it to edit it). */
  etag?: string;
  builtIn: boolean;
  /** The built-in track it was copied from, if any. */
  basedOn?: string;
  updatedAt?: string;
  updatedByName?: string;
  /** Cohorts running on an older version of this track: each can be moved after seeing the diff. */
  cohortsOnOlderVersions: Array<{ cohortId: string; cohortName: string; version: number }>;
  /** The live sessions cohorts on this version hold: `content.liveSessions`, or the defaults when it has none. */
  effectiveLiveSessions: LiveSessionDefinition[];
  /** True when the track has no list of its own, so the defaults apply (and follow its sessions). */
  liveSessionsAreDefaults: boolean;
}

/** POST /api/tracks: `copyOf` a track id (built-in or the organisation's), or blank when left out. */
export interface CreateTrackRequest {
  name: string;
  copyOf?: string;
}

/** PUT /api/tracks/:trackId: the edited content and the ETag it was read with. 409 carries the current TrackDetail as `current`. */
export interface SaveTrackRequest {
  content: TrackContent;
  etag: string;
}

/** POST /api/tracks/:trackId/preview: the unsaved content, rendered by the same card builders the bot sends. */
export interface PreviewTrackRequest {
  content: TrackContent;
  sessionNumber: number;
  card: "brief" | "apply" | "checkin";
  seniority?: SeniorityLevel;
}
export interface PreviewTrackResponse {
  card: AdaptiveCardJson;
  sizeBytes: number;
}

/** One changed field between two versions, in words an admin can read. */
export interface TrackDiffEntry {
  /** e.g. "Session 1 · workflow". */
  where: string;
  before: string;
  after: string;
}

/** GET /api/cohorts/:cohortId/track-move: what moving the cohort to the track's latest version changes. */
export interface TrackMovePreview {
  cohortId: string;
  trackId: string;
  fromVersion: number;
  toVersion: number;
  diff: TrackDiffEntry[];
}

/** POST /api/cohorts/:cohortId/track-move: move to `toVersion`, with the cohort's ETag as read. */
export interface MoveTrackRequest {
  toVersion: number;
  etag: string;
}

// ---------------------------------------------------------------------------------------------
// Request schemas: every field with a message a person can act on (trackIssues() says where).
// ---------------------------------------------------------------------------------------------

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Plain text of at most `max` characters; `min` 1 makes it required. */
const text = (max: number, min = 1) =>
  z
    .string({ message: "Write it as text." })
    .trim()
    .min(min, "This is required.")
    .max(max, `Keep it to ${max} characters or fewer.`);
/** Optional text: "" counts as left out. */
const optionalText = (max: number) => z.string({ message: "Write it as text." }).trim().max(max, `Keep it to ${max} characters or fewer.`).optional();
const textList = (maxItems: number, itemMax: number, min = 0, what = "entries") =>
  z
    .array(text(itemMax), { message: `Give a list of ${what}.` })
    .min(min, min === 1 ? `Add at least one of the ${what}.` : `Add at least ${min} ${what}.`)
    .max(maxItems, `Keep it to ${maxItems} ${what} or fewer.`);

export const TrackLinkInput = z.object({
  title: text(TRACK_LIMITS.linkTitle),
  url: z
    .string({ message: "Give the link's address." })
    .trim()
    .min(1, "Give the link's address.")
    .max(TRACK_LIMITS.linkUrl, `Keep the address to ${TRACK_LIMITS.linkUrl} characters or fewer.`)
    .refine(isHttpsLink, "Use a full https:// address, like https://contoso.sharepoint.com/…"),
});

export const SessionVariantInput = z.object({
  summary: optionalText(TRACK_LIMITS.summary),
  tryThis: textList(TRACK_LIMITS.tryThisItems, TRACK_LIMITS.tryThisItem, 0, "steps").optional(),
  examplePrompt: optionalText(TRACK_LIMITS.examplePrompt),
  watchOut: optionalText(TRACK_LIMITS.watchOut),
  applyPrompt: optionalText(TRACK_LIMITS.applyPrompt),
});

export const TrackSessionInput = z.object({
  number: z.number({ message: "Give the session's number." }).int("Use a whole number."),
  title: text(TRACK_LIMITS.sessionTitle),
  learn: z.object({
    workflow: text(TRACK_LIMITS.workflow),
    summary: text(TRACK_LIMITS.summary),
    tryThis: textList(TRACK_LIMITS.tryThisItems, TRACK_LIMITS.tryThisItem, 1, "steps"),
    examplePrompt: text(TRACK_LIMITS.examplePrompt),
    watchOut: text(TRACK_LIMITS.watchOut),
  }),
  apply: z.object({
    prompt: text(TRACK_LIMITS.applyPrompt),
    examples: textList(TRACK_LIMITS.applyExamples, TRACK_LIMITS.applyExample, 0, "examples"),
  }),
  reflectQuestions: textList(TRACK_LIMITS.reflectQuestions, TRACK_LIMITS.reflectQuestion, 0, "questions"),
  links: z.array(TrackLinkInput, { message: "Give a list of links." }).max(TRACK_LIMITS.links, `Keep it to ${TRACK_LIMITS.links} links or fewer.`).default([]),
  variants: z
    .strictObject(Object.fromEntries(SENIORITY_LEVELS.map((level) => [level, SessionVariantInput.optional()])) as Record<SeniorityLevel, z.ZodOptional<typeof SessionVariantInput>>, { message: "Variants are for individual contributors, people managers or executives." })
    .default({}),
});

export const SeniorityRuleInput = z.object({
  level: z.enum(SENIORITY_LEVELS, { message: "Choose individual contributors, people managers or executives." }),
  titleContains: textList(TRACK_LIMITS.rulePhrases, TRACK_LIMITS.rulePhrase, 1, "job-title words"),
});

/**
 * One live session. Its key and week depend on the rest of the track (keys unique, the week one of
 * its sessions): TrackContentInput checks those with the domain's own rule, liveSessionIssues().
 */
export const LiveSessionInput = z.object({
  key: z.string({ message: "must be short: lower-case letters, digits, dots and dashes." }),
  kind: z.enum(["kickoff", "clinic"], { message: "must be a kick-off or a clinic." }),
  week: z.number({ message: "must be the week of one of the track's sessions." }),
  title: z.string({ message: "must be 1–120 characters." }).trim().min(1, "must be 1–120 characters.").max(120, "must be 1–120 characters."),
  durationMinutes: z
    .number({ message: `must be a whole number of minutes from ${MIN_LIVE_SESSION_MINUTES} to ${MAX_LIVE_SESSION_MINUTES}.` })
    .int(`must be a whole number of minutes from ${MIN_LIVE_SESSION_MINUTES} to ${MAX_LIVE_SESSION_MINUTES}.`)
    .min(MIN_LIVE_SESSION_MINUTES, `must be a whole number of minutes from ${MIN_LIVE_SESSION_MINUTES} to ${MAX_LIVE_SESSION_MINUTES}.`)
    .max(MAX_LIVE_SESSION_MINUTES, `must be a whole number of minutes from ${MIN_LIVE_SESSION_MINUTES} to ${MAX_LIVE_SESSION_MINUTES}.`),
  localTime: z.string({ message: "must be a time like 14:00." }).regex(HHMM, "must be a time like 14:00.").optional(),
});

export const TrackContentInput = z
  .object({
    name: text(TRACK_LIMITS.name),
    role: z.enum(ROLE_FAMILIES, { message: `Choose the role the track is for: ${ROLE_FAMILIES.join(", ")}.` }),
    audience: text(TRACK_LIMITS.audience),
    description: text(TRACK_LIMITS.description),
    defaultLocalTime: z.string({ message: "Give a time like 09:30." }).regex(HHMM, "Use a 24-hour time like 09:30."),
    adoptionCheckWeeks: z
      .array(z.number({ message: "Use a week number." }).int("Use a whole week number.").min(1, "Adoption checks run from week 1 (week 0 is always the baseline).").max(TRACK_LIMITS.adoptionWeekMax, `Adoption checks run by week ${TRACK_LIMITS.adoptionWeekMax} at the latest.`), { message: "Give a list of weeks." })
      .max(TRACK_LIMITS.adoptionChecks, `Keep it to ${TRACK_LIMITS.adoptionChecks} adoption checks or fewer.`)
      .refine((weeks) => new Set(weeks).size === weeks.length, "Each week may have one adoption check only."),
    sessions: z.array(TrackSessionInput, { message: "Give the list of sessions." }).min(1, "A track needs at least one session.").max(TRACK_LIMITS.sessions, `Keep it to ${TRACK_LIMITS.sessions} sessions or fewer.`),
    approvedTool: z.object({ name: text(TRACK_LIMITS.toolName), howTo: textList(TRACK_LIMITS.howToSteps, TRACK_LIMITS.howToStep, 0, "steps") }).optional(),
    seniorityRules: z
      .array(SeniorityRuleInput, { message: "Give a list of rules." })
      .max(SENIORITY_LEVELS.length, `Keep it to ${SENIORITY_LEVELS.length} rules or fewer: one per level.`)
      .refine((rules) => new Set(rules.map((r) => r.level)).size === rules.length, "Give each level one rule only.")
      .default([]),
    liveSessions: z.array(LiveSessionInput, { message: "Give a list of live sessions." }).max(MAX_LIVE_SESSIONS, `Keep it to ${MAX_LIVE_SESSIONS} live sessions or fewer.`).optional(),
  })
  .superRefine((content, issue) => {
    content.sessions.forEach((s, i) => {
      if (s.number !== i + 1) issue.addIssue({ code: "custom", path: ["sessions", i, "number"], message: `Sessions are numbered 1, 2, 3… in order: this one should be ${i + 1}.` });
    });
    // What depends on the rest of the track: keys unique and well-formed, each week one of its sessions.
    for (const found of liveSessionIssues(content.liveSessions ?? [], content)) {
      const [, index, field] = /^liveSessions\[(\d+)\]\.(key|week)$/.exec(found.field) ?? [];
      if (field) issue.addIssue({ code: "custom", path: ["liveSessions", Number(index), field], message: `${found.message}.` });
    }
  });

export const CreateTrackInput = z.object({
  name: text(TRACK_LIMITS.name),
  copyOf: z.string().trim().min(1).max(64, "Choose a track from the list.").optional(),
});

export const SaveTrackInput = z.object({
  content: TrackContentInput,
  etag: z.string({ message: "Reload the track: the version you edited is missing." }).min(1, "Reload the track: the version you edited is missing."),
});

export const PreviewTrackInput = z.object({
  content: TrackContentInput,
  sessionNumber: z.number({ message: "Choose a session." }).int("Choose a session.").min(1, "Choose a session."),
  card: z.enum(["brief", "apply", "checkin"], { message: "Choose the brief, apply or check-in card." }),
  seniority: z.enum(SENIORITY_LEVELS, { message: "Choose individual contributors, people managers or executives." }).optional(),
});

export const MoveTrackInput = z.object({
  toVersion: z.number({ message: "Choose the version to move to." }).int().min(1, "Choose the version to move to."),
  etag: z.string({ message: "Reload the cohort: the version you read is missing." }).min(1, "Reload the cohort: the version you read is missing."),
});

// Compile-time: what the schemas accept is what the tab sends.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameContent: Same<z.output<typeof TrackContentInput>["sessions"][number]["links"], TrackContent["sessions"][number]["links"]> = true;
void sameContent;

const FIELD_WORDS: Record<string, string> = {
  name: "name",
  role: "role",
  audience: "audience",
  description: "description",
  defaultLocalTime: "delivery time",
  adoptionCheckWeeks: "adoption checks",
  title: "title",
  workflow: "workflow",
  summary: "summary",
  tryThis: "what to try",
  examplePrompt: "example prompt",
  watchOut: "watch out",
  prompt: "apply assignment",
  applyPrompt: "apply assignment",
  examples: "apply examples",
  reflectQuestions: "reflect questions",
  links: "links",
  url: "address",
  number: "number",
  approvedTool: "approved tool",
  howTo: "how-to steps",
  seniorityRules: "seniority rules",
  titleContains: "job-title words",
  level: "level",
  etag: "version",
  copyOf: "track to copy",
  sessionNumber: "session",
  card: "card",
  seniority: "seniority",
  toVersion: "version",
  kind: "kind",
  week: "week",
  key: "key",
  durationMinutes: "length in minutes",
  localTime: "time",
};
const ITEM_WORDS: Record<string, string> = { sessions: "Session", tryThis: "step", howTo: "step", examples: "example", reflectQuestions: "question", links: "link", seniorityRules: "rule", titleContains: "word", adoptionCheckWeeks: "check", liveSessions: "live session" };
const SKIPPED = new Set(["content", "learn", "apply", "variants", "sessions"]);

/** Where a field is, as the editor labels it: "Session 2, what to try, step 3". */
export function trackFieldLabel(path: ReadonlyArray<PropertyKey>): string {
  const parts: string[] = [];
  path.forEach((key, i) => {
    const parent = String(path[i - 1] ?? "");
    if (typeof key === "number") parts.push(`${ITEM_WORDS[parent] ?? "item"} ${key + 1}`);
    else if (parent === "variants" && (SENIORITY_LEVELS as readonly string[]).includes(String(key))) parts.push(`${SENIORITY_LABELS[key as SeniorityLevel]} variant`);
    // A list followed by its entry reads as the entry alone: "link 2", not "links, link 2".
    else if (typeof path[i + 1] === "number" && ITEM_WORDS[String(key)]) return;
    else if (!SKIPPED.has(String(key))) parts.push(FIELD_WORDS[String(key)] ?? String(key));
  });
  const label = parts.join(", ");
  return label ? label.charAt(0).toUpperCase() + label.slice(1) : "The request";
}

/**
 * The field a problem is reported on: the path joined with dots (`content.sessions.0.title`),
 * except live sessions, named as the domain's liveSessionIssues() names them (`liveSessions[0].week`),
 * so one name reaches the editor's control whichever check found the problem.
 */
export function trackFieldName(path: ReadonlyArray<PropertyKey>): string {
  const at = path[0] === "content" ? 1 : 0;
  if (path[at] === "liveSessions") {
    const [index, ...rest] = path.slice(at + 1);
    if (typeof index === "number") return [`liveSessions[${index}]`, ...rest.map(String)].join(".");
    return ["liveSessions", ...(index === undefined ? [] : [String(index)]), ...rest.map(String)].join(".");
  }
  return path.map(String).join(".") || "(body)";
}

/** A live session's problems as the editor and the API report them: "Live session 1, week: must be …". */
export function liveSessionFieldIssues(definitions: readonly LiveSessionDefinition[], track: Pick<TrackContent, "sessions">): FieldIssue[] {
  return liveSessionIssues(definitions, track).map((found) => {
    const [, index, field] = /^liveSessions\[(\d+)\]\.(\w+)$/.exec(found.field) ?? [];
    return { field: found.field, message: `${trackFieldLabel(["liveSessions", Number(index), field ?? ""])}: ${found.message}.` };
  });
}

/** The live sessions a track holds and whether they are the defaults (the track has no list of its own). */
export function effectiveLiveSessions(content: Pick<TrackContent, "sessions" | "liveSessions">): { list: LiveSessionDefinition[]; defaults: boolean } {
  return content.liveSessions ? { list: content.liveSessions, defaults: false } : { list: defaultLiveSessions(content), defaults: true };
}

/** Parses a track request, or lists every problem by field (`content.sessions.0.learn.workflow`) with a sentence that says where and what to do. */
export function parseTrackRequest<T>(schema: z.ZodType<T>, input: unknown): { ok: true; data: T } | { ok: false; issues: FieldIssue[] } {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, data: result.data };
  return {
    ok: false,
    issues: result.error.issues.map((i) => ({
      field: trackFieldName(i.path),
      message: `${trackFieldLabel(i.path)}: ${/^(Invalid|Too (big|small)|Expected|Required|Unrecognized)/i.test(i.message) ? "is missing or not valid." : i.message}`,
    })),
  };
}
