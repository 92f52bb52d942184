import { ip4ToNumber, numberToIp4 } from '../../net/ip.js';
/** vrfs, routes, bridge-domains, l2-xconnects, acls, nat44, linux-cp, settings: YAML → model. */
import {
  anyPrefix,
  canonicalIp,
  canonicalPrefix,
  DEFAULTS,
  defaultVrfTableName,
  familyOf,
  IP_PROTOCOLS,
  isMaskedPrefix,
  parseAddressWithLength,
  parseIp,
  pathIdentity,
  inRouteOrder,
  routeKey,
} from '../../model/defaults.js';
import type {
  AclRule,
  BridgeMember,
  Route,
  Family,
  KeyedSection,
  Nat44PoolAddress,
  RoutePath,
  Vrf,
} from '../../model/types.js';
import { entryPosition, where } from '../merge.js';
import type { Entry, Merged } from '../merge.js';
import { parseRange, raw } from './context.js';
import type { BuildContext, Raw } from './context.js';

/** `state: absent` with nothing else but identity fields; records the key. Returns true if absent. */
function absent(
  ctx: BuildContext,
  section: KeyedSection,
  key: string,
  entry: Entry,
  identity: string[] = [],
) {
  const r = raw(entry.value);
  if (r.state !== 'absent') return false;
  for (const k of Object.keys(r))
    if (k !== 'state' && !identity.includes(k))
      ctx.error(entry, [k], `an absent ${singular(section)} takes no other field`, { key: true });
  ctx.state.absent[section].push(key);
  return true;
}

function singular(section: KeyedSection): string {
  return {
    interfaces: 'interface',
    vrfs: 'VRF',
    routes: 'route',
    bridgeDomains: 'bridge domain',
    l2Xconnects: 'cross-connect',
    acls: 'ACL',
  }[section];
}

export function buildVrfs(ctx: BuildContext, entries: Map<string, Entry>): void {
  for (const [key, entry] of entries) {
    const id = Number(key);
    ctx.setOrigin('vrfs', key, entry);
    if (id > 4294967294) {
      ctx.error(entry, [], `VRF id must be ≤ 4294967294 (got ${key})`, { key: true });
      continue;
    }
    if (absent(ctx, 'vrfs', key, entry)) continue;
    const r = raw(entry.value);
    const families = (r.families as Family[] | undefined) ?? ['ipv4', 'ipv6'];
    const vrf: Vrf = { id };
    for (const fam of families) {
      const name = r[`${fam}-name`] ?? r.name;
      vrf[fam] = { name: name === undefined ? defaultVrfTableName(fam, id) : String(name) };
    }
    for (const fam of ['ipv4', 'ipv6'] as const)
      if (r[`${fam}-name`] !== undefined && !families.includes(fam))
        ctx.error(entry, [`${fam}-name`], `${fam} is not in families`);
    ctx.state.vrfs[key] = vrf;
  }
}

const PATH_FIELDS = ['type', 'via', 'interface', 'via-vrf', 'weight', 'preference'];
/** Where an inline path's fields are: on the route itself (never changed, shared). */
const INLINE: Array<string | number> = [];

export function buildRoutes(ctx: BuildContext, entries: Entry[]): void {
  // Added to the state in route order, so that normalising finds them sorted (100,000 routes:
  // one map built instead of two).
  const built: Array<{ key: string; route: Route }> = [];
  for (const entry of entries) {
    const r = raw(entry.value);
    const vrf = Number(r.vrf ?? 0);
    const text = String(r.prefix);
    const prefix = canonicalPrefix(text);
    if (!prefix) continue; // the schema reported it
    if (!isMaskedPrefix(text)) {
      ctx.error(entry, ['prefix'], `has host bits set (did you mean ${prefix}?)`);
      continue;
    }
    const key = routeKey(vrf, prefix);
    // The origin of a key is the first entry that declared it.
    const first = ctx.origin('routes', key);
    if (first) {
      ctx.duplicate(
        entry,
        [],
        `route ${prefix} in VRF ${vrf} is already defined at ${where(entryPosition(first))}`,
      );
      continue;
    }
    ctx.setOrigin('routes', key, entry);
    if (absent(ctx, 'routes', key, entry, ['prefix', 'vrf'])) continue;
    const raisedBefore = ctx.raised;
    const family = familyOf(prefix) as Family;
    if (r.paths !== undefined) {
      const inline = PATH_FIELDS.find((f) => r[f] !== undefined);
      if (inline !== undefined) {
        ctx.error(entry, [inline], 'give either paths or one inline path, not both', { key: true });
        continue;
      }
    }
    // One inline path (most routes) or a list; identities are compared only between several.
    const list = r.paths as unknown[] | undefined;
    const paths: RoutePath[] = [];
    if (list === undefined) {
      const path = buildPath(ctx, entry, INLINE, r, family, vrf);
      if (path) paths.push(path);
    } else {
      const seen = new Set<string>();
      list.forEach((p, i) => {
        const sub = ['paths', i];
        const path = buildPath(ctx, entry, sub, raw(p), family, vrf);
        if (!path) return;
        const id = pathIdentity(path);
        if (seen.has(id)) ctx.error(entry, sub, 'duplicate path');
        else {
          seen.add(id);
          paths.push(path);
        }
      });
    }
    if (ctx.raised !== raisedBefore) ctx.routesWithErrors.add(key);
    if (paths.length > 0) built.push({ key, route: { vrf, prefix, paths } });
  }
  for (const { key, route } of inRouteOrder(built, (b) => b.key)) ctx.state.routes[key] = route;
}

