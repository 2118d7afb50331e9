/**
 * The tab ↔ API contract. Request bodies are zod schemas (validated on the server; unknown fields
 * are dropped); responses are plain types. The tab imports this file with `import type` only, so
 * no validation code reaches its bundle.
 *
 * Every route needs `Authorization: Bearer <Teams SSO token>` (or, in local mode, a token from the
 * local sign-in). Errors are `{ error: { code, message, issues? } }` with the status of the code.
 */
import { z } from "zod";
import type { ErrorCode } from "../domain/errors";
import { LIMITS } from "../domain/limits";
import { CSV_IMPORT_MAX_CHARS } from "../domain/csv-people";

export { ERROR_CODES, type ErrorCode } from "../domain/errors";
import type { CohortProgress } from "../domain/metrics";
import type { LiveSessionAttendanceDto } from "./live-sessions-contract";
import type {
  Aggregate,
  AdoptionPoint,
  CohortKind,
  CohortStatus,
  LocalDate,
  MemberProgress,
  PolicySectionChange,
  PolicyTextChange,
  PolicyVersion,
  Role,
  TimelineEventKind,
  WeeklyPoint,
} from "../domain/types";

export type { Aggregate, AdoptionPoint, MemberProgress, MemberProgressStatus, PolicySectionChange, PolicyTextChange, WeeklyPoint } from "../domain/types";

// ---------- shared pieces ----------

export interface ApiErrorBody {
  error: { code: ErrorCode; message: string; issues?: Array<{ field: string; message: string }> };
}

// ---------- identity ----------

export interface MeResponse {
  tenantId: string;
  userId: string;
  displayName: string;
  roles: Role[];
  /** Cohorts the caller facilitates (or all, for an admin). */
  facilitatorOf: string[];
  memberOf: string[];
  /** Leadership cohorts the caller is a member of (absent: none): they see their teams' report. */
  leaderOf?: string[];
  mode: "local" | "production";
}

export interface LocalPersona {
  id: string;
  displayName: string;
  description: string;
  role: Role;
}

export const LocalSignInRequest = z.object({ personaId: z.string().min(1).max(64) });
export interface LocalSignInResponse {
  token: string;
  expiresAt: string;
}

// ---------- tracks ----------

export interface TrackSummary {
  id: string;
  name: string;
  role: string;
  audience: string;
  sessionCount: number;
}

// ---------- cohorts ----------

const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date like 2026-03-02");
const localTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be a time like 09:30");
const userId = z.string().min(1).max(128).regex(/^[A-Za-z0-9._:@-]+$/, "must be an Entra object id");

// ---------- calendar ----------

/** A date that exists: the pattern alone would let 2026-02-30 through. */
const calendarDate = z.string().refine((value) => {
  const date = new Date(`${value}T00:00:00Z`);
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}, "must be a real date like 2026-12-25");
const workingDays = z
  .array(z.number().int("must be a weekday from 1 (Monday) to 7 (Sunday)").min(1, "must be a weekday from 1 (Monday) to 7 (Sunday)").max(7, "must be a weekday from 1 (Monday) to 7 (Sunday)"))
  .min(1, "must include at least one working day")
  .max(7)
  .refine((days) => new Set(days).size === days.length, "lists a weekday twice");
const holidays = z.array(calendarDate).max(LIMITS.holidaysPerCalendar, `has too many dates: at most ${LIMITS.holidaysPerCalendar}`);

/** The organisation's calendar as an admin saves it: `etag` as read, none for the first save. */
export const TenantCalendarInput = z.object({ workingDays, holidays, etag: z.string().min(1).optional() });
export type TenantCalendarInput = z.infer<typeof TenantCalendarInput>;

export interface TenantCalendarResponse {
  /** ISO weekdays, 1 = Monday … 7 = Sunday. */
  workingDays: number[];
  holidays: LocalDate[];
  /** Absent until an admin first saves it (until then: Monday–Friday, no holidays). */
  etag?: string;
  updatedAt?: string;
}

/** Measured Copilot usage: an admin turns it on (after granting consent) or off. */
export const MeasuredUsageInput = z.object({ enabled: z.boolean({ message: "Say whether measured usage is on (true) or off (false)." }) });
export type MeasuredUsageInput = z.infer<typeof MeasuredUsageInput>;

