/** What a request's photos cost the engine lately: the basis of Retry-After and of the utilisation figure. */
export class JobStats {
  /** Weight of the newest job in the running mean: about the last ten jobs count. */
  private static readonly SMOOTHING = 0.2;
  private meanMs: number | null = null;
  private busyMs = 0;
  private readonly since = performance.now();

  constructor(readonly workers: number) {}

  record(ms: number): void {
    this.busyMs += ms;
    this.meanMs = this.meanMs === null ? ms : this.meanMs + JobStats.SMOOTHING * (ms - this.meanMs);
  }

  /** Recent mean time of one job in ms; 0 before the first. */
  get recentMeanMs(): number {
    return this.meanMs ?? 0;
  }

  /** Share of the workers' time spent running jobs since start, 0..1. */
  get utilization(): number {
    const capacity = (performance.now() - this.since) * this.workers;
    return capacity > 0 ? Math.min(1, this.busyMs / capacity) : 0;
  }

  /** How long `waiting` jobs take to clear on the workers, in seconds. */
  secondsToClear(waiting: number): number {
    return (waiting * this.recentMeanMs) / this.workers / 1000;
  }
}
