/**
 * One connected client as the server sees it: its requests handled in order, one at a time (as
 * VPP does), replies held back while the connection is congested, and its close.
 */
import type { Logger } from 'pino';
import type { ApiMessage } from '../../api/types.js';
import type { SimClient } from '../types.js';
import type { ServerConnection } from './connection.js';
import type { SimFaults } from './faults.js';

/** What a client needs of its server. */
export interface ClientHost {
  /** The process id control_ping reports. */
  readonly pid: number;
  readonly faults: SimFaults;
  readonly logger: Logger;
  encode(name: string, fields: ApiMessage): Buffer;
  encodeWithContext(name: string, fields: ApiMessage, context: number): Buffer;
  reuse(name: string, prev: Uint8Array, context: number): boolean;
  /** Sends an event now, or after the reply when a handler is running. */
  event(client: ServerSideClient, name: string, fields: ApiMessage): void;
  /** Handles one request; a promise only when it must wait. */
  handle(client: ServerSideClient, buf: Buffer): void | Promise<void>;
  forget(client: ServerSideClient): void;
  /** Counts one message sent; true when the connection must close after it (dropAfter). */
  countSent(): boolean;
}

function pingFields(c: ServerSideClient): ApiMessage {
  return { retval: 0, client_index: c.index, vpe_pid: c.server.pid };
}

/** One connected client, as the server sees it. */
export class ServerSideClient implements SimClient {
  index = 0;
  name = '';
  registered = false;
  private queue: Array<Buffer | (() => void | Promise<void>)> = [];
  private busy = false;
  private gone = false;
  private drainWaiters: Array<() => void> = [];
  /** The last control_ping_reply sent (see sendPingReply). */
  private ping: Uint8Array | undefined;

  constructor(
    readonly server: ClientHost,
    private readonly conn: ServerConnection,
  ) {}

  get closed(): boolean {
    return this.gone;
  }

  get congested(): boolean {
    return this.conn.congested;
  }

  register(index: number, name: string): void {
    this.ping = undefined;
    this.index = index;
    this.name = name;
    this.registered = true;
  }

  sendEvent(name: string, fields: ApiMessage): void {
    if (this.gone) return;
    this.server.event(this, name, fields);
  }

  /** Encodes and sends; applies dropAfter. */
  sendMessage(name: string, fields: ApiMessage): void {
    if (this.gone) return;
    try {
      this.conn.send(this.server.encode(name, fields));
    } catch (err) {
      this.server.logger.error({ api: name, err: (err as Error).message }, 'cannot send');
      return;
    }
    if (this.server.countSent()) this.goodbye();
  }

  /** sendMessage(name, { ...fields, context }), without building that object. */
  sendWithContext(name: string, fields: ApiMessage, context: number): void {
    if (this.gone) return;
    try {
      this.conn.send(this.server.encodeWithContext(name, fields, context));
    } catch (err) {
      this.server.logger.error({ api: name, err: (err as Error).message }, 'cannot send');
      return;
    }
    if (this.server.countSent()) this.goodbye();
  }

  /**
   * Sends `{ ...fieldsOf(item), context }`, or `prev` (what it returned for the same unchanged
   * fields before) again with this context when the server can reuse it. Returns what to pass
   * as `prev` next time.
   */
  sendReusing<T>(
    name: string,
    prev: Uint8Array | undefined,
    fieldsOf: (item: T) => ApiMessage,
    item: T,
    context: number,
  ): Uint8Array | undefined {
    if (this.gone) return prev;
    let out: Uint8Array;
    if (prev !== undefined && this.server.reuse(name, prev, context)) out = prev;
    else {
      const fields = fieldsOf(item);
      try {
        out = this.server.encodeWithContext(name, fields, context);
      } catch (err) {
        this.server.logger.error({ api: name, err: (err as Error).message }, 'cannot send');
        return undefined;
      }
    }
    this.sendEncoded(name, out);
    return out;
  }

  /** Sends an encoded message; applies dropAfter. */
  sendEncoded(name: string, out: Uint8Array): void {
    try {
      this.conn.send(out);
    } catch (err) {
      this.server.logger.error({ api: name, err: (err as Error).message }, 'cannot send');
      return;
    }
    if (this.server.countSent()) this.goodbye();
  }

  /** control_ping_reply: the same bytes every time but for the context. */
  sendPingReply(context: number): void {
    this.ping = this.sendReusing('control_ping_reply', this.ping, pingFields, this, context);
  }

  receive(msg: Buffer): void {
    if (this.gone) return;
    if (this.server.faults.frozen) {
      // A stopped VPP reads nothing: keep what already arrived, stop reading the rest.
      this.queue.push(Buffer.from(msg));
      this.conn.pauseReading?.();
      return;
    }
    if (this.busy || this.queue.length > 0) {
      this.queue.push(Buffer.from(msg));
      return;
    }
    this.run(msg);
  }

  /** Runs a task in this client's order (released stalled requests). */
  enqueueTask(task: () => void | Promise<void>): void {
    if (this.busy || this.queue.length > 0) this.queue.push(task);
    else this.run(task);
  }

  private run(item: Buffer | (() => void | Promise<void>)): void {
    let r: void | Promise<void>;
    try {
      r = typeof item === 'function' ? item() : this.server.handle(this, item);
    } catch (err) {
      this.server.logger.error({ err }, 'request failed');
      r = undefined;
    }
    if (r === undefined && this.conn.congested && !this.gone) {
      // Replies pile up unread: stop taking requests until the client reads (as VPP's queue fills).
      r = this.waitDrain();
      this.conn.pauseReading?.();
      r = r.then(() => this.conn.resumeReading?.());
    }
    if (r instanceof Promise) {
      this.busy = true;
      r.catch((err: unknown) => this.server.logger.error({ err }, 'request failed')).finally(() => {
        this.busy = false;
        this.pump();
      });
    }
  }

  /** The end of a freeze: read again and handle what piled up. */
  thaw(): void {
    if (this.gone) return;
    this.conn.resumeReading?.();
    this.pump();
  }

  private pump(): void {
    while (!this.busy && this.queue.length > 0 && !this.gone && !this.server.faults.frozen) {
      const item = this.queue.shift() as Buffer | (() => void | Promise<void>);
      this.run(item);
    }
  }

  waitDrain(): Promise<void> {
    return new Promise((resolve) => this.drainWaiters.push(resolve));
  }

  drained(): void {
    const w = this.drainWaiters;
    this.drainWaiters = [];
    for (const fn of w) fn();
  }

  /** Graceful close after what was sent (sockclnt_delete, dropAfter). */
  goodbye(): void {
    if (this.gone) return;
    this.markGone();
    void this.conn.end();
  }

  /** Abrupt close (restart). */
  drop(): void {
    if (this.gone) return;
    this.markGone();
    this.conn.destroy();
  }

  closed_(err?: Error): void {
    if (err !== undefined && !this.gone)
      this.server.logger.debug({ client: this.index, err: err.message }, 'client connection closed');
    this.markGone();
  }

  private markGone(): void {
    this.gone = true;
    this.queue = [];
    this.drained();
    this.server.forget(this);
  }
}
