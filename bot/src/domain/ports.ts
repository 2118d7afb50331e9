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
  AdoptionAnswer,
  ApplyCommitment,
  CheckIn,
  Cohort,
  CohortId,
  Delivery,
  FacilitatorAlert,
  Instant,
  Membership,
  Person,
  PolicyAcknowledgement,
  PolicyVersion,
  Question,
  TenantId,
  Track,
  UserId,
  Win,
  WinsChannel,
} from "./types";

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
}

export interface PersonRepository {
  get(tenantId: TenantId, userId: UserId): Promise<Person | undefined>;
  getMany(tenantId: TenantId, userIds: UserId[]): Promise<Person[]>;
  upsert(person: Person): Promise<void>;
  markUnreachable(tenantId: TenantId, userId: UserId, at: Instant): Promise<void>;
  /** Up to `limit` of the tenant's people whose name (or id) contains `text`, case-insensitively. */
  search(tenantId: TenantId, text: string, limit: number): Promise<Array<Pick<Person, "userId" | "displayName">>>;
}

export interface TrackRepository {
  /** Tenant-customised tracks; built-in tracks live in code (domain/tracks). */
  list(tenantId: TenantId): Promise<Track[]>;
  get(tenantId: TenantId, trackId: string): Promise<Versioned<Track> | undefined>;
  upsert(tenantId: TenantId, track: Track, etag?: string): Promise<Versioned<Track>>;
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
  get(tenantId: TenantId, cohortId: CohortId, deliveryId: string): Promise<Versioned<Delivery> | undefined>;
  listByCohort(tenantId: TenantId, cohortId: CohortId): Promise<Delivery[]>;
  /** The members who already have a delivery for this event (one cheap projection query). */
  listUserIdsForEvent(tenantId: TenantId, cohortId: CohortId, eventKey: string): Promise<Set<UserId>>;
  countsByEvent(tenantId: TenantId, cohortId: CohortId): Promise<DeliveryCounts[]>;
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


/** Every repository, as `index.ts` wires them. */
export interface Repositories {
  cohorts: CohortRepository;
  memberships: MembershipRepository;
  people: PersonRepository;
  tracks: TrackRepository;
  loop: LoopRecordRepository;
  questions: QuestionRepository;
  wins: WinRepository;
  policies: PolicyRepository;
  alerts: AlertRepository;
  deliveries: DeliveryRepository;
  leases: LeaseRepository;
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

/** Where a bot's 1:1 chats are opened: the Bot Connector endpoint and the bot's own account, from a conversation it already has. */
export interface ChatOrigin {
  serviceUrl: string;
  bot: { id: string; name?: string };
}

export type OpenChatResult = { ok: true; conversationReference: unknown } | { ok: false; failure: SendFailure };

/**
 * Opens a 1:1 chat between the bot and a person it has never talked to (Teams: the app must be
 * installed for them personally or in a team they share). Never throws for Teams-side failures.
 */
export interface PersonalChatOpener {
  openPersonalChat(tenantId: TenantId, user: { userId: UserId; displayName: string }, origin: ChatOrigin): Promise<OpenChatResult>;
}

/** Sends proactive cards. Implementations never throw for Teams-side failures: they classify. */
export interface CardSender {
  sendToPerson(person: Person, card: AdaptiveCardJson, summary: string): Promise<SendResult>;
  sendToChannel(tenantId: TenantId, channel: WinsChannel, card: AdaptiveCardJson, summary: string): Promise<SendResult>;
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
