/**
 * Deterministic document ids. Where a duplicate must be impossible (a check-in, an
 * acknowledgement, a delivery) the id is derived from what makes the record unique, so a retry or
 * a double click writes the same document again instead of creating a second one.
 *
 * Cosmos ids may not contain '/', '\\', '?' or '#'; the parts used here are GUIDs, slugs and numbers.
 */
import type { CohortId, TenantId, UserId } from "./types";

const SAFE = /^[A-Za-z0-9._:@-]+$/;

function part(value: string | number, name: string): string {
  const text = String(value);
  if (!text || !SAFE.test(text)) {
    throw new Error(`invalid id part ${name}: ${JSON.stringify(text).slice(0, 80)}`);
  }
  return text;
}

export const ids = {
  cohortKey: (tenantId: TenantId, cohortId: CohortId) =>
    `${part(tenantId, "tenantId")}:${part(cohortId, "cohortId")}`,
  membershipId: (cohortId: CohortId, userId: UserId) =>
    `member:${part(cohortId, "cohortId")}:${part(userId, "userId")}`,
  personId: (userId: UserId) => `person:${part(userId, "userId")}`,
  commitmentId: (cohortId: CohortId, sessionNumber: number, userId: UserId) =>
    `commitment:${part(cohortId, "cohortId")}:s${part(sessionNumber, "sessionNumber")}:${part(userId, "userId")}`,
  checkInId: (cohortId: CohortId, sessionNumber: number, userId: UserId) =>
    `checkin:${part(cohortId, "cohortId")}:s${part(sessionNumber, "sessionNumber")}:${part(userId, "userId")}`,
  adoptionId: (cohortId: CohortId, week: number, userId: UserId) =>
    `adoption:${part(cohortId, "cohortId")}:w${part(week, "week")}:${part(userId, "userId")}`,
  /**
   * Anonymous questions have no user to key on: the card carries a random draft id minted when
   * it was rendered, so a double submission of that card still maps to one question.
   */
  questionId: (cohortId: CohortId, draftId: string) =>
    `question:${part(cohortId, "cohortId")}:${part(draftId, "draftId")}`,
  winId: (cohortId: CohortId, draftId: string) =>
    `win:${part(cohortId, "cohortId")}:${part(draftId, "draftId")}`,
  policyVersionId: (version: number) => `policy:v${part(version, "version")}`,
  acknowledgementId: (version: number, userId: UserId) =>
    `ack:v${part(version, "version")}:${part(userId, "userId")}`,
  alertId: (cohortId: CohortId, userId: UserId, reason: string, sessionNumber: number) =>
    `alert:${part(cohortId, "cohortId")}:${part(userId, "userId")}:${part(reason, "reason")}:s${part(sessionNumber, "sessionNumber")}`,
  deliveryId: (cohortId: CohortId, eventKey: string, userId: UserId) =>
    `delivery:${part(cohortId, "cohortId")}:${part(eventKey, "eventKey")}:${part(userId, "userId")}`,
  /** One per cohort: rewritten whenever its members change. */
  rosterId: (cohortId: CohortId) => `roster:${part(cohortId, "cohortId")}`,
  /** One per cohort: what its last planning was based on. */
  digestId: (cohortId: CohortId, sessionNumber: number) => `digest:${part(cohortId, "cohortId")}:s${part(sessionNumber, "sessionNumber")}`,
  planMarkId: (cohortId: CohortId) => `plan:${part(cohortId, "cohortId")}`,
  /** One per leadership cohort: its leaders' note that opens the following team cohorts' session 1. */
  leaderNoteId: (cohortId: CohortId) => `leadernote:${part(cohortId, "cohortId")}`,
};

/** True when `value` can be used as an id part (API path parameters are checked with this). */
export function isSafeIdPart(value: string): boolean {
  return value.length > 0 && value.length <= 128 && SAFE.test(value);
}
