/** Events dropped since the last report: how many, and the time range they were created in. */
export interface DropReport {
  dropped: number;
  from: Date;
  to: Date;
}

export interface EventBufferOptions<T> {
  /** Most events handed over in one delivery (at most `max`). */
  batchSize: number;
  /** Wait before retrying a failed delivery. */
  retryMs: number;
  /** Wait after a push before delivering (0: at once); what is pushed meanwhile goes in the same delivery. */
  delayMs?: number;
  /** Most events held; a push beyond it drops the oldest event not being delivered. */
  max: number;
  /** When an event was created (ms since the epoch): the time range of a drop report. */
  timeOf(item: T): number;
  onError(error: Error, pending: number): void;
  /** Dropped events, summed up per DROP_REPORT_EVERY drops and once when deliveries work again (or at stop). */
  onDrop(report: DropReport): void;
}

export const DROP_REPORT_EVERY = 1000;

/**
 * Events waiting to be delivered, in order. One delivery runs at a time; a failed batch stays at the head
 * and is retried after `retryMs` or at the next `flush()` (e.g. when Redis reconnects). Deliveries must be
 * idempotent per event: a batch that failed half-way is delivered again in full. Bounded: during a long
 * outage the oldest events give way to new ones, and what was dropped is reported, never the events.
 */
export class EventBuffer<T> {
  private readonly items: T[] = [];
  private readonly batchSize: number;
  private running?: Promise<void>;
  private retryTimer?: NodeJS.Timeout;
  private delayTimer?: NodeJS.Timeout;
  private stopped = false;
  /** Items at the head being delivered: never dropped, so a delivery's success removes exactly them. */
  private inFlight = 0;
  private failing = false;
  private drops?: { count: number; from: number; to: number };

  constructor(
    private readonly deliver: (batch: T[]) => Promise<void>,
    private readonly options: EventBufferOptions<T>,
  ) {
    this.batchSize = Math.min(options.batchSize, options.max);
  }

  get size(): number {
    return this.items.length;
  }

  /** Milliseconds since the oldest event still waiting was created; 0 when none waits (metrics: the lag). */
  ageMs(now = Date.now()): number {
    return this.items.length ? Math.max(0, now - this.options.timeOf(this.items[0])) : 0;
  }

  push(item: T): void {
    this.items.push(item);
    if (this.items.length > this.options.max) this.drop(this.items.splice(this.inFlight, 1)[0]);
    if (this.retryTimer || this.delayTimer) return;
    const delayMs = this.options.delayMs ?? 0;
    if (delayMs > 0 && !this.stopped) this.delayTimer = setTimeout(() => void this.flush(), delayMs).unref();
    else void this.flush();
  }

  /** Delivers what is pending; resolves when the buffer is empty or a delivery failed. */
  flush(): Promise<void> {
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    clearTimeout(this.delayTimer);
    this.delayTimer = undefined;
    this.running ??= this.drain().finally(() => {
      this.running = undefined;
      // Items pushed while the last delivery was finishing.
      if (this.items.length && !this.retryTimer && !this.stopped) void this.flush();
    });
    return this.running;
  }

  /** Stops retrying (shutdown); what is still pending stays in `size`, what was dropped is reported. */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    clearTimeout(this.delayTimer);
    this.delayTimer = undefined;
    this.reportDrops();
  }

  private async drain(): Promise<void> {
    while (this.items.length) {
      const batch = this.items.slice(0, this.batchSize);
      this.inFlight = batch.length;
      try {
        await this.deliver(batch);
      } catch (error) {
        this.failing = true;
        this.options.onError(error as Error, this.items.length);
        if (!this.stopped) this.retryTimer = setTimeout(() => void this.flush(), this.options.retryMs).unref();
        return;
      } finally {
        this.inFlight = 0;
      }
      this.items.splice(0, batch.length);
      if (this.failing) {
        // The outage is over: one report of what it cost.
        this.failing = false;
        this.reportDrops();
      }
    }
  }

  private drop(item: T): void {
    const time = this.options.timeOf(item);
    if (!this.drops) this.drops = { count: 0, from: time, to: time };
    this.drops.count += 1;
    this.drops.from = Math.min(this.drops.from, time);
    this.drops.to = Math.max(this.drops.to, time);
    if (this.drops.count >= DROP_REPORT_EVERY) this.reportDrops();
  }

  private reportDrops(): void {
    if (!this.drops) return;
    const { count, from, to } = this.drops;
    this.drops = undefined;
    this.options.onDrop({ dropped: count, from: new Date(from), to: new Date(to) });
  }
}
