import { VppConnectionError } from '../client/errors.js';
import type { Transport, TransportHandlers } from './types.js';

/** Which messages a fault applies to: a direction, optionally filtered by message id. */
export interface FaultMatch {
  direction?: 'out' | 'in' | 'both';
  /** Only messages whose u16 id passes this test. */
  msgId?: (id: number) => boolean;
}

/**
 * Wraps any transport and injects faults: delay, drop, send errors, connect errors and a
 * disconnect after N messages. Faults are changed at run time through the methods below.
 */
export class FaultyTransport implements Transport {
  private delayMs = 0;
  private delayMatch: FaultMatch = {};
  private drops: Array<{ remaining: number; match: FaultMatch }> = [];
  private sendError: Error | null = null;
  private connectError: Error | null = null;
  private disconnectAfterN = -1;
  private handlers: TransportHandlers | null = null;
  /** Messages that passed (both directions), for disconnectAfter. */
  private passed = 0;
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(readonly inner: Transport) {}

  get description(): string {
    return `faulty(${this.inner.description})`;
  }
  get connected(): boolean {
    return this.inner.connected;
  }
  get congested(): boolean {
    return this.inner.congested;
  }

  /** Holds matching messages for `ms` before passing them on (order kept per direction). */
  delay(ms: number, match: FaultMatch = {}): this {
    this.delayMs = ms;
    this.delayMatch = match;
    return this;
  }

  /** Silently drops the next `count` matching messages. */
  drop(count: number, match: FaultMatch = {}): this {
    this.drops.push({ remaining: count, match });
    return this;
  }

  /** Makes send() throw this error (null clears it). */
  failSends(err: Error | null = new VppConnectionError('injected send failure')): this {
    this.sendError = err;
    return this;
  }

  /** Makes connect() reject with this error (null clears it). */
  failConnects(err: Error | null = new VppConnectionError('injected connect failure')): this {
    this.connectError = err;
    return this;
  }

  /** Cuts the connection once `n` more messages (either direction) have passed. */
  disconnectAfter(n: number): this {
    this.disconnectAfterN = this.passed + n;
    return this;
  }

  /** Clears every fault. */
  reset(): this {
    this.delayMs = 0;
    this.drops = [];
    this.sendError = null;
    this.connectError = null;
    this.disconnectAfterN = -1;
    return this;
  }

  async connect(handlers: TransportHandlers): Promise<void> {
    if (this.connectError !== null) throw this.connectError;
    this.handlers = handlers;
    await this.inner.connect({
      message: (msg) => this.pass('in', msg, () => handlers.message(msg)),
      close: (err) => {
        for (const t of this.timers) clearTimeout(t);
        this.timers.clear();
        handlers.close(err);
      },
      drain: () => handlers.drain(),
    });
  }

  send(msg: Uint8Array): boolean {
    if (this.sendError !== null) throw this.sendError;
    if (!this.inner.connected) throw new VppConnectionError(`${this.inner.description}: not connected`);
    const copy = Buffer.from(msg);
    this.pass('out', copy, () => {
      if (this.inner.connected) this.inner.send(copy);
    });
    return !this.inner.congested;
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  destroy(err?: Error): void {
    if (this.inner.destroy !== undefined) this.inner.destroy(err);
    else void this.inner.close();
  }

  private pass(direction: 'out' | 'in', msg: Uint8Array, deliver: () => void): void {
    const id = msg.length >= 2 ? (msg[0] << 8) | msg[1] : -1;
    const drop = this.drops.find((d) => d.remaining > 0 && matches(d.match, direction, id));
    if (drop) {
      drop.remaining--;
      return;
    }
    const run = (): void => {
      deliver();
      this.passed++;
      if (this.disconnectAfterN >= 0 && this.passed >= this.disconnectAfterN) {
        this.disconnectAfterN = -1;
        this.cut();
      }
    };
    if (this.delayMs > 0 && matches(this.delayMatch, direction, id)) {
      const t = setTimeout(() => {
        this.timers.delete(t);
        run();
      }, this.delayMs);
      this.timers.add(t);
    } else run();
  }

  private cut(): void {
    this.destroy();
  }
}

function matches(m: FaultMatch, direction: 'out' | 'in', id: number): boolean {
  const dir = m.direction ?? 'both';
  if (dir !== 'both' && dir !== direction) return false;
  return m.msgId === undefined || m.msgId(id);
}
