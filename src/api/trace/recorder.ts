/**
 * Records every message between a client and VPP, both ways, with timing, as a trace (see
 * ./file.ts for the shape). It sits at the transport, so it sees what really crossed the socket:
 * the handshake, every field of every request with its defaults, pings, keepalives, events.
 *
 * Requests are matched with what answers them by context, as the client does: a reply ends a
 * call; details accumulate until control_ping_reply (a classic dump) or the service's reply (a
 * stream_msg service). A request is written when it is answered, with `_seq` its place in the
 * order things were sent; whatever is unanswered when the connection closes, or when the process
 * exits (however it exits), is written marked `"_outcome": "unknown"` with `_error` saying why:
 * VPP may or may not have done it.
 */
import { ApiCodec, type MessageCodec } from '../codec/index.js';
import { ApiDefinitions } from '../definitions/index.js';
import { BUNDLED_MEMCLNT } from '../definitions/memclnt.js';
import { MessageBinding, tableOf, type Resolved } from '../client/binding.js';
import type { Transport, TransportHandlers } from '../transport/types.js';
import type { ApiMessage } from '../types.js';
import { hexOf, TraceFormat, type TraceMessage, type TraceValue } from './format.js';
import type { TraceSink } from './file.js';

/** The handshake uses fixed ids, before any message table exists. */
const SOCKCLNT_CREATE_ID = 15;
const SOCKCLNT_CREATE_REPLY_ID = 16;

/** Where the recorder finds definitions once the client has them (a VppClient is one). */
export interface DefinitionSource {
  readonly definitions: ApiDefinitions;
}

interface Pending {
  entry: TraceMessage;
  kind: Resolved['kind'];
  detailsName: string;
  details: TraceMessage[];
  t0: number;
}

let memclnt: ApiDefinitions | undefined;
function bundled(): ApiDefinitions {
  memclnt ??= ApiDefinitions.fromFiles([{ file: 'memclnt.api.json', json: BUNDLED_MEMCLNT }]);
  return memclnt;
}

const round3 = (ms: number): number => Math.round(ms * 1000) / 1000;

/** Turns frames into trace messages and hands them to a sink. */
export class TraceRecorder {
  private source: DefinitionSource | null = null;
  private defs: ApiDefinitions = bundled();
  private table: ReadonlyMap<string, number> = new Map();
  private binding: MessageBinding | null = null;
  private format: TraceFormat | null = null;
  private boot: ApiCodec | null = null;
  private handshaking = false;
  private handshake: Pending | null = null;
  private readonly pending = new Map<number, Pending>();
  /** Classic dumps sent and not yet followed by a control_ping (their end is that ping's reply). */
  private openDumps: number[] = [];
  /** A control_ping sent after dumps → the dumps its reply ends. */
  private readonly pingEnds = new Map<number, number[]>();
  private closed = false;
  private seq = 0;
  private readonly onExit = (): void => this.close('no reply before vppstate exited', true);

  constructor(readonly sink: TraceSink) {
    // Whatever way the process ends, the trace ends complete and valid.
    process.on('exit', this.onExit);
  }

  /** Decode with these definitions from now on (the client's, once it has asked VPP). */
  bind(source: DefinitionSource): this {
    this.source = source;
    return this;
  }

  /** Wraps a transport so that everything it carries is recorded. */
  wrap(inner: Transport): Transport {
    return new TracingTransport(inner, this);
  }

  /** A new connection: the handshake comes first. */
  connecting(): void {
    this.handshaking = true;
  }

  sent(msg: Uint8Array): void {
    this.guard(msg, 'tx', (buf, id, now) => this.onSent(buf, id, now));
  }

  received(msg: Uint8Array): void {
    this.guard(msg, 'rx', (buf, id, now) => this.onReceived(buf, id, now));
  }

  /** A message the recorder cannot take apart is kept as bytes; recording never breaks the client. */
  private guard(msg: Uint8Array, dir: 'tx' | 'rx', fn: (buf: Buffer, id: number, now: number) => void): void {
    if (this.closed || msg.length < 2) return;
    const buf = Buffer.from(msg.buffer, msg.byteOffset, msg.byteLength);
    const id = buf.readUInt16BE(0);
    try {
      fn(buf, id, performance.now());
    } catch (err) {
      this.sink.write({ ...unknown(id, buf, dir), _error: `not decodable: ${(err as Error).message}` });
    }
  }

