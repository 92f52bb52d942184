import { readFileSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VppConnectionError, VppFrameTooLargeError } from '../../src/api/client/errors.js';
import {
  FaultyTransport,
  FrameReader,
  MemoryListener,
  MemoryTransport,
  RecordingTransport,
  UnixSocketTransport,
  encodeFrame,
  type MemoryConnection,
  type TransportHandlers,
} from '../../src/api/transport/index.js';
import { describeWithReference, VPP_REFERENCE_DIR } from '../helpers/shared.js';

interface GoldenMsg {
  msgname: string;
  msg_hex: string;
  frame_header_hex?: string;
}

function readAll(reader: (push: (b: Buffer) => void) => void): Buffer[] {
  const out: Buffer[] = [];
  const r = new FrameReader((m) => out.push(Buffer.from(m)));
  reader((b) => r.push(b));
  return out;
}

function collector(): TransportHandlers & {
  got: Buffer[];
  closed: Array<Error | undefined>;
  drains: number;
} {
  const h = {
    got: [] as Buffer[],
    closed: [] as Array<Error | undefined>,
    drains: 0,
    message: (m: Buffer) => h.got.push(Buffer.from(m)),
    close: (e?: Error) => h.closed.push(e),
    drain: () => {
      h.drains++;
    },
  };
  return h;
}

const until = async (cond: () => boolean, what = 'condition'): Promise<void> => {
  for (let i = 0; i < 2000 && !cond(); i++) await new Promise((r) => setTimeout(r, 5));
  if (!cond()) throw new Error(`timed out waiting for ${what}`);
};

describeWithReference('socksvr framing against the golden bytes VPP sent', () => {
  const golden = JSON.parse(readFileSync(join(VPP_REFERENCE_DIR, 'golden-bytes.json'), 'utf8')) as {
    handshake: { request: GoldenMsg; reply: GoldenMsg };
    replies: GoldenMsg[];
  };
  const msgs = [golden.handshake.reply, ...golden.replies];
  const frames = msgs.map((m) => Buffer.from((m.frame_header_hex ?? '') + m.msg_hex, 'hex'));

  it('yields every message exactly as VPP sent it, ignoring the stale pointer in the header', () => {
    expect(golden.replies.some((m) => !/^0{16}/.test(m.frame_header_hex ?? ''))).toBe(true); // the quirk is in the data
    for (let i = 0; i < msgs.length; i++) {
      const got = readAll((push) => push(frames[i]));
      expect(got).toHaveLength(1);
      expect(got[0].toString('hex')).toBe(msgs[i].msg_hex);
    }
  });

  it('frames the handshake request as the recorder did (zeros around the length)', () => {
    const req = golden.handshake.request;
    expect(encodeFrame(Buffer.from(req.msg_hex, 'hex')).toString('hex')).toBe(
      (req.frame_header_hex ?? '') + req.msg_hex,
    );
  });

  it('reassembles coalesced frames split at every byte boundary', () => {
    // Every reply but the 68 KB handshake (tested in pieces below) keeps this quick.
    const all = Buffer.concat(frames.slice(1, 13));
    const want = msgs.slice(1, 13).map((m) => m.msg_hex);
    for (let k = 0; k <= all.length; k++) {
      const got = readAll((push) => {
        push(all.subarray(0, k));
        push(all.subarray(k));
      });
      expect(got.map((b) => b.toString('hex'))).toEqual(want);
    }
    const oneByOne = readAll((push) => {
      for (let i = 0; i < all.length; i++) push(all.subarray(i, i + 1));
    });
    expect(oneByOne.map((b) => b.toString('hex'))).toEqual(want);
  });

  it('decodes the big handshake reply delivered in three uneven pieces', () => {
    const f = frames[0];
    const got = readAll((push) => {
      push(f.subarray(0, 7));
      push(f.subarray(7, 30_000));
      push(f.subarray(30_000));
    });
    expect(got[0].toString('hex')).toBe(golden.handshake.reply.msg_hex);
  });
});

