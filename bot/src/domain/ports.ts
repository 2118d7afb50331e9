/**
 * Ports: what the application needs from storage and from Teams, as interfaces. `store/`
 * implements the repositories on Cosmos DB, `teams/` implements the sender on botbuilder. Every
 * read and write is scoped by tenant id; nothing here can return another tenant's data.
 *
 * Conventions every implementation keeps:
 * - `get…` returns `undefined` for a missing record (including one in another tenant).
 * - Writes keyed by a deterministic id are upserts: a retry or double submission rewrites the one
 *   record. `create…IfAbsent` reports `"exists"` instead of failing on a duplicate id (409).
 * - ETag-guarded writes throw `ConcurrencyError` when the ETag no longer matches (412).
 */
import type {
  AdminGrant,
  AdoptionAnswer,
  ApplyCommitment,
  ChatOrigin,
  CheckIn,
  Cohort,
  CohortId,
  Delivery,
  FacilitatorAlert,
  Instant,
  MemberPause,
  MeasuredUsageSettings,
  Membership,
  Person,
  PolicyAcknowledgement,
  PolicyVersion,
  PublishedDigest,
  Question,
  TenantCalendar,
  TenantId,
  Track,
  UserId,
  Win,
  WinsChannel,
} from "./types";
import type { MeetingRecord } from "./live-sessions";
import type { PodActivity, PodSplit } from "./pods";

/** A record as read from the store, with the ETag to guard the next write. */
export type Versioned<T> = T & { etag: string };

export type CreateOutcome = "created" | "exists";

export interface CohortRepository {
  get(tenantId: TenantId, cohortId: CohortId): Promise<Versioned<Cohort> | undefined>;
  list(tenantId: TenantId): Promise<Versioned<Cohort>[]>;
  /** Throws AlreadyExistsError when the id is taken. */
  create(cohort: Cohort): Promise<Versioned<Cohort>>;
  /** Throws ConcurrencyError when `etag` is stale. */
  update(cohort: Cohort, etag: string): Promise<Versioned<Cohort>>;
  /**
   * System use only (the scheduler): active cohorts of every tenant, one page at a time.
   * Never used to answer a user's request.
   */
  listActiveForScheduling(): AsyncIterable<Versioned<Cohort>>;
}

export interface MembershipRepository {
  listByCohort(tenantId: TenantId, cohortId: CohortId): Promise<Membership[]>;
  countByCohort(tenantId: TenantId, cohortId: CohortId): Promise<number>;
  /** The cohorts a person belongs to, within their tenant. */
  listByUser(tenantId: TenantId, userId: UserId): Promise<Membership[]>;
  get(tenantId: TenantId, cohortId: CohortId, userId: UserId): Promise<Membership | undefined>;
  upsertMany(memberships: Membership[]): Promise<void>;
  removeMany(tenantId: TenantId, cohortId: CohortId, userIds: UserId[]): Promise<void>;
  /**
   * An opaque token that changes whenever the cohort's members change (written after the change),
   * so the scheduler can tell "nothing new" without reading every membership.
   */
  rosterVersion(tenantId: TenantId, cohortId: CohortId): Promise<string | undefined>;
  /**
   * Every pause taken by the cohort's members, by member (only those who ever paused): one point
   * read, so the scheduler can tell when a member's shifted card falls due without reading the roster.
   * The memberships read above carry the same pauses.
   */
  listPauses(tenantId: TenantId, cohortId: CohortId): Promise<Record<UserId, MemberPause[]>>;
  /**
   * Applies `change` to one member's pauses, guarded against concurrent writes (retried on a lost
   * race, so two clicks at once are decided one after the other). After a write the roster version
   * moves, like any roster change. `changed` is false when `change` wanted nothing.
   */
  updatePauses(tenantId: TenantId, cohortId: CohortId, userId: UserId, change: PauseChange): Promise<{ pauses: MemberPause[]; changed: boolean }>;
}

/** A member's pauses as they should be after a request, from the pauses as stored; undefined: leave them as they are. */
export type PauseChange = (current: MemberPause[]) => MemberPause[] | undefined;

export interface PersonRepository {
  get(tenantId: TenantId, userId: UserId): Promise<Person | undefined>;
  getMany(tenantId: TenantId, userIds: UserId[]): Promise<Person[]>;
  upsert(person: Person): Promise<void>;
  markUnreachable(tenantId: TenantId, userId: UserId, at: Instant): Promise<void>;
  /** Up to `limit` of the tenant's people whose name (or id) contains `text`, case-insensitively. */
  search(tenantId: TenantId, text: string, limit: number): Promise<Array<Pick<Person, "userId" | "displayName">>>;
  /** The admin grant last seen on this person's tab sign-in, if any. */
  adminGrant(tenantId: TenantId, userId: UserId): Promise<AdminGrant | undefined>;
  /** Records the grant seen on a sign-in, or (undefined) removes it: the sign-in carried none. */
  recordAdminGrant(tenantId: TenantId, userId: UserId, grant: AdminGrant | undefined): Promise<void>;
}