  private onSent(buf: Buffer, id: number, now: number): void {
    if (this.handshaking && id === SOCKCLNT_CREATE_ID) {
      const c = this.bootCodec().message('sockclnt_create');
      this.handshake = this.open(c.name, c.decode(buf), 'call', '', now);
      return;
    }
    const codec = this.codecFor(id);
    if (codec === undefined) {
      this.sink.write(unknown(id, buf, 'tx'));
      return;
    }
    const decoded = codec.decode(buf);
    const context = typeof decoded.context === 'number' ? decoded.context : 0;
    const p = context === 0 ? undefined : this.pending.get(context);
    // The ping that ends classic dumps belongs to them (VPP answers in order: its reply comes
    // after every detail of the dumps sent before it), with the dump's context or one of its own.
    if (codec.name === 'control_ping' && context !== 0 && (p?.kind === 'dump' || this.openDumps.length > 0)) {
      this.pingEnds.set(context, this.openDumps);
      this.openDumps = [];
      return;
    }
    const r = this.resolve(codec.name);
    const entry = this.open(codec.name, decoded, r?.kind ?? 'call', r?.detailsName ?? '', now);
    if (context === 0 || r === undefined) {
      this.sink.write(entry.entry);
      return;
    }
    this.pending.set(context, entry);
    if (r.kind === 'dump') this.openDumps.push(context);
  }

  private onReceived(buf: Buffer, id: number, now: number): void {
    if (this.handshaking) {
      if (id !== SOCKCLNT_CREATE_REPLY_ID) return;
      const reply = this.bootCodec().message('sockclnt_create_reply').decode(buf);
      this.handshaking = false;
      this.table = tableOf(reply);
      this.binding = null;
      if (this.handshake !== null) {
        this.finish(this.handshake, this.toTrace('sockclnt_create_reply', reply), now);
        this.handshake = null;
      }
      return;
    }
    const codec = this.codecFor(id);
    if (codec === undefined) {
      this.sink.write(unknown(id, buf, 'rx'));
      return;
    }
    const decoded = codec.decode(buf);
    const context = codec.contextOffset >= 0 && typeof decoded.context === 'number' ? decoded.context : 0;
    const ends = codec.name === 'control_ping_reply' ? this.pingEnds.get(context) : undefined;
    if (ends !== undefined) {
      this.pingEnds.delete(context);
      for (const c of ends) {
        const d = this.pending.get(c);
        if (d?.kind === 'dump') this.finish(d, null, now, c);
      }
      if (!this.pending.has(context)) return;
    }
    const p = context === 0 ? undefined : this.pending.get(context);
    if (p === undefined) {
      // An event (context 0), a keepalive, or an answer to nothing we recorded.
      const m = this.toTrace(codec.name, decoded);
      this.sink.write({
        _msgname: m._msgname,
        _crc: m._crc,
        _dir: 'rx',
        _ts: new Date().toISOString(),
        ...rest(m),
      });
      return;
    }
    const m = this.toTrace(codec.name, decoded);
    if (p.kind === 'dump') {
      if (codec.name === 'control_ping_reply') this.finish(p, null, now, context);
      else p.details.push(m);
    } else if (p.kind === 'stream' && codec.name === p.detailsName) p.details.push(m);
    else this.finish(p, m, now, context);
  }

  /** The connection ended: what is unanswered is written as such. */
  disconnected(err?: Error): void {
    this.unanswered(
      err
        ? `in flight when the connection was lost (${err.message})`
        : 'in flight when the connection closed',
    );
    this.handshaking = false;
  }

  private unanswered(why: string, exiting = false): void {
    const now = performance.now();
    const mark = (p: Pending, text: string): void => {
      p.entry._outcome = 'unknown';
      p.entry._error = text;
      if (exiting) p.entry._inflight = true;
    };
    for (const [context, p] of this.pending) {
      mark(p, `no reply: ${why}`);
      this.finish(p, null, now, context);
    }
    if (this.handshake !== null) {
      mark(this.handshake, `no reply to the handshake: ${why}`);
      this.finish(this.handshake, null, now);
      this.handshake = null;
    }
  }

