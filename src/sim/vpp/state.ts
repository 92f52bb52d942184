/**
 * The in-memory VPP: interfaces, addresses and their FIB entries, L2, plugins. Handlers (one
 * module per area) read and change it; every behaviour cites the transcript that shows it.
 */
import { lastAddressBytes } from '../../net/ip.js';
import type { SimClient } from '../types.js';
import { type Neighbor, flushNeighbors } from './neighbor.js';
import { Fib, type FibEntry, type FibTable, PATH_LOCAL, PATH_NORMAL, attachedPath, drop } from './fib.js';
import { FeatureArcs } from './features.js';
import type { UwordHash } from './util.js';
import {
  IndexPool,
  NONE,
  VppRandom,
  addrToBytes,
  bytesEqual,
  bytesToAddr,
  covers,
  lowestFree,
  maskBytes,
  parsePrefix,
  prefixText,
  type Prefix,
} from './util.js';

/** A pre-existing hardware port (never created or deleted through the API). */
export interface HardwarePort {
  /** e.g. `GigabitEthernet3/0/0`. */
  readonly name: string;
  /** Default: 02:fe:00:00:<n>:00 by position. */
  readonly mac?: string;
  /** Hardware MTU (link_mtu); default 9000. */
  readonly mtu?: number;
  /** kbps while the link is up; default 1000000. */
  readonly speed?: number;
  /** `interface_dev_type`; default `dpdk`. */
  readonly devType?: string;
  /**
   * The link is up whatever the admin state, as for an af_packet port on a host interface that
   * is up (vpp.sh's ports); default: the link follows the admin state, as a DPDK port's does.
   */
  readonly carrier?: boolean;
  /** link_duplex while the link is up: 0 unknown (af_packet), 1 half, 2 full (default). */
  readonly duplex?: number;
  /**
   * Link MTUs the device takes: hw_interface_set_mtu outside answers -11 (SYSCALL_ERROR_1), as
   * af_packet's netlink call on a veth does outside [24, 65491]; default: any.
   */
  readonly mtuRange?: readonly [number, number];
}

export type IfKind = 'local' | 'hw' | 'loopback' | 'sub' | 'tap' | 'memif' | 'vxlan' | 'bond';

export interface SubInfo {
  id: number;
  tags: number;
  outer: number;
  inner: number;
  flags: number;
  /** Its Ethernet match configuration on the hardware interface (none on non-Ethernet ones). */
  slot?: string;
}

/** link_state_process's api_events bits. */
export const EV = {
  LINK_UP: 1 << 1,
  LINK_DOWN: 1 << 2,
  ADMIN_UP: 1 << 3,
  ADMIN_DOWN: 1 << 4,
  ADD: 1 << 5,
  DEL: 1 << 6,
} as const;

export interface Address {
  prefix: Prefix;
  text: string;
}

export interface Iface {
  swIfIndex: number;
  kind: IfKind;
  name: string;
  devType: string;
  sup: number;
  mac: string;
  /** A bond member: the MAC it had when it joined, restored when it leaves. */
  persistentMac?: string;
  admin: boolean;
  linkMtu: number;
  mtu: number[];
  tag: string;
  speed: number;
  duplex?: number;
  mtuRange?: readonly [number, number];
  /** The hardware link flag of a hardware-type interface (ports, loopbacks). */
  link?: boolean;
  sub?: SubInfo;
  /** Sub-interfaces: their hardware-type interface (the sup may be another sub-interface). */
  hwSw?: number;
  /**
   * Hardware-type interfaces: sub-interfaces by sub id, in VPP's hash order
   * (sub_interface_sw_if_index_by_id: deleting the parent walks it).
   */
  subIds?: UwordHash<number>;
  /**
   * Hardware-type Ethernet interfaces: the sub-interface match configurations in use
   * (ethernet_sw_interface_get_config's slots; the main interface holds `untagged`).
   */
  slots?: Set<string>;
  instance?: number;
  vrf4: number;
  vrf6: number;
  addrs4: Address[];
  addrs6: Address[];
  /** Hidden link-local FIB entries (stats indices) held while IPv6 is enabled. */
  ip6Hidden: number[];
  l2?: { kind: 'bridge'; bdId: number } | { kind: 'xconnect'; tx: number };
  /**
   * Where a bridge domain's flood vector puts it (vnet_sw_interface_t.flood_class): tunnels
   * after normal members, a BVI first; a BVI that leaves its domain is never flooded to again.
   */
  floodClass?: 'normal' | 'bvi' | 'tunnel-normal' | 'tunnel-master' | 'no-flood';
  bondOf?: number;
  /** The interface whose addresses this unnumbered one borrows. */
  unnumberedOf?: number;
  memif?: { socketId: number; id: number; role: number; mode: number };
  vxlan?: {
    instance: number;
    src: string;
    dst: string;
    srcPort: number;
    dstPort: number;
    mcast: number;
    vrf: number;
    decapNext: number;
    vni: number;
    pool: number;
  };
  bond?: {
    id: number;
    mode: number;
    lb: number;
    numaOnly: boolean;
    members: BondMember[];
    customMac: boolean;
  };
  tap?: ApiTap;
}

