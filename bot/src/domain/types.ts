/**
 * The Cohort Coach domain model. Pure data: no I/O, no SDK types.
 *
 * Identity: a person is identified by their Microsoft Entra object id (`aadObjectId` on a Teams
 * activity, `oid` in an SSO token) and always qualified by their tenant id. Dates a person sees are
 * in the cohort's IANA time zone; instants are stored as ISO-8601 UTC strings.
 */

import type { SeniorityLevel, SeniorityRule } from "./seniority";

export type TenantId = string;
export type UserId = string;
export type CohortId = string;
export type TrackId = string;

/** ISO-8601 calendar date, `YYYY-MM-DD`. */
export type LocalDate = string;
/** Local wall-clock time, `HH:mm`. */
export type LocalTime = string;
/** ISO-8601 instant in UTC, e.g. `2026-03-02T08:30:00.000Z`. */
export type Instant = string;

// ---------------------------------------------------------------------------------------------
// Tracks: role-specific programme templates
// ---------------------------------------------------------------------------------------------

export type RoleFamily =
  | "leadership"
  | "marketing"
  | "finance"
  | "operations"
  | "project-management"
  | "hr";

/** The "learn" part of a session: a real workflow of the role and what to try on it. */
export interface LearnBrief {
  /** The real workflow this session is about, e.g. "Monthly variance commentary". */
  workflow: string;
  /** Two or three sentences: why this workflow, where AI creates leverage in it. */
  summary: string;
  /** Concrete steps to try, in order. */
  tryThis: string[];
  /** A prompt the member can copy and adapt to their own material. */
  examplePrompt: string;
  /** The judgement call or risk to watch for (accuracy, data handling, tone …). */
  watchOut: string;
}

/** The "apply" part: a real deliverable the member commits to using AI on. */
export interface ApplyAssignment {
  prompt: string;
  /** Examples of suitable real deliverables for this role. */
  examples: string[];
}

export interface TrackSession {
  /** 1-based; session n is delivered in programme week n. */
  number: number;
  title: string;
  learn: LearnBrief;
  apply: ApplyAssignment;
  /** Extra reflect prompts shown on this session's check-in, beyond the standard fields. */
  reflectQuestions: string[];
  /** The organisation's own templates and documents for this session (https only; authored tracks). */
  links?: TrackLink[];
  /** What changes for a seniority level (authored tracks): domain/tracks/session-variant.ts applies it. */
  variants?: Partial<Record<SeniorityLevel, SessionVariant>>;
}

/** An organisation's own template or document: an https link. */
export interface TrackLink {
  title: string;
  url: string;
}

/** What a seniority variant replaces in a session; anything left out is the session's own. */
export interface SessionVariant {
  summary?: string;
  tryThis?: string[];
  examplePrompt?: string;
  watchOut?: string;
  applyPrompt?: string;
}

/** The AI tool the organisation approves, with short how-to steps. */
export interface ApprovedTool {
  name: string;
  howTo: string[];
}

export interface Track {
  id: TrackId;
  name: string;
  role: RoleFamily;
  /** Who it is for, one line. */
  audience: string;
  description: string;
  sessions: TrackSession[];
  /** Default local time for deliveries, `HH:mm`. A cohort may override it. */
  defaultLocalTime: LocalTime;
  /** Programme weeks at which the adoption check runs (week 0 is the baseline). */
  adoptionCheckWeeks: number[];
  /** When each session's check-in closes and whether it is reminded. Default: DEFAULT_CHECK_IN_CADENCE (domain/timeline.ts). */
  checkInCadence?: CheckInCadence;
  /** Live sessions held as Teams meetings. Absent: DEFAULT live sessions (domain/live-sessions.ts); [] means none. */
  liveSessions?: LiveSessionDefinition[];
  /** Authored tracks: the tool the organisation approves, shown on every brief. */
  approvedTool?: ApprovedTool;
  /** Authored tracks: how job titles map to a session variant; empty or absent uses DEFAULT_SENIORITY_RULES. */
  seniorityRules?: SeniorityRule[];
  /** Authored tracks: 1 for the first saved version; absent for a built-in track. */
  version?: number;
  /** Authored tracks: the built-in track it was copied from. */
  basedOn?: TrackId;
  /** Authored tracks: when this version was saved, and by whom. */
  updatedAt?: Instant;
  updatedBy?: UserId;
  updatedByName?: string;
}

