import { createServer, connect as netConnect, type Server, type Socket } from 'node:net';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VppClient } from '../../src/api/client/client.js';
import {
  VppApiError,
  VppConnectionError,
  VppRestartedError,
  VppTimeoutError,
  VppUnavailableError,
  VppUnsupportedMessageError,
} from '../../src/api/client/errors.js';
import { FaultyTransport, RecordingTransport, UnixSocketTransport } from '../../src/api/transport/index.js';
import { SimServer } from '../../src/sim/server.js';
import {
  TEST_HANDLERS,
  TEST_MODULE,
  settle,
  tempSocket,
  testDefinitions,
  until,
  type ApiMessage,
  type TempSocket,
} from './client-helpers.js';

let sock: TempSocket;
let server: SimServer;
const clients: VppClient[] = [];

async function connect(opts: Parameters<typeof VppClient.connect>[0] = {}): Promise<VppClient> {
  const c = await VppClient.connect({ socket: sock.path, ...opts });
  clients.push(c);
  return c;
}

beforeEach(async () => {
  sock = tempSocket();
  server = await SimServer.start({
    socket: sock.path,
    definitions: testDefinitions(),
    handlers: TEST_HANDLERS,
  });
});

afterEach(async () => {
  for (const c of clients.splice(0)) await c.disconnect();
  await server.close();
  sock.cleanup();
});