export interface BondMember {
  sw: number;
  passive: boolean;
  longTimeout: boolean;
}

export interface ApiTap {
  id: number;
  txRing: number;
  rxRing: number;
  hostMtu: number;
  hostMac: string;
  hostIp4: string;
  hostIp6: string;
  flags: number;
  devName: string;
  hostIfName: string;
  hostNs: string;
  hostBridge: string;
}

export interface BridgeDomain {
  id: number;
  index: number;
  /** Members of these flood classes in `members` (l2_bridge_domain_t's counts). */
  tunNormalCount: number;
  noFloodCount: number;
  flood: boolean;
  uuFlood: boolean;
  forward: boolean;
  learn: boolean;
  arpTerm: boolean;
  arpUfwd: boolean;
  macAge: number;
  tag: string;
  bvi: number;
  uuFwd: number;
  members: Array<{ sw: number; shg: number }>;
}

export interface Acl {
  index: number;
  tag: string;
  rules: readonly unknown[];
}

export interface ModelOptions {
  readonly hardware?: readonly HardwarePort[];
  /**
   * Whether the host can create tap devices (/dev/vhost-net). The reference recordings ran on a
   * host without it, where lcp_itf_pair_add_del_v2 fails with -11; default true.
   */
  readonly hostHasVhostNet?: boolean;
  /** Details per round of cursor services before answering -165 (VPP pages by time: 1 ms). */
  readonly cursorPageSize?: number;
  /**
   * The host's network namespaces: a linux-cp pair in another fails with -12, as VPP cannot open
   * it. Default: every namespace exists.
   */
  readonly namespaces?: readonly string[];
}

export class VppState {
  readonly ifs: Array<Iface | undefined> = [];
  /**
   * Every interface address by family and table, for the -105 check: VPP walks the table's
   * addresses; walking every interface instead made 10,000 adds take seconds. Addresses cannot
   * change table (-114), so an entry stays under the key it was added with.
   */
  private readonly addrsByTable = new Map<string, TableAddress[]>();
  readonly swPool = new IndexPool(0);
  readonly fib = new Fib();
  /** IP neighbours added through the API (neighbor.ts). */
  readonly neighbors: Neighbor[] = [];
  readonly bds = new Map<number, BridgeDomain>();
  readonly bdIndexUsed = new Set<number>([0]);
  /** The placeholder domain of index 0 and id 0: interfaces can join it, dumps never show it. */
  readonly bd0: BridgeDomain = newBd(0, 0);
  /**
   * Per sw_if_index, the L2 output configuration VPP keeps in a vector (l2output_main.configs):
   * the VLAN tag rewrite, cleared when the interface is put in L3 mode, kept when an interface
   * is deleted in L3 mode (a new interface on that index finds it).
   */
  readonly l2out: Array<Vtr | undefined> = [];
  readonly bdRandom = new VppRandom();
  readonly memifRandom = new VppRandom();
  readonly memifSockets = new Map<number, string>([[0, '/run/vpp/memif.sock']]);
  readonly vxlanPool = new IndexPool(0);
  readonly acls = new Map<number, Acl>();
  readonly aclPool = new IndexPool(0);
  readonly aclIn = new Map<number, number[]>();
  readonly aclOut = new Map<number, number[]>();
  aclVecLen = 0;
  readonly subscribers = new Map<number, { client: SimClient; pid: number }>();
  /** Enabled features per arc and interface (features.ts). */
  readonly features = new FeatureArcs();
  /**
   * mss_clamp's per-interface vectors. VPP never shrinks or clears them: a deleted interface's
   * entry stays, and a new interface that reuses its index reads back as clamped.
   */
  readonly mss: Array<{ v4: number; v6: number; d4: number; d6: number } | undefined> = [];
  readonly lcpPairs: Array<
    { phy: number; host: number; hostName: string; hostType: number; netns: string } | undefined
  > = [];
  readonly lcpPool = new IndexPool(0);
  /** linux-cp's default namespace (lcp_default_ns_set). */
  lcpDefaultNs = '';
  /** What lcp_default_ns_get's reply holds when none is set (VPP leaves the buffer as it was). */
  lcpLeftoverNs = '';
  /** ip4 sv-reassembly users per interface (input, output), as VPP refcounts them. */
  readonly reass = { input: new Map<number, number>(), output: new Map<number, number>() };
  nat = newNat();
  /** Loopback instances in use, and the lowest that may be free. */
  readonly loopInstances = new Set<number>();
  loopHint = 0;
  readonly opts: Required<Omit<ModelOptions, 'namespaces'>> & Pick<ModelOptions, 'namespaces'>;
  private macSerial = 0;