/**
 * The reflect check-in on session n opens the working day after its brief and closes
 * `gapWorkingDays` working days before session n+1, so what members report can reach the
 * facilitators, and shape session n+1, in between.
 */
export interface CheckInCadence {
  /** Working days between the check-in closing and the next session (1–4). */
  gapWorkingDays: number;
  /** One reminder, to those who have not answered, the working day before it closes. */
  reminder: boolean;
}

/**
 * A live session of a track, held as a Teams meeting: a kick-off on session `week`'s day, or a
 * clinic on the working day after session `week`'s check-in closes (before session `week` + 1).
 */
export interface LiveSessionDefinition {
  /** Stable within the track, e.g. "kickoff", "clinic.s2". */
  key: string;
  kind: "kickoff" | "clinic";
  week: number;
  title: string;
  durationMinutes: number;
  /** `HH:mm` in the cohort's zone; default: the cohort's delivery time. */
  localTime?: LocalTime;
}

// ---------------------------------------------------------------------------------------------
// Cohorts and members
// ---------------------------------------------------------------------------------------------

export type CohortKind = "leadership" | "team";
export type CohortStatus = "active" | "paused" | "archived";

/** Where shared wins are posted: a Teams channel the bot can reach. */
export interface WinsChannel {
  teamId: string;
  channelId: string;
  channelName?: string;
  /** The Bot Connector endpoint for the team, captured when the bot was used there. */
  serviceUrl?: string;
}

/** Working weekdays (ISO, 1 = Monday) and public holidays (local dates). */
export interface WorkingWeek {
  workingDays: number[];
  holidays: LocalDate[];
}

/** The organisation's calendar: every cohort uses it unless the cohort sets its own. */
export interface TenantCalendar extends WorkingWeek {
  tenantId: TenantId;
  updatedAt: Instant;
  updatedBy: UserId;
}

export interface Cohort {
  id: CohortId;
  tenantId: TenantId;
  name: string;
  kind: CohortKind;
  trackId: TrackId;
  /**
   * The version of an authored track the cohort runs on, pinned when it is created and changed only
   * when an admin moves it. Absent: a built-in track (or the latest version, for older cohorts).
   */
  trackVersion?: number;
  /** First programme day (week 1, session 1), in the cohort's time zone. */
  startDate: LocalDate;
  /** IANA zone, e.g. "Europe/London". */
  timeZone: string;
  /** Overrides the track's default delivery time. */
  localTime?: LocalTime;
  /** ISO weekdays (1 = Monday … 7 = Sunday) that count as working days. Default Mon–Fri. */
  workingDays?: number[];
  /** Public holidays to skip, as local dates. */
  holidays?: LocalDate[];
  /**
   * The organisation's calendar, attached when the cohort is read and never stored with it: the
   * working days or holidays the cohort does not set itself come from here (working-days.ts).
   */
  tenantCalendar?: WorkingWeek;
  facilitatorIds: UserId[];
  /** The leadership cohort that must run ahead of this one, if any. */
  leadershipCohortId?: CohortId;
  winsChannel?: WinsChannel;
  status: CohortStatus;
  /** Each time the cohort was paused (and resumed), oldest first: the rest of its programme moves later by each (domain/cohort-pause.ts). */
  pauses?: CohortPause[];
  createdAt: Instant;
  createdBy: UserId;
  updatedAt: Instant;
}

/** A pause of a whole cohort, recorded when its status goes active → paused and paused → active. */
export interface CohortPause {
  from: Instant;
  /** Unset while the cohort is still paused. */
  resumedAt?: Instant;
}

/** A member of a cohort. Stored one document per member so cohorts can be large. */
export interface Membership {
  tenantId: TenantId;
  cohortId: CohortId;
  userId: UserId;
  displayName: string;
  /** Job title or role as the member or admin gave it; used to tailor wording only. */
  jobTitle?: string;
  /** The admin's choice of session variant; absent: from the job title by the track's rules (domain/seniority.ts). */
  seniority?: SeniorityLevel;
  /**
   * When the member was added. A member added after the cohort's first session gets a catch-up
   * (domain/timeline.ts `lateJoinedAt`); older documents may lack it and count as joined at the start.
   */
  joinedAt: Instant;
  /** The member's own pauses ("I'm on leave"), oldest first; they move only this member's cards (domain/member-pause.ts). */
  pauses?: MemberPause[];
}