describe('VppClient over a Unix socket: connect', () => {
  it('does the handshake, takes the message table and loads definitions through get_api_json', async () => {
    const c = await connect({ name: 'test-client' });
    expect(c.clientIndex).toBe(0x80000001);
    expect(c.messageTable.get('sockclnt_create_455fb9c4')).toBe(15);
    expect(c.messageTable.get('sockclnt_create_reply_35166268')).toBe(16);
    expect(c.messageTable.get('test_call_0badc0de')).toBe(server.table.idOf('test_call'));
    expect(c.messageTable.size).toBe(server.definitions.messages.size);
    // Everything the server has, learnt from VPP itself (bootstrap from the bundled memclnt).
    expect([...c.definitions.messages.keys()].sort()).toEqual([...server.definitions.messages.keys()].sort());
    expect(c.validateMessageTable()).toEqual([]);
    const v = await c.call('show_version');
    expect(v).toMatchObject({ retval: 0, program: 'vpe', version: 'vppstate-sim' });
    const ping = await c.call('control_ping');
    expect(ping).toMatchObject({ retval: 0, client_index: c.clientIndex, vpe_pid: process.pid });
  });

  it('works over the in-process transport too, and with definitions given up front', async () => {
    const c = await connect({ transport: server.memoryTransport(), definitions: testDefinitions() });
    expect((await c.call('test_call', { value: 7, tag: 'mem' })).value).toBe(7);
  });

  it('refuses messages whose crc VPP does not have, naming the crc VPP has instead', async () => {
    const changed = structuredClone(TEST_MODULE);
    const msgs = changed.messages as unknown[][];
    const call = msgs.find((m) => m[0] === 'test_call') as unknown[];
    (call[call.length - 1] as { crc: string }).crc = '0x00c0ffee';
    const c = await connect({ definitions: testDefinitions(changed) });
    expect(c.validateMessageTable()).toEqual([
      { name: 'test_call', crc: '0x00c0ffee', vppCrc: '0x0badc0de' },
    ]);
    expect(c.supports('test_call')).toBe(false);
    const err = await c.call('test_call', { value: 1 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(VppUnsupportedMessageError);
    expect((err as Error).message).toBe(
      "test_call: test_call_00c0ffee is not in VPP's message table; VPP has test_call_0badc0de instead: the definitions do not match this VPP",
    );
    await expect(c.call('no_such_message')).rejects.toThrow(
      /no_such_message: no such message in the API definitions/,
    );
  });

  it('disconnects cleanly with sockclnt_delete', async () => {
    const rec = new RecordingTransport(new UnixSocketTransport(sock.path));
    const c = await VppClient.connect({ transport: rec });
    await until(() => server.clients.size === 1);
    await c.disconnect();
    await until(() => server.clients.size === 0, 'server to forget the client');
    const deleteId = c.messageTable.get('sockclnt_delete_8ac76db6');
    expect(rec.frames.some((f) => f.direction === 'out' && f.data.readUInt16BE(0) === deleteId)).toBe(true);
    await expect(c.call('control_ping')).rejects.toBeInstanceOf(VppConnectionError);
  });
});

describe('VppClient over a Unix socket: calls', () => {
  it('matches a reply to its call', async () => {
    const c = await connect();
    expect(await c.call('test_call', { value: 42, tag: 'hello' })).toMatchObject({
      retval: 0,
      value: 42,
      tag: 'hello',
    });
  });

  it('rejects a negative retval with VppApiError naming the errno', async () => {
    const c = await connect();
    const err = (await c
      .call('test_call', { value: 1, tag: 'retval:-114' })
      .catch((e: unknown) => e)) as VppApiError;
    expect(err).toBeInstanceOf(VppApiError);
    expect(err.message).toBe(
      'test_call: VNET_API_ERROR_ADDRESS_FOUND_FOR_INTERFACE (-114) Address found for interface',
    );
    expect(err).toMatchObject({
      msgName: 'test_call',
      retval: -114,
      errnoName: 'VNET_API_ERROR_ADDRESS_FOUND_FOR_INTERFACE',
      code: 'VPP_API_ERROR',
    });
    server.faults.failNth('test_call', 2, -167);
    await c.call('test_call', { value: 1 });
    await expect(c.call('test_call', { value: 2 })).rejects.toThrow('test_call: VNET_API_ERROR_BUSY (-167)');
    await expect(c.call('test_call', { value: 3, tag: 'retval:-999' })).rejects.toThrow(
      'test_call: UNKNOWN_ERROR_-999 (-999) Unknown error',
    );
  });

  it('times out, and discards the late reply instead of giving it to the next caller', async () => {
    const c = await connect();
    server.faults.stall('test_call');
    const late = c.call('test_call', { value: 1, tag: 'late' }, { timeoutMs: 50 });
    await expect(late).rejects.toBeInstanceOf(VppTimeoutError);
    await expect(late).rejects.toThrow('test_call: no reply from VPP within 50 ms');
    const next = c.call('test_call', { value: 2, tag: 'next' }, { timeoutMs: 5000 }); // held too
    server.faults.release('test_call'); // both answered now: the late one first
    expect(await next).toMatchObject({ value: 2, tag: 'next' });
    expect(await c.call('test_call', { value: 3, tag: 'after' })).toMatchObject({ value: 3, tag: 'after' });
    expect(c.stats().get('test_call')?.count).toBe(3);
  });

  it('pipelines 10,000 calls and matches every reply to its call', async () => {
    const c = await connect();
    const n = 10_000;
    const replies = await Promise.all(
      Array.from({ length: n }, (_, i) => c.call('test_call', { value: i, tag: `t${i}` })),
    );
    replies.forEach((r, i) => {
      expect(r.value).toBe(i);
      expect(r.tag).toBe(`t${i}`);
    });
    expect(c.stats().get('test_call')).toMatchObject({ count: n });
    expect(c.inFlight).toBe(0);
  });

  it('wraps the u32 context around without using 0 or colliding', async () => {
    const rec = new RecordingTransport(new UnixSocketTransport(sock.path));
    const c = await VppClient.connect({ transport: rec, firstContext: 0xfffffff0 });
    clients.push(c);
    rec.clear();
    const replies = await Promise.all(
      Array.from({ length: 40 }, (_, i) => c.call('test_call', { value: i })),
    );
    expect(replies.map((r) => r.value)).toEqual([...Array(40).keys()]);
    const contexts = rec.frames.filter((f) => f.direction === 'out').map((f) => f.data.readUInt32BE(6));
    expect(contexts).toContain(0xffffffff);
    expect(contexts).toContain(1);
    expect(contexts).not.toContain(0);
    expect(new Set(contexts).size).toBe(40);
  });

  it('answers keepalives from VPP', async () => {
    await connect();
    server.sendKeepalive();
    await until(() => server.keepaliveReplies === 1, 'keepalive reply');
  });

  it('logs every call at debug level: message, context, retval, duration', async () => {
    const lines: Array<Record<string, unknown>> = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, cb) {
        for (const l of chunk.toString().split('\n'))
          if (l) lines.push(JSON.parse(l) as Record<string, unknown>);
        cb();
      },
    });
    const c = await connect({ logger: pino({ level: 'debug' }, sink) });
    await c.call('test_call', { value: 5, tag: 'retval:-2' }).catch(() => undefined);
    await until(() => lines.some((l) => l.api === 'test_call'));
    expect(lines.find((l) => l.api === 'test_call')).toMatchObject({
      api: 'test_call',
      retval: -2,
      msg: 'call',
    });
    expect(typeof lines.find((l) => l.api === 'test_call')?.durationMs).toBe('number');
  });
});