function buildPath(
  ctx: BuildContext,
  entry: Entry,
  sub: Array<string | number>,
  p: Raw,
  family: Family,
  vrf: number,
): RoutePath | undefined {
  const type = (p.type as RoutePath['type'] | undefined) ?? 'normal';
  const path: RoutePath = {
    type,
    weight: Number(p.weight ?? DEFAULTS.routeWeight),
    preference: Number(p.preference ?? DEFAULTS.routePreference),
  };
  if (type !== 'normal') {
    for (const f of ['via', 'interface', 'via-vrf'])
      if (p[f] !== undefined) ctx.error(entry, [...sub, f], `a ${type} path has no ${f}`, { key: true });
    return path;
  }
  if (p.via === undefined && p.interface === undefined) {
    ctx.error(entry, sub, 'a path needs via, interface, or a type other than normal');
    return undefined;
  }
  if (p.via !== undefined) {
    const via = canonicalIp(String(p.via));
    if (!via) return undefined;
    if (familyOf(via) !== family) {
      ctx.error(
        entry,
        [...sub, 'via'],
        `must be an ${family === 'ipv4' ? 'IPv4' : 'IPv6'} address like the prefix (got ${via})`,
      );
      return undefined;
    }
    path.via = via;
  }
  if (p.interface !== undefined) path.interface = String(p.interface);
  if (p['via-vrf'] !== undefined && (p.via === undefined || p.interface !== undefined))
    ctx.error(entry, [...sub, 'via-vrf'], 'applies only to a recursive path (via without interface)');
  else if (p.via !== undefined && p.interface === undefined) path.viaVrf = Number(p['via-vrf'] ?? vrf);
  return path;
}

export function buildBridgeDomains(ctx: BuildContext, entries: Map<string, Entry>): void {
  for (const [key, entry] of entries) {
    const id = Number(key);
    ctx.setOrigin('bridgeDomains', key, entry);
    if (id > DEFAULTS.bridgeDomainIdMax) {
      ctx.error(entry, [], `bridge-domain id must be ≤ ${DEFAULTS.bridgeDomainIdMax} (got ${key})`, {
        key: true,
      });
      continue;
    }
    if (absent(ctx, 'bridgeDomains', key, entry)) continue;
    const r = raw(entry.value);
    const d = DEFAULTS.bridgeDomain;
    const flag = (k: string, dflt: boolean) => (r[k] === undefined ? dflt : r[k] === true);
    const members: Record<string, BridgeMember> = {};
    ((r.members as unknown[] | undefined) ?? []).forEach((m, i) => {
      const mr = typeof m === 'string' ? { interface: m } : raw(m);
      const name = String(mr.interface);
      if (members[name]) ctx.error(entry, ['members', i], `${name} is listed twice`);
      else if (name === r.bvi)
        ctx.error(entry, ['members', i], `${name} is the BVI; it is not listed as a member`);
      else
        members[name] = {
          splitHorizonGroup: Number(mr['split-horizon-group'] ?? DEFAULTS.splitHorizonGroup),
        };
    });
    ctx.state.bridgeDomains[key] = {
      id,
      learn: flag('learn', d.learn),
      forward: flag('forward', d.forward),
      flood: flag('flood', d.flood),
      unknownUnicastFlood: flag('unknown-unicast-flood', d.unknownUnicastFlood),
      arpTermination: flag('arp-termination', d.arpTermination),
      arpUnicastForward: flag('arp-unicast-forward', d.arpUnicastForward),
      macAge: Number(r['mac-age'] ?? d.macAge),
      members,
      ...(r.bvi !== undefined ? { bvi: String(r.bvi) } : {}),
      ...(r['unknown-unicast-forward'] !== undefined
        ? { unknownUnicastForward: String(r['unknown-unicast-forward']) }
        : {}),
      ...(r.description !== undefined ? { description: String(r.description) } : {}),
    };
  }
}