export interface TrackRepository {
  /** Tenant-authored tracks, each at its latest version; built-in tracks live in code (domain/tracks). */
  list(tenantId: TenantId): Promise<Track[]>;
  /** One authored track at `version` (the latest when left out); undefined when there is no such track or version. */
  get(tenantId: TenantId, trackId: string, version?: number): Promise<Track | undefined>;
  /** The latest version as stored now (never cached), with the ETag a save must quote. */
  head(tenantId: TenantId, trackId: string): Promise<Versioned<Track> | undefined>;
  /**
   * Saves `track` as its next version, immutable once written: `etag` null creates version 1 of a
   * new track, else it must be the head's ETag as read. Atomic: when someone saved first, throws
   * ConcurrencyError and writes nothing (two saves at once: exactly one wins).
   */
  save(tenantId: TenantId, track: Track, etag: string | null): Promise<Versioned<Track>>;
}

/** The learn → apply → reflect records of one cohort. */
export interface LoopRecordRepository {
  upsertCommitment(commitment: ApplyCommitment): Promise<void>;
  getCommitment(tenantId: TenantId, cohortId: CohortId, sessionNumber: number, userId: UserId): Promise<ApplyCommitment | undefined>;
  upsertCheckIn(checkIn: CheckIn): Promise<void>;
  getCheckIn(tenantId: TenantId, cohortId: CohortId, sessionNumber: number, userId: UserId): Promise<CheckIn | undefined>;
  upsertAdoption(answer: AdoptionAnswer): Promise<void>;
  /** Everything for one cohort's dashboard, in one single-partition read. */
  listCohortRecords(tenantId: TenantId, cohortId: CohortId): Promise<CohortRecords>;
  /** The cohort's commitments, check-ins and adoption answers with only the fields its group figures use (domain/metrics.ts): free text other than "stuck" left empty, no wins. */
  listCohortFigureInputs(tenantId: TenantId, cohortId: CohortId): Promise<CohortRecords>;
  /** One member's records in a cohort (for "my progress" and "my data"). */
  listMemberRecords(tenantId: TenantId, cohortId: CohortId, userId: UserId): Promise<MemberRecords>;
  /** "My data": deletes the member's commitments, check-ins, adoption answers and wins. */
  deleteMemberRecords(tenantId: TenantId, cohortId: CohortId, userId: UserId): Promise<number>;
}

export interface CohortRecords {
  commitments: ApplyCommitment[];
  checkIns: CheckIn[];
  adoption: AdoptionAnswer[];
  wins: Win[];
}

export interface MemberRecords {
  commitments: ApplyCommitment[];
  checkIns: CheckIn[];
  adoption: AdoptionAnswer[];
  wins: Win[];
}

export interface QuestionRepository {
  /** Idempotent on the question id. */
  createIfAbsent(question: Question): Promise<CreateOutcome>;
  get(tenantId: TenantId, cohortId: CohortId, questionId: string): Promise<Versioned<Question> | undefined>;
  /** Newest first, each with the ETag an answer must quote. */
  listByCohort(tenantId: TenantId, cohortId: CohortId): Promise<Versioned<Question>[]>;
  /** Throws ConcurrencyError when `etag` is stale (two facilitators answering at once). */
  update(question: Question, etag: string): Promise<Versioned<Question>>;
}

export interface WinRepository {
  createIfAbsent(win: Win): Promise<CreateOutcome>;
  listByCohort(tenantId: TenantId, cohortId: CohortId): Promise<Win[]>;
  /** Wins shared with consent, newest first, `limit` at most per page; `cursor` is the previous page's `nextCursor`. */
  listSharedPage(tenantId: TenantId, cohortId: CohortId, limit: number, cursor?: string): Promise<{ wins: Win[]; nextCursor?: string }>;
  /** How many wins were recorded without consent to share (their words are never listed). */
  countUnshared(tenantId: TenantId, cohortId: CohortId): Promise<number>;
  markPosted(tenantId: TenantId, cohortId: CohortId, winId: string, at: Instant): Promise<void>;
}

export interface PolicyRepository {
  current(tenantId: TenantId): Promise<PolicyVersion | undefined>;
  get(tenantId: TenantId, version: number): Promise<PolicyVersion | undefined>;
  list(tenantId: TenantId): Promise<PolicyVersion[]>;
  /**
   * Publishes `next` as version `expectedCurrentVersion + 1` (0 when none exists yet). Atomic:
   * if another admin published first, throws ConcurrencyError and writes nothing.
   */
  publish(next: PolicyVersion, expectedCurrentVersion: number): Promise<PolicyVersion>;
  /** Idempotent on (version, user). */
  acknowledge(ack: PolicyAcknowledgement): Promise<CreateOutcome>;
  hasAcknowledged(tenantId: TenantId, version: number, userId: UserId): Promise<boolean>;
  listAcknowledgements(tenantId: TenantId, version: number): Promise<PolicyAcknowledgement[]>;
}