export interface MeasuredUsageResponse {
  /** False when this deployment does not call Microsoft Graph (MEASURED_USAGE_ENABLED is off): it cannot be turned on. */
  available: boolean;
  enabled: boolean;
  state: "off" | "on-waiting-for-first-read" | "on" | "not-consented" | "concealed";
  lastReadAt?: string;
  lastAttemptAt?: string;
  /** The day the usage data goes up to (Microsoft's data can be up to 72 hours old). */
  reportRefreshDate?: string;
  /** True when the data is more than 3 days older than today. */
  dataIsOld?: boolean;
}

export const CohortMemberInput = z.object({
  userId,
  displayName: z.string().trim().min(1).max(LIMITS.shortText),
  jobTitle: z.string().trim().max(LIMITS.shortText).optional(),
});

export const CohortInput = z.object({
  name: z.string().trim().min(1, "is required").max(LIMITS.shortText),
  kind: z.enum(["leadership", "team"]),
  trackId: z.string().min(1).max(64),
  startDate: localDate,
  timeZone: z.string().min(1).max(64),
  localTime: localTime.optional(),
  facilitatorIds: z.array(userId).min(1, "must list at least one facilitator").max(LIMITS.facilitatorsPerCohort),
  /** The chosen facilitators' names, as the people picker showed them, so people the bot has never met show by name. */
  facilitatorNames: z.array(z.object({ userId, displayName: z.string().trim().min(1).max(LIMITS.shortText) })).max(LIMITS.facilitatorsPerCohort).optional(),
  members: z.array(CohortMemberInput).max(LIMITS.membersPerCohort),
  leadershipCohortId: z.string().min(1).max(128).optional(),
  winsChannel: z.object({ teamId: z.string().min(1).max(256), channelId: z.string().min(1).max(256), channelName: z.string().max(LIMITS.shortText).optional() }).optional(),
  /** Required (true) when the start date is in the past: the cohort is already running and members join at the current week. */
  alreadyRunning: z.boolean().optional(),
  /** The cohort's own working days and holidays; left out, it follows the organisation's calendar. */
  workingDays: workingDays.optional(),
  holidays: holidays.optional(),
});
export type CohortInput = z.infer<typeof CohortInput>;

/**
 * Editing a cohort: the full input plus the ETag it was read with. `winsChannel` is one of the
 * channels `GET /api/wins-channels` lists (its name comes from there), `null` for none, or left
 * out to keep the current one.
 */
export const CohortUpdate = CohortInput.extend({
  etag: z.string().min(1),
  status: z.enum(["active", "paused", "archived"]).optional(),
  winsChannel: z.object({ teamId: z.string().min(1).max(256), channelId: z.string().min(1).max(256) }).nullable().optional(),
});
export type CohortUpdate = z.infer<typeof CohortUpdate>;

/** What creating a cohort answers: the cohort, and a sentence saying what happens next. */
export type CohortCreated = CohortDetail & { message: string };

/** A person the tenant already knows (a stored person or a cohort member), offered by the people picker. */
export interface PersonSuggestion {
  userId: string;
  displayName: string;
}

// ---------- people at scale: import from a CSV file or a team (nothing is saved until the cohort is) ----------

/** `file`: the CSV file's text (name, e-mail or Entra object id, job title; header row optional). */
export const PeopleImportPreviewRequest = z.object({
  file: z
    .string()
    .refine((text) => text.trim().length > 0, "is empty: choose a CSV file with a name, an e-mail address or object id, and a job title on each row")
    .refine((text) => text.length <= CSV_IMPORT_MAX_CHARS, `is too large: the import takes up to ${CSV_IMPORT_MAX_CHARS / 1000} KB of CSV (about 2,500 people). Split it into smaller files`),
});
export type PeopleImportPreviewRequest = z.infer<typeof PeopleImportPreviewRequest>;

export const TeamMembersRequest = z.object({ teamId: z.string().trim().min(1).max(256) });
export type TeamMembersRequest = z.infer<typeof TeamMembersRequest>;

/** A person ready to join the form's member list. */
export interface ImportedPerson {
  userId: string;
  displayName: string;
  jobTitle?: string;
  /** The other cohorts (not archived) they already belong to: allowed, shown so nobody is surprised. */
  otherCohorts?: string[];
}

