/**
 * FIB entries by source, as a real VPP v26.10 keeps them: every expectation here was measured on
 * the real VPP (../shared/vpp) and the same scenario runs on the simulator, which must agree.
 * Connected, local, network/broadcast and /31 peer entries (interface source), tunnel endpoints
 * and recursive next hops (recursive-resolution, following their cover), neighbours (adjacency)
 * and routes (API); ip_route_v2_dump reports each entry's best source and filters on it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiMessage } from '../../src/api/types.js';
import { applyDesired, planFor } from '../../src/apply/reconcile.js';
import { readLive, stateToObjects } from '../../src/model/live.js';
import { loadExample } from '../helpers/examples.js';
import { startTarget, TARGETS, type Target } from '../helpers/target.js';

const NONE = 0xffffffff;
const TYPES = ['', 'local', 'drop', '', '', 'unreachable', 'prohibit'];
const ALL = { prune: 'all' } as const;

for (const target of TARGETS) {
  describe(`FIB sources on the ${target === 'sim' ? 'simulator' : 'real VPP'}`, () => {
    let t: Target;
    let names: Map<number, string>;
    let sources: Map<number, string>;

    beforeAll(async () => {
      t = await startTarget(target, { hardware: [{ name: 'GigabitEthernet0/8/0' }] });
    }, 60_000);
    afterAll(async () => {
      await t?.close();
    });

    const call = (name: string, args: ApiMessage = {}): Promise<ApiMessage> => t.client.call(name, args);

    async function refreshNames(): Promise<void> {
      names = new Map();
      for (const d of await t.client.dump('sw_interface_dump', { sw_if_index: NONE }))
        names.set(Number(d.sw_if_index), String(d.interface_name));
    }

    /** A table's entries as "prefix source: paths", in a stable order, without the defaults. */
    async function fib(table_id = 0, src = 0): Promise<string[]> {
      await refreshNames();
      const out: string[] = [];
      for (const d of await t.client.dump('ip_route_v2_dump', { src, table: { table_id, is_ip6: false } })) {
        const r = d.route as ApiMessage;
        const prefix = String(r.prefix);
        const paths = (r.paths as ApiMessage[]).map((p) => {
          const parts = [TYPES[Number(p.type)] || 'via'];
          const nh = String((p.nh as { address: { ip4: string } }).address.ip4);
          if (nh !== '0.0.0.0') parts.push(nh);
          if (Number(p.sw_if_index) !== NONE) parts.push(names.get(Number(p.sw_if_index)) ?? '?');
          if (Number(p.table_id) !== 0) parts.push(`table ${Number(p.table_id)}`);
          return parts.join(' ');
        });
        const installed = Number(r.stats_index) === NONE ? ' (not installed)' : '';
        out.push(`${prefix} ${sources.get(Number(r.src))}${installed}: ${paths.join(', ')}`);
      }
      return out.filter((l) => !DEFAULTS.has(l)).sort();
    }

    const DEFAULTS = new Set([
      '0.0.0.0/0 default-route: drop',
      '0.0.0.0/32 default-route: drop',
      '224.0.0.0/4 special: drop',
      '240.0.0.0/4 special: drop',
      '255.255.255.255/32 default-route: drop',
    ]);

    it('lists the FIB sources by id, name and priority (fib_source_dump)', async () => {
      const list = (await t.client.dump('fib_source_dump')).map((d) => d.src as ApiMessage);
      sources = new Map(list.map((s) => [Number(s.id), String(s.name)]));
      expect(list.map((s) => `${String(s.id)} ${String(s.name)} ${String(s.priority)}`)).toEqual([
        '0 invalid 255',
        '1 special 0',
        '2 classify 1',
        '3 proxy 2',
        '4 interface 3',
        '5 SR 16',
        '6 BIER 32',
        '7 6RD 48',
        '8 API 128',
        '9 CLI 129',
        '10 LISP 144',
        '11 MAP 160',
        '12 DHCP 176',
        '13 IPv6-proxy-nd 192',
        '14 IPv6-nd 193',
        '15 adjacency 208',
        '16 mpls 224',
        '17 attached_export 240',
        '18 recursive-resolution 251',
        '19 urpf-exempt 252',
        '20 default-route 253',
        '21 interpose 254',
        '22 path-mtu 16',
        '23 nat-low 208',
        '24 nat-hi 16',
      ]);
      // a fresh table holds only its default entries
      expect(await fib()).toEqual([]);
    });

    let loop = 0;
    it('adds interface entries for each address: local, glean, network and broadcast, /31 peer', async () => {
      loop = Number(
        (await call('create_loopback_instance', { is_specified: true, user_instance: 50 })).sw_if_index,
      );
      await call('sw_interface_set_flags', { sw_if_index: loop, flags: 1 });
      for (const prefix of ['10.50.0.0/24', '10.50.0.7/24', '10.51.0.1/31'])
        await call('sw_interface_add_del_address', { sw_if_index: loop, is_add: true, prefix });
      expect(await fib()).toEqual([
        // the interface has the network address: no drop for it; one glean for the two addresses
        '10.50.0.0/24 interface: via loop50',
        '10.50.0.0/32 interface: local 10.50.0.0 loop50',
        '10.50.0.255/32 interface: drop',
        '10.50.0.7/32 interface: local 10.50.0.7 loop50',
        '10.51.0.0/32 interface: via 10.51.0.0 loop50',
        '10.51.0.1/31 interface: via loop50',
        '10.51.0.1/32 interface: local 10.51.0.1 loop50',
      ]);
    });

    it('tracks a tunnel endpoint and a recursive next hop with recursive-resolution entries that follow their cover', async () => {
      const tunnel = {
        is_add: true,
        instance: 77,
        src_address: '10.50.0.0',
        dst_address: '10.99.0.1',
        vni: 77,
        encap_vrf_id: 0,
        decap_next_index: NONE,
      };
      await call('vxlan_add_del_tunnel_v3', tunnel);
      const route = (prefix: string, path: ApiMessage, is_add = true): Promise<ApiMessage> =>
        call('ip_route_add_del', {
          is_add,
          route: {
            table_id: 0,
            prefix,
            n_paths: 1,
            paths: [{ sw_if_index: NONE, table_id: 0, proto: 0, ...path }],
          },
        });
      await route('10.60.0.0/16', { nh: { address: { ip4: '10.50.0.9' } } });
      const before = await fib();
      // no cover but the default route: the endpoint's entry drops; under a connected prefix it is a neighbour
      expect(before).toContain('10.99.0.1/32 recursive-resolution: drop');
      expect(before).toContain('10.50.0.9/32 recursive-resolution: via 10.50.0.9 loop50');
      expect(before).toContain('10.60.0.0/16 API: via 10.50.0.9');
      // a route covering the endpoint: the tracking entry now forwards as its cover does
      await route('10.99.0.0/16', { sw_if_index: loop, nh: { address: { ip4: '10.50.0.3' } } });
      expect(await fib()).toContain('10.99.0.1/32 recursive-resolution: via 10.50.0.3 loop50');
      // only the API routes have API as best source
      expect(await fib(0, 8)).toEqual([
        '10.60.0.0/16 API: via 10.50.0.9',
        '10.99.0.0/16 API: via 10.50.0.3 loop50',
      ]);
      await route('10.99.0.0/16', { sw_if_index: loop, nh: { address: { ip4: '10.50.0.3' } } }, false);
      expect(await fib()).toContain('10.99.0.1/32 recursive-resolution: drop');
      // the tunnel's entry goes with the tunnel
      await call('vxlan_add_del_tunnel_v3', { ...tunnel, is_add: false });
      expect((await fib()).filter((l) => l.startsWith('10.99.'))).toEqual([]);
    });

    it('adds adjacency entries for neighbours, installed only on their interface’s subnet', async () => {
      const neighbor = (ip: string, is_add = true): Promise<ApiMessage> =>
        call('ip_neighbor_add_del', {
          is_add,
          neighbor: { sw_if_index: loop, flags: 1, mac_address: '02:00:00:00:00:09', ip_address: ip },
        });
      for (const ip of ['10.50.0.21', '10.77.0.21', '10.50.0.9']) await neighbor(ip);
      const now = await fib();
      expect(now).toContain('10.50.0.21/32 adjacency: via 10.50.0.21 loop50');
      expect(now).toContain('10.77.0.21/32 adjacency (not installed): via 10.77.0.21 loop50');
      // adjacency (208) is better than recursive-resolution (251)
      expect(now).toContain('10.50.0.9/32 adjacency: via 10.50.0.9 loop50');
      expect(await fib(0, 15)).toEqual([
        '10.50.0.21/32 adjacency: via 10.50.0.21 loop50',
        '10.50.0.9/32 adjacency: via 10.50.0.9 loop50',
        '10.77.0.21/32 adjacency (not installed): via 10.77.0.21 loop50',
      ]);
      // the route's next hop keeps its entry while the neighbour goes, and the other way round
      await neighbor('10.50.0.9', false);
      expect(await fib()).toContain('10.50.0.9/32 recursive-resolution: via 10.50.0.9 loop50');
      await expect(neighbor('10.50.0.9', false)).rejects.toThrow(/VNET_API_ERROR_NO_SUCH_ENTRY/);
    });

    it('removes every entry of an interface with it', async () => {
      await call('ip_route_add_del', {
        is_add: false,
        route: { table_id: 0, prefix: '10.60.0.0/16', n_paths: 0, paths: [] },
      });
      expect((await fib()).filter((l) => l.startsWith('10.50.0.9/'))).toEqual([]);
      await call('delete_loopback', { sw_if_index: loop });
      expect(await fib()).toEqual([]);
      expect(await t.client.dump('ip_neighbor_dump', { sw_if_index: NONE, af: 0 })).toEqual([]);
    });

    it('keeps a table that a tunnel endpoint tracks until the tunnel goes', async () => {
      const tunnel = {
        is_add: true,
        instance: 5,
        src_address: '192.0.2.1',
        dst_address: '192.0.2.2',
        vni: 5,
        encap_vrf_id: 100,
        decap_next_index: NONE,
      };
      await expect(call('vxlan_add_del_tunnel_v3', tunnel)).rejects.toThrow(/VNET_API_ERROR_NO_SUCH_FIB/);
      await call('ip_table_add_del', { is_add: true, table: { table_id: 100, is_ip6: false, name: '' } });
      await call('vxlan_add_del_tunnel_v3', tunnel);
      expect(await fib(100)).toEqual(['192.0.2.2/32 recursive-resolution: drop']);
      await call('ip_table_add_del', { is_add: false, table: { table_id: 100, is_ip6: false, name: '' } });
      const tables = async (): Promise<number[]> =>
        (await t.client.dump('ip_table_dump')).map((d) => Number((d.table as ApiMessage).table_id));
      expect(await tables()).toContain(100);
      await call('vxlan_add_del_tunnel_v3', { ...tunnel, is_add: false });
      expect(await tables()).not.toContain(100);
    });
  });
}

