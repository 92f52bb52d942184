import { connect as netConnect, type Socket } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VppClient, bundledDefinitions } from '../../src/api/client/client.js';
import { VppApiError, VppConnectionError } from '../../src/api/client/errors.js';
import { ApiCodec } from '../../src/api/codec/index.js';
import {
  FrameReader,
  RecordingTransport,
  UnixSocketTransport,
  encodeFrame,
} from '../../src/api/transport/index.js';
import { SimServer } from '../../src/sim/server.js';
import {
  TEST_HANDLERS,
  settle,
  tempSocket,
  testDefinitions,
  until,
  type TempSocket,
} from '../api/client-helpers.js';

let sock: TempSocket;
let server: SimServer;
const clients: VppClient[] = [];
const raws: Socket[] = [];

async function connect(opts: Parameters<typeof VppClient.connect>[0] = {}): Promise<VppClient> {
  const c = await VppClient.connect({ socket: sock.path, definitions: testDefinitions(), ...opts });
  clients.push(c);
  return c;
}

/** A bare socket speaking the protocol by hand (to misbehave, or to not read). */
async function rawClient(): Promise<{
  socket: Socket;
  got: Buffer[];
  closed: () => boolean;
  table: Map<string, number>;
  index: number;
}> {
  const socket = netConnect(sock.path);
  raws.push(socket);
  await new Promise<void>((r) => socket.once('connect', () => r()));
  const got: Buffer[] = [];
  let closed = false;
  const reader = new FrameReader((m) => got.push(Buffer.from(m)));
  socket.on('data', (b: Buffer) => reader.push(b));
  socket.on('close', () => (closed = true));
  socket.on('error', () => undefined);
  const codec = new ApiCodec(bundledDefinitions());
  socket.write(encodeFrame(codec.message('sockclnt_create').encode({ name: 'raw' }, 15)));
  await until(() => got.length === 1, 'handshake reply');
  const reply = codec.message('sockclnt_create_reply').decode(got.shift() as Buffer);
  const table = new Map(
    (reply.message_table as Array<{ index: number; name: string }>).map((e) => [e.name, e.index]),
  );
  return { socket, got, closed: () => closed, table, index: Number(reply.index) };
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
  for (const r of raws.splice(0)) r.destroy();
  await server.close();
  sock.cleanup();
});

