/**
 * A bare protocol session for the differential harness: the handshake, then one request at a
 * time with a context we choose, and everything that comes back seen as it was sent — the reply
 * even when its retval is negative, its name (VPP sometimes answers with another message), every
 * details message, and events in their order. VppClient hides exactly these things (it rejects a
 * negative retval, follows cursors, fans events out), so the harness does not use it.
 *
 * Messages are encoded and decoded with the simulator's own definitions (they are checked against
 * VPP's in test/sim/definitions.test.ts); a message whose name_crc the target lacks is an error.
 */
import { ApiCodec, type MessageCodec } from '../../src/api/codec/index.js';
import type { ApiDefinitions } from '../../src/api/definitions/index.js';
import { UnixSocketTransport } from '../../src/api/transport/socket.js';
import type { ApiMessage } from '../../src/api/types.js';
import { simulatorDefinitions } from '../../src/sim/index.js';

const SOCKCLNT_CREATE_ID = 15;

/** One message as received. */
export interface Received {
  readonly name: string;
  readonly fields: ApiMessage;
}

/** What one request got back. */
export interface Exchange {
  /** The reply (absent for classic dumps, whose end the session's control_ping marks). */
  reply?: Received;
  details: Received[];
  /** No reply (or end of dump) within the timeout. */
  timeout?: true;
}

export class SessionError extends Error {}

let sharedDefs: ApiDefinitions | undefined;
/** The simulator's definitions, built once per process. */
export function harnessDefinitions(): ApiDefinitions {
  return (sharedDefs ??= simulatorDefinitions());
}

interface Waiter {
  readonly context: number;
  readonly kind: 'call' | 'dump' | 'stream';
  readonly replyName: string;
  readonly ex: Exchange;
  readonly done: (ex: Exchange) => void;
}

export class RawSession {
  private readonly codec: ApiCodec;
  private readonly codecs = new Map<string, MessageCodec>();
  private idByName = new Map<string, number>();
  private nameById = new Map<number, string>();
  private waiter: Waiter | null = null;
  private handshake: ((m: Buffer) => void) | null = null;
  private lastMessageAt = 0;
  private closedErr: Error | null = null;
  /** Context-0 messages (events) in arrival order, until taken. */
  private eventQueue: Received[] = [];
  clientIndex = 0;

  private constructor(
    private readonly transport: UnixSocketTransport,
    readonly definitions: ApiDefinitions,
  ) {
    this.codec = new ApiCodec(definitions);
  }

  static async open(socket: string, name = 'vppstate-conform'): Promise<RawSession> {
    const s = new RawSession(new UnixSocketTransport(socket), harnessDefinitions());
    await s.transport.connect({
      message: (m) => s.onMessage(m),
      close: (err) => {
        s.closedErr = err ?? new SessionError('connection closed');
        s.finishWaiter(true);
      },
      drain: () => undefined,
    });
    const reply = await new Promise<Buffer>((resolve, reject) => {
      const t = setTimeout(() => reject(new SessionError(`${socket}: no handshake reply`)), 10_000);
      s.handshake = (m) => {
        clearTimeout(t);
        resolve(m);
      };
      s.transport.send(s.codecOf('sockclnt_create').encode({ name, context: 0 }, SOCKCLNT_CREATE_ID));
    });
    const r = s.codecOf('sockclnt_create_reply').decode(reply);
    s.clientIndex = Number(r.index);
    for (const e of r.message_table as Array<{ index: number; name: string }>) {
      const base = e.name.replace(/_[0-9a-f]{8}$/, '');
      const def = s.definitions.messages.get(base);
      if (def && def.nameCrc === e.name) {
        s.idByName.set(base, e.index);
        s.nameById.set(e.index, base);
      }
    }
    return s;
  }

  /** Whether the target has this message with our crc. */
  has(name: string): boolean {
    return this.idByName.has(name);
  }

  private codecOf(name: string): MessageCodec {
    let c = this.codecs.get(name);
    if (c === undefined) this.codecs.set(name, (c = this.codec.message(name)));
    return c;
  }

