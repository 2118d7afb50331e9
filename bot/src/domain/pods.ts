/**
 * Practice pods (issue 19): a cohort split into small groups of 4 to 6 who try each week's
 * exercise together in their own Teams group chat.
 *
 * Rules:
 * - The app's split mixes confidence levels: members are ranked by their last confidence (their
 *   latest check-in; unknown counts as the middle, 3) and dealt in a snake order (1, 2, 3, 3, 2, 1 …)
 *   into ceil(n / 6) pods, so every pod gets some of the most and some of the least confident, and
 *   pod sizes differ by at most one. Ties are broken by user id, so the same cohort splits the same way.
 * - Every pod has 4 to 6 people. Fewer than 4 members cannot make a pod; 7 cannot make pods of
 *   4 to 6 either (one pod is too big, two are too small): both are a plain error.
 * - A split given by hand: every pod 4 to 6, every person a member of the cohort, nobody twice.
 *   Members left out stay "unassigned".
 * - A pod's chat: "creating" until Teams has made the group chat and installed the app in it;
 *   "ready"; or "failed" with a plain reason (never retried on its own: at most one chat per pod).
 * Pure: no I/O, time comes in as an argument.
 */
import { DateTime } from "luxon";
import { ValidationError, type FieldIssue } from "./errors";
import type { CohortId, Instant, LocalDate, TenantId, UserId } from "./types";

export const POD_MIN = 4;
export const POD_MAX = 6;
/** Confidence (1..5) assumed for a member who has not answered a check-in yet. */
export const UNKNOWN_CONFIDENCE = 3;

export interface PodCandidate {
  userId: UserId;
  /** Their last confidence, 1..5; undefined: not known yet. */
  confidence?: number;
}

/** How many pods `n` people make: the fewest pods of at most 6, each with at least 4; undefined when impossible. */
export function podCountFor(n: number): number | undefined {
  if (!Number.isInteger(n) || n < POD_MIN) return undefined;
  const pods = Math.ceil(n / POD_MAX);
  return Math.floor(n / pods) >= POD_MIN ? pods : undefined;
}

/** Why `n` people cannot be split, in plain words (undefined when they can). */
export function whyNoSplit(n: number): string | undefined {
  if (n < POD_MIN) return `Pods need at least ${POD_MIN} people, and this cohort has ${n === 0 ? "no members" : n === 1 ? "1 member" : `${n} members`}.`;
  if (podCountFor(n) === undefined) return `${n} people cannot make pods of ${POD_MIN} to ${POD_MAX}: one pod would be too big and two too small. Split them by hand and leave someone out, or add a member.`;
  return undefined;
}

/** The app's split: pods of 4 to 6 (sizes differ by at most one) mixing confidence levels. Throws ValidationError when impossible. */
export function splitIntoPods(candidates: readonly PodCandidate[]): UserId[][] {
  const unique = [...new Map(candidates.map((c) => [c.userId, c])).values()];
  const count = podCountFor(unique.length);
  if (count === undefined) {
    const message = whyNoSplit(unique.length)!;
    throw new ValidationError(message, [{ field: "mode", message }]);
  }
  const ranked = [...unique].sort((a, b) => confidenceOf(b) - confidenceOf(a) || (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0));
  const pods: UserId[][] = Array.from({ length: count }, () => []);
  ranked.forEach((c, i) => {
    const round = Math.floor(i / count);
    const slot = i % count;
    pods[round % 2 === 0 ? slot : count - 1 - slot]!.push(c.userId);
  });
  return pods;
}

const confidenceOf = (c: PodCandidate) => (typeof c.confidence === "number" && c.confidence >= 1 && c.confidence <= 5 ? c.confidence : UNKNOWN_CONFIDENCE);