/** One row of the file that names someone: the person found, or (`error`) why not, in plain words. */
export interface ImportPreviewRow {
  row: number;
  person?: ImportedPerson;
  error?: string;
}

export interface PeopleImportPreview {
  /** In file order. */
  rows: ImportPreviewRow[];
  good: number;
  bad: number;
  /** Whether the first row was read as a header. */
  header: boolean;
  /** Anything that affected the whole file, e.g. a team whose members could not be read. */
  notes: string[];
}

/** A team the app is installed in, to import its members. */
export interface ImportTeam {
  teamId: string;
  teamName: string;
}

export interface TeamMembersResponse {
  teamId: string;
  teamName: string;
  people: ImportedPerson[];
}

export interface CohortSummary {
  id: string;
  name: string;
  kind: CohortKind;
  status: CohortStatus;
  trackId: string;
  trackName: string;
  startDate: LocalDate;
  timeZone: string;
  memberCount: number;
  /** Programme week today (0 before start). */
  currentWeek: number;
  leadershipCohortId?: string;
  /** What the caller may do here. */
  yourRole: "admin" | "facilitator" | "member";
  /** For its facilitators and admins: whether the cohort has a channel for wins and answers. */
  hasChannel?: boolean;
}

export interface CohortDetail extends CohortSummary {
  etag: string;
  localTime: string;
  facilitators: Array<{ userId: string; displayName: string }>;
  /** Only for the cohort's facilitators and admins; members get an empty list. */
  members: Array<{ userId: string; displayName: string; jobTitle?: string }>;
  winsChannel?: { teamId: string; channelId: string; channelName?: string };
  /** The cohort's own calendar, when it overrides the organisation's. */
  workingDays?: number[];
  holidays?: LocalDate[];
  /** The calendar it actually runs on (its own, else the organisation's). */
  calendar: { workingDays: number[]; holidays: LocalDate[]; inherited: boolean };
}

// ---------- timeline, progress ----------

export interface TimelineEventDto {
  key: string;
  kind: TimelineEventKind;
  week: number;
  sessionNumber?: number;
  title: string;
  /** Local date and time in the cohort's zone, and the UTC instant. */
  localDate: string;
  localTime: string;
  dueAt: string;
  state: "past" | "today" | "upcoming";
  delivery: { pending: number; sent: number; failed: number };
  /** Responses recorded for this event (check-ins, commitments, adoption answers). */
  responses: Aggregate;
  /** Its live session in Teams (a kick-off on a brief, a clinic after a check-in), once scheduled. */
  meeting?: { title: string; startsAt: string; joinUrl: string; attendance?: LiveSessionAttendanceDto };
}

export interface TimelineResponse {
  cohortId: string;
  timeZone: string;
  today: string;
  events: TimelineEventDto[];
  /**
   * Live sessions as Teams meetings: "off" (not turned on), "waiting" (none created yet), "on", or
   * "not-consented" (Graph refused: an admin must grant the permissions, README "Live sessions").
   */
  liveSessions?: "off" | "waiting" | "on" | "not-consented";
}

/**
 * A facilitator alert still waiting for someone (staff only): why, what the member wrote (plain
 * text; empty once they deleted their data), and whether Teams reached any facilitator with it.
 */
export interface OpenAlertDto {
  id: string;
  userId: string;
  displayName: string;
  reason: "asked-for-help" | "stuck-twice" | "missed-two-checkins";
  sessionNumber: number;
  raisedAt: string;
  context: string;
  /** Set when no facilitator could be reached in Teams: someone must reach out directly. */
  unreachedSince?: string;
  /** Who to open a Teams chat with: the member's Entra object id. */
  chatWith: string;
  /** The facilitator who said "I'll reach out", once someone has. */
  takenByName?: string;
}

export interface ResolveAlertResponse {
  alertId: string;
  resolvedAt: string;
}

/** `alerts` is only present for the cohort's facilitators and admins. */
/**
 * `members` is one page of the member table (staff) or the caller's own row (members);
 * `membersCursor` fetches the next page (`?cursor=`). `figuresAsOf`: when the group figures were computed.
 */
/**
 * An admin's "Recompute figures": the cohort's kept figures checked against a full recount from
 * its raw records, then rebuilt. `matched`: they were equal; `outdated`: answers came in since they
 * were kept (not an error); `mismatch`: they differed from the recount (now corrected).
 */
