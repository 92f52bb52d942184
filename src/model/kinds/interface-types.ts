import type { Interface, MemifInterface, TapInterface, VxlanInterface } from '../types.js';
import { key, tableKeys } from './ops.js';
import type { ApiCall, IdRef, Json, ReadContext } from './types.js';
import {
  bindIf,
  bool,
  canonicalAddress,
  canonicalInterfacePrefix,
  dumpOrNothing,
  familyOf,
  ifRefOf,
  NO_INDEX,
  num,
  str,
} from './util.js';

/** How to create and delete one kind of interface vppstate creates (every kind but hardware). */
export interface InterfaceCreator {
  create(i: Interface): ApiCall;
  remove(i: Interface, unbinds: readonly IdRef[]): ApiCall;
  /** Resource keys the create needs (a parent port, a memif socket, a VXLAN encap table). */
  needs(i: Interface): string[];
  /** Resource keys the delete makes available (a memif socket free of this role). */
  frees?(i: Interface): string[];
  /** Whether create sets the MAC itself (no separate set-mac call). */
  readonly macAtCreate: boolean;
}

/**
 * How to read, create and delete one kind of created interface with settings of its own: the
 * `memif`, `tap`, `vxlan` block of the model. Admin state, MTU, addresses etc. stay common.
 */
export interface InterfaceTypeHandler extends InterfaceCreator {
  readonly kind: 'memif' | 'tap' | 'vxlan';
  /** Settings fields compared (the others are creation-only and not read back by VPP). */
  readonly compared: readonly string[];
  /** sw_if_index → settings, for every interface of this type. */
  read(ctx: ReadContext): Promise<Map<number, Record<string, Json>>>;
}

// ---- memif --------------------------------------------------------------------------------

const MEMIF_ROLES = ['master', 'slave'] as const;
const MEMIF_MODES = ['ethernet', 'ip', 'punt-inject'] as const;

const memif: InterfaceTypeHandler = {
  kind: 'memif',
  compared: ['socketId', 'id', 'socketFilename', 'role', 'mode'],
  macAtCreate: true,
  async read(ctx) {
    const sockets = new Map<number, string>();
    for (const s of await dumpOrNothing(ctx, 'memif_socket_filename_dump'))
      sockets.set(num(s, 'socket_id'), str(s, 'socket_filename'));
    const out = new Map<number, Record<string, Json>>();
    for (const d of await dumpOrNothing(ctx, 'memif_dump')) {
      const socketId = num(d, 'socket_id');
      out.set(num(d, 'sw_if_index'), {
        socketId,
        id: num(d, 'id'),
        socketFilename: sockets.get(socketId) ?? '',
        role: MEMIF_ROLES[num(d, 'role')] ?? 'master',
        mode: MEMIF_MODES[num(d, 'mode')] ?? 'ethernet',
      });
    }
    return out;
  },
  create(i) {
    const m = (i as MemifInterface).memif;
    return {
      message: 'memif_create_v2',
      args: {
        role: MEMIF_ROLES.indexOf(m.role),
        mode: MEMIF_MODES.indexOf(m.mode),
        rx_queues: m.rxQueues ?? 1,
        tx_queues: m.txQueues ?? 1,
        id: m.id,
        socket_id: m.socketId,
        ring_size: m.ringSize ?? 1024,
        buffer_size: m.bufferSize ?? 2048,
        no_zero_copy: !m.zeroCopy,
        use_dma: false,
        hw_addr: i.mac ?? '00:00:00:00:00:00',
        secret: m.secret ?? '',
      },
      binds: bindIf(i.name),
      cli: `create interface memif id ${m.id} socket-id ${m.socketId} ${m.role}${m.mode !== 'ethernet' ? ` mode ${m.mode}` : ''}${
        i.mac ? ` hw-addr ${i.mac}` : ''
      }`,
    };
  },
  remove(i, unbinds) {
    return {
      message: 'memif_delete',
      args: { sw_if_index: ifRefOf(i.name) },
      unbinds,
      cli: `delete interface memif ${i.name}`,
    };
  },
  // A socket in use is either master or slave, never both (-68): memifs of the other role on
  // the socket go before one of this role comes.
  needs(i) {
    const m = (i as MemifInterface).memif;
    return [...(m.socketId === 0 ? [] : [memifSocketKey(m.socketId)]), memifRoleFree(m.socketId, m.role)];
  },
  frees(i) {
    const m = (i as MemifInterface).memif;
    return [memifRoleFree(m.socketId, m.role === 'master' ? 'slave' : 'master')];
  },
};

