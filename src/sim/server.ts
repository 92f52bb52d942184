import { existsSync, unlinkSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import pino, { type Logger } from 'pino';
import { ERRNO } from '../api/errno.js';
import type { ApiDefinitions, ServiceDefinition } from '../api/definitions/index.js';
import { MemoryListener, MemoryTransport, type MemoryConnection } from '../api/transport/memory.js';
import { FramedSocket } from '../api/transport/socket.js';
import type { ApiMessage } from '../api/types.js';
import { BuiltinHandlers } from './protocol/builtin.js';
import { type ClientHost, ServerSideClient } from './protocol/client.js';
import { SimEncoder, SimServerError } from './protocol/encoder.js';
import { SimFaults } from './protocol/faults.js';
import { ResponsePump } from './protocol/pumps.js';
import { PINNED_IDS, SimMessageTable } from './protocol/table.js';
import type { SimClient, SimHandler, SimResponse } from './types.js';

export { DetailsList } from './protocol/details.js';
export { SimServerError } from './protocol/encoder.js';
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

interface HeldRequest {
  client: ServerSideClient;
  name: string;
  msg: ApiMessage;
}

/**
 * The protocol half of the embedded VPP: a server on a Unix socket (and in process) speaking
 * socksvr framing, doing the handshake from its own definitions, answering control_ping,
 * show_version, get_api_json and sockclnt_delete, and passing every other request to a
 * registered handler. Each client's requests are handled in order, one at a time, as VPP does.
 * Its parts: protocol/client.ts (per-client state), protocol/builtin.ts (handshake and built-in
 * handlers), protocol/pumps.ts (sending details and replies), protocol/encoder.ts (the codec).
 */
export class SimServer implements ClientHost {
  readonly faults = new SimFaults();
  readonly socketPath: string;
  readonly definitions: ApiDefinitions;
  private readonly encoder: SimEncoder;
  private readonly pump: ResponsePump;
  private readonly builtins: BuiltinHandlers;
  private readonly handlers = new Map<string, SimHandler>();
  private readonly restartHooks = new Set<() => void>();
  private readonly clientSet = new Set<ServerSideClient>();
  private readonly memory = new MemoryListener();
  private readonly log: Logger;
  private readonly maxFrameSize: number | undefined;
  private server: Server | null = null;
  private generation = 0;
  /**
   * The process id control_ping reports: a restarted VPP is another process, so it changes on
   * every restart (clients tell a restart from a dropped connection by it).
   */
  pid = process.pid;
  private held: HeldRequest[] = [];
  /** Events sent while a handler runs go out after its reply (VPP never sent one before). */
  private deferred: Array<() => void> | null = null;
  /** Count of memclnt_keepalive_reply received (the client answered our keepalive). */
  keepaliveReplies = 0;
  table: SimMessageTable;

  private constructor(opts: SimServerOptions) {
    this.socketPath = opts.socket;
    this.definitions = opts.definitions;
    this.log = opts.logger ?? pino({ level: 'silent' });
    this.maxFrameSize = opts.maxFrameSize;
    this.table = new SimMessageTable(opts.definitions);
    const table = (): SimMessageTable => this.table;
    this.encoder = new SimEncoder(opts.definitions, table);
    this.pump = new ResponsePump(this.encoder, table, this.log);
    this.builtins = new BuiltinHandlers(opts.definitions, opts.version ?? 'vppstate-sim', table);
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
    return this.encoder.encode(name, fields);
  }

  /** @internal `{ ...fields, context }` encoded without building that object. */
  encodeWithContext(name: string, fields: ApiMessage, context: number): Buffer {
    return this.encoder.encodeWithContext(name, fields, context);
  }

  /** @internal Writes `context` into an earlier encoding of `name` when it is still current. */
  reuse(name: string, prev: Uint8Array, context: number): boolean {
    return this.encoder.reuse(name, prev, context);
  }

  /** @internal Handles one request; returns a promise only when it must wait (async handler, back-pressure, delay). */
  handle(client: ServerSideClient, buf: Buffer): void | Promise<void> {
    const id = buf.readUInt16BE(0);
    if (!client.registered) {
      if (id !== PINNED_IDS.sockclnt_create) {
        this.log.warn({ msgId: id }, 'message before the handshake, dropped');
        return;
      }
      return this.builtins.handshake(client, this.encoder.decode('sockclnt_create', buf));
    }
    const name = this.table.nameOf(id);
    if (name === undefined) {
      this.log.warn({ msgId: id, client: client.index }, 'unknown message id, dropped');
      return;
    }
    let msg: ApiMessage;
    try {
      msg = this.encoder.decode(name, buf);
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
    if (name === 'memclnt_keepalive_reply') {
      this.keepaliveReplies++;
      return;
    }
    if (this.builtins.control(client, name, context)) return;
    const handler = this.handlers.get(name) ?? this.builtins.handler(name);
    if (handler === undefined) {
      this.log.warn({ api: name }, 'no handler: answering UNIMPLEMENTED');
      if (svc?.stream && svc.streamMsg === undefined) return; // a dump with no details
      const replyName = svc?.reply ?? `${name}_reply`;
      if (this.table.idOf(replyName) !== undefined)
        client.sendMessage(replyName, { context, retval: ERRNO.UNIMPLEMENTED });
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
    if (resp.crash !== undefined) {
      this.log.error({ api: name, crash: resp.crash }, 'VPP dies here: dropping every client and restarting');
      void this.restart();
      return;
    }
    const r = this.pump.respond({ client, name, svc, context, resp });
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
    if (this.table.idOf(replyName) !== undefined)
      client.sendMessage(replyName, { context, retval: ERRNO.UNSPECIFIED });
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
