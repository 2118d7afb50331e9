/**
 * The facilitators' "Before session n+1" digest: planned like any card, one delivery per
 * facilitator, due when session n's check-in closes and only until session n+1 starts (after
 * that it could no longer shape the brief).
 */
import { digestDueTimes } from "../domain/session-digest";
import type { Cohort, TimelineEvent } from "../domain/types";

export const DIGEST_EVENT_PREFIX = "digest.s";

export const digestEventKey = (sessionNumber: number) => `${DIGEST_EVENT_PREFIX}${sessionNumber}`;

export interface DueDigest {
  eventKey: string;
  sessionNumber: number;
  dueAt: string;
}

/** The digests a cohort should have sent by `now` and that can still be useful. */
export function digestsDue(timeline: TimelineEvent[], now: Date): DueDigest[] {
  return digestDueTimes(timeline)
    .filter((d) => new Date(d.dueAt) <= now && now < new Date(d.nextSessionAt))
    .map((d) => ({ eventKey: digestEventKey(d.sessionNumber), sessionNumber: d.sessionNumber, dueAt: d.dueAt }));
}

/** One planned event per due digest, to the cohort's facilitators. */
export function planDigests(cohort: Cohort, digests: DueDigest[]): Array<{ eventKey: string; kind: "digest"; dueAt: string; recipients: string[] }> {
  const facilitators = [...new Set(cohort.facilitatorIds)];
  if (!facilitators.length) return [];
  return digests.map((d) => ({ eventKey: d.eventKey, kind: "digest" as const, dueAt: d.dueAt, recipients: facilitators }));
}
