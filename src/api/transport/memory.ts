import { VppConnectionError } from '../client/errors.js';
import { DEFAULT_HIGH_WATER_MARK, type Transport, type TransportHandlers } from './types.js';

/**
 * One end of an in-process connection. Messages are copied and delivered on a later turn of
 * the event loop, in order, as a socket would; the receiver's backlog drives back-pressure.
 */
export class MemoryConnection {
  private peer!: MemoryConnection;
  private handlers: TransportHandlers | null = null;
  private readonly inbox: Buffer[] = [];
  private inboxBytes = 0;
  private scheduled = false;
  private ended = false;
  private closeErr: Error | undefined | null = null; // null: open; set once closing
  private wantDrain = false;

  constructor(private readonly highWaterMark = DEFAULT_HIGH_WATER_MARK) {}

  /** Two connected ends. */
  static pair(highWaterMark?: number): [MemoryConnection, MemoryConnection] {
    const a = new MemoryConnection(highWaterMark);
    const b = new MemoryConnection(highWaterMark);
    a.peer = b;
    b.peer = a;
    return [a, b];
  }

  get closed(): boolean {
    return this.ended;
  }

  /** True while the peer has not consumed what we sent (send() would return false). */
  get congested(): boolean {
    return this.peer.inboxBytes >= this.highWaterMark;
  }

  /** Sets who receives this end's messages; messages sent before are delivered then. */
  attach(handlers: TransportHandlers): void {
    this.handlers = handlers;
    this.schedule();
  }

  send(msg: Uint8Array): boolean {
    if (this.ended) throw new VppConnectionError('memory connection: not connected');
    this.peer.enqueue(Buffer.from(msg));
    if (this.congested) {
      this.wantDrain = true;
      return false;
    }
    return true;
  }

  /** Closes after the peer has received what was sent. */
  end(): Promise<void> {
    if (this.ended) return Promise.resolve();
    this.ended = true;
    return new Promise((resolve) => {
      setImmediate(() => {
        this.peer.remoteClosed(new VppConnectionError('connection closed by peer'));
        this.handlers?.close();
        resolve();
      });
    });
  }

  /** Drops the connection at once; both ends see it closed. */
  destroy(err?: Error): void {
    if (this.ended) return;
    this.ended = true;
    this.inbox.length = 0;
    this.inboxBytes = 0;
    this.handlers?.close(err ?? new VppConnectionError('connection destroyed'));
    this.peer.remoteClosed(new VppConnectionError('connection closed by peer'), true);
  }

  private remoteClosed(err: Error, abrupt = false): void {
    if (this.ended) return;
    this.ended = true;
    if (abrupt) {
      this.inbox.length = 0;
      this.inboxBytes = 0;
    }
    this.closeErr = err;
    this.schedule();
  }

  private enqueue(msg: Buffer): void {
    if (this.ended && this.closeErr !== null) return;
    this.inbox.push(msg);
    this.inboxBytes += msg.length;
    this.schedule();
  }

  private schedule(): void {
    if (this.scheduled || this.handlers === null) return;
    this.scheduled = true;
    setImmediate(() => this.deliver());
  }

  private deliver(): void {
    this.scheduled = false;
    const h = this.handlers;
    if (h === null) return;
    const batch = this.inbox.splice(0);
    this.inboxBytes = 0;
    for (const m of batch) h.message(m);
    if (this.peer.wantDrain) {
      this.peer.wantDrain = false;
      this.peer.handlers?.drain();
    }
    if (this.closeErr !== null && this.inbox.length === 0) {
      const err = this.closeErr;
      this.closeErr = null;
      h.close(err);
    }
  }
}

/** Where in-process clients dial: the simulator (or a test) accepts connections here. */
export class MemoryListener {
  private acceptor: ((conn: MemoryConnection) => void) | null = null;

  constructor(readonly highWaterMark = DEFAULT_HIGH_WATER_MARK) {}

  /** Called with the server end of every new connection. */
  onConnection(fn: ((conn: MemoryConnection) => void) | null): void {
    this.acceptor = fn;
  }

  /** The client end of a new connection; throws when nobody listens. */
  dial(): MemoryConnection {
    if (this.acceptor === null) throw new VppConnectionError('memory listener: nobody is listening');
    const [client, server] = MemoryConnection.pair(this.highWaterMark);
    this.acceptor(server);
    return client;
  }
}

/** An in-process transport for tests: no socket, same protocol (messages without frame headers). */
export class MemoryTransport implements Transport {
  private conn: MemoryConnection | null = null;

  constructor(private readonly listener: MemoryListener) {}

  get description(): string {
    return 'memory';
  }

  get connected(): boolean {
    return this.conn !== null && !this.conn.closed;
  }

  get congested(): boolean {
    return this.conn?.congested ?? false;
  }

  async connect(handlers: TransportHandlers): Promise<void> {
    if (this.connected) throw new VppConnectionError('memory: already connected');
    const conn = this.listener.dial();
    conn.attach(handlers);
    this.conn = conn;
  }

  send(msg: Uint8Array): boolean {
    if (this.conn === null) throw new VppConnectionError('memory: not connected');
    return this.conn.send(msg);
  }

  async close(): Promise<void> {
    await this.conn?.end();
  }

  /** Cuts the connection at once. */
  destroy(err?: Error): void {
    this.conn?.destroy(err);
  }
}
