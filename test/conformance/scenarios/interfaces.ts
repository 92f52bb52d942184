/** Interfaces: loopbacks, hardware ports, sub-interfaces, tags, MTU, MAC, unnumbered, events. */
import { type Scenario, ref, scenario } from '../scenario.js';
import {
  ADMIN_UP,
  ANY,
  ONE_PORT,
  PORTS,
  SUB,
  address,
  createSubif,
  dumpAddresses,
  dumpInterfaces,
  loopback,
  setFlags,
  subif,
} from './util.js';

export const interfaces: Scenario[] = [
  scenario('loopback-lifecycle', 'loopbacks: create, settings, delete, re-create', (b) => {
    const a = loopback(b, 'a');
    const c = loopback(b, 'c', 5);
    loopback(b, 'mac', undefined, '02:00:00:00:00:42');
    dumpInterfaces(b);
    setFlags(b, a, ADMIN_UP);
    b.call('sw_interface_set_mtu', { sw_if_index: a, mtu: [1500, 0, 0, 0] });
    b.call('sw_interface_set_mtu', { sw_if_index: c, mtu: [9000, 1400, 1280, 0] });
    b.call('hw_interface_set_mtu', { sw_if_index: a, mtu: 9000 });
    b.call('hw_interface_set_mtu', { sw_if_index: a, mtu: 1500 });
    b.call('sw_interface_set_mac_address', { sw_if_index: c, mac_address: '02:fe:12:34:56:78' });
    b.call('sw_interface_tag_add_del', { is_add: true, sw_if_index: a, tag: 'first' });
    b.call('sw_interface_tag_add_del', { is_add: true, sw_if_index: a, tag: 'second' });
    dumpInterfaces(b, a);
    dumpInterfaces(b, c);
    b.call('sw_interface_tag_add_del', { is_add: false, sw_if_index: a, tag: '' });
    setFlags(b, a, 0);
    dumpInterfaces(b, a);
    b.call('delete_loopback', { sw_if_index: c });
    loopback(b, 'again');
    loopback(b, 'again5', 5);
    dumpInterfaces(b);
    b.call('sw_interface_dump', { sw_if_index: ANY, name_filter_valid: true, name_filter: 'loop' });
  }),

  scenario('loopback-index-reuse', 'sw_if_index and instance reuse after deletes in every order', (b) => {
    for (let i = 0; i < 6; i++) loopback(b, `l${i}`);
    b.call('delete_loopback', { sw_if_index: ref('l1') });
    b.call('delete_loopback', { sw_if_index: ref('l3') });
    b.call('delete_loopback', { sw_if_index: ref('l2') });
    loopback(b, 'n1');
    loopback(b, 'n2');
    loopback(b, 'n3', 9);
    loopback(b, 'n4');
    dumpInterfaces(b);
    b.call('delete_loopback', { sw_if_index: ref('l5') });
    b.call('delete_loopback', { sw_if_index: ref('l0') });
    loopback(b, 'n5', 0);
    loopback(b, 'n6');
    dumpInterfaces(b);
  }),

  scenario('loopback-errors', 'misuses of loopback and interface messages', (b) => {
    const a = loopback(b, 'a', 3);
    loopback(b, 'dup', 3);
    b.call('delete_loopback', { sw_if_index: 0 });
    b.call('delete_loopback', { sw_if_index: 77 });
    b.call('delete_loopback', { sw_if_index: a });
    b.call('delete_loopback', { sw_if_index: a });
    setFlags(b, a, ADMIN_UP);
    setFlags(b, 0, ADMIN_UP);
    b.call('sw_interface_set_mtu', { sw_if_index: 99, mtu: [1500, 0, 0, 0] });
    b.call('hw_interface_set_mtu', { sw_if_index: 99, mtu: 1500 });
    b.call('hw_interface_set_mtu', { sw_if_index: 0, mtu: 1500 });
    b.call('sw_interface_set_mac_address', { sw_if_index: 99, mac_address: '02:00:00:00:00:01' });
    b.call('sw_interface_set_mac_address', { sw_if_index: 0, mac_address: '02:00:00:00:00:01' });
    b.call('sw_interface_tag_add_del', { is_add: true, sw_if_index: 99, tag: 'x' });
    b.call('sw_interface_tag_add_del', { is_add: true, sw_if_index: 0, tag: '' });
    b.call('sw_interface_dump', { sw_if_index: 99 });
    b.call('sw_interface_get_table', { sw_if_index: 99, is_ipv6: false });
    b.call('sw_interface_set_table', { sw_if_index: 99, is_ipv6: false, vrf_id: 0 });
    loopback(b, 'b');
    setFlags(b, ref('b'), 7);
    dumpInterfaces(b, ref('b'));
  }),

  scenario(
    'hardware-port-settings',
    'hardware ports: admin state, link and L3 MTU, MAC, tag',
    (b) => {
      setFlags(b, 1, ADMIN_UP);
      dumpInterfaces(b, 1);
      b.call('hw_interface_set_mtu', { sw_if_index: 1, mtu: 1500 });
      dumpInterfaces(b, 1);
      b.call('sw_interface_set_mtu', { sw_if_index: 1, mtu: [1400, 0, 0, 0] });
      b.call('hw_interface_set_mtu', { sw_if_index: 1, mtu: 1500 });
      dumpInterfaces(b, 1);
      b.call('hw_interface_set_mtu', { sw_if_index: 1, mtu: 9000 });
      b.call('sw_interface_set_mac_address', { sw_if_index: 2, mac_address: '02:fe:aa:bb:cc:dd' });
      b.call('sw_interface_tag_add_del', { is_add: true, sw_if_index: 2, tag: 'uplink' });
      setFlags(b, 1, 0);
      dumpInterfaces(b);
      b.call('hw_interface_set_mtu', { sw_if_index: 2, mtu: 100 });
      b.call('hw_interface_set_mtu', { sw_if_index: 2, mtu: 65535 });
      b.call('hw_interface_set_mtu', { sw_if_index: 2, mtu: 65492 });
      b.call('hw_interface_set_mtu', { sw_if_index: 2, mtu: 65491 });
      b.call('hw_interface_set_mtu', { sw_if_index: 2, mtu: 23 });
      b.call('hw_interface_set_mtu', { sw_if_index: 2, mtu: 24 });
      dumpInterfaces(b, 2);
    },
    { hardware: PORTS },
  ),

  scenario(
    'subinterface-kinds',
    'sub-interfaces of every encapsulation, their dump fields, delete and cascade',
    (b) => {
      const p = ref('p');
      b.call(
        'create_loopback_instance',
        { mac_address: '00:00:00:00:00:00', is_specified: true, user_instance: 1 },
        'p',
      );
      subif(b, 'v100', p, 100);
      createSubif(b, 'exact', p, 200, SUB.ONE_TAG | SUB.EXACT_MATCH, 200);
      createSubif(b, 'qinq', p, 300, SUB.TWO_TAGS | SUB.EXACT_MATCH, 300, 30);
      createSubif(b, 'dot1ad', p, 400, SUB.TWO_TAGS | SUB.DOT1AD | SUB.EXACT_MATCH, 400, 40);
      createSubif(b, 'inner-any', p, 500, SUB.TWO_TAGS | SUB.INNER_VLAN_ID_ANY, 500);
      createSubif(b, 'default', p, 600, SUB.DEFAULT);
      createSubif(b, 'untagged', p, 700, SUB.NO_TAGS);
      createSubif(b, 'outer-any', p, 800, SUB.ONE_TAG | SUB.OUTER_VLAN_ID_ANY);
      dumpInterfaces(b);
      setFlags(b, ref('v100'), ADMIN_UP);
      dumpInterfaces(b, ref('v100'));
      setFlags(b, p, ADMIN_UP);
      dumpInterfaces(b, ref('v100'));
      b.call('sw_interface_set_mtu', { sw_if_index: ref('exact'), mtu: [9100, 0, 0, 0] });
      b.call('hw_interface_set_mtu', { sw_if_index: ref('exact'), mtu: 1500 });
      b.call('sw_interface_set_mac_address', { sw_if_index: ref('qinq'), mac_address: '02:00:00:00:03:00' });
      dumpInterfaces(b, ref('qinq'));
      dumpInterfaces(b, p);
      b.call('delete_subif', { sw_if_index: ref('exact') });
      b.call('delete_subif', { sw_if_index: p });
      dumpInterfaces(b);
      b.call('delete_loopback', { sw_if_index: p });
      dumpInterfaces(b);
      loopback(b, 'after');
      subif(b, 'after.1', ref('after'), 1);
      dumpInterfaces(b);
    },
  ),

  scenario(
    'subinterface-errors',
    'sub-interface misuses: duplicates, bad parents, sub of a sub',
    (b) => {
      subif(b, 's10', 1, 10);
      subif(b, 'dup', 1, 10);
      createSubif(b, 'dupid', 1, 10, SUB.ONE_TAG | SUB.EXACT_MATCH, 11);
      createSubif(b, 'dupmatch', 1, 11, SUB.ONE_TAG | SUB.EXACT_MATCH, 10);
      createSubif(b, 'loose', 1, 12, SUB.ONE_TAG, 10);
      subif(b, 'badparent', 77, 10);
      subif(b, 'onsub', ref('s10'), 5);
      createSubif(b, 'onsub2', ref('s10'), 6, SUB.ONE_TAG, 6);
      subif(b, 'local', 0, 10);
      b.call('delete_subif', { sw_if_index: 1 });
      b.call('delete_subif', { sw_if_index: 88 });
      b.call('delete_subif', { sw_if_index: ref('s10') });
      b.call('delete_subif', { sw_if_index: ref('s10') });
      subif(b, 'v4095', 1, 4095);
      subif(b, 'v4096', 1, 4096);
      subif(b, 'v0', 1, 0);
      dumpInterfaces(b);
    },
    { hardware: ONE_PORT },
  ),

  scenario('unnumbered', 'unnumbered interfaces: set, dump, unset, errors, delete the donor', (b) => {
    const a = loopback(b, 'a');
    const c = loopback(b, 'c');
    const d = loopback(b, 'd');
    address(b, a, '10.20.0.1/24');
    b.call('sw_interface_set_unnumbered', { sw_if_index: a, unnumbered_sw_if_index: c, is_add: true });
    b.call('sw_interface_set_unnumbered', { sw_if_index: a, unnumbered_sw_if_index: d, is_add: true });
    b.call('ip_unnumbered_dump', { sw_if_index: ANY });
    b.call('ip_unnumbered_dump', { sw_if_index: c });
    dumpAddresses(b, c);
    b.call('sw_interface_set_unnumbered', { sw_if_index: a, unnumbered_sw_if_index: a, is_add: true });
    b.call('sw_interface_set_unnumbered', { sw_if_index: 99, unnumbered_sw_if_index: c, is_add: true });
    b.call('sw_interface_set_unnumbered', { sw_if_index: a, unnumbered_sw_if_index: 99, is_add: true });
    b.call('sw_interface_set_unnumbered', { sw_if_index: a, unnumbered_sw_if_index: c, is_add: false });
    b.call('sw_interface_set_unnumbered', { sw_if_index: a, unnumbered_sw_if_index: c, is_add: false });
    b.call('ip_unnumbered_dump', { sw_if_index: ANY });
    b.call('delete_loopback', { sw_if_index: a });
    b.call('ip_unnumbered_dump', { sw_if_index: ANY });
    dumpInterfaces(b);
  }),

  scenario('interface-events', 'sw_interface_event for every change, in VPP order', (b) => {
    b.call('want_interface_events', { enable_disable: 1, pid: 4242 });
    b.call('want_interface_events', { enable_disable: 1, pid: 4242 });
    const a = loopback(b, 'a');
    setFlags(b, a, ADMIN_UP);
    const s1 = subif(b, 's1', a, 1);
    subif(b, 's2', a, 2);
    setFlags(b, s1, ADMIN_UP);
    createSubif(b, 'clash', a, 9, SUB.ONE_TAG | SUB.EXACT_MATCH, 1);
    createSubif(b, 'nyi', a, 10, SUB.ONE_TAG | SUB.OUTER_VLAN_ID_ANY);
    setFlags(b, a, 0);
    setFlags(b, a, 0);
    setFlags(b, a, ADMIN_UP);
    b.call('sw_interface_set_mtu', { sw_if_index: a, mtu: [1500, 0, 0, 0] });
    b.call('sw_interface_set_mac_address', { sw_if_index: a, mac_address: '02:00:00:00:0a:0a' });
    b.call('delete_loopback', { sw_if_index: a });
    const c = loopback(b, 'c');
    setFlags(b, c, ADMIN_UP);
    b.call('delete_loopback', { sw_if_index: c });
    b.call('want_interface_events', { enable_disable: 0, pid: 4242 });
    b.call('want_interface_events', { enable_disable: 0, pid: 4242 });
    loopback(b, 'quiet');
  }),

  scenario(
    'hardware-events',
    'events of hardware ports and their sub-interfaces',
    (b) => {
      b.call('want_interface_events', { enable_disable: 1, pid: 7 });
      setFlags(b, 1, ADMIN_UP);
      const s = subif(b, 's', 1, 5);
      setFlags(b, s, ADMIN_UP);
      setFlags(b, 1, 0);
      dumpInterfaces(b, s);
      setFlags(b, 1, ADMIN_UP);
      b.call('hw_interface_set_mtu', { sw_if_index: 1, mtu: 1500 });
      b.call('delete_subif', { sw_if_index: s });
      setFlags(b, 1, 0);
    },
    { hardware: ONE_PORT },
  ),
];
