/** Interfaces: local0, hardware ports, loopbacks, sub-interfaces, tap, memif, vxlan, bond. */
import { SUB_IF_FLAGS } from '../../api/sub-if-flags.js';
import type { ApiMessage } from '../../api/types.js';
import type { SimHandler } from '../types.js';
import { vtrOf } from './l2.js';
import { details, fail, ok } from './reply.js';
import { BOND_ARCS, EV, type Iface, type VppState } from './state.js';
import {
  E,
  NONE,
  UwordHash,
  apiAddress,
  bool,
  isIp6,
  isMulticast,
  lowestFree,
  macIsZero,
  num,
  str,
} from './util.js';

const {
  NO_TAGS: SUB_NO_TAGS,
  ONE_TAG: SUB_ONE_TAG,
  TWO_TAGS: SUB_TWO_TAGS,
  EXACT_MATCH: SUB_EXACT,
  DOT1AD: SUB_DOT1AD,
  DEFAULT: SUB_DEFAULT,
  OUTER_VLAN_ID_ANY: SUB_OUTER_ANY,
  INNER_VLAN_ID_ANY: SUB_INNER_ANY,
} = SUB_IF_FLAGS;

export function swDetails(s: VppState, x: Iface): ApiMessage {
  const hw = s.hwOf(x);
  const up = s.linkUp(x);
  const vtr = vtrOf(s, x.swIfIndex);
  return {
    sw_if_index: x.swIfIndex,
    sup_sw_if_index: x.sup,
    l2_address: x.mac,
    flags: s.flags(x),
    type: x.kind === 'sub' ? 1 : 0,
    link_duplex: x.kind === 'hw' && up ? (x.duplex ?? 2) : 0,
    link_speed: x.kind === 'hw' && up ? x.speed : 0,
    link_mtu: hw.linkMtu,
    mtu: x.mtu,
    sub_id: x.sub?.id ?? 0,
    sub_number_of_tags: x.sub?.tags ?? 0,
    sub_outer_vlan_id: x.sub?.outer ?? 0,
    sub_inner_vlan_id: x.sub?.inner ?? 0,
    sub_if_flags: x.sub?.flags ?? 0,
    vtr_op: vtr.op,
    vtr_push_dot1q: vtr.dot1q,
    vtr_tag1: vtr.tag1,
    vtr_tag2: vtr.tag2,
    outer_tag: 0,
    b_dmac: '00:00:00:00:00:00',
    b_smac: '00:00:00:00:00:00',
    b_vlanid: 0,
    i_sid: 0,
    interface_name: x.name,
    interface_dev_type: x.devType,
    tag: x.tag,
  };
}

function* liveIfaces(s: VppState): Generator<Iface> {
  for (const x of s.ifs) if (x) yield x;
}

/**
 * The Ethernet match configuration a sub-interface takes on its hardware interface
 * (ethernet_sw_interface_get_config): a slot name, 'unsupported' for the combinations VPP has
 * not implemented, or undefined on a non-Ethernet interface (anything goes there).
 */
function matchSlot(hw: Iface, flags: number, outer: number, inner: number): string | undefined {
  if (!hw.slots) return undefined;
  if (flags & SUB_DEFAULT) return 'default';
  if (flags & SUB_NO_TAGS || flags === 0) return 'untagged';
  const table = flags & SUB_DOT1AD ? 'ad' : 'q';
  if (flags & SUB_ONE_TAG) return flags & SUB_OUTER_ANY ? 'unsupported' : `${table}:${outer}`;
  if (flags & SUB_OUTER_ANY && flags & SUB_INNER_ANY) return 'unsupported';
  if (flags & SUB_INNER_ANY) return `${table}:${outer}:any`;
  return `${table}:${outer}:${inner}`;
}

/**
 * vnet_create_sw_interface for a sub-interface of `sup` (a hardware-type interface or another
 * sub-interface): the index is taken, then the match configuration registered; when that fails
 * the failure undoes the configuration it collided with (ethernet_sw_interface_add_del with
 * is_create 0 clears the slot) and gives the index back, and the reply still names it.
 */