export interface AlertRepository {
  createIfAbsent(alert: FacilitatorAlert): Promise<CreateOutcome>;
  /** The same for many alerts of one cohort, in few requests; returns those that were new. */
  createManyIfAbsent(alerts: FacilitatorAlert[]): Promise<FacilitatorAlert[]>;
  listByCohort(tenantId: TenantId, cohortId: CohortId): Promise<Versioned<FacilitatorAlert>[]>;
  get(tenantId: TenantId, cohortId: CohortId, alertId: string): Promise<Versioned<FacilitatorAlert> | undefined>;
  update(alert: FacilitatorAlert, etag: string): Promise<Versioned<FacilitatorAlert>>;
  /** One member's alerts in a cohort (for "my data" and the member's own card), newest first. */
  listByMember(tenantId: TenantId, cohortId: CohortId, userId: UserId): Promise<Versioned<StoredAlert>[]>;
  /** Records whether Teams reached a facilitator with this alert (kept with the alert, for the tab and the member's card). */
  recordReach(tenantId: TenantId, cohortId: CohortId, alertId: string, reach: AlertReach): Promise<void>;
  /**
   * "Delete my data": the words a member wrote, quoted in their alerts, are removed; the alert
   * itself (who, why, which session) stays so a facilitator can still follow up. Returns how many
   * alerts were changed.
   */
  redactMemberText(tenantId: TenantId, cohortId: CohortId, userId: UserId, at: Instant): Promise<number>;
}

/** Whether an alert reached a facilitator in Teams. */
export interface AlertReach {
  /** Facilitators who received it in their 1:1 chat (0: none could be reached). */
  reachedFacilitators: number;
  /** Set when no facilitator could be reached in Teams: the alert waits for them in the tab. */
  unreachedSince?: Instant;
  /** When it was last tried. */
  checkedAt: Instant;
}

/** An alert as stored: the domain record, with how it was delivered and whether the member's words were deleted. */
export type StoredAlert = FacilitatorAlert & { reach?: AlertReach; memberTextDeletedAt?: Instant };

export interface DeliveryCounts {
  eventKey: string;
  pending: number;
  claimed: number;
  sent: number;
  failed: number;
  skipped: number;
}

/** One kind of message in a cohort: how many are in each state, and why those that failed did. */
export interface DeliveryKindCounts extends Omit<DeliveryCounts, "eventKey"> {
  kind: Delivery["kind"];
  /** Failure (and skip) reasons as recorded, with how many deliveries carry each. */
  reasons: Array<{ status: "failed" | "skipped" | "pending"; reason: string; count: number }>;
}

export interface DeliveryRepository {
  /** Writes the delivery unless one with the same id exists. */
  createIfAbsent(delivery: Delivery): Promise<CreateOutcome>;
  /** The same for many deliveries of one cohort, in few requests; returns how many were new. */
  createManyIfAbsent(deliveries: Delivery[]): Promise<number>;
  /**
   * Claims up to `limit` deliveries of one cohort that are pending (or claimed with an expired
   * claim) and due by `now`, ETag-guarded so two instances never claim the same one.
   */
  claimDue(
    tenantId: TenantId,
    cohortId: CohortId,
    claimant: string,
    now: Instant,
    claimUntil: Instant,
    limit: number,
  ): Promise<Versioned<Delivery>[]>;
  /** Throws ConcurrencyError if the claim was lost (another instance took it over). */
  update(delivery: Delivery, etag: string): Promise<Versioned<Delivery>>;
  /** Every delivery of a cohort: for tests and the consistency checks, never on a request path. */
  listByCohort(tenantId: TenantId, cohortId: CohortId): Promise<Delivery[]>;
  /** Every delivery of one event (a question's answer, an alert to each facilitator): few, read from one partition. */
  listForEvent(tenantId: TenantId, cohortId: CohortId, eventKey: string): Promise<Delivery[]>;
  /** The members who already have a delivery for this event (one cheap projection query). */
  listUserIdsForEvent(tenantId: TenantId, cohortId: CohortId, eventKey: string): Promise<Set<UserId>>;
  countsByEvent(tenantId: TenantId, cohortId: CohortId): Promise<DeliveryCounts[]>;
  /** The same, per kind of message, with the reasons of failures, skips and pending retries. */
  countsByKind(tenantId: TenantId, cohortId: CohortId): Promise<DeliveryKindCounts[]>;
  /** The cohort's last completed planning, if any. */
  getPlanMark(tenantId: TenantId, cohortId: CohortId): Promise<PlanMark | undefined>;
  savePlanMark(mark: PlanMark): Promise<void>;
}

/** What a cohort's last completed planning was based on: the same signature means nothing new to plan. */
export interface PlanMark {
  tenantId: TenantId;
  cohortId: CohortId;
  signature: string;
  plannedAt: Instant;
}

