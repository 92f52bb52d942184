/**
 * Defaults, naming rules and canonical forms of the model (types.ts).
 *
 * Both the YAML loader and the live-state readers use these so that the two sides of a diff are
 * written the same way: canonical IP text, masked prefixes, sorted unordered lists.
 */
import { compareAddresses, compareIps, formatIp as formatIpBytes, scanPrefix } from '../net/ip.js';
import type { ParsedIp } from '../net/ip.js';
import type {
  BridgeDomain,
  Family,
  InterfaceKind,
  InterfaceName,
  IpAddress,
  KeyedSection,
  Prefix,
  RoutePath,
  State,
  VrfId,
} from './types.js';

// ---------------------------------------------------------------------------------------------
// Defaults (documented in docs/configuration.md; schemas carry the same values)

export const DEFAULTS = {
  adminState: 'up',
  mtuMin: 64,
  mtuMax: 9216,
  descriptionMaxLength: 48,
  vrf: 0,
  linuxCpHostType: 'tap',
  linuxCpHostNameMaxLength: 15,
  linuxCpNamespaceMaxLength: 31,
  mssClampDirection: 'both',
  tapRingSize: 256,
  memifDefaultSocket: '/run/vpp/memif.sock',
  memifRole: 'master',
  memifMode: 'ethernet',
  memifZeroCopy: true,
  memifSecretMaxLength: 23,
  vxlanPort: 4789,
  vxlanDecap: 'l2',
  bondMode: 'lacp',
  bondLoadBalance: 'l2',
  bridgeDomain: {
    learn: true,
    forward: true,
    flood: true,
    unknownUnicastFlood: true,
    arpTermination: false,
    arpUnicastForward: false,
    macAge: 0,
  },
  bridgeDomainIdMax: 16777214,
  splitHorizonGroup: 0,
  routeWeight: 1,
  routePreference: 0,
  aclPortRange: { first: 0, last: 65535 },
  aclIcmpRange: { first: 0, last: 255 },
  nat44Enabled: true,
  prune: 'owned',
} as const;

/** The name VPP gives a table nobody named. */
export function defaultVrfTableName(family: Family, id: VrfId): string {
  return `${family}-VRF:${id}`;
}

/** The whole family: `0.0.0.0/0` or `::/0` (the default ACL source/destination). */
export function anyPrefix(family: Family): Prefix {
  return family === 'ipv4' ? '0.0.0.0/0' : '::/0';
}

/** IP protocol numbers the YAML accepts by name. */
export const IP_PROTOCOLS: Readonly<Record<string, number>> = {
  any: 0,
  icmp: 1,
  tcp: 6,
  udp: 17,
  icmpv6: 58,
};

export const KEYED_SECTIONS: readonly KeyedSection[] = [
  'interfaces',
  'vrfs',
  'routes',
  'bridgeDomains',
  'l2Xconnects',
  'acls',
];

/** A state with nothing in it and default settings. */
export function emptyState(): State {
  return {
    interfaces: {},
    vrfs: {},
    routes: {},
    bridgeDomains: {},
    l2Xconnects: {},
    acls: {},
    absent: emptyKeyedLists(),
    settings: { prune: DEFAULTS.prune, ignore: emptyKeyedLists() },
  };
}

export function emptyKeyedLists(): Record<KeyedSection, string[]> {
  return { interfaces: [], vrfs: [], routes: [], bridgeDomains: [], l2Xconnects: [], acls: [] };
}

/** A bridge domain with every default, for readers and tests. */
export function defaultBridgeDomain(id: number): BridgeDomain {
  return { id, ...DEFAULTS.bridgeDomain, members: {} };
}

// ---------------------------------------------------------------------------------------------
// Interface names

/** What an interface name says about the interface. */
export type ParsedInterfaceName =
  | { kind: 'hardware' }
  | { kind: 'loopback'; instance: number }
  | { kind: 'tap'; id: number }
  | { kind: 'memif'; socketId: number; id: number }
  | { kind: 'vxlan'; instance: number }
  | { kind: 'bond'; id: number }
  | { kind: 'sub-interface'; parent: InterfaceName; subId: number };

const U32 = '(0|[1-9][0-9]{0,9})';
const NAME_RULES: Array<[RegExp, (m: RegExpMatchArray) => ParsedInterfaceName]> = [
  [new RegExp(`^loop${U32}$`), (m) => ({ kind: 'loopback', instance: Number(m[1]) })],
  [new RegExp(`^tap${U32}$`), (m) => ({ kind: 'tap', id: Number(m[1]) })],
  [new RegExp(`^memif${U32}/${U32}$`), (m) => ({ kind: 'memif', socketId: Number(m[1]), id: Number(m[2]) })],
  [new RegExp(`^vxlan_tunnel${U32}$`), (m) => ({ kind: 'vxlan', instance: Number(m[1]) })],
  [new RegExp(`^BondEthernet${U32}$`), (m) => ({ kind: 'bond', id: Number(m[1]) })],
  [new RegExp(`^(.+)\\.${U32}$`), (m) => ({ kind: 'sub-interface', parent: m[1], subId: Number(m[2]) })],
];

