import { describe, expect, it } from 'vitest';
import { applyDesired, planFor } from '../../src/apply/reconcile.js';
import { objectsToState, readLive, stateToObjects } from '../../src/model/live.js';
import type { Interface, State } from '../../src/model/types.js';
import { bd, bond, loop, state, sub } from '../plan/fixtures.js';
import { modelCaller, type ModelCaller } from './model-caller.js';

async function converge(vpp: ModelCaller, s: State): Promise<void> {
  const out = await applyDesired(vpp, stateToObjects(s));
  expect(out.verified).toBe(true);
  const { plan } = await planFor(vpp, stateToObjects(s));
  expect(plan.changes).toEqual([]);
}

const common = (name: string) => ({
  name,
  adminState: 'up' as const,
  vrf: { ipv4: 0, ipv6: 0 },
  addresses: [],
  acls: { input: [], output: [] },
  nat44: { inside: false, outside: false, output: false },
  macswap: false,
});

const memif = (
  socketId: number,
  id: number,
  role: 'master' | 'slave' = 'master',
  file = `/run/vpp/m${socketId}.sock`,
): Interface => ({
  ...common(`memif${socketId}/${id}`),
  kind: 'memif',
  memif: { socketId, id, socketFilename: file, role, mode: 'ethernet', zeroCopy: true },
});
const vxlan = (instance: number, vni: number): Interface => ({
  ...common(`vxlan_tunnel${instance}`),
  kind: 'vxlan',
  vxlan: {
    instance,
    source: '192.0.2.1',
    destination: '192.0.2.2',
    vni,
    encapVrf: 0,
    port: 4789,
    decap: 'l2',
  },
});
const tap = (id: number): Interface => ({
  ...common(`tap${id}`),
  kind: 'tap',
  tap: {
    id,
    hostName: `vpp-tap${id}`,
    hostNamespace: '',
    hostBridge: '',
    rxRingSize: 256,
    txRingSize: 256,
    tun: false,
    gso: false,
    checksumOffload: false,
    persist: false,
  },
});

