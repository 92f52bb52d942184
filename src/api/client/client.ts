import { ApiCodec, type DecodeFn, type MessageCodec } from '../codec/index.js';
import { ApiDefinitions, BUNDLED_MEMCLNT } from '../definitions/index.js';
import { RETVAL_EAGAIN } from '../errno.js';
import { UnixSocketTransport } from '../transport/socket.js';
import type { Transport, TransportHandlers } from '../transport/types.js';
import type { VppMessages } from '../generated/vpp.js';
import type { ApiMessage, CallOptions, DetailsOf, ReplyOf, RequestOf, VppCaller } from '../types.js';
import {
  VppApiError,
  VppConnectionError,
  VppRestartedError,
  VppTimeoutError,
  VppUnavailableError,
  VppUnsupportedMessageError,
} from './errors.js';
import { AsyncQueue } from './queue.js';
import { MessageBinding, tableOf, type MessageTableMismatch, type Resolved } from './binding.js';
import { PendingTable } from './pending.js';
import { DeadlineTimer } from './timeouts.js';
import { DEFAULT_SOCKET, DEFAULT_TIMEOUT_MS } from './defaults.js';
import { SILENT_LOGGER, type ClientLogger } from './logger.js';

/** The handshake uses fixed ids, before any message table exists. */
export const SOCKCLNT_CREATE_ID = 15;
export const SOCKCLNT_CREATE_REPLY_ID = 16;
export { DEFAULT_SOCKET, DEFAULT_TIMEOUT_MS };
/** How long a timed-out context stays reserved so that its late replies are recognised and dropped. */
const LATE_REPLY_WINDOW_MS = 60_000;

export interface ReconnectOptions {
  /** Attempts before giving up (default: forever). */
  retries?: number;
  /** First backoff delay (default 100 ms), doubled per attempt up to maxDelayMs (default 5 s). */
  minDelayMs?: number;
  maxDelayMs?: number;
  /**
   * Give up once this long has passed since the connection was lost (default: never). Each
   * attempt's wait for the handshake is cut to what is left, so a VPP that accepts but never
   * answers (stopped, hung) cannot stretch it.
   */
  giveUpAfterMs?: number;
  /**
   * When the VPP reconnected to is not the one that was lost (another process id, or its socket
   * vanished in between; see onRestart): 'continue' (default) serves new calls, 'close' closes
   * the client so that every later call fails with VppRestartedError (one-shot work whose
   * state — sw_if_index values, what was done — belonged to the old VPP). Calls that were
   * waiting for the reconnect fail with VppRestartedError either way.
   */
  afterRestart?: 'continue' | 'close';
}

export interface VppClientOptions {
  /** VPP's API socket (default /run/vpp/api.sock); ignored when `transport` is given. */
  socket?: string;
  transport?: Transport;
  /** Client name VPP shows in `show api clients` (default "vppstate"). */
  name?: string;
  /** Load definitions from these .api.json directories instead of asking VPP (get_api_json). */
  apiDir?: string | string[];
  /** Use these definitions instead of asking VPP. */
  definitions?: ApiDefinitions;
  /**
   * Without definitions or apiDir: use the VPP v26.10 definitions vppstate ships when every
   * message in VPP's table is one of them with the same crc, and ask VPP (get_api_json) only
   * otherwise (default true). false: always ask VPP.
   */
  shippedDefinitions?: boolean;
  /** Default per-call timeout (default 10 s). */
  timeoutMs?: number;
  /** Reconnect after the connection drops (default off). */
  reconnect?: boolean | ReconnectOptions;
  /** A pino logger (or any ClientLogger); each call is logged at debug level (default: silent). */
  logger?: ClientLogger;
  /** First context number (testing wrap-around); default 1. */
  firstContext?: number;
}

/** A definition the client has that VPP's message table does not (or has with another crc). */
export interface MessageStats {
  count: number;
  avgMs: number;
  maxMs: number;
}

type PendingKind = 'call' | 'dump' | 'stream' | 'discard';

interface Pending {
  kind: PendingKind;
  /** What the entry was before it became a discard (what ends it). */
  origin: PendingKind;
  context: number;
  name: string;
  replyName: string;
  detailsName: string;
  start: number;
  deadline: number;
  timeoutMs: number;
  done: boolean;
  /** A cursor round: -165 (EAGAIN) resolves instead of rejecting. */
  eagainOk: boolean;
  onDetail: ((msg: ApiMessage) => void) | null;
  /** Decoder of the details messages when the call selected fields (CallOptions.select). */
  decodeDetail: DecodeFn | null;
  resolve: (msg: ApiMessage) => void;
  reject: (err: Error) => void;
  /** A control_ping that ends these classic dumps (sent after all of them), else null. */
  group: Pending[] | null;
}

type ClientState = 'connecting' | 'ready' | 'reconnecting' | 'closed';

const noop = (): void => undefined;
// Shared defaults: no allocation per call.
const NO_ARGS: ApiMessage = Object.freeze({});
const NO_OPTS: CallOptions = Object.freeze({});

/**
 * A client for VPP's binary API (vpp_papi's counterpart): promises, async iterators, typed
 * errors, pipelining. Requests are matched to replies by context; everything with context 0 (or
 * no context field) is an event.
 */
export class VppClient<M extends object = VppMessages> implements VppCaller {
  private readonly transport: Transport;
  private readonly log: ClientLogger;
  private readonly defaultTimeoutMs: number;
  private readonly reconnectOpts: Required<ReconnectOptions> | null;
  private readonly clientName: string;
  /** Definitions given by the user (or an apiDir); null: ask VPP with get_api_json. */
  private readonly fixedDefs: ApiDefinitions | null;
  /** Try the shipped definitions before asking VPP (when fixedDefs is null). */
  private readonly tryShipped: boolean;

