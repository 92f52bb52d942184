/**
 * Generated scenarios for the differential harness: fast-check draws sequences of operations over
 * the simulator's messages (valid and invalid: unknown indexes, wrong kinds, repeats), each turned
 * into a scenario whose created objects are bound by name, and ending with dumps of the whole
 * state. Operations name their targets by small numbers, so shrinking removes steps and lowers
 * choices towards the first objects.
 */
import fc from 'fast-check';
import { type Arg, type Scenario, ref, scenario } from './scenario.js';
import { acl, aclList, aclRule, mss, NAT_ENABLE, natRange } from './scenarios/plugins.js';
import { bond, memif, vxlan } from './scenarios/devices.js';
import {
  ANY,
  PORTS,
  address,
  bridgeDomain,
  bridgeMember,
  dumpAddresses,
  dumpBridgeDomains,
  dumpInterfaces,
  dumpRoutes,
  loopback,
  route,
  setFlags,
  subif,
  table,
} from './scenarios/util.js';

/** One drawn operation: its kind and three small choices. */
export interface Op {
  readonly k: OpKind;
  readonly a: number;
  readonly b: number;
  readonly c: number;
}

/** Kinds with their weights: interface lifecycles (where index choices show) come most often. */
const KINDS = {
  loop: 8,
  delLoop: 6,
  sub: 5,
  delSub: 3,
  flags: 3,
  addr4: 3,
  addr6: 2,
  table: 2,
  setTable: 1,
  route4: 3,
  route6: 2,
  bd: 2,
  bdMember: 3,
  xconnect: 1,
  bond: 2,
  bondMember: 2,
  bondDetach: 1,
  bondDel: 1,
  memif: 1,
  memifDel: 1,
  vxlan: 2,
  acl: 1,
  aclDel: 1,
  aclBind: 1,
  nat: 1,
  natAddr: 1,
  natIf: 1,
  mssSet: 1,
  sample: 1,
  feature: 1,
  dump: 3,
} as const;
export type OpKind = keyof typeof KINDS;

export const opArb: fc.Arbitrary<Op> = fc.record({
  k: fc.oneof(
    ...(Object.entries(KINDS) as Array<[OpKind, number]>).map(([k, weight]) => ({
      weight,
      arbitrary: fc.constant(k),
    })),
  ),
  a: fc.nat(7),
  b: fc.nat(7),
  c: fc.nat(7),
});

/** Sequences of 1 to `max` operations. */
export function opsArb(max = 32): fc.Arbitrary<Op[]> {
  return fc.array(opArb, { minLength: 1, maxLength: max, size: 'max' });
}

/** The hardware ports every generated scenario has. */
export const GENERATED_HARDWARE = PORTS;

/** An index no interface has (misuse). */
const BOGUS = 77;

/**
 * The scenario of a sequence. Interfaces are chosen among the ports, those created so far (by
 * name; a failed create binds what VPP answered) and an unknown index; local0 is left out (VPP
 * v26.10 dies when it is made a bond member, which would end the run).
 */