export interface Lease {
  name: string;
  holder: string;
  expiresAt: Instant;
}

/** Short leases in Cosmos coordinate scheduler instances; no in-memory locks. */
export interface LeaseRepository {
  /** True when `holder` now holds the lease (newly, or renewed), until `expiresAt`. */
  tryAcquire(name: string, holder: string, now: Instant, expiresAt: Instant): Promise<boolean>;
  release(name: string, holder: string): Promise<void>;
}


/** A team the app is installed in, with the channels the bot has learnt of there. */
export interface InstalledTeam {
  tenantId: TenantId;
  teamId: string;
  teamName?: string;
  /** The Bot Connector endpoint for the team. */
  serviceUrl: string;
  /** Always the General channel (its id is the team's); others once the bot has seen them. */
  channels: Array<{ channelId: string; channelName?: string }>;
  updatedAt: Instant;
}

export interface TeamRepository {
  /** Records the team, adding channels and a name to what was known; never forgets a channel. */
  record(team: InstalledTeam): Promise<void>;
  list(tenantId: TenantId): Promise<InstalledTeam[]>;
}

/** Someone on a team's roster in Teams. Teams' roster carries no job title. */
export interface DirectoryPerson {
  /** Their Entra object id. */
  userId: UserId;
  displayName: string;
  email?: string;
  userPrincipalName?: string;
}

/**
 * The people of the teams the app is installed in, from Teams' rosters (implemented in teams/).
 * Nothing is cached between calls: each call reads the rosters it needs, each at most once.
 * Throws `NotFoundError` when Teams no longer lets the app read a team, another AppError when it fails.
 */
export interface Directory {
  /** Every member of one installed team (all pages). */
  teamMembers(team: InstalledTeam): Promise<DirectoryPerson[]>;
  /**
   * The people whose e-mail address or sign-in name is in `emails` (lower case), keyed by it, from
   * the rosters of `teams`; `unreadable` lists the teams whose roster could not be read.
   */
  findByEmail(teams: InstalledTeam[], emails: string[]): Promise<{ found: Map<string, DirectoryPerson>; unreadable: InstalledTeam[] }>;
}

/** Published digests, one per cohort and session, ETag-guarded like the policy. */
export interface DigestRepository {
  get(tenantId: TenantId, cohortId: CohortId, sessionNumber: number): Promise<Versioned<PublishedDigest> | undefined>;
  listByCohort(tenantId: TenantId, cohortId: CohortId): Promise<PublishedDigest[]>;
  /** Creates it (no etag) or replaces it (etag): ConcurrencyError when someone published first. */
  save(digest: PublishedDigest, etag?: string): Promise<Versioned<PublishedDigest>>;
  /** "Delete my data": drops this member's words from every featured list of the cohort. */
  removeAuthor(tenantId: TenantId, cohortId: CohortId, userId: UserId): Promise<number>;
}

/**
 * A leadership cohort's note to the team cohorts that follow it, opening their session 1 brief.
 * Plain text as the leader typed it; `heldBack` lists the team cohorts whose facilitators held it back.
 */
export interface LeaderNote {
  tenantId: TenantId;
  /** The leadership cohort: the note lives in its partition. */
  cohortId: CohortId;
  text: string;
  authorId: UserId;
  authorName: string;
  updatedAt: Instant;
  heldBack: CohortId[];
}

/** One note per leadership cohort, ETag-guarded: two leaders (or a leader and a facilitator) never overwrite each other unseen. */
export interface LeaderNoteRepository {
  get(tenantId: TenantId, cohortId: CohortId): Promise<Versioned<LeaderNote> | undefined>;
  /** Creates it (no etag) or replaces it (etag): ConcurrencyError when someone changed it first. */
  save(note: LeaderNote, etag?: string): Promise<Versioned<LeaderNote>>;
}

/** The organisation's working calendar, one document per tenant, ETag-guarded like the policy. */
export interface TenantCalendarRepository {
  get(tenantId: TenantId): Promise<Versioned<TenantCalendar> | undefined>;
  /** Creates it (no etag) or replaces it (etag): ConcurrencyError when someone saved first. */
  save(calendar: TenantCalendar, etag?: string): Promise<Versioned<TenantCalendar>>;
}

/**
 * The dashboard's read model (store/cohort-figures.repository.ts): a cohort's group figures kept
 * as one document, recomputed from the raw records only when its key (what they were computed
 * from) no longer matches, and the member table read a page at a time.
 */
export interface CohortFiguresSnapshot {
  /** What the figures were computed from: write markers, policy version, timeline, events due. */
  key: string;
  computedAt: Instant;
  memberCount: number;
  /** Members who acknowledged the current policy version (exact; staff-only figure). */
  acknowledgedCount: number;
  weekly: import("./types").WeeklyPoint[];
  adoption: import("./types").AdoptionPoint[];
  policyAcknowledged: import("./types").Aggregate;
  stuckCount: import("./types").Aggregate;
  helpRequests: import("./types").Aggregate;
  /** Responses per timeline event key (already released: rounded down, suppressed). */
  responses: Record<string, import("./types").Aggregate>;
}