describe('FrameReader limits', () => {
  it('refuses a hostile length without allocating it', () => {
    const r = new FrameReader(() => undefined, 1024);
    const hdr = Buffer.alloc(16);
    hdr.writeUInt32BE(0xffffffff, 8);
    expect(() => r.push(hdr)).toThrow(VppFrameTooLargeError);
    expect(r.pendingBytes).toBe(0);
  });

  it('refuses a hostile length whose header arrives in pieces', () => {
    const r = new FrameReader(() => undefined, 1024);
    const hdr = Buffer.alloc(16);
    hdr.writeUInt32BE(2000, 8);
    r.push(hdr.subarray(0, 9));
    expect(() => r.push(hdr.subarray(9))).toThrow(/2000 bytes exceeds the maximum of 1024/);
  });

  it('refuses a frame too short to hold a message id', () => {
    const r = new FrameReader(() => undefined);
    expect(() => r.push(Buffer.alloc(16))).toThrow(VppConnectionError);
  });
});

describe('UnixSocketTransport over a real socket', () => {
  let dir: string;
  let server: Server;
  let peers: Socket[];

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vppstate-tr-'));
    peers = [];
    server = createServer((s) => peers.push(s));
    await new Promise<void>((r) => server.listen(join(dir, 'api.sock'), r));
  });
  afterEach(async () => {
    for (const p of peers) p.destroy();
    await new Promise((r) => server.close(r));
    rmSync(dir, { recursive: true, force: true });
  });

  it('frames what it sends and reassembles what it receives', async () => {
    const t = new UnixSocketTransport(join(dir, 'api.sock'));
    const h = collector();
    await t.connect(h);
    await until(() => peers.length === 1);
    const seen: Buffer[] = [];
    peers[0].on('data', (b: Buffer) => seen.push(b));
    t.send(Buffer.from([0, 7, 1, 2, 3]));
    t.send(Buffer.from([0, 8]));
    await until(() => Buffer.concat(seen).length === 16 + 5 + 16 + 2, 'bytes at the server');
    expect(Buffer.concat(seen).toString('hex')).toBe(
      '000000000000000000000005000000000007010203' + '00000000000000000000000200000000' + '0008',
    );
    // Back from the "VPP": two frames, with a garbage pointer in q, byte by byte.
    const a = encodeFrame(Buffer.from([0, 9, 0xaa]));
    a.writeUInt32BE(0xdeadbeef, 0);
    const both = Buffer.concat([a, encodeFrame(Buffer.from([0, 10]))]);
    for (const byte of both) peers[0].write(Buffer.from([byte]));
    await until(() => h.got.length === 2, 'two messages');
    expect(h.got.map((m) => m.toString('hex'))).toEqual(['0009aa', '000a']);
    await t.close();
    expect(h.closed).toEqual([undefined]);
  });

  it('closes with VppFrameTooLargeError on a hostile frame length', async () => {
    const t = new UnixSocketTransport(join(dir, 'api.sock'), { maxFrameSize: 1 << 20 });
    const h = collector();
    await t.connect(h);
    await until(() => peers.length === 1);
    const hdr = Buffer.alloc(16);
    hdr.writeUInt32BE(0xfffffff0, 8);
    peers[0].write(hdr);
    await until(() => h.closed.length === 1, 'close');
    expect(h.closed[0]).toBeInstanceOf(VppFrameTooLargeError);
    expect(t.connected).toBe(false);
    expect(() => t.send(Buffer.from([0, 1]))).toThrow(VppConnectionError);
  });

  it('reports a peer that goes away as a connection error', async () => {
    const t = new UnixSocketTransport(join(dir, 'api.sock'));
    const h = collector();
    await t.connect(h);
    await until(() => peers.length === 1);
    peers[0].destroy();
    await until(() => h.closed.length === 1, 'close');
    expect(h.closed[0]).toBeInstanceOf(VppConnectionError);
  });

  it('says clearly when nothing listens', async () => {
    const t = new UnixSocketTransport(join(dir, 'nothing.sock'));
    await expect(t.connect(collector())).rejects.toThrow(/cannot connect to VPP at .*nothing\.sock/);
  });

  it('applies back-pressure while the peer does not read, then drains', async () => {
    const t = new UnixSocketTransport(join(dir, 'api.sock'), { highWaterMark: 64 * 1024 });
    const h = collector();
    await t.connect(h);
    await until(() => peers.length === 1);
    peers[0].pause();
    const msg = Buffer.alloc(4096, 1);
    let sent = 0;
    // Keep sending, a tick at a time, until the transport asks us to wait.
    for (let round = 0; round < 10_000; round++) {
      let ok = true;
      for (let i = 0; i < 16 && ok; i++, sent++) ok = t.send(msg);
      if (!ok) break;
      await new Promise((r) => setImmediate(r));
    }
    expect(t.congested).toBe(true);
    const queued = sent * (4096 + 16);
    let received = 0;
    peers[0].on('data', (b: Buffer) => (received += b.length));
    peers[0].resume();
    await until(() => h.drains > 0, 'drain');
    await until(() => received === queued, 'all bytes');
    expect(t.congested).toBe(false);
    await t.close();
  });
});