/** A member's pause of their own programme by whole weeks. Facilitators see only that it is running and until when. */
export interface MemberPause {
  /** When the member paused. */
  from: Instant;
  /** How many weeks they asked for (1–4). */
  weeks: number;
  /** Set when they said "I'm back" before the weeks were over. */
  endedAt?: Instant;
}

/** A person the bot can reach, with the conversation reference captured on install. */
export interface Person {
  tenantId: TenantId;
  userId: UserId;
  displayName: string;
  /** Opaque serialised Bot Framework conversation reference; only `teams/` interprets it. */
  conversationReference?: unknown;
  /** Set when Teams answered 403/404: the member blocked or removed the bot. */
  unreachableSince?: Instant;
  updatedAt: Instant;
}

/**
 * Admin rights the tab saw on a verified sign-in (the `CohortCoach.Admin` app role or an admin
 * group), kept so the bot, which only sees an object id, can honour them for a while.
 */
export interface AdminGrant {
  source: "app-role" | "group";
  seenAt: Instant;
}

// ---------------------------------------------------------------------------------------------
// The loop: apply commitments, check-ins, adoption checks
// ---------------------------------------------------------------------------------------------

/** "Which real piece of work will you use AI on this week?" — one per member per session. */
export interface ApplyCommitment {
  id: string; // ids.commitmentId
  tenantId: TenantId;
  cohortId: CohortId;
  userId: UserId;
  sessionNumber: number;
  deliverable: string;
  /** The member marked the deliverable done. */
  doneAt?: Instant;
  /** Where the real piece of work lives (https only, checked on input); always shown as plain text. */
  link?: string;
  committedAt: Instant;
  updatedAt: Instant;
}

export type Confidence = 1 | 2 | 3 | 4 | 5;

/** The reflect check-in for a session. A resubmission updates the same record. */
export interface CheckIn {
  id: string; // ids.checkInId
  tenantId: TenantId;
  cohortId: CohortId;
  userId: UserId;
  sessionNumber: number;
  tried: string;
  worked: string;
  stuck: string;
  minutesSaved: number;
  confidence: Confidence;
  wantsHelp: boolean;
  /** Answers to the session's own reflect questions, in the track's order (older records lack them). */
  reflectAnswers?: ReflectAnswer[];
  /** What got in the way, as codes so themes can be counted without reading every answer. */
  blockers?: Blocker[];
  /** Whether the member's answers may be quoted to others. Absent (older records): not at all. */
  quoteConsent?: QuoteConsent;
  submittedAt: Instant;
  updatedAt: Instant;
}

/** One reflect question of the session, as asked, with the member's answer. */
export interface ReflectAnswer {
  question: string;
  answer: string;
}

export const BLOCKERS = ["first-draft", "trusting-output", "what-to-share", "finding-time", "tool-access", "other"] as const;
export type Blocker = (typeof BLOCKERS)[number];

export const QUOTE_CONSENTS = ["no", "anonymous", "named"] as const;
/** "no": never quoted; "anonymous": quoted without the member's name; "named": quoted with it. */
export type QuoteConsent = (typeof QUOTE_CONSENTS)[number];

export type UsageFrequency = "daily" | "few-times-a-week" | "weekly" | "rarely" | "not-at-all";

/** Adoption check at week 0 (baseline), 4 and 8: is AI part of real work? */
export interface AdoptionAnswer {
  id: string; // ids.adoptionId
  tenantId: TenantId;
  cohortId: CohortId;
  userId: UserId;
  week: number;
  stillUsing: boolean;
  frequency: UsageFrequency;
  usedFor: string;
  /** When the latest answer was given (a second answer replaces the first). */
  answeredAt: Instant;
  /**
   * When the member first answered this check; kept when they answer again. Orders respondents
   * for released figures (domain/metrics.ts). Older records lack it: `answeredAt` stands in.
   */
  firstAnsweredAt?: Instant;
}

// ---------------------------------------------------------------------------------------------
// Questions and wins
// ---------------------------------------------------------------------------------------------