const memifRoleFree = (socket: number, role: string): string => `memif-socket-for:${socket}:${role}`;

export const memifSocketKey = (id: number): string => `memif-socket:${id}`;
/** The kind of memif sockets (src/model/kinds/memif-socket.ts), which memifs refer to. */
export const MEMIF_SOCKET_KIND = 'memif-socket';

// ---- vxlan --------------------------------------------------------------------------------

function vxlanCall(i: VxlanInterface, add: boolean, unbinds?: readonly IdRef[]): ApiCall {
  const v = i.vxlan;
  return {
    message: 'vxlan_add_del_tunnel_v3',
    args: {
      is_add: add,
      instance: v.instance,
      src_address: v.source,
      dst_address: v.destination,
      src_port: v.port,
      dst_port: v.port,
      mcast_sw_if_index: NO_INDEX,
      encap_vrf_id: v.encapVrf,
      decap_next_index: NO_INDEX,
      vni: v.vni,
      is_l3: v.decap === 'l3',
    },
    ...(add ? { binds: bindIf(i.name) } : { unbinds }),
    cli: add
      ? `create vxlan tunnel src ${v.source} dst ${v.destination} vni ${v.vni} instance ${v.instance}${
          v.encapVrf ? ` encap-vrf-id ${v.encapVrf}` : ''
        }${v.port !== 4789 ? ` dst_port ${v.port}` : ''}${v.decap === 'l3' ? ' l3' : ''}`
      : `create vxlan tunnel src ${v.source} dst ${v.destination} vni ${v.vni} del`,
  };
}

const vxlan: InterfaceTypeHandler = {
  kind: 'vxlan',
  // decap (l2/l3) is not reported by vxlan_tunnel_v2_dump: creation only.
  compared: ['instance', 'source', 'destination', 'vni', 'encapVrf', 'port'],
  macAtCreate: false,
  async read(ctx) {
    const out = new Map<number, Record<string, Json>>();
    for (const d of await dumpOrNothing(ctx, 'vxlan_tunnel_v2_dump', { sw_if_index: NO_INDEX })) {
      out.set(num(d, 'sw_if_index'), {
        instance: num(d, 'instance'),
        source: canonicalAddress(str(d, 'src_address')),
        destination: canonicalAddress(str(d, 'dst_address')),
        vni: num(d, 'vni'),
        encapVrf: num(d, 'encap_vrf_id'),
        port: num(d, 'dst_port') || 4789,
      });
    }
    return out;
  },
  create: (i) => vxlanCall(i as VxlanInterface, true),
  remove: (i, unbinds) => vxlanCall(i as VxlanInterface, false, unbinds),
  needs(i) {
    const v = (i as VxlanInterface).vxlan;
    return tableKeys(familyOf(v.source), v.encapVrf);
  },
};

// ---- tap ----------------------------------------------------------------------------------

const TAP = { GSO: 1, CSUM: 2, PERSIST: 4, TUN: 16 };