  constructor(opts: ModelOptions = {}) {
    this.opts = {
      hardware: opts.hardware ?? [],
      hostHasVhostNet: opts.hostHasVhostNet ?? true,
      cursorPageSize: opts.cursorPageSize ?? 1000,
      namespaces: opts.namespaces,
    };
    const local0 = this.newIface('local', 'local0', 'local');
    local0.mac = '00:00:00:00:00:00';
    local0.linkMtu = 0;
    local0.mtu = [0, 0, 0, 0];
    this.opts.hardware.forEach((h, i) => {
      const x = this.newIface('hw', h.name, h.devType ?? 'dpdk');
      x.mac = h.mac ?? `02:fe:00:00:${(i + 1).toString(16).padStart(2, '0')}:00`;
      x.linkMtu = h.mtu ?? 9000;
      x.mtu = [x.linkMtu, 0, 0, 0];
      x.speed = h.speed ?? 1000000;
      x.link = h.carrier ?? false;
      x.duplex = h.duplex ?? 2;
      if (h.mtuRange) x.mtuRange = h.mtuRange;
    });
  }

  // ---- interfaces ---------------------------------------------------------------------------

  newIface(kind: IfKind, name: string, devType: string): Iface {
    const sw = this.swPool.alloc();
    const x: Iface = {
      swIfIndex: sw,
      kind,
      name,
      devType,
      sup: sw,
      mac: '00:00:00:00:00:00',
      admin: false,
      linkMtu: 9000,
      mtu: [9000, 0, 0, 0],
      tag: '',
      speed: 0,
      vrf4: 0,
      vrf6: 0,
      addrs4: [],
      addrs6: [],
      ip6Hidden: [],
    };
    // every Ethernet interface holds its own untagged match (ethernet_sw_interface_add_del)
    if (kind !== 'local' && kind !== 'sub') x.slots = new Set(['untagged']);
    // loopbacks are not flooded to until they become a BVI (vnet_create_loopback_interface)
    x.floodClass = kind === 'loopback' ? 'no-flood' : 'normal';
    this.ifs[sw] = x;
    this.fib.get(0, false)!.users++;
    this.fib.get(0, true)!.users++;
    return x;
  }

  iface(sw: number): Iface | undefined {
    return sw >= 0 && sw < this.ifs.length ? this.ifs[sw] : undefined;
  }

  /** A random-looking but reproducible locally administered MAC (VPP uses 02:fe:xx:xx:xx:xx). */
  randomMac(): string {
    this.macSerial++;
    const r = (Math.imul(this.macSerial, 2654435761) >>> 0).toString(16).padStart(8, '0');
    return `02:fe:${r.slice(0, 2)}:${r.slice(2, 4)}:${r.slice(4, 6)}:${r.slice(6, 8)}`;
  }

  /** The hardware-type interface under a sub-interface (whatever its sup), or itself. */
  hwOf(x: Iface): Iface {
    return x.kind === 'sub' ? (this.iface(x.hwSw ?? x.sup) ?? x) : x;
  }

  linkUp(x: Iface): boolean {
    switch (x.kind) {
      case 'sub':
        return this.linkUp(this.hwOf(x));
      case 'hw':
      case 'loopback':
        return x.link === true;
      case 'vxlan':
      case 'tap':
        return true;
      case 'memif':
      case 'local':
        return false;
      case 'bond':
        return x.admin && this.bondActive(x) > 0;
    }
  }

  flags(x: Iface): number {
    return (x.admin ? 1 : 0) | (this.linkUp(x) ? 2 : 0);
  }

  bondActive(b: Iface): number {
    if (!b.bond || b.bond.mode === 5) return 0; // LACP: nothing active without a partner (08 step 28)
    return b.bond.members.filter((m) => {
      const x = this.iface(m.sw);
      return x !== undefined && x.admin && this.linkUp(x);
    }).length;
  }