export interface MemberPage {
  memberships: Membership[];
  /** What the member table's rows are computed from, rebuilt from each member's row summary: commitments and check-ins with only the fields rows use (free text empty, "stuck" as a flag), no adoption answers or wins. */
  records: CohortRecords;
  resolutions: Array<Pick<FacilitatorAlert, "userId" | "sessionNumber" | "resolvedAt">>;
  /** Pass back for the next page; absent on the last page. */
  nextCursor?: string;
}

/** An open alert as the dashboard's "who needs help" shows it: only these fields are read. */
export type OpenAlertRow = Pick<StoredAlert, "id" | "userId" | "displayName" | "reason" | "sessionNumber" | "raisedAt" | "context" | "memberTextDeletedAt" | "reach" | "acknowledgedBy" | "resolvedAt">;

export interface CohortFiguresRepository {
  /** Changes with every write that can move the cohort's figures (records, alerts resolved, roster). */
  writeMarker(tenantId: TenantId, cohortId: CohortId): Promise<string>;
  /** Changes with every policy acknowledgement in the tenant. */
  acknowledgementMarker(tenantId: TenantId): Promise<string>;
  get(tenantId: TenantId, cohortId: CohortId): Promise<CohortFiguresSnapshot | undefined>;
  save(tenantId: TenantId, cohortId: CohortId, figures: CohortFiguresSnapshot): Promise<void>;
  /** The member count kept on the roster document (one point read). */
  memberCount(tenantId: TenantId, cohortId: CohortId): Promise<number>;
  /** Members in user-id order, `limit` at a time, with their records and resolved alerts. */
  memberPage(tenantId: TenantId, cohortId: CohortId, limit: number, cursor?: string): Promise<MemberPage>;
  /** Alerts not resolved yet, newest first, at most `limit`. */
  openAlerts(tenantId: TenantId, cohortId: CohortId, limit: number): Promise<OpenAlertRow[]>;
  /** Recomputes every member's row summary from the raw records (idempotent); how many differed. */
  rebuildMemberSummaries(tenantId: TenantId, cohortId: CohortId): Promise<{ members: number; differed: number }>;
  /** The roster as the cohort editor lists it (user id, name, job title), in one query of those fields only. */
  rosterNames(tenantId: TenantId, cohortId: CohortId): Promise<Array<Pick<Membership, "userId" | "displayName" | "jobTitle">>>;
}

/**
 * The organisation report's read model (store/report-parts.repository.ts): each cohort's released
 * report parts (domain/impact-report.ts `reportPartsOf`), kept with the key they were computed from.
 */
export interface ReportPartsSnapshot {
  /** What the parts were computed from: the cohort's write marker, its seniority rules, the format. */
  key: string;
  computedAt: Instant;
  /** domain/impact-report.ts `StoredReportParts` as JSON (not named here: the domain's report imports this file). */
  parts: unknown;
}

/** A cohort's state for the report: how far its writes have reached, and its saved parts if any. */
export interface ReportPartsState {
  /** Changes with every write that can move the cohort's report parts (records, roster). */
  writes: string;
  saved?: ReportPartsSnapshot;
}

export interface ReportPartsRepository {
  /** Each cohort's state: its write marker's and roster's ETags and its saved parts, by point reads (three per cohort). */
  statesOf(tenantId: TenantId, cohortIds: readonly CohortId[]): Promise<Map<CohortId, ReportPartsState>>;
  get(tenantId: TenantId, cohortId: CohortId): Promise<ReportPartsSnapshot | undefined>;
  save(tenantId: TenantId, cohortId: CohortId, snapshot: ReportPartsSnapshot): Promise<void>;
}

/**
 * Measured Copilot usage (domain/measured-usage.ts): each tenant's switch and state, and per member
 * only the distinct Copilot last-activity dates observed (bounded). Never a name or a UPN.
 */
export interface MeasuredUsageRepository {
  getSettings(tenantId: TenantId): Promise<MeasuredUsageSettings | undefined>;
  saveSettings(settings: MeasuredUsageSettings): Promise<void>;
  /** System use only (the scheduler): tenants that turned measured usage on. */
  listEnabledTenants(): Promise<TenantId[]>;
  /** Adds observed dates to each member's, dropping dates before `keepFrom`. */
  recordActivity(tenantId: TenantId, observed: ReadonlyMap<UserId, readonly string[]>, keepFrom: string): Promise<void>;
  /** The stored dates of these members (all the tenant's members when `userIds` is absent). */
  listActivity(tenantId: TenantId, userIds?: readonly UserId[]): Promise<Map<UserId, string[]>>;
  /** Deletes every stored date of the tenant (measured usage turned off). */
  deleteActivity(tenantId: TenantId): Promise<void>;
  /** Deletes one member's stored dates ("delete my data"); true when there were any. */
  deleteMemberActivity(tenantId: TenantId, userId: UserId): Promise<boolean>;
}