  /** Ends the trace (writes what is pending, closes the sink). */
  close(why = 'no reply before the trace was closed', exiting = false): void {
    if (this.closed) return;
    this.unanswered(why, exiting);
    this.closed = true;
    process.off('exit', this.onExit);
    this.sink.close();
  }

  private open(
    name: string,
    decoded: ApiMessage,
    kind: Resolved['kind'],
    detailsName: string,
    now: number,
  ): Pending {
    const m = this.toTrace(name, decoded);
    const entry: TraceMessage = {
      _msgname: m._msgname,
      _crc: m._crc,
      _seq: ++this.seq,
      _ts: new Date().toISOString(),
      ...rest(m),
    };
    return { entry, kind, detailsName, details: [], t0: now };
  }

  private finish(p: Pending, reply: TraceMessage | null, now: number, context?: number): void {
    if (context !== undefined) this.pending.delete(context);
    if (p.entry._error === undefined) p.entry._ms = round3(now - p.t0);
    if (reply !== null) p.entry._reply = reply as unknown as TraceValue;
    if (p.kind !== 'call') p.entry._details = p.details as unknown as TraceValue;
    this.sink.write(p.entry);
  }

  private toTrace(name: string, decoded: ApiMessage): TraceMessage {
    // get_api_json's reply is every definition VPP has (megabytes): not worth keeping.
    if (name === 'get_api_json_reply' && typeof decoded.json === 'string')
      decoded = { ...decoded, json: `<${decoded.json.length} characters of API definitions, not recorded>` };
    return this.traceFormat().toTrace(name, decoded);
  }

  private current(): void {
    const defs = this.source?.definitions ?? bundled();
    if (defs !== this.defs) {
      this.defs = defs;
      this.binding = null;
      this.format = null;
    }
  }

  private traceFormat(): TraceFormat {
    this.current();
    this.format ??= new TraceFormat(this.defs);
    return this.format;
  }

  private codecFor(id: number): MessageCodec | undefined {
    this.current();
    this.binding ??= new MessageBinding(this.defs, this.table);
    return this.binding.codecFor(id);
  }

  private resolve(name: string): Resolved | undefined {
    try {
      return this.binding?.resolve(name);
    } catch {
      return undefined;
    }
  }

  private bootCodec(): ApiCodec {
    this.boot ??= new ApiCodec(bundled());
    return this.boot;
  }
}

/** The fields of a trace message after `_msgname` and `_crc`. */
function rest(m: TraceMessage): Record<string, TraceValue | undefined> {
  const { _msgname: _n, _crc: _c, ...fields } = m;
  return fields;
}

function unknown(id: number, buf: Buffer, dir: 'tx' | 'rx'): TraceMessage {
  return {
    _msgname: `unknown_message_id_${id}`,
    _crc: '',
    _dir: dir,
    _ts: new Date().toISOString(),
    _bytes: hexOf(buf),
  };
}

/** A transport that shows every message it carries to a TraceRecorder. */
export class TracingTransport implements Transport {
  constructor(
    readonly inner: Transport,
    private readonly recorder: TraceRecorder,
  ) {}

  get description(): string {
    return this.inner.description;
  }
  get connected(): boolean {
    return this.inner.connected;
  }
  get congested(): boolean {
    return this.inner.congested;
  }

  connect(handlers: TransportHandlers): Promise<void> {
    this.recorder.connecting();
    return this.inner.connect({
      message: (msg) => {
        this.recorder.received(msg);
        handlers.message(msg);
      },
      close: (err) => {
        this.recorder.disconnected(err);
        handlers.close(err);
      },
      drain: () => handlers.drain(),
    });
  }

  send(msg: Uint8Array): boolean {
    // Recorded first: a transport may deliver the reply before send() returns.
    this.recorder.sent(msg);
    return this.inner.send(msg);
  }

  destroy(err?: Error): void {
    if (this.inner.destroy !== undefined) this.inner.destroy(err);
    else void this.inner.close();
  }

  async close(): Promise<void> {
    try {
      await this.inner.close();
    } finally {
      this.recorder.close('no reply before the client disconnected');
    }
  }
}
