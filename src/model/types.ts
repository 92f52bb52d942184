/**
 * The typed desired-state model.
 *
 * One model for both sides of a reconcile: the YAML documents are loaded into it (src/config) and
 * the live state read from VPP is normalised into it (src/model/kinds). Because both sides share
 * it, `export` (live → YAML) followed by `plan` is empty.
 *
 * Conventions that make the model canonical (so that deep equality means "no change"):
 * - Every collection of objects is a `Record` keyed by the object's identity (see `*Key` below);
 *   the key is always also present inside the object where it carries meaning.
 * - Defaults are applied: a field that is not `?`-optional always has a value (see defaults.ts).
 *   An `?`-optional field that is `undefined` means "not managed": vppstate leaves whatever VPP has
 *   (documented per field). Where undefined means something else, the field says so.
 * - IPv4 addresses are dotted quads without leading zeros; IPv6 addresses are RFC 5952 text
 *   (lowercase, longest zero run compressed). MAC addresses are lowercase `aa:bb:cc:dd:ee:ff`.
 * - `Address` (interface address) keeps host bits (`10.0.0.1/24`); `Prefix` (routes, ACLs) is
 *   masked to the network (`10.0.0.0/24`).
 * - Unordered lists (addresses, members, paths, pool) are sorted by the order stated on each field
 *   (defaults.ts exports the comparators); ordered lists (ACL rules, ACL bindings) keep the user's
 *   order because VPP evaluates them in order.
 * - Names in YAML are kebab-case (`admin-state`); here they are camelCase (`adminState`). The
 *   mapping is mechanical except where a field's comment says otherwise; src/config does it both
 *   ways (`documentToState`, `stateToDocument`).
 */

// ---------------------------------------------------------------------------------------------
// Scalars

/** Canonical IPv4 or IPv6 address without prefix length, e.g. `192.0.2.1`, `2001:db8::1`. */
export type IpAddress = string;
/** Interface address with prefix length, host bits kept, canonical text: `192.0.2.1/24`. */
export type Address = string;
/** Network prefix, host bits cleared, canonical text: `192.0.2.0/24`, `2001:db8::/32`. */
export type Prefix = string;
/** MAC address, lowercase, colon separated: `02:fe:00:00:00:01`. */
export type MacAddress = string;
/** Address family. */
export type Family = 'ipv4' | 'ipv6';
/** VPP interface name, exactly as VPP prints it (`GigabitEthernet0/8/0`, `loop0`, `memif1/2`). */
export type InterfaceName = string;
/** An IP table id (VRF id). 0 is the default table, which always exists. */
export type VrfId = number;

// ---------------------------------------------------------------------------------------------
// Interfaces

/**
 * The kind of an interface, inferred from its name (VPP names created interfaces after their
 * instance, so the name is unambiguous):
 * - `loopback`: `loop<N>`;  `tap`: `tap<N>`;  `memif`: `memif<socket-id>/<id>`;
 * - `vxlan`: `vxlan_tunnel<N>`;  `bond`: `BondEthernet<N>`;
 * - `sub-interface`: `<parent>.<sub-id>` (parent is any non-sub interface);
 * - `hardware`: anything else (`GigabitEthernet0/8/0`, `local0`, `host-eth0`, ...): configured,
 *   never created or deleted.
 */
export type InterfaceKind = 'hardware' | 'loopback' | 'tap' | 'memif' | 'vxlan' | 'bond' | 'sub-interface';

/** Administrative state. Default `up`: declaring an interface means wanting it to pass traffic. */
export type AdminState = 'up' | 'down';

/** VRF binding per family; default 0 for both. YAML accepts a single integer for both families. */
export interface VrfBinding {
  ipv4: VrfId;
  ipv6: VrfId;
}

/** ACLs bound to an interface, by ACL name, in evaluation order. Default: none. */
export interface AclBinding {
  input: string[];
  output: string[];
}