export function buildXconnects(ctx: BuildContext, entries: Map<string, Entry>): void {
  for (const [rx, entry] of entries) {
    ctx.setOrigin('l2Xconnects', rx, entry);
    if (typeof entry.value !== 'string' && absent(ctx, 'l2Xconnects', rx, entry)) continue;
    const tx = typeof entry.value === 'string' ? entry.value : raw(entry.value).tx;
    if (tx === undefined) {
      ctx.error(entry, [], 'missing tx (the interface frames go out of)');
      continue;
    }
    if (tx === rx) {
      ctx.error(
        entry,
        typeof entry.value === 'string' ? [] : ['tx'],
        'an interface cannot cross-connect to itself',
      );
      continue;
    }
    ctx.state.l2Xconnects[rx] = { rx, tx: String(tx) };
  }
}

export function buildAcls(ctx: BuildContext, entries: Map<string, Entry>): void {
  for (const [name, entry] of entries) {
    ctx.setOrigin('acls', name, entry);
    if (absent(ctx, 'acls', name, entry)) continue;
    const rules = ((raw(entry.value).rules as unknown[] | undefined) ?? []).map((rule, i) =>
      buildRule(ctx, entry, ['rules', i], raw(rule)),
    );
    ctx.state.acls[name] = { name, rules: rules.filter((r): r is AclRule => !!r) };
  }
}

function buildRule(
  ctx: BuildContext,
  entry: Entry,
  sub: Array<string | number>,
  r: Raw,
): AclRule | undefined {
  const src = r.source === undefined ? undefined : String(r.source);
  const dst = r.destination === undefined ? undefined : String(r.destination);
  const fams = [src, dst].filter((x): x is string => x !== undefined).map((x) => familyOf(x));
  let ok = true;
  for (const [k, text] of [
    ['source', src],
    ['destination', dst],
  ] as const) {
    if (text !== undefined && !isMaskedPrefix(text)) {
      ctx.error(entry, [...sub, k], `has host bits set (did you mean ${canonicalPrefix(text)}?)`);
      ok = false;
    }
  }
  if (fams.length === 2 && fams[0] !== fams[1]) {
    ctx.error(entry, [...sub, 'destination'], `must be of the same family as source ${src}`);
    ok = false;
  }
  const family = (fams[0] ?? (r.family as Family | undefined) ?? 'ipv4') as Family;
  if (r.family !== undefined && fams.length > 0 && r.family !== fams[0]) {
    ctx.error(entry, [...sub, 'family'], `is ${String(r.family)} but the prefixes are ${fams[0]}`);
    ok = false;
  }
  const protocol = typeof r.protocol === 'number' ? r.protocol : IP_PROTOCOLS[String(r.protocol ?? 'any')];
  const isIcmp = protocol === 1 || protocol === 58;
  const isPorts = protocol === 6 || protocol === 17;
  if (protocol === 1 && family === 'ipv6')
    ctx.error(entry, [...sub, 'protocol'], 'use icmpv6 in an IPv6 rule');
  if (protocol === 58 && family === 'ipv4')
    ctx.error(entry, [...sub, 'protocol'], 'use icmp in an IPv4 rule');
  const only = (fields: string[], allowed: boolean, what: string) => {
    for (const f of fields)
      if (r[f] !== undefined && !allowed) {
        ctx.error(entry, [...sub, f], `applies only to ${what} rules`, { key: true });
        ok = false;
      }
  };
  only(['source-ports', 'destination-ports'], isPorts, 'tcp and udp');
  only(['icmp-type', 'icmp-code'], isIcmp, 'icmp and icmpv6');
  only(['tcp-flags'], protocol === 6, 'tcp');
  const rangeOf = (f: string, max: number, dflt: { first: number; last: number }) => {
    const range = parseRange(r[f], dflt);
    if (range.last > max) ctx.error(entry, [...sub, f], `must be ≤ ${max} (got ${range.last})`);
    else if (range.first > range.last)
      ctx.error(entry, [...sub, f], `range must go from low to high (got ${range.first}-${range.last})`);
    return range;
  };
  const flags = raw(r['tcp-flags']);
  const mask = Number(flags.mask ?? 0);
  const value = Number(flags.value ?? 0);
  if ((value & ~mask) !== 0)
    ctx.error(entry, [...sub, 'tcp-flags', 'value'], `sets flags outside the mask ${mask}`);
  const rule: AclRule = {
    action: r.action as AclRule['action'],
    source: src ? (canonicalPrefix(src) as string) : anyPrefix(family),
    destination: dst ? (canonicalPrefix(dst) as string) : anyPrefix(family),
    protocol,
    tcpFlags: { mask, value },
  };
  if (isIcmp) {
    rule.icmpType = rangeOf('icmp-type', 255, DEFAULTS.aclIcmpRange);
    rule.icmpCode = rangeOf('icmp-code', 255, DEFAULTS.aclIcmpRange);
  } else {
    rule.sourcePorts = rangeOf('source-ports', 65535, DEFAULTS.aclPortRange);
    rule.destinationPorts = rangeOf('destination-ports', 65535, DEFAULTS.aclPortRange);
  }
  return ok ? rule : undefined;
}