/**
 * The kind (and instance numbers) an interface name implies. VPP names every interface it
 * creates after its instance, so this is unambiguous; everything else is `hardware`.
 * Numbers above 2^32-1 do not parse (they are not VPP names) and fall through to `hardware`.
 */
export function parseInterfaceName(name: InterfaceName): ParsedInterfaceName {
  for (const [re, make] of NAME_RULES) {
    const m = re.exec(name);
    if (m) {
      const parsed = make(m);
      if (numbersFit(parsed)) return parsed;
    }
  }
  return { kind: 'hardware' };
}

function numbersFit(p: ParsedInterfaceName): boolean {
  return Object.values(p).every((v) => typeof v !== 'number' || v <= 0xffffffff);
}

export function interfaceKindOf(name: InterfaceName): InterfaceKind {
  return parseInterfaceName(name).kind;
}

// ---------------------------------------------------------------------------------------------
// IP addresses, prefixes, MACs: the shared src/net code (strict, as vpp_papi), under the names the
// config layer imports from here.

export {
  canonicalAddress,
  canonicalIp,
  canonicalPrefix,
  compareAddresses,
  compareIps,
  ipFamily as familyOf,
  isMaskedPrefix,
  maskBytes,
  parseIp,
  parsePrefix as parseAddressWithLength,
  prefixesOverlap,
} from '../net/ip.js';
export type { ParsedIp, ParsedPrefix as ParsedAddress } from '../net/ip.js';
export { canonicalMac } from '../net/mac.js';

/** Canonical text of a parsed address: dotted quad, or RFC 5952 IPv6. */
export function formatIp(ip: ParsedIp): IpAddress {
  return formatIpBytes(ip.bytes);
}

// ---------------------------------------------------------------------------------------------
// Keys and orders

/** Identity key of a route: `<vrf>:<prefix>`, e.g. `0:0.0.0.0/0`. */
export function routeKey(vrf: VrfId, prefix: Prefix): string {
  return `${vrf}:${prefix}`;
}

/** Inverse of `routeKey`. */
export function parseRouteKey(key: string): { vrf: VrfId; prefix: Prefix } {
  const colon = key.indexOf(':');
  return { vrf: Number(key.slice(0, colon)), prefix: key.slice(colon + 1) };
}

const PATH_TYPE_ORDER: Record<RoutePath['type'], number> = {
  normal: 0,
  local: 1,
  drop: 2,
  unreachable: 3,
  prohibit: 4,
};

function cmpOptional(a: string | undefined, b: string | undefined, cmp: (x: string, y: string) => number) {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? -1 : 1;
  return cmp(a, b);
}

const cmpText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Order of route paths: type, then via (numeric), then interface name, then viaVrf. */
export function comparePaths(a: RoutePath, b: RoutePath): number {
  return (
    PATH_TYPE_ORDER[a.type] - PATH_TYPE_ORDER[b.type] ||
    cmpOptional(a.via, b.via, compareIps) ||
    cmpOptional(a.interface, b.interface, cmpText) ||
    (a.viaVrf ?? -1) - (b.viaVrf ?? -1)
  );
}

/** Identity of a path within its route (two paths with the same identity are duplicates). */
export function pathIdentity(p: RoutePath): string {
  return `${p.type}|${p.via ?? ''}|${p.interface ?? ''}|${p.viaVrf ?? ''}`;
}

/** `rec` with its keys in order: itself when they already are (no copy of a large map). */
function sortRecord<T>(rec: Record<string, T>, cmp: (a: string, b: string) => number = cmpText) {
  const keys = Object.keys(rec);
  let sorted = true;
  for (let i = 1; i < keys.length && sorted; i++) sorted = cmp(keys[i - 1], keys[i]) <= 0;
  if (sorted) return rec;
  const out: Record<string, T> = {};
  for (const k of keys.sort(cmp)) out[k] = rec[k];
  return out;
}

const SCRATCH = new Uint8Array(16);
const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));
/** Above every IPv4 sort number: IPv6 prefixes sort after IPv4 ones, then by `v6`. */
const V6 = 2 ** 41;

/** The IPv4 prefix scanPrefix just read into SCRATCH as one number: address bytes, then length. */
function v4SortNumber(length: number): number {
  return (((SCRATCH[0] << 24) | (SCRATCH[1] << 16) | (SCRATCH[2] << 8) | SCRATCH[3]) >>> 0) * 256 + length;
}