export function createSub(
  s: VppState,
  sup: Iface,
  id: number,
  flags: number,
  outer: number,
  inner: number,
): { x?: Iface; sw: number } {
  // vnet_get_sup_hw_interface goes one level up: under a sub-interface it finds that
  // sub-interface's hw_if_index, 0, local0's
  const hw = sup.kind === 'sub' ? s.iface(0)! : sup;
  if (flags & SUB_TWO_TAGS && flags & SUB_EXACT && flags & (SUB_INNER_ANY | SUB_OUTER_ANY))
    return { sw: NONE }; // "inner-dot1q any exact-match is unsupported", before any index
  const slot = matchSlot(hw, flags, outer, inner);
  const x = s.newIface('sub', `${hw.name}.${id}`, hw.devType);
  x.sup = sup.swIfIndex;
  x.hwSw = hw.swIfIndex;
  if (slot === 'unsupported' || (slot !== undefined && hw.slots?.has(slot))) {
    // Ethernet's add/del callback runs before the API's: "not implemented yet" stops both the
    // create and the undo before any event; a taken match is cleared by the undo, whose
    // deletion the API's callback then reports
    if (slot !== 'unsupported') {
      hw.slots?.delete(slot);
      s.signal(x.swIfIndex, EV.DEL);
    }
    s.ifs[x.swIfIndex] = undefined;
    s.fib.get(0, false)!.users--;
    s.fib.get(0, true)!.users--;
    s.swPool.release(x.swIfIndex);
    return { sw: x.swIfIndex };
  }
  s.created(x);
  if (slot !== undefined) hw.slots?.add(slot);
  const tags = flags & SUB_ONE_TAG ? 1 : flags & SUB_TWO_TAGS ? 2 : 0;
  // a sub-interface has no MAC and no MTU of its own until set (05 step 9)
  x.mac = '00:00:00:00:00:00';
  x.mtu = [0, 0, 0, 0];
  x.sub = {
    id,
    tags,
    outer: tags >= 1 ? outer : 0,
    inner: tags === 2 && !(flags & SUB_INNER_ANY) ? inner : 0,
    flags,
    slot,
  };
  (hw.subIds ??= new UwordHash<number>()).set(id, x.swIfIndex);
  s.subKeys.add(`${sup.swIfIndex}/${id}`);
  return { x, sw: x.swIfIndex };
}

