/**
 * One test per behaviour rule of the simulator (issue 4 and ../shared/vpp-reference/README.md),
 * through the real client over a Unix socket. Rules recorded in a transcript name it; the others
 * follow VPP's documented behaviour.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { VppClient } from '../../src/api/client/client.js';
import { VppApiError } from '../../src/api/client/errors.js';
import type { ApiMessage } from '../../src/api/types.js';
import { type Simulator, startSimulator } from '../../src/sim/index.js';

const NONE = 0xffffffff;
let dir: string;
let sim: Simulator;
let c: VppClient;
const extra: VppClient[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vppstate-rules-'));
  sim = await startSimulator({
    socket: join(dir, 'api.sock'),
    hardware: [{ name: 'GigabitEthernet3/0/0' }, { name: 'GigabitEthernet3/0/1', mtu: 1500 }],
    cursorPageSize: 50,
  });
});
afterAll(async () => {
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A freshly started VPP (restart: state wiped, ids reshuffled) and a client connected to it. */
async function fresh(): Promise<VppClient> {
  await sim.server.restart();
  c = await VppClient.connect({ socket: sim.server.socketPath, timeoutMs: 5000 });
  return c;
}
afterEach(async () => {
  await c?.disconnect().catch(() => undefined);
  for (const x of extra.splice(0)) await x.disconnect().catch(() => undefined);
});

/** The retval of a call (0, or the VppApiError's). */
async function rv(name: string, args: ApiMessage = {}): Promise<number> {
  try {
    await c.call(name, args);
    return 0;
  } catch (err) {
    if (err instanceof VppApiError) return err.retval;
    throw err;
  }
}
const loop = async (args: ApiMessage = {}): Promise<number> =>
  (await c.call('create_loopback_instance', { mac_address: '00:00:00:00:00:00', ...args }))
    .sw_if_index as number;
const ifs = (): Promise<ApiMessage[]> => c.dump('sw_interface_dump', { sw_if_index: NONE });
const one = async (sw: number): Promise<ApiMessage> =>
  (await c.dump('sw_interface_dump', { sw_if_index: sw }))[0]!;
const up = (sw: number): Promise<ApiMessage> =>
  c.call('sw_interface_set_flags', { sw_if_index: sw, flags: 1 });
const addr = (sw: number, prefix: string, is_add = true): Promise<number> =>
  rv('sw_interface_add_del_address', { sw_if_index: sw, is_add, prefix });
const routes = async (table_id = 0, is_ip6 = false): Promise<Array<Record<string, unknown>>> =>
  (await c.dump('ip_route_dump', { table: { table_id, is_ip6 } })).map(
    (d) => d.route as Record<string, unknown>,
  );
const route = (args: {
  add?: boolean;
  multi?: boolean;
  table?: number;
  prefix: string;
  paths: ApiMessage[];
}) =>
  c.call('ip_route_add_del', {
    is_add: args.add ?? true,
    is_multipath: args.multi ?? false,
    route: { table_id: args.table ?? 0, prefix: args.prefix, n_paths: args.paths.length, paths: args.paths },
  });

