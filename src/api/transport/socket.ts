import { connect as netConnect, type Socket } from 'node:net';
import { VppConnectionError } from '../client/errors.js';
import { DEFAULT_MAX_FRAME_SIZE, FRAME_HEADER_SIZE, FrameReader, writeFrameHeader } from './framing.js';
import { DEFAULT_HIGH_WATER_MARK, type Transport, type TransportHandlers } from './types.js';

export interface FramedSocketOptions {
  /** Largest message accepted on read (default 64 MiB); a larger length closes the connection. */
  maxFrameSize?: number;
  /** Queued outgoing bytes above which send() returns false (default 1 MiB). */
  highWaterMark?: number;
}

/** Frames written in the same tick are coalesced into one socket write of at most this size. */
const BATCH_BYTES = 64 * 1024;

/**
 * socksvr framing over one connected stream socket, used by both the client transport and the
 * simulator's server. Frames queued in one tick go out in one write (pipelining throughput);
 * reads are reassembled by FrameReader.
 */
export class FramedSocket {
  private readonly reader: FrameReader;
  private batch: Buffer | null = null;
  private batchUsed = 0;
  private readonly queued: Buffer[] = [];
  private queuedBytes = 0;
  private flushScheduled = false;
  private ended = false;
  private wantDrain = false;
  private readPaused = false;
  private readonly highWaterMark: number;

  constructor(
    readonly socket: Socket,
    private readonly handlers: TransportHandlers,
    opts: FramedSocketOptions = {},
  ) {
    this.highWaterMark = opts.highWaterMark ?? DEFAULT_HIGH_WATER_MARK;
    this.reader = new FrameReader((m) => handlers.message(m), opts.maxFrameSize ?? DEFAULT_MAX_FRAME_SIZE);
    socket.setNoDelay?.(true);
    socket.on('data', (chunk: Buffer) => {
      try {
        this.reader.push(chunk);
      } catch (err) {
        this.fail(err instanceof Error ? err : new VppConnectionError(String(err)));
      }
    });
    socket.on('drain', () => this.maybeDrain());
    socket.on('error', (err) =>
      this.fail(new VppConnectionError(`socket error: ${err.message}`, { cause: err })),
    );
    socket.on('close', () => this.fail(new VppConnectionError('connection closed by peer')));
  }

  get congested(): boolean {
    return this.pendingBytes() >= this.highWaterMark;
  }

  get closed(): boolean {
    return this.ended;
  }

  /** Bytes accepted but not yet handed to the kernel. */
  pendingBytes(): number {
    return this.queuedBytes + this.batchUsed + this.socket.writableLength;
  }