export function interfaceHandlers(s: VppState): Record<string, SimHandler> {
  const get = (m: ApiMessage, f = 'sw_if_index'): Iface | undefined => s.iface(num(m[f], -1));
  return {
    sw_interface_dump({ msg }) {
      const sw = num(msg.sw_if_index, NONE);
      const filter = bool(msg.name_filter_valid) ? str(msg.name_filter) : undefined;
      function* gen(): Generator<ApiMessage> {
        if (sw !== NONE) {
          const x = s.iface(sw);
          if (x && (filter === undefined || x.name.includes(filter))) yield swDetails(s, x);
          return;
        }
        for (const x of liveIfaces(s))
          if (filter === undefined || x.name.includes(filter)) yield swDetails(s, x);
      }
      return details('sw_interface_details', gen());
    },

    sw_interface_set_flags({ msg }) {
      const x = get(msg);
      if (!x) return fail(E.INVALID_SW_IF_INDEX);
      const up = (num(msg.flags) & 1) === 1;
      if (x.kind === 'sub') {
        // a sub-interface takes its super-interface's admin state, or goes down under an up one
        const sup = s.iface(x.sup);
        const supUp = sup?.admin === true;
        if (up !== supUp && !(!up && supUp)) return fail(E.UNSPECIFIED);
      }
      s.setAdmin(x, up);
      return ok();
    },

    // VPP stores whatever is given, even above the hardware MTU (04 steps 37-38, 05 steps 18-21)
    sw_interface_set_mtu({ msg }) {
      const x = get(msg);
      if (!x) return fail(E.INVALID_SW_IF_INDEX);
      const m = Array.isArray(msg.mtu) ? (msg.mtu as number[]).map((v) => num(v)) : [];
      x.mtu = [0, 1, 2, 3].map((i) => m[i] ?? 0);
      return ok();
    },

    hw_interface_set_mtu({ msg }) {
      const x = get(msg);
      if (!x) return fail(E.INVALID_SW_IF_INDEX);
      const mtu = num(msg.mtu);
      if (x.kind === 'sub') return fail(E.INVALID_VALUE); // 04 step 41
      if (x.kind === 'local') return fail(E.FEATURE_DISABLED); // 04 step 42
      if (x.kind === 'hw') {
        // the driver refuses what the device cannot take (af_packet: the host's netlink call)
        if (mtu !== x.linkMtu && x.mtuRange && (mtu < x.mtuRange[0] || mtu > x.mtuRange[1]))
          return fail(E.SYSCALL_ERROR_1);
        // VPP walks the port's sw interfaces, sub-interfaces included, and sets each one's L3
        // MTU to the new value (vnet_hw_interface_set_mtu → vnet_sw_interface_set_mtu).
        if (mtu !== x.linkMtu) {
          x.linkMtu = mtu;
          for (const y of [x, ...s.children(x)]) y.mtu = [mtu, y.mtu[1], y.mtu[2], y.mtu[3]];
        }
        return ok();
      }
      // virtual devices cannot change their max frame size: the same value passes (02 steps 10-12)
      return mtu === x.linkMtu ? ok() : fail(E.UNSUPPORTED);
    },

    sw_interface_set_mac_address({ msg }) {
      const x = get(msg);
      if (!x) return fail(E.INVALID_SW_IF_INDEX);
      // local0 has no MAC, and a sub-interface's hw_if_index is 0, local0's (04 step 53)
      if (x.kind === 'local' || x.kind === 'sub') return fail(E.UNIMPLEMENTED);
      x.mac = str(msg.mac_address);
      return ok();
    },

    sw_interface_tag_add_del({ msg }) {
      const x = get(msg);
      if (!x) return fail(E.INVALID_SW_IF_INDEX);
      if (bool(msg.is_add) && str(msg.tag) === '') return fail(E.INVALID_VALUE);
      x.tag = bool(msg.is_add) ? str(msg.tag) : '';
      return ok();
    },

    create_loopback_instance({ msg }) {
      const used = s.loopInstances;
      let inst: number;
      if (bool(msg.is_specified)) {
        inst = num(msg.user_instance);
        if (used.has(inst)) return fail(E.INVALID_REGISTRATION, { sw_if_index: NONE }); // 04 step 46
      } else {
        // lowest free instance (02 step 31: loop1 after loop5 went)
        inst = s.loopHint = lowestFree(used, s.loopHint);
      }
      used.add(inst);
      const x = s.newIface('loopback', `loop${inst}`, 'Loopback');
      x.instance = inst;
      const mac = str(msg.mac_address);
      x.mac = macIsZero(mac) ? `de:ad:00:00:00:${(inst & 0xff).toString(16).padStart(2, '0')}` : mac;
      s.created(x);
      return ok({ sw_if_index: x.swIfIndex });
    },

    delete_loopback({ msg }) {
      const x = get(msg);
      if (!x || x.kind !== 'loopback') return fail(E.INVALID_SW_IF_INDEX);
      s.deleteIface(x);
      return ok();
    },

    // create_vlan_subif works on the hardware interface under whatever index it is given
    create_vlan_subif({ msg }) {
      const p = get(msg);
      if (!p) return fail(E.INVALID_SW_IF_INDEX, { sw_if_index: NONE });
      const hw = s.hwOf(p);
      const vlan = num(msg.vlan_id);
      if (vlan === 0 || vlan > 4095) return fail(E.INVALID_VLAN, { sw_if_index: NONE });
      if (s.subKeys.has(`${hw.swIfIndex}/${vlan}`)) return fail(E.VLAN_ALREADY_EXISTS, { sw_if_index: NONE });
      const r = createSub(s, hw, vlan, SUB_ONE_TAG | SUB_EXACT, vlan, 0);
      return r.x ? ok({ sw_if_index: r.sw }) : fail(E.INVALID_REGISTRATION, { sw_if_index: NONE });
    },

    // create_subif keys the sub-interface to the index given, a sub-interface's too
    create_subif({ msg }) {
      const p = get(msg);
      if (!p) return fail(E.INVALID_SW_IF_INDEX, { sw_if_index: NONE });
      const id = num(msg.sub_id);
      if (s.subKeys.has(`${p.swIfIndex}/${id}`)) return fail(E.VLAN_ALREADY_EXISTS, { sw_if_index: NONE }); // 04 step 30
      const r = createSub(s, p, id, num(msg.sub_if_flags), num(msg.outer_vlan_id), num(msg.inner_vlan_id));
      return r.x ? ok({ sw_if_index: r.sw }) : fail(E.UNSPECIFIED, { sw_if_index: r.sw });
    },

    delete_subif({ msg }) {
      const x = get(msg);
      if (!x) return fail(E.INVALID_SW_IF_INDEX);
      if (x.kind !== 'sub') return fail(E.INVALID_SUB_SW_IF_INDEX); // 04 step 26
      s.deleteIface(x);
      return ok();
    },

    want_interface_events({ msg, client }) {
      const on = num(msg.enable_disable) !== 0;
      const have = s.subscribers.has(client.index);
      if (on === have) return fail(E.INVALID_REGISTRATION); // 10 step 18
      if (on) s.subscribers.set(client.index, { client, pid: num(msg.pid) });
      else s.subscribers.delete(client.index);
      return ok();
    },

    // ---- tap (no recording: follows tap_create_v3 in VPP's tapv2 plugin) --------------------
    tap_create_v3({ msg }) {
      if (!s.opts.hostHasVhostNet) return fail(E.SYSCALL_ERROR_1, { sw_if_index: NONE });
      const used = new Set<number>();
      for (const x of liveIfaces(s)) if (x.tap) used.add(x.tap.id);
      let id = num(msg.id, NONE);
      if (id === NONE) id = lowestFree(used);
      else if (used.has(id)) return fail(E.INVALID_REGISTRATION, { sw_if_index: NONE });
      const x = s.newIface('tap', `tap${id}`, 'virtio');
      x.mac =
        bool(msg.use_random_mac) || macIsZero(str(msg.mac_address)) ? s.randomMac() : str(msg.mac_address);
      const hostMtu = bool(msg.host_mtu_set) ? num(msg.host_mtu_size) : 1500;
      x.linkMtu = 9000;
      x.tap = {
        id,
        txRing: num(msg.tx_ring_sz) || 256,
        rxRing: num(msg.rx_ring_sz) || 256,
        hostMtu,
        hostMac: bool(msg.host_mac_addr_set) ? str(msg.host_mac_addr) : s.randomMac(),
        hostIp4: bool(msg.host_ip4_prefix_set) ? str(msg.host_ip4_prefix) : '0.0.0.0/0',
        hostIp6: bool(msg.host_ip6_prefix_set) ? str(msg.host_ip6_prefix) : '::/0',
        flags: num(msg.tap_flags),
        devName: '/dev/net/tun',
        hostIfName: bool(msg.host_if_name_set) ? str(msg.host_if_name) : `tap${id}`,
        hostNs: bool(msg.host_namespace_set) ? str(msg.host_namespace) : '',
        hostBridge: bool(msg.host_bridge_set) ? str(msg.host_bridge) : '',
      };
      s.created(x);
      return ok({ sw_if_index: x.swIfIndex });
    },

    tap_delete_v2({ msg }) {
      const x = get(msg);
      if (!x || x.kind !== 'tap') return fail(E.INVALID_SW_IF_INDEX);
      s.deleteIface(x);
      return ok();
    },

    sw_interface_tap_v2_dump({ msg }) {
      const sw = num(msg.sw_if_index, NONE);
      const list = [...liveIfaces(s)].filter((x) => x.tap && (sw === NONE || x.swIfIndex === sw));
      return details(
        'sw_interface_tap_v2_details',
        list.map((x) => {
          const t = x.tap!;
          return {
            sw_if_index: x.swIfIndex,
            id: t.id,
            tx_ring_sz: t.txRing,
            rx_ring_sz: t.rxRing,
            host_mtu_size: t.hostMtu,
            host_mac_addr: t.hostMac,
            host_ip4_prefix: t.hostIp4,
            host_ip6_prefix: t.hostIp6,
            tap_flags: t.flags,
            dev_name: t.devName,
            host_if_name: t.hostIfName,
            host_namespace: t.hostNs,
            host_bridge: t.hostBridge,
          };
        }),
      );
    },

    // ---- memif ------------------------------------------------------------------------------
    memif_socket_filename_add_del_v2({ msg }) {
      let id = num(msg.socket_id, NONE);
      if (bool(msg.is_add)) {
        if (id === NONE) {
          // VPP draws ids from its own random_u32 seed until a free one comes (07 step 3)
          do id = s.memifRandom.next();
          while (s.memifSockets.has(id));
        } else if (s.memifSockets.has(id)) return fail(E.ENTRY_ALREADY_EXISTS, { socket_id: id }); // 07 step 4
        s.memifSockets.set(id, str(msg.socket_filename));
        return ok({ socket_id: id });
      }
      if (!s.memifSockets.has(id)) return fail(E.NO_SUCH_ENTRY, { socket_id: id });
      for (const x of liveIfaces(s))
        if (x.memif?.socketId === id) return fail(E.UNEXPECTED_INTF_STATE, { socket_id: id }); // 07 step 21
      s.memifSockets.delete(id);
      return ok({ socket_id: id });
    },

    memif_socket_filename_dump() {
      return details(
        'memif_socket_filename_details',
        [...s.memifSockets].map(([socket_id, socket_filename]) => ({ socket_id, socket_filename })),
      );
    },

    memif_create_v2({ msg }) {
      const sock = num(msg.socket_id);
      const id = num(msg.id);
      // failures answer sw_if_index 0 (07 steps 8-9)
      if (!s.memifSockets.has(sock)) return fail(E.INVALID_ARGUMENT, { sw_if_index: 0 });
      for (const x of liveIfaces(s)) {
        if (x.memif?.socketId !== sock) continue;
        // a socket in use is either master or slave, never both (memif_create_if)
        if (x.memif.id === id || x.memif.role !== num(msg.role))
          return fail(E.SUBIF_ALREADY_EXISTS, { sw_if_index: 0 });
      }
      const x = s.newIface('memif', `memif${sock}/${id}`, 'memif');
      const ipMode = num(msg.mode) === 1;
      x.memif = { socketId: sock, id, role: num(msg.role), mode: num(msg.mode) };
      if (ipMode) {
        x.mac = '00:00:00:00:00:00';
        x.linkMtu = 0;
        x.mtu = [0, 0, 0, 0];
      } else x.mac = macIsZero(str(msg.hw_addr)) ? s.randomMac() : str(msg.hw_addr);
      s.created(x);
      return ok({ sw_if_index: x.swIfIndex });
    },

    memif_delete({ msg }) {
      const x = get(msg);
      if (!x || x.kind !== 'memif') return fail(E.INVALID_SW_IF_INDEX);
      s.deleteIface(x);
      return ok();
    },

    memif_dump() {
      const list = [...liveIfaces(s)].filter((x) => x.memif);
      return details(
        'memif_details',
        list.map((x) => ({
          sw_if_index: x.swIfIndex,
          hw_addr: x.memif!.mode === 1 ? '00:00:00:00:00:00' : x.mac,
          id: x.memif!.id,
          role: x.memif!.role,
          mode: x.memif!.mode,
          zero_copy: false,
          socket_id: x.memif!.socketId,
          // runtime values while not connected (07 step 11)
          ring_size: 1,
          buffer_size: 0,
          flags: x.admin ? 1 : 0,
          if_name: x.name,
        })),
      );
    },

    // ---- vxlan ------------------------------------------------------------------------------
    vxlan_add_del_tunnel_v3({ msg }) {
      const src = apiAddress(msg.src_address);
      const dst = apiAddress(msg.dst_address);
      const vni = num(msg.vni);
      const vrf = num(msg.encap_vrf_id);
      // vxlan_add_del_tunnel_clean_input, before anything else
      const encap = s.fib.get(vrf, isIp6(src));
      if (!encap) return fail(E.NO_SUCH_FIB, { sw_if_index: NONE });
      if (isIp6(src) !== isIp6(dst)) return fail(E.INVALID_VALUE, { sw_if_index: NONE });
      if (src === dst) return fail(E.SAME_SRC_DST, { sw_if_index: NONE });
      const srcPort = num(msg.src_port) || 4789;
      // VPP's tunnel key: destination, source (IPv4 unicast only), source port, encap table, VNI
      const bySource = !dst.includes(':') && !isMulticast4(dst);
      const same = [...liveIfaces(s)].find(
        (x) =>
          x.vxlan &&
          x.vxlan.dst === dst &&
          (!bySource || x.vxlan.src === src) &&
          x.vxlan.srcPort === srcPort &&
          x.vxlan.vni === vni &&
          x.vxlan.vrf === vrf,
      );
      if (!bool(msg.is_add)) {
        if (!same) return fail(E.NO_SUCH_ENTRY, { sw_if_index: NONE });
        const sw = same.swIfIndex;
        s.vxlanPool.release(same.vxlan!.pool);
        s.deleteIface(same);
        if (!isMulticast(dst)) s.untrack(encap, dst);
        return ok({ sw_if_index: sw });
      }
      if (same) return fail(E.TUNNEL_EXIST, { sw_if_index: NONE }); // 08 step 6
      const pool = s.vxlanPool.alloc();
      let inst = num(msg.instance, NONE);
      if (inst === NONE)
        inst = pool; // the tunnel's pool index (08 step 8)
      else if ([...liveIfaces(s)].some((x) => x.vxlan?.instance === inst)) {
        s.vxlanPool.release(pool);
        return fail(E.INSTANCE_IN_USE, { sw_if_index: NONE });
      }
      const x = s.newIface('vxlan', `vxlan_tunnel${inst}`, 'VXLAN');
      x.mac = s.randomMac(); // VPP draws a random 02:fe MAC (volatile in 08)
      x.admin = true; // tunnels come up at once (08 step 10)
      // a multicast destination makes the tunnel its group's master in a bridge's flood vector
      x.floodClass = num(msg.mcast_sw_if_index, NONE) !== NONE ? 'tunnel-master' : 'tunnel-normal';
      x.vxlan = {
        instance: inst,
        src,
        dst,
        srcPort: num(msg.src_port) || 4789,
        dstPort: num(msg.dst_port) || 4789,
        mcast: num(msg.mcast_sw_if_index, NONE),
        vrf,
        decapNext: num(msg.decap_next_index, NONE) === NONE ? 1 : num(msg.decap_next_index),
        vni,
        pool,
      };
      // a unicast endpoint is tracked: a recursive-resolution entry in the encap table
      if (!isMulticast(dst)) s.track(encap, dst);
      s.created(x);
      return ok({ sw_if_index: x.swIfIndex });
    },

    vxlan_tunnel_v2_dump({ msg }) {
      const sw = num(msg.sw_if_index, NONE);
      const list = [...liveIfaces(s)]
        .filter((x) => x.vxlan && (sw === NONE || x.swIfIndex === sw))
        .sort((a, b) => a.vxlan!.pool - b.vxlan!.pool);
      return details(
        'vxlan_tunnel_v2_details',
        list.map((x) => {
          const v = x.vxlan!;
          return {
            sw_if_index: x.swIfIndex,
            instance: v.instance,
            src_address: v.src,
            dst_address: v.dst,
            src_port: v.srcPort,
            dst_port: v.dstPort,
            mcast_sw_if_index: v.mcast,
            encap_vrf_id: v.vrf,
            decap_next_index: v.decapNext,
            vni: v.vni,
          };
        }),
      );
    },

    // ---- bond -------------------------------------------------------------------------------
    bond_create2({ msg }) {
      const mode = num(msg.mode);
      const lb = num(msg.lb);
      if (lb > 2) return fail(E.INVALID_ARGUMENT, { sw_if_index: 0 }); // 08 step 12: only lb <= L23
      const used = new Set<number>();
      for (const x of liveIfaces(s)) if (x.bond) used.add(x.bond.id);
      let id = num(msg.id, NONE);
      if (id === NONE) id = lowestFree(used);
      else if (used.has(id)) return fail(E.INSTANCE_IN_USE, { sw_if_index: 0 }); // 08 step 14
      const x = s.newIface('bond', `BondEthernet${id}`, 'bond');
      const custom = bool(msg.use_custom_mac);
      x.mac = custom ? str(msg.mac_address) : s.randomMac();
      // round-robin, active-backup and broadcast report their own algorithm (08 step 28)
      const shownLb = mode === 1 ? 3 : mode === 2 ? 5 : mode === 4 ? 4 : lb;
      x.bond = { id, mode, lb: shownLb, numaOnly: bool(msg.numa_only), members: [], customMac: custom };
      s.created(x);
      return ok({ sw_if_index: x.swIfIndex });
    },

    bond_add_member({ msg }) {
      const m = get(msg);
      if (!m) return fail(E.INVALID_SW_IF_INDEX);
      const b = get(msg, 'bond_sw_if_index');
      if (!b?.bond || m.bond) return fail(E.INVALID_INTERFACE); // 08 steps 23, 27
      if (m.bondOf !== undefined) return fail(E.VALUE_EXIST); // 08 step 19
      // the first member lends its MAC to a bond without a custom one; members take the bond's
      if (b.bond.members.length === 0 && !b.bond.customMac) b.mac = s.hwOf(m).mac;
      b.bond.members.push({
        sw: m.swIfIndex,
        passive: bool(msg.is_passive),
        longTimeout: bool(msg.is_long_timeout),
      });
      m.bondOf = b.swIfIndex;
      // VPP keeps the member's MAC of this moment and puts it back when it leaves, whatever
      // was set in between (bond_delete_neighbor: persistent_hw_address)
      m.persistentMac = s.hwOf(m).mac;
      s.hwOf(m).mac = b.mac;
      for (const arc of BOND_ARCS) s.features.set(arc, 'bond-input', m.swIfIndex, true);
      return ok();
    },

    bond_detach_member({ msg }) {
      const m = get(msg);
      if (!m) return fail(E.INVALID_SW_IF_INDEX);
      if (m.bondOf === undefined) return fail(E.INVALID_INTERFACE); // 08 step 36
      s.bondDetach(m);
      return ok();
    },

    bond_delete({ msg }) {
      const b = get(msg);
      if (!b?.bond) return fail(E.INVALID_SW_IF_INDEX); // 08 step 42
      s.deleteIface(b);
      return ok();
    },

    sw_bond_interface_dump({ msg }) {
      const sw = num(msg.sw_if_index, NONE);
      const list = [...liveIfaces(s)].filter((x) => x.bond && (sw === NONE || x.swIfIndex === sw));
      return details(
        'sw_bond_interface_details',
        list.map((x) => ({
          sw_if_index: x.swIfIndex,
          id: x.bond!.id,
          mode: x.bond!.mode,
          lb: x.bond!.lb,
          numa_only: x.bond!.numaOnly,
          active_members: s.bondActive(x),
          members: x.bond!.members.length,
          interface_name: x.name,
        })),
      );
    },

    sw_member_interface_dump({ msg }) {
      const b = get(msg);
      const members = b?.bond?.members ?? [];
      return details(
        'sw_member_interface_details',
        members.map((m) => {
          const x = s.iface(m.sw);
          return {
            sw_if_index: m.sw,
            // VPP names a sub-interface member "local0" (08 step 30)
            interface_name: x && x.kind !== 'sub' ? x.name : 'local0',
            is_passive: m.passive,
            is_long_timeout: m.longTimeout,
            is_local_numa: x?.kind === 'vxlan',
            weight: 0,
          };
        }),
      );
    },
  };
}

const isMulticast4 = (a: string): boolean => {
  const first = Number(a.split('.')[0]);
  return first >= 224 && first <= 239;
};
