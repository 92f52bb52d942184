/**
 * VPP's own ceiling for a list of calls: a client that does nothing but write pre-built frames
 * and count the replies. The frames are encoded before the clock starts (with vppstate's codec and
 * the ids of VPP's message table); while timed, it writes them from one buffer, keeps `window`
 * calls in flight, and reads only each reply's length, id and retval. Whatever vppstate adds to
 * the same calls on the same VPP is its own cost.
 */
import { connect as netConnect, type Socket } from 'node:net';
import { bundledDefinitions, SOCKCLNT_CREATE_ID } from '../../src/api/client/client.js';
import { ApiCodec } from '../../src/api/codec/index.js';
import type { ApiDefinitions } from '../../src/api/definitions/index.js';
import type { ApiMessage } from '../../src/api/types.js';

const HEADER = 16;

/** A call to replay: message name and fields, as the client was given them. */
export type Call = readonly [name: string, args: ApiMessage];

export interface RawResult {
  readonly calls: number;
  /** Wall milliseconds from the first write to the last reply. */
  readonly ms: number;
  /** Replies with a retval other than 0 (a replay that went wrong shows here). */
  readonly failed: number;
  /** This process's CPU milliseconds over the same span. */
  readonly cpuMs: number;
}

export class RawClient {
  private constructor(
    private readonly socket: Socket,
    private readonly table: ReadonlyMap<string, number>,
    readonly clientIndex: number,
  ) {}

  static async connect(path: string): Promise<RawClient> {
    const socket = netConnect(path);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    socket.setNoDelay(true);
    const boot = new ApiCodec(bundledDefinitions());
    const hello = boot.message('sockclnt_create').encode({ name: 'vppstate-bench-raw' }, SOCKCLNT_CREATE_ID);
    socket.write(frame([hello]));
    const reply = boot.message('sockclnt_create_reply').decode(await readOneMessage(socket));
    const table = new Map<string, number>();
    for (const e of reply.message_table as Array<{ index: number; name: string }>) table.set(e.name, e.index);
    return new RawClient(socket, table, Number(reply.index));
  }

  /** Every call encoded as one frame, contexts 1..n, in one buffer (not timed). */
  encode(defs: ApiDefinitions, calls: readonly Call[]): Frames {
    const codec = new ApiCodec(defs);
    const messages: Buffer[] = [];
    calls.forEach(([name, args], i) => {
      const c = codec.message(name);
      const id = this.table.get(c.nameCrc);
      if (id === undefined) throw new Error(`VPP has no ${c.nameCrc}`);
      messages.push(c.encode({ ...args, client_index: this.clientIndex, context: i + 1 }, id));
    });
    return new Frames(messages);
  }

  /** VPP's id for a message of `defs` (name_crc in VPP's table). */
  idOf(defs: ApiDefinitions, name: string): number {
    const nameCrc = new ApiCodec(defs).message(name).nameCrc;
    const id = this.table.get(nameCrc);
    if (id === undefined) throw new Error(`VPP has no ${nameCrc}`);
    return id;
  }

  /**
   * A dump as VPP's ceiling for it: the pre-built request and its control_ping written at once,
   * the messages counted (no decoding) until the ping's reply (message id `endId`) arrives.
   */
  dumpOnce(frames: Frames, endId: number): Promise<{ details: number; ms: number }> {
    const socket = this.socket;
    return new Promise((resolve, reject) => {
      let details = 0;
      let pending: Buffer | null = null;
      const t0 = performance.now();
      const onData = (chunk: Buffer): void => {
        const buf = pending ? Buffer.concat([pending, chunk]) : chunk;
        let off = 0;
        while (buf.length - off >= HEADER) {
          const len = buf.readUInt32BE(off + 8);
          if (buf.length - off < HEADER + len) break;
          if (buf.readUInt16BE(off + HEADER) === endId) {
            socket.off('data', onData);
            socket.off('error', reject);
            resolve({ details, ms: performance.now() - t0 });
            return;
          }
          details++;
          off += HEADER + len;
        }
        pending = off < buf.length ? Buffer.from(buf.subarray(off)) : null;
      };
      socket.on('data', onData);
      socket.once('error', reject);
      socket.write(frames.slice(0, frames.count));
    });
  }

  /** Writes the frames keeping `window` in flight, counts one reply per call. */
  replay(frames: Frames, window: number): Promise<RawResult> {
    const socket = this.socket;
    const n = frames.count;
    return new Promise((resolve, reject) => {
      let sent = 0;
      let replies = 0;
      let failed = 0;
      let pending: Buffer | null = null;
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      const pump = (): void => {
        const upTo = Math.min(n, replies + window);
        if (upTo > sent) {
          socket.write(frames.slice(sent, upTo));
          sent = upTo;
        }
      };
      const onData = (chunk: Buffer): void => {
        const buf = pending ? Buffer.concat([pending, chunk]) : chunk;
        let off = 0;
        while (buf.length - off >= HEADER) {
          const len = buf.readUInt32BE(off + 8);
          if (buf.length - off < HEADER + len) break;
          // u16 id, u32 context, i32 retval
          if (len >= 10 && buf.readInt32BE(off + HEADER + 6) !== 0) failed++;
          replies++;
          off += HEADER + len;
        }
        // a partial frame waits for the next chunk (a copy: the chunk's memory is reused)
        pending = off < buf.length ? Buffer.from(buf.subarray(off)) : null;
        if (replies >= n) {
          socket.off('data', onData);
          socket.off('error', reject);
          const c = process.cpuUsage(c0);
          resolve({ calls: n, ms: performance.now() - t0, failed, cpuMs: (c.user + c.system) / 1000 });
        } else pump();
      };
      socket.on('data', onData);
      socket.once('error', reject);
      pump();
    });
  }

  close(): void {
    this.socket.destroy();
  }
}

/** Pre-built frames in one buffer; a range of them is one zero-copy slice. */
export class Frames {
  private readonly buffer: Buffer;
  private readonly offsets: number[] = [0];
  constructor(messages: readonly Buffer[]) {
    this.buffer = frame(messages);
    let o = 0;
    for (const m of messages) this.offsets.push((o += HEADER + m.length));
  }
  get count(): number {
    return this.offsets.length - 1;
  }
  slice(from: number, to: number): Buffer {
    return this.buffer.subarray(this.offsets[from], this.offsets[to]);
  }
}

/** socksvr frames: a 16-byte header (u64 0, u32 length, u32 0) before each message. */
function frame(messages: readonly Buffer[]): Buffer {
  const out = Buffer.alloc(messages.reduce((s, m) => s + HEADER + m.length, 0));
  let o = 0;
  for (const m of messages) {
    out.writeUInt32BE(m.length, o + 8);
    m.copy(out, o + HEADER);
    o += HEADER + m.length;
  }
  return out;
}

function readOneMessage(socket: Socket): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    let buf = Buffer.alloc(0);
    const onData = (chunk: Buffer): void => {
      buf = Buffer.concat([buf, chunk]);
      if (buf.length < HEADER) return;
      const len = buf.readUInt32BE(8);
      if (buf.length < HEADER + len) return;
      socket.off('data', onData);
      resolve(buf.subarray(HEADER, HEADER + len));
    };
    socket.on('data', onData);
    socket.once('error', reject);
  });
}