/** A Linux Control Plane (linux-cp) interface pair: a host (kernel) interface mirroring this one. */
export interface LinuxCpPair {
  /** Host-side interface name, at most 15 characters (Linux IFNAMSIZ). Required. */
  hostName: string;
  /** Host interface type. Default `tap`; `tun` for point-to-point L3 interfaces. */
  hostType: 'tap' | 'tun';
  /**
   * Network namespace of the host interface. Normalised: when omitted in YAML it is the
   * `linux-cp.default-namespace` if declared, otherwise `''` (VPP's own namespace).
   */
  namespace: string;
}

/** MSS clamping direction: `rx` (packets received on the interface), `tx`, or `both`. */
export type MssClampDirection = 'rx' | 'tx' | 'both';

/** TCP MSS clamping for one address family. */
export interface MssClampFamily {
  /** Maximum segment size to clamp TCP SYNs to, 1..65535. */
  mss: number;
  /** Direction. Default `both`. */
  direction: MssClampDirection;
}

/**
 * TCP MSS clamping on an interface. A family that is `undefined` is not clamped (VPP direction
 * NONE). `undefined` as a whole (on the interface) means clamping is off.
 */
export interface MssClamp {
  ipv4?: MssClampFamily;
  ipv6?: MssClampFamily;
}

/** NAT44-ED roles of an interface. Default all false. `output` excludes `inside`/`outside`. */
export interface Nat44InterfaceRoles {
  inside: boolean;
  outside: boolean;
  /** NAT44-ED output feature (`nat44_ed_add_del_output_interface`). */
  output: boolean;
}

/** Fields every interface has. */
export interface InterfaceCommon {
  /** The VPP interface name; identity of the interface (the key in `State.interfaces`). */
  name: InterfaceName;
  kind: InterfaceKind;
  /** Default `up`. */
  adminState: AdminState;
  /**
   * L3 MTU in bytes (sw_interface_set_mtu, all protocols), 64..9216; for hardware interfaces
   * also the link MTU. `undefined`: not managed (VPP's own default stays).
   */
  mtu?: number;
  /** MAC address. `undefined`: not managed. Not settable on sub-interfaces. */
  mac?: MacAddress;
  /**
   * Free text, at most 48 printable ASCII characters. Stored in VPP's interface tag beside the
   * ownership marker, so it round-trips. `undefined`: no description.
   */
  description?: string;
  /** VRF (IP table) per family. Default 0/0. */
  vrf: VrfBinding;
  /**
   * IPv4 and IPv6 addresses with prefix length, host bits kept. Sorted: IPv4 before IPv6, then
   * by numeric address, then by prefix length (`compareAddresses`). Default `[]`; addresses VPP
   * has that are not listed are removed (IPv6 link-local `fe80::/10` addresses are not listed
   * and never compared: VPP manages them).
   */
  addresses: Address[];
  /** Borrow the addresses of this interface (IP unnumbered). `undefined`: not unnumbered. */
  unnumbered?: InterfaceName;
  /** Default no ACLs. */
  acls: AclBinding;
  /** linux-cp pair. `undefined`: no pair. */
  linuxCp?: LinuxCpPair;
  /** TCP MSS clamping. `undefined`: off. */
  mssClamp?: MssClamp;
  /** NAT44-ED interface roles. Default all false. */
  nat44: Nat44InterfaceRoles;
  /** The sample plugin's MAC-swap feature (`sample_macswap_enable_disable`). Default false. */
  macswap: boolean;
  /**
   * Feature-arc features switched on with `feature_enable_disable`, by arc, each list sorted by
   * name: `{ 'ip4-unicast': ['ip4-flow-classify'] }`. Features that other settings switch (ACLs,
   * NAT44, MSS clamping, macswap, linux-cp) and VPP's own (`ip4-not-enabled`) are not listed.
   * `undefined`: not managed (features on the interface are left alone); `{}`: none but those.
   */
  features?: Record<string, string[]>;
}

/** A hardware (or otherwise pre-existing) interface: configured, never created or deleted. */
export interface HardwareInterface extends InterfaceCommon {
  kind: 'hardware';
}