describe('interfaces', () => {
  it('local0 is index 0 and declared hardware ports follow; they cannot be deleted', async () => {
    await fresh();
    const l = await ifs();
    expect(l.map((x) => [x.sw_if_index, x.interface_name])).toEqual([
      [0, 'local0'],
      [1, 'GigabitEthernet3/0/0'],
      [2, 'GigabitEthernet3/0/1'],
    ]);
    expect(l[2]!.link_mtu).toBe(1500);
    expect(await rv('delete_loopback', { sw_if_index: 1 })).toBe(-2);
    expect(await rv('delete_subif', { sw_if_index: 1 })).toBe(-98);
    expect(await rv('delete_loopback', { sw_if_index: 0 })).toBe(-2);
  });

  it('hardware ports: admin up brings the link up; hw MTU changes; sub-interfaces of them', async () => {
    await fresh();
    await up(1);
    expect((await one(1)).flags).toBe(3);
    expect(await rv('hw_interface_set_mtu', { sw_if_index: 1, mtu: 2000 })).toBe(0);
    expect((await one(1)).link_mtu).toBe(2000);
    const sub = (await c.call('create_vlan_subif', { sw_if_index: 1, vlan_id: 7 })).sw_if_index as number;
    expect((await one(sub)).interface_name).toBe('GigabitEthernet3/0/0.7');
    expect((await one(sub)).flags).toBe(2);
    // A link MTU change sets the L3 MTU of the port and its sub-interfaces (VPP walks them);
    // the protocol MTUs stay; the same value changes nothing.
    expect(await rv('sw_interface_set_mtu', { sw_if_index: sub, mtu: [1400, 1300, 0, 0] })).toBe(0);
    expect(await rv('sw_interface_set_mtu', { sw_if_index: 1, mtu: [1800, 0, 0, 0] })).toBe(0);
    expect(await rv('hw_interface_set_mtu', { sw_if_index: 1, mtu: 2000 })).toBe(0);
    expect((await one(sub)).mtu).toEqual([1400, 1300, 0, 0]);
    expect(await rv('hw_interface_set_mtu', { sw_if_index: 1, mtu: 3000 })).toBe(0);
    expect((await one(1)).mtu).toEqual([3000, 0, 0, 0]);
    expect((await one(sub)).mtu).toEqual([3000, 1300, 0, 0]);
  });

  it('loopbacks: loop<N>, lowest free instance, -31 for a taken one, de:ad MAC, MTU 9000, link follows admin (02)', async () => {
    await fresh();
    const a = await loop();
    const b = await loop({ is_specified: true, user_instance: 5 });
    expect(await rv('create_loopback_instance', { is_specified: true, user_instance: 5 })).toBe(-31);
    const x = await one(b);
    expect([x.interface_name, x.l2_address, x.link_mtu, x.mtu]).toEqual([
      'loop5',
      'de:ad:00:00:00:05',
      9000,
      [9000, 0, 0, 0],
    ]);
    await up(a);
    expect((await one(a)).flags).toBe(3);
    await c.call('delete_loopback', { sw_if_index: b });
    const n = await loop();
    expect((await one(n)).interface_name).toBe('loop1');
  });

  it('the sw_if_index freed last is reused first (02 steps 30-33, 05 steps 34-35)', async () => {
    await fresh();
    const [a, b, d] = [await loop(), await loop(), await loop()];
    await c.call('delete_loopback', { sw_if_index: a });
    await c.call('delete_loopback', { sw_if_index: d });
    expect(await loop()).toBe(d);
    expect(await loop()).toBe(a);
    expect(b).toBe(a + 1);
  });

  it('sub-interfaces: names, flags, tags, errors, failed creates naming an index (05, 04)', async () => {
    await fresh();
    const p = await loop();
    const v = (await c.call('create_vlan_subif', { sw_if_index: p, vlan_id: 100 })).sw_if_index as number;
    expect(await one(v)).toMatchObject({
      interface_name: 'loop0.100',
      sub_if_flags: 18,
      sub_number_of_tags: 1,
      type: 1,
    });
    expect(await rv('create_vlan_subif', { sw_if_index: p, vlan_id: 100 })).toBe(-56);
    const q = await c.call('create_subif', {
      sw_if_index: p,
      sub_id: 300,
      sub_if_flags: 28,
      outer_vlan_id: 300,
      inner_vlan_id: 30,
    });
    expect(await one(q.sw_if_index as number)).toMatchObject({
      sub_number_of_tags: 2,
      sub_inner_vlan_id: 30,
    });
    expect(await rv('create_subif', { sw_if_index: p, sub_id: 5, sub_if_flags: 1 })).toBe(-1);
    expect(await rv('create_subif', { sw_if_index: 42, sub_id: 5, sub_if_flags: 2, outer_vlan_id: 5 })).toBe(
      -2,
    );
    expect(await rv('delete_subif', { sw_if_index: p })).toBe(-98);
    // link follows the parent's hardware
    expect((await one(v)).flags).toBe(0);
    await up(p);
    expect((await one(v)).flags).toBe(2);
    await up(v);
    expect((await one(v)).flags).toBe(3);
  });

  it('deleting a parent deletes its sub-interfaces and their routes (05 step 30)', async () => {
    await fresh();
    const p = await loop();
    const v = (await c.call('create_vlan_subif', { sw_if_index: p, vlan_id: 9 })).sw_if_index as number;
    await up(p);
    await up(v);
    await addr(v, '10.5.0.1/24');
    await c.call('delete_loopback', { sw_if_index: p });
    expect((await ifs()).length).toBe(3);
    expect((await routes()).some((r) => String(r.prefix).startsWith('10.5.'))).toBe(false);
  });

  it('MTU: sw MTU stored as given, hw MTU of virtual interfaces refused unless unchanged (02, 04, 05)', async () => {
    await fresh();
    const l = await loop();
    const v = (await c.call('create_vlan_subif', { sw_if_index: l, vlan_id: 2 })).sw_if_index as number;
    expect(await rv('sw_interface_set_mtu', { sw_if_index: l, mtu: [65535, 0, 0, 0] })).toBe(0);
    expect((await one(l)).mtu).toEqual([65535, 0, 0, 0]);
    expect(await rv('hw_interface_set_mtu', { sw_if_index: l, mtu: 1500 })).toBe(-126);
    expect(await rv('hw_interface_set_mtu', { sw_if_index: l, mtu: 9000 })).toBe(0);
    expect(await rv('hw_interface_set_mtu', { sw_if_index: v, mtu: 1500 })).toBe(-7);
    expect(await rv('hw_interface_set_mtu', { sw_if_index: 0, mtu: 1500 })).toBe(-30);
    expect(await rv('sw_interface_set_mtu', { sw_if_index: 42, mtu: [1500, 0, 0, 0] })).toBe(-2);
  });

  it('MAC, tag, name filter and unknown indices (02, 04)', async () => {
    await fresh();
    const l = await loop();
    expect(
      await rv('sw_interface_set_mac_address', { sw_if_index: 0, mac_address: '02:00:00:00:00:01' }),
    ).toBe(-9);
    await c.call('sw_interface_set_mac_address', { sw_if_index: l, mac_address: '02:fe:12:34:56:78' });
    await c.call('sw_interface_tag_add_del', { is_add: true, sw_if_index: l, tag: 'uplink' });
    expect(await one(l)).toMatchObject({ l2_address: '02:fe:12:34:56:78', tag: 'uplink' });
    expect(await rv('sw_interface_tag_add_del', { is_add: true, sw_if_index: 42, tag: 'x' })).toBe(-2);
    const f = await c.dump('sw_interface_dump', {
      sw_if_index: NONE,
      name_filter_valid: true,
      name_filter: 'loop',
    });
    expect(f.map((x) => x.interface_name)).toEqual(['loop0']);
    expect(await c.dump('sw_interface_dump', { sw_if_index: 77 })).toEqual([]);
    expect(await rv('sw_interface_set_flags', { sw_if_index: 42, flags: 1 })).toBe(-2);
  });

  it('tap: tap<id>, dump, delete', async () => {
    await fresh();
    const t = (await c.call('tap_create_v3', { id: NONE, use_random_mac: true })).sw_if_index as number;
    expect((await one(t)).interface_name).toBe('tap0');
    const d = await c.dump('sw_interface_tap_v2_dump', { sw_if_index: NONE });
    expect(d.map((x) => [x.sw_if_index, x.id])).toEqual([[t, 0]]);
    expect(await rv('tap_delete_v2', { sw_if_index: 0 })).toBe(-2);
    await c.call('tap_delete_v2', { sw_if_index: t });
    expect(await c.dump('sw_interface_tap_v2_dump', { sw_if_index: NONE })).toEqual([]);
  });

  it('memif: sockets (random id), names, dump, and every error (07)', async () => {
    await fresh();
    const s = (
      await c.call('memif_socket_filename_add_del_v2', {
        is_add: true,
        socket_id: NONE,
        socket_filename: '/run/x.sock',
      })
    ).socket_id;
    expect(s).toBe(1013904223);
    expect(
      await rv('memif_socket_filename_add_del_v2', { is_add: true, socket_id: s, socket_filename: '/run/y' }),
    ).toBe(-116);
    const m = (
      await c.call('memif_create_v2', { socket_id: s, id: 0, mode: 0, hw_addr: '02:fe:00:00:00:01' })
    ).sw_if_index as number;
    expect(await rv('memif_create_v2', { socket_id: s, id: 0 })).toBe(-68);
    expect(await rv('memif_create_v2', { socket_id: 77, id: 0 })).toBe(-73);
    expect(await rv('memif_socket_filename_add_del_v2', { is_add: false, socket_id: s })).toBe(-74);
    const d = await c.dump('memif_dump');
    expect(d[0]).toMatchObject({ if_name: 'memif1013904223/0', ring_size: 1, buffer_size: 0 });
    await c.call('memif_delete', { sw_if_index: m });
    expect(await rv('memif_delete', { sw_if_index: m })).toBe(-2);
    expect(await rv('memif_socket_filename_add_del_v2', { is_add: false, socket_id: s })).toBe(0);
  });

  it('vxlan: vxlan_tunnel<instance>, pool-index instances, default ports, -75 for a duplicate (08)', async () => {
    await fresh();
    const t = (a: ApiMessage): ApiMessage => ({
      is_add: true,
      instance: NONE,
      src_address: '10.8.0.1',
      dst_address: '10.8.0.2',
      mcast_sw_if_index: NONE,
      decap_next_index: NONE,
      vni: 1,
      ...a,
    });
    await c.call('vxlan_add_del_tunnel_v3', t({ instance: 7 }));
    const b = (await c.call('vxlan_add_del_tunnel_v3', t({ vni: 2 }))).sw_if_index as number;
    expect(await rv('vxlan_add_del_tunnel_v3', t({ vni: 2 }))).toBe(-75);
    expect((await one(b)).interface_name).toBe('vxlan_tunnel1');
    const d = await c.dump('vxlan_tunnel_v2_dump', { sw_if_index: b });
    expect(d[0]).toMatchObject({ src_port: 4789, dst_port: 4789, decap_next_index: 1 });
  });

  it('bond: errors, reported lb, MAC sharing and restoring, delete with members (08)', async () => {
    await fresh();
    expect(await rv('bond_create2', { mode: 2, lb: 5, id: 9 })).toBe(-73);
    const b = (
      await c.call('bond_create2', {
        mode: 2,
        lb: 0,
        id: 9,
        use_custom_mac: true,
        mac_address: '02:fe:08:00:00:01',
      })
    ).sw_if_index as number;
    expect(await rv('bond_create2', { mode: 1, lb: 0, id: 9 })).toBe(-147);
    const m = await loop();
    await c.call('bond_add_member', { sw_if_index: m, bond_sw_if_index: b });
    expect((await one(m)).l2_address).toBe('02:fe:08:00:00:01');
    expect(await rv('bond_add_member', { sw_if_index: m, bond_sw_if_index: b })).toBe(-81);
    expect(await rv('bond_add_member', { sw_if_index: b, bond_sw_if_index: b })).toBe(-71);
    expect(await rv('bond_add_member', { sw_if_index: m, bond_sw_if_index: m })).toBe(-71);
    expect((await c.dump('sw_bond_interface_dump', { sw_if_index: NONE }))[0]).toMatchObject({
      interface_name: 'BondEthernet9',
      lb: 5,
      members: 1,
    });
    expect(await rv('bond_delete', { sw_if_index: m })).toBe(-2);
    await c.call('bond_delete', { sw_if_index: b });
    expect((await one(m)).l2_address).toBe('de:ad:00:00:00:00');
    expect(await rv('bond_detach_member', { sw_if_index: m })).toBe(-71);
  });
});

