/** Bonds, memifs, VXLAN tunnels and taps: create, settings, members, errors, delete. */
import { type Arg, type Args, type Scenario, type ScenarioBuilder, ref, scenario } from '../scenario.js';
import {
  ADMIN_UP,
  ANY,
  ONE_PORT,
  PORTS,
  address,
  dumpInterfaces,
  dumpRoutes,
  loopback,
  setFlags,
  subif,
} from './util.js';

const LACP = 5;
const AB = 1; // round-robin 1, active-backup 2, xor 3, broadcast 4, lacp 5

export function bond(mode: number, lb: number, id = ANY, mac?: string): Args {
  return {
    mode,
    lb,
    numa_only: false,
    enable_gso: false,
    use_custom_mac: mac !== undefined,
    mac_address: mac ?? '00:00:00:00:00:00',
    id,
  };
}

/** bond_add_member. */
function member(b: ScenarioBuilder, sw: Arg, bondSw: Arg, passive = false, longTimeout = false): void {
  b.call('bond_add_member', {
    sw_if_index: sw,
    bond_sw_if_index: bondSw,
    is_passive: passive,
    is_long_timeout: longTimeout,
  });
}

export function memif(
  socket: number,
  id: number,
  o: { role?: number; mode?: number; mac?: string } = {},
): Args {
  return {
    role: o.role ?? 0,
    mode: o.mode ?? 0,
    rx_queues: 1,
    tx_queues: 1,
    id,
    socket_id: socket,
    ring_size: 1024,
    buffer_size: 2048,
    no_zero_copy: false,
    use_dma: false,
    hw_addr: o.mac ?? '00:00:00:00:00:00',
    secret: '',
  };
}

export function vxlan(
  src: string,
  dst: string,
  vni: number,
  o: { instance?: number; vrf?: number; isAdd?: boolean; mcast?: number } = {},
): Args {
  return {
    is_add: o.isAdd ?? true,
    instance: o.instance ?? ANY,
    src_address: src,
    dst_address: dst,
    src_port: 0,
    dst_port: 0,
    mcast_sw_if_index: o.mcast ?? ANY,
    encap_vrf_id: o.vrf ?? 0,
    decap_next_index: ANY,
    vni,
    is_l3: false,
  };
}

