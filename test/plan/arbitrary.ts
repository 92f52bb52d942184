import fc from 'fast-check';
import type { BridgeDomain, Interface, Route, State } from '../../src/model/types.js';
import { bd, loop, route, state, sub, vrf } from './fixtures.js';

/**
 * Random valid desired states over the core kinds: VRFs, loopbacks (admin, MTU, description,
 * VRF, IPv4/IPv6 addresses), sub-interfaces, routes via addressed interfaces or drop, a bridge
 * domain with a BVI and L2-only members, and an xconnect pair. Addresses are drawn per
 * interface from disjoint subnets, so every state passes validation.
 */
export const desiredState: fc.Arbitrary<State> = fc
  .record({
    vrfs: fc.subarray([10, 20]),
    v6: fc.boolean(),
    loops: fc.array(
      fc.record({
        up: fc.boolean(),
        mtu: fc.constantFrom(undefined, 1500, 9000),
        desc: fc.constantFrom(undefined, 'core', 'edge link'),
        vrfPick: fc.nat(2),
        addrs: fc.subarray([0, 1, 2]),
        v6addr: fc.boolean(),
        sub: fc.constantFrom(undefined, 10, 20),
        subUp: fc.boolean(),
        subOuter: fc.nat(1),
        route: fc.constantFrom(undefined, 'via', 'drop'),
      }),
      { maxLength: 4 },
    ),
    bridge: fc.constantFrom(undefined, 'bvi', 'members', 'both'),
    bdMacAge: fc.constantFrom(0, 5),
    xconnect: fc.boolean(),
  })
  .map((g) => {
    const vrfIds = [0, ...g.vrfs];
    const interfaces: Interface[] = [];
    const routes: Route[] = [];
    g.loops.forEach((l, i) => {
      const v = vrfIds[l.vrfPick % vrfIds.length];
      const addresses = [
        ...l.addrs.map((x) => `10.${i}.${x}.1/24`),
        ...(l.v6addr ? [`2001:db8:${i + 1}::1/64`] : []),
      ];
      interfaces.push(
        loop(i, {
          adminState: l.up ? 'up' : 'down',
          mtu: l.mtu,
          description: l.desc,
          vrf: { ipv4: v, ipv6: g.v6 ? v : 0 },
          addresses,
        }),
      );
      if (l.sub !== undefined)
        interfaces.push(
          sub(`loop${i}`, l.sub, {
            outer: l.sub + l.subOuter,
            mtu: l.mtu === 9000 ? 1500 : undefined,
            // VPP refuses a sub-interface up under a parent that is down
            adminState: l.up && l.subUp ? 'up' : 'down',
          }),
        );
      if (l.route === 'via' && l.addrs.length > 0)
        routes.push(route(v, `192.0.${i}.0/24`, [{ via: `10.${i}.${l.addrs[0]}.2`, interface: `loop${i}` }]));
      if (l.route === 'drop') routes.push(route(v, `198.51.${i}.0/24`, [{ type: 'drop' }]));
    });
    const bds: BridgeDomain[] = [];
    if (g.bridge) {
      const withBvi = g.bridge === 'bvi' || g.bridge === 'both';
      const withMembers = g.bridge === 'members' || g.bridge === 'both';
      if (withBvi) interfaces.push(loop(10, { addresses: ['172.16.0.1/24'] }));
      if (withMembers) interfaces.push(loop(11), loop(12));
      bds.push(
        bd(100, {
          macAge: g.bdMacAge,
          ...(withBvi ? { bvi: 'loop10' } : {}),
          members: withMembers ? { loop11: { splitHorizonGroup: 0 }, loop12: { splitHorizonGroup: 1 } } : {},
        }),
      );
    }
    const xconnects: Array<[string, string]> = [];
    if (g.xconnect) {
      interfaces.push(loop(13), loop(14));
      xconnects.push(['loop13', 'loop14'], ['loop14', 'loop13']);
    }
    return state({
      vrfs: g.vrfs.map((id) => vrf(id, g.v6)),
      interfaces,
      routes,
      bridgeDomains: bds,
      xconnects,
    });
  });