  /** Definitions bound to VPP's message table (redone after a reconnect). */
  private binding: MessageBinding;
  private index = 0;

  private state: ClientState = 'connecting';
  private readonly pending = new PendingTable<Pending>();
  private nextContext: number;
  /** The context counter has gone round (or started elsewhere than 1): check for contexts in use. */
  private contextsWrapped: boolean;
  private readonly timeouts: DeadlineTimer;
  private handshakeWaiter: { message: (msg: Buffer) => void; fail: (err: Error) => void } | null = null;
  /** True while open() runs (connect or a reconnect attempt): it handles its own failures. */
  private opening = false;
  private drainWaiters: Array<() => void> = [];
  /** Classic dumps sent in this turn of the event loop, waiting for the ping that ends them. */
  private pingGroup: Pending[] | null = null;
  private readyWaiters: Array<{ resolve: () => void; reject: (e: Error) => void }> = [];

  private readonly listeners = new Map<string, Set<(msg: ApiMessage) => void>>();
  private readonly eventQueues = new Map<string, Set<AsyncQueue<ApiMessage>>>();
  private readonly reconnectListeners = new Set<() => void>();
  private readonly disconnectListeners = new Set<(err: Error) => void>();
  private readonly restartListeners = new Set<(err: VppRestartedError) => void>();
  /** VPP's process id (control_ping's vpe_pid) at the last handshake. */
  private pid: number | undefined;
  /** When VPP last sent anything (performance.now()). */
  private lastRxAt = 0;
  /** Why calls are refused once the client is closed. */
  private finalError: VppConnectionError | null = null;
  /** Why the client itself dropped the connection (VPP silent), for onClose. */
  private dropReason: VppConnectionError | null = null;
  private readonly statTable = new Map<string, { count: number; sumMs: number; maxMs: number }>();

  private constructor(opts: VppClientOptions) {
    this.transport = opts.transport ?? new UnixSocketTransport(opts.socket ?? DEFAULT_SOCKET);
    this.log = opts.logger ?? SILENT_LOGGER;
    this.defaultTimeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.clientName = opts.name ?? 'vppstate';
    const r = opts.reconnect;
    this.reconnectOpts =
      r === undefined || r === false
        ? null
        : {
            retries: (r === true ? undefined : r.retries) ?? Infinity,
            minDelayMs: (r === true ? undefined : r.minDelayMs) ?? 100,
            maxDelayMs: (r === true ? undefined : r.maxDelayMs) ?? 5000,
            giveUpAfterMs: (r === true ? undefined : r.giveUpAfterMs) ?? Infinity,
            afterRestart: (r === true ? undefined : r.afterRestart) ?? 'continue',
          };
    let fixed: ApiDefinitions | null = opts.definitions ?? null;
    if (fixed === null && opts.apiDir !== undefined) fixed = ApiDefinitions.fromDirectory(opts.apiDir);
    // The handshake, ping and keepalive need memclnt even when the given set lacks it.
    if (fixed !== null && !fixed.messages.has('sockclnt_create')) fixed = bundledDefinitions().merge(fixed);
    this.fixedDefs = fixed;
    this.tryShipped = opts.shippedDefinitions ?? true;
    this.binding = new MessageBinding(fixed ?? bundledDefinitions(), new Map());
    this.nextContext = (opts.firstContext ?? 1) >>> 0 || 1;
    this.contextsWrapped = this.nextContext !== 1;
    this.timeouts = new DeadlineTimer((now) => this.sweep(now));
  }

  /** Connects, does the handshake and loads the definitions (from VPP unless given). */
  static async connect<M extends object = VppMessages>(opts: VppClientOptions = {}): Promise<VppClient<M>> {
    const client = new VppClient<M>(opts);
    try {
      await client.open(client.defaultTimeoutMs);
    } catch (err) {
      client.state = 'closed';
      await client.abandonTransport();
      throw err;
    }
    client.state = 'ready';
    return client;
  }

  /** The definitions in use (VPP's own, via get_api_json, unless given). */
  get definitions(): ApiDefinitions {
    return this.binding.defs;
  }

  /** VPP's message table from the handshake: `name_crc` → message id. */
  get messageTable(): ReadonlyMap<string, number> {
    return this.binding.table;
  }

  /** The client_index VPP gave at the handshake. */
  get clientIndex(): number {
    return this.index;
  }

  get connected(): boolean {
    return this.state === 'ready';
  }

  /**
   * VPP's process id, from control_ping at the last handshake (undefined if VPP did not say).
   * A reconnect that finds another one has met a restarted VPP (see onRestart).
   */
  get vppPid(): number | undefined {
    return this.pid;
  }

  /** Where VPP is (the transport's description, e.g. the socket path). */
  get endpoint(): string {
    return this.transport.description;
  }

  /** Requests in flight (including dumps). */
  get inFlight(): number {
    let n = 0;
    for (const p of this.pending.values()) if (p.kind !== 'discard' && p.group === null) n++;
    return n;
  }

  /** Whether VPP offers this message with the crc of our definition. */
  supports(name: string): boolean {
    return this.binding.supports(name);
  }

  /** Definitions whose name_crc VPP does not have (vpp_papi's validate_message_table). */
  /** The crc (`0x…`) the running VPP has for a message, or undefined when it lacks it (VppCaller). */
  messageCrc(name: string): string | undefined {
    return this.binding.vppCrc(name);
  }

  validateMessageTable(): MessageTableMismatch[] {
    return this.binding.validate();
  }

  // ---------------------------------------------------------------- calls