describe('SimServer protocol', () => {
  it('serves many clients at once, each with its own client_index', async () => {
    const cs = await Promise.all(Array.from({ length: 12 }, () => connect()));
    expect(new Set(cs.map((c) => c.clientIndex)).size).toBe(12);
    expect(server.clients.size).toBe(12);
    const results = await Promise.all(
      cs.map((c, k) =>
        Promise.all(Array.from({ length: 100 }, (_, i) => c.call('test_call', { value: k * 1000 + i }))),
      ),
    );
    results.forEach((rs, k) => rs.forEach((r, i) => expect(r.value).toBe(k * 1000 + i)));
  });

  it('gives the table from its own definitions, handshake ids pinned to 15/16', async () => {
    const raw = await rawClient();
    expect(raw.table.get('sockclnt_create_455fb9c4')).toBe(15);
    expect(raw.table.get('sockclnt_create_reply_35166268')).toBe(16);
    expect(raw.table.size).toBe(server.definitions.messages.size);
    expect(raw.table.get('test_call_0badc0de')).toBe(server.table.idOf('test_call'));
    expect(raw.index).toBe(0x80000001);
  });

  it('answers UNIMPLEMENTED where no handler is registered, and an empty dump', async () => {
    await server.close();
    server = await SimServer.start({ socket: sock.path, definitions: testDefinitions() });
    const c = await connect();
    await expect(c.call('test_call', { value: 1 })).rejects.toThrow(
      'test_call: VNET_API_ERROR_UNIMPLEMENTED (-9) Unimplemented',
    );
    expect(await c.dump('test_dump', { count: 5 })).toEqual([]);
    expect(() => server.register('nope', () => ({}))).toThrow(/not in the server's definitions/);
    server.register('test_get', () => ({ details: [{ name: 'test_get_details', fields: { seq: 4 } }] })); // reply defaulted
    expect((await c.dump('test_get', { cursor: 0 })).map((d) => d.seq)).toEqual([4]);
  });

  it('drops messages before the handshake, unknown ids and hostile frame lengths, and keeps serving others', async () => {
    const early = netConnect(sock.path);
    raws.push(early);
    await new Promise<void>((r) => early.once('connect', () => r()));
    early.on('error', () => undefined);
    early.write(encodeFrame(Buffer.from([0, 99, 0, 0, 0, 0, 0, 0, 0, 1])));
    const raw = await rawClient();
    raw.socket.write(encodeFrame(Buffer.from([0xff, 0xf0, 0, 0, 0, 0, 0, 0, 0, 1]))); // unknown id
    const ping = new ApiCodec(testDefinitions()).message('control_ping');
    raw.socket.write(
      encodeFrame(
        ping.encode({ client_index: raw.index, context: 9 }, raw.table.get(ping.nameCrc) as number),
      ),
    );
    await until(() => raw.got.length === 1, 'ping reply');
    expect(raw.got[0].readUInt32BE(2)).toBe(9);
    const hostile = Buffer.alloc(16);
    hostile.writeUInt32BE(0xffffffff, 8);
    raw.socket.write(hostile);
    await until(() => raw.closed(), 'server to drop the hostile client');
    const c = await connect();
    expect((await c.call('control_ping')).retval).toBe(0);
  });

  it('streams details from an iterable only as fast as the client reads', async () => {
    let pulled = 0;
    server.register('test_dump', () => ({
      details: (function* () {
        for (let i = 0; i < 5_000_000; i++) {
          pulled++;
          yield { name: 'test_details', fields: { seq: i, name: 'x'.repeat(30) } };
        }
      })(),
    }));
    const raw = await rawClient();
    raw.socket.pause(); // a client that does not read
    const dump = new ApiCodec(testDefinitions()).message('test_dump');
    raw.socket.write(
      encodeFrame(
        dump.encode({ client_index: raw.index, context: 1 }, raw.table.get(dump.nameCrc) as number),
      ),
    );
    await until(() => pulled > 0, 'details to start');
    await new Promise((r) => setTimeout(r, 300));
    const stalledAt = pulled;
    await new Promise((r) => setTimeout(r, 200));
    expect(pulled).toBe(stalledAt); // waiting for the socket to drain, not buffering 5 M messages
    expect(pulled).toBeLessThan(200_000);
    raw.socket.resume();
    await until(() => pulled > stalledAt + 1000, 'streaming to resume');
  });

  it('stops reading requests from a client that does not read its replies', async () => {
    const raw = await rawClient();
    raw.socket.pause();
    const ping = new ApiCodec(testDefinitions()).message('control_ping');
    const frame = encodeFrame(
      ping.encode({ client_index: raw.index, context: 1 }, raw.table.get(ping.nameCrc) as number),
    );
    const n = 80_000; // 2 MB of requests, 2.9 MB of replies nobody reads
    const burst = Buffer.alloc(frame.length * n);
    for (let i = 0; i < n; i++) frame.copy(burst, i * frame.length);
    raw.socket.write(burst);
    await new Promise((r) => setTimeout(r, 1000));
    // The server stopped taking requests, so the rest waits in our own send buffer.
    expect(raw.socket.writableLength).toBeGreaterThan(0);
    raw.socket.resume();
    await until(() => raw.socket.writableLength === 0, 'requests to flow again', 20_000);
  });

  it('sends events a handler raises after its reply', async () => {
    const rec = new RecordingTransport(new UnixSocketTransport(sock.path));
    const c = await VppClient.connect({ transport: rec, definitions: testDefinitions() });
    clients.push(c);
    const events: number[] = [];
    c.on('test_event', (e) => events.push(Number(e.seq)));
    rec.clear();
    await c.call('want_test_events', { enable_disable: true, pid: 1 });
    await until(() => events.length === 3);
    const ins = rec.frames.filter((f) => f.direction === 'in').map((f) => f.data.readUInt16BE(0));
    expect(ins).toEqual([
      server.table.idOf('want_test_events_reply'),
      server.table.idOf('test_event'),
      server.table.idOf('test_event'),
      server.table.idOf('test_event'),
    ]);
  });

  it('closes the connection after sockclnt_delete', async () => {
    const c = await connect();
    await until(() => server.clients.size === 1);
    await c.disconnect();
    await until(() => server.clients.size === 0);
  });

  it('serves in-process clients too', async () => {
    const c = await connect({ transport: server.memoryTransport(), reconnect: { minDelayMs: 5 } });
    expect(await c.dump('test_dump', { count: 100 })).toHaveLength(100);
    expect(server.clients.size).toBe(1);
    let reconnected = false;
    c.onReconnect(() => (reconnected = true));
    await server.restart();
    await until(() => reconnected, 'in-process reconnect');
    expect(c.messageTable.get('test_call_0badc0de')).toBe(server.table.idOf('test_call'));
    expect((await c.call('test_call', { value: 8 })).value).toBe(8);
  });
});

describe('SimServer faults', () => {
  it('fails the n-th call of a message with the given retval', async () => {
    const c = await connect();
    server.faults.failNth('test_call', 3, -119);
    const rs = await Promise.all(
      Array.from({ length: 5 }, (_, i) => settle(c.call('test_call', { value: i }))),
    );
    expect(rs.map((r) => r.ok)).toEqual([true, true, false, true, true]);
    const failed = rs[2];
    expect(!failed.ok && failed.error).toBeInstanceOf(VppApiError);
    expect(!failed.ok && (failed.error as VppApiError).errnoName).toBe('VNET_API_ERROR_BD_ALREADY_EXISTS');
  });

  it('delays per message while keeping each client’s order', async () => {
    const c = await connect();
    server.faults.delay({ test_call: 30 });
    const order: string[] = [];
    await Promise.all([
      c.call('test_call', { value: 1 }).then(() => order.push('call')),
      c.call('control_ping').then(() => order.push('ping')),
    ]);
    expect(order).toEqual(['call', 'ping']); // VPP handles one client's requests in order
    server.faults.clear();
  });

  it('stalls a message until released, without blocking others', async () => {
    const c = await connect();
    server.faults.stall('test_call');
    const held = c.call('test_call', { value: 5 });
    expect((await c.call('control_ping')).retval).toBe(0);
    server.faults.release('test_call');
    expect((await held).value).toBe(5);
  });

  it('drops the connection after N sent messages', async () => {
    const c = await connect();
    server.faults.dropAfter(3);
    const r = await settle(c.dump('test_dump', { count: 50 }));
    expect(!r.ok && r.error).toBeInstanceOf(VppConnectionError);
  });

  it('restarts: drops clients, reshuffles every unpinned id, calls the reset hooks', async () => {
    const c = await connect();
    const before = new Map([...server.definitions.messages.keys()].map((n) => [n, server.table.idOf(n)]));
    let hook = 0;
    let reset = 0;
    server.onRestart(() => hook++);
    await server.restart({ onReset: () => reset++ });
    expect([hook, reset]).toEqual([1, 1]);
    await until(() => !c.connected);
    for (const [name, id] of before) {
      if (name === 'sockclnt_create' || name === 'sockclnt_create_reply')
        expect(server.table.idOf(name)).toBe(id);
      else expect(server.table.idOf(name)).not.toBe(id);
    }
    const c2 = await connect();
    expect(c2.messageTable.get('test_call_0badc0de')).toBe(server.table.idOf('test_call'));
    expect((await c2.call('test_call', { value: 2 })).value).toBe(2);
  });
});
