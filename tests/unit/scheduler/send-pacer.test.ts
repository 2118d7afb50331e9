/**
 * The send pacer on a fake clock: never more than the limit in any window (Teams counts in
 * sliding windows), and no capacity lost when a sleeper wakes late.
 */
import { limitsForRate, SendPacer, type Timing } from "../../../bot/src/scheduler/send-pacer";

/** A clock that only moves when someone sleeps; each sleep may overshoot by `lateMs`. */
function fakeTiming(lateMs = 0): Timing & { readonly elapsed: number } {
  let now = 0;
  return {
    get elapsed() {
      return now;
    },
    now: () => now,
    sleep: async (ms) => {
      now += ms + lateMs;
    },
  };
}

async function sendTimes(pacer: SendPacer, timing: Timing, count: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    await pacer.take();
    times.push(timing.now());
  }
  return times;
}

function busiestWindow(times: number[], windowMs: number): number {
  let busiest = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while (times[i]! - times[j]! >= windowMs) j++;
    busiest = Math.max(busiest, i - j + 1);
  }
  return busiest;
}

describe("the send pacer", () => {
  it("when callers take faster than the limit, then no window of a second holds more than the limit", async () => {
    const timing = fakeTiming();
    const times = await sendTimes(new SendPacer(limitsForRate(50), timing), timing, 500);
    expect(busiestWindow(times, 1000)).toBe(50);
    expect(busiestWindow(times, 1025)).toBe(50);
  });

  it("when saturated, then it sends at the full limit per window (less only the margin)", async () => {
    const timing = fakeTiming();
    await sendTimes(new SendPacer(limitsForRate(50), timing), timing, 501);
    // 500 sends after the first take ten windows of 1,025 ms: 97.6 % of 50/s.
    expect(timing.elapsed).toBe(10 * 1025);
  });

  it("when every sleep wakes late, then the lateness is not lost again on every send", async () => {
    const timing = fakeTiming(3);
    await sendTimes(new SendPacer(limitsForRate(50), timing), timing, 501);
    // Late once per window, not once per send (a burst-of-one token bucket would lose 3 ms × 500).
    expect(timing.elapsed).toBe(10 * (1025 + 3));
  });

  it("when many callers wait at once, then they are served in the order they asked", async () => {
    const timing = fakeTiming();
    const pacer = new SendPacer({ limit: 2, windowMs: 100, marginMs: 0 }, timing);
    const order: number[] = [];
    await Promise.all([1, 2, 3, 4, 5].map((n) => pacer.take().then(() => order.push(n))));
    expect(order).toEqual([1, 2, 3, 4, 5]);
  });

  it("when the rate is below one a second, then the window widens instead", () => {
    expect(limitsForRate(0.5)).toEqual({ limit: 1, windowMs: 2000, marginMs: 25 });
    expect(() => limitsForRate(0)).toThrow("the send rate must be positive");
    expect(() => new SendPacer({ limit: 0, windowMs: 1000, marginMs: 0 })).toThrow("positive whole number");
  });

  it("when a pacer hands a tenant over, then it is quiet once its last send has left the window, and a fresh pacer from then on stays within the limit", async () => {
    const timing = fakeTiming();
    const leaving = new SendPacer(limitsForRate(10, 25), timing);
    expect(leaving.quietAt()).toBe(Number.NEGATIVE_INFINITY);
    const before = await sendTimes(leaving, timing, 15);
    expect(leaving.quietAt()).toBe(before[before.length - 1]! + 1025);
    await timing.sleep(leaving.quietAt() - timing.now());
    const after = await sendTimes(new SendPacer(limitsForRate(10, 25), timing), timing, 15);
    expect(busiestWindow([...before, ...after], 1000)).toBe(10);
  });
});