describe('addresses, tables and routes', () => {
  it('an address adds local, connected and drop routes while up; they leave on admin down (02)', async () => {
    await fresh();
    const l = await loop();
    await up(l);
    await addr(l, '10.2.0.1/24');
    const p = (await routes()).map((r) => r.prefix);
    expect(p).toEqual(expect.arrayContaining(['10.2.0.1/24', '10.2.0.1/32', '10.2.0.0/32', '10.2.0.255/32']));
    await c.call('sw_interface_set_flags', { sw_if_index: l, flags: 0 });
    expect((await routes()).length).toBe(5);
  });

  it('-105 for duplicate, overlapping or covering addresses in the VRF; -60 for a missing one; del_all (04, 03)', async () => {
    await fresh();
    const [a, b] = [await loop(), await loop()];
    expect(await addr(a, '10.4.0.1/24')).toBe(0);
    expect(await addr(a, '10.4.0.1/24')).toBe(-105);
    expect(await addr(b, '10.4.0.2/24')).toBe(-105);
    expect(await addr(b, '10.4.0.0/16')).toBe(-105);
    expect(await addr(b, '10.4.0.1/32')).toBe(-105);
    expect(await addr(a, '10.4.9.9/24', false)).toBe(-60);
    await addr(a, '2001:db8::1/64');
    await c.call('sw_interface_add_del_address', {
      sw_if_index: a,
      is_add: false,
      del_all: true,
      prefix: '0.0.0.0/0',
    });
    expect(await c.dump('ip_address_dump', { sw_if_index: a, is_ipv6: true })).toEqual([]);
    expect(await c.dump('ip_address_dump', { sw_if_index: a, is_ipv6: false })).toEqual([]);
  });

  it('set_table: -3 unknown table, -114 only for addresses of that family (04 steps 3-9)', async () => {
    await fresh();
    const l = await loop();
    expect(await rv('sw_interface_set_table', { sw_if_index: l, is_ipv6: false, vrf_id: 10 })).toBe(-3);
    await c.call('ip_table_add_del', { is_add: true, table: { table_id: 10, is_ip6: false } });
    await c.call('ip_table_add_del', { is_add: true, table: { table_id: 10, is_ip6: true } });
    await addr(l, '10.4.0.1/24');
    expect(await rv('sw_interface_set_table', { sw_if_index: l, is_ipv6: false, vrf_id: 10 })).toBe(-114);
    expect(await rv('sw_interface_set_table', { sw_if_index: l, is_ipv6: true, vrf_id: 10 })).toBe(0);
    expect((await c.call('sw_interface_get_table', { sw_if_index: l, is_ipv6: true })).vrf_id).toBe(10);
  });

  it('tables: generated names; deleting one in use answers 0 and it lingers; table 0 stays (03, 04)', async () => {
    await fresh();
    await c.call('ip_table_add_del', { is_add: true, table: { table_id: 10, is_ip6: true } });
    const l = await loop();
    await c.call('sw_interface_set_table', { sw_if_index: l, is_ipv6: true, vrf_id: 10 });
    expect(await rv('ip_table_add_del', { is_add: false, table: { table_id: 10, is_ip6: true } })).toBe(0);
    expect(await rv('ip_table_add_del', { is_add: false, table: { table_id: 0, is_ip6: false } })).toBe(0);
    const names = async (): Promise<unknown[]> =>
      (await c.dump('ip_table_dump')).map((t) => (t.table as ApiMessage).name);
    expect(await names()).toEqual(['ipv4-VRF:0', 'ipv6-VRF:0', 'ipv6-VRF:10']);
    await c.call('sw_interface_set_table', { sw_if_index: l, is_ipv6: true, vrf_id: 0 });
    expect(await names()).toEqual(['ipv4-VRF:0', 'ipv6-VRF:0']);
  });

  it('routes: multipath add/remove, delete of a missing route, -54, -3, stats_index ~0 on delete (03, 04)', async () => {
    await fresh();
    const l = await loop();
    await up(l);
    await addr(l, '10.3.0.1/24');
    const via = (nh: string): ApiMessage => ({ sw_if_index: l, proto: 0, nh: { address: { ip4: nh } } });
    const r1 = await route({ prefix: '10.3.101.0/24', paths: [via('10.3.0.2'), via('10.3.0.3')] });
    await route({ multi: true, prefix: '10.3.101.0/24', paths: [via('10.3.0.4')] });
    const find = async () => (await routes()).find((r) => r.prefix === '10.3.101.0/24');
    expect((await find())?.n_paths).toBe(3);
    expect((await find())?.stats_index).toBe(r1.stats_index);
    const d = await route({ add: false, multi: true, prefix: '10.3.101.0/24', paths: [via('10.3.0.2')] });
    expect(d.stats_index).toBe(NONE);
    expect((await find())?.n_paths).toBe(2);
    await route({ add: false, prefix: '10.3.101.0/24', paths: [] });
    expect(await find()).toBeUndefined();
    expect((await route({ add: false, prefix: '10.9.9.0/24', paths: [via('10.3.0.2')] })).retval).toBe(0);
    expect(
      await rv('ip_route_add_del', {
        is_add: true,
        route: {
          table_id: 0,
          prefix: '10.1.0.0/24',
          n_paths: 1,
          paths: [{ ...via('1.1.1.1'), sw_if_index: 42 }],
        },
      }),
    ).toBe(-54);
    expect(
      await rv('ip_route_add_del', {
        is_add: true,
        route: { table_id: 77, prefix: '10.1.0.0/24', n_paths: 1, paths: [via('1.1.1.1')] },
      }),
    ).toBe(-3);
  });

  it('a recursive path reports its lookup table and tracks its next hop; interface paths report table 0 (03)', async () => {
    await fresh();
    await c.call('ip_table_add_del', { is_add: true, table: { table_id: 10, is_ip6: false } });
    const l = await loop();
    await c.call('sw_interface_set_table', { sw_if_index: l, is_ipv6: false, vrf_id: 10 });
    await up(l);
    await addr(l, '10.3.0.1/24');
    await route({
      table: 10,
      prefix: '10.3.103.0/24',
      paths: [{ sw_if_index: NONE, table_id: 10, proto: 0, nh: { address: { ip4: '10.3.0.9' } } }],
    });
    await route({
      table: 10,
      prefix: '10.3.100.0/24',
      paths: [{ sw_if_index: l, table_id: 10, proto: 0, nh: { address: { ip4: '10.3.0.2' } } }],
    });
    const r = await routes(10);
    const paths = (p: string) => (r.find((x) => x.prefix === p)?.paths as ApiMessage[])[0];
    expect(paths('10.3.103.0/24')).toMatchObject({ table_id: 10, sw_if_index: NONE });
    expect(paths('10.3.100.0/24')).toMatchObject({ table_id: 0, sw_if_index: l });
    expect(paths('10.3.0.9/32')).toMatchObject({ sw_if_index: l });
    await route({ add: false, table: 10, prefix: '10.3.103.0/24', paths: [] });
    expect((await routes(10)).some((x) => x.prefix === '10.3.0.9/32')).toBe(false);
  });

  it('unnumbered: an interface borrows the addresses of another; -2 / -10 for unknown indices', async () => {
    await fresh();
    const [a, b] = [await loop(), await loop()];
    await addr(a, '10.7.0.1/32');
    // the unnumbered interface is -2, the one lending its addresses -10 (conformance: unnumbered)
    expect(
      await rv('sw_interface_set_unnumbered', { sw_if_index: 42, unnumbered_sw_if_index: b, is_add: true }),
    ).toBe(-10);
    expect(
      await rv('sw_interface_set_unnumbered', { sw_if_index: a, unnumbered_sw_if_index: 42, is_add: true }),
    ).toBe(-2);
    await c.call('sw_interface_set_unnumbered', { sw_if_index: a, unnumbered_sw_if_index: b, is_add: true });
    expect(await c.dump('ip_unnumbered_dump', { sw_if_index: NONE })).toMatchObject([
      { sw_if_index: b, ip_sw_if_index: a },
    ]);
    await c.call('sw_interface_set_unnumbered', { sw_if_index: a, unnumbered_sw_if_index: b, is_add: false });
    expect(await c.dump('ip_unnumbered_dump', { sw_if_index: NONE })).toEqual([]);
  });
});

