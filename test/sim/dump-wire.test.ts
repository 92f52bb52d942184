/**
 * Big dumps take shortcuts (kept encodings, hand-written ip_route_details and ip_route_v2_details
 * encoders): what the client reads must stay exactly what encoding the handler's fields with the
 * codec gives, dump after dump, as the FIB changes and across restarts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VppClient } from '../../src/api/client/client.js';
import { ApiCodec } from '../../src/api/codec/index.js';
import type { ApiMessage } from '../../src/api/types.js';
import { DetailsList, type WireCache } from '../../src/sim/protocol/details.js';
import { SimServer } from '../../src/sim/server.js';
import { type Simulator, simulatorDefinitions, startSimulator } from '../../src/sim/index.js';
import type { SimClient, SimHandler } from '../../src/sim/types.js';
import { createVppModel } from '../../src/sim/vpp/index.js';

const NONE = 0xffffffff;
type Call = (name: string, msg: ApiMessage) => Promise<ApiMessage> | ApiMessage;

function path(p: Partial<Record<string, unknown>>): ApiMessage {
  return { sw_if_index: NONE, weight: 1, ...p } as ApiMessage;
}

/** Interfaces with addresses (connected routes, a shown interface prefix) and routes of every kind. */
async function populate(call: Call): Promise<number[]> {
  const ifs: number[] = [];
  for (let i = 0; i < 3; i++) {
    const r = await call('create_loopback_instance', { mac_address: '00:00:00:00:00:00' });
    const sw = Number(r.sw_if_index);
    ifs.push(sw);
    await call('sw_interface_set_flags', { sw_if_index: sw, flags: 1 });
  }
  const [a, b, c] = ifs as [number, number, number];
  await call('sw_interface_add_del_address', { sw_if_index: a, is_add: true, prefix: '10.0.0.1/24' });
  await call('sw_interface_add_del_address', { sw_if_index: b, is_add: true, prefix: '10.0.1.1/31' });
  await call('sw_interface_add_del_address', { sw_if_index: c, is_add: true, prefix: '2001:db8::1/64' });
  await call('ip_table_add_del', { is_add: true, table: { table_id: 7, is_ip6: false } });
  const route = (prefix: string, paths: ApiMessage[], extra: ApiMessage = {}, table = 0): ApiMessage => ({
    is_add: true,
    ...extra,
    route: { table_id: table, prefix, n_paths: paths.length, paths },
  });
  await call(
    'ip_route_add_del',
    route('192.0.2.0/24', [path({ sw_if_index: a, nh: { address: '10.0.0.2' } })]),
  );
  await call(
    'ip_route_add_del',
    route('198.51.100.0/24', [
      path({ sw_if_index: a, nh: { address: '10.0.0.3' }, weight: 3, preference: 2 }),
      path({ sw_if_index: b, nh: { address: '10.0.1.0' } }),
    ]),
  );
  await call('ip_route_add_del', route('203.0.113.0/24', [path({ nh: { address: '192.0.2.77' } })]));
  await call('ip_route_add_del', route('203.0.113.128/25', [path({ type: 2 })]));
  await call('ip_route_add_del', route('172.16.0.0/12', [path({ sw_if_index: a })], {}, 7));
  await call(
    'ip_route_add_del',
    route('2001:db8:1::/48', [path({ sw_if_index: c, proto: 1, nh: { address: '2001:db8::2' } })]),
  );
  await call(
    'ip_route_add_del',
    route('2001:db8:2::/48', [path({ proto: 1, nh: { address: '2001:db8::99' } })]),
  );
  // entries of other sources: a neighbour (adjacency), a tunnel endpoint (recursive-resolution)
  await call('ip_neighbor_add_del', {
    is_add: true,
    neighbor: { sw_if_index: a, flags: 1, mac_address: '02:00:00:00:00:05', ip_address: '10.0.0.5' },
  });
  await call('vxlan_add_del_tunnel_v3', {
    is_add: true,
    src_address: '10.0.0.1',
    dst_address: '10.9.9.9',
    vni: 9,
    decap_next_index: NONE,
  });
  return ifs;
}

const TABLES = [
  { table_id: 0, is_ip6: false },
  { table_id: 0, is_ip6: true },
  { table_id: 7, is_ip6: false },
];

/** Both route dumps: v1, and v2 (every source, and API only). */
const DUMPS = [
  { dump: 'ip_route_dump', details: 'ip_route_details', args: {} },
  { dump: 'ip_route_v2_dump', details: 'ip_route_v2_details', args: { src: 0 } },
  { dump: 'ip_route_v2_dump', details: 'ip_route_v2_details', args: { src: 8 } },
] as const;