/**
 * Live sessions (domain/live-sessions.ts): one record per cohort and live-session key in the
 * cohort's partition, ETag-guarded so two scheduler instances never write the same event twice;
 * a sync mark per cohort; and each tenant's consent state for Graph.
 */
export interface MeetingRepository {
  listByCohort(tenantId: TenantId, cohortId: CohortId): Promise<Versioned<MeetingRecord>[]>;
  /** Writes it unless the cohort already has a record for the key; undefined when it had one (someone else claimed it). */
  createIfAbsent(record: MeetingRecord): Promise<Versioned<MeetingRecord> | undefined>;
  /** Throws ConcurrencyError when `etag` is stale (another instance claimed or changed it). */
  update(record: MeetingRecord, etag: string): Promise<Versioned<MeetingRecord>>;
  /** System use only (the scheduler): cohorts that still have meetings not cancelled, for cancelling those of archived cohorts. */
  listCohortsWithOpenMeetings(): Promise<Array<{ tenantId: TenantId; cohortId: CohortId }>>;
  /** What the cohort's last complete sync was based on. */
  getSyncMark(tenantId: TenantId, cohortId: CohortId): Promise<string | undefined>;
  saveSyncMark(tenantId: TenantId, cohortId: CohortId, signature: string): Promise<void>;
  getStatus(tenantId: TenantId): Promise<LiveSessionsStatus | undefined>;
  saveStatus(status: LiveSessionsStatus): Promise<void>;
}

/**
 * What happened after one live session (issue 19): who came (from Teams' attendance report), the
 * facilitator's notes and recording link, and the catch-up card to those who missed it. One
 * document per cohort and live-session key, beside its meeting; every write is ETag-guarded, and
 * the scheduler's work on it (reading attendance, sending the catch-up) is claimed in it.
 */
export interface LiveSessionFollowUp {
  tenantId: TenantId;
  cohortId: CohortId;
  key: string;
  attendance: {
    /** "pending": not read yet; "read": from Teams' report; "unavailable": Teams gave none (`note` says why). */
    state: "pending" | "read" | "unavailable";
    /** Members invited (facilitators and leaders not counted), as the report was read. */
    invitedIds: UserId[];
    /** Those of them Teams saw join. */
    attendedIds: UserId[];
    readAt?: Instant;
    note?: string;
    /** Reads tried so far, and when the next may run (Teams makes the report a while after the meeting). */
    tries: number;
    nextTryAt?: Instant;
  };
  /** The facilitator's notes (plain text) and the recording's https link. */
  notes: string;
  recordingUrl?: string;
  notesUpdatedAt?: Instant;
  notesUpdatedBy?: UserId;
  catchUp: {
    /** When the catch-up is due (attendance read + 24 h), unless a facilitator sends it sooner. */
    dueAt?: Instant;
    sentAt?: Instant;
    /** Members it went to. */
    sentTo: UserId[];
  };
  /** The scheduler instance working on it, until `claimExpiresAt`. */
  claimedBy?: string;
  claimExpiresAt?: Instant;
  updatedAt: Instant;
}

/** Live sessions' follow-ups, in the cohort's partition: a handful per cohort. */
export interface LiveSessionFollowUpRepository {
  listByCohort(tenantId: TenantId, cohortId: CohortId): Promise<Versioned<LiveSessionFollowUp>[]>;
  get(tenantId: TenantId, cohortId: CohortId, key: string): Promise<Versioned<LiveSessionFollowUp> | undefined>;
  /** Writes it unless one exists for the key; undefined when one did. */
  createIfAbsent(followUp: LiveSessionFollowUp): Promise<Versioned<LiveSessionFollowUp> | undefined>;
  /** Throws ConcurrencyError when `etag` is stale. */
  update(followUp: LiveSessionFollowUp, etag: string): Promise<Versioned<LiveSessionFollowUp>>;
}

/** Whether Graph let the app create the tenant's meetings the last time it tried. */
export interface LiveSessionsStatus {
  tenantId: TenantId;
  state: "on" | "not-consented";
  checkedAt: Instant;
}

/**
 * Practice pods (domain/pods.ts): one split document per cohort, ETag-guarded (replaced as a whole,
 * claimed by one scheduler instance while it creates chats); message counters per pod and week
 * (counts only, never text or authors); and, per tenant, which group chat is which cohort's pod.
 */
