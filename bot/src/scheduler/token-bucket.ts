/**
 * Paces proactive sends to Teams' published limits. A token bucket refilled at `ratePerSecond`
 * with a small burst: smooth enough that Teams' sliding windows never see a spike.
 *
 * Hand-written rather than taken from a rate-limiting library because it must run on the
 * injected clock and sleep (tests and the benchmark control time), which those libraries do not
 * allow: they read wall time themselves.
 */
export interface Timing {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realTiming: Timing = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export class TokenBucket {
  private tokens: number;
  private last: number;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number,
    private readonly timing: Timing = realTiming,
  ) {
    if (!(ratePerSecond > 0)) throw new Error("ratePerSecond must be positive");
    this.tokens = burst;
    this.last = timing.now();
  }

  /** Resolves when the caller may send one message. Callers are served in order. */
  take(): Promise<void> {
    const turn = this.queue.then(() => this.waitForToken());
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  private async waitForToken(): Promise<void> {
    for (;;) {
      const now = this.timing.now();
      this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.ratePerSecond);
      this.last = now;
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await this.timing.sleep(Math.ceil(((1 - this.tokens) / this.ratePerSecond) * 1000));
    }
  }
}
