import type { Transport, TransportHandlers } from './types.js';

export interface RecordedFrame {
  /** `out`: sent to VPP; `in`: received from VPP. */
  readonly direction: 'out' | 'in';
  /** Milliseconds since the recorder was created (performance clock). */
  readonly atMs: number;
  /** Wall-clock time (ms since the epoch). */
  readonly time: number;
  /** The message bytes (a copy), starting with the u16 message id. */
  readonly data: Buffer;
}

export interface RecordingOptions {
  /** Keep at most this many frames (oldest dropped first); default unlimited. */
  limit?: number;
  /** Called for every frame as it passes (e.g. to write a trace file). */
  onFrame?: (frame: RecordedFrame) => void;
}

/** Wraps any transport and records every message both ways, with timestamps. */
export class RecordingTransport implements Transport {
  readonly frames: RecordedFrame[] = [];
  private readonly t0 = performance.now();

  constructor(
    readonly inner: Transport,
    private readonly opts: RecordingOptions = {},
  ) {}

  get description(): string {
    return `recording(${this.inner.description})`;
  }
  get connected(): boolean {
    return this.inner.connected;
  }
  get congested(): boolean {
    return this.inner.congested;
  }

  connect(handlers: TransportHandlers): Promise<void> {
    return this.inner.connect({
      message: (msg) => {
        this.record('in', msg);
        handlers.message(msg);
      },
      close: (err) => handlers.close(err),
      drain: () => handlers.drain(),
    });
  }

  send(msg: Uint8Array): boolean {
    const ok = this.inner.send(msg);
    this.record('out', msg);
    return ok;
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  destroy(err?: Error): void {
    if (this.inner.destroy !== undefined) this.inner.destroy(err);
    else void this.inner.close();
  }

  /** Forgets what was recorded so far. */
  clear(): void {
    this.frames.length = 0;
  }

  private record(direction: 'out' | 'in', msg: Uint8Array): void {
    const frame: RecordedFrame = {
      direction,
      atMs: performance.now() - this.t0,
      time: Date.now(),
      data: Buffer.from(msg),
    };
    this.frames.push(frame);
    if (this.opts.limit !== undefined && this.frames.length > this.opts.limit) this.frames.shift();
    this.opts.onFrame?.(frame);
  }
}