/**
 * Sort position of a route key, computed once per key without allocating per byte: VRF, then
 * IPv4 (as one number: address bytes and length) before IPv6 (hex text), unparsable last.
 */
function routeSortKey(k: string): { vrf: number; v4: number; v6: string } {
  const colon = k.indexOf(':');
  const vrf = Number(k.slice(0, colon));
  const r = scanPrefix(SCRATCH, k.slice(colon + 1), undefined);
  if (r < 0) return { vrf, v4: Infinity, v6: k };
  if (r < 256) return { vrf, v4: v4SortNumber(r), v6: '' };
  let hex = '';
  for (let i = 0; i < 16; i++) hex += HEX[SCRATCH[i]];
  return { vrf, v4: V6, v6: `${hex}/${(r - 256).toString().padStart(3, '0')}` };
}

type RouteSortKey = ReturnType<typeof routeSortKey>;
const cmpRouteSortKey = (a: RouteSortKey, b: RouteSortKey): number =>
  a.vrf - b.vrf || a.v4 - b.v4 || (a.v6 < b.v6 ? -1 : a.v6 > b.v6 ? 1 : 0);

/** Whether items are in route order by their keys, without building sort keys (IPv6 or odd: no). */
function inOrder<T>(items: readonly T[], keyOf: (item: T) => string): boolean {
  let prevVrf = -1;
  let prevV4 = -1;
  for (const item of items) {
    const k = keyOf(item);
    const colon = k.indexOf(':');
    let vrf = 0;
    for (let i = 0; i < colon; i++) vrf = vrf * 10 + k.charCodeAt(i) - 48;
    const r = scanPrefix(SCRATCH, k.slice(colon + 1), undefined);
    if (colon <= 0 || r < 0 || r >= 256) return false;
    const v4 = v4SortNumber(r);
    if (vrf < prevVrf || (vrf === prevVrf && v4 < prevV4)) return false;
    prevVrf = vrf;
    prevV4 = v4;
  }
  return true;
}

/**
 * `items` in route order by their routeKey (VRF, then IPv4 numerically, then IPv6): the same
 * array when they already are (documents usually are), else a sorted copy.
 */
export function inRouteOrder<T>(items: T[], keyOf: (item: T) => string): T[] {
  if (inOrder(items, keyOf)) return items;
  const keyed = items.map((item) => ({ item, sort: routeSortKey(keyOf(item)) }));
  keyed.sort((a, b) => cmpRouteSortKey(a.sort, b.sort));
  return keyed.map((k) => k.item);
}

function sortRouteRecord<T>(rec: Record<string, T>): Record<string, T> {
  const keys = Object.keys(rec);
  const ordered = inRouteOrder(keys, (k) => k);
  if (ordered === keys) return rec; // no copy of a large map
  const out: Record<string, T> = {};
  for (const k of ordered) out[k] = rec[k];
  return out;
}

/**
 * Puts a state in canonical order in place and returns it: sorted addresses, paths, pool and
 * member maps, sorted keys. Readers call it after building live state; the loader calls it too.
 * It does not change values (canonical text is the producer's job).
 */
export function normalizeState(state: State): State {
  for (const itf of Object.values(state.interfaces)) {
    itf.addresses.sort(compareAddresses);
    if (itf.kind === 'bond') itf.bond.members = sortRecord(itf.bond.members);
  }
  state.interfaces = sortRecord(state.interfaces);
  for (const r of Object.values(state.routes)) if (r.paths.length > 1) r.paths.sort(comparePaths);
  for (const bd of Object.values(state.bridgeDomains)) bd.members = sortRecord(bd.members);
  if (state.nat44) state.nat44.pool.sort((a, b) => compareIps(a.address, b.address));
  state.l2Xconnects = sortRecord(state.l2Xconnects);
  state.acls = sortRecord(state.acls);
  state.routes = sortRouteRecord(state.routes);
  return state;
}

// ---------------------------------------------------------------------------------------------
// Ignore rules (settings.ignore)

const globCache = new Map<string, RegExp>();

/** `*` any run of characters, `?` one character; everything else literal. */
export function globToRegExp(glob: string): RegExp {
  let re = globCache.get(glob);
  if (!re) {
    const body = glob
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.');
    re = new RegExp(`^${body}$`);
    globCache.set(glob, re);
  }
  return re;
}

/** The first ignore pattern of `section` that matches `key`, if any. */
export function ignoredBy(
  state: Pick<State, 'settings'>,
  section: KeyedSection,
  key: string,
): string | undefined {
  return state.settings.ignore[section].find((g) => globToRegExp(g).test(key));
}
