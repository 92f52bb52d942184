import type { State } from '../../src/model/types.js';
import { bd, loop, route, state, sub, vrf } from './fixtures.js';

/** A representative "before" state. */
export const BEFORE: State = state({
  vrfs: [vrf(20)],
  interfaces: [
    loop(0, { mtu: 9000, addresses: ['10.0.0.1/24'] }),
    loop(5, { vrf: { ipv4: 20, ipv6: 0 }, addresses: ['10.5.0.1/24'], description: 'old' }),
    sub('loop0', 100, { mtu: 1500, addresses: ['10.100.0.1/24'] }),
    loop(7),
  ],
  bridgeDomains: [bd(7, { members: { loop7: { splitHorizonGroup: 0 } } })],
  routes: [
    route(0, '192.0.2.0/24', [{ via: '10.0.0.2', interface: 'loop0' }]),
    route(20, '198.51.100.0/24', [{ type: 'drop' }]),
  ],
});

/** A representative "after": every kind created, updated, replaced and deleted somewhere. */
export const AFTER: State = state({
  vrfs: [vrf(10, true)],
  interfaces: [
    loop(0, { mtu: 1500, addresses: ['10.0.0.1/24', '2001:db8::1/64'], description: 'uplink' }),
    loop(5, { vrf: { ipv4: 10, ipv6: 10 }, addresses: ['10.5.0.1/24'], adminState: 'down' }),
    sub('loop0', 100, { outer: 101, addresses: ['10.100.0.1/24'] }),
    loop(1, { addresses: ['10.9.0.1/24'] }),
    loop(2),
  ],
  bridgeDomains: [bd(10, { bvi: 'loop1', members: { loop2: { splitHorizonGroup: 1 } }, macAge: 5 })],
  routes: [
    route(0, '192.0.2.0/24', [{ via: '10.0.0.3', interface: 'loop0' }]),
    route(10, '203.0.113.0/24', [
      { via: '10.5.0.2', interface: 'loop5' },
      { via: '10.5.0.3', interface: 'loop5' },
    ]),
  ],
});
