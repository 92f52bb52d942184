/** Addresses, tables and routes: what each change adds to the FIB, stats indexes, walk order. */
import { type Scenario, ref, scenario } from '../scenario.js';
import {
  ADMIN_UP,
  ANY,
  address,
  dumpAddresses,
  dumpRoutes,
  loopback,
  route,
  setFlags,
  table,
} from './util.js';

export const ip: Scenario[] = [
  scenario('addresses-ipv4', 'IPv4 addresses of every length and the routes they add, up and down', (b) => {
    const a = loopback(b, 'a');
    address(b, a, '10.1.0.1/24');
    address(b, a, '10.1.1.1/32');
    address(b, a, '10.1.2.1/31');
    address(b, a, '10.1.3.1/30');
    address(b, a, '10.1.4.1/16');
    dumpAddresses(b, a);
    dumpRoutes(b);
    setFlags(b, a, ADMIN_UP);
    dumpRoutes(b);
    address(b, a, '10.1.0.2/24');
    address(b, a, '10.1.5.1/24');
    dumpRoutes(b);
    address(b, a, '10.1.1.1/32', false);
    address(b, a, '10.1.1.1/32', false);
    address(b, a, '10.9.9.9/24', false);
    dumpRoutes(b);
    setFlags(b, a, 0);
    dumpRoutes(b);
    b.call('sw_interface_add_del_address', {
      sw_if_index: a,
      is_add: false,
      del_all: true,
      prefix: '0.0.0.0/0',
    });
    dumpAddresses(b, a);
    dumpRoutes(b);
  }),

  scenario('addresses-ipv6', 'IPv6 addresses, link-local entries and the IPv6 walk order', (b) => {
    const a = loopback(b, 'a');
    const c = loopback(b, 'c');
    setFlags(b, a, ADMIN_UP);
    setFlags(b, c, ADMIN_UP);
    address(b, a, '2001:db8:1::1/64');
    address(b, a, '2001:db8:2::1/48');
    address(b, c, '2001:db8:3::1/128');
    address(b, c, 'fd00::1/8');
    address(b, c, '2001:db8:1::1/64');
    dumpAddresses(b, a, true);
    dumpAddresses(b, c, true);
    dumpRoutes(b, 0, true);
    route(b, '2001:db8:100::/56', [{ sw: a, nh: '2001:db8:1::2' }]);
    route(b, '2001:db8:200::/64', [{ nh: '2001:db8:1::3' }]);
    route(b, '::/0', [{ sw: c, nh: 'fd00::2' }]);
    dumpRoutes(b, 0, true);
    address(b, a, '2001:db8:1::1/64', false);
    setFlags(b, c, 0);
    dumpRoutes(b, 0, true);
    b.call('delete_loopback', { sw_if_index: a });
    dumpRoutes(b, 0, true);
  }),

  scenario(
    'address-conflicts',
    'addresses that overlap, cover, duplicate, across interfaces and tables',
    (b) => {
      const a = loopback(b, 'a');
      const c = loopback(b, 'c');
      address(b, a, '10.2.0.1/24');
      address(b, c, '10.2.0.1/24');
      address(b, c, '10.2.0.2/24');
      address(b, c, '10.2.0.5/32');
      address(b, c, '10.0.0.1/8');
      address(b, a, '10.2.0.1/25');
      address(b, a, '10.2.0.3/24');
      address(b, a, '10.2.0.1/24');
      address(b, c, '2001:db8::1/64');
      address(b, a, '2001:db8::2/64');
      address(b, a, '2001:db8::/32');
      table(b, 7, false);
      b.call('sw_interface_set_table', { sw_if_index: c, is_ipv6: false, vrf_id: 7 });
      b.call('sw_interface_add_del_address', {
        sw_if_index: c,
        is_add: false,
        del_all: true,
        prefix: '0.0.0.0/0',
      });
      b.call('sw_interface_set_table', { sw_if_index: c, is_ipv6: false, vrf_id: 7 });
      address(b, c, '10.2.0.1/24');
      dumpAddresses(b, a);
      dumpAddresses(b, c);
      dumpAddresses(b, c, true);
      address(b, 77, '10.3.0.1/24');
      dumpAddresses(b, 77);
    },
  ),

  scenario('tables', 'IPv4 and IPv6 tables: names, binding, deleting in use, get_table, errors', (b) => {
    const a = loopback(b, 'a');
    table(b, 10, false, 'blue');
    table(b, 10, true);
    table(b, 11, false);
    table(b, 10, false, 'renamed');
    table(b, 0, false, 'main');
    b.call('ip_table_dump');
    b.call('sw_interface_set_table', { sw_if_index: a, is_ipv6: false, vrf_id: 12 });
    b.call('sw_interface_set_table', { sw_if_index: a, is_ipv6: false, vrf_id: 10 });
    b.call('sw_interface_set_table', { sw_if_index: a, is_ipv6: true, vrf_id: 10 });
    b.call('sw_interface_get_table', { sw_if_index: a, is_ipv6: false });
    b.call('sw_interface_get_table', { sw_if_index: a, is_ipv6: true });
    address(b, a, '10.10.0.1/24');
    setFlags(b, a, ADMIN_UP);
    b.call('sw_interface_set_table', { sw_if_index: a, is_ipv6: false, vrf_id: 11 });
    b.call('sw_interface_set_table', { sw_if_index: a, is_ipv6: true, vrf_id: 0 });
    dumpRoutes(b, 10);
    table(b, 10, false, '', false);
    b.call('ip_table_dump');
    dumpRoutes(b, 10);
    table(b, 11, false, '', false);
    table(b, 11, false, '', false);
    table(b, 99, false, '', false);
    table(b, 0, false, '', false);
    b.call('ip_table_dump');
    b.call('delete_loopback', { sw_if_index: a });
    b.call('ip_table_dump');
    dumpRoutes(b, 10);
    table(b, 10, false, 'back');
    b.call('ip_table_dump');
    dumpRoutes(b, 10);
    dumpRoutes(b, 55);
  }),

  scenario(
    'routes-paths',
    'routes: single and multipath, is_multipath add/remove, replace, drop, delete',
    (b) => {
      const a = loopback(b, 'a');
      const c = loopback(b, 'c');
      setFlags(b, a, ADMIN_UP);
      setFlags(b, c, ADMIN_UP);
      address(b, a, '10.3.0.1/24');
      address(b, c, '10.4.0.1/24');
      route(b, '192.0.2.0/24', [{ sw: a, nh: '10.3.0.2' }]);
      route(b, '198.51.100.0/24', [
        { sw: a, nh: '10.3.0.2' },
        { sw: c, nh: '10.4.0.2', weight: 3 },
      ]);
      route(b, '198.51.100.0/24', [{ sw: c, nh: '10.4.0.3', preference: 1 }], { multipath: true });
      route(b, '198.51.100.0/24', [{ sw: a, nh: '10.3.0.2' }], { multipath: true, isAdd: false });
      dumpRoutes(b);
      route(b, '192.0.2.0/24', [{ sw: c, nh: '10.4.0.9' }]);
      route(b, '203.0.113.0/24', [{ type: 2 }]);
      route(b, '203.0.113.128/25', [{ sw: a }]);
      route(b, '100.64.0.0/10', [{ type: 5 }]);
      route(b, '100.65.0.0/16', [{ type: 6 }]);
      dumpRoutes(b);
      route(b, '198.51.100.0/24', [], { isAdd: false });
      route(b, '192.0.2.0/24', [{ sw: c, nh: '10.4.0.9' }], { isAdd: false });
      route(b, '192.0.2.0/24', [{ sw: c, nh: '10.4.0.9' }], { isAdd: false });
      route(b, '203.0.113.0/24', [{ type: 2 }], { isAdd: false });
      dumpRoutes(b);
      route(b, '192.0.2.0/24', [{ sw: a, nh: '10.3.0.2' }]);
      route(b, '203.0.113.0/24', [{ type: 2 }]);
      dumpRoutes(b);
    },
  ),

  scenario('routes-recursive', 'recursive routes, via another table, and what resolves them', (b) => {
    const a = loopback(b, 'a');
    setFlags(b, a, ADMIN_UP);
    address(b, a, '10.5.0.1/24');
    table(b, 20, false);
    route(b, '172.16.0.0/16', [{ sw: a, nh: '10.5.0.2' }]);
    route(b, '172.17.0.0/16', [{ nh: '172.16.1.1' }]);
    route(b, '172.18.0.0/16', [{ nh: '172.16.1.1' }]);
    route(b, '172.19.0.0/16', [{ nh: '10.5.0.7' }]);
    dumpRoutes(b);
    route(b, '0.0.0.0/0', [{ nh: '0.0.0.0', table: 20 }]);
    route(b, '10.20.0.0/16', [{ nh: '172.16.9.9', table: 0 }], { table: 20 });
    route(b, '10.21.0.0/16', [{ sw: a, nh: '10.5.0.2' }], { table: 20 });
    dumpRoutes(b, 20);
    dumpRoutes(b);
    route(b, '172.17.0.0/16', [{ nh: '172.16.1.1' }], { isAdd: false });
    dumpRoutes(b);
    route(b, '172.18.0.0/16', [{ nh: '172.16.1.1' }], { isAdd: false });
    route(b, '172.16.0.0/16', [{ sw: a, nh: '10.5.0.2' }], { isAdd: false });
    dumpRoutes(b);
  }),

  scenario('routes-errors', 'route misuses: unknown interface or table, no paths, bad prefixes', (b) => {
    const a = loopback(b, 'a');
    route(b, '192.0.2.0/24', [{ sw: 77, nh: '10.0.0.1' }]);
    route(b, '192.0.2.0/24', [{ sw: a, nh: '10.0.0.1' }], { table: 42 });
    route(b, '192.0.2.0/24', []);
    route(b, '192.0.2.0/24', [], { isAdd: false });
    route(b, '192.0.2.0/24', [{ sw: a, nh: '10.0.0.1' }], { isAdd: false, table: 42 });
    route(b, '192.0.2.1/24', [{ sw: a, nh: '10.0.0.1' }]);
    route(b, '192.0.2.0/24', [{ sw: a, nh: '10.0.0.2' }], { isAdd: false });
    route(b, '2001:db8::/32', [{ sw: a, nh: '10.0.0.1' }]);
    route(b, '0.0.0.0/0', [{ type: 2 }]);
    route(b, '0.0.0.0/0', [{ type: 2 }], { isAdd: false });
    route(b, '224.0.0.0/4', [{ type: 2 }]);
    dumpRoutes(b);
    route(b, '10.0.0.0/33', [{ type: 2 }]);
    b.call('ip_route_dump', { table: { table_id: 42, is_ip6: false } });
  }),

  scenario(
    'route-stats-index',
    'stats_index of FIB entries through create, delete and re-create cycles',
    (b) => {
      const a = loopback(b, 'a');
      setFlags(b, a, ADMIN_UP);
      address(b, a, '10.6.0.1/24');
      for (let i = 0; i < 4; i++) route(b, `192.0.${i}.0/24`, [{ sw: a, nh: '10.6.0.2' }]);
      route(b, '192.0.1.0/24', [], { isAdd: false });
      route(b, '192.0.2.0/24', [], { isAdd: false });
      route(b, '192.0.9.0/24', [{ sw: a, nh: '10.6.0.2' }]);
      route(b, '192.0.2.0/24', [{ sw: a, nh: '10.6.0.2' }]);
      address(b, a, '10.7.0.1/24');
      address(b, a, '2001:db8:6::1/64');
      route(b, '192.0.1.0/24', [{ sw: a, nh: '10.6.0.2' }]);
      setFlags(b, a, 0);
      route(b, '192.0.3.0/24', [{ sw: a, nh: '10.6.0.3' }]);
      setFlags(b, a, ADMIN_UP);
      route(b, '192.0.4.0/24', [{ sw: a, nh: '10.6.0.2' }]);
      dumpRoutes(b);
      dumpRoutes(b, 0, true);
      table(b, 30, false);
      route(b, '192.0.0.0/24', [{ type: 2 }], { table: 30 });
      table(b, 30, false, '', false);
      table(b, 30, false);
      route(b, '192.0.0.0/24', [{ type: 2 }], { table: 30 });
      dumpRoutes(b, 30);
    },
  ),

  scenario(
    'connected-entries-admin-cycles',
    'IPv4 and IPv6 connected entries through admin down and up: stats indexes reused',
    (b) => {
      const a = loopback(b, 'a');
      setFlags(b, a, ADMIN_UP);
      address(b, a, '10.6.0.1/24');
      address(b, a, '2001:db8:6::1/64');
      address(b, a, '10.7.0.1/24');
      address(b, a, '2001:db8:7::1/64');
      address(b, a, '10.6.0.9/24');
      dumpRoutes(b);
      dumpRoutes(b, 0, true);
      setFlags(b, a, 0);
      for (let i = 0; i < 8; i++) route(b, `192.0.${i}.0/24`, [{ type: 2 }]);
      dumpRoutes(b);
      setFlags(b, a, ADMIN_UP);
      dumpRoutes(b);
      dumpRoutes(b, 0, true);
      address(b, a, '2001:db8:6::1/64', false);
      address(b, a, '10.6.0.1/24', false);
      for (let i = 10; i < 16; i++) route(b, `192.0.${i}.0/24`, [{ type: 2 }]);
      dumpRoutes(b);
      b.call('delete_loopback', { sw_if_index: a });
      for (let i = 20; i < 30; i++) route(b, `192.0.${i}.0/24`, [{ type: 2 }]);
      dumpRoutes(b);
      dumpRoutes(b, 0, true);
    },
  ),

  scenario(
    'connected-entries-deletes',
    'deleting up interfaces with IPv4 and IPv6 addresses, a sub-interface, a parent: what goes first',
    (b) => {
      const a = loopback(b, 'a');
      setFlags(b, a, ADMIN_UP);
      const s1 = b.call('create_vlan_subif', { sw_if_index: a, vlan_id: 5 }, 's1');
      const s2 = b.call('create_vlan_subif', { sw_if_index: a, vlan_id: 6 }, 's2');
      setFlags(b, s1, ADMIN_UP);
      setFlags(b, s2, ADMIN_UP);
      address(b, s1, '10.6.0.1/24');
      address(b, s1, '2001:db8:6::1/64');
      address(b, s2, '10.8.0.1/24');
      address(b, a, '10.7.0.1/24');
      address(b, a, '2001:db8:7::1/64');
      dumpRoutes(b);
      b.call('delete_subif', { sw_if_index: s2 });
      for (let i = 0; i < 5; i++) route(b, `192.0.${i}.0/24`, [{ type: 2 }]);
      b.call('delete_loopback', { sw_if_index: a });
      for (let i = 10; i < 30; i++) route(b, `192.0.${i}.0/24`, [{ type: 2 }]);
      dumpRoutes(b);
      dumpRoutes(b, 0, true);
    },
  ),

  scenario(
    'routes-ipv6-many',
    'hundreds of IPv6 routes: the walk order through growth, deletes and re-adds',
    (b) => {
      const a = loopback(b, 'a');
      setFlags(b, a, ADMIN_UP);
      address(b, a, '2001:db8::1/64');
      for (let i = 0; i < 300; i++)
        route(b, `2001:db8:${(i + 1).toString(16)}::/48`, [{ sw: a, nh: '2001:db8::2' }]);
      dumpRoutes(b, 0, true);
      for (let i = 0; i < 300; i += 3)
        route(b, `2001:db8:${(i + 1).toString(16)}::/48`, [], { isAdd: false });
      dumpRoutes(b, 0, true);
      for (let i = 0; i < 280; i += 2)
        route(b, `2001:db8:${(i + 1).toString(16)}::/48`, [], { isAdd: false });
      dumpRoutes(b, 0, true);
      for (let i = 0; i < 50; i++)
        route(b, `2001:db9:${i.toString(16)}::/64`, [{ sw: a, nh: '2001:db8::2' }]);
      dumpRoutes(b, 0, true);
    },
  ),

  scenario(
    'routes-ipv4-many',
    'a thousand IPv4 routes of many lengths: walk order and stats indexes',
    (b) => {
      const a = loopback(b, 'a');
      setFlags(b, a, ADMIN_UP);
      address(b, a, '10.8.0.1/16');
      for (let i = 0; i < 1000; i++) {
        const len = 16 + (i % 17);
        const v = (0xac100000 + i * 4096) >>> 0;
        const pfx = `${v >>> 24}.${(v >>> 16) & 255}.${(v >>> 8) & 255}.${v & 255}/${len}`;
        route(b, pfx, [{ sw: a, nh: '10.8.0.2' }]);
      }
      dumpRoutes(b);
      for (let i = 0; i < 1000; i += 2) {
        const len = 16 + (i % 17);
        const v = (0xac100000 + i * 4096) >>> 0;
        route(b, `${v >>> 24}.${(v >>> 16) & 255}.${(v >>> 8) & 255}.${v & 255}/${len}`, [], {
          isAdd: false,
        });
      }
      dumpRoutes(b);
      b.call('ip_address_dump', { sw_if_index: ref('a'), is_ipv6: false });
      b.call('sw_interface_dump', { sw_if_index: ANY });
    },
  ),
];