describe('core kinds round trip through apply, verify and export', () => {
  it('memif (with its socket), vxlan and tap: create, recreate on a changed setting, delete', async () => {
    const vpp = modelCaller();
    await converge(vpp, state({ interfaces: [memif(1, 0), memif(1, 1), vxlan(3, 100), tap(2)] }));
    // the memifs of one socket share one role (VPP refuses both on a socket, -68): both change
    const slaves = state({ interfaces: [memif(1, 0, 'slave'), memif(1, 1, 'slave'), vxlan(3, 200), tap(2)] });
    const { plan } = await planFor(vpp, stateToObjects(slaves));
    expect(plan.changes.map((c) => [c.id, c.action])).toEqual([
      ['memif1/0', 'replace'],
      ['memif1/1', 'replace'],
      ['vxlan_tunnel3', 'replace'],
    ]);
    await converge(vpp, slaves);
    // a new socket file for socket 1: the socket and its memifs are recreated
    await converge(vpp, state({ interfaces: [memif(1, 0, 'master', '/run/vpp/other.sock')] }));
    await converge(vpp, state({}));
    expect((await readLive(vpp)).objects.get('memif-socket')?.size).toBe(0);
  });

  it('bonds: create with members, change members, change mode (recreate), delete', async () => {
    const vpp = modelCaller();
    const base = [loop(1, { adminState: 'up' }), loop(2), loop(3)];
    await converge(
      vpp,
      state({ interfaces: [...base, bond(0, ['loop1', 'loop2'], { addresses: ['10.7.0.1/24'] })] }),
    );
    await converge(
      vpp,
      state({ interfaces: [...base, bond(0, ['loop2', 'loop3'], { addresses: ['10.7.0.1/24'] })] }),
    );
    const lacp = bond(0, ['loop3']);
    const xor: State = state({
      interfaces: [...base, { ...lacp, bond: { ...lacp.bond, mode: 'xor', loadBalance: 'l34' } }],
    });
    const { plan } = await planFor(vpp, stateToObjects(xor));
    expect(plan.changes.find((c) => c.id === 'BondEthernet0')?.action).toBe('replace');
    await converge(vpp, xor);
    await converge(vpp, state({ interfaces: base }));
  });

  // The simulator does not implement sw_interface_set_unnumbered / ip_unnumbered_dump yet.
  const simHasUnnumbered = 'sw_interface_set_unnumbered' in modelCaller().model.handlers;
  it.skipIf(!simHasUnnumbered)('unnumbered: borrow, switch donor, stop', async () => {
    const vpp = modelCaller();
    const donors = [loop(0, { addresses: ['10.0.0.1/32'] }), loop(1, { addresses: ['10.0.1.1/32'] })];
    await converge(vpp, state({ interfaces: [...donors, loop(2, { unnumbered: 'loop0' })] }));
    await converge(vpp, state({ interfaces: [...donors, loop(2, { unnumbered: 'loop1' })] }));
    await converge(vpp, state({ interfaces: [...donors, loop(2)] }));
  });

  it('bridge domains: flags, mac-age, BVI, members with split horizon, moves', async () => {
    const vpp = modelCaller();
    const ifs = [loop(0, { addresses: ['10.9.0.1/24'] }), loop(1), loop(2), loop(3)];
    await converge(
      vpp,
      state({
        interfaces: ifs,
        bridgeDomains: [bd(10, { bvi: 'loop0', members: { loop1: { splitHorizonGroup: 1 } } })],
      }),
    );
    await converge(
      vpp,
      state({
        interfaces: ifs,
        bridgeDomains: [
          bd(10, {
            bvi: 'loop0',
            learn: false,
            arpTermination: true,
            macAge: 10,
            members: { loop2: { splitHorizonGroup: 2 } },
          }),
          bd(20, { members: { loop1: { splitHorizonGroup: 0 }, loop3: { splitHorizonGroup: 3 } } }),
        ],
      }),
    );
    await converge(vpp, state({ interfaces: ifs }));
  });

  it('xconnects: both directions, re-pointed, removed', async () => {
    const vpp = modelCaller();
    const ifs = [loop(0), loop(1), loop(2)];
    await converge(
      vpp,
      state({
        interfaces: ifs,
        xconnects: [
          ['loop0', 'loop1'],
          ['loop1', 'loop0'],
        ],
      }),
    );
    await converge(
      vpp,
      state({
        interfaces: ifs,
        xconnects: [
          ['loop0', 'loop2'],
          ['loop2', 'loop0'],
        ],
      }),
    );
    await converge(vpp, state({ interfaces: ifs }));
  });

  it('sub-interfaces: QinQ, dot1ad, MTU, export round trip', async () => {
    const vpp = modelCaller();
    const q = sub('loop0', 200, { outer: 200, inner: 30, mtu: 1500 });
    const ad = sub('loop0', 300, { outer: 300 });
    const s = state({ interfaces: [loop(0, { mtu: 9000 }), q, { ...ad, sub: { ...ad.sub, dot1ad: true } }] });
    await converge(vpp, s);
    const exported = objectsToState((await readLive(vpp)).objects);
    const { plan } = await planFor(vpp, stateToObjects(exported));
    expect(plan.changes).toEqual([]);
  });
});

describe('routes: what VPP adds on its own is not read as configuration', () => {
  it('skips connected, local and attached-host routes, keeps a route that only resembles one', async () => {
    const vpp = modelCaller();
    const ifs = [loop(0, { addresses: ['10.0.0.1/24', '2001:db8::1/64'] })];
    const path = (via: string) => ({
      type: 'normal' as const,
      via,
      interface: 'loop0',
      weight: 1,
      preference: 0,
    });
    const routes = [
      { vrf: 0, prefix: '10.1.0.0/16', paths: [path('10.0.0.2')] },
      // Next hop equal to its own network address: not an attached host (/128 would be).
      { vrf: 0, prefix: '2001:db9::/32', paths: [path('2001:db9::')] },
    ];
    await converge(vpp, state({ interfaces: ifs, routes }));
    const live = (await readLive(vpp)).objects.get('route');
    expect([...(live?.keys() ?? [])].sort()).toEqual(['0:10.1.0.0/16', '0:2001:db9::/32']);
  });
});