  /** Request → reply. A negative retval rejects with VppApiError. */
  call<N extends string>(
    name: N,
    args?: RequestOf<M, N>,
    opts: CallOptions = NO_OPTS,
  ): Promise<ReplyOf<M, N>> {
    return this.callMessage(name, (args ?? NO_ARGS) as ApiMessage, opts) as Promise<ReplyOf<M, N>>;
  }

  private callMessage(name: string, args: ApiMessage, opts: CallOptions): Promise<ApiMessage> {
    if (this.state !== 'ready' || this.transport.congested)
      return this.whenWritable(opts).then(() => this.callMessage(name, args, opts));
    let r: Resolved;
    try {
      r = this.binding.resolve(name);
    } catch (err) {
      return Promise.reject(err);
    }
    if (r.kind !== 'call') {
      return Promise.reject(
        new VppUnsupportedMessageError(name, `${name} is a dump: use dump(), dumpIter() or detailsIter()`),
      );
    }
    return new Promise<ApiMessage>((resolve, reject) => {
      this.start(r, args, opts, null, resolve, reject);
    });
  }

  /** Every details message of a dump (classic `_dump` or stream_msg service; cursors followed). */
  dump<N extends string>(
    name: N,
    args?: RequestOf<M, N>,
    opts: CallOptions = NO_OPTS,
  ): Promise<Array<DetailsOf<M, N>>> {
    return this.dumpMessages(name, (args ?? NO_ARGS) as ApiMessage, opts) as Promise<Array<DetailsOf<M, N>>>;
  }

  private dumpMessages(name: string, args: ApiMessage, opts: CallOptions): Promise<ApiMessage[]> {
    const out: ApiMessage[] = [];
    return this.eachDetail(name, args, opts, (d) => out.push(d)).then(() => out);
  }

  /**
   * Each details message of a dump handed to `each` as it arrives: no promise per message and
   * nothing kept, for dumps of many thousand entries. Resolves with their number when the dump
   * ends; if `each` throws, the rest of the dump is dropped and the promise rejects with that error.
   * Cursor services are followed.
   */
  dumpEach<N extends string>(
    name: N,
    args: RequestOf<M, N> | undefined,
    each: (details: DetailsOf<M, N>) => void,
    opts: CallOptions = NO_OPTS,
  ): Promise<number> {
    return this.eachDetail(name, (args ?? NO_ARGS) as ApiMessage, opts, each as (d: ApiMessage) => void);
  }

  /** dump() and dumpEach(): sent now, synchronously, when the connection can take it. */
  private eachDetail(
    name: string,
    args: ApiMessage,
    opts: CallOptions,
    each: (d: ApiMessage) => void,
  ): Promise<number> {
    if (this.state !== 'ready' || this.transport.congested)
      return this.whenWritable(opts).then(() => this.eachDetail(name, args, opts, each));
    let r: Resolved;
    try {
      r = this.binding.resolve(name);
    } catch (err) {
      return Promise.reject(err);
    }
    if (r.kind === 'call')
      return Promise.reject(new VppUnsupportedMessageError(name, `${name} is not a dump: use call()`));
    if (r.kind === 'stream' && r.hasCursor) return this.eachCursorDetail(name, args, opts, each);
    let n = 0;
    // Sent now, synchronously: requests leave in the order they were made.
    return new Promise<number>((resolve, reject) => {
      let failed = false;
      const pending = this.start(
        r,
        args,
        opts,
        (d) => {
          if (failed) return;
          try {
            each(d);
            n++;
          } catch (error) {
            // Not thrown into the socket's handler: the dump ends here for the caller.
            failed = true;
            if (!pending.done) this.toDiscard(pending);
            reject(error as Error);
          }
        },
        () => {
          if (!failed) resolve(n);
        },
        (err) => {
          if (!failed) reject(err);
        },
      );
    });
  }

  private async eachCursorDetail(
    name: string,
    args: ApiMessage,
    opts: CallOptions,
    each: (d: ApiMessage) => void,
  ): Promise<number> {
    let n = 0;
    for await (const d of this.cursorIter(name, args, opts)) {
      each(d);
      n++;
    }
    return n;
  }

  /** Details of one dump as they arrive (one request; for cursor services see detailsIter). */
  dumpIter<N extends string>(
    name: N,
    args?: RequestOf<M, N>,
    opts: CallOptions = NO_OPTS,
  ): AsyncIterable<DetailsOf<M, N>> {
    const a = (args ?? NO_ARGS) as ApiMessage;
    return { [Symbol.asyncIterator]: () => this.streamRound(name, a, opts, null) } as AsyncIterable<
      DetailsOf<M, N>
    >;
  }

  /**
   * Cursor services (vpp_papi's details_iter): calls again from the returned cursor while VPP
   * answers -165 (EAGAIN), yielding every details message once. Any other retval ends the
   * iteration whatever the cursor says; a negative one throws VppApiError after the details.
   * Other dumps are iterated like dumpIter.
   */
  detailsIter<N extends string>(
    name: N,
    args?: RequestOf<M, N>,
    opts: CallOptions = NO_OPTS,
  ): AsyncIterable<DetailsOf<M, N>> {
    return this.cursorIter(name, (args ?? NO_ARGS) as ApiMessage, opts) as AsyncIterable<DetailsOf<M, N>>;
  }

  private cursorIter(name: string, args: ApiMessage, opts: CallOptions): AsyncIterable<ApiMessage> {
    return { [Symbol.asyncIterator]: () => this.cursorRounds(name, args, opts) };
  }

  private async *cursorRounds(name: string, args: ApiMessage, opts: CallOptions): AsyncGenerator<ApiMessage> {
    const r = this.binding.resolve(name);
    if (!(r.kind === 'stream' && r.hasCursor)) {
      yield* { [Symbol.asyncIterator]: () => this.streamRound(name, args, opts, null) };
      return;
    }
    let cursor = args.cursor ?? 0;
    for (;;) {
      const box: { reply: ApiMessage | null } = { reply: null };
      const round = this.streamRound(name, { ...args, cursor }, opts, box);
      for await (const d of { [Symbol.asyncIterator]: () => round }) yield d;
      const reply = box.reply as ApiMessage | null;
      if (reply === null || reply.retval !== RETVAL_EAGAIN) return;
      cursor = reply.cursor ?? 0;
    }
  }