  private idOf(name: string): number {
    const id = this.idByName.get(name);
    if (id === undefined) {
      const def = this.definitions.messages.get(name);
      throw new SessionError(
        def
          ? `the target has no ${def.nameCrc} (message missing or another crc)`
          : `${name} is not in the simulator's definitions: add it to src/sim/definitions`,
      );
    }
    return id;
  }

  private onMessage(m: Buffer): void {
    this.lastMessageAt = performance.now();
    if (this.handshake) {
      const h = this.handshake;
      this.handshake = null;
      h(Buffer.from(m));
      return;
    }
    const id = m.readUInt16BE(0);
    const name = this.nameById.get(id);
    if (name === undefined) {
      this.eventQueue.push({ name: `?${id}`, fields: {} });
      return;
    }
    const c = this.codecOf(name);
    const fields = c.decode(m);
    const ctx = c.contextOffset < 0 ? 0 : Number(fields.context);
    const w = this.waiter;
    if (ctx === 0 || w === null || ctx !== w.context) {
      if (name === 'memclnt_keepalive') {
        // VPP checks that its clients are alive; answer as every client does.
        this.transport.send(
          this.codecOf('memclnt_keepalive_reply').encode(
            { context: 0, retval: 0 },
            this.idOf('memclnt_keepalive_reply'),
          ),
        );
        return;
      }
      this.eventQueue.push({ name, fields });
      return;
    }
    if (w.kind === 'dump' && name === 'control_ping_reply') {
      this.finishWaiter(false);
      return;
    }
    if (w.kind !== 'dump' && (name === w.replyName || name.endsWith('_reply'))) {
      w.ex.reply = { name, fields };
      this.finishWaiter(false);
      return;
    }
    w.ex.details.push({ name, fields });
  }

  private finishWaiter(timeout: boolean): void {
    const w = this.waiter;
    if (w === null) return;
    this.waiter = null;
    if (timeout) w.ex.timeout = true;
    w.done(w.ex);
  }

  /**
   * Sends one request with this context and waits for its answer: the reply (calls, cursor
   * services) or, for classic dumps, the details up to the reply of a control_ping sent right
   * after with the same context.
   */
  request(name: string, args: ApiMessage, context: number, timeoutMs = 10_000): Promise<Exchange> {
    if (this.closedErr) return Promise.reject(this.closedErr);
    if (this.waiter) throw new SessionError('one request at a time');
    const svc = this.definitions.services.get(name);
    const kind = svc?.stream ? (svc.streamMsg ? 'stream' : 'dump') : 'call';
    const id = this.idOf(name);
    const buf = this.codecOf(name).encode({ ...args, client_index: this.clientIndex, context }, id);
    return new Promise<Exchange>((resolve) => {
      const t = setTimeout(() => this.finishWaiter(true), timeoutMs);
      this.waiter = {
        context,
        kind,
        replyName: svc?.reply ?? `${name}_reply`,
        ex: { details: [] },
        done: (ex) => {
          clearTimeout(t);
          resolve(ex);
        },
      };
      this.transport.send(buf);
      if (kind === 'dump')
        this.transport.send(
          this.codecOf('control_ping').encode(
            { client_index: this.clientIndex, context },
            this.idOf('control_ping'),
          ),
        );
    });
  }

  /** Events received so far (and not taken yet); taking them empties the queue. */
  takeEvents(): Received[] {
    const e = this.eventQueue;
    this.eventQueue = [];
    return e;
  }

  /** Resolves once nothing has arrived for `ms` (events of a process that runs after a reply). */
  async quiet(ms: number, maxMs = 2000): Promise<void> {
    const start = performance.now();
    this.lastMessageAt = Math.max(this.lastMessageAt, start);
    for (;;) {
      const now = performance.now();
      const wait = this.lastMessageAt + ms - now;
      if (wait <= 0 || now - start > maxMs) return;
      await new Promise((r) => setTimeout(r, wait));
    }
  }

  async close(): Promise<void> {
    if (this.closedErr === null && this.idByName.has('sockclnt_delete')) {
      try {
        await this.request('sockclnt_delete', { index: this.clientIndex }, 0x7fffffff, 1000);
      } catch {
        // gone already
      }
    }
    await this.transport.close().catch(() => undefined);
  }
}