/** `loop<instance>` (create_loopback_instance with the instance from the name). */
export interface LoopbackInterface extends InterfaceCommon {
  kind: 'loopback';
  loopback: {
    /** From the name: `loop3` has instance 3. */
    instance: number;
  };
}

/**
 * `tap<id>` (tap_create_v3). Fields are creation parameters: changing one means recreating the
 * tap. `?` fields left `undefined` take VPP's default at creation and are not compared.
 */
export interface TapSettings {
  /** From the name: `tap1` has id 1. */
  id: number;
  /** Host-side interface name (at most 15 characters). Default: VPP's (`tap<id>`), not compared. */
  hostName?: string;
  /** Host network namespace. Default `''`: the default namespace. */
  hostNamespace: string;
  /** Linux bridge to attach the host side to. Default `''`: none. */
  hostBridge: string;
  /** Host-side MTU. `undefined`: VPP's default, not compared. */
  hostMtu?: number;
  /** Host-side MAC. `undefined`: random, not compared. */
  hostMac?: MacAddress;
  /** Host-side IPv4 address with prefix length. Default none. */
  hostIpv4Address?: Address;
  /** Host-side IPv6 address with prefix length. Default none. */
  hostIpv6Address?: Address;
  /** RX ring size, power of 2. Default 256. */
  rxRingSize: number;
  /** TX ring size, power of 2. Default 256. */
  txRingSize: number;
  /** TUN (L3, no Ethernet header) instead of TAP. Default false. */
  tun: boolean;
  /** Generic segmentation offload. Default false. */
  gso: boolean;
  /** Checksum offload. Default false. */
  checksumOffload: boolean;
  /** Keep the host interface when VPP deletes the tap. Default false. */
  persist: boolean;
}

export interface TapInterface extends InterfaceCommon {
  kind: 'tap';
  tap: TapSettings;
}

/** memif role. */
export type MemifRole = 'master' | 'slave';
/** memif mode. */
export type MemifMode = 'ethernet' | 'ip' | 'punt-inject';

/** `memif<socketId>/<id>` (memif_socket_filename_add_del_v2 + memif_create_v2). Creation parameters. */
export interface MemifSettings {
  /** From the name: `memif1/2` has socket id 1. */
  socketId: number;
  /** From the name: `memif1/2` has id 2. */
  id: number;
  /**
   * Socket file. Socket id 0 is always `/run/vpp/memif.sock` (VPP's default). For other ids
   * required; several memifs may share one socket id, they must then agree on the file.
   */
  socketFilename: string;
  /** Default `master`. */
  role: MemifRole;
  /** Default `ethernet`. */
  mode: MemifMode;
  /** Queues (used by the slave). `undefined`: VPP's default (1); creation only, not read back. */
  rxQueues?: number;
  txQueues?: number;
  /** Ring size, power of 2. `undefined`: VPP's default (1024); VPP reports the runtime value only while connected, so not compared. */
  ringSize?: number;
  /** Buffer size. `undefined`: VPP's default (2048); not compared (see ringSize). */
  bufferSize?: number;
  /** Shared secret, at most 23 characters. `undefined`: none; VPP never reports it, not compared. */
  secret?: string;
  /** Zero-copy (slave). Default true. */
  zeroCopy: boolean;
}

export interface MemifInterface extends InterfaceCommon {
  kind: 'memif';
  memif: MemifSettings;
}

/** `vxlan_tunnel<instance>` (vxlan_add_del_tunnel_v3). Creation parameters. */
export interface VxlanSettings {
  /** From the name: `vxlan_tunnel7` has instance 7. */
  instance: number;
  /** Local tunnel endpoint; same family as `destination`. Required. */
  source: IpAddress;
  /** Remote tunnel endpoint (unicast). Required. */
  destination: IpAddress;
  /** VXLAN network identifier, 1..16777215. Required. */
  vni: number;
  /** Table used to reach the destination. Default 0. */
  encapVrf: VrfId;
  /** UDP destination port. Default 4789. */
  port: number;
  /** `l2`: decapsulated frames go to L2 input (bridge/xconnect); `l3`: the tunnel is an L3 interface. Default `l2`. */
  decap: 'l2' | 'l3';
}