/**
 * A question to the cohort's facilitators. An anonymous question carries no user id, no
 * conversation id and only the day it was asked, so it cannot be traced back to a person.
 */
export type Question = NamedQuestion | AnonymousQuestion;

interface QuestionBase {
  id: string; // ids.questionId
  tenantId: TenantId;
  cohortId: CohortId;
  text: string;
  /** Day asked, in the cohort's time zone. Deliberately no time of day. */
  askedOn: LocalDate;
  status: "open" | "answered";
  answer?: string;
  answeredBy?: UserId;
  answeredAt?: Instant;
}

export interface NamedQuestion extends QuestionBase {
  anonymous: false;
  askedBy: UserId;
  askedByName: string;
}

export interface AnonymousQuestion extends QuestionBase {
  anonymous: true;
  /**
   * SHA-256 hashes of the private codes shown to whoever asked it (only on the confirmation card in
   * their own 1:1 chat). Never the code itself, never who holds it: a code proves "I asked this"
   * only to the person holding it, so an answer can reach the asker alone.
   */
  codeHashes?: string[];
  /** Answered for the asker only (retrieved with their code), not sent to the whole cohort. */
  answeredPrivately?: boolean;
}

export interface Win {
  id: string; // ids.winId
  tenantId: TenantId;
  cohortId: CohortId;
  userId: UserId;
  displayName: string;
  text: string;
  minutesSaved?: number;
  /** The member agreed to have this posted to the cohort's channel. */
  shareConsent: boolean;
  postedToChannelAt?: Instant;
  /**
   * A leader's experiment (leadership cohorts only): what they tried, on which real piece of work,
   * and what happened, failures included. With consent it goes to the channels and next briefs of
   * the team cohorts that follow the leadership cohort; `text` holds what they tried.
   */
  experiment?: LeaderExperiment;
  createdAt: Instant;
}

export interface LeaderExperiment {
  /** The real piece of work, e.g. "the Q3 board pack". */
  work: string;
  /** What happened, as it happened: "it got the structure right and two numbers wrong". */
  outcome: string;
}

// ---------------------------------------------------------------------------------------------
// Governance: AI-use policy
// ---------------------------------------------------------------------------------------------

export interface PolicySections {
  allowedUses: string[];
  notAllowed: string[];
  dataHandling: string[];
  approvedTools: string[];
}

export interface PolicyVersion {
  tenantId: TenantId;
  version: number;
  title: string;
  /** Two-sentence summary shown on the acknowledgement card. */
  summary: string;
  sections: PolicySections;
  publishedAt: Instant;
  publishedBy: UserId;
}

export interface PolicyAcknowledgement {
  id: string; // ids.acknowledgementId
  tenantId: TenantId;
  userId: UserId;
  version: number;
  acknowledgedAt: Instant;
}

// ---------------------------------------------------------------------------------------------
// Facilitator alerts
// ---------------------------------------------------------------------------------------------

export type AlertReason = "asked-for-help" | "stuck-twice" | "missed-two-checkins";

export interface FacilitatorAlert {
  id: string; // ids.alertId — one per member, reason and session
  tenantId: TenantId;
  cohortId: CohortId;
  userId: UserId;
  displayName: string;
  reason: AlertReason;
  sessionNumber: number;
  /** What the member wrote or what happened, for the facilitator's context. */
  context: string;
  raisedAt: Instant;
  acknowledgedBy?: UserId;
  acknowledgedAt?: Instant;
  /** A facilitator reached the member and marked it resolved: the member is no longer shown as stuck for it. */
  resolvedBy?: UserId;
  resolvedAt?: Instant;
}

// ---------------------------------------------------------------------------------------------
// Timeline and deliveries
// ---------------------------------------------------------------------------------------------

export type TimelineEventKind =
  | "policy" // acknowledge the current AI-use policy, before the first session
  | "baseline" // week-0 adoption baseline
  | "learn" // session brief
  | "apply" // commit to a real deliverable
  | "checkin" // reflect on last week's deliverable
  | "checkin-reminder" // at most one reminder for an unanswered check-in
  | "adoption" // week 4 / 8 / 12 adoption check
  | "adoption-reminder"; // one reminder for an unanswered adoption check, a few working days after it opened