describe('L2', () => {
  const bd = (a: ApiMessage) => ({
    bd_id: 10,
    flood: true,
    uu_flood: true,
    forward: true,
    learn: true,
    mac_age: 0,
    bd_tag: '',
    is_add: true,
    ...a,
  });

  it('bridge domains: allocated ids from random_u32, every error, dump filters (06, 04)', async () => {
    await fresh();
    expect((await c.call('bridge_domain_add_del_v2', bd({ bd_id: NONE }))).bd_id).toBe(7271263);
    expect((await c.call('bridge_domain_add_del_v2', bd({ bd_id: NONE }))).bd_id).toBe(5253426);
    await c.call('bridge_domain_add_del_v2', bd({}));
    expect(await rv('bridge_domain_add_del_v2', bd({}))).toBe(-119);
    expect(await rv('bridge_domain_add_del_v2', bd({ bd_id: 0 }))).toBe(-119);
    expect(await rv('bridge_domain_add_del_v2', bd({ bd_id: 16777216 }))).toBe(-122);
    expect(await rv('bridge_domain_add_del_v2', bd({ bd_id: 4242, is_add: false }))).toBe(-6);
    expect(await c.dump('bridge_domain_dump', { bd_id: NONE, sw_if_index: 1 })).toEqual([]);
    expect(await c.dump('bridge_domain_dump', { bd_id: 0, sw_if_index: NONE })).toEqual([]);
    expect((await c.dump('bridge_domain_dump', { bd_id: NONE, sw_if_index: NONE })).length).toBe(3);
  });

  it('members: BVI first, -152 for a second BVI, -120 while in use, set_l2_bridge creates a missing domain and moves (06, 04)', async () => {
    await fresh();
    await c.call('bridge_domain_add_del_v2', bd({}));
    const [a, b] = [await loop(), await loop()];
    await c.call('sw_interface_set_l2_bridge', {
      rx_sw_if_index: a,
      bd_id: 10,
      port_type: 0,
      shg: 1,
      enable: true,
    });
    await c.call('sw_interface_set_l2_bridge', { rx_sw_if_index: b, bd_id: 10, port_type: 1, enable: true });
    const d = (await c.dump('bridge_domain_dump', { bd_id: 10, sw_if_index: NONE }))[0]!;
    expect(d.sw_if_details).toMatchObject([{ sw_if_index: b }, { sw_if_index: a, shg: 1 }]);
    expect(d.bvi_sw_if_index).toBe(b);
    expect(
      await rv('sw_interface_set_l2_bridge', { rx_sw_if_index: a, bd_id: 10, port_type: 1, enable: true }),
    ).toBe(-152);
    expect(await rv('bridge_domain_add_del_v2', bd({ is_add: false }))).toBe(-120);
    await c.call('sw_interface_set_l2_bridge', { rx_sw_if_index: b, bd_id: 555, port_type: 0, enable: true });
    const all = await c.dump('bridge_domain_dump', { bd_id: NONE, sw_if_index: NONE });
    expect(all.map((x) => [x.bd_id, x.n_sw_ifs])).toEqual([
      [10, 0],
      [555, 1],
    ]);
  });

  it('xconnect: dump, -2 for an unknown tx, what survives a delete (07, conformance: xconnect)', async () => {
    await fresh();
    const [a, b] = [await loop(), await loop()];
    expect(
      await rv('sw_interface_set_l2_xconnect', { rx_sw_if_index: a, tx_sw_if_index: 42, enable: true }),
    ).toBe(-2);
    const both = async (): Promise<void> => {
      await c.call('sw_interface_set_l2_xconnect', { rx_sw_if_index: a, tx_sw_if_index: b, enable: true });
      await c.call('sw_interface_set_l2_xconnect', { rx_sw_if_index: b, tx_sw_if_index: a, enable: true });
    };
    // a deleted interface that was xconnected takes its peer out of L2 mode with it
    await both();
    await c.call('delete_loopback', { sw_if_index: a });
    expect(await c.dump('l2_xconnect_dump')).toEqual([]);
    // one that had left its xconnect first leaves the other direction pointing at it (07 step 24)
    const a2 = await loop();
    expect(a2).toBe(a);
    await both();
    await c.call('sw_interface_set_l2_xconnect', { rx_sw_if_index: a, tx_sw_if_index: 0, enable: false });
    await c.call('delete_loopback', { sw_if_index: a });
    expect(await c.dump('l2_xconnect_dump')).toMatchObject([{ rx_sw_if_index: b, tx_sw_if_index: a }]);
  });
});

