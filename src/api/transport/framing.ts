import { VppConnectionError, VppFrameTooLargeError } from '../client/errors.js';

/**
 * VPP's socksvr framing: every message travels behind a 16-byte header
 * `u64 q, u32 data_len (big endian), u32 gc_mark`. We send zeros around the length and ignore
 * q and gc_mark on receive: VPP leaves a stale pointer in q.
 */
export const FRAME_HEADER_SIZE = 16;

/** get_api_json answers ~1.5 MB; 64 MiB leaves room without letting a corrupt length hurt. */
export const DEFAULT_MAX_FRAME_SIZE = 64 * 1024 * 1024;

/** Writes the header for a message of `length` bytes at `offset`. */
export function writeFrameHeader(target: Buffer, offset: number, length: number): void {
  target.fill(0, offset, offset + FRAME_HEADER_SIZE);
  target.writeUInt32BE(length, offset + 8);
}

/** One framed message (header + body), as a fresh buffer. */
export function encodeFrame(msg: Uint8Array): Buffer {
  const out = Buffer.allocUnsafe(FRAME_HEADER_SIZE + msg.length);
  writeFrameHeader(out, 0, msg.length);
  out.set(msg, FRAME_HEADER_SIZE);
  return out;
}

/**
 * Reassembles messages from a byte stream that splits and coalesces frames arbitrarily.
 * Complete frames inside one chunk are handed out as views (no copy); only a frame that spans
 * chunks is copied once, when its last byte has arrived (never quadratic).
 */
export class FrameReader {
  private readonly chunks: Buffer[] = [];
  private buffered = 0;
  /** Body length of the frame being assembled, once its header is known. */
  private need = -1;
  private failed = false;

  constructor(
    private readonly onMessage: (msg: Buffer) => void,
    readonly maxFrameSize = DEFAULT_MAX_FRAME_SIZE,
  ) {}

  /** Bytes held for a partial frame. */
  get pendingBytes(): number {
    return this.buffered;
  }

  /** Feeds bytes; throws VppConnectionError on a length the protocol cannot carry (the stream is then unusable). */
  push(chunk: Buffer): void {
    if (this.failed) return;
    let off = 0;
    if (this.buffered > 0) {
      off = this.completePending(chunk);
      if (off < 0) return; // still incomplete, chunk absorbed
    }
    const len = chunk.length;
    while (len - off >= FRAME_HEADER_SIZE) {
      const bodyLen = this.checkLength(chunk.readUInt32BE(off + 8));
      const end = off + FRAME_HEADER_SIZE + bodyLen;
      if (end > len) break;
      this.onMessage(chunk.subarray(off + FRAME_HEADER_SIZE, end));
      off = end;
    }
    if (off < len) this.hold(chunk.subarray(off));
  }

  /** Drops whatever partial frame is held (after a reconnect). */
  reset(): void {
    this.chunks.length = 0;
    this.buffered = 0;
    this.need = -1;
    this.failed = false;
  }

  private hold(rest: Buffer): void {
    this.chunks.push(rest);
    this.buffered += rest.length;
    if (this.need < 0 && this.buffered >= FRAME_HEADER_SIZE)
      this.need = this.checkLength(this.headerLength());
  }

  /** Returns the offset in `chunk` after the completed frame, or -1 if more bytes are needed. */
  private completePending(chunk: Buffer): number {
    if (this.need < 0) {
      // Header itself is split: take just enough of the chunk to read it.
      const missing = FRAME_HEADER_SIZE - this.buffered;
      if (chunk.length < missing) {
        this.chunks.push(chunk);
        this.buffered += chunk.length;
        return -1;
      }
      this.chunks.push(chunk.subarray(0, missing));
      this.buffered += missing;
      this.need = this.checkLength(this.headerLength());
      chunk = chunk.subarray(missing);
      const off = this.finishFrom(chunk);
      return off < 0 ? -1 : off + missing;
    }
    return this.finishFrom(chunk);
  }

  private finishFrom(chunk: Buffer): number {
    const total = FRAME_HEADER_SIZE + this.need;
    const missing = total - this.buffered;
    if (chunk.length < missing) {
      if (chunk.length > 0) {
        this.chunks.push(chunk);
        this.buffered += chunk.length;
      }
      return -1;
    }
    this.chunks.push(chunk.subarray(0, missing));
    const whole = Buffer.concat(this.chunks, total);
    this.chunks.length = 0;
    this.buffered = 0;
    this.need = -1;
    this.onMessage(whole.subarray(FRAME_HEADER_SIZE));
    return missing;
  }

  private headerLength(): number {
    // The length sits at bytes 8..11 of the header, possibly across held chunks.
    const head = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks);
    if (this.chunks.length !== 1) {
      this.chunks.length = 0;
      this.chunks.push(head);
    }
    return head.readUInt32BE(8);
  }

  private checkLength(bodyLen: number): number {
    if (bodyLen > this.maxFrameSize) {
      this.failed = true;
      throw new VppFrameTooLargeError(bodyLen, this.maxFrameSize);
    }
    if (bodyLen < 2) {
      this.failed = true;
      throw new VppConnectionError(`frame of ${bodyLen} bytes cannot hold a message id; connection closed`);
    }
    return bodyLen;
  }
}
