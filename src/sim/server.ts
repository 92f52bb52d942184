import { existsSync, unlinkSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import pino, { type Logger } from 'pino';
import { VppstateError } from '../errors.js';
import { ApiCodec, type MessageCodec } from '../api/codec/index.js';
import type { ApiDefinitions, ServiceDefinition } from '../api/definitions/index.js';
import { MemoryListener, MemoryTransport, type MemoryConnection } from '../api/transport/memory.js';
import { FramedSocket } from '../api/transport/socket.js';
import type { ApiMessage } from '../api/types.js';
import type { ServerConnection } from './protocol/connection.js';
import { DetailsList, type WireCache } from './protocol/details.js';
import { SimFaults } from './protocol/faults.js';
import { PINNED_IDS, SimMessageTable } from './protocol/table.js';
import type { SimClient, SimHandler, SimOutMessage, SimResponse } from './types.js';

export { DetailsList } from './protocol/details.js';
export { SimFaults } from './protocol/faults.js';
export { SimMessageTable } from './protocol/table.js';

export interface SimServerOptions {
  /** Unix socket path to listen on. */
  socket: string;
  /** Everything it serves, memclnt included. */
  definitions: ApiDefinitions;
  handlers?: Record<string, SimHandler>;
  logger?: Logger;
  /** show_version's `version` (default "vppstate-sim"). */
  version?: string;
  /** Largest request frame accepted (default 64 MiB). */
  maxFrameSize?: number;
}

export interface SimRestartOptions {
  /** Called once clients are dropped and before listening again (the model resets here). */
  onReset?: () => void;
  /** Keep the socket closed this long, as a VPP that takes time to come back. */
  downMs?: number;
}

/** A misuse of the simulator's server (unknown message name, …). */
export class SimServerError extends VppstateError {
  constructor(message: string) {
    super('SIM_SERVER', message);
  }
}

function writeU32(b: Uint8Array, p: number, v: number): void {
  b[p] = v >>> 24;
  b[p + 1] = v >>> 16;
  b[p + 2] = v >>> 8;
  b[p + 3] = v;
}

/** VNET_API_ERROR_UNIMPLEMENTED, for messages with no handler. */
const UNIMPLEMENTED = -9;
const FIRST_CLIENT_INDEX = 0x80000001;

interface HeldRequest {
  client: ServerSideClient;
  name: string;
  msg: ApiMessage;
}

/** One request being answered: to whom, for what, and the handler's response. */
interface Answer {
  readonly client: ServerSideClient;
  readonly name: string;
  readonly svc: ServiceDefinition | undefined;
  readonly context: number;
  readonly resp: SimResponse;
}

/** How to send one message name with the current table. */
interface OutCodec {
  readonly id: number;
  readonly codec: MessageCodec;
  /** Where `context` sits in the encoding (-1: none). */
  readonly contextOffset: number;
}

/**
 * The protocol half of the embedded VPP: a server on a Unix socket (and in process) speaking
 * socksvr framing, doing the handshake from its own definitions, answering control_ping,
 * show_version, get_api_json and sockclnt_delete, and passing every other request to a
 * registered handler. Each client's requests are handled in order, one at a time, as VPP does.
 */
export class SimServer {
  readonly faults = new SimFaults();
  readonly socketPath: string;
  readonly definitions: ApiDefinitions;
  private readonly codec: ApiCodec;
  private readonly handlers = new Map<string, SimHandler>();
  private readonly restartHooks = new Set<() => void>();
  private readonly clientSet = new Set<ServerSideClient>();
  private readonly memory = new MemoryListener();
  private readonly log: Logger;
  private readonly version: string;
  private readonly maxFrameSize: number | undefined;
  private server: Server | null = null;
  private generation = 0;
  /**
   * The process id control_ping reports: a restarted VPP is another process, so it changes on
   * every restart (clients tell a restart from a dropped connection by it).
   */
  pid = process.pid;
  private nextClientIndex = FIRST_CLIENT_INDEX;
  private apiJson: string | null = null;
  private held: HeldRequest[] = [];
  private codecCache = new Map<string, MessageCodec>();
  /** Per message name: id and codec for `outTable` (rebuilt when the table changes). */
  private outCodecs = new Map<string, OutCodec>();
  private outTable: SimMessageTable | null = null;
  /** Wire caches whose bytes differed from the codec's (see pumpWire). */
  private wireDistrusted = new WeakSet<object>();
  /** Events sent while a handler runs go out after its reply (VPP never sent one before). */
  private deferred: Array<() => void> | null = null;
  /** Count of memclnt_keepalive_reply received (the client answered our keepalive). */
  keepaliveReplies = 0;
  table: SimMessageTable;

  private constructor(opts: SimServerOptions) {
    this.socketPath = opts.socket;
    this.definitions = opts.definitions;
    this.codec = new ApiCodec(opts.definitions);
    this.log = opts.logger ?? pino({ level: 'silent' });
    this.version = opts.version ?? 'vppstate-sim';
    this.maxFrameSize = opts.maxFrameSize;
    this.table = new SimMessageTable(opts.definitions);
    for (const [name, h] of Object.entries(opts.handlers ?? {})) this.register(name, h);
    this.faults.onRelease = (name) => this.releaseHeld(name);
    this.faults.onThaw = () => {
      for (const c of this.clientSet) c.thaw();
    };
    this.memory.onConnection((conn) => this.acceptMemory(conn));
  }

  static async start(opts: SimServerOptions): Promise<SimServer> {
    const s = new SimServer(opts);
    await s.listen();
    return s;
  }

  /** Handles requests of `name` (message name without crc); replaces any earlier handler. */
  register(name: string, handler: SimHandler): void {
    if (!this.definitions.messages.has(name))
      throw new SimServerError(`SimServer.register: ${name} is not in the server's definitions`);
    this.handlers.set(name, handler);
  }

  /** Called on every restart (the behaviour model resets its state here). */
  onRestart(cb: () => void): void {
    this.restartHooks.add(cb);
  }

  /** Connected clients. */
  get clients(): ReadonlySet<SimClient> {
    return this.clientSet;
  }

  /** A transport that connects to this server in process (no socket), for fast tests. */
  memoryTransport(): MemoryTransport {
    return new MemoryTransport(this.memory);
  }

  /** Sends memclnt_keepalive to every client; their answers count in keepaliveReplies. */
  sendKeepalive(): void {
    for (const c of this.clientSet)
      c.sendMessage('memclnt_keepalive', { client_index: c.index, context: 0x4b41 });
  }

  /** Drops every client, reshuffles message ids and resets (as VPP restarting). */
  async restart(opts: SimRestartOptions = {}): Promise<void> {
    this.generation++;
    this.pid = process.pid + this.generation;
    for (const c of [...this.clientSet]) c.drop();
    this.held = [];
    this.table = new SimMessageTable(this.definitions, this.generation);
    for (const cb of this.restartHooks) cb();
    opts.onReset?.();
    if (opts.downMs !== undefined && opts.downMs > 0) {
      await this.stopListening();
      await new Promise((r) => setTimeout(r, opts.downMs));
      await this.listen();
    }
  }

  async close(): Promise<void> {
    this.memory.onConnection(null);
    for (const c of [...this.clientSet]) c.drop();
    await this.stopListening();
  }

  // ------------------------------------------------------------ connections

  private listen(): Promise<void> {
    if (existsSync(this.socketPath)) unlinkSync(this.socketPath); // stale socket of a previous run
    return new Promise((resolve, reject) => {
      const server = createServer((socket) => this.acceptSocket(socket));
      server.once('error', reject);
      server.listen(this.socketPath, () => {
        server.off('error', reject);
        this.server = server;
        resolve();
      });
    });
  }

  private stopListening(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server === null) return Promise.resolve();
    return new Promise((resolve) => server.close(() => resolve()));
  }

  private acceptSocket(socket: Socket): void {
    let client: ServerSideClient | null = null;
    const framed = new FramedSocket(
      socket,
      {
        message: (m) => client?.receive(m),
        close: (err) => client?.closed_(err),
        drain: () => client?.drained(),
      },
      this.maxFrameSize === undefined ? {} : { maxFrameSize: this.maxFrameSize },
    );
    client = new ServerSideClient(this, framed);
    this.clientSet.add(client);
    socket.on('data', (chunk: Buffer) => {
      const bps = this.faults.readerBytesPerSec;
      if (bps === null || bps <= 0) return;
      socket.pause();
      setTimeout(
        () => {
          if (!framed.readingPaused) socket.resume();
        },
        Math.ceil((chunk.length / bps) * 1000),
      );
    });
  }

  private acceptMemory(conn: MemoryConnection): void {
    const client: ServerSideClient = new ServerSideClient(this, conn);
    this.clientSet.add(client);
    conn.attach({
      message: (m) => client.receive(m),
      close: (err) => client.closed_(err),
      drain: () => client.drained(),
    });
  }

  /** @internal */
  forget(c: ServerSideClient): void {
    this.clientSet.delete(c);
  }

  // ------------------------------------------------------------ messages

  /** @internal Encodes one message for the current table. */
  encode(name: string, fields: ApiMessage): Buffer {
    const o = this.outCodec(name);
    return o.codec.encode(fields, o.id);
  }

  /**
   * @internal Encodes `{ ...fields, context }` without building that object: the fields are
   * encoded as they are and the context written at its offset (the same bytes).
   */
  encodeWithContext(name: string, fields: ApiMessage, context: number): Buffer {
    const o = this.outCodec(name);
    const off = o.contextOffset;
    if (off < 0 || fields.context !== undefined) return o.codec.encode({ ...fields, context }, o.id);
    const buf = o.codec.encode(fields, o.id);
    buf.writeUInt32BE(context, off);
    return buf;
  }

  /**
   * @internal Writes `context` into `prev`, an earlier encodeWithContext result for `name` that
   * the caller knows still holds the right fields, when it carries the current message id (a
   * restart renumbers them). False: encode again.
   */
  reuse(name: string, prev: Uint8Array, context: number): boolean {
    const o = this.outCodecs.get(name);
    if (o === undefined || this.outTable !== this.table) return false;
    const off = o.contextOffset;
    if (off < 0 || prev.length < off + 4 || (((prev[0] as number) << 8) | (prev[1] as number)) !== o.id)
      return false;
    writeU32(prev, off, context);
    return true;
  }

  private outCodec(name: string): OutCodec {
    if (this.outTable !== this.table) {
      this.outCodecs.clear();
      this.outTable = this.table;
    }
    let o = this.outCodecs.get(name);
    if (o === undefined) {
      const id = this.table.idOf(name);
      if (id === undefined)
        throw new SimServerError(`SimServer: ${name} is not in the server's message table`);
      let c = this.codecCache.get(name);
      if (c === undefined) this.codecCache.set(name, (c = this.codec.message(name)));
      o = { id, codec: c, contextOffset: c.contextOffset };
      this.outCodecs.set(name, o);
    }
    return o;
  }

  /** @internal Handles one request; returns a promise only when it must wait (async handler, back-pressure, delay). */
  handle(client: ServerSideClient, buf: Buffer): void | Promise<void> {
    const id = buf.readUInt16BE(0);
    if (!client.registered) {
      if (id !== PINNED_IDS.sockclnt_create) {
        this.log.warn({ msgId: id }, 'message before the handshake, dropped');
        return;
      }
      return this.handshake(client, this.decode('sockclnt_create', buf));
    }
    const name = this.table.nameOf(id);
    if (name === undefined) {
      this.log.warn({ msgId: id, client: client.index }, 'unknown message id, dropped');
      return;
    }
    let msg: ApiMessage;
    try {
      msg = this.decode(name, buf);
    } catch (err) {
      this.log.warn({ api: name, err: (err as Error).message }, 'undecodable request, dropped');
      return;
    }
    if (this.faults.isStalled(name)) {
      this.held.push({ client, name, msg });
      return;
    }
    const delay = this.faults.delayFor(name);
    if (delay > 0)
      return new Promise<void>((r) => setTimeout(r, delay)).then(() => this.dispatch(client, name, msg));
    return this.dispatch(client, name, msg);
  }

  private decode(name: string, buf: Buffer): ApiMessage {
    let c = this.codecCache.get(name);
    if (c === undefined) this.codecCache.set(name, (c = this.codec.message(name)));
    return c.decode(buf);
  }

  private handshake(client: ServerSideClient, msg: ApiMessage): void {
    client.register(this.nextClientIndex++, String(msg.name ?? ''));
    const entries = this.table.entries;
    client.sendMessage('sockclnt_create_reply', {
      client_index: 0,
      context: msg.context ?? 0,
      response: 0,
      index: client.index,
      count: entries.length,
      message_table: entries,
    });
  }

  private dispatch(client: ServerSideClient, name: string, msg: ApiMessage): void | Promise<void> {
    if (client.closed) return;
    const context = Number(msg.context ?? 0);
    const svc = this.definitions.services.get(name);
    const failure = this.faults.takeFailure(name);
    if (failure !== undefined) {
      const replyName =
        svc?.stream && svc.streamMsg === undefined ? undefined : (svc?.reply ?? `${name}_reply`);
      if (replyName !== undefined) client.sendMessage(replyName, { context, retval: failure });
      return;
    }
    switch (name) {
      case 'control_ping':
        client.sendPingReply(context);
        return;
      case 'sockclnt_delete':
        client.sendMessage('sockclnt_delete_reply', { context, response: 0 });
        client.goodbye();
        return;
      case 'memclnt_keepalive_reply':
        this.keepaliveReplies++;
        return;
    }
    const handler = this.handlers.get(name) ?? this.builtin(name);
    if (handler === undefined) {
      this.log.warn({ api: name }, 'no handler: answering UNIMPLEMENTED');
      if (svc?.stream && svc.streamMsg === undefined) return; // a dump with no details
      const replyName = svc?.reply ?? `${name}_reply`;
      if (this.table.idOf(replyName) !== undefined)
        client.sendMessage(replyName, { context, retval: UNIMPLEMENTED });
      return;
    }
    const deferred: Array<() => void> = [];
    this.deferred = deferred;
    let out: SimResponse | Promise<SimResponse>;
    try {
      out = handler({ name, msg, client });
    } catch (err) {
      this.deferred = null;
      this.handlerFailed(client, name, svc?.reply, context, err);
      return;
    } finally {
      this.deferred = null;
    }
    if (out instanceof Promise) {
      return out.then(
        (resp) => this.finish(client, name, svc, context, resp, deferred),
        (err: unknown) => this.handlerFailed(client, name, svc?.reply, context, err),
      );
    }
    return this.finish(client, name, svc, context, out, deferred);
  }

  /** Sends the response, then the events its handler sent. */
  private finish(
    client: ServerSideClient,
    name: string,
    svc: ServiceDefinition | undefined,
    context: number,
    resp: SimResponse,
    deferred: Array<() => void>,
  ): void | Promise<void> {
    const r = this.respond({ client, name, svc, context, resp });
    if (r === undefined) {
      for (const fn of deferred) fn();
      return;
    }
    return r.then(() => {
      for (const fn of deferred) fn();
    });
  }

  private handlerFailed(
    client: ServerSideClient,
    name: string,
    reply: string | undefined,
    context: number,
    err: unknown,
  ): void {
    this.log.error({ api: name, err }, 'handler threw: answering UNSPECIFIED');
    const replyName = reply ?? `${name}_reply`;
    if (this.table.idOf(replyName) !== undefined) client.sendMessage(replyName, { context, retval: -1 });
  }

  /** Streams details (pulling them as the connection drains), then the reply. */
  private respond(answer: Answer): void | Promise<void> {
    const { client, context } = answer;
    const details = answer.resp.details;
    if (details === undefined) return this.sendReply(answer);
    if (details instanceof DetailsList) return this.pumpList(answer, details, 0);
    const iter = details[Symbol.iterator]();
    const pump = (): void | Promise<void> => {
      for (;;) {
        if (client.closed) return;
        if (client.congested) return client.waitDrain().then(pump);
        const n = iter.next();
        if (n.done === true) break;
        const d: SimOutMessage = n.value;
        client.sendWithContext(d.name, d.fields, context);
      }
      this.sendReply(answer);
    };
    return pump();
  }

  /** respond() for a DetailsList: by index, with no generator or wrapper object per message. */
  private pumpList<T>(answer: Answer, list: DetailsList<T>, from: number): void | Promise<void> {
    const wire = list.wire;
    if (wire !== undefined && this.table.idOf(list.name) !== undefined)
      return this.pumpWire(answer, list, wire, from);
    return this.pumpPlain(answer, list, from);
  }

  /**
   * pumpList for a list with a WireCache whose crc is the codec's: each item goes out as its kept
   * bytes, or as the list's own encoder writes them, with this server's message id and context
   * written in; else as the codec encodes fieldsOf(item), kept for the next dump. The first item
   * of every dump that uses such bytes is compared with the codec's encoding: a difference (the
   * definitions changed under the model) stops their use for good.
   */
  private pumpWire<T>(
    answer: Answer,
    list: DetailsList<T>,
    wire: WireCache<T>,
    from: number,
  ): void | Promise<void> {
    const { client, context } = answer;
    const { items, fieldsOf } = list;
    const detailsName = list.name;
    const o = this.outCodec(detailsName);
    const { id, contextOffset: off } = o;
    if (off < 0 || o.codec.crc !== wire.crc || this.wireDistrusted.has(wire))
      return this.pumpPlain(answer, list, from);
    const fast = wire.encode;
    let checked = false;
    for (let i = from; i < items.length; i++) {
      if (client.closed) return;
      if (client.congested) return client.waitDrain().then(() => this.pumpWire(answer, list, wire, i));
      const item = items[i] as T;
      const prev = wire.get(item);
      let out = prev ?? fast?.(item);
      if (out !== undefined && out.length >= off + 4) {
        out[0] = id >>> 8;
        out[1] = id;
        writeU32(out, off, context);
        if (!checked) {
          checked = true;
          if (!this.sameAsCodec(detailsName, out, fieldsOf, item, context)) {
            this.wireDistrusted.add(wire);
            this.log.warn({ api: detailsName }, "the model's kept encodings differ from the codec: not used");
            return this.pumpPlain(answer, list, i);
          }
        }
        if (out !== prev) wire.set(item, out);
      } else {
        const fields = fieldsOf(item);
        try {
          out = this.encodeWithContext(detailsName, fields, context);
        } catch (err) {
          if (prev !== undefined) wire.set(item, undefined);
          this.log.error({ api: detailsName, err: (err as Error).message }, 'cannot send');
          continue;
        }
        wire.set(item, out);
      }
      client.sendEncoded(detailsName, out);
    }
    this.sendReply(answer);
  }

  /** pumpList without a WireCache. */
  private pumpPlain<T>(answer: Answer, list: DetailsList<T>, from: number): void | Promise<void> {
    const { client, context } = answer;
    const { items, fieldsOf } = list;
    const detailsName = list.name;
    for (let i = from; i < items.length; i++) {
      if (client.closed) return;
      if (client.congested) return client.waitDrain().then(() => this.pumpPlain(answer, list, i));
      client.sendWithContext(detailsName, fieldsOf(items[i] as T), context);
    }
    this.sendReply(answer);
  }

  private sameAsCodec<T>(
    name: string,
    b: Uint8Array,
    fieldsOf: (item: T) => ApiMessage,
    item: T,
    context: number,
  ): boolean {
    try {
      return Buffer.compare(b, this.encodeWithContext(name, fieldsOf(item), context)) === 0;
    } catch {
      return false;
    }
  }

  private sendReply({ client, name, svc, context, resp }: Answer): void {
    if (client.closed) return;
    if (resp.reply !== undefined) {
      client.sendWithContext(resp.reply.name ?? svc?.reply ?? `${name}_reply`, resp.reply.fields, context);
    } else if (!(svc?.stream && svc.streamMsg === undefined)) {
      client.sendMessage(svc?.reply ?? `${name}_reply`, { context, retval: 0 });
    }
  }

  /** @internal Sends an event now, or after the reply when a handler is running. */
  event(client: ServerSideClient, name: string, fields: ApiMessage): void {
    // Events carry no context; those with a client_index get the subscriber's, as VPP's do.
    const hasIndex = this.definitions.message(name).fields.some((f) => f.name === 'client_index');
    const msg = hasIndex ? { client_index: client.index, ...fields } : fields;
    const send = (): void => {
      if (!client.closed) client.sendMessage(name, msg);
    };
    if (this.deferred !== null) this.deferred.push(send);
    else send();
  }

  private builtin(name: string): SimHandler | undefined {
    switch (name) {
      case 'show_version':
        return () => ({
          reply: {
            fields: { retval: 0, program: 'vpe', version: this.version, build_date: '', build_directory: '' },
          },
        });
      case 'get_api_json':
        return () => {
          this.apiJson ??= this.definitions.toApiJson();
          return { reply: { fields: { retval: 0, json: this.apiJson } } };
        };
      default:
        return undefined;
    }
  }

  private releaseHeld(name: string | undefined): void {
    const keep: HeldRequest[] = [];
    const run: HeldRequest[] = [];
    for (const h of this.held) (name === undefined || h.name === name ? run : keep).push(h);
    this.held = keep;
    for (const h of run)
      if (!h.client.closed) h.client.enqueueTask(() => this.dispatch(h.client, h.name, h.msg));
  }

  /** @internal */
  countSent(): boolean {
    return this.faults.countSent();
  }

  /** @internal */
  get logger(): Logger {
    return this.log;
  }
}

function pingFields(c: ServerSideClient): ApiMessage {
  return { retval: 0, client_index: c.index, vpe_pid: c.server.pid };
}

/** One connected client, as the server sees it. */
class ServerSideClient implements SimClient {
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
    readonly server: SimServer,
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