describe('VppClient over a Unix socket: dumps', () => {
  it('collects a classic dump of thousands of details (control_ping ends it)', async () => {
    const c = await connect();
    const details = await c.dump('test_dump', { count: 5000 });
    expect(details).toHaveLength(5000);
    expect(details.map((d) => d.seq)).toEqual([...Array(5000).keys()]);
    expect(details[4999]).toMatchObject({ name: 'item4999' });
    expect(await c.dump('test_dump', { count: 0 })).toEqual([]);
  });

  it('streams a dump as an async iterator, and survives leaving it early', async () => {
    const c = await connect();
    let n = 0;
    for await (const d of c.dumpIter('test_dump', { count: 3000 })) {
      expect(d.seq).toBe(n++);
    }
    expect(n).toBe(3000);
    for await (const d of c.dumpIter('test_dump', { count: 3000 })) if (d.seq === 10) break;
    expect((await c.call('test_call', { value: 9 })).value).toBe(9);
    expect(await c.dump('test_dump', { count: 3 })).toHaveLength(3);
  });

  it('ends dumps started together with one control_ping, each with exactly its own details', async () => {
    const rec = new RecordingTransport(new UnixSocketTransport(sock.path));
    const c = await VppClient.connect({ transport: rec });
    clients.push(c);
    const pingId = c.messageTable.get('control_ping_51077d14');
    const pings = (): number =>
      rec.frames.filter((f) => f.direction === 'out' && f.data.readUInt16BE(0) === pingId).length;
    const before = pings();
    const counts = Array.from({ length: 40 }, (_, i) => (i * 7) % 23);
    const got = await Promise.all(counts.map((count) => c.dump('test_dump', { count })));
    expect(got.map((d) => d.length)).toEqual(counts);
    expect(got.every((d, i) => d.every((x, k) => x.seq === k && d.length === counts[i]))).toBe(true);
    expect(pings() - before).toBe(1);
    // One left early does not disturb the others of its group; the client goes on serving.
    const early = (async () => {
      for await (const d of c.dumpIter('test_dump', { count: 500 })) if (d.seq === 3) break;
    })();
    const [, a, b] = await Promise.all([
      early,
      c.dump('test_dump', { count: 5 }),
      c.dump('test_dump', { count: 2 }),
    ]);
    expect([a.length, b.length]).toEqual([5, 2]);
    expect(c.inFlight).toBe(0);
    expect((await c.call('test_call', { value: 1 })).value).toBe(1);
  });

  it('hands each details message to a callback as it arrives (dumpEach), and counts them', async () => {
    const c = await connect();
    const seqs: number[] = [];
    expect(await c.dumpEach('test_dump', { count: 4000 }, (d) => seqs.push(Number(d.seq)))).toBe(4000);
    expect(seqs).toEqual([...Array(4000).keys()]);
    expect(await c.dumpEach('test_dump', { count: 0 }, () => seqs.push(-1))).toBe(0);
    // cursor services are followed, selections apply
    const got: ApiMessage[] = [];
    expect(
      await c.dumpEach('test_get', { count: 5, page: 2 }, (d) => got.push(d), { select: { seq: true } }),
    ).toBe(5);
    expect(got).toStrictEqual([0, 1, 2, 3, 4].map((seq) => ({ seq })));
    await expect(c.dumpEach('test_call', {}, () => undefined)).rejects.toThrow(/test_call is not a dump/);
  });

  it('ends a dumpEach whose callback throws with that error, and goes on serving', async () => {
    const c = await connect();
    let seen = 0;
    const boom = new Error('cannot take item 10');
    const err = await c
      .dumpEach('test_dump', { count: 3000 }, (d) => {
        seen++;
        if (d.seq === 10) throw boom;
      })
      .catch((e: unknown) => e);
    expect(err).toBe(boom);
    expect(seen).toBe(11); // nothing after the failure reaches the callback
    expect((await c.call('test_call', { value: 5 })).value).toBe(5);
    expect(await c.dump('test_dump', { count: 4 })).toHaveLength(4);
  });

  it('decodes only the selected fields of each details message, in every dump form', async () => {
    const c = await connect();
    const sel = { seq: true } as const;
    const all = await c.dump('test_dump', { count: 3 }, { select: sel });
    expect(all).toStrictEqual([{ seq: 0 }, { seq: 1 }, { seq: 2 }]);
    const it: ApiMessage[] = [];
    for await (const d of c.dumpIter('test_dump', { count: 2 }, { select: { name: true } })) it.push(d);
    expect(it).toStrictEqual([{ name: 'item0' }, { name: 'item1' }]);
    const cur: ApiMessage[] = [];
    for await (const d of c.detailsIter('test_get', { cursor: 0, count: 3, page: 2 }, { select: sel }))
      cur.push(d);
    expect(cur).toStrictEqual([{ seq: 0 }, { seq: 1 }, { seq: 2 }]);
    // A misspelt field fails the dump before anything is sent; the connection carries on.
    await expect(c.dump('test_dump', { count: 1 }, { select: { sqe: true } })).rejects.toThrow(
      /selection for test_details: no field sqe/,
    );
    expect(await c.dump('test_dump', { count: 1 })).toMatchObject([{ seq: 0, name: 'item0' }]);
  });

  it('dumps a stream_msg service: details, then its reply', async () => {
    const c = await connect();
    const rec: ApiMessage[] = [];
    for await (const d of c.dumpIter('test_get', { cursor: 0, count: 5, page: 100 })) rec.push(d);
    expect(rec.map((d) => d.seq)).toEqual([0, 1, 2, 3, 4]);
  });

  it('follows the cursor across -165 rounds, yielding each details once, and stops on retval 0 whatever the cursor', async () => {
    const c = await connect();
    const rec = new RecordingTransport(new UnixSocketTransport(sock.path));
    const c2 = await VppClient.connect({ transport: rec });
    clients.push(c2);
    rec.clear();
    const seqs: number[] = [];
    for await (const d of c2.detailsIter('test_get', { count: 23, page: 7 })) seqs.push(Number(d.seq));
    expect(seqs).toEqual([...Array(23).keys()]);
    const getId = c2.messageTable.get('test_get_4badc0de');
    const cursors = rec.frames
      .filter((f) => f.direction === 'out' && f.data.readUInt16BE(0) === getId)
      .map((f) => f.data.readUInt32BE(10));
    expect(cursors).toEqual([0, 7, 14, 21]); // 3 rounds answered -165, the 4th 0 with cursor 6
    expect(await c.dump('test_get', { count: 23, page: 5 })).toHaveLength(23);
  });

  it('ends cursor iteration on another retval with VppApiError, after the details it got', async () => {
    const c = await connect();
    const seqs: number[] = [];
    const run = async (): Promise<void> => {
      for await (const d of c.detailsIter('test_get', { count: 1015, page: 5 })) seqs.push(Number(d.seq));
    };
    await expect(run()).rejects.toThrow(
      'test_get: VNET_API_ERROR_INVALID_SW_IF_INDEX (-2) Invalid sw_if_index',
    );
    expect(seqs).toEqual([...Array(15).keys()]);
  });

  it('matches a reply sent under another name than declared (test_get_v2 → test_get_reply), never hanging', async () => {
    const c = await connect();
    const got = await c.dump('test_get_v2', { cursor: 0 }, { timeoutMs: 2000 });
    expect(got).toEqual([]);
  });

  it('delivers events interleaved with replies and dump details to listeners and iterators', async () => {
    const c = await connect();
    const seen: number[] = [];
    c.on('test_event', (e) => seen.push(Number(e.seq)));
    const it = c.events('test_event');
    server.register('test_dump', ({ msg, client }) => ({
      details: (function* () {
        for (let i = 0; i < Number(msg.count); i++) {
          if (i % 100 === 0) client.sendEvent('test_event', { pid: 1, seq: 1000 + i });
          yield { name: 'test_details', fields: { seq: i } };
        }
      })(),
    }));
    const [sub, details, call] = await Promise.all([
      c.call('want_test_events', { enable_disable: true, pid: 77 }),
      c.dump('test_dump', { count: 500 }),
      c.call('test_call', { value: 3 }),
    ]);
    expect(sub.retval).toBe(0);
    expect(details).toHaveLength(500);
    expect(call.value).toBe(3);
    await until(() => seen.length === 8, 'events');
    expect(seen).toEqual([1, 2, 3, 1000, 1100, 1200, 1300, 1400]);
    const first = await it.next();
    expect(first.value).toMatchObject({ seq: 1, pid: 77, client_index: c.clientIndex });
    await it.return?.();
  });
});