export interface PodRepository {
  get(tenantId: TenantId, cohortId: CohortId): Promise<Versioned<PodSplit> | undefined>;
  /** Creates the cohort's split (no etag) or replaces it (etag): ConcurrencyError when someone changed it first. */
  save(split: PodSplit, etag?: string): Promise<Versioned<PodSplit>>;
  /** Remembers that a group chat is a cohort's pod (one point read answers the bot). */
  recordChat(tenantId: TenantId, chatId: string, pod: { cohortId: CohortId; podId: string }): Promise<void>;
  findChat(tenantId: TenantId, chatId: string): Promise<{ cohortId: CohortId; podId: string } | undefined>;
  /** Adds one message to the pod's count for `week`, last active on `day`; safe with several instances at once. */
  countMessage(tenantId: TenantId, cohortId: CohortId, podId: string, week: string, day: string): Promise<void>;
  /** Every pod-week counter of the cohort (one single-partition read). */
  listActivity(tenantId: TenantId, cohortId: CohortId): Promise<PodActivity[]>;
}

/** Every repository, as `index.ts` wires them. */
export interface Repositories {
  figures: CohortFiguresRepository;
  cohorts: CohortRepository;
  memberships: MembershipRepository;
  people: PersonRepository;
  tracks: TrackRepository;
  loop: LoopRecordRepository;
  questions: QuestionRepository;
  wins: WinRepository;
  teams: TeamRepository;
  calendars: TenantCalendarRepository;
  policies: PolicyRepository;
  alerts: AlertRepository;
  deliveries: DeliveryRepository;
  leases: LeaseRepository;
  digests: DigestRepository;
  leaderNotes: LeaderNoteRepository;
  meetings: MeetingRepository;
  liveSessionFollowUps: LiveSessionFollowUpRepository;
  measuredUsage: MeasuredUsageRepository;
  reportParts: ReportPartsRepository;
  pods: PodRepository;
}

// ---------------------------------------------------------------------------------------------
// Outbound messages (implemented in teams/)
// ---------------------------------------------------------------------------------------------

/** An Adaptive Card as JSON; built by `cards/`. */
export type AdaptiveCardJson = Record<string, unknown>;

export type SendFailure =
  /** 429: wait `retryAfterMs` (from Retry-After) or back off. */
  | { kind: "throttled"; retryAfterMs?: number; status: number }
  /** 412, 5xx, network: retry with backoff. */
  | { kind: "transient"; status?: number; reason: string }
  /** 403 / 404: the member blocked or removed the bot. Never retried. */
  | { kind: "permanent"; status: number; reason: string };

export type SendResult = { ok: true; activityId: string } | { ok: false; failure: SendFailure };

export type { ChatOrigin };

export type OpenChatResult = { ok: true; conversationReference: unknown } | { ok: false; failure: SendFailure };

/**
 * Opens a 1:1 chat between the bot and a person it has never talked to (Teams: the app must be
 * installed for them personally or in a team they share). Never throws for Teams-side failures.
 */
export interface PersonalChatOpener {
  openPersonalChat(tenantId: TenantId, user: { userId: UserId; displayName: string }, origin: ChatOrigin): Promise<OpenChatResult>;
}

/** One proactive message to write to the outbox: what it carries and for whom, not its card. */
export type OutgoingMessage = Pick<Delivery, "tenantId" | "cohortId" | "userId" | "eventKey" | "kind"> & Partial<Pick<Delivery, "urgent" | "openChatFrom" | "notBefore">>;

/**
 * The one way a proactive message leaves: written first as a delivery record with a deterministic
 * id, then sent by the scheduler (paced per tenant, retried by Teams' rules, exactly once through
 * crashes and several instances), so nothing is sent straight from a request or a turn.
 */
export interface Outbox {
  /** Writes the messages' delivery records (the same message twice is one record); resolves once they are stored. */
  enqueue(messages: OutgoingMessage[]): Promise<number>;
  /**
   * Asks this instance to send the cohort's due deliveries now rather than at the next tick.
   * Resolves when that attempt is over (sent, retrying later, or left to the instance that holds
   * the tenant's send lease); never rejects.
   */
  sendSoon(tenantId: TenantId, cohortId: CohortId): Promise<void>;
}

/** Sends proactive cards. Implementations never throw for Teams-side failures: they classify. */
export interface CardSender {
  sendToPerson(person: Person, card: AdaptiveCardJson, summary: string): Promise<SendResult>;
  sendToChannel(tenantId: TenantId, channel: WinsChannel, card: AdaptiveCardJson, summary: string): Promise<SendResult>;
  /** Posts to a group chat the app is installed in (a practice pod's chat). */
  sendToChat?(tenantId: TenantId, chat: { chatId: string; serviceUrl: string }, card: AdaptiveCardJson, summary: string): Promise<SendResult>;
}

/**
 * Structured logging. Log ids and counts, never free text a person wrote, and never the id of
 * someone who asked anonymously.
 */
export interface Logger {
  debug(fields: Record<string, unknown>, message: string): void;
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
  child(bindings: Record<string, unknown>): Logger;
}

// ---------------------------------------------------------------------------------------------
// Microsoft Graph (implemented in graph/)
// ---------------------------------------------------------------------------------------------

/** How a Graph call went, classified: implementations never throw for Graph-side failures. */
export type GraphFailure =
  /** 401/403: the tenant has not granted (admin-consented) the app the permission this needs. */
  | { kind: "not-consented"; status: number; code?: string }
  /** 429/5xx after the retries allowed, network trouble: try again later. */
  | { kind: "unavailable"; status?: number; code?: string };

