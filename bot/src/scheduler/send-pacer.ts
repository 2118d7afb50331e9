/**
 * Paces proactive sends to Teams' limits, which are counted in sliding windows ("at most N
 * requests in any second"). The pacer keeps the start time of the last `limit` sends and lets the
 * next one go only when the oldest of them has left the window, so no window ever holds more than
 * `limit` sends, and, unlike a token bucket with a burst of one, a caller that wakes a few
 * milliseconds late loses no capacity: saturated, it sends at the full `limit` per window.
 *
 * `marginMs` widens our window a little beyond Teams': a request does not reach Teams at the
 * instant we start it, and uneven network delay must not squeeze N+1 of ours into one of theirs.
 *
 * Hand-written rather than taken from a rate-limiting library because it must run on the
 * injected clock and sleep (tests and the benchmark control time); those libraries read wall time.
 */
export interface Timing {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realTiming: Timing = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export interface PacerLimits {
  /** Sends allowed in any window. */
  limit: number;
  windowMs: number;
  /** Added to the window on our side; see above. */
  marginMs: number;
}

/** Teams' published per-app ceiling is 50 requests per second. */
export function limitsForRate(ratePerSecond: number, marginMs = 25): PacerLimits {
  if (!(ratePerSecond > 0)) throw new Error("the send rate must be positive");
  // Below one send per second the window grows instead, so the limit stays a whole number.
  return ratePerSecond >= 1 ? { limit: Math.floor(ratePerSecond), windowMs: 1000, marginMs } : { limit: 1, windowMs: Math.ceil(1000 / ratePerSecond), marginMs };
}

export class SendPacer {
  /** Start times of the last `limit` sends, oldest first, as a ring. */
  private readonly starts: number[];
  private oldest = 0;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly limits: PacerLimits,
    private readonly timing: Timing = realTiming,
  ) {
    if (!Number.isInteger(limits.limit) || limits.limit < 1) throw new Error("the pacer's limit must be a positive whole number");
    this.starts = new Array<number>(limits.limit).fill(Number.NEGATIVE_INFINITY);
  }

  /**
   * When none of the sends so far is in the window any more (ms; -Infinity if there were none):
   * from then on, whoever sends next for this tenant, this pacer or another instance's, starts with
   * the full allowance without exceeding Teams' limit.
   */
  quietAt(): number {
    const span = this.limits.windowMs + this.limits.marginMs;
    const newest = this.starts[(this.oldest + this.starts.length - 1) % this.starts.length]!;
    return newest + span;
  }

  /** Resolves when the caller may start one send. Callers are served in the order they asked. */
  take(): Promise<void> {
    const turn = this.queue.then(() => this.waitForRoom());
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  private async waitForRoom(): Promise<void> {
    const span = this.limits.windowMs + this.limits.marginMs;
    for (let now = this.timing.now(); ; now = this.timing.now()) {
      const freeAt = this.starts[this.oldest]! + span;
      if (now >= freeAt) {
        this.starts[this.oldest] = now;
        this.oldest = (this.oldest + 1) % this.starts.length;
        return;
      }
      await this.timing.sleep(freeAt - now);
    }
  }
}