export interface RecomputeFiguresResponse {
  cohortId: string;
  outcome: "matched" | "outdated" | "mismatch";
  figuresAsOf: string;
}

export type ProgressResponse = CohortProgress & {
  cohortId: string;
  alerts?: OpenAlertDto[];
  membersCursor?: string;
  figuresAsOf?: string;
  /** Answers came in since `figuresAsOf` and are being counted (large cohorts): the next read has them. */
  figuresRefreshing?: true;
  /** Staff only, when live sessions ran: how many of the `held` sessions each member on this page attended (by user id). */
  liveSessionAttendance?: { held: number; attendedBy: Record<string, number> };
};

/**
 * Each leadership cohort in the caller's chain (theirs, or the one their team follows) with the
 * team cohorts that follow it. `aggregateOnly` marks a cohort the caller has no role in: its
 * figures are group figures only and its member list is empty.
 */
export interface LeaderExperimentDto {
  id: string;
  leaderName: string;
  work: string;
  tried: string;
  outcome: string;
  sharedAt: string;
}

/** Messages are predicates: the API prefixes the field's label ("What happened needs a few words: …"). */
const experimentField = (question: string, max: number) => z.string().trim().min(3, `needs a few words: ${question}`).max(max);

/** The same fields as the bot's experiment card; `draftId` (one per opened form) makes a resubmit a no-op. */
export const ShareExperimentRequest = z.object({
  draftId: z.string().regex(/^[A-Za-z0-9-]{8,64}$/, "is not valid: reload the page and try again"),
  work: experimentField("say which real piece of work it was", LIMITS.shortText),
  tried: experimentField("say what you tried", LIMITS.answerText),
  outcome: experimentField("say what happened, even if it went wrong", LIMITS.answerText),
  share: z.boolean(),
});
export type ShareExperimentRequest = z.infer<typeof ShareExperimentRequest>;

export interface ShareExperimentResponse {
  experimentId: string;
  /** The team cohorts it is on its way to (empty without consent, or when none has a channel). */
  postedTo: string[];
}

export const SaveLeaderNoteRequest = z.object({
  text: z.string().trim().min(3, "needs a few words to your teams").max(LIMITS.leaderNote),
  /** The version read; absent when writing the first note. */
  etag: z.string().min(1).max(256).optional(),
});
export type SaveLeaderNoteRequest = z.infer<typeof SaveLeaderNoteRequest>;

/** The leadership cohort's note, as its leaders see it; `note` is absent until one is written. */
export interface LeaderNoteResponse {
  cohortId: string;
  note?: { text: string; authorName: string; updatedAt: string; etag: string };
  /** The team cohorts it opens session 1 for, and whether each one's facilitators held it back. */
  teams: Array<{ cohortId: string; name: string; heldBack: boolean }>;
}

export const HoldLeaderNoteRequest = z.object({
  heldBack: z.boolean(),
  etag: z.string().min(1).max(256),
});
export type HoldLeaderNoteRequest = z.infer<typeof HoldLeaderNoteRequest>;

/** What a team cohort's staff review: the note its leaders wrote for its session 1, if any. */
export interface LeaderNoteReviewResponse {
  cohortId: string;
  leadershipCohortName?: string;
  note?: { text: string; authorName: string; updatedAt: string; etag: string; heldBack: boolean };
  /** Session 1's brief has gone (or is due): a change now reaches nobody. */
  sessionOneSent: boolean;
}

export interface LeadershipResponse {
  leadership: Array<{
    cohort: CohortSummary;
    progress: ProgressResponse;
    aggregateOnly?: true;
    teams: Array<{ cohort: CohortSummary; progress: ProgressResponse; aggregateOnly?: true }>;
    /** Experiments the leaders shared with their teams (with consent, with their name), newest first. */
    experiments: LeaderExperimentDto[];
  }>;
  /** Whether the organisation has any leadership cohort at all (seen by the caller or not). */
  organisationHasLeadershipCohort: boolean;
}

// ---------- questions ----------

export interface QuestionDto {
  id: string;
  text: string;
  askedOn: string;
  anonymous: boolean;
  /** Absent for anonymous questions. */
  askedByName?: string;
  status: "open" | "answered";
  answer?: string;
  etag: string;
}