describe('in-process transport and decorators', () => {
  function setup(hwm?: number): {
    listener: MemoryListener;
    server: () => MemoryConnection;
    serverGot: Buffer[];
  } {
    const listener = new MemoryListener(hwm);
    let conn: MemoryConnection | null = null;
    const serverGot: Buffer[] = [];
    listener.onConnection((c) => {
      conn = c;
      c.attach({
        message: (m) => {
          serverGot.push(Buffer.from(m));
          c.send(Buffer.concat([m, Buffer.from([0xee])])); // echo with a marker
        },
        close: () => undefined,
        drain: () => undefined,
      });
    });
    return { listener, server: () => conn as unknown as MemoryConnection, serverGot };
  }

  it('delivers in order both ways and closes both ends', async () => {
    const { listener, serverGot } = setup();
    const t = new MemoryTransport(listener);
    const h = collector();
    await t.connect(h);
    for (let i = 0; i < 100; i++) t.send(Buffer.from([0, i]));
    await until(() => h.got.length === 100);
    expect(serverGot.map((b) => b[1])).toEqual([...Array(100).keys()]);
    expect(h.got[5].toString('hex')).toBe('0005ee');
    await t.close();
    expect(h.closed).toEqual([undefined]);
    expect(() => t.send(Buffer.from([0, 1]))).toThrow(VppConnectionError);
  });

  it('signals back-pressure until the receiver has consumed', async () => {
    const { listener } = setup(1000);
    const t = new MemoryTransport(listener);
    const h = collector();
    await t.connect(h);
    let ok = true;
    for (let i = 0; i < 20 && ok; i++) ok = t.send(Buffer.alloc(100));
    expect(ok).toBe(false);
    expect(t.congested).toBe(true);
    await until(() => h.drains === 1, 'drain');
    expect(t.congested).toBe(false);
  });

  it('records every frame both ways with timestamps', async () => {
    const { listener } = setup();
    const rec = new RecordingTransport(new MemoryTransport(listener));
    const h = collector();
    await rec.connect(h);
    rec.send(Buffer.from([0, 1]));
    rec.send(Buffer.from([0, 2]));
    await until(() => h.got.length === 2);
    expect(rec.frames.map((f) => [f.direction, f.data.toString('hex')])).toEqual([
      ['out', '0001'],
      ['out', '0002'],
      ['in', '0001ee'],
      ['in', '0002ee'],
    ]);
    expect(rec.frames.every((f, i) => i === 0 || f.atMs >= rec.frames[i - 1].atMs)).toBe(true);
    expect(rec.frames[0].time).toBeGreaterThan(1.6e12);
  });

  it('injects drops, delays, send and connect errors, and a disconnect after N messages', async () => {
    const { listener, serverGot } = setup();
    const f = new FaultyTransport(new MemoryTransport(listener));
    f.failConnects();
    await expect(f.connect(collector())).rejects.toThrow(/injected connect failure/);
    f.failConnects(null);
    const h = collector();
    await f.connect(h);
    f.drop(1, { direction: 'out', msgId: (id) => id === 2 });
    f.send(Buffer.from([0, 1]));
    f.send(Buffer.from([0, 2])); // dropped
    f.send(Buffer.from([0, 3]));
    await until(() => h.got.length === 2);
    expect(serverGot.map((b) => b[1])).toEqual([1, 3]);
    f.delay(30, { direction: 'in' });
    const t0 = performance.now();
    f.send(Buffer.from([0, 4]));
    await until(() => h.got.length === 3);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(25);
    f.delay(0);
    f.failSends();
    expect(() => f.send(Buffer.from([0, 5]))).toThrow(/injected send failure/);
    f.failSends(null);
    f.disconnectAfter(3); // out + in of the next, then the out of the one after
    f.send(Buffer.from([0, 6]));
    f.send(Buffer.from([0, 7]));
    await until(() => h.closed.length === 1, 'disconnect');
    expect(h.closed[0]).toBeInstanceOf(VppConnectionError);
  });
});