  /** One request of a dump or stream service, as an async iterator of its details. */
  private streamRound(
    name: string,
    args: ApiMessage,
    opts: CallOptions,
    box: { reply: ApiMessage | null } | null,
  ): AsyncIterableIterator<ApiMessage> {
    let pending: Pending | null = null;
    const q = new AsyncQueue<ApiMessage>(() => {
      // The consumer stopped early: drop the rest of this dump when it comes.
      if (pending !== null && !pending.done) this.toDiscard(pending);
    });
    const begin = async (): Promise<void> => {
      if (this.state !== 'ready' || this.transport.congested) await this.whenWritable(opts);
      const r = this.binding.resolve(name);
      if (r.kind === 'call') throw new VppUnsupportedMessageError(name, `${name} is not a dump: use call()`);
      pending = this.start(
        r,
        args,
        opts,
        (d) => q.push(d),
        (reply) => {
          if (box !== null) box.reply = reply;
          q.end();
        },
        (err) => q.fail(err),
        r.hasCursor, // a cursor round ends with -165 without being an error
      );
    };
    begin().catch((err: unknown) => q.fail(err));
    return q;
  }

  /**
   * Sends a request (and the control_ping ending a classic dump) and registers it by context.
   * Synchronous so that pipelined calls cost one promise each.
   */
  private start(
    r: Resolved,
    args: ApiMessage,
    opts: CallOptions,
    onDetail: ((msg: ApiMessage) => void) | null,
    resolve: (msg: ApiMessage) => void,
    reject: (err: Error) => void,
    eagainOk = false,
  ): Pending {
    const context = this.allocContext();
    const timeoutMs = opts.timeoutMs ?? this.defaultTimeoutMs;
    const now = performance.now();
    const p: Pending = {
      kind: r.kind,
      origin: r.kind,
      context,
      name: r.name,
      replyName: r.replyName,
      detailsName: r.detailsName,
      start: now,
      deadline: now + timeoutMs,
      timeoutMs,
      done: false,
      eagainOk,
      onDetail,
      decodeDetail: null,
      resolve,
      reject,
      group: null,
    };
    let buf: Buffer;
    try {
      if (opts.select !== undefined && r.kind !== 'call')
        p.decodeDetail = this.binding.codec.message(r.detailsName).decoder(opts.select);
      // The caller's arguments as given (no copy per call); ours go straight into the frame.
      buf = r.codec.encode(args, r.id);
      const codec = r.codec;
      if (codec.clientIndexOffset >= 0) buf.writeUInt32BE(this.index >>> 0, codec.clientIndexOffset);
      if (codec.contextOffset >= 0) buf.writeUInt32BE(context, codec.contextOffset);
    } catch (err) {
      p.done = true;
      reject(err as Error);
      return p;
    }
    this.pending.set(context, p);
    try {
      this.transport.send(buf);
      if (r.kind === 'dump') this.endWithPing(p);
    } catch (err) {
      this.pending.delete(context);
      p.done = true;
      reject(err instanceof VppConnectionError ? err : new VppConnectionError(String(err), { cause: err }));
      return p;
    }
    this.timeouts.ensure(p.deadline);
    return p;
  }

  /**
   * A classic dump ends with the reply to a control_ping sent after it: VPP answers one client's
   * messages in order, so the dumps started together (in one turn of the event loop) share one
   * ping, sent once they are all on their way. 10,000 interfaces read at once: 20,000 pings less.
   */
  private endWithPing(p: Pending): void {
    if (this.pingGroup === null) {
      this.pingGroup = [];
      process.nextTick(() => this.sendGroupPing());
    }
    this.pingGroup.push(p);
  }

  private sendGroupPing(): void {
    const group = this.pingGroup ?? [];
    this.pingGroup = null;
    if (group.every((p) => p.done) || this.state === 'closed') return;
    let timeoutMs = 0;
    for (const p of group) timeoutMs = Math.max(timeoutMs, p.timeoutMs);
    // Each dump has its own deadline, and a lost connection fails each: the ping's own outcome
    // matters only when it is answered (endGroup).
    const ping = this.start(this.binding.resolve('control_ping'), NO_ARGS, { timeoutMs }, null, noop, noop);
    ping.group = group;
  }

  /** The group's ping was answered: every dump sent before it has had all its details. */
  private endGroup(ping: Pending, reply: ApiMessage): void {
    this.settle(ping);
    for (const p of ping.group ?? []) {
      const cur = this.pending.get(p.context);
      if (cur === p && !p.done) this.answer(p, reply);
      else if (cur !== undefined && cur.kind === 'discard' && cur.origin === 'dump') this.settle(cur);
    }
  }

  private allocContext(): number {
    // u32, never 0 (events), never one still in flight or awaiting a late reply. Until the
    // counter first wraps every context is new, so the lookup is only needed after that.
    let c = this.nextContext;
    if (this.contextsWrapped) while (this.pending.has(c)) c = (c + 1) >>> 0 || 1;
    const next = (c + 1) >>> 0;
    if (next === 0) this.contextsWrapped = true;
    this.nextContext = next || 1;
    return c;
  }

  // ---------------------------------------------------------------- events

  /** Subscribes to a context-0 message (e.g. `sw_interface_event`). */
  on(event: string, fn: (msg: ApiMessage) => void): this {
    let set = this.listeners.get(event);
    if (set === undefined) this.listeners.set(event, (set = new Set()));
    set.add(fn);
    return this;
  }