  /** The sub-interfaces registered on a hardware-type interface, in VPP's hash order. */
  children(x: Iface): Iface[] {
    const out: Iface[] = [];
    for (const [, sw] of x.subIds?.entries() ?? []) {
      const c = this.iface(sw);
      if (c) out.push(c);
    }
    return out;
  }

  /** sw_if_index_by_sup_and_sub: `<sup>/<sub id>` of every sub-interface. */
  readonly subKeys = new Set<string>();

  // ---- sw_interface_event ---------------------------------------------------------------------

  /**
   * VPP signals a process for each change (api_events bits) and the process, when it runs,
   * sends one event per interface in sw_if_index order, its flags made of the bits collected
   * since it last ran (link_state_process): here, after the request that raised them.
   */
  private pendingEvents = new Map<number, number>();
  private flushScheduled = false;

  signal(sw: number, bits: number): void {
    this.pendingEvents.set(sw, (this.pendingEvents.get(sw) ?? 0) | bits);
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => this.flushEvents());
    }
  }

  private flushEvents(): void {
    this.flushScheduled = false;
    const pending = [...this.pendingEvents].sort((a, b) => a[0] - b[0]);
    this.pendingEvents.clear();
    for (const [sw, bits] of pending)
      for (const [idx, sub] of this.subscribers) {
        if (sub.client.closed) {
          this.subscribers.delete(idx);
          continue;
        }
        sub.client.sendEvent('sw_interface_event', {
          client_index: sub.client.index,
          pid: sub.pid,
          sw_if_index: sw,
          flags: (bits & EV.ADMIN_UP ? 1 : 0) | (bits & EV.LINK_UP ? 2 : 0),
          deleted: (bits & EV.DEL) !== 0,
        });
      }
  }

  /** An interface came into being (VNET_SW_INTERFACE_ADD_DEL_FUNCTION). */
  created(x: Iface): void {
    this.signal(x.swIfIndex, EV.ADD);
  }

  /** The hardware link flag changed (VNET_HW_INTERFACE_LINK_UP_DOWN_FUNCTION). */
  setLink(x: Iface, up: boolean): void {
    if ((x.link === true) === up) return;
    x.link = up;
    this.signal(x.swIfIndex, up ? EV.LINK_UP : EV.LINK_DOWN);
  }

  /**
   * vnet_sw_interface_set_flags: nothing when unchanged; loopbacks and ports bring their link
   * up with the admin state, and admin down takes the link down.
   */
  setAdmin(x: Iface, up: boolean): void {
    if (x.admin === up) return;
    if (!up) flushNeighbors(this, x.swIfIndex);
    if (!up) this.removeConnected(x);
    x.admin = up;
    if (up) this.addConnected(x);
    this.signal(x.swIfIndex, up ? EV.ADMIN_UP : EV.ADMIN_DOWN);
    if (x.kind === 'hw' || x.kind === 'loopback') this.setLink(x, up);
  }

  /**
   * Delete an interface and whatever refers to it. A hardware-type interface's link goes down,
   * then its sub-interfaces go in its hash's order (vnet_delete_hw_interface), then itself: the
   * pool's free list, and so the next indexes, follow that order.
   */
  deleteIface(x: Iface): void {
    if (x.kind !== 'sub') {
      this.setLink(x, false);
      // a port or loopback loses its own IPv4, then IPv6 entries and addresses before its
      // sub-interfaces go (measured by the stats indexes freed: conformance connected-entries-*)
      if (x.admin) {
        for (const a of x.addrs4) this.removeRoutesFor(x, a, true);
        for (const a of x.addrs6) this.removeRoutesFor(x, a, true);
        x.admin = false;
      }
      for (const a of [...x.addrs4, ...x.addrs6]) this.deleteAddress(x, a);
      for (const [id, sw] of x.subIds?.entries() ?? []) {
        const c = this.iface(sw);
        this.subKeys.delete(`${c?.sup ?? x.swIfIndex}/${id}`);
        if (c) this.deleteIface(c);
      }
      x.subIds = undefined;
      x.slots = undefined;
    } else this.unregisterSub(x);
    this.detachEverything(x);
    this.signal(x.swIfIndex, EV.DEL);
    if (x.kind === 'loopback' && x.instance !== undefined) {
      this.loopInstances.delete(x.instance);
      this.loopHint = Math.min(this.loopHint, x.instance);
    }
    this.ifs[x.swIfIndex] = undefined;
    this.swPool.release(x.swIfIndex);
  }

  /** vnet_delete_sub_interface's bookkeeping: its keys and its match configuration. */
  unregisterSub(x: Iface): void {
    const hw = this.hwOf(x);
    const id = x.sub?.id ?? 0;
    this.subKeys.delete(`${x.sup}/${id}`);
    if (hw.subIds?.get(id) !== undefined) hw.subIds.delete(id);
    if (x.sub?.slot) hw.slots?.delete(x.sub.slot);
  }

  detachEverything(x: Iface): void {
    const sw = x.swIfIndex;
    flushNeighbors(this, sw, { all: true });
    if (x.admin) {
      this.removeConnected(x);
      x.admin = false;
    }
    for (const a of [...x.addrs4, ...x.addrs6]) this.deleteAddress(x, a);
    this.releaseTable(x.vrf4, false);
    this.releaseTable(x.vrf6, true);
    // l2_input_interface_add_del: an xconnected interface takes its peer to L3 mode with it; an
    // xconnect towards it from an interface it does not point back at stays (07 step 24)
    if (x.l2?.kind === 'xconnect') this.toL3(x.l2.tx);
    if (x.l2) this.toL3(x.swIfIndex);
    if (x.bondOf !== undefined) this.bondDetach(x);
    if (x.bond)
      for (const m of [...x.bond.members]) {
        const mx = this.iface(m.sw);
        if (mx) this.bondDetach(mx);
      }
    this.aclIn.delete(sw);
    this.aclOut.delete(sw);
    this.features.dropInterface(sw);
    this.reass.input.delete(sw);
    this.reass.output.delete(sw);
    this.nat.interfaces.delete(sw);
    this.nat.outputs.forEach((v, i) => {
      if (v === sw) {
        this.nat.outputs[i] = undefined;
        this.nat.outputPool.release(i);
      }
    });
    this.lcpPairs.forEach((p, i) => {
      if (p && (p.phy === sw || p.host === sw)) {
        this.lcpPairs[i] = undefined;
        this.lcpPool.release(i);
      }
    });
  }

  // ---- addresses and connected routes -------------------------------------------------------

  table(x: Iface, ip6: boolean): FibTable {
    return this.fib.get(ip6 ? x.vrf6 : x.vrf4, ip6)!;
  }

  /**
   * Another address of x in the same subnet (same masked prefix and length), earlier in its list:
   * VPP counts references per interface prefix and adds the subnet's entries once (ip4_forward.c).
   */
  /** Whether another address of the interface (`among` those before it, after it, or any) is in a's subnet. */
  private sharesPrefix(x: Iface, a: Address, among: 'earlier' | 'later' | 'any'): boolean {
    const list = a.prefix.ip6 ? x.addrs6 : x.addrs4;
    const p = a.prefix;
    const at = list.indexOf(a);
    for (let i = 0; i < list.length; i++) {
      const b = list[i] as Address;
      if (b === a || (among === 'earlier' && i > at) || (among === 'later' && i < at)) continue;
      if (b.prefix.len === p.len && covers(b.prefix.bytes, p.len, p.bytes)) return true;
    }
    return false;
  }

  /** Entries an address contributes while the interface is up (02 steps 25-26; ip4/ip6_forward.c). */
  private addRoutesFor(x: Iface, a: Address): void {
    const t = this.table(x, a.prefix.ip6);
    const p = a.prefix;
    const sw = x.swIfIndex;
    const ip6 = p.ip6;
    const own = prefixText(p.bytes, p.len).split('/')[0] as string;
    const base = { tableId: 0, weight: 1, preference: 0, flags: 0, proto: ip6 ? 1 : 0, rpfId: 0 };
    const hostLen = ip6 ? 128 : 32;
    this.fib.addSource(t, p.bytes, hostLen, 'interface', [
      { ...base, swIfIndex: sw, type: PATH_LOCAL, nh: own },
    ]);
    if (p.len >= hostLen || this.sharesPrefix(x, a, 'earlier')) return;
    // the glean entry: ip4 keeps the address as given, ip6 the masked prefix
    this.fib.addSource(
      t,
      p.bytes,
      p.len,
      'interface',
      [{ ...base, swIfIndex: sw, type: PATH_NORMAL, nh: '' }],
      {
        shown: ip6 ? undefined : a.text,
        attached: true,
      },
    );
    if (ip6) return;
    if (p.len <= 30) {
      // drops for the network and broadcast addresses, unless the interface has that address
      const net = maskBytes(p.bytes, p.len);
      const bc = lastAddressBytes(net, p.len);
      if (!bytesEqual(net, p.bytes)) this.fib.addSource(t, net, 32, 'interface', [drop(false)]);
      if (!bytesEqual(bc, p.bytes)) this.fib.addSource(t, bc, 32, 'interface', [drop(false)]);
    } else if (p.len === 31) {
      // the other address of a /31 is an attached host
      const peer = Uint8Array.from(p.bytes);
      peer[3] = (peer[3] as number) ^ 1;
      this.fib.addSource(t, peer, 32, 'interface', [attachedPath(sw, bytesToAddr(peer), false)], {
        attached: true,
      });
    }
  }

  /**
   * In ip4_del_interface_routes' order: local, then network, broadcast (or /31 peer), glean; the
   * subnet's entries stay while another address holds them (`all`: every address goes, in the
   * interface's order, and the last one of a subnet takes the subnet's entries).
   */
  private removeRoutesFor(x: Iface, a: Address, all = false): void {
    const t = this.table(x, a.prefix.ip6);
    const p = a.prefix;
    const hostLen = p.ip6 ? 128 : 32;
    const gone: FibEntry[] = [];
    const find = (b: Uint8Array, len: number): void => {
      const e = this.fib.find(t, b, len);
      if (e) gone.push(e);
    };
    // ip6_del_interface_routes takes the prefix first, ip4's the local entry first
    if (!p.ip6) find(p.bytes, hostLen);
    if (p.len < hostLen && !this.sharesPrefix(x, a, all ? 'later' : 'any')) {
      if (!p.ip6 && p.len <= 30) {
        const net = maskBytes(p.bytes, p.len);
        const bc = lastAddressBytes(net, p.len);
        if (!bytesEqual(net, p.bytes)) find(net, 32);
        if (!bytesEqual(bc, p.bytes)) find(bc, 32);
      } else if (!p.ip6 && p.len === 31) {
        const peer = Uint8Array.from(p.bytes);
        peer[3] = (peer[3] as number) ^ 1;
        find(peer, 32);
      }
      find(p.bytes, p.len);
    }
    if (p.ip6) find(p.bytes, hostLen);
    for (const e of gone) this.fib.removeSource(e, 'interface');
  }

  // The ip6 admin up/down callback runs before ip4's; each walks the addresses in the order
  // they were added.
  addConnected(x: Iface): void {
    for (const a of x.addrs6) this.addRoutesFor(x, a);
    for (const a of x.addrs4) this.addRoutesFor(x, a);
  }

  removeConnected(x: Iface): void {
    for (const a of x.addrs6) this.removeRoutesFor(x, a, true);
    for (const a of x.addrs4) this.removeRoutesFor(x, a, true);
  }

  /** -105 when the prefix overlaps an address of any interface in the same table (04 steps 14-17). */
  addressConflict(x: Iface, p: Prefix): boolean {
    const table = this.addrsByTable.get(tableKey(x, p.ip6));
    if (!table) return false;
    const pv = p.ip6 ? 0 : ip4Word(p.bytes);
    for (let i = 0; i < table.length; i++) {
      const e = table[i];
      const q = e.a.prefix;
      const len = q.len < p.len ? q.len : p.len;
      const overlap = p.ip6
        ? covers(q.bytes, len, p.bytes)
        : len === 0 || ((e.w ^ pv) & (0xffffffff << (32 - (len > 32 ? 32 : len)))) === 0;
      if (!overlap) continue;
      if (e.x === x && q.len === p.len && !sameAddr(q, p)) continue; // a secondary address in the same subnet
      return true;
    }
    return false;
  }

  addAddress(x: Iface, text: string): void {
    const p = parsePrefix(text);
    const a = { prefix: p, text };
    if (p.ip6) {
      if (x.addrs6.length === 0) {
        // enabling IPv6 adds the interface's link-local entries to the link-local FIB
        x.ip6Hidden = [this.fib.pool.alloc(), this.fib.pool.alloc(), this.fib.pool.alloc()];
      }
      x.addrs6.push(a);
    } else {
      // the first IPv4 address enables ARP on the interface (arp_enable: arp-reply replaces arp-disabled)
      if (x.addrs4.length === 0) {
        this.features.set('arp', 'arp-reply', x.swIfIndex, true);
        this.features.set('arp', 'arp-disabled', x.swIfIndex, false);
      }
      x.addrs4.push(a);
    }
    const key = tableKey(x, p.ip6);
    const table = this.addrsByTable.get(key);
    const entry: TableAddress = { x, a, w: p.ip6 ? 0 : ip4Word(p.bytes) };
    if (table) table.push(entry);
    else this.addrsByTable.set(key, [entry]);
    if (x.admin) this.addRoutesFor(x, a);
  }

  deleteAddress(x: Iface, a: Address): void {
    flushNeighbors(this, x.swIfIndex, { within: a.prefix });
    if (x.admin) this.removeRoutesFor(x, a);
    const list = a.prefix.ip6 ? x.addrs6 : x.addrs4;
    list.splice(list.indexOf(a), 1);
    const table = this.addrsByTable.get(tableKey(x, a.prefix.ip6));
    if (table)
      table.splice(
        table.findIndex((e) => e.a === a),
        1,
      );
    if (a.prefix.ip6 && x.addrs6.length === 0) {
      for (const i of x.ip6Hidden.reverse()) this.fib.pool.release(i);
      x.ip6Hidden = [];
    }
    // the last IPv4 address disables ARP again, which leaves arp-disabled on the arc (arp_disable)
    if (!a.prefix.ip6 && x.addrs4.length === 0) {
      this.features.set('arp', 'arp-disabled', x.swIfIndex, true);
      this.features.set('arp', 'arp-reply', x.swIfIndex, false);
    }
  }

  /** fib_table_find_or_create_and_lock: a plugin holds a table (NAT44's inside/outside VRFs). */
  lockTable(id: number, ip6: boolean): void {
    (this.fib.get(id, ip6) ?? this.fib.createTable(id, ip6, '')).locks++;
  }

  /** Tracked host entries (fib_entry_track) → trackers; each tracked entry locks its table. */
  private readonly tracked = new Map<FibEntry, number>();

  track(t: FibTable, addr: string): void {
    const bytes = addrToBytes(addr);
    const cur = this.fib.find(t, bytes, t.ip6 ? 128 : 32);
    const n = cur ? (this.tracked.get(cur) ?? 0) : 0;
    if (cur && n > 0) {
      this.tracked.set(cur, n + 1); // one lock for all trackers of an entry
      return;
    }
    this.tracked.set(this.fib.rrLock(t, bytes), 1);
    t.locks++;
  }

  untrack(t: FibTable, addr: string): void {
    const e = this.fib.find(t, addrToBytes(addr), t.ip6 ? 128 : 32);
    const n = e ? (this.tracked.get(e) ?? 0) : 0;
    if (!e || n === 0) return;
    if (n > 1) {
      this.tracked.set(e, n - 1);
      return;
    }
    this.tracked.delete(e);
    this.fib.rrUnlock(e);
    t.locks--;
    this.maybeDropTable(t);
  }

  releaseTable(id: number, ip6: boolean): void {
    const t = this.fib.get(id, ip6);
    if (!t) return;
    t.users--;
    this.maybeDropTable(t);
  }

  /** A deleted table lingers until its last user leaves (03 steps 24-26, 39-41). */
  maybeDropTable(t: FibTable): void {
    if (t.id !== 0 && !t.apiOwned && t.users <= 0 && t.locks <= 0) this.fib.destroyTable(t);
  }

  // ---- L2 -----------------------------------------------------------------------------------

  bd(id: number): BridgeDomain | undefined {
    return id === 0 ? this.bd0 : this.bds.get(id);
  }

  /**
   * set_int_l2_mode's first half: an interface in a bridge domain leaves its flood vector (a
   * BVI stops being one, and is never flooded to again), a uu-fwd port stops being it.
   */
  l2Leave(x: Iface): void {
    if (x.l2?.kind === 'bridge') {
      const bd = this.bd(x.l2.bdId);
      if (bd) {
        const k = bd.members.findIndex((m) => m.sw === x.swIfIndex);
        if (k >= 0) {
          bd.members.splice(k, 1);
          if (x.floodClass === 'tunnel-normal') bd.tunNormalCount--;
          else if (x.floodClass === 'no-flood') bd.noFloodCount--;
        }
        if (bd.bvi === x.swIfIndex) {
          bd.bvi = NONE;
          x.floodClass = 'no-flood';
        }
        if (bd.uuFwd === x.swIfIndex) bd.uuFwd = NONE;
      }
    }
    x.l2 = undefined;
  }

  /** MODE_L3: out of any bridge domain or xconnect, and its L2 output configuration cleared. */
  toL3(sw: number): void {
    const x = this.iface(sw);
    if (x) this.l2Leave(x);
    this.l2out[sw] = undefined;
  }

  /** bd_add_member: [bvi, normal…, tunnels…, no-flood…]. */
  bdAddMember(bd: BridgeDomain, x: Iface, shg: number): void {
    const m = { sw: x.swIfIndex, shg };
    const n = bd.members.length;
    switch (x.floodClass ?? 'normal') {
      case 'no-flood':
        bd.noFloodCount++;
        bd.members.push(m);
        break;
      case 'bvi':
        bd.members.unshift(m);
        break;
      case 'normal':
      case 'tunnel-master':
        bd.members.splice(n - bd.tunNormalCount - bd.noFloodCount, 0, m);
        break;
      case 'tunnel-normal':
        bd.members.splice(n - bd.noFloodCount, 0, m);
        bd.tunNormalCount++;
        break;
    }
  }

  createBd(id: number, o: Partial<BridgeDomain> = {}): BridgeDomain {
    const index = lowestFree(this.bdIndexUsed, 1);
    this.bdIndexUsed.add(index);
    const bd: BridgeDomain = { ...newBd(id, index), ...o };
    this.bds.set(id, bd);
    return bd;
  }

  // ---- bond ---------------------------------------------------------------------------------

  bondDetach(m: Iface): void {
    const b = m.bondOf === undefined ? undefined : this.iface(m.bondOf);
    m.bondOf = undefined;
    if (!b?.bond) return;
    b.bond.members = b.bond.members.filter((x) => x.sw !== m.swIfIndex);
    for (const arc of BOND_ARCS) this.features.set(arc, 'bond-input', m.swIfIndex, false);
    // a member gets back the MAC it had when it joined; a sub-interface member had changed its
    // parent's (08 step 45)
    if (m.persistentMac !== undefined) this.hwOf(m).mac = m.persistentMac;
    m.persistentMac = undefined;
  }
}