export interface VxlanInterface extends InterfaceCommon {
  kind: 'vxlan';
  vxlan: VxlanSettings;
}

/** Bond modes (bond_create2). */
export type BondMode = 'round-robin' | 'active-backup' | 'xor' | 'broadcast' | 'lacp';
/** Load balancing for `xor` and `lacp`. */
export type BondLoadBalance = 'l2' | 'l34' | 'l23';

/** A bond member's settings. */
export interface BondMember {
  /** LACP passive. Default false. */
  passive: boolean;
  /** LACP long timeout (90 s instead of 3 s). Default false. */
  longTimeout: boolean;
}

/** `BondEthernet<id>` (bond_create2 + bond_add_member). */
export interface BondSettings {
  /** From the name: `BondEthernet0` has id 0. */
  id: number;
  /** Default `lacp`. Creation parameter. */
  mode: BondMode;
  /** Default `l2`. Only meaningful (and only accepted in YAML) for `xor` and `lacp`. */
  loadBalance: BondLoadBalance;
  /** Transmit on members of the local NUMA node only. Default false. */
  numaOnly: boolean;
  /** Members by interface name (sorted by name). Default none. */
  members: Record<InterfaceName, BondMember>;
}

export interface BondInterface extends InterfaceCommon {
  kind: 'bond';
  bond: BondSettings;
}

/**
 * The tags a sub-interface matches (create_subif). Default (when YAML gives none): one dot1q tag
 * equal to the sub-id, exact match — what `create_vlan_subif` makes.
 */
export interface SubInterfaceSettings {
  /** From the name: `Gi0/8/0.100` has parent `Gi0/8/0`. */
  parent: InterfaceName;
  /** From the name: `Gi0/8/0.100` has sub-id 100. */
  subId: number;
  /** Outer tag: a VLAN id 1..4094 or `any`; `undefined` only for a `default` sub-interface. */
  outerVlan?: number | 'any';
  /** Inner tag (QinQ): a VLAN id, `any`, or `undefined` for a single-tagged sub-interface. */
  innerVlan?: number | 'any';
  /** Outer tag is 802.1ad (S-tag) instead of 802.1q. Default false. */
  dot1ad: boolean;
  /** Match only frames with exactly these tags (required for IP addresses). Default true. */
  exactMatch: boolean;
  /** The default sub-interface: frames that match no other sub-interface. Default false. */
  default: boolean;
}

export interface SubInterface extends InterfaceCommon {
  kind: 'sub-interface';
  sub: SubInterfaceSettings;
}

/** Any interface, discriminated by `kind`. */
export type Interface =
  | HardwareInterface
  | LoopbackInterface
  | TapInterface
  | MemifInterface
  | VxlanInterface
  | BondInterface
  | SubInterface;

// ---------------------------------------------------------------------------------------------
// VRFs and routes

/** One family's table. */
export interface VrfTable {
  /** Table name. Default VPP's own: `ipv4-VRF:<id>` / `ipv6-VRF:<id>`. */
  name: string;
}

/**
 * An IP table id with its IPv4 and/or IPv6 table. Identity: `id` (key `String(id)`).
 * A family that is `undefined` has no table. YAML: `{name}` alone means both families.
 * Table 0 always exists and is never declared.
 */
export interface Vrf {
  id: VrfId;
  ipv4?: VrfTable;
  ipv6?: VrfTable;
}

/**
 * Path type: `normal` forwards via a next hop and/or interface; `drop` discards; `local`
 * delivers to VPP itself; `unreachable` / `prohibit` drop with ICMP unreachable / prohibited.
 */
export type RoutePathType = 'normal' | 'drop' | 'local' | 'unreachable' | 'prohibit';

