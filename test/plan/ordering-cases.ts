/**
 * Every ordering rule of DESIGN.md as a scenario: apply `before`, then plan `after`. With the
 * rule the apply succeeds and verifies; without it (its resource keys dropped from the graph,
 * ops fed to the sort in an adversarial order) VPP — or name resolution — refuses an op.
 * Shared by the in-process tests (test/apply) and the socket end-to-end tests (test/e2e).
 */
import type { State } from '../../src/model/types.js';
import { bd, hw, loop, route, state, sub, vrf } from './fixtures.js';

export interface OrderingCase {
  readonly rule: string;
  readonly before: State;
  readonly after: State;
  readonly dropKeys: RegExp;
  readonly reverse: boolean;
  /** The failure expected without the rule: VPP's errno name, or the executor's error code. */
  readonly failsWith: string;
  /** Check the sequence of write calls instead of a failure (rules VPP itself does not enforce). */
  readonly checkCalls?: (calls: ReadonlyArray<{ name: string; args: Record<string, unknown> }>) => boolean;
}

const mtuOrder =
  (first: 'parent' | 'child') =>
  (calls: ReadonlyArray<{ name: string; args: Record<string, unknown> }>): boolean => {
    const mtus = calls.filter((c) => c.name === 'sw_interface_set_mtu').map((c) => c.args.sw_if_index);
    // the parent (loop0) was created first and has the lower sw_if_index
    const ordered = [...mtus].sort((a, b) => Number(a) - Number(b));
    return first === 'parent'
      ? JSON.stringify(mtus) === JSON.stringify(ordered)
      : JSON.stringify(mtus) === JSON.stringify([...ordered].reverse());
  };

export const ORDERING_CASES: readonly OrderingCase[] = [
  {
    rule: 'a table exists before an interface binds to it',
    before: state({}),
    after: state({ vrfs: [vrf(10)], interfaces: [loop(0, { vrf: { ipv4: 10, ipv6: 0 } })] }),
    dropKeys: /^table:/,
    reverse: false,
    failsWith: 'VNET_API_ERROR_NO_SUCH_FIB',
  },
  {
    rule: 'addresses off before a VRF change and back on after',
    before: state({ vrfs: [vrf(10)], interfaces: [loop(0, { addresses: ['10.0.0.1/24'] })] }),
    after: state({
      vrfs: [vrf(10)],
      interfaces: [loop(0, { vrf: { ipv4: 10, ipv6: 0 }, addresses: ['10.0.0.1/24'] })],
    }),
    dropKeys: /^addrs-gone:/,
    reverse: true,
    failsWith: 'VNET_API_ERROR_ADDRESS_FOUND_FOR_INTERFACE',
  },
  {
    rule: 'a parent is created before its sub-interfaces',
    before: state({}),
    after: state({ interfaces: [loop(0), sub('loop0', 10)] }),
    dropKeys: /^if:loop0$/,
    reverse: true,
    failsWith: 'apply.unresolved',
  },
  {
    rule: 'sub-interfaces are deleted before their parent',
    before: state({ interfaces: [loop(0), sub('loop0', 10, { addresses: ['10.1.0.1/24'] })] }),
    after: state({}),
    dropKeys: /^if:loop0$/,
    reverse: false,
    failsWith: 'apply.unresolved',
  },
  {
    rule: 'MTU is raised on the parent first',
    before: state({ interfaces: [loop(0, { mtu: 1500 }), sub('loop0', 10, { mtu: 1500 })] }),
    after: state({ interfaces: [loop(0, { mtu: 9000 }), sub('loop0', 10, { mtu: 9000 })] }),
    dropKeys: /^mtu-/,
    reverse: true,
    failsWith: 'order',
    checkCalls: mtuOrder('parent'),
  },
  {
    rule: 'MTU is lowered on the children first',
    before: state({ interfaces: [loop(0, { mtu: 9000 }), sub('loop0', 10, { mtu: 9000 })] }),
    after: state({ interfaces: [loop(0, { mtu: 1500 }), sub('loop0', 10, { mtu: 1500 })] }),
    dropKeys: /^mtu-/,
    reverse: false,
    failsWith: 'order',
    checkCalls: mtuOrder('child'),
  },
  {
    rule: 'a bridge domain is created with its settings before members join',
    before: state({ interfaces: [loop(0)] }),
    after: state({
      interfaces: [loop(0)],
      bridgeDomains: [bd(10, { members: { loop0: { splitHorizonGroup: 0 } } })],
    }),
    dropKeys: /^bd:/,
    reverse: true,
    failsWith: 'VNET_API_ERROR_BD_ALREADY_EXISTS',
  },
  {
    rule: 'bridge members leave before the bridge domain is deleted',
    before: state({
      interfaces: [loop(0)],
      bridgeDomains: [bd(10, { members: { loop0: { splitHorizonGroup: 0 } } })],
    }),
    after: state({ interfaces: [loop(0)] }),
    dropKeys: /^bd:/,
    reverse: true,
    failsWith: 'VNET_API_ERROR_BD_IN_USE',
  },
  {
    rule: 'the BVI loopback exists before the bridge domain uses it',
    before: state({}),
    after: state({
      interfaces: [loop(0, { addresses: ['10.9.0.1/24'] })],
      bridgeDomains: [bd(10, { bvi: 'loop0' })],
    }),
    dropKeys: /^if:/,
    reverse: true,
    failsWith: 'apply.unresolved',
  },
  {
    rule: 'an interface leaves its bridge domain before it is deleted',
    before: state({
      interfaces: [loop(0), loop(1)],
      bridgeDomains: [bd(10, { members: { loop1: { splitHorizonGroup: 1 } } })],
    }),
    after: state({ interfaces: [loop(0)], bridgeDomains: [bd(10)] }),
    dropKeys: /^if:/,
    reverse: false,
    failsWith: 'apply.unresolved',
  },
  {
    rule: 'an xconnect is removed before its interfaces are deleted',
    before: state({
      interfaces: [loop(0), loop(1)],
      xconnects: [
        ['loop0', 'loop1'],
        ['loop1', 'loop0'],
      ],
    }),
    after: state({}),
    dropKeys: /^if:/,
    reverse: false,
    failsWith: 'apply.unresolved',
  },
  {
    rule: 'routes come after their table and next-hop interface',
    before: state({}),
    after: state({
      vrfs: [vrf(10)],
      interfaces: [loop(0, { vrf: { ipv4: 10, ipv6: 0 }, addresses: ['10.0.0.1/24'] })],
      routes: [route(10, '192.0.2.0/24', [{ via: '10.0.0.2', interface: 'loop0' }])],
    }),
    dropKeys: /^(table|if):/,
    reverse: true,
    failsWith: 'apply.unresolved',
  },
  {
    rule: 'routes are deleted before their next-hop interface',
    before: state({
      interfaces: [loop(0, { addresses: ['10.0.0.1/24'] })],
      routes: [route(0, '192.0.2.0/24', [{ via: '10.0.0.2', interface: 'loop0' }])],
    }),
    after: state({}),
    dropKeys: /^if:/,
    reverse: false,
    // VPP deletes a route without naming its paths, so nothing fails; but rollback re-adds the
    // route via the interface, which must then exist again: the order is what matters.
    failsWith: 'order',
    checkCalls: (calls) =>
      calls.findIndex((c) => c.name === 'ip_route_add_del') <
      calls.findIndex((c) => c.name === 'delete_loopback'),
  },
];

export { hw };