export function generatedScenario(ops: readonly Op[], name = 'generated'): Scenario {
  return scenario(
    name,
    `${ops.length} generated operations`,
    (b) => {
      const ifs: string[] = [];
      const bonds: string[] = [];
      let n = 0;
      const fresh = (p: string): string => `${p}${n++}`;
      // 0-4: the interfaces created last (most often what a sequence goes on with); else a port or none
      const pick = (i: number): Arg => {
        if (i < 5 && ifs.length > 0) return ref(ifs[ifs.length - 1 - (i % ifs.length)] as string);
        return ([1, 2, BOGUS] as const)[i % 3] as number;
      };
      const pickBond = (i: number): Arg =>
        bonds.length > 0 ? ref(bonds[i % bonds.length] as string) : BOGUS;
      for (const { k, a, b: x, c } of ops) {
        switch (k) {
          case 'loop': {
            const nm = fresh('loop');
            loopback(b, nm, a % 3 === 0 ? x % 4 : undefined);
            ifs.push(nm);
            break;
          }
          case 'delLoop':
            b.call('delete_loopback', { sw_if_index: pick(a) });
            break;
          case 'sub': {
            const nm = fresh('sub');
            subif(b, nm, pick(a), 1 + (x % 4));
            ifs.push(nm);
            break;
          }
          case 'delSub':
            b.call('delete_subif', { sw_if_index: pick(a) });
            break;
          case 'flags':
            setFlags(b, pick(a), x % 2);
            break;
          case 'addr4':
            address(b, pick(a), `10.${x % 4}.0.${1 + (c % 2)}/24`, c % 4 !== 3);
            break;
          case 'addr6':
            address(b, pick(a), `2001:db8:${x % 4}::${1 + (c % 2)}/64`, c % 4 !== 3);
            break;
          case 'table':
            table(b, 1 + (x % 3), c % 2 === 1, '', a % 4 !== 3);
            break;
          case 'setTable':
            b.call('sw_interface_set_table', { sw_if_index: pick(a), is_ipv6: c % 2 === 1, vrf_id: x % 3 });
            break;
          case 'route4':
          case 'route6': {
            const ip6 = k === 'route6';
            const nh = (i: number): string => (ip6 ? `2001:db8:${i % 4}::2` : `10.${i % 4}.0.2`);
            const paths =
              c % 3 === 0
                ? [{ sw: pick(a), nh: nh(x) }]
                : c % 3 === 1
                  ? [{ nh: nh(x) }, { nh: nh(x + 1) }]
                  : [{ nh: nh(x), table: c % 2 }];
            route(b, ip6 ? `2001:db8:${100 + (a % 3)}::/48` : `10.${100 + (a % 3)}.0.0/16`, paths, {
              table: x % 5 === 4 ? 1 : 0,
              isAdd: c % 4 !== 3,
              multipath: c % 2 === 1,
            });
            break;
          }
          case 'bd':
            bridgeDomain(b, 1 + (a % 3), { isAdd: c % 4 !== 3, learn: x % 2 === 0 });
            break;
          case 'bdMember':
            bridgeMember(b, pick(a), 1 + (x % 3), { enable: c % 4 !== 3, portType: c % 5 === 4 ? 1 : 0 });
            break;
          case 'xconnect':
            b.call('sw_interface_set_l2_xconnect', {
              rx_sw_if_index: pick(a),
              tx_sw_if_index: pick(x),
              enable: c % 3 !== 2,
            });
            break;
          case 'bond': {
            const nm = fresh('bond');
            b.call('bond_create2', bond(1 + (a % 5), x % 3, c % 3 === 0 ? c % 4 : ANY), nm);
            ifs.push(nm);
            bonds.push(nm);
            break;
          }
          case 'bondMember':
            b.call('bond_add_member', {
              sw_if_index: pick(a),
              bond_sw_if_index: pickBond(x),
              is_passive: c % 2 === 1,
              is_long_timeout: false,
            });
            break;
          case 'bondDetach':
            b.call('bond_detach_member', { sw_if_index: pick(a) });
            break;
          case 'bondDel':
            b.call('bond_delete', { sw_if_index: pickBond(a) });
            break;
          case 'memif': {
            const nm = fresh('memif');
            b.call('memif_create_v2', memif(0, a % 3, { role: c % 2, mode: x % 3 === 2 ? 1 : 0 }), nm);
            ifs.push(nm);
            break;
          }
          case 'memifDel':
            b.call('memif_delete', { sw_if_index: pick(a) });
            break;
          case 'vxlan': {
            const nm = fresh('vxlan');
            b.call(
              'vxlan_add_del_tunnel_v3',
              vxlan('10.0.0.1', `10.${a % 4}.0.${2 + (x % 2)}`, 10 + (c % 2), { isAdd: c % 4 !== 3 }),
              nm,
            );
            ifs.push(nm);
            break;
          }
          case 'acl':
            b.call(
              'acl_add_replace',
              acl(a % 3 === 0 ? x % 3 : ANY, `t${c}`, [
                aclRule(c % 2, `10.${x % 4}.0.0/16`, c % 5 === 4 ? '::/0' : '0.0.0.0/0', 6, [80, 80 + c]),
              ]),
            );
            break;
          case 'aclDel':
            b.call('acl_del', { acl_index: a % 4 });
            break;
          case 'aclBind':
            b.call('acl_interface_set_acl_list', aclList(pick(a), c % 2 === 0 ? [x % 3] : [], [c % 4]));
            break;
          case 'nat':
            b.call('nat44_ed_plugin_enable_disable', { ...NAT_ENABLE, enable: c % 4 !== 3 });
            break;
          case 'natAddr':
            b.call(
              'nat44_add_del_address_range',
              natRange(`192.0.2.${a}`, `192.0.2.${a + (x % 3)}`, c % 4 !== 3),
            );
            break;
          case 'natIf':
            b.call('nat44_interface_add_del_feature', {
              is_add: c % 4 !== 3,
              flags: x % 2 === 0 ? 0x20 : 0x10,
              sw_if_index: pick(a),
            });
            break;
          case 'mssSet':
            b.call('mss_clamp_enable_disable', mss(pick(a), 1200 + x, 1300 + x, c % 4, c % 3));
            break;
          case 'sample':
            b.call('sample_macswap_enable_disable', { enable_disable: c % 3 !== 2, sw_if_index: pick(a) });
            break;
          case 'feature':
            b.call('feature_enable_disable', {
              sw_if_index: pick(a),
              enable: c % 3 !== 2,
              arc_name: x % 2 === 0 ? 'ip4-unicast' : 'ip6-unicast',
              feature_name: x % 2 === 0 ? 'ip4-not-enabled' : 'ip6-not-enabled',
            });
            break;
          case 'dump':
            DUMPS[a % DUMPS.length]!(b, pick(x));
            break;
        }
      }
      // the whole state at the end
      dumpInterfaces(b);
      dumpRoutes(b);
      dumpRoutes(b, 0, true);
      dumpBridgeDomains(b);
    },
    { hardware: GENERATED_HARDWARE },
  );
}

type Dump = (b: Parameters<Parameters<typeof scenario>[2]>[0], sw: Arg) => void;

const DUMPS: readonly Dump[] = [
  (b, sw) => dumpInterfaces(b, sw),
  (b, sw) => dumpAddresses(b, sw),
  (b, sw) => dumpAddresses(b, sw, true),
  (b) => dumpRoutes(b, 1),
  (b) => b.call('sw_bond_interface_dump', { sw_if_index: ANY }),
  (b, sw) => b.call('sw_member_interface_dump', { sw_if_index: sw }),
  (b) => b.call('memif_dump'),
  (b) => b.call('vxlan_tunnel_v2_dump', { sw_if_index: ANY }),
  (b) => b.call('acl_dump', { acl_index: ANY }),
  (b) => b.call('acl_interface_list_dump', { sw_if_index: ANY }),
  (b) => b.call('nat44_interface_dump'),
  (b) => b.call('nat44_address_dump'),
  (b) => b.call('mss_clamp_get', { cursor: 0, sw_if_index: ANY }),
  (b, sw) => b.call('sw_interface_get_table', { sw_if_index: sw, is_ipv6: false }),
  (b) => b.call('ip_table_dump'),
];