/** One path of a route (fib_path). */
export interface RoutePath {
  /** Default `normal`. Non-normal paths have no `via`/`interface`. */
  type: RoutePathType;
  /** Next-hop address, same family as the prefix. */
  via?: IpAddress;
  /** Next-hop (or outgoing) interface. */
  interface?: InterfaceName;
  /**
   * Table in which `via` is resolved, for recursive paths (a `via` without `interface`) only;
   * normalised to the route's own VRF when omitted, `undefined` on every other path.
   */
  viaVrf?: VrfId;
  /** UCMP weight, 1..255. Default 1. */
  weight: number;
  /** Preference, lower wins, 0..255. Default 0. */
  preference: number;
}

/**
 * A static route. Identity: (`vrf`, `prefix`), key `routeKey(vrf, prefix)` = `<vrf>:<prefix>`,
 * e.g. `0:0.0.0.0/0`, `10:2001:db8::/32`. The prefix's family selects the IPv4 or IPv6 table.
 */
export interface Route {
  vrf: VrfId;
  prefix: Prefix;
  /** At least one; sorted by `comparePaths` (type, via, interface, viaVrf). */
  paths: RoutePath[];
}

// ---------------------------------------------------------------------------------------------
// L2

/** A bridge-domain member's settings. */
export interface BridgeMember {
  /** Split-horizon group, 0..255. Default 0 (none). */
  splitHorizonGroup: number;
}

/** A bridge domain (bridge_domain_add_del_v2). Identity: `id` (key `String(id)`). */
export interface BridgeDomain {
  /** 1..16777214. */
  id: number;
  /** MAC learning. Default true. */
  learn: boolean;
  /** L2 forwarding. Default true. */
  forward: boolean;
  /** Broadcast/multicast flooding. Default true. */
  flood: boolean;
  /** Unknown-unicast flooding. Default true. */
  unknownUnicastFlood: boolean;
  /** ARP termination. Default false. */
  arpTermination: boolean;
  /** ARP unicast forwarding. Default false. */
  arpUnicastForward: boolean;
  /** MAC age in minutes, 0 (never) .. 255. Default 0. */
  macAge: number;
  /** BVI: a loopback routing for the domain. `undefined`: none. */
  bvi?: InterfaceName;
  /** Where unknown-unicast frames go (port type UU_FWD). `undefined`: none. */
  unknownUnicastForward?: InterfaceName;
  /** Normal members by interface name (BVI and uu-forward are not listed here). Default none. */
  members: Record<InterfaceName, BridgeMember>;
  /** Free text, stored in the bridge-domain tag beside the ownership marker (≤ 48 chars). */
  description?: string;
}

/**
 * A one-way L2 cross-connect: frames received on `rx` are sent out of `tx`. Identity: `rx`
 * (an interface cross-connects to at most one other). A two-way pair is two entries.
 */
export interface L2Xconnect {
  rx: InterfaceName;
  tx: InterfaceName;
}

// ---------------------------------------------------------------------------------------------
// ACLs

/** `permit+reflect` permits and creates a reflexive session for the return traffic. */
export type AclAction = 'deny' | 'permit' | 'permit+reflect';

/** An inclusive range of ports (or ICMP type/code values). */
export interface PortRange {
  first: number;
  last: number;
}

/**
 * One ACL rule (acl_rule). VPP stores ports and ICMP type/code in the same two slots; the model
 * names them by protocol: for ICMP (1) and ICMPv6 (58) `icmpType`/`icmpCode` are set and the
 * port ranges are not, for every other protocol the port ranges are set and ICMP fields are not.
 */
export interface AclRule {
  action: AclAction;
  /** Source prefix. Default the whole family (`0.0.0.0/0` or `::/0`). */
  source: Prefix;
  /** Destination prefix, same family as `source`. Default the whole family. */
  destination: Prefix;
  /** IP protocol number; 0 = any. YAML accepts `tcp`, `udp`, `icmp`, `icmpv6`, `any`. Default 0. */
  protocol: number;
  /** Default 0-65535. */
  sourcePorts?: PortRange;
  /** Default 0-65535. */
  destinationPorts?: PortRange;
  /** Default 0-255. */
  icmpType?: PortRange;
  /** Default 0-255. */
  icmpCode?: PortRange;
  /** TCP flags: a packet matches when (flags & mask) == value. Default mask 0, value 0. */
  tcpFlags: { mask: number; value: number };
}

