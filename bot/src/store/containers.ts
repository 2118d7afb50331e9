/**
 * The Cosmos DB containers and why their partition keys are what they are. `infra/azure.bicep`
 * declares the same containers; a test reads both so they cannot drift apart.
 *
 * - `tenants` (/tenantId): small, tenant-wide records read together — cohort definitions,
 *   custom tracks, policy versions and the policy head, acknowledgements, people (conversation
 *   references). "List my tenant's cohorts" and "current policy" are single-partition reads.
 * - `cohortRecords` (/cohortKey = "{tenantId}:{cohortId}"): everything one cohort produces —
 *   memberships, apply commitments, check-ins, adoption answers, questions, wins, alerts. The tab's
 *   hot read (one cohort's dashboard) is a single-partition query.
 * - `deliveries` (/cohortKey): one document per member per event; the scheduler claims due
 *   deliveries of one cohort at a time (single-partition), apart from the dashboard's data so a
 *   10,000-member fan-out does not crowd the cohort's own records.
 * - `leases` (/id): a handful of short-lived coordination documents for scheduler instances.
 * - `anonymousQuestions` (/cohortKey): anonymous questions and nothing else, so nothing stored
 *   links one to its asker. A document holds only tenantId, cohortId, cohortKey, the text, the day
 *   asked (no time), its status and answer; its id is a hash of exactly those (tenant, cohort, day,
 *   text), never of the user, their conversation, the card or the activity. Kept out of
 *   `cohortRecords` because there it would sit in the same partition, in write order, next to the
 *   asker's own records (a win or check-in written a moment before), and the server's `_ts` would
 *   match theirs. Here `_ts` and write order only relate anonymous questions to one another.
 *   Residual risk, accepted: `_ts` (seconds) can still be compared with the `_ts` of identifiable
 *   documents in other containers; the question's turn writes nothing else and logs nothing, so a
 *   match needs the asker to write something else within the same moment.
 */
export interface ContainerDefinition {
  id: string;
  partitionKeyPath: string;
  /** Paths excluded from indexing: free text nobody queries by. */
  excludedPaths: string[];
  /** Default TTL in seconds; -1 = on, per-document `ttl` decides; undefined = off. */
  defaultTtl?: number;
}

export const CONTAINERS = {
  tenants: { id: "tenants", partitionKeyPath: "/tenantId", excludedPaths: ["/sections/*", "/conversationReference/*"] },
  cohortRecords: {
    id: "cohortRecords",
    partitionKeyPath: "/cohortKey",
    excludedPaths: ["/tried/?", "/worked/?", "/stuck/?", "/text/?", "/answer/?", "/context/?", "/deliverable/?", "/usedFor/?"],
  },
  deliveries: { id: "deliveries", partitionKeyPath: "/cohortKey", excludedPaths: ["/failureReason/?"] },
  leases: { id: "leases", partitionKeyPath: "/id", excludedPaths: [], defaultTtl: -1 },
  anonymousQuestions: { id: "anonymousQuestions", partitionKeyPath: "/cohortKey", excludedPaths: ["/text/?", "/answer/?"] },
} as const satisfies Record<string, ContainerDefinition>;

export const ALL_CONTAINERS: ContainerDefinition[] = Object.values(CONTAINERS);