/**
 * A proxy between client and server that re-chunks the stream: VPP → client one byte per write
 * (each on its own turn of the event loop), client → VPP coalesced into bursts.
 */
async function chopProxy(
  target: string,
  path: string,
): Promise<{ server: Server; toClient: Socket[]; inject: (b: Buffer) => void }> {
  const toClient: Socket[] = [];
  const server = createServer((down) => {
    toClient.push(down);
    const up = netConnect(target);
    let pending: Buffer[] = [];
    down.on('data', (b: Buffer) => {
      pending.push(b);
      if (pending.length === 1)
        setTimeout(() => {
          up.write(Buffer.concat(pending));
          pending = [];
        }, 2);
    });
    let chain = Promise.resolve();
    up.on('data', (b: Buffer) => {
      chain = chain.then(async () => {
        for (const byte of b) {
          if (down.destroyed) return;
          down.write(Buffer.from([byte]));
          await new Promise((r) => setImmediate(r));
        }
      });
    });
    up.on('close', () => down.destroy());
    down.on('close', () => up.destroy());
    up.on('error', () => undefined);
    down.on('error', () => undefined);
  });
  await new Promise<void>((r) => server.listen(path, r));
  return { server, toClient, inject: (b) => toClient[0].write(b) };
}

describe('VppClient over a Unix socket: framing', () => {
  it('handles replies split at every byte boundary and requests coalesced', async () => {
    const proxy = await chopProxy(sock.path, `${sock.path}.proxy`);
    try {
      const c = await connect({ socket: `${sock.path}.proxy`, definitions: testDefinitions() });
      const [details, replies] = await Promise.all([
        c.dump('test_dump', { count: 60 }),
        Promise.all(Array.from({ length: 30 }, (_, i) => c.call('test_call', { value: i, tag: `v${i}` }))),
      ]);
      expect(details.map((d) => d.seq)).toEqual([...Array(60).keys()]);
      expect(replies.map((r) => r.tag)).toEqual(Array.from({ length: 30 }, (_, i) => `v${i}`));
    } finally {
      for (const s of proxy.toClient) s.destroy();
      await new Promise((r) => proxy.server.close(r));
    }
  });

  it('drops the connection on a hostile frame length and rejects what is pending', async () => {
    const proxy = await chopProxy(sock.path, `${sock.path}.proxy`);
    try {
      const c = await connect({ socket: `${sock.path}.proxy`, definitions: testDefinitions() });
      server.faults.stall('test_call');
      const pending = settle(c.call('test_call', { value: 1 }));
      const hostile = Buffer.alloc(16);
      hostile.writeUInt32BE(0xfffffff0, 8);
      proxy.inject(hostile);
      const r = await pending;
      expect(!r.ok && r.error).toBeInstanceOf(VppConnectionError);
      expect(!r.ok && String(r.error)).toMatch(/exceeds the maximum/);
      expect(c.connected).toBe(false);
    } finally {
      for (const s of proxy.toClient) s.destroy();
      await new Promise((r) => proxy.server.close(r));
    }
  });
});