/** The arcs a bond member's frames are taken off to the bond by (bond_enslave: bond-input). */
export const BOND_ARCS = ['device-input', 'port-rx-eth'] as const;

/** An address in the per-table index; `w` is an IPv4 address as a 32-bit word. */
interface TableAddress {
  readonly x: Iface;
  readonly a: Address;
  readonly w: number;
}

function tableKey(x: Iface, ip6: boolean): string {
  return ip6 ? `6:${x.vrf6}` : `4:${x.vrf4}`;
}

function ip4Word(b: Uint8Array): number {
  return (b[0] << 24) | (b[1] << 16) | (b[2] << 8) | b[3];
}

function sameAddr(a: Prefix, b: Prefix): boolean {
  if (a.bytes.length !== b.bytes.length) return false;
  for (let i = 0; i < a.bytes.length; i++) if (a.bytes[i] !== b.bytes[i]) return false;
  return true;
}

/** A VLAN tag rewrite as VPP stores it: bytes popped and pushed, and the pushed tags. */
export interface Vtr {
  pop: number;
  push: number;
  /** tags[0] outer, tags[1] inner (a single pushed tag sits in tags[1]); cleared on every change. */
  tags: [{ dot1q: boolean; id: number }, { dot1q: boolean; id: number }] | undefined;
}