  send(msg: Uint8Array): boolean {
    if (this.ended) throw new VppConnectionError('not connected');
    const need = FRAME_HEADER_SIZE + msg.length;
    if (need > BATCH_BYTES) {
      this.sealBatch();
      const frame = Buffer.allocUnsafe(need);
      writeFrameHeader(frame, 0, msg.length);
      frame.set(msg, FRAME_HEADER_SIZE);
      this.queued.push(frame);
      this.queuedBytes += need;
    } else {
      if (this.batch !== null && this.batchUsed + need > this.batch.length) this.sealBatch();
      if (this.batch === null) this.batch = Buffer.allocUnsafe(BATCH_BYTES);
      const b = this.batch as Buffer;
      writeFrameHeader(b, this.batchUsed, msg.length);
      b.set(msg, this.batchUsed + FRAME_HEADER_SIZE);
      this.batchUsed += need;
    }
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      process.nextTick(() => this.flush());
    }
    if (this.congested) {
      this.wantDrain = true;
      return false;
    }
    return true;
  }

  /** Stops reading (the peer then feels back-pressure through its own send buffer). */
  pauseReading(): void {
    this.readPaused = true;
    this.socket.pause();
  }

  resumeReading(): void {
    this.readPaused = false;
    if (!this.socket.destroyed) this.socket.resume();
  }

  /** True while pauseReading() is in effect. */
  get readingPaused(): boolean {
    return this.readPaused;
  }

  /** Ends the connection after what is queued has been written. */
  end(): Promise<void> {
    if (this.ended) return Promise.resolve();
    this.flush();
    this.ended = true;
    return new Promise<void>((resolve) => {
      const done = (): void => resolve();
      this.socket.once('close', done);
      this.socket.end();
      // A peer that never closes its side must not hold us forever.
      setTimeout(() => {
        this.socket.destroy();
        done();
      }, 1000).unref();
    }).then(() => this.handlers.close());
  }

  /** Drops the connection at once (fault injection, hostile peer). */
  destroy(err?: Error): void {
    this.fail(err ?? new VppConnectionError('connection destroyed'));
  }

  /** Moves the batch to the write queue: a mostly-empty batch is copied out and reused, a full one handed over. */
  private sealBatch(): void {
    const b = this.batch;
    if (b === null || this.batchUsed === 0) return;
    if (this.batchUsed < BATCH_BYTES / 4) {
      this.queued.push(Buffer.from(b.subarray(0, this.batchUsed)));
    } else {
      this.queued.push(b.subarray(0, this.batchUsed));
      this.batch = null;
    }
    this.queuedBytes += this.batchUsed;
    this.batchUsed = 0;
  }

  private flush(): void {
    this.flushScheduled = false;
    if (this.socket.destroyed) return;
    this.sealBatch();
    const n = this.queued.length;
    if (n === 0) return;
    if (n === 1) this.socket.write(this.queued[0]);
    else {
      // One writev for the lot, without concatenating.
      this.socket.cork();
      for (const q of this.queued) this.socket.write(q);
      this.socket.uncork();
    }
    this.queued.length = 0;
    this.queuedBytes = 0;
    this.maybeDrain();
  }

  private maybeDrain(): void {
    if (this.wantDrain && !this.congested) {
      this.wantDrain = false;
      this.handlers.drain();
    }
  }

  private fail(err: Error): void {
    if (this.ended && this.socket.destroyed) return;
    const wasEnded = this.ended;
    this.ended = true;
    this.queued.length = 0;
    this.queuedBytes = 0;
    this.batch = null;
    this.batchUsed = 0;
    if (!this.socket.destroyed) this.socket.destroy();
    if (!wasEnded) this.handlers.close(err);
  }
}

export interface UnixSocketTransportOptions extends FramedSocketOptions {
  /** Milliseconds to wait for the socket to accept (default 5000). */
  connectTimeoutMs?: number;
}

/** What a failed connect usually means, by errno. */
const CONNECT_HINTS: Record<string, string> = {
  ENOENT: 'no socket there: VPP is not running, or its socksvr socket-name is another path (--socket)',
  ECONNREFUSED: 'nothing listens on the socket: VPP is not running, or is restarting',
  EACCES: "permission denied: run as a user allowed to use VPP's API socket (root or its group)",
  EAGAIN: "VPP's listen backlog is full: it is overloaded or stopped",
};

/** The client side of VPP's socksvr: a Unix stream socket, default /run/vpp/api.sock. */
export class UnixSocketTransport implements Transport {
  private framed: FramedSocket | null = null;

  constructor(
    readonly path = '/run/vpp/api.sock',
    private readonly opts: UnixSocketTransportOptions = {},
  ) {}

  get description(): string {
    return this.path;
  }

  get connected(): boolean {
    return this.framed !== null && !this.framed.closed;
  }

  get congested(): boolean {
    return this.framed?.congested ?? false;
  }

  connect(handlers: TransportHandlers): Promise<void> {
    if (this.connected) return Promise.reject(new VppConnectionError(`${this.path}: already connected`));
    return new Promise((resolve, reject) => {
      const socket = netConnect(this.path);
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new VppConnectionError(`${this.path}: connect timed out`));
      }, this.opts.connectTimeoutMs ?? 5000);
      const onError = (err: Error): void => {
        clearTimeout(timer);
        const hint = CONNECT_HINTS[(err as NodeJS.ErrnoException).code ?? ''];
        reject(
          new VppConnectionError(
            `cannot connect to VPP at ${this.path}: ${err.message}${hint ? ` (${hint})` : ''}`,
            { cause: err },
          ),
        );
      };
      socket.once('error', onError);
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.off('error', onError);
        this.framed = new FramedSocket(socket, handlers, this.opts);
        resolve();
      });
    });
  }

  send(msg: Uint8Array): boolean {
    if (this.framed === null) throw new VppConnectionError(`${this.path}: not connected`);
    return this.framed.send(msg);
  }

  async close(): Promise<void> {
    const f = this.framed;
    if (f === null) return;
    await f.end();
  }

  /** Cuts the connection at once (a silent VPP; tests: as a crashing VPP would). */
  destroy(err?: Error): void {
    this.framed?.destroy(err);
  }
}