describe('VppClient over a Unix socket: connection failures', () => {
  it('rejects every pending call when the connection drops mid-dump', async () => {
    const c = await connect();
    server.faults.dropAfter(700);
    const dump = settle(c.dump('test_dump', { count: 5000 }));
    const calls = Array.from({ length: 50 }, (_, i) => settle(c.call('test_call', { value: i })));
    const iter = settle(
      (async () => {
        for await (const _ of c.dumpIter('test_dump', { count: 5000 })) void _;
      })(),
    );
    const results = await Promise.all([dump, iter, ...calls]);
    expect(results.every((r) => !r.ok && r.error instanceof VppConnectionError)).toBe(true);
    expect(c.connected).toBe(false);
    await expect(c.call('control_ping')).rejects.toBeInstanceOf(VppConnectionError);
  });

  it('reconnects after a server restart, reloads the changed message table and tells subscribers', async () => {
    const c = await connect({ reconnect: { minDelayMs: 10, maxDelayMs: 50 } });
    const before = c.messageTable.get('test_call_0badc0de');
    let reconnects = 0;
    let disconnects = 0;
    c.onReconnect(() => reconnects++);
    c.onDisconnect(() => disconnects++);
    server.faults.stall('test_call');
    const inflight = settle(c.call('test_call', { value: 1 }));
    await until(() => c.inFlight === 1);
    let resets = 0;
    server.onRestart(() => resets++);
    await server.restart({ downMs: 50 });
    server.faults.release();
    const r = await inflight;
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toBeInstanceOf(VppConnectionError);
    await until(() => reconnects === 1, 'reconnect');
    expect(disconnects).toBe(1);
    expect(resets).toBe(1);
    const after = c.messageTable.get('test_call_0badc0de');
    expect(after).not.toBe(before);
    expect(after).toBe(server.table.idOf('test_call'));
    expect(await c.call('test_call', { value: 11 })).toMatchObject({ value: 11 });
    expect(await c.dump('test_dump', { count: 10 })).toHaveLength(10);
  });

  it('keeps trying when a reconnect attempt fails half-way, and reconnects once', async () => {
    const c = await connect({ reconnect: { minDelayMs: 10, maxDelayMs: 40 } });
    let reconnects = 0;
    let disconnects = 0;
    c.onReconnect(() => reconnects++);
    c.onDisconnect(() => disconnects++);
    await server.restart();
    server.faults.dropAfter(1); // the next handshake reply is the last thing that connection gets
    await until(() => reconnects === 1, 'reconnect');
    await new Promise((r) => setTimeout(r, 100));
    expect([reconnects, disconnects]).toEqual([1, 1]);
    expect(server.clients.size).toBe(1);
    expect((await c.call('test_call', { value: 4 })).value).toBe(4);
  });

  it('waits for the reconnect when a call is made while VPP cannot be reached, then sends it', async () => {
    const faulty = new FaultyTransport(new UnixSocketTransport(sock.path));
    const c = await connect({ transport: faulty, reconnect: { minDelayMs: 20, maxDelayMs: 50 } });
    const pid = c.vppPid;
    faulty.failConnects();
    faulty.destroy(); // the connection drops; VPP itself stays up (same pid)
    await until(() => !c.connected, 'disconnect seen');
    const call = settle(c.call('test_call', { value: 5 }, { timeoutMs: 5000 }));
    await new Promise((r) => setTimeout(r, 100));
    faulty.failConnects(null);
    const r = await call;
    expect(r.ok && r.value.value).toBe(5);
    expect(c.vppPid).toBe(pid);
  });

  it('learns VPP’s pid at connect and finds another one after a restart', async () => {
    const c = await connect({ reconnect: { minDelayMs: 10, maxDelayMs: 50 } });
    expect(c.vppPid).toBe(process.pid);
    const restarts: VppRestartedError[] = [];
    c.onRestart((e) => restarts.push(e));
    await server.restart();
    await until(() => restarts.length === 1, 'restart seen');
    expect(c.vppPid).toBe(server.pid);
    expect(c.vppPid).not.toBe(process.pid);
    expect(restarts[0].message).toMatch(/restarted \(pid \d+ → \d+\)/);
  });

  it('after a restart, fails calls made for the previous VPP and serves new ones (afterRestart: continue)', async () => {
    const c = await connect({ reconnect: { minDelayMs: 20, maxDelayMs: 50 } });
    const restarting = server.restart({ downMs: 150 });
    await until(() => !c.connected, 'disconnect seen');
    const waiting = settle(c.call('test_call', { value: 5 }, { timeoutMs: 5000 }));
    const r = await waiting;
    expect(!r.ok && r.error).toBeInstanceOf(VppRestartedError);
    expect(!r.ok && (r.error as VppRestartedError).code).toBe('VPP_RESTARTED');
    await restarting;
    expect((await c.call('test_call', { value: 6 })).value).toBe(6);
  });

  it('closes after a restart when told to (afterRestart: close): every later call fails at once', async () => {
    const c = await connect({ reconnect: { minDelayMs: 10, maxDelayMs: 50, afterRestart: 'close' } });
    let restarted = false;
    c.onRestart(() => (restarted = true));
    await server.restart();
    await until(() => restarted, 'restart seen');
    const err = await c.call('test_call', { value: 1 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(VppRestartedError);
    expect(c.connected).toBe(false);
    await until(() => server.clients.size === 0, 'the client left the new VPP');
  });

  it('gives up reconnecting within giveUpAfterMs and then fails every call at once, saying why', async () => {
    const c = await connect({ reconnect: { minDelayMs: 20, maxDelayMs: 100, giveUpAfterMs: 400 } });
    await server.close(); // VPP is gone: nothing listens on the socket
    await until(() => !c.connected, 'disconnect seen');
    const t0 = performance.now();
    const err = await c.call('test_call', { value: 1 }, { timeoutMs: 10_000 }).catch((e: unknown) => e);
    const ms = performance.now() - t0;
    expect(err).toBeInstanceOf(VppUnavailableError);
    expect((err as VppUnavailableError).code).toBe('VPP_UNAVAILABLE');
    expect(String(err)).toMatch(
      /could not reconnect: \d+ attempts in 0\.\d s, the last: cannot connect to VPP at .*(ECONNREFUSED|ENOENT)/,
    );
    expect(ms).toBeLessThan(2000);
    const again = await c.call('control_ping').catch((e: unknown) => e);
    expect(again).toBe(err);
    server = await SimServer.start({
      socket: sock.path,
      definitions: testDefinitions(),
      handlers: TEST_HANDLERS,
    });
  });

  it('drops the connection when VPP answers nothing for a whole timeout (stopped), failing what is in flight', async () => {
    const c = await connect({ timeoutMs: 300 });
    server.faults.stall('test_call');
    const t0 = performance.now();
    const first = settle(c.call('test_call', { value: 0 }));
    // Later calls would wait 10 s each; they fail as soon as the first shows VPP is silent.
    const rest = Array.from({ length: 20 }, (_, i) =>
      settle(c.call('test_call', { value: i + 1 }, { timeoutMs: 10_000 })),
    );
    const r0 = await first;
    expect(!r0.ok && r0.error).toBeInstanceOf(VppTimeoutError);
    const results = await Promise.all(rest);
    expect(performance.now() - t0).toBeLessThan(2000);
    const lost = results.map((r) => (!r.ok ? r.error : null)) as VppConnectionError[];
    expect(lost.every((e) => e instanceof VppConnectionError && e.outcomeUnknown)).toBe(true);
    expect(lost[0].message).toMatch(
      /test_call was in flight \(VPP may or may not have done it\): VPP sent nothing for \d+ ms while 21 requests waited \(test_call first, for 300 ms\): it is stopped \(SIGSTOP\), hung or overloaded/,
    );
    expect(c.connected).toBe(false);
    server.faults.release();
  });

  it('keeps the connection when VPP is slow but answering (only the slow call times out)', async () => {
    const c = await connect({ timeoutMs: 300 });
    server.faults.stall('test_call');
    const stalled = settle(c.call('test_call', { value: 1 }, { timeoutMs: 200 }));
    const r = await stalled;
    expect(!r.ok && r.error).toBeInstanceOf(VppTimeoutError);
    expect(c.connected).toBe(true);
    expect((await c.call('control_ping')).retval).toBe(0);
    server.faults.release();
  });

  it('pushes many large requests through a slowly reading server (back-pressure)', async () => {
    const c = await connect();
    server.faults.slowReader(4 * 1024 * 1024);
    const data = new Uint8Array(8000).fill(7);
    const replies = await Promise.all(
      Array.from({ length: 400 }, () => c.call('test_blob', { len: data.length, data })),
    );
    expect(replies.every((r) => r.len === 8000)).toBe(true);
  });
});