/**
 * vppstate manages API-sourced routes only: the entries VPP adds on its own (tunnel endpoints,
 * next hops, neighbours, connected prefixes) are neither deleted by --prune=all nor drift.
 */
for (const target of TARGETS) {
  describe(`routes of other FIB sources on the ${target === 'sim' ? 'simulator' : 'real VPP'}`, () => {
    let t: Target | undefined;
    afterAll(async () => {
      await t?.close();
    });

    it('l2-service-chain, then vxlan-overlay with --prune=all: converges, nothing left to do', async () => {
      const chain = await loadExample('l2-service-chain.yaml');
      const overlay = await loadExample('vxlan-overlay.yaml');
      t = await startTarget(target, { hardware: chain.hardware });
      expect((await applyDesired(t.client, stateToObjects(chain.state), ALL)).verified).toBe(true);
      const out = await applyDesired(t.client, stateToObjects(overlay.state), ALL);
      expect(out.verified).toBe(true);
      // the tunnels' endpoints are in the underlay table, as recursive-resolution entries
      const underlay = await t.client.dump('ip_route_v2_dump', { src: 0, table: { table_id: 100 } });
      const rr = underlay
        .filter((d) => (d.route as ApiMessage).src === 18)
        .map((d) => (d.route as ApiMessage).prefix);
      expect(rr.sort()).toEqual(['192.0.2.12/32', '192.0.2.13/32']);
      expect((await planFor(t.client, stateToObjects(overlay.state), ALL)).plan.changes).toEqual([]);
      // a neighbour learnt (or added) on the uplink is not a route either
      const uplink = (await t.client.dump('sw_interface_dump', { sw_if_index: NONE })).find(
        (d) => d.interface_name === 'GigabitEthernet0/8/0',
      );
      await t.client.call('ip_neighbor_add_del', {
        is_add: true,
        neighbor: {
          sw_if_index: Number(uplink?.sw_if_index),
          flags: 0,
          mac_address: '02:00:00:00:00:01',
          ip_address: '172.16.0.1',
        },
      });
      if (t.vpp)
        await t.vpp.ctl('ip', 'route', 'add', '198.51.100.0/24', 'table', '100', 'via', '172.16.0.2');
      const { plan } = await planFor(t.client, stateToObjects(overlay.state), ALL);
      expect(plan.changes).toEqual([]);
      const live = await readLive(t.client);
      expect([...(live.objects.get('route')?.keys() ?? [])].sort()).toEqual([
        '100:192.0.2.0/24',
        '200:10.0.0.0/8',
      ]);
    });
  });
}
