/** The dispatcher's in-memory work queue for one pass: claimed deliveries, one lane per member. */

/**
 * Per-member queues. A lane that a worker is sending keeps accepting that member's newer items, so
 * two workers never send to the same member at once and their cards arrive in order.
 */
export class MemberLanes<T> {
  private readonly ready = new Map<string, Lane<T>>();
  private readonly busy = new Map<string, Lane<T>>();
  private queued = 0;

  /** Items not yet taken by a worker. */
  get waiting(): number {
    return this.queued;
  }

  add(member: string, item: T): void {
    this.queued++;
    const lane = this.busy.get(member) ?? this.ready.get(member);
    if (lane) {
      lane.items.push(item);
      return;
    }
    this.ready.set(member, new Lane(member, [item], this));
  }

  take(): Lane<T> | undefined {
    const first = this.ready.values().next();
    if (first.done) return undefined;
    const lane = first.value;
    this.ready.delete(lane.member);
    this.busy.set(lane.member, lane);
    return lane;
  }

  /** @internal for Lane */
  taken(): void {
    this.queued--;
  }

  /** @internal for Lane: a lane closed with items left (the pass is stopping) goes back to ready. */
  release(lane: Lane<T>): void {
    this.busy.delete(lane.member);
    if (lane.items.length) this.ready.set(lane.member, lane);
  }

  /** Takes every item no worker has taken. */
  drain(): T[] {
    const items = [...this.ready.values()].flatMap((lane) => lane.items.splice(0));
    this.ready.clear();
    this.queued = 0;
    return items;
  }
}

export class Lane<T> {
  constructor(
    readonly member: string,
    readonly items: T[],
    private readonly owner: MemberLanes<T>,
  ) {}

  next(): T | undefined {
    const item = this.items.shift();
    if (item !== undefined) this.owner.taken();
    return item;
  }

  close(): void {
    this.owner.release(this);
  }
}

/** Wakes everyone waiting on `next()` whenever `notify()` is called. */
export class Signal {
  private waiters: Array<() => void> = [];

  next(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  notify(): void {
    for (const wake of this.waiters.splice(0)) wake();
  }
}
