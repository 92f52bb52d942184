/** Bridge domains, members, BVI, uu-fwd, xconnects, VLAN tag rewrite. */
import { type Scenario, ref, scenario } from '../scenario.js';
import {
  ADMIN_UP,
  ANY,
  ONE_PORT,
  address,
  bridgeDomain,
  bridgeMember,
  dumpBridgeDomains,
  dumpInterfaces,
  loopback,
  setFlags,
  subif,
} from './util.js';

const BVI = 1;
const UU_FWD = 2;

export const l2: Scenario[] = [
  scenario(
    'bridge-domain-settings',
    'bridge domains: ids given and drawn, flags, mac age, tag, dumps',
    (b) => {
      bridgeDomain(b, 10, { tag: 'ten', macAge: 5 });
      bridgeDomain(b, ANY, {}, 'drawn1');
      bridgeDomain(b, ANY, { learn: false, flood: false }, 'drawn2');
      bridgeDomain(b, 0xffffff, { arpTerm: true, uuFlood: false, forward: false });
      dumpBridgeDomains(b);
      dumpBridgeDomains(b, 10);
      dumpBridgeDomains(b, ref('drawn1'));
      dumpBridgeDomains(b, 0);
      dumpBridgeDomains(b, 77);
      b.call('bridge_domain_dump', { bd_id: ANY, sw_if_index: 1 });
      b.call('bridge_flags', { bd_id: 10, is_set: false, flags: 1 });
      b.call('bridge_flags', { bd_id: 10, is_set: true, flags: 16 | 32 });
      b.call('bridge_flags', { bd_id: 10, is_set: false, flags: 2 | 4 | 8 });
      b.call('bridge_flags', { bd_id: 10, is_set: true, flags: 0 });
      b.call('bridge_flags', { bd_id: 99, is_set: true, flags: 1 });
      b.call('bridge_domain_set_mac_age', { bd_id: 10, mac_age: 255 });
      b.call('bridge_domain_set_mac_age', { bd_id: 99, mac_age: 1 });
      dumpBridgeDomains(b, 10);
      bridgeDomain(b, ref('drawn1') as never, { isAdd: false });
      bridgeDomain(b, ANY, {}, 'drawn3');
      dumpBridgeDomains(b);
    },
  ),

  scenario('bridge-domain-errors', 'bridge domain misuses, and domains created by a member joining', (b) => {
    const a = loopback(b, 'a');
    bridgeDomain(b, 10);
    bridgeDomain(b, 10);
    bridgeDomain(b, 0);
    bridgeDomain(b, 0x1000000);
    bridgeDomain(b, 11, { isAdd: false });
    bridgeMember(b, a, 20);
    dumpBridgeDomains(b);
    bridgeDomain(b, 20, { isAdd: false });
    bridgeMember(b, a, 20, { enable: false });
    bridgeDomain(b, 20, { isAdd: false });
    bridgeMember(b, 77, 10);
    bridgeMember(b, a, 0x1000000);
    bridgeMember(b, a, 0);
    dumpBridgeDomains(b);
    const c = loopback(b, 'c');
    bridgeMember(b, a, 10, { portType: BVI });
    bridgeMember(b, c, 10, { portType: BVI });
    bridgeMember(b, c, 10, { portType: 7 });
    dumpBridgeDomains(b);
  }),

  scenario(
    'bridge-members',
    'members joining and leaving in every order: the order VPP keeps them in',
    (b) => {
      const ls = [0, 1, 2, 3, 4, 5].map((i) => loopback(b, `l${i}`));
      bridgeDomain(b, 10);
      bridgeDomain(b, 20);
      bridgeMember(b, ls[0]!, 10);
      bridgeMember(b, ls[1]!, 10, { shg: 1 });
      bridgeMember(b, ls[2]!, 10, { portType: BVI });
      bridgeMember(b, ls[3]!, 10, { shg: 2 });
      bridgeMember(b, ls[4]!, 10, { portType: UU_FWD });
      dumpBridgeDomains(b, 10);
      bridgeMember(b, ls[1]!, 10, { enable: false });
      dumpBridgeDomains(b, 10);
      bridgeMember(b, ls[2]!, 10, { enable: false });
      dumpBridgeDomains(b, 10);
      bridgeMember(b, ls[1]!, 10);
      bridgeMember(b, ls[2]!, 10);
      bridgeMember(b, ls[5]!, 10);
      dumpBridgeDomains(b, 10);
      bridgeMember(b, ls[0]!, 20, { shg: 3 });
      bridgeMember(b, ls[4]!, 20);
      dumpBridgeDomains(b);
      bridgeMember(b, ls[3]!, 10, { shg: 5 });
      bridgeMember(b, ls[5]!, 10, { portType: BVI });
      dumpBridgeDomains(b);
      b.call('delete_loopback', { sw_if_index: ls[5]! });
      b.call('delete_loopback', { sw_if_index: ls[0]! });
      dumpBridgeDomains(b);
      bridgeDomain(b, 20, { isAdd: false });
      dumpInterfaces(b);
    },
  ),

  scenario(
    'bridge-flood-order',
    'members of every flood class: ports, sub-interfaces, loopbacks, VXLAN tunnels, a former BVI',
    (b) => {
      const s1 = subif(b, 's1', 1, 11);
      const s2 = subif(b, 's2', 1, 12);
      const lo = loopback(b, 'lo');
      const bvi = loopback(b, 'bvi');
      const vx = b.call(
        'vxlan_add_del_tunnel_v3',
        {
          is_add: true,
          instance: ANY,
          src_address: '10.40.0.1',
          dst_address: '10.40.0.2',
          src_port: 0,
          dst_port: 0,
          mcast_sw_if_index: ANY,
          encap_vrf_id: 0,
          decap_next_index: ANY,
          vni: 40,
          is_l3: false,
        },
        'vx',
      );
      bridgeDomain(b, 40);
      bridgeMember(b, vx, 40);
      bridgeMember(b, lo, 40);
      bridgeMember(b, s1, 40);
      bridgeMember(b, bvi, 40, { portType: BVI });
      bridgeMember(b, 1, 40, { shg: 1 });
      bridgeMember(b, s2, 40);
      dumpBridgeDomains(b, 40);
      bridgeMember(b, bvi, 40, { enable: false });
      bridgeMember(b, s1, 40, { enable: false });
      dumpBridgeDomains(b, 40);
      bridgeMember(b, bvi, 40);
      bridgeMember(b, s1, 40);
      bridgeMember(b, lo, 40, { portType: BVI });
      dumpBridgeDomains(b, 40);
      bridgeMember(b, vx, 40, { enable: false });
      bridgeMember(b, vx, 40);
      bridgeMember(b, lo, 40);
      dumpBridgeDomains(b, 40);
    },
    { hardware: ONE_PORT },
  ),

  scenario('bridge-bvi', 'a BVI with addresses, flags and routes, leaving and re-joining', (b) => {
    const bvi = loopback(b, 'bvi');
    const m = loopback(b, 'm');
    bridgeDomain(b, 5);
    setFlags(b, bvi, ADMIN_UP);
    address(b, bvi, '10.30.0.1/24');
    address(b, bvi, '2001:db8:30::1/64');
    bridgeMember(b, bvi, 5, { portType: BVI });
    bridgeMember(b, m, 5);
    dumpBridgeDomains(b, 5);
    b.call('ip_route_dump', { table: { table_id: 0, is_ip6: false, name: '' } });
    b.call('ip_address_dump', { sw_if_index: bvi, is_ipv6: false });
    bridgeMember(b, bvi, 5, { enable: false });
    dumpBridgeDomains(b, 5);
    bridgeMember(b, bvi, 5);
    bridgeMember(b, m, 5, { enable: false });
    bridgeMember(b, m, 5);
    dumpBridgeDomains(b, 5);
    bridgeDomain(b, 5, { isAdd: false });
    bridgeMember(b, bvi, 5, { enable: false });
    bridgeMember(b, m, 5, { enable: false });
    bridgeDomain(b, 5, { isAdd: false });
    dumpBridgeDomains(b);
  }),

  scenario('xconnect', 'L2 cross-connects: both ways, one way, replaced, deleted ends, errors', (b) => {
    const a = loopback(b, 'a');
    const c = loopback(b, 'c');
    const d = loopback(b, 'd');
    b.call('sw_interface_set_l2_xconnect', { rx_sw_if_index: a, tx_sw_if_index: c, enable: true });
    b.call('sw_interface_set_l2_xconnect', { rx_sw_if_index: c, tx_sw_if_index: a, enable: true });
    b.call('sw_interface_set_l2_xconnect', { rx_sw_if_index: d, tx_sw_if_index: a, enable: true });
    b.call('l2_xconnect_dump');
    b.call('sw_interface_set_l2_xconnect', { rx_sw_if_index: a, tx_sw_if_index: d, enable: true });
    b.call('l2_xconnect_dump');
    b.call('sw_interface_set_l2_xconnect', { rx_sw_if_index: 77, tx_sw_if_index: a, enable: true });
    b.call('sw_interface_set_l2_xconnect', { rx_sw_if_index: a, tx_sw_if_index: 77, enable: true });
    b.call('sw_interface_set_l2_xconnect', { rx_sw_if_index: a, tx_sw_if_index: 77, enable: false });
    b.call('l2_xconnect_dump');
    b.call('sw_interface_set_l2_xconnect', { rx_sw_if_index: d, tx_sw_if_index: 0, enable: false });
    b.call('l2_xconnect_dump');
    bridgeMember(b, c, 30);
    b.call('l2_xconnect_dump');
    dumpBridgeDomains(b);
    b.call('sw_interface_set_l2_xconnect', { rx_sw_if_index: c, tx_sw_if_index: a, enable: true });
    b.call('sw_interface_set_l2_xconnect', { rx_sw_if_index: a, tx_sw_if_index: c, enable: true });
    dumpBridgeDomains(b);
    b.call('delete_loopback', { sw_if_index: a });
    b.call('l2_xconnect_dump');
    const e = loopback(b, 'e');
    b.call('l2_xconnect_dump');
    b.call('sw_interface_set_l2_xconnect', { rx_sw_if_index: e, tx_sw_if_index: d, enable: true });
    b.call('delete_loopback', { sw_if_index: d });
    b.call('l2_xconnect_dump');
  }),

  scenario(
    'vlan-tag-rewrite',
    'VLAN tag rewrite on sub-interfaces in bridge domains: every operation, the dump fields, errors',
    (b) => {
      setFlags(b, 1, ADMIN_UP);
      const s100 = subif(b, 's100', 1, 100);
      const q = b.call(
        'create_subif',
        { sw_if_index: 1, sub_id: 200, sub_if_flags: 4 | 16, outer_vlan_id: 200, inner_vlan_id: 20 },
        'q',
      );
      bridgeDomain(b, 10);
      bridgeMember(b, s100, 10);
      bridgeMember(b, q, 10);
      for (const [op, push, t1, t2] of [
        [1, 0, 0, 0],
        [2, 0, 0, 0],
        [3, 1, 300, 0],
        [4, 0, 0x88a8, 301],
        [5, 1, 302, 0],
        [6, 1, 303, 304],
        [7, 1, 305, 0],
        [8, 0, 306, 307],
        [0, 0, 0, 0],
      ] as const) {
        b.call('l2_interface_vlan_tag_rewrite', {
          sw_if_index: s100,
          vtr_op: op,
          push_dot1q: push,
          tag1: t1,
          tag2: t2,
        });
        dumpInterfaces(b, s100);
      }
      b.call('l2_interface_vlan_tag_rewrite', { sw_if_index: q, vtr_op: 2, push_dot1q: 0, tag1: 0, tag2: 0 });
      b.call('l2_interface_vlan_tag_rewrite', {
        sw_if_index: q,
        vtr_op: 4,
        push_dot1q: 1,
        tag1: 10,
        tag2: 11,
      });
      dumpInterfaces(b, q);
      b.call('l2_interface_vlan_tag_rewrite', {
        sw_if_index: s100,
        vtr_op: 9,
        push_dot1q: 0,
        tag1: 0,
        tag2: 0,
      });
      b.call('l2_interface_vlan_tag_rewrite', {
        sw_if_index: s100,
        vtr_op: 3,
        push_dot1q: 1,
        tag1: 4096,
        tag2: 0,
      });
      b.call('l2_interface_vlan_tag_rewrite', {
        sw_if_index: 77,
        vtr_op: 1,
        push_dot1q: 0,
        tag1: 0,
        tag2: 0,
      });
      b.call('l2_interface_vlan_tag_rewrite', { sw_if_index: 1, vtr_op: 3, push_dot1q: 1, tag1: 5, tag2: 0 });
      dumpInterfaces(b, 1);
      const l3 = subif(b, 'l3', 1, 300);
      b.call('l2_interface_vlan_tag_rewrite', {
        sw_if_index: l3,
        vtr_op: 1,
        push_dot1q: 0,
        tag1: 0,
        tag2: 0,
      });
      dumpInterfaces(b, l3);
      bridgeMember(b, s100, 10, { enable: false });
      dumpInterfaces(b, s100);
    },
    { hardware: ONE_PORT },
  ),
];