export const devices: Scenario[] = [
  scenario(
    'bond-lifecycle',
    'bonds of every mode, members of several kinds, MACs taken and given back, dumps',
    (b) => {
      const b1 = b.call('bond_create2', bond(LACP, 1), 'b1');
      const b2 = b.call('bond_create2', bond(AB + 1, 0, 7, '02:00:00:00:0b:07'), 'b2');
      b.call('bond_create2', bond(1, 0), 'b3');
      b.call('bond_create2', bond(3, 2, 3), 'b4');
      b.call('bond_create2', bond(4, 0), 'b5');
      dumpInterfaces(b);
      b.call('sw_bond_interface_dump', { sw_if_index: ANY });
      member(b, 1, b1);
      member(b, 2, b1, true, true);
      const l = loopback(b, 'l');
      member(b, l, b2);
      const s = subif(b, 's', l, 9);
      dumpInterfaces(b);
      b.call('sw_member_interface_dump', { sw_if_index: b1 });
      b.call('sw_member_interface_dump', { sw_if_index: b2 });
      b.call('sw_member_interface_dump', { sw_if_index: 1 });
      b.call('sw_member_interface_dump', { sw_if_index: 99 });
      b.call('sw_bond_interface_dump', { sw_if_index: ANY });
      b.call('sw_bond_interface_dump', { sw_if_index: b2 });
      setFlags(b, b1, ADMIN_UP);
      setFlags(b, 1, ADMIN_UP);
      setFlags(b, 2, ADMIN_UP);
      setFlags(b, b2, ADMIN_UP);
      setFlags(b, l, ADMIN_UP);
      dumpInterfaces(b);
      b.call('sw_bond_interface_dump', { sw_if_index: ANY });
      b.call('bond_detach_member', { sw_if_index: 1 });
      b.call('bond_detach_member', { sw_if_index: l });
      dumpInterfaces(b);
      b.call('sw_member_interface_dump', { sw_if_index: b1 });
      member(b, s, b2);
      b.call('sw_member_interface_dump', { sw_if_index: b2 });
      b.call('bond_delete', { sw_if_index: b1 });
      dumpInterfaces(b);
      b.call('sw_bond_interface_dump', { sw_if_index: ANY });
      b.call('bond_create2', bond(LACP, 1), 'again');
      b.call('sw_bond_interface_dump', { sw_if_index: ANY });
    },
    { hardware: PORTS },
  ),

  scenario(
    'bond-errors',
    'bond misuses: bad mode and algorithm, duplicate id, bond in a bond, member twice, unknown',
    (b) => {
      const b1 = b.call('bond_create2', bond(LACP, 1, 1), 'b1');
      b.call('bond_create2', bond(LACP, 1, 1), 'dup');
      b.call('bond_create2', bond(LACP, 3), 'lb3');
      b.call('bond_create2', bond(LACP, 5), 'lb5');
      b.call('bond_create2', bond(9, 0), 'mode9');
      b.call('bond_create2', bond(0, 0), 'mode0');
      // ~0 asks for the pool's next index (1, b1 holds 0), which is b1's id: in use
      b.call('bond_create2', bond(LACP, 0), 'pool-id-taken');
      const b2 = b.call('bond_create2', bond(LACP, 0, 2), 'b2');
      member(b, b2, b1);
      member(b, 1, 1);
      member(b, 1, b1);
      member(b, 1, b2);
      member(b, 1, b1);
      member(b, 77, b1);
      member(b, 1, 77);
      b.call('bond_detach_member', { sw_if_index: 77 });
      b.call('bond_detach_member', { sw_if_index: b2 });
      b.call('bond_delete', { sw_if_index: 1 });
      b.call('bond_delete', { sw_if_index: 77 });
      b.call('create_vlan_subif', { sw_if_index: 1, vlan_id: 5 }, 'onmember');
      address(b, 1, '10.50.0.1/24');
      b.call('sw_interface_set_mac_address', { sw_if_index: 1, mac_address: '02:00:00:00:00:33' });
      b.call('bond_delete', { sw_if_index: b1 });
      dumpInterfaces(b);
      b.call('sw_bond_interface_dump', { sw_if_index: ANY });
      // VPP v26.10 dies saving local0's (absent) MAC: nothing after this answers
      member(b, 0, b2);
      b.call('control_ping');
    },
    { hardware: ONE_PORT },
  ),

  scenario(
    'memif-lifecycle',
    'memif sockets and interfaces: ids given and drawn, roles, modes, dumps, deletes',
    (b) => {
      b.call(
        'memif_socket_filename_add_del_v2',
        { is_add: true, socket_id: 1, socket_filename: '/run/vpp/memif-c1.sock' },
        { s1: 'socket_id' },
      );
      b.call(
        'memif_socket_filename_add_del_v2',
        { is_add: true, socket_id: ANY, socket_filename: '/run/vpp/memif-c2.sock' },
        { s2: 'socket_id' },
      );
      b.call(
        'memif_socket_filename_add_del_v2',
        { is_add: true, socket_id: ANY, socket_filename: 'relative.sock' },
        { s3: 'socket_id' },
      );
      b.call('memif_socket_filename_dump');
      const m0 = b.call('memif_create_v2', memif(1, 0, { mac: '02:fe:07:00:00:01' }), 'm0');
      const m1 = b.call('memif_create_v2', memif(1, 1, { role: 1 }), 'm1');
      b.call('memif_create_v2', memif(1, 2, { mode: 1 }), 'ip');
      b.call('memif_create_v2', memif(0, 5), 'default-socket');
      dumpInterfaces(b);
      b.call('memif_dump');
      setFlags(b, m0, ADMIN_UP);
      setFlags(b, m1, ADMIN_UP);
      b.call('memif_dump');
      dumpInterfaces(b, m0);
      b.call('memif_delete', { sw_if_index: m1 });
      b.call('memif_create_v2', memif(1, 1), 'again');
      b.call('memif_dump');
      b.call('memif_socket_filename_add_del_v2', {
        is_add: false,
        socket_id: ref('s2'),
        socket_filename: '',
      });
      b.call('memif_socket_filename_dump');
      b.call('memif_delete', { sw_if_index: m0 });
      b.call('memif_delete', { sw_if_index: ref('again') });
      b.call('memif_delete', { sw_if_index: ref('ip') });
      b.call('memif_socket_filename_add_del_v2', { is_add: false, socket_id: 1, socket_filename: '' });
      b.call('memif_socket_filename_dump');
      b.call('memif_dump');
    },
  ),

  scenario(
    'memif-errors',
    'memif misuses: duplicate socket and id, unknown socket, socket in use, bad deletes',
    (b) => {
      b.call('memif_socket_filename_add_del_v2', {
        is_add: true,
        socket_id: 1,
        socket_filename: '/run/vpp/memif-e1.sock',
      });
      b.call('memif_socket_filename_add_del_v2', {
        is_add: true,
        socket_id: 1,
        socket_filename: '/run/vpp/memif-e2.sock',
      });
      b.call('memif_socket_filename_add_del_v2', {
        is_add: true,
        socket_id: 2,
        socket_filename: '/run/vpp/memif-e1.sock',
      });
      b.call('memif_socket_filename_add_del_v2', {
        is_add: true,
        socket_id: 0,
        socket_filename: '/run/vpp/x.sock',
      });
      b.call('memif_socket_filename_add_del_v2', { is_add: false, socket_id: 0, socket_filename: '' });
      b.call('memif_socket_filename_add_del_v2', { is_add: false, socket_id: 9, socket_filename: '' });
      b.call('memif_socket_filename_add_del_v2', { is_add: true, socket_id: 3, socket_filename: '' });
      const m = b.call('memif_create_v2', memif(1, 0), 'm');
      b.call('memif_create_v2', memif(1, 0), 'dup');
      b.call('memif_create_v2', memif(7, 0), 'nosock');
      b.call('memif_socket_filename_add_del_v2', { is_add: false, socket_id: 1, socket_filename: '' });
      b.call('memif_delete', { sw_if_index: 0 });
      b.call('memif_delete', { sw_if_index: 88 });
      loopback(b, 'l');
      b.call('memif_delete', { sw_if_index: ref('l') });
      b.call('memif_delete', { sw_if_index: m });
      b.call('memif_delete', { sw_if_index: m });
      b.call('memif_socket_filename_dump');
    },
  ),

  scenario(
    'vxlan-lifecycle',
    'VXLAN tunnels: instances given and drawn, IPv4 and IPv6, VRFs, dumps, the FIB entries they track',
    (b) => {
      const t1 = b.call('vxlan_add_del_tunnel_v3', vxlan('10.8.0.1', '10.8.0.2', 100, { instance: 7 }), 't1');
      b.call('vxlan_add_del_tunnel_v3', vxlan('10.8.0.1', '10.8.0.3', 101), 't2');
      b.call('vxlan_add_del_tunnel_v3', vxlan('2001:db8:8::1', '2001:db8:8::2', 102), 't3');
      b.call('ip_table_add_del', { is_add: true, table: { table_id: 8, is_ip6: false, name: '' } });
      b.call('vxlan_add_del_tunnel_v3', vxlan('10.8.1.1', '10.8.0.2', 100, { vrf: 8 }), 't4');
      dumpInterfaces(b);
      b.call('vxlan_tunnel_v2_dump', { sw_if_index: ANY });
      b.call('vxlan_tunnel_v2_dump', { sw_if_index: t1 });
      dumpRoutes(b);
      dumpRoutes(b, 8);
      dumpRoutes(b, 0, true);
      setFlags(b, t1, 0);
      dumpInterfaces(b, t1);
      setFlags(b, t1, ADMIN_UP);
      b.call('vxlan_add_del_tunnel_v3', vxlan('10.8.0.1', '10.8.0.3', 101, { isAdd: false }), 'gone2');
      b.call('vxlan_add_del_tunnel_v3', vxlan('10.8.0.1', '10.8.0.4', 104), 't5');
      b.call('vxlan_tunnel_v2_dump', { sw_if_index: ANY });
      dumpRoutes(b);
      b.call('vxlan_add_del_tunnel_v3', vxlan('10.8.0.1', '10.8.0.2', 100, { isAdd: false }), 'gone1');
      b.call(
        'vxlan_add_del_tunnel_v3',
        vxlan('2001:db8:8::1', '2001:db8:8::2', 102, { isAdd: false }),
        'gone3',
      );
      dumpInterfaces(b);
      dumpRoutes(b);
      dumpRoutes(b, 0, true);
    },
  ),

  scenario(
    'vxlan-errors',
    'VXLAN misuses: duplicate tunnel and instance, unknown VRF, deleting what is not there',
    (b) => {
      b.call('vxlan_add_del_tunnel_v3', vxlan('10.9.0.1', '10.9.0.2', 9, { instance: 3 }), 't');
      b.call('vxlan_add_del_tunnel_v3', vxlan('10.9.0.1', '10.9.0.2', 9), 'dup');
      b.call('vxlan_add_del_tunnel_v3', vxlan('10.9.0.1', '10.9.0.5', 9, { instance: 3 }), 'dupinst');
      b.call('vxlan_add_del_tunnel_v3', vxlan('10.9.0.1', '10.9.0.6', 9, { vrf: 42 }), 'novrf');
      b.call('vxlan_add_del_tunnel_v3', vxlan('10.9.0.1', '10.9.0.7', 9, { isAdd: false }), 'nothing');
      b.call('vxlan_add_del_tunnel_v3', vxlan('10.9.0.1', '10.9.0.2', 10, { isAdd: false }), 'othervni');
      b.call('vxlan_add_del_tunnel_v3', vxlan('10.9.0.1', '2001:db8::9', 9), 'mixed');
      b.call('vxlan_add_del_tunnel_v3', vxlan('10.9.0.1', '10.9.0.1', 9), 'same');
      b.call('vxlan_add_del_tunnel_v3', vxlan('10.9.0.1', '239.1.1.1', 9), 'mcast-no-if');
      b.call('vxlan_tunnel_v2_dump', { sw_if_index: ANY });
      b.call('vxlan_tunnel_v2_dump', { sw_if_index: 99 });
      dumpInterfaces(b);
    },
  ),

  scenario(
    'tap-on-this-host',
    'taps cannot be created here (no /dev/vhost-net): the errors, and dumps that stay empty',
    (b) => {
      b.call(
        'tap_create_v3',
        {
          id: ANY,
          use_random_mac: true,
          num_rx_queues: 1,
          num_tx_queues: 1,
          tx_ring_sz: 256,
          rx_ring_sz: 256,
        },
        't',
      );
      b.call(
        'tap_create_v3',
        {
          id: 5,
          use_random_mac: false,
          mac_address: '02:00:00:00:00:05',
          num_rx_queues: 1,
          num_tx_queues: 1,
          tx_ring_sz: 256,
          rx_ring_sz: 256,
        },
        't5',
      );
      b.call('sw_interface_tap_v2_dump', { sw_if_index: ANY });
      b.call('tap_delete_v2', { sw_if_index: 1 });
      b.call('tap_delete_v2', { sw_if_index: 0 });
      loopback(b, 'l');
      dumpInterfaces(b);
    },
  ),
];
