/**
 * Faults the simulator injects, changed at run time by tests. Counting starts when a fault is set.
 */
export class SimFaults {
  private readonly failures = new Map<string, Array<{ remaining: number; retval: number }>>();
  private delayAll = 0;
  private delayPer: Record<string, number> = {};
  private readonly stalled = new Set<string>();
  private dropCountdown = -1;
  private readerBps: number | null = null;
  private frozenFlag = false;
  /** Called when held (stalled) requests are released; set by the server. */
  onRelease: ((name: string | undefined) => void) | null = null;
  /** Called when a freeze ends; set by the server. */
  onThaw: (() => void) | null = null;

  /** The n-th next request of `msg` (1 = the next one) is answered with `retval`, its handler not run. */
  failNth(msg: string, n: number, retval: number): this {
    let list = this.failures.get(msg);
    if (list === undefined) this.failures.set(msg, (list = []));
    list.push({ remaining: n, retval });
    return this;
  }

  /** Delays handling of every request by `ms`, or of the named messages by their value. */
  delay(ms: number | Record<string, number>): this {
    if (typeof ms === 'number') this.delayAll = ms;
    else this.delayPer = { ...this.delayPer, ...ms };
    return this;
  }

  /** Requests of `msg` get no answer until release(): the client's timeout fires, the reply comes late. */
  stall(msg: string): this {
    this.stalled.add(msg);
    return this;
  }

  /** Ends a stall and answers the held requests now (all stalls without a name). */
  release(msg?: string): this {
    if (msg === undefined) this.stalled.clear();
    else this.stalled.delete(msg);
    this.onRelease?.(msg);
    return this;
  }

  /**
   * VPP stopped (SIGSTOP): connections are still accepted (the kernel does that) but nothing is
   * read, handled or answered, the handshake included, until thaw(). Requests pile up unread, so
   * the client's writes back up as they would against a stopped VPP.
   */
  freeze(): this {
    this.frozenFlag = true;
    return this;
  }

  /** Ends a freeze (SIGCONT): what piled up is handled in order. */
  thaw(): this {
    this.frozenFlag = false;
    this.onThaw?.();
    return this;
  }

  get frozen(): boolean {
    return this.frozenFlag;
  }

  /** After `n` more messages sent by the server, the connection that got the n-th is dropped. */
  dropAfter(n: number): this {
    this.dropCountdown = n;
    return this;
  }

  /** The server reads from clients at most this fast (null: full speed), to test back-pressure. */
  slowReader(bytesPerSec: number | null): this {
    this.readerBps = bytesPerSec;
    return this;
  }

  /** Clears every fault but a freeze (held requests stay held until release(), a freeze until thaw()). */
  clear(): this {
    this.failures.clear();
    this.delayAll = 0;
    this.delayPer = {};
    this.dropCountdown = -1;
    this.readerBps = null;
    return this;
  }

  // ---- used by the server

  /** The injected retval for this request, if one is due. */
  takeFailure(msg: string): number | undefined {
    const list = this.failures.get(msg);
    if (list === undefined) return undefined;
    let hit: number | undefined;
    for (const f of list) {
      f.remaining--;
      if (f.remaining === 0 && hit === undefined) hit = f.retval;
    }
    const rest = list.filter((f) => f.remaining > 0);
    if (rest.length === 0) this.failures.delete(msg);
    else this.failures.set(msg, rest);
    return hit;
  }

  delayFor(msg: string): number {
    return this.delayPer[msg] ?? this.delayAll;
  }

  isStalled(msg: string): boolean {
    return this.stalled.has(msg);
  }

  /** Counts one sent message; true when the connection must now be dropped. */
  countSent(): boolean {
    if (this.dropCountdown < 0) return false;
    this.dropCountdown--;
    if (this.dropCountdown > 0) return false;
    this.dropCountdown = -1;
    return true;
  }

  get readerBytesPerSec(): number | null {
    return this.readerBps;
  }
}