export const AnswerQuestionRequest = z.object({
  answer: z.string().trim().min(1, "is required").max(LIMITS.answerText),
  /** Anonymous questions only: answer the asker alone (who reads it with their private code) instead of the whole cohort. */
  privately: z.boolean().optional(),
  etag: z.string().min(1),
});

// ---------- policy ----------

const policyItems = z.array(z.string().trim().min(1).max(LIMITS.policyItem)).max(LIMITS.policyItems);

export const PublishPolicyRequest = z.object({
  /** The version the admin's draft was based on (0 when none is published). */
  basedOnVersion: z.number().int().min(0),
  title: z.string().trim().min(1, "is required").max(LIMITS.shortText),
  summary: z.string().trim().min(1, "is required").max(LIMITS.policySummary),
  sections: z.object({
    allowedUses: policyItems.min(1, "must have at least one item"),
    notAllowed: policyItems.min(1, "must have at least one item"),
    dataHandling: policyItems.min(1, "must have at least one item"),
    approvedTools: policyItems.min(1, "must have at least one item"),
  }),
});
export type PublishPolicyRequest = z.infer<typeof PublishPolicyRequest>;

export interface PolicyResponse {
  current?: PolicyVersion;
  previous?: PolicyVersion;
  /** Items added to or removed from each section since the previous version. */
  changes: PolicySectionChange[];
  /** The title and summary, where the current version rewrote them. */
  textChanges: PolicyTextChange[];
  /** Has the caller acknowledged the current version? */
  acknowledgedByYou: boolean;
}

/**
 * What publishing a draft (sent as a PublishPolicyRequest to `POST /api/policy/preview`, admins
 * only) would do: what changes against the current version, and how many people will be asked to
 * acknowledge again. `unchanged` drafts are refused by `POST /api/policy`.
 */
export interface PolicyPreviewResponse {
  currentVersion: number;
  /** The version publishing would create. */
  nextVersion: number;
  unchanged: boolean;
  textChanges: PolicyTextChange[];
  changes: PolicySectionChange[];
  /** Distinct members of active cohorts: everyone the bot will ask to acknowledge the new version. */
  membersToAsk: number;
}

export interface AcknowledgementRatesResponse {
  version: number;
  cohorts: Array<{ cohortId: string; cohortName: string; memberCount: number; acknowledged: Aggregate }>;
}

// ---------- deliveries ----------

/** What the bot sent for a cohort, per kind of message (counts and reasons, never names or content). */
export interface MessageKindStatus {
  group: "programme" | "catch-up" | "alerts" | "answers" | "wins" | "pods";
  label: string;
  sent: number;
  waiting: number;
  failed: number;
  /** Dropped because nothing needed sending any more (already answered, policy replaced). */
  notNeeded: number;
  /** Why messages failed or wait, in plain words, most common first. */
  problems: Array<{ text: string; count: number }>;
}

export interface DeliveryStatusResponse {
  cohortId: string;
  /** Per kind of message, with reasons in plain words: what the tab shows. */
  kinds: MessageKindStatus[];
  /** Per timeline event (and out-of-timeline key), for diagnostics. */
  events: Array<{ eventKey: string; pending: number; claimed: number; sent: number; failed: number }>;
}

// ---------- my data ----------

export interface MyDataResponse {
  cohorts: Array<{
    cohortId: string;
    cohortName: string;
    commitments: Array<{ sessionNumber: number; deliverable: string }>;
    checkIns: Array<{
      sessionNumber: number;
      tried: string;
      worked: string;
      stuck: string;
      minutesSaved: number;
      confidence: number;
      /** The session's reflect questions as asked, with the member's answers. */
      reflectAnswers: Array<{ question: string; answer: string }>;
      /** What got in the way, in words. */
      blockers: string[];
      /** Whether they may be quoted, in words. */
      quoting: string;
    }>;
    adoption: Array<{ week: number; stillUsing: boolean; frequency: string; usedFor: string }>;
    wins: Array<{ text: string; createdAt: string }>;
  }>;
  /**
   * The caller's own measured Microsoft 365 Copilot usage, present only when the tenant measures it
   * and Microsoft's report has shown them active. Never part of any other person's answer.
   */
  measuredUsage?: { lastActiveOn: string; activeDays: number; windowDays: number; through: string };
}

