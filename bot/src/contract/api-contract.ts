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

export { ERROR_CODES, type ErrorCode } from "../domain/errors";
import type { CohortProgress } from "../domain/metrics";
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
  members: z.array(CohortMemberInput).max(LIMITS.membersPerCohort),
  leadershipCohortId: z.string().min(1).max(128).optional(),
  winsChannel: z.object({ teamId: z.string().min(1).max(256), channelId: z.string().min(1).max(256), channelName: z.string().max(LIMITS.shortText).optional() }).optional(),
  /** Required (true) when the start date is in the past: the cohort is already running and members join at the current week. */
  alreadyRunning: z.boolean().optional(),
});
export type CohortInput = z.infer<typeof CohortInput>;

/** Editing a cohort: the full input plus the ETag it was read with. */
export const CohortUpdate = CohortInput.extend({ etag: z.string().min(1), status: z.enum(["active", "paused", "archived"]).optional() });
export type CohortUpdate = z.infer<typeof CohortUpdate>;

/** What creating a cohort answers: the cohort, and a sentence saying what happens next. */
export type CohortCreated = CohortDetail & { message: string };

/** A person the tenant already knows (a stored person or a cohort member), offered by the people picker. */
export interface PersonSuggestion {
  userId: string;
  displayName: string;
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
}

export interface CohortDetail extends CohortSummary {
  etag: string;
  localTime: string;
  facilitators: Array<{ userId: string; displayName: string }>;
  /** Only for the cohort's facilitators and admins; members get an empty list. */
  members: Array<{ userId: string; displayName: string; jobTitle?: string }>;
  winsChannel?: { teamId: string; channelId: string; channelName?: string };
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
}

export interface TimelineResponse {
  cohortId: string;
  timeZone: string;
  today: string;
  events: TimelineEventDto[];
}

export type ProgressResponse = CohortProgress & { cohortId: string };

/**
 * Each leadership cohort in the caller's chain (theirs, or the one their team follows) with the
 * team cohorts that follow it. `aggregateOnly` marks a cohort the caller has no role in: its
 * figures are group figures only and its member list is empty.
 */
export interface LeadershipResponse {
  leadership: Array<{
    cohort: CohortSummary;
    progress: ProgressResponse;
    aggregateOnly?: true;
    teams: Array<{ cohort: CohortSummary; progress: ProgressResponse; aggregateOnly?: true }>;
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

export interface DeliveryStatusResponse {
  cohortId: string;
  events: Array<{ eventKey: string; pending: number; claimed: number; sent: number; failed: number }>;
}

// ---------- my data ----------

export interface MyDataResponse {
  cohorts: Array<{
    cohortId: string;
    cohortName: string;
    commitments: Array<{ sessionNumber: number; deliverable: string }>;
    checkIns: Array<{ sessionNumber: number; tried: string; worked: string; stuck: string; minutesSaved: number; confidence: number }>;
    adoption: Array<{ week: number; stillUsing: boolean; frequency: string; usedFor: string }>;
    wins: Array<{ text: string; createdAt: string }>;
  }>;
}

/** Route table, for the tab's API client and the server's router alike. */
export const API_ROUTES = {
  me: "/api/me",
  localPersonas: "/api/local/personas",
  localSignIn: "/api/local/sign-in",
  tracks: "/api/tracks",
  cohorts: "/api/cohorts",
  /** `?search=` text: up to 20 people the tenant already knows (admins and facilitators only). */
  people: "/api/people",
  cohort: (id: string) => `/api/cohorts/${encodeURIComponent(id)}`,
  timeline: (id: string) => `/api/cohorts/${encodeURIComponent(id)}/timeline`,
  progress: (id: string) => `/api/cohorts/${encodeURIComponent(id)}/progress`,
  metricsCsv: (id: string) => `/api/cohorts/${encodeURIComponent(id)}/metrics.csv`,
  deliveries: (id: string) => `/api/cohorts/${encodeURIComponent(id)}/deliveries`,
  questions: (id: string) => `/api/cohorts/${encodeURIComponent(id)}/questions`,
  answer: (id: string, questionId: string) => `/api/cohorts/${encodeURIComponent(id)}/questions/${encodeURIComponent(questionId)}/answer`,
  leadership: "/api/leadership",
  policy: "/api/policy",
  policyVersions: "/api/policy/versions",
  policyPreview: "/api/policy/preview",
  policyAcknowledgements: "/api/policy/acknowledgements",
  myData: "/api/my/data",
} as const;
