export interface EventBufferOptions {
  /** Most events handed over in one delivery. */
  batchSize: number;
  /** Wait before retrying a failed delivery. */
  retryMs: number;
  onError(error: Error, pending: number): void;
}

/**
 * Events waiting to be delivered, in order. One delivery runs at a time; a failed batch stays at the head
 * and is retried after `retryMs` or at the next `flush()` (e.g. when Redis reconnects). Deliveries must be
 * idempotent per event: a batch that failed half-way is delivered again in full.
 */
export class EventBuffer<T> {
  private readonly items: T[] = [];
  private running?: Promise<void>;
  private retryTimer?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    private readonly deliver: (batch: T[]) => Promise<void>,
    private readonly options: EventBufferOptions,
  ) {}

  get size(): number {
    return this.items.length;
  }

  push(item: T): void {
    this.items.push(item);
    if (!this.retryTimer) void this.flush();
  }

  /** Delivers what is pending; resolves when the buffer is empty or a delivery failed. */
  flush(): Promise<void> {
    if (this.retryTimer) {
      clearTimeout(this.retryTimer);
      this.retryTimer = undefined;
    }
    this.running ??= this.drain().finally(() => {
      this.running = undefined;
      // Items pushed while the last delivery was finishing.
      if (this.items.length && !this.retryTimer && !this.stopped) void this.flush();
    });
    return this.running;
  }

  /** Stops retrying (shutdown); what is still pending stays in `size`. */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
  }

  private async drain(): Promise<void> {
    while (this.items.length) {
      const batch = this.items.slice(0, this.options.batchSize);
      try {
        await this.deliver(batch);
      } catch (error) {
        this.options.onError(error as Error, this.items.length);
        if (!this.stopped) this.retryTimer = setTimeout(() => void this.flush(), this.options.retryMs).unref();
        return;
      }
      this.items.splice(0, batch.length);
    }
  }
}
