/**
 * When to try a failed send again. Teams asks for exponential backoff with jitter on 429 and on
 * 412/502/503/504, and for `Retry-After` to be honoured when it is given; 403/404 mean the member
 * blocked or removed the bot and are never retried.
 */
import type { SendFailure } from "../domain/ports";

export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 8, baseDelayMs: 1000, maxDelayMs: 5 * 60_000 };

export type RetryDecision = { retry: true; delayMs: number } | { retry: false; reason: string; permanent: boolean };

/**
 * `attempts` is how many sends have been tried, including the one that just failed.
 * `random` is injectable so tests are deterministic ("full jitter": uniform in [0, cap]).
 */
export function decideRetry(failure: SendFailure, attempts: number, policy: RetryPolicy = DEFAULT_RETRY_POLICY, random: () => number = Math.random): RetryDecision {
  if (failure.kind === "permanent") {
    return { retry: false, permanent: true, reason: `${failure.status}: ${failure.reason}` };
  }
  if (attempts >= policy.maxAttempts) {
    const status = "status" in failure && failure.status ? `${failure.status}` : "error";
    return { retry: false, permanent: false, reason: `gave up after ${attempts} attempts (last: ${status})` };
  }
  const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempts - 1));
  const jittered = Math.round(random() * cap);
  const retryAfter = failure.kind === "throttled" ? failure.retryAfterMs : undefined;
  return { retry: true, delayMs: retryAfter !== undefined ? Math.max(retryAfter, jittered) : Math.max(jittered, 100) };
}
