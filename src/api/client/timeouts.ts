/**
 * One timer for every request in flight: it fires at the earliest deadline, the owner sweeps
 * its table and says when the next one is due. Completed requests leave the table at once, so
 * nothing is retained until its deadline (10,000s of pipelined calls per second stay cheap).
 */
export class DeadlineTimer {
  private timer: NodeJS.Timeout | null = null;
  private at = Infinity;

  /** `sweep(now)` expires what is due and returns the next deadline (Infinity: none). */
  constructor(private readonly sweep: (now: number) => number) {}

  /** Makes sure a sweep runs no later than `deadline` (performance.now() time). */
  ensure(deadline: number): void {
    if (deadline >= this.at) return;
    if (this.timer !== null) clearTimeout(this.timer);
    this.at = deadline;
    this.timer = setTimeout(() => this.fire(), Math.max(0, deadline - performance.now()) + 1);
    // The connection keeps the process alive while requests are in flight, not this timer.
    this.timer.unref();
  }

  clear(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.at = Infinity;
  }

  private fire(): void {
    this.timer = null;
    this.at = Infinity;
    const next = this.sweep(performance.now());
    if (next < Infinity) this.ensure(next);
  }
}