function newBd(id: number, index: number): BridgeDomain {
  return {
    id,
    index,
    tunNormalCount: 0,
    noFloodCount: 0,
    flood: true,
    uuFlood: true,
    forward: true,
    learn: true,
    arpTerm: false,
    arpUfwd: false,
    macAge: 0,
    tag: '',
    bvi: NONE,
    uuFwd: NONE,
    members: [],
  };
}

export interface NatState {
  enabled: boolean;
  /** sw_if_index → NAT_IS_INSIDE (32) | NAT_IS_OUTSIDE (16). */
  interfaces: Map<number, number>;
  outputs: Array<number | undefined>;
  outputPool: IndexPool;
  addresses: Array<{ addr: string; vrf: number; flags: number }>;
  /** Twice-NAT addresses: a list of their own (the same address may be in both). */
  twiceAddresses: Array<{ addr: string; vrf: number; flags: number }>;
  forwarding: boolean;
  /** The running config (zeroed on disable, as VPP's rconfig). */
  insideVrf: number;
  outsideVrf: number;
  sessions: number;
  /** translation_buckets and timeouts survive a disable (VPP leaves them). */
  buckets: number;
  timeouts: { udp: number; tcp_established: number; tcp_transitory: number; icmp: number };
}

export function newNat(): NatState {
  return {
    enabled: false,
    interfaces: new Map(),
    outputs: [],
    outputPool: new IndexPool(0),
    addresses: [],
    twiceAddresses: [],
    forwarding: false,
    insideVrf: 0,
    outsideVrf: 0,
    sessions: 0,
    buckets: 0,
    timeouts: { udp: 0, tcp_established: 0, tcp_transitory: 0, icmp: 0 },
  };
}