  off(event: string, fn: (msg: ApiMessage) => void): this {
    this.listeners.get(event)?.delete(fn);
    return this;
  }

  /** Events of one name as an async iterator; buffering starts now, `break` unsubscribes. */
  events(name: string): AsyncIterable<ApiMessage> & AsyncIterator<ApiMessage> {
    let set = this.eventQueues.get(name);
    if (set === undefined) this.eventQueues.set(name, (set = new Set()));
    const owner = set;
    const q: AsyncQueue<ApiMessage> = new AsyncQueue<ApiMessage>(() => owner.delete(q));
    set.add(q);
    return q;
  }

  /** Called after an automatic reconnect: event subscriptions (want_*) must be renewed. */
  onReconnect(fn: () => void): () => void {
    this.reconnectListeners.add(fn);
    return () => this.reconnectListeners.delete(fn);
  }

  /** Called when the connection drops (before any reconnect). */
  onDisconnect(fn: (err: Error) => void): () => void {
    this.disconnectListeners.add(fn);
    return () => this.disconnectListeners.delete(fn);
  }

  /**
   * Called when a reconnect finds a restarted VPP (another process id, or its socket vanished
   * in between): its state is wiped, a full resync is due. Called before onReconnect listeners
   * (which are not called when ReconnectOptions.afterRestart is 'close').
   */
  onRestart(fn: (err: VppRestartedError) => void): () => void {
    this.restartListeners.add(fn);
    return () => this.restartListeners.delete(fn);
  }

  // ---------------------------------------------------------------- stats

  /** Per-message count, average and max latency in ms (vpp_papi's get_stats). */
  stats(): Map<string, MessageStats> {
    const out = new Map<string, MessageStats>();
    for (const [name, s] of this.statTable)
      out.set(name, { count: s.count, avgMs: s.sumMs / s.count, maxMs: s.maxMs });
    return out;
  }

  // ---------------------------------------------------------------- lifecycle

  /** Says goodbye (sockclnt_delete), rejects what is in flight and closes. */
  async disconnect(): Promise<void> {
    if (this.state === 'closed') return;
    const wasReady = this.state === 'ready';
    this.state = 'closed';
    this.finalError ??= new VppUnavailableError(this.transport.description, 'client is disconnected');
    this.failReadyWaiters(this.finalError);
    if (wasReady && this.binding.supports('sockclnt_delete')) {
      const r = this.binding.resolve('sockclnt_delete');
      await new Promise<void>((resolve) => {
        this.start(
          r,
          { index: this.index },
          { timeoutMs: 1000 },
          null,
          () => resolve(),
          () => resolve(),
        );
      });
    }
    this.failAll(
      (p) =>
        new VppUnavailableError(
          this.transport.description,
          `client disconnected while ${p.name} was in flight`,
        ),
    );
    this.timeouts.clear();
    for (const set of this.eventQueues.values()) for (const q of set) q.end();
    this.eventQueues.clear();
    await this.transport.close().catch(noop);
  }

  /** Connects, shakes hands, loads definitions and learns VPP's pid, each wait at most `timeoutMs`. */
  private async open(timeoutMs: number): Promise<void> {
    this.opening = true;
    try {
      await this.transport.connect(this.handlers());
      const reply = await this.handshake(timeoutMs);
      this.index = Number(reply.index);
      const table = tableOf(reply);
      this.binding = new MessageBinding(this.fixedDefs ?? bundledDefinitions(), table);
      const request = (name: string): Promise<ApiMessage> =>
        new Promise<ApiMessage>((resolve, reject) => {
          this.start(this.binding.resolve(name), NO_ARGS, { timeoutMs }, null, resolve, reject);
        });
      if (this.fixedDefs === null) {
        // The shipped set is VPP's own when its crcs cover the whole table: no 1.5 MB download.
        const shipped = this.tryShipped ? new MessageBinding(await shippedDefinitions(), table) : null;
        // Only the messages VPP has, as get_api_json would have given.
        if (shipped !== null && shipped.boundCount === table.size)
          this.binding = new MessageBinding(shipped.defs.only(shipped.boundNames()), table);
        else {
          // Like vpp_papi's bootstrap: memclnt is enough to ask VPP for everything else.
          const r = await request('get_api_json');
          const fetched = ApiDefinitions.fromApiJson(String(r.json));
          this.binding = new MessageBinding(bundledDefinitions().merge(fetched), table);
        }
      }
      // VPP's pid tells a reconnect whether it met the same VPP or a restarted one.
      const pong = await request('control_ping');
      this.pid = typeof pong.vpe_pid === 'number' && pong.vpe_pid !== 0 ? pong.vpe_pid : undefined;
    } finally {
      this.opening = false;
    }
    this.log.debug(
      { clientIndex: this.index, messages: this.binding.table.size, vppPid: this.pid },
      'connected to VPP',
    );
  }

  /** Drops the transport without waiting for VPP to close its side (it may be stopped). */
  private async abandonTransport(): Promise<void> {
    if (this.transport.destroy !== undefined) this.transport.destroy();
    else await this.transport.close().catch(noop);
  }

  private handlers(): TransportHandlers {
    return {
      message: (msg) => this.onMessage(msg),
      close: (err) => this.onClose(err),
      drain: () => {
        const w = this.drainWaiters;
        this.drainWaiters = [];
        for (const fn of w) fn();
      },
    };
  }