describe('ip_route_details and ip_route_v2_details encoders of the model', () => {
  it('write what the codec writes for every entry', async () => {
    const model = createVppModel();
    const client: SimClient = { index: 1, closed: false, sendEvent: () => undefined };
    const call: Call = (name, msg) => {
      const h = model.handlers[name] as SimHandler;
      return (h({ name, msg, client }) as { reply?: { fields: ApiMessage } }).reply?.fields ?? {};
    };
    await populate(call);
    let n = 0;
    for (const d of DUMPS) {
      const codec = new ApiCodec(simulatorDefinitions()).message(d.details);
      for (const table of TABLES) {
        const h = model.handlers[d.dump] as SimHandler;
        const list = (h({ name: d.dump, msg: { ...d.args, table }, client }) as { details: unknown })
          .details as DetailsList<unknown>;
        expect(list).toBeInstanceOf(DetailsList);
        const wire = list.wire as WireCache<unknown>;
        expect(codec.crc).toBe(wire.crc);
        for (const item of list.items) {
          const fast = wire.encode?.(item);
          expect(fast).toBeDefined();
          expect(Buffer.from(fast as Uint8Array)).toEqual(codec.encode(list.fieldsOf(item), 0));
          n++;
        }
      }
    }
    expect(n).toBeGreaterThan(50);
  });
});

describe('dumps through the server', () => {
  let dir: string;
  let sim: Simulator;
  let c: VppClient;
  let codec: ApiCodec;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vppstate-wire-'));
    sim = await startSimulator({ socket: join(dir, 'api.sock') });
    codec = new ApiCodec(sim.definitions);
  });
  afterAll(async () => {
    await c?.disconnect().catch(() => undefined);
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** What the handler's fields give through the codec (the server's plain path). */
  function expected(d: (typeof DUMPS)[number], table: ApiMessage): ApiMessage[] {
    const h = sim.model.handlers[d.dump] as SimHandler;
    const client: SimClient = { index: 1, closed: false, sendEvent: () => undefined };
    const r = h({ name: d.dump, msg: { ...d.args, table }, client }) as {
      details: Iterable<{ fields: ApiMessage }>;
    };
    const m = codec.message(d.details);
    return [...r.details].map((x) => strip(m.decode(m.encode(x.fields, 1))));
  }
  function strip(m: ApiMessage): ApiMessage {
    const { _vl_msg_id: _id, context: _ctx, ...rest } = m;
    return rest;
  }
  async function check(): Promise<void> {
    for (const d of DUMPS)
      for (const table of TABLES) {
        const want = expected(d, table);
        for (let i = 0; i < 2; i++) {
          const got = await c.dump(d.dump, { ...d.args, table });
          expect(got.map(strip)).toEqual(want);
          const ctx = new Set(got.map((m) => m.context));
          expect(ctx.size).toBe(1); // each dump's own context, even on kept encodings
        }
      }
  }

  it('stay the codec encoding of the handler fields as the FIB changes and across a restart', async () => {
    c = await VppClient.connect({ socket: sim.server.socketPath, timeoutMs: 5000 });
    const call: Call = (name, msg) => c.call(name, msg);
    const [a, b] = await populate(call);
    await check();
    // a route changes paths, one goes, an address moves (connected routes and the shown prefix)
    await call('ip_route_add_del', {
      is_add: true,
      is_multipath: true,
      route: {
        table_id: 0,
        prefix: '192.0.2.0/24',
        n_paths: 1,
        paths: [path({ sw_if_index: b, nh: { address: '10.0.1.0' } })],
      },
    });
    await call('ip_route_add_del', {
      is_add: false,
      route: { table_id: 0, prefix: '203.0.113.128/25', n_paths: 0, paths: [] },
    });
    await call('sw_interface_add_del_address', { sw_if_index: a, is_add: false, prefix: '10.0.0.1/24' });
    await call('sw_interface_add_del_address', { sw_if_index: a, is_add: true, prefix: '10.0.0.9/24' });
    await check();
    // a restart renumbers messages: kept encodings must not go out with the old id
    await c.disconnect();
    await sim.server.restart();
    c = await VppClient.connect({ socket: sim.server.socketPath, timeoutMs: 5000 });
    await populate((name, msg) => c.call(name, msg));
    await check();
  });
});

describe('a model encoder that disagrees with the codec', () => {
  it('is not used: the codec encodes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vppstate-wire-'));
    const defs = simulatorDefinitions();
    const crc = new ApiCodec(defs).message('ip_route_details').crc;
    const fieldsOf = (i: number): ApiMessage => ({
      route: { table_id: 0, stats_index: i, prefix: `10.0.${i}.0/24`, n_paths: 0, paths: [] },
    });
    const kept = new Map<number, Uint8Array | undefined>();
    const wire: WireCache<number> = {
      get: (i) => kept.get(i),
      set: (i, b) => kept.set(i, b),
      encode: () => new ApiCodec(defs).message('ip_route_details').encode(fieldsOf(99), 0),
      crc,
    };
    const server = await SimServer.start({
      socket: join(dir, 'api.sock'),
      definitions: defs,
      handlers: {
        ip_route_dump: () => ({ details: new DetailsList('ip_route_details', [1, 2, 3], fieldsOf, wire) }),
      },
    });
    try {
      const client = await VppClient.connect({ socket: server.socketPath, timeoutMs: 5000 });
      for (let k = 0; k < 2; k++) {
        const got = await client.dump('ip_route_dump', { table: { table_id: 0 } });
        expect(got.map((m) => (m.route as ApiMessage).prefix)).toEqual([
          '10.0.1.0/24',
          '10.0.2.0/24',
          '10.0.3.0/24',
        ]);
      }
      await client.disconnect();
    } finally {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