export type GraphResult<T> = { ok: true; value: T } | { ok: false; failure: GraphFailure };

/** One row of the Copilot usage report, reduced to what the join needs. */
export interface CopilotUsageRow {
  /** A UPN, or a hash when the tenant conceals names in reports. */
  userPrincipalName: string;
  /** YYYY-MM-DD; absent when the user has had no Copilot activity in the period. */
  lastActivityDate?: string;
  /** YYYY-MM-DD: the day the report's data goes up to. */
  reportRefreshDate: string;
}

/** What measured usage needs from Microsoft Graph, for one customer tenant at a time. */
export interface CopilotUsagePort {
  /** `GET /v1.0/copilot/reports/getMicrosoft365CopilotUsageUserDetail(period='D30')`, every page (Reports.Read.All). */
  copilotUsageUserDetail(tenantId: TenantId): Promise<GraphResult<CopilotUsageRow[]>>;
  /** Entra object id → UPN for these users, through `/users` (User.ReadBasic.All); unknown ids are left out. */
  userPrincipalNames(tenantId: TenantId, userIds: readonly UserId[]): Promise<GraphResult<Map<UserId, string>>>;
}

/** Every Graph call the app makes goes through this port (one folder: graph/). Meetings (issue 19) add theirs here. */
export type GraphPort = CopilotUsagePort;

/** A Teams meeting as the calendar event carries it; times are the cohort's local wall-clock times. */
export interface TeamsMeetingRequest {
  subject: string;
  /** Plain text for the invitation's body. */
  bodyText: string;
  /** IANA zone of the cohort. */
  timeZone: string;
  startsAt: Instant;
  endsAt: Instant;
  attendeeIds: UserId[];
}

export interface TeamsMeetingEvent {
  eventId: string;
  joinUrl?: string;
}

/** Graph failures a calendar write can meet, beyond those of every call. */
export type MeetingFailure = GraphFailure | { kind: "not-found"; status: number; code?: string } | { kind: "rejected"; status: number; code?: string };
export type MeetingResult<T> = { ok: true; value: T } | { ok: false; failure: MeetingFailure };

/** Who joined one Teams meeting, across its attendance reports (a meeting joined twice has two). */
export interface MeetingAttendance {
  /** Attendance reports Teams has made so far (none yet: try again later). */
  reports: number;
  /** Entra object ids of everyone in any report (the organiser included). */
  attendeeIds: UserId[];
}

/**
 * Teams meetings' attendance reports (graph/attendance.graph.ts), application permission
 * OnlineMeetingArtifact.Read.All with an application access policy for the organisers. Never throws
 * for Graph-side failures: 401/403 "not-consented", 404 "not-found", 429/5xx "unavailable".
 */
export interface MeetingAttendancePort {
  /** The meeting found by its join link on the organiser's account, then its reports and their records. */
  meetingAttendance(tenantId: TenantId, organizerId: UserId, joinUrl: string): Promise<MeetingResult<MeetingAttendance>>;
}

/**
 * Calendar events with a Teams meeting on an organiser's calendar (graph/meetings.ts), application
 * permission Calendars.ReadWrite restricted to the organisers' mailboxes. Never throws for Graph-side failures.
 */
export interface MeetingCalendarPort {
  /** `POST /users/{organizer}/events` with `transactionId`: a retry with the same id never makes a second event. */
  createMeeting(tenantId: TenantId, organizerId: UserId, meeting: TeamsMeetingRequest, transactionId: string): Promise<MeetingResult<TeamsMeetingEvent>>;
  /** `PATCH /users/{organizer}/events/{eventId}`: times, subject and attendees (sends updates to attendees). */
  updateMeeting(tenantId: TenantId, organizerId: UserId, eventId: string, meeting: TeamsMeetingRequest): Promise<MeetingResult<TeamsMeetingEvent>>;
  /** `POST /users/{organizer}/events/{eventId}/cancel`: attendees get the cancellation with `comment`. */
  cancelMeeting(tenantId: TenantId, organizerId: UserId, eventId: string, comment: string): Promise<MeetingResult<void>>;
}

/** A Teams group chat for a practice pod, with the app installed in it (graph/chats.graph.ts). Never throws for Graph-side failures. */
export interface PodChatPort {
  /**
   * `POST /chats` (chatType group, every member an owner): Teams makes a new chat on every call, so
   * the caller must ask at most once per pod (no transaction id exists for chats).
   */
  createGroupChat(tenantId: TenantId, topic: string, memberIds: readonly UserId[]): Promise<MeetingResult<{ chatId: string }>>;
  /** `POST /chats/{id}/installedApps` with the app's catalog id; "already installed" counts as done. */
  installApp(tenantId: TenantId, chatId: string): Promise<MeetingResult<void>>;
}