/** Largest pool a single entry may expand to (a /16). */
const MAX_POOL_ENTRY = 65536;

export function buildSingletons(ctx: BuildContext, merged: Merged): void {
  const lcp = merged.singletons['linux-cp'];
  if (lcp) ctx.singletonOrigins.set('linuxCp', lcp);
  if (lcp) ctx.state.linuxCp = { defaultNamespace: String(raw(lcp.value)['default-namespace'] ?? '') };
  const s = merged.singletons.settings;
  if (s) ctx.singletonOrigins.set('settings', s);
  if (s) {
    const r = raw(s.value);
    const ig = raw(r.ignore);
    ctx.state.settings = {
      prune: (r.prune as 'owned' | 'all' | 'none' | undefined) ?? DEFAULTS.prune,
      ignore: {
        interfaces: [...((ig.interfaces as string[] | undefined) ?? [])],
        vrfs: [...((ig.vrfs as string[] | undefined) ?? [])],
        routes: [...((ig.routes as string[] | undefined) ?? [])],
        bridgeDomains: [...((ig['bridge-domains'] as string[] | undefined) ?? [])],
        l2Xconnects: [...((ig['l2-xconnects'] as string[] | undefined) ?? [])],
        acls: [...((ig.acls as string[] | undefined) ?? [])],
      },
    };
  }
  const nat = merged.singletons.nat44;
  if (!nat) return;
  ctx.nat44Origin = nat;
  ctx.singletonOrigins.set('nat44', nat);
  const r = raw(nat.value);
  const pool: Nat44PoolAddress[] = [];
  const seen = new Map<string, number>();
  ((r.pool as unknown[] | undefined) ?? []).forEach((item, i) => {
    const pr = typeof item === 'string' ? { addresses: item } : raw(item);
    const sub = typeof item === 'string' ? ['pool', i] : ['pool', i, 'addresses'];
    const addrs = expandPool(String(pr.addresses));
    if (typeof addrs === 'string') {
      ctx.error(nat, sub, addrs);
      return;
    }
    for (const address of addrs) {
      if (seen.has(address)) {
        ctx.error(nat, sub, `${address} is already in the pool (item ${seen.get(address)})`);
        return;
      }
      seen.set(address, i);
      pool.push({
        address,
        twiceNat: pr['twice-nat'] === true,
        ...(pr.vrf !== undefined ? { vrf: Number(pr.vrf) } : {}),
      });
    }
  });
  // NAT44-ED answers VNET_API_ERROR_UNSUPPORTED to both (nat44_ed_plugin_enable_disable)
  for (const f of ['static-mapping-only', 'connection-tracking'])
    if (r[f] === true)
      ctx.error(nat, [f], `NAT44-ED does not support ${f} (VPP refuses it with VNET_API_ERROR_UNSUPPORTED)`);
  const sessions = r.sessions;
  ctx.state.nat44 = {
    enabled: r.enabled === undefined ? DEFAULTS.nat44Enabled : r.enabled === true,
    insideVrf: Number(r['inside-vrf'] ?? 0),
    outsideVrf: Number(r['outside-vrf'] ?? 0),
    staticMappingOnly: r['static-mapping-only'] === true,
    connectionTracking: r['connection-tracking'] === true,
    forwarding: r.forwarding === true,
    pool,
    ...(sessions !== undefined ? { sessions: Number(sessions) } : {}),
  };
}

function ipv4ToNumber(text: string): number {
  return ip4ToNumber(parseIp(text)?.bytes ?? new Uint8Array(4));
}

/** Addresses of a pool entry, or a message. */
function expandPool(text: string): string[] | string {
  let first: number;
  let last: number;
  if (text.includes('-')) {
    const [a, b] = text.split('-');
    first = ipv4ToNumber(a);
    last = ipv4ToNumber(b);
    if (last < first) return `range must go from low to high (got ${text})`;
  } else if (text.includes('/')) {
    const p = parseAddressWithLength(text);
    if (!p) return `not a prefix: ${text}`;
    if (!isMaskedPrefix(text)) return `has host bits set (did you mean ${canonicalPrefix(text)}?)`;
    first = ipv4ToNumber(text.split('/')[0]);
    last = first + 2 ** (32 - p.length) - 1;
  } else {
    first = last = ipv4ToNumber(text);
  }
  if (last - first + 1 > MAX_POOL_ENTRY)
    return `expands to ${last - first + 1} addresses; at most ${MAX_POOL_ENTRY} per entry`;
  const out: string[] = [];
  for (let n = first; n <= last; n++) out.push(numberToIp4(n));
  return out;
}