/**
 * A named ACL (acl_add_replace). Identity: `name`, stored in VPP's ACL tag (VPP's own index
 * is allocated and never used as identity). Rules keep their order.
 */
export interface Acl {
  name: string;
  rules: AclRule[];
}

// ---------------------------------------------------------------------------------------------
// Plugins' global settings

/** One NAT44 pool address. */
export interface Nat44PoolAddress {
  address: IpAddress;
  /** Tenant VRF; `undefined`: any VRF (VPP's ~0). */
  vrf?: VrfId;
  /** Address for twice-NAT. Default false. */
  twiceNat: boolean;
}

/** NAT44-ED global settings (nat44_ed_plugin_enable_disable and the address pool). */
export interface Nat44 {
  /** Plugin enabled. Default true (declaring the section means using NAT). */
  enabled: boolean;
  /** Default 0. */
  insideVrf: VrfId;
  /** Default 0. */
  outsideVrf: VrfId;
  /** Max sessions per thread. `undefined`: VPP's default, not compared. */
  sessions?: number;
  /** Static-mapping-only mode. Default false. */
  staticMappingOnly: boolean;
  /** Connection tracking. Default false. */
  connectionTracking: boolean;
  /** Forward packets that match no session instead of dropping them. Default false. */
  forwarding: boolean;
  /** Pool, one entry per address (YAML ranges and prefixes expanded), sorted by address. */
  pool: Nat44PoolAddress[];
}

/** linux-cp global settings. */
export interface LinuxCp {
  /** Default namespace for pairs (lcp_default_ns_set). Default `''`: VPP's own. */
  defaultNamespace: string;
}

// ---------------------------------------------------------------------------------------------
// Settings, absence and the whole state

/** How far deletion reaches: the reconciler's `--prune` flag overrides `settings.prune`. */
export type PruneMode = 'owned' | 'all' | 'none';

/** Sections whose objects are keyed (and can be ignored or declared absent). */
export type KeyedSection = 'interfaces' | 'vrfs' | 'routes' | 'bridgeDomains' | 'l2Xconnects' | 'acls';

/** Reconciler behaviour that belongs with the documents (flags override). */
export interface Settings {
  /** Default `owned`: delete only objects vppstate created (tagged). */
  prune: PruneMode;
  /**
   * Objects vppstate never creates, changes or deletes, as glob patterns (`*`, `?`) over the
   * object keys of each section (route keys are `<vrf>:<prefix>`). Default none.
   */
  ignore: Record<KeyedSection, string[]>;
}

/**
 * The whole desired (or live) state. `absent` lists objects declared `state: absent`: they are
 * deleted when present, whatever the prune mode, and appear in no other collection.
 */
export interface State {
  interfaces: Record<InterfaceName, Interface>;
  /** Keyed by `String(id)`. */
  vrfs: Record<string, Vrf>;
  /** Keyed by `routeKey(vrf, prefix)`. */
  routes: Record<string, Route>;
  /** Keyed by `String(id)`. */
  bridgeDomains: Record<string, BridgeDomain>;
  /** Keyed by `rx`. */
  l2Xconnects: Record<InterfaceName, L2Xconnect>;
  /** Keyed by `name`. */
  acls: Record<string, Acl>;
  /** `undefined`: NAT44 globals not managed. */
  nat44?: Nat44;
  /** `undefined`: linux-cp globals not managed. */
  linuxCp?: LinuxCp;
  /** Keys declared absent, per section. Always empty for live state. */
  absent: Record<KeyedSection, string[]>;
  settings: Settings;
}

/** Where a node came from in the YAML. Lines and columns are 1-based. */
export interface SourcePosition {
  file: string;
  line: number;
  col: number;
}