  private handshake(timeoutMs: number): Promise<ApiMessage> {
    const boot = new ApiCodec(bundledDefinitions());
    const req = boot
      .message('sockclnt_create')
      .encode({ context: 0, name: this.clientName }, SOCKCLNT_CREATE_ID);
    const replyCodec = boot.message('sockclnt_create_reply');
    return new Promise<ApiMessage>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.handshakeWaiter = null;
        reject(
          new VppTimeoutError(
            'sockclnt_create',
            timeoutMs,
            `VPP at ${this.transport.description} accepted the connection but did not answer the handshake within ${timeoutMs} ms: it is stopped (SIGSTOP), hung or overloaded`,
          ),
        );
      }, timeoutMs);
      this.handshakeWaiter = {
        message: (buf) => {
          clearTimeout(timer);
          this.handshakeWaiter = null;
          try {
            const msg = replyCodec.decode(buf);
            if (typeof msg.response === 'number' && msg.response < 0)
              throw new VppApiError('sockclnt_create', msg.response);
            resolve(msg);
          } catch (err) {
            reject(err as Error);
          }
        },
        fail: (err) => {
          clearTimeout(timer);
          this.handshakeWaiter = null;
          reject(err);
        },
      };
      try {
        this.transport.send(req);
      } catch (err) {
        clearTimeout(timer);
        this.handshakeWaiter = null;
        reject(err as Error);
      }
    });
  }

  private onMessage(buf: Buffer): void {
    this.lastRxAt = performance.now();
    if (buf.length < 2) return;
    const id = buf.readUInt16BE(0);
    if (this.handshakeWaiter !== null) {
      if (id === SOCKCLNT_CREATE_REPLY_ID) this.handshakeWaiter.message(buf);
      return;
    }
    const mc = this.binding.codecFor(id);
    if (mc === undefined) {
      this.log.warn({ msgId: id }, 'message with an id missing from the table (or undefined), dropped');
      return;
    }
    const off = mc.contextOffset;
    if (off < 0 || off + 4 > buf.length) {
      this.dispatchEvent(mc, buf);
      return;
    }
    const context = buf.readUInt32BE(off);
    if (mc.name === 'memclnt_keepalive') {
      this.answerKeepalive(context);
      return;
    }
    if (context === 0) {
      this.dispatchEvent(mc, buf);
      return;
    }
    const p = this.pending.get(context);
    if (p === undefined) {
      this.log.debug({ api: mc.name, context }, 'reply for no request in flight, dropped');
      return;
    }
    if (p.kind === 'discard') {
      if (this.ends(p, mc.name)) this.settle(p);
      this.log.debug({ api: mc.name, context, request: p.name }, 'late reply after timeout, discarded');
      return;
    }
    let msg: ApiMessage;
    try {
      msg = p.decodeDetail !== null && mc.name === p.detailsName ? p.decodeDetail(buf) : mc.decode(buf);
    } catch (err) {
      this.settle(p);
      p.reject(err as Error);
      return;
    }
    if (!this.ends(p, mc.name)) {
      p.onDetail?.(msg);
      return;
    }
    if (p.group !== null) {
      this.endGroup(p, msg);
      return;
    }
    if (mc.name !== p.replyName && p.kind !== 'dump') {
      this.log.debug(
        { api: p.name, expected: p.replyName, got: mc.name, context },
        'reply under another message name, matched by context',
      );
    }
    this.answer(p, msg);
  }

  /** The message that ends a request has come: settle it, count it, resolve or reject it. */
  private answer(p: Pending, msg: ApiMessage): void {
    this.settle(p);
    const retval = msg.retval;
    const ms = performance.now() - p.start;
    this.stat(p.name, ms);
    if (this.log.isLevelEnabled('debug'))
      this.log.debug({ api: p.name, context: p.context, retval, durationMs: ms }, 'call');
    if (typeof retval === 'number' && retval < 0 && !(p.eagainOk && retval === RETVAL_EAGAIN)) {
      p.reject(new VppApiError(p.name, retval));
    } else p.resolve(msg);
  }

  /** Whether a message with this name completes the request (vs. being one of its details). */
  private ends(p: Pending, name: string): boolean {
    switch (p.origin) {
      case 'dump':
        return name === 'control_ping_reply';
      case 'stream':
        return name !== p.detailsName;
      default:
        return true;
    }
  }

  private settle(p: Pending): void {
    p.done = true;
    this.pending.delete(p.context);
  }

  private dispatchEvent(mc: MessageCodec, buf: Buffer): void {
    const fns = this.listeners.get(mc.name);
    const qs = this.eventQueues.get(mc.name);
    if ((fns === undefined || fns.size === 0) && (qs === undefined || qs.size === 0)) {
      this.log.debug({ api: mc.name }, 'event without subscriber');
      return;
    }
    let msg: ApiMessage;
    try {
      msg = mc.decode(buf);
    } catch (err) {
      this.log.warn({ api: mc.name, err }, 'undecodable event dropped');
      return;
    }
    if (fns !== undefined) {
      for (const fn of fns) {
        try {
          fn(msg);
        } catch (err) {
          this.log.error({ api: mc.name, err }, 'event listener threw');
        }
      }
    }
    if (qs !== undefined) for (const q of qs) q.push(msg);
  }

  private answerKeepalive(context: number): void {
    try {
      const id = this.binding.idOf('memclnt_keepalive_reply');
      if (id === undefined) throw new Error('memclnt_keepalive_reply is not in the message table');
      this.transport.send(
        this.binding.codec.message('memclnt_keepalive_reply').encode({ context, retval: 0 }, id),
      );
      this.log.debug('answered memclnt_keepalive');
    } catch (err) {
      this.log.warn({ err }, 'could not answer memclnt_keepalive');
    }
  }

  /**
   * Expires what is due; returns the next deadline. A request that waited the client's full
   * timeout while VPP sent nothing for at least half of it means VPP is stopped or hung, not
   * slow (a slow VPP still answers the requests before it): the connection is dropped (what was
   * in flight fails at once, outcome unknown) and the reconnect policy decides, instead of
   * every request waiting out its own timeout, and then its retries theirs.
   */
  private sweep(now: number): number {
    let next = Infinity;
    let silent: Pending | null = null;
    let expired = 0;
    for (const p of this.pending.values()) {
      if (p.deadline <= now) {
        if (!p.done && p.kind !== 'discard') expired++;
        if (
          !p.done &&
          p.kind !== 'discard' &&
          p.timeoutMs >= this.defaultTimeoutMs &&
          now - this.lastRxAt >= p.timeoutMs / 2
        )
          silent ??= p;
        this.expire(p);
      }
      const cur = this.pending.get(p.context);
      if (cur !== undefined && cur.deadline < next) next = cur.deadline;
    }
    if (silent !== null && this.state === 'ready') {
      const waiting = this.inFlight + expired;
      this.dropConnection(
        new VppConnectionError(
          `VPP sent nothing for ${Math.round(now - Math.max(this.lastRxAt, silent.start))} ms while ${waiting} request${waiting === 1 ? '' : 's'} waited (${silent.name} first, for ${silent.timeoutMs} ms): it is stopped (SIGSTOP), hung or overloaded`,
        ),
      );
    }
    return next;
  }

  /** Cuts the connection on our side, as if VPP had: onClose runs with `reason`. */
  private dropConnection(reason: VppConnectionError): void {
    this.log.warn({ err: reason.message }, 'dropping the connection to VPP');
    this.dropReason = reason;
    if (this.transport.destroy !== undefined) this.transport.destroy(reason);
    else void this.transport.close().catch(noop);
  }

  private expire(p: Pending): void {
    if (p.done) return;
    if (p.kind === 'discard') {
      if (this.pending.get(p.context) === p) this.pending.delete(p.context);
      return;
    }
    p.done = true;
    this.stat(p.name, performance.now() - p.start);
    this.log.debug({ api: p.name, context: p.context, timeoutMs: p.timeoutMs }, 'timeout');
    this.toDiscard(p);
    p.reject(new VppTimeoutError(p.name, p.timeoutMs));
  }

  /** Keeps the context reserved for a while so that late replies are dropped, not misdelivered. */
  private toDiscard(p: Pending): void {
    p.done = true;
    const d: Pending = {
      ...p,
      kind: 'discard',
      done: false,
      onDetail: null,
      decodeDetail: null,
      resolve: noop,
      reject: noop,
    };
    d.deadline = performance.now() + LATE_REPLY_WINDOW_MS;
    if (this.pending.get(p.context) === p) {
      this.pending.set(p.context, d);
      this.timeouts.ensure(d.deadline);
    }
  }

  private stat(name: string, ms: number): void {
    const s = this.statTable.get(name);
    if (s === undefined) this.statTable.set(name, { count: 1, sumMs: ms, maxMs: ms });
    else {
      s.count++;
      s.sumMs += ms;
      if (ms > s.maxMs) s.maxMs = ms;
    }
  }

  // ---------------------------------------------------------------- connection

  /** Resolves when a request may be sent: connected and not congested. */
  private async whenWritable(opts: CallOptions): Promise<void> {
    if (this.state === 'closed')
      throw this.finalError ?? new VppUnavailableError(this.transport.description, 'client is disconnected');
    if (this.state !== 'ready') await this.waitReady(opts.timeoutMs ?? this.defaultTimeoutMs);
    while (this.transport.congested && this.state === 'ready') {
      await new Promise<void>((resolve) => this.drainWaiters.push(resolve));
    }
    if (this.state !== 'ready') return this.whenWritable(opts);
  }

  private waitReady(timeoutMs: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.readyWaiters = this.readyWaiters.filter((w) => w !== waiter);
        reject(new VppConnectionError(`not connected to VPP after ${timeoutMs} ms`));
      }, timeoutMs);
      const waiter = {
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
        reject: (e: Error) => {
          clearTimeout(timer);
          reject(e);
        },
      };
      this.readyWaiters.push(waiter);
    });
  }

  private failReadyWaiters(err: Error): void {
    const w = this.readyWaiters;
    this.readyWaiters = [];
    for (const x of w) x.reject(err);
  }

  /** Rejects everything in flight; `err` is made per request (named, outcome unknown). */
  private failAll(err: (p: Pending) => Error): void {
    const all = this.pending.values();
    this.pending.clear();
    for (const p of all) {
      if (p.done) continue;
      p.done = true;
      if (p.kind !== 'discard') p.reject(err(p));
    }
    const d = this.drainWaiters;
    this.drainWaiters = [];
    for (const fn of d) fn();
  }

  private onClose(err?: Error): void {
    const reason = err ?? this.dropReason ?? new VppConnectionError('connection closed');
    this.dropReason = null;
    const connErr =
      reason instanceof VppConnectionError
        ? reason
        : new VppConnectionError(reason.message, { cause: reason });
    this.handshakeWaiter?.fail(connErr);
    if (this.state === 'closed') return;
    this.failAll(
      (p) =>
        new VppConnectionError(
          `connection to VPP lost while ${p.name} was in flight (VPP may or may not have done it): ${connErr.message}`,
          { cause: connErr, outcomeUnknown: true },
        ),
    );
    // open() fails and its caller decides; a reconnect loop already running keeps going.
    if (this.opening || this.state === 'reconnecting') return;
    this.log.warn({ err: connErr.message }, 'connection to VPP lost');
    for (const fn of this.disconnectListeners) fn(connErr);
    if (this.reconnectOpts === null) {
      this.closeFor(
        new VppUnavailableError(
          this.transport.description,
          `lost the connection to VPP at ${this.transport.description}: ${connErr.message}`,
          { cause: connErr },
        ),
      );
      return;
    }
    this.state = 'reconnecting';
    void this.reconnectLoop(connErr);
  }

  /** Closed for good: waiting and later calls fail with `err`, event iterators end with it. */
  private closeFor(err: VppConnectionError): void {
    this.state = 'closed';
    this.finalError = err;
    this.failReadyWaiters(err);
    for (const set of this.eventQueues.values()) for (const q of set) q.fail(err);
    this.eventQueues.clear();
  }

  /**
   * Reconnects with exponential backoff (jittered) within the policy's attempts and time. A VPP
   * with another pid, or one whose socket was gone in between (nothing listening: the process
   * went away), is a restarted VPP: calls waiting for the reconnect fail with VppRestartedError.
   */
  private async reconnectLoop(lost: VppConnectionError): Promise<void> {
    const o = this.reconnectOpts as Required<ReconnectOptions>;
    const since = performance.now();
    const previousPid = this.pid;
    const where = this.transport.description;
    let socketWasGone = false;
    let last: Error = lost;
    let attempts = 0;
    for (let attempt = 0; attempt < o.retries; attempt++) {
      const delay = Math.min(o.maxDelayMs, o.minDelayMs * 2 ** attempt) * (0.5 + Math.random() / 2);
      const before = o.giveUpAfterMs - (performance.now() - since);
      if (before <= 0) break;
      await new Promise((r) => setTimeout(r, Math.min(delay, before)));
      if (this.state !== 'reconnecting') return;
      const left = o.giveUpAfterMs - (performance.now() - since);
      if (left <= 0) break;
      attempts++;
      try {
        await this.open(Math.min(this.defaultTimeoutMs, Math.max(1, Math.round(left))));
        if ((this.state as ClientState) === 'closed') {
          await this.transport.close().catch(noop);
          return;
        }
        const pid = this.pid;
        if (socketWasGone || (previousPid !== undefined && pid !== undefined && pid !== previousPid)) {
          this.restarted(new VppRestartedError(where, previousPid, pid, { cause: lost }), o);
          return;
        }
        this.state = 'ready';
        this.log.info({ attempt: attempt + 1, clientIndex: this.index }, 'reconnected to VPP');
        const w = this.readyWaiters;
        this.readyWaiters = [];
        for (const x of w) x.resolve();
        this.tell(this.reconnectListeners, undefined, 'reconnect');
        return;
      } catch (err) {
        last = err as Error;
        if (socketGone(err) !== undefined) socketWasGone = true;
        await this.abandonTransport();
        if ((this.state as ClientState) === 'closed') return;
        this.log.debug({ attempt: attempt + 1, err: (err as Error).message }, 'reconnect attempt failed');
        // Nothing listens: the VPP we had is dead, and one that comes back is a restarted one,
        // which 'close' would refuse anyway. Say so now rather than at the end of the wait.
        if (socketWasGone && o.afterRestart === 'close') {
          this.closeFor(
            new VppUnavailableError(
              where,
              `VPP at ${where} went away (${lost.message}) and nothing listens on its socket any more (connect ${socketGone(last) ?? 'failed'}): the VPP process exited (crashed, was killed, or is restarting), and everything it held went with it`,
              { cause: last, processGone: true },
            ),
          );
          return;
        }
      }
    }
    const secs = ((performance.now() - since) / 1000).toFixed(1);
    this.closeFor(
      new VppUnavailableError(
        where,
        `lost the connection to VPP at ${where} (${lost.message}) and could not reconnect: ${attempts} attempt${attempts === 1 ? '' : 's'} in ${secs} s${attempts > 0 ? `, the last: ${last.message}` : ''}`,
        { cause: last, processGone: socketGone(last) !== undefined },
      ),
    );
  }

  private restarted(err: VppRestartedError, o: Required<ReconnectOptions>): void {
    this.log.warn({ previousPid: err.previousPid, pid: err.pid }, 'VPP restarted');
    this.failReadyWaiters(err);
    this.tell(this.restartListeners, err, 'restart');
    if (o.afterRestart === 'close') {
      // Refuse everything from now on, and leave the new VPP politely.
      this.state = 'ready';
      this.finalError = err;
      void this.disconnect();
      return;
    }
    this.state = 'ready';
    this.tell(this.reconnectListeners, undefined, 'reconnect');
  }

  private tell<A>(listeners: ReadonlySet<(a: A) => void>, arg: A, what: string): void {
    for (const fn of listeners) {
      try {
        fn(arg);
      } catch (err) {
        this.log.error({ err }, `${what} listener threw`);
      }
    }
  }
}

/** The errno of a connect error meaning nothing listens at the socket (the VPP process is gone). */
function socketGone(err: unknown): 'ECONNREFUSED' | 'ENOENT' | undefined {
  for (let e = err as { code?: unknown; cause?: unknown } | undefined, i = 0; e && i < 5; i++) {
    if (e.code === 'ECONNREFUSED' || e.code === 'ENOENT') return e.code;
    e = e.cause as typeof e;
  }
  return undefined;
}

let shipped: Promise<ApiDefinitions> | null = null;
/** The VPP v26.10 definitions vppstate ships (src/api/generated/vpp-api-pack.ts), loaded on first use. */
export function shippedDefinitions(): Promise<ApiDefinitions> {
  shipped ??= import('../generated/vpp-api-pack.js').then((m) => ApiDefinitions.fromPacked(m.VPP_API_PACK));
  return shipped;
}

let bundled: ApiDefinitions | null = null;
/** The bundled memclnt set (handshake, ping, keepalive, get_api_json). */
export function bundledDefinitions(): ApiDefinitions {
  bundled ??= ApiDefinitions.fromFiles([{ file: 'memclnt.api.json', json: BUNDLED_MEMCLNT }]);
  return bundled;
}