describe('plugins', () => {
  it('acl: index allocation and reuse, -6, -142 / -143 while bound, list dump up to the highest index (09)', async () => {
    await fresh();
    const acl = async (): Promise<number> =>
      (await c.call('acl_add_replace', { acl_index: NONE, tag: 't', count: 0, r: [] })).acl_index as number;
    const [a0, a1] = [await acl(), await acl()];
    expect([a0, a1]).toEqual([0, 1]);
    expect(await rv('acl_add_replace', { acl_index: 5, count: 0, r: [] })).toBe(-6);
    const l = await loop();
    expect(await rv('acl_interface_set_acl_list', { sw_if_index: l, count: 1, n_input: 1, acls: [7] })).toBe(
      -6,
    );
    await c.call('acl_interface_set_acl_list', { sw_if_index: l, count: 2, n_input: 1, acls: [0, 1] });
    expect(await rv('acl_del', { acl_index: 0 })).toBe(-142);
    expect(await rv('acl_del', { acl_index: 1 })).toBe(-143);
    const d = await c.dump('acl_interface_list_dump', { sw_if_index: NONE });
    expect(d.map((x) => x.sw_if_index)).toEqual([0, 1, 2, 3]);
    await c.call('acl_interface_set_acl_list', { sw_if_index: l, count: 0, n_input: 0, acls: [] });
    await c.call('acl_del', { acl_index: 0 });
    expect(await acl()).toBe(0);
    expect(await rv('acl_del', { acl_index: 7 })).toBe(-6);
  });

  it('events: create, admin up/down, sub-interface admin bit only, delete; -31 twice; several clients (10)', async () => {
    await fresh();
    const other = await VppClient.connect({ socket: sim.server.socketPath });
    extra.push(other);
    const seen: ApiMessage[] = [];
    const seen2: ApiMessage[] = [];
    c.on('sw_interface_event', (m) => seen.push(m));
    other.on('sw_interface_event', (m) => seen2.push(m));
    await c.call('want_interface_events', { enable_disable: 1, pid: 4242 });
    await other.call('want_interface_events', { enable_disable: 1, pid: 7 });
    expect(await rv('want_interface_events', { enable_disable: 1, pid: 4242 })).toBe(-31);
    const l = await loop();
    await up(l);
    const v = (await c.call('create_vlan_subif', { sw_if_index: l, vlan_id: 3 })).sw_if_index as number;
    await up(v);
    await c.call('delete_loopback', { sw_if_index: l });
    await c.call('control_ping');
    await other.call('control_ping');
    const brief = seen.map((e) => [e.sw_if_index, e.flags, e.deleted, e.pid]);
    expect(brief).toEqual([
      [l, 0, false, 4242],
      [l, 3, false, 4242],
      [v, 0, false, 4242],
      [v, 1, false, 4242],
      // one process run reports every interface it heard of, in index order
      [l, 0, true, 4242],
      [v, 0, true, 4242],
    ]);
    expect(seen2.length).toBe(6);
    expect(seen2[0]!.pid).toBe(7);
  });

  it('features: macswap on hardware-type interfaces, feature_is_enabled quirks, -7, cli_inband (10)', async () => {
    await fresh();
    const l = await loop();
    const v = (await c.call('create_vlan_subif', { sw_if_index: l, vlan_id: 3 })).sw_if_index as number;
    expect(await rv('sample_macswap_enable_disable', { enable_disable: true, sw_if_index: v })).toBe(-2);
    await c.call('sample_macswap_enable_disable', { enable_disable: true, sw_if_index: 1 });
    const is = async (arc: string, f: string, sw: number) =>
      (await c.call('feature_is_enabled', { arc_name: arc, feature_name: f, sw_if_index: sw })).is_enabled;
    expect(await is('device-input', 'sample', 1)).toBe(true);
    expect(await is('no-such-arc', 'x', 1)).toBe(true);
    expect(
      await rv('feature_enable_disable', {
        sw_if_index: l,
        enable: true,
        arc_name: 'no-such-arc',
        feature_name: 'sample',
      }),
    ).toBe(-7);
    await c.call('feature_enable_disable', {
      sw_if_index: l,
      enable: true,
      arc_name: 'ip4-unicast',
      feature_name: 'tcp-mss-clamping-ip4-in',
    });
    const text = (await c.call('cli_inband', { cmd: 'show interface features loop0' })).reply as string;
    expect(text).toContain('ip4-unicast:\n  tcp-mss-clamping-ip4-in\n  ip4-not-enabled\n');
  });

  it('cursor services page with -165 and resume from the cursor (mss_clamp, nat44 output interfaces)', async () => {
    await fresh();
    const ids: number[] = [];
    for (let i = 0; i < 120; i++) ids.push(await loop());
    for (const sw of ids)
      await c.call('mss_clamp_enable_disable', { sw_if_index: sw, ipv4_mss: 1400, ipv4_direction: 3 });
    const all: ApiMessage[] = [];
    for await (const d of c.detailsIter('mss_clamp_get', { sw_if_index: NONE, cursor: 0 })) all.push(d);
    expect(all.map((d) => d.sw_if_index)).toEqual(ids);
    await c.call('nat44_ed_plugin_enable_disable', { enable: true });
    expect(await rv('nat44_ed_plugin_enable_disable', { enable: true })).toBe(-170);
    for (const sw of ids)
      await c.call('nat44_ed_add_del_output_interface', { is_add: true, sw_if_index: sw });
    expect(await rv('nat44_ed_add_del_output_interface', { is_add: true, sw_if_index: ids[0] })).toBe(-81);
    expect((await c.dump('nat44_ed_output_interface_get', { cursor: 0 })).length).toBe(120);
  });

  it('nat44-ed: inside wins over outside in one call, address ranges, swap-remove order, disable forgets (11)', async () => {
    await fresh();
    await c.call('nat44_ed_plugin_enable_disable', { enable: true });
    const l = await loop();
    await c.call('nat44_interface_add_del_feature', { is_add: true, flags: 48, sw_if_index: l });
    expect(await c.dump('nat44_interface_dump')).toMatchObject([{ flags: 32 }]);
    const range = (first: string, last: string, is_add = true) =>
      rv('nat44_add_del_address_range', {
        first_ip_address: first,
        last_ip_address: last,
        vrf_id: NONE,
        is_add,
      });
    await range('192.0.2.1', '192.0.2.4');
    expect(await range('192.0.2.3', '192.0.2.3')).toBe(-81);
    expect(await range('192.0.2.9', '192.0.2.8')).toBe(0);
    await range('192.0.2.1', '192.0.2.1', false);
    expect((await c.dump('nat44_address_dump')).map((a) => a.ip_address)).toEqual([
      '192.0.2.4',
      '192.0.2.2',
      '192.0.2.3',
    ]);
    expect(await range('203.0.113.1', '203.0.113.1', false)).toBe(-6);
    await c.call('nat44_ed_plugin_enable_disable', { enable: false });
    expect(await c.dump('nat44_address_dump')).toEqual([]);
  });

  it('linux-cp: pairs need /dev/vhost-net; v2 with ~0 answers the v1 reply; -2 without a pair (11)', async () => {
    await fresh();
    const l = await loop();
    const noPair = await (async () => {
      try {
        for await (const _ of c.detailsIter('lcp_itf_pair_get_v2', { sw_if_index: l, cursor: 0 })) void _;
        return 0;
      } catch (err) {
        return err instanceof VppApiError ? err.retval : NaN;
      }
    })();
    expect(noPair).toBe(-2);
    const host = (
      await c.call('lcp_itf_pair_add_del_v2', { is_add: true, sw_if_index: l, host_if_name: 'vpp-lo0' })
    ).host_sw_if_index;
    const pairs = await c.dump('lcp_itf_pair_get', { cursor: 0 });
    expect(pairs).toMatchObject([{ phy_sw_if_index: l, host_sw_if_index: host, host_if_name: 'vpp-lo0' }]);
  });
});

describe('the simulator process', () => {
  it('a restart wipes the state and reshuffles message ids', async () => {
    await fresh();
    await loop();
    const before = new Map(c.messageTable);
    await c.disconnect();
    await fresh();
    expect((await ifs()).length).toBe(3);
    const moved = [...c.messageTable].filter(([k, v]) => before.get(k) !== v).length;
    expect(moved).toBeGreaterThan(0);
  });

  it('injected faults: the n-th call fails with the given retval', async () => {
    await fresh();
    sim.server.faults.failNth('create_loopback_instance', 2, -167);
    await loop();
    expect(await rv('create_loopback_instance', { mac_address: '00:00:00:00:00:00' })).toBe(-167);
    expect(await loop()).toBe(4);
    sim.server.faults.clear();
  });
});