const tap: InterfaceTypeHandler = {
  kind: 'tap',
  compared: [
    'id',
    'hostNamespace',
    'hostBridge',
    'rxRingSize',
    'txRingSize',
    'tun',
    'gso',
    'checksumOffload',
    'persist',
  ],
  macAtCreate: true,
  async read(ctx) {
    const out = new Map<number, Record<string, Json>>();
    for (const d of await dumpOrNothing(ctx, 'sw_interface_tap_v2_dump', { sw_if_index: NO_INDEX })) {
      const f = num(d, 'tap_flags');
      const s: Record<string, Json> = {
        id: num(d, 'id'),
        hostName: str(d, 'host_if_name'),
        hostNamespace: str(d, 'host_namespace'),
        hostBridge: str(d, 'host_bridge'),
        rxRingSize: num(d, 'rx_ring_sz'),
        txRingSize: num(d, 'tx_ring_sz'),
        tun: (f & TAP.TUN) !== 0,
        gso: (f & TAP.GSO) !== 0,
        checksumOffload: (f & TAP.CSUM) !== 0,
        persist: (f & TAP.PERSIST) !== 0,
      };
      const mtu = num(d, 'host_mtu_size');
      if (mtu) s.hostMtu = mtu;
      const v4 = str(d, 'host_ip4_prefix');
      if (v4 && v4 !== '0.0.0.0/0') s.hostIpv4Address = canonicalInterfacePrefix(v4);
      const v6 = str(d, 'host_ip6_prefix');
      if (v6 && v6 !== '::/0') s.hostIpv6Address = canonicalInterfacePrefix(v6);
      out.set(num(d, 'sw_if_index'), s);
    }
    return out;
  },
  create(i) {
    const t = (i as TapInterface).tap;
    const flags =
      (t.gso ? TAP.GSO : 0) |
      (t.checksumOffload ? TAP.CSUM : 0) |
      (t.persist ? TAP.PERSIST : 0) |
      (t.tun ? TAP.TUN : 0);
    return {
      message: 'tap_create_v3',
      args: {
        id: t.id,
        use_random_mac: i.mac === undefined,
        mac_address: i.mac ?? '00:00:00:00:00:00',
        num_rx_queues: 1,
        num_tx_queues: 1,
        tx_ring_sz: t.txRingSize,
        rx_ring_sz: t.rxRingSize,
        host_mtu_set: t.hostMtu !== undefined,
        host_mtu_size: t.hostMtu ?? 0,
        host_mac_addr_set: t.hostMac !== undefined,
        host_mac_addr: t.hostMac ?? '00:00:00:00:00:00',
        host_ip4_prefix_set: t.hostIpv4Address !== undefined,
        host_ip4_prefix: t.hostIpv4Address ?? '0.0.0.0/0',
        host_ip6_prefix_set: t.hostIpv6Address !== undefined,
        host_ip6_prefix: t.hostIpv6Address ?? '::/0',
        host_ip4_gw_set: false,
        host_ip6_gw_set: false,
        tap_flags: flags,
        host_namespace_set: t.hostNamespace !== '',
        host_namespace: t.hostNamespace,
        host_if_name_set: t.hostName !== undefined,
        host_if_name: t.hostName ?? '',
        host_bridge_set: t.hostBridge !== '',
        host_bridge: t.hostBridge,
        tag: '',
      },
      binds: bindIf(i.name),
      cli: `create tap id ${t.id}${t.hostName ? ` host-if-name ${t.hostName}` : ''}${
        t.hostNamespace ? ` host-ns ${t.hostNamespace}` : ''
      }${t.hostBridge ? ` host-bridge ${t.hostBridge}` : ''}${t.tun ? ' tun' : ''}${t.gso ? ' gso' : ''}`,
    };
  },
  remove(i, unbinds) {
    return {
      message: 'tap_delete_v2',
      args: { sw_if_index: ifRefOf(i.name) },
      unbinds,
      cli: `delete tap ${i.name}`,
    };
  },
  needs: () => [],
};

export const INTERFACE_TYPES: ReadonlyMap<string, InterfaceTypeHandler> = new Map(
  [memif, vxlan, tap].map((h) => [h.kind, h]),
);

export { bool, key };
