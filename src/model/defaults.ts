/**
 * Defaults, naming rules and canonical forms of the model (types.ts).
 *
 * Both the YAML loader and the live-state readers use these so that the two sides of a diff are
 * written the same way: canonical IP text, masked prefixes, sorted unordered lists.
 */
import type {
  Address,
  BridgeDomain,
  Family,
  InterfaceKind,
  InterfaceName,
  IpAddress,
  KeyedSection,
  MacAddress,
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
// IP addresses, prefixes, MACs

/** A parsed IP address: the family and its bytes (4 or 16). */
export interface ParsedIp {
  family: Family;
  bytes: Uint8Array;
}

/** Parses IPv4 dotted quads (no leading zeros) and any RFC 4291 IPv6 text. */
export function parseIp(text: string): ParsedIp | undefined {
  if (text.includes(':')) {
    const bytes = parseIpv6(text);
    return bytes && { family: 'ipv6', bytes };
  }
  const bytes = parseIpv4(text);
  return bytes && { family: 'ipv4', bytes };
}

function parseIpv4(text: string): Uint8Array | undefined {
  // Hand-rolled: this runs for every address and prefix of large configurations.
  const out = new Uint8Array(4);
  let part = 0;
  let value = 0;
  let digits = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 46; // a final '.'
    if (c === 46) {
      if (digits === 0 || part > 3) return undefined;
      out[part++] = value;
      value = 0;
      digits = 0;
    } else if (c >= 48 && c <= 57) {
      if (digits > 0 && value === 0) return undefined; // no leading zeros
      value = value * 10 + (c - 48);
      if (++digits > 3 || value > 255) return undefined;
    } else return undefined;
  }
  return part === 4 ? out : undefined;
}

function parseIpv6(text: string): Uint8Array | undefined {
  let head = text;
  let tailV4: Uint8Array | undefined;
  const lastColon = text.lastIndexOf(':');
  if (text.slice(lastColon + 1).includes('.')) {
    tailV4 = parseIpv4(text.slice(lastColon + 1));
    if (!tailV4) return undefined;
    head = text.slice(0, lastColon + 1) + '0:0'; // placeholder groups, replaced below
  }
  const halves = head.split('::');
  if (halves.length > 2) return undefined;
  const toGroups = (s: string): number[] | undefined => {
    if (s === '') return [];
    const gs = s.split(':');
    const out: number[] = [];
    for (const g of gs) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
      out.push(parseInt(g, 16));
    }
    return out;
  };
  const left = toGroups(halves[0]);
  const right = halves.length === 2 ? toGroups(halves[1]) : [];
  if (!left || !right) return undefined;
  let groups: number[];
  if (halves.length === 2) {
    const missing = 8 - left.length - right.length;
    if (missing < 1) return undefined;
    groups = [...left, ...new Array<number>(missing).fill(0), ...right];
  } else {
    groups = left;
  }
  if (groups.length !== 8) return undefined;
  const out = new Uint8Array(16);
  groups.forEach((g, i) => {
    out[2 * i] = g >> 8;
    out[2 * i + 1] = g & 0xff;
  });
  if (tailV4) out.set(tailV4, 12);
  return out;
}

/** Canonical text of an address: dotted quad, or RFC 5952 IPv6. */
export function formatIp(ip: ParsedIp): IpAddress {
  const b = ip.bytes;
  if (ip.family === 'ipv4') return `${b[0]}.${b[1]}.${b[2]}.${b[3]}`;
  const groups: number[] = [];
  for (let i = 0; i < 8; i++) groups.push((b[2 * i] << 8) | b[2 * i + 1]);
  // Longest run of two or more zero groups, the first one on a tie (RFC 5952 4.2).
  let bestStart = -1;
  let bestLen = 1;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
}

/** Canonical text of an IP address, or undefined if it is not one. */
export function canonicalIp(text: string): IpAddress | undefined {
  const ip = parseIp(text);
  return ip && formatIp(ip);
}

/** A parsed `address/length`. */
export interface ParsedAddress extends ParsedIp {
  length: number;
}

export function parseAddressWithLength(text: string): ParsedAddress | undefined {
  const slash = text.indexOf('/');
  if (slash < 0) return undefined;
  const lenText = text.slice(slash + 1);
  if (!/^(0|[1-9][0-9]{0,2})$/.test(lenText)) return undefined;
  const ip = parseIp(text.slice(0, slash));
  if (!ip) return undefined;
  const length = Number(lenText);
  if (length > ip.bytes.length * 8) return undefined;
  return { ...ip, length };
}