/** `myHistory`: the signed-in member's own programme in one cohort ("Your programme" in the tab). */
export interface MyHistoryResponse {
  cohortId: string;
  cohortName: string;
  /** Set while the member has paused their programme: the local date it resumes. */
  pausedUntil?: LocalDate;
  /** Session briefs sent to the member, with the local date they went out. */
  briefs: Array<{ sessionNumber: number; title: string; sentOn: LocalDate }>;
  /** `link` is text the member typed: show it as plain text. */
  commitments: Array<{ sessionNumber: number; deliverable: string; done: boolean; link?: string }>;
  checkIns: Array<{ sessionNumber: number; tried: string; worked: string; stuck: string; minutesSaved: number; confidence: number; reflectAnswers: Array<{ question: string; answer: string }> }>;
  wins: Array<{ text: string; createdAt: string }>;
}

// The route table lives in ./api-routes (the tab imports it at run time; this file only as types).

// ---------- wins ----------

/** A team channel where the app is installed, as an admin picks a cohort's wins channel from. */
export interface WinsChannelOption {
  teamId: string;
  /** Absent when Teams has not told the bot the team's name yet. */
  teamName?: string;
  channelId: string;
  channelName?: string;
}

/** One page of a cohort's wins feed, newest first (facilitators and admins). */
export interface WinsFeedResponse {
  cohortId: string;
  /** Wins their authors agreed to share; `text` is the member's words, shown as plain text. */
  wins: Array<{ id: string; displayName: string; text: string; minutesSaved?: number; createdAt: string }>;
  /** Wins recorded without consent to share: a count only, never their words or authors. */
  unsharedCount: number;
  /** Pass as `?cursor=` for the next page; absent on the last page. */
  nextCursor?: string;
}

export const WinsFeedQuery = z.object({
  cursor: z.string().max(512).optional(),
  limit: z.coerce.number().int().min(1).max(50).optional(),
});

// ---------- before the next session: the facilitators' digest ----------

/** A quote from a check-in, without a name: only offered when at least 5 members answered. */
export interface DigestQuote {
  /** Stable for the same words (derived from the text, never from who wrote it). */
  id: string;
  kind: "worked" | "stuck" | "reflect";
  /** For a reflect answer, the question it answers. */
  question?: string;
  text: string;
  /** The author agreed to be named if it is featured; the name appears only in the brief. */
  named: boolean;
}

/** A win the member agreed to share (so it may be featured with their name). */
export interface DigestWin {
  id: string;
  displayName: string;
  text: string;
  minutesSaved?: number;
}

export interface SessionDigestResponse {
  cohortId: string;
  /** The session members reflected on. */
  sessionNumber: number;
  /** The session the digest prepares: its brief opens with "From your cohort last week". */
  nextSessionNumber: number;
  /** Local dates: when the check-in closes and when the next session's brief goes out. */
  checkInClosesOn: string;
  nextSessionOn: string;
  members: number;
  responses: number;
  /** Fewer than 5 answered: no quotes and no themes are offered, and the brief carries only the note. */
  quotesWithheld: boolean;
  /** Blockers by theme, most common first (empty when withheld). */
  blockers: Array<{ blocker: string; label: string; count: number }>;
  quotes: DigestQuote[];
  wins: DigestWin[];
  openHelpRequests: number;
  openQuestions: number;
  /** The line members will read in the brief; absent under 5 responses. */
  summaryLine?: string;
  published?: { note: string; featured: string[]; publishedByName: string; publishedAt: string };
  /** Send back with a publish, so two facilitators publishing at once cannot overwrite each other. */
  etag?: string;
  /** Every session with a digest so far (check-in open or closed), newest first, for choosing one. */
  sessions: Array<{ sessionNumber: number; checkInClosesOn: string; published: boolean }>;
}

export const PublishDigestRequest = z.object({
  note: z.string().trim().max(LIMITS.digestNote, `Keep the note under ${LIMITS.digestNote} characters.`),
  featured: z.array(z.string().min(1).max(200)).max(3, "Feature at most three quotes or wins."),
  etag: z.string().min(1).max(256).optional(),
});
export type PublishDigestRequest = z.infer<typeof PublishDigestRequest>;

// ---------- organisation report ----------
export * from "./impact-report-contract";

// ---------- live sessions, run-sheet and practice pods ----------
export * from "./live-sessions-contract";