/** Checks a split given by hand against the cohort's members; throws ValidationError with one issue per problem. */
export function validateManualSplit(pods: readonly (readonly UserId[])[], memberIds: ReadonlySet<UserId>): UserId[][] {
  const issues: FieldIssue[] = [];
  if (pods.length === 0) issues.push({ field: "pods", message: "Add at least one pod." });
  const seen = new Map<UserId, number>();
  pods.forEach((pod, i) => {
    if (pod.length < POD_MIN || pod.length > POD_MAX) issues.push({ field: `pods[${i}]`, message: `Pod ${i + 1} has ${pod.length} ${pod.length === 1 ? "person" : "people"}: each pod needs ${POD_MIN} to ${POD_MAX}.` });
    pod.forEach((userId, j) => {
      if (!memberIds.has(userId)) issues.push({ field: `pods[${i}][${j}]`, message: `Person ${j + 1} of pod ${i + 1} is not a member of this cohort.` });
      else if (seen.has(userId)) issues.push({ field: `pods[${i}][${j}]`, message: `Person ${j + 1} of pod ${i + 1} is already in pod ${seen.get(userId)! + 1}: nobody can be in two pods.` });
      else seen.set(userId, i);
    });
  });
  if (issues.length) throw new ValidationError(issues.length === 1 ? issues[0]!.message : "Some pods need fixing: see each one.", issues);
  return pods.map((p) => [...p]);
}

export type PodChatState = "creating" | "ready" | "failed";

/** One pod as stored: its members and its Teams group chat. */
export interface Pod {
  id: string;
  name: string;
  memberIds: UserId[];
  chat: PodChatState;
  /** Teams' chat id ("19:…@thread.v2"), once Graph created the chat. */
  chatId?: string;
  /** Set just before the chat is asked for: found set without a chat id, the ask may or may not have reached Teams. */
  chatRequestedAt?: Instant;
  appInstalled?: boolean;
  /** The Bot Connector endpoint the bot posts to the chat through. */
  serviceUrl?: string;
  /** Why the chat failed, in plain words. */
  problem?: string;
  /** Sessions whose "try it together" exercise was queued for this pod. */
  exerciseSessions?: number[];
  /** Sessions whose exercise reached the pod's chat. */
  exercisesPosted?: number[];
}

/** A cohort's pods, one document: replaced as a whole (ETag-guarded), claimed by one scheduler instance at a time. */
export interface PodSplit {
  tenantId: TenantId;
  cohortId: CohortId;
  pods: Pod[];
  mode: "auto" | "manual";
  createdAt: Instant;
  createdBy: UserId;
  updatedAt: Instant;
  claimedBy?: string;
  claimExpiresAt?: Instant;
}

/** Pods named and numbered in order. */
export function podsOf(split: readonly UserId[][]): Pod[] {
  return split.map((memberIds, i) => ({ id: `pod-${i + 1}`, name: `Pod ${i + 1}`, memberIds: [...memberIds], chat: "creating" as const }));
}

/** A pod's chat topic: the cohort's name and the pod's (Teams allows 250 characters). */
export function podChatTopic(cohortName: string, podName: string): string {
  const suffix = ` · ${podName}`;
  return `${cohortName.slice(0, 250 - suffix.length)}${suffix}`;
}

/** The Monday of the week `at` falls in, in the cohort's zone: messages are counted per such week. */
export function podWeekOf(at: Instant | Date, timeZone: string): LocalDate {
  const local = DateTime.fromJSDate(typeof at === "string" ? new Date(at) : at, { zone: timeZone });
  return local.minus({ days: local.weekday - 1 }).toISODate()!;
}

/** The local date of `at` in the cohort's zone. */
export function podDayOf(at: Instant | Date, timeZone: string): LocalDate {
  return DateTime.fromJSDate(typeof at === "string" ? new Date(at) : at, { zone: timeZone }).toISODate()!;
}

/** Messages counted in one pod's chat in one week: counts only, never who wrote or what. */
export interface PodActivity {
  podId: string;
  week: LocalDate;
  count: number;
  lastActiveOn: LocalDate;
}

/** The event key (and idempotency key) of one pod's exercise for one session. */
export const podExerciseKey = (cohortId: CohortId, podId: string, sessionNumber: number) => `pod-exercise:${cohortId}:${podId}:${sessionNumber}`;
export const POD_EXERCISE_PREFIX = "pod-exercise:";

/** The pod and session an exercise key names (undefined for anything else). */
export function parsePodExerciseKey(key: string): { cohortId: CohortId; podId: string; sessionNumber: number } | undefined {
  const match = /^pod-exercise:(.+):(pod-\d+):(\d+)$/.exec(key);
  return match ? { cohortId: match[1]!, podId: match[2]!, sessionNumber: Number(match[3]) } : undefined;
}