/** Canonical interface address (host bits kept): `192.0.2.1/24`. */
export function canonicalAddress(text: string): Address | undefined {
  const a = parseAddressWithLength(text);
  return a && `${formatIp(a)}/${a.length}`;
}

/** Clears the host bits. */
export function maskBytes(bytes: Uint8Array, length: number): Uint8Array {
  const out = new Uint8Array(bytes);
  for (let i = 0; i < out.length; i++) {
    const keep = Math.max(0, Math.min(8, length - 8 * i));
    out[i] &= keep === 8 ? 0xff : (0xff << (8 - keep)) & 0xff;
  }
  return out;
}

/** Canonical prefix (host bits cleared): `10.6.0.1/24` → `10.6.0.0/24`. */
export function canonicalPrefix(text: string): Prefix | undefined {
  const a = parseAddressWithLength(text);
  return a && `${formatIp({ family: a.family, bytes: maskBytes(a.bytes, a.length) })}/${a.length}`;
}

/** True when `text` is a prefix with no host bits set. */
export function isMaskedPrefix(text: string): boolean {
  const a = parseAddressWithLength(text);
  return !!a && maskBytes(a.bytes, a.length).every((b, i) => b === a.bytes[i]);
}

/** Family of an address, prefix or address/length; undefined for garbage. */
export function familyOf(text: string): Family | undefined {
  const slash = text.indexOf('/');
  return parseIp(slash < 0 ? text : text.slice(0, slash))?.family;
}

/** Canonical MAC: lowercase, colon separated. Accepts `-` or `:` separators. */
export function canonicalMac(text: string): MacAddress | undefined {
  const m =
    /^([0-9a-fA-F]{2})[:-]([0-9a-fA-F]{2})[:-]([0-9a-fA-F]{2})[:-]([0-9a-fA-F]{2})[:-]([0-9a-fA-F]{2})[:-]([0-9a-fA-F]{2})$/.exec(
      text,
    );
  return m ? m.slice(1).join(':').toLowerCase() : undefined;
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  if (a.length !== b.length) return a.length - b.length; // IPv4 before IPv6
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

/** Order of IP addresses: IPv4 before IPv6, then numeric. Garbage sorts last, by text. */
export function compareIps(a: string, b: string): number {
  const pa = parseIp(a);
  const pb = parseIp(b);
  if (!pa || !pb) return pa ? -1 : pb ? 1 : a < b ? -1 : a > b ? 1 : 0;
  return compareBytes(pa.bytes, pb.bytes);
}

/** Order of addresses/prefixes: IPv4 before IPv6, then numeric address, then length. */
export function compareAddresses(a: string, b: string): number {
  const pa = parseAddressWithLength(a);
  const pb = parseAddressWithLength(b);
  if (!pa || !pb) return pa ? -1 : pb ? 1 : a < b ? -1 : a > b ? 1 : 0;
  return compareBytes(pa.bytes, pb.bytes) || pa.length - pb.length;
}

/** True when two prefixes (of the same family) overlap: one contains the other. */
export function prefixesOverlap(a: string, b: string): boolean {
  const pa = parseAddressWithLength(a);
  const pb = parseAddressWithLength(b);
  if (!pa || !pb || pa.family !== pb.family) return false;
  const len = Math.min(pa.length, pb.length);
  return compareBytes(maskBytes(pa.bytes, len), maskBytes(pb.bytes, len)) === 0;
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

function sortRecord<T>(rec: Record<string, T>, cmp: (a: string, b: string) => number = cmpText) {
  const out: Record<string, T> = {};
  for (const k of Object.keys(rec).sort(cmp)) out[k] = rec[k];
  return out;
}

/** Sort key of an address/prefix: family, address bytes, length; computed once per key. */
function addressSortKey(text: string): string {
  const p = parseAddressWithLength(text);
  if (!p) return `z${text}`;
  let hex = '';
  for (const b of p.bytes) hex += b.toString(16).padStart(2, '0');
  return `${p.family === 'ipv4' ? 'a' : 'b'}${hex}/${p.length.toString().padStart(3, '0')}`;
}

function sortRouteRecord<T>(rec: Record<string, T>): Record<string, T> {
  const keyed = Object.keys(rec).map((k) => {
    const { vrf, prefix } = parseRouteKey(k);
    return { k, vrf, sortKey: addressSortKey(prefix) };
  });
  keyed.sort((a, b) => a.vrf - b.vrf || (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0));
  const out: Record<string, T> = {};
  for (const { k } of keyed) out[k] = rec[k];
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
  for (const r of Object.values(state.routes)) r.paths.sort(comparePaths);
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
