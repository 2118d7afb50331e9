/** The dispatcher's in-memory work queue for one pass: claimed deliveries, one lane per member. */

/**
 * Per-member queues. A lane that a worker is sending keeps accepting that member's newer items, so
 * two workers never send to the same member at once and their cards arrive in order. A lane whose
 * first card is waiting out a retry is parked until then, with the member's later cards behind it.
 */
export class MemberLanes<T> {
  private readonly ready = new Map<string, Lane<T>>();
  private readonly busy = new Map<string, Lane<T>>();
  private readonly parked = new Map<string, Lane<T>>();
  private queued = 0;

  /** Items not yet taken by a worker, parked ones included. */
  get waiting(): number {
    return this.queued;
  }

  /** When the first parked lane may be sent again (ms), or Infinity if none is parked. */
  get nextWakeAt(): number {
    let next = Number.POSITIVE_INFINITY;
    for (const lane of this.parked.values()) next = Math.min(next, lane.wakeAt);
    return next;
  }

  add(member: string, item: T): void {
    this.queued++;
    const lane = this.busy.get(member) ?? this.ready.get(member) ?? this.parked.get(member);
    if (lane) {
      lane.items.push(item);
      return;
    }
    this.ready.set(member, new Lane(member, [item], this));
  }

  /** A lane ready to send at `nowMs`, now the taker's alone. */
  take(nowMs: number): Lane<T> | undefined {
    for (const lane of this.parked.values()) {
      if (lane.wakeAt > nowMs) continue;
      this.parked.delete(lane.member);
      lane.wakeAt = 0;
      this.ready.set(lane.member, lane);
    }
    const first = this.ready.values().next();
    if (first.done) return undefined;
    const lane = first.value;
    this.ready.delete(lane.member);
    this.busy.set(lane.member, lane);
    return lane;
  }

  /** @internal for Lane */
  counted(change: number): void {
    this.queued += change;
  }

  /** @internal for Lane: a closed lane with items left waits, parked or ready, for another turn. */
  release(lane: Lane<T>): void {
    this.busy.delete(lane.member);
    if (lane.items.length === 0) return;
    (lane.wakeAt > 0 ? this.parked : this.ready).set(lane.member, lane);
  }

  /** Takes every item no worker has taken, parked ones included. */
  drain(): T[] {
    const lanes = [...this.ready.values(), ...this.parked.values()];
    this.ready.clear();
    this.parked.clear();
    this.queued = 0;
    return lanes.flatMap((lane) => lane.items.splice(0));
  }
}

export class Lane<T> {
  /** While parked: when the lane may be sent again (ms); 0 when it is not parked. */
  wakeAt = 0;

  constructor(
    readonly member: string,
    readonly items: T[],
    private readonly owner: MemberLanes<T>,
  ) {}

  next(): T | undefined {
    const item = this.items.shift();
    if (item !== undefined) this.owner.counted(-1);
    return item;
  }

  /** Puts `item` back at the front, to be sent again at `untilMs`; the lane parks when closed. */
  retryAt(item: T, untilMs: number): void {
    this.items.unshift(item);
    this.owner.counted(1);
    this.wakeAt = untilMs;
  }

  close(): void {
    this.owner.release(this);
  }
}

/** Wakes everyone waiting on `next()` whenever `notify()` is called. */
export class Signal {
  /** One promise shared by everyone waiting, so waiters that stop caring (a race lost) pile up nothing. */
  private pending: { promise: Promise<void>; wake: () => void } | undefined;

  next(): Promise<void> {
    if (!this.pending) {
      let wake!: () => void;
      const promise = new Promise<void>((resolve) => (wake = resolve));
      this.pending = { promise, wake };
    }
    return this.pending.promise;
  }

  notify(): void {
    const pending = this.pending;
    this.pending = undefined;
    pending?.wake();
  }
}