export interface TimelineEvent {
  /** Stable key within a cohort, e.g. "s2.checkin", "adoption.w4". */
  key: string;
  kind: TimelineEventKind;
  /** Programme week (0 = before the first session). */
  week: number;
  sessionNumber?: number;
  /** For adoption checks. */
  adoptionWeek?: number;
  /** When it is due, UTC. */
  dueAt: Instant;
  /** The same moment in the cohort's zone, for display. */
  localDate: LocalDate;
  localTime: LocalTime;
  /** Check-ins and their reminders: when the check-in closes (before the next session), UTC. */
  closesAt?: Instant;
  /** The same moment, as the local date in the cohort's zone. */
  closesOn?: LocalDate;
}

/**
 * What a delivery carries: a timeline event, an answer to a question, a facilitator alert, a
 * member's catch-up, a win posted to the cohort's channel, or a facilitator's "before session n+1"
 * digest.
 */
/**
 * "leader-experiment": a leader's experiment posted to a following team cohort's channel (the delivery lives in the team cohort).
 * "answer-post": an answer given to the whole cohort, posted to the cohort's channel too.
 */
export type DeliveryKind = TimelineEventKind | "answer" | "alert" | "catchup" | "win" | "leader-experiment" | "answer-post" | "digest" | "pod-exercise";

/** Deliveries that go to the cohort's channel rather than to a person. */
export const CHANNEL_POST_KINDS: readonly DeliveryKind[] = ["win", "leader-experiment", "answer-post"];
export const isChannelPost = (kind: DeliveryKind): boolean => CHANNEL_POST_KINDS.includes(kind);
/** Deliveries that go to a group chat (a practice pod's): `userId` is the pod's id, not a person. */
export const isChatPost = (kind: DeliveryKind): boolean => kind === "pod-exercise";

/** "skipped": nothing to send any more (e.g. the policy was acknowledged before the card went out). */
export type DeliveryStatus = "pending" | "claimed" | "sent" | "failed" | "skipped";

/**
 * One card to one member for one event. Written (with a deterministic id) before anything is
 * sent, so a crash, a retry or a second scheduler instance can never send the same card twice.
 */
export interface Delivery {
  id: string; // ids.deliveryId
  tenantId: TenantId;
  cohortId: CohortId;
  userId: UserId;
  /** Timeline event key, or "policy.v{n}" / "answer.{questionId}" for out-of-timeline sends. */
  eventKey: string;
  kind: DeliveryKind;
  status: DeliveryStatus;
  attempts: number;
  /** Not before this instant (backoff, Retry-After). */
  notBefore: Instant;
  claimedBy?: string;
  claimExpiresAt?: Instant;
  sentAt?: Instant;
  /** The Teams activity id of the sent card, so it can be updated later. */
  activityId?: string;
  failureReason?: string;
  /** Permanent failures (403/404) are never retried. */
  permanent?: boolean;
  /**
   * Someone is waiting on it (a help request, an answer to their own question, their win): it is
   * claimed ahead of a running fan-out's backlog.
   */
  urgent?: boolean;
  /**
   * Where the bot may open a 1:1 chat with a recipient it has never talked to (a facilitator who
   * never opened the app), taken from the conversation that caused the message.
   */
  openChatFrom?: ChatOrigin;
  createdAt: Instant;
  updatedAt: Instant;
}

/** Where a bot's 1:1 chats are opened: the Bot Connector endpoint and the bot's own account, from a conversation it already has. */
export interface ChatOrigin {
  serviceUrl: string;
  bot: { id: string; name?: string };
}

// ---------------------------------------------------------------------------------------------
// Roles
// ---------------------------------------------------------------------------------------------

export type Role = "admin" | "facilitator" | "employee";

/** Who is acting, as established from a validated token or a Teams activity. Never from input. */
export interface Actor {
  tenantId: TenantId;
  userId: UserId;
  displayName: string;
  /** Tenant-wide admin (app role, admin group or configured list). */
  isAdmin: boolean;
}

// ---------------------------------------------------------------------------------------------
// Metrics (computed in domain/metrics.ts, served by the API)
// ---------------------------------------------------------------------------------------------

/**
 * How a released group figure was made safe against comparing two releases (domain/metrics.ts):
 * - "first-respondents": `value` is computed over the first `n` respondents, in the order their
 *   answers were first recorded; `n` is the number of respondents rounded down to a multiple of 5,
 *   so later answers change it only five at a time.
 * - "rounded-down-count": `value` is a number of people rounded down to a multiple of 5 (the true
 *   number may be up to 4 more; 0 means "fewer than 5"), out of a group of `n`.
 * - "rounded-down-share": `value` is a share of the `n` people whose count was rounded down to a
 *   multiple of 5 first (the true share may be a little higher).
 * - "exact": not rounded (only for figures that are not about members' answers).
 */
export type AggregateBasis = "first-respondents" | "rounded-down-count" | "rounded-down-share" | "exact";

/** An aggregate over people: hidden when fewer than 5 people are in it (psychological safety). */
export type Aggregate = { suppressed: false; n: number; value: number; basis: AggregateBasis } | { suppressed: true; n?: undefined; value?: undefined; basis?: undefined };

export type MemberProgressStatus = "on-track" | "stuck" | "asked-for-help" | "missed-checkins" | "not-started";

export interface MemberProgress {
  userId: string;
  displayName: string;
  status: MemberProgressStatus;
  checkInsDone: number;
  minutesSaved: number;
  lastConfidence?: number;
  /** The member paused their programme until this local date; never why. */
  pausedUntil?: LocalDate;
}

export interface WeeklyPoint {
  week: number;
  participation: Aggregate; // share of members who checked in (0..1)
  confidence: Aggregate; // average 1..5
  minutesSaved: Aggregate; // total minutes
}

export interface AdoptionPoint {
  week: number; // 0 = baseline, 4, 8
  stillUsing: Aggregate; // share answering yes (0..1), over the first respondents
  /** How many answered, rounded down to a multiple of 5 (0: fewer than 5). */
  respondents: number;
}

export interface PolicySectionChange {
  section: keyof PolicySections;
  added: string[];
  removed: string[];
}


/** A rewritten text field of the policy (its title or summary), before and after. */
export interface PolicyTextChange {
  field: "title" | "summary";
  before: string;
  after: string;
}

/**
 * What a facilitator published for the next session's brief ("From your cohort last week"): their
 * note and up to three featured quotes or wins, as they read when published.
 */
export interface PublishedDigest {
  tenantId: TenantId;
  cohortId: CohortId;
  /** The session members reflected on; the brief of session + 1 carries it. */
  sessionNumber: number;
  note: string;
  featured: FeaturedItem[];
  publishedBy: UserId;
  publishedByName: string;
  publishedAt: Instant;
}

export interface FeaturedItem {
  /** The id the facilitator chose (a quote's or a win's). */
  id: string;
  kind: "quote" | "win";
  text: string;
  /** The author's name, only when they agreed to be named (a shared win, or a quote with consent). */
  attribution?: string;
  /** Whose words: kept so "delete my data" removes them. Never sent to the tab or a card. */
  authorId: UserId;
}

/**
 * Measured Copilot usage (domain/measured-usage.ts), a tenant's switch and what its last read found:
 * - `off`: not turned on (the default); `on-waiting-for-first-read`: on, no read has succeeded yet;
 * - `on`: read at `lastReadAt`, data as of `reportRefreshDate`;
 * - `not-consented`: Graph refused (403): the app's permissions are not admin-consented yet;
 * - `concealed`: the tenant shows concealed user names in reports, so nothing can be joined.
 */
export type MeasuredUsageState = "off" | "on-waiting-for-first-read" | "on" | "not-consented" | "concealed";

export interface MeasuredUsageSettings {
  tenantId: TenantId;
  enabled: boolean;
  state: MeasuredUsageState;
  changedAt?: Instant;
  changedBy?: UserId;
  /** The last read attempt, successful or not. */
  lastAttemptAt?: Instant;
  /** The UTC day (YYYY-MM-DD) of the last successful read: one read a day. */
  lastReadDay?: string;
  lastReadAt?: Instant;
  /** The day the report's data goes up to (its `reportRefreshDate`). */
  reportRefreshDate?: string;
  /** The first successful read's `reportRefreshDate`: the stored dates speak for days from then on. */
  observedSince?: string;
  /** After a failed read (403, Graph unavailable), not before this instant. */
  retryAfter?: Instant;
}
