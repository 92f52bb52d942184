/** Checks across objects: references resolve, nothing is in two places, L2/L3 consistency, overlaps. */
import {
  canonicalAddress,
  ignoredBy,
  KEYED_SECTIONS,
  maskBytes,
  parseAddressWithLength,
} from '../../model/defaults.js';
import type { Family, Interface } from '../../model/types.js';
import { entryPosition } from '../merge.js';
import type { Entry } from '../merge.js';
import { raw } from './context.js';
import type { BuildContext } from './context.js';
import { kindText } from './interfaces.js';

type Sub = Array<string | number>;

export function crossCheck(ctx: BuildContext): void {
  const s = ctx.state;
  const itfRef = (
    entry: Entry,
    sub: Sub,
    name: string,
    opts: { key?: boolean } = {},
  ): Interface | undefined => {
    const itf = s.interfaces[name];
    if (itf) return itf;
    if (ctx.isAbsent('interfaces', name))
      ctx.error(entry, sub, `interface ${name} is declared absent (${ctx.at('interfaces', name)})`, opts);
    else ctx.error(entry, sub, `unknown interface ${name}: declare it in interfaces`, opts);
    return undefined;
  };
  const vrfKnown = (id: number, family: Family): boolean => id === 0 || Boolean(s.vrfs[String(id)]?.[family]);
  const vrfRef = (entry: Entry, sub: Sub, id: number, family: Family): void => {
    if (vrfKnown(id, family)) return;
    const v = s.vrfs[String(id)];
    if (v)
      ctx.error(
        entry,
        sub,
        `VRF ${id} has no ${family} table (see its families at ${ctx.at('vrfs', String(id))})`,
      );
    else if (ctx.isAbsent('vrfs', String(id)))
      ctx.error(entry, sub, `VRF ${id} is declared absent (${ctx.at('vrfs', String(id))})`);
    else ctx.error(entry, sub, `unknown VRF ${id}: declare it in vrfs`);
  };
  const origin = (name: string) => ctx.origin('interfaces', name) as Entry;

  /** L2 roles per interface, to find interfaces in two places and L2 interfaces with addresses. */
  const l2 = new Map<string, string>();
  const claimL2 = (name: string, role: string, entry: Entry, sub: Sub) => {
    const previous = l2.get(name);
    if (previous)
      ctx.error(entry, sub, `${name} is already ${previous}; an interface is in one L2 role at most`);
    else l2.set(name, role);
  };

  // Bridge domains first, then cross-connects, then bonds: the later ones report the conflict.
  for (const [key, bd] of Object.entries(s.bridgeDomains)) {
    const entry = ctx.origin('bridgeDomains', key) as Entry;
    const members = (raw(entry.value).members as unknown[] | undefined) ?? [];
    members.forEach((m, i) => {
      const name = typeof m === 'string' ? m : String(raw(m).interface);
      const sub = typeof m === 'string' ? ['members', i] : ['members', i, 'interface'];
      if (!bd.members[name]) return;
      if (itfRef(entry, sub, name)) claimL2(name, `a member of bridge domain ${key}`, entry, sub);
    });
    if (bd.bvi !== undefined) {
      const bvi = itfRef(entry, ['bvi'], bd.bvi);
      if (bvi && bvi.kind !== 'loopback')
        ctx.error(entry, ['bvi'], `a BVI is a loopback; ${bd.bvi} is ${kindText(bvi.kind)}`);
      else if (bvi) claimL2(bd.bvi, `the BVI of bridge domain ${key}`, entry, ['bvi']);
    }
    if (
      bd.unknownUnicastForward !== undefined &&
      itfRef(entry, ['unknown-unicast-forward'], bd.unknownUnicastForward)
    )
      claimL2(bd.unknownUnicastForward, `the uu-forward port of bridge domain ${key}`, entry, [
        'unknown-unicast-forward',
      ]);
  }
  for (const [rx, xc] of Object.entries(s.l2Xconnects)) {
    const entry = ctx.origin('l2Xconnects', rx) as Entry;
    const txSub = typeof entry.value === 'string' ? [] : ['tx'];
    if (itfRef(entry, [], rx, { key: true })) claimL2(rx, `cross-connected to ${xc.tx}`, entry, []);
    itfRef(entry, txSub, xc.tx);
  }
  const bondOf = new Map<string, string>();
  for (const itf of Object.values(s.interfaces)) {
    if (itf.kind !== 'bond') continue;
    const entry = origin(itf.name);
    const members = (raw(raw(entry.value).bond).members as unknown[] | undefined) ?? [];
    members.forEach((m, i) => {
      const name = typeof m === 'string' ? m : String(raw(m).interface);
      const sub = ['bond', 'members', ...(typeof m === 'string' ? [i] : [i, 'interface'])];
      const member = itfRef(entry, sub, name);
      if (!member) return;
      if (member.kind === 'bond' || member.kind === 'sub-interface') {
        ctx.error(entry, sub, `${name} is ${kindText(member.kind)}; a bond member is a whole interface`);
        return;
      }
      const other = bondOf.get(name);
      if (other && other !== itf.name) {
        ctx.error(entry, sub, `${name} is already a member of ${other}`);
        return;
      }
      bondOf.set(name, itf.name);
      claimL2(name, `a member of ${itf.name}`, entry, sub);
    });
  }

  // Per interface: references, L2 without addresses, sub-interface rules.
  const tagsByParent = new Map<string, Map<string, string>>();
  const lcpNames = new Map<string, string>();
  const tunnels = new Map<string, string>();
  for (const itf of Object.values(s.interfaces)) {
    const entry = origin(itf.name);
    const r = raw(entry.value);
    const role = l2.get(itf.name);
    if (role && !role.startsWith('the BVI')) {
      if (itf.addresses.length > 0)
        ctx.error(entry, ['addresses'], `an L2 interface has no IP addresses (${itf.name} is ${role})`);
      if (itf.unnumbered !== undefined)
        ctx.error(entry, ['unnumbered'], `an L2 interface is not unnumbered (${itf.name} is ${role})`);
      const l3only =
        (itf.kind === 'vxlan' && itf.vxlan.decap === 'l3') ||
        (itf.kind === 'memif' && itf.memif.mode !== 'ethernet') ||
        (itf.kind === 'tap' && itf.tap.tun);
      if (l3only)
        ctx.error(entry, [], `${itf.name} carries no Ethernet frames and cannot be ${role}`, { key: true });
    }
    for (const fam of ['ipv4', 'ipv6'] as const)
      vrfRef(entry, typeof r.vrf === 'number' ? ['vrf'] : ['vrf', fam], itf.vrf[fam], fam);
    if (itf.unnumbered !== undefined) {
      const target = itfRef(entry, ['unnumbered'], itf.unnumbered);
      if (target?.unnumbered !== undefined)
        ctx.error(
          entry,
          ['unnumbered'],
          `${itf.unnumbered} is itself unnumbered; borrow from an interface with addresses`,
        );
    }
    for (const dir of ['input', 'output'] as const)
      itf.acls[dir].forEach((name, i) => {
        if (s.acls[name]) return;
        if (ctx.isAbsent('acls', name))
          ctx.error(entry, ['acls', dir, i], `ACL ${name} is declared absent (${ctx.at('acls', name)})`);
        else ctx.error(entry, ['acls', dir, i], `unknown ACL ${name}: declare it in acls`);
      });
    if ((itf.nat44.inside || itf.nat44.outside || itf.nat44.output) && !s.nat44?.enabled)
      ctx.error(
        entry,
        ['nat44'],
        s.nat44
          ? 'NAT44 roles need nat44.enabled: true'
          : 'NAT44 roles need the nat44 section (the plugin must be enabled)',
      );
    if (itf.linuxCp) {
      const lcpRaw = raw(r['linux-cp']);
      if (lcpRaw.namespace === undefined) itf.linuxCp.namespace = s.linuxCp?.defaultNamespace ?? '';
      const key = `${itf.linuxCp.namespace}\u0000${itf.linuxCp.hostName}`;
      const other = lcpNames.get(key);
      if (other)
        ctx.error(
          entry,
          ['linux-cp', 'host-name'],
          `host interface ${itf.linuxCp.hostName} is already the pair of ${other}`,
        );
      else lcpNames.set(key, itf.name);
    }
    if (itf.kind === 'vxlan') {
      vrfRef(
        entry,
        ['vxlan', 'encap-vrf'],
        itf.vxlan.encapVrf,
        itf.vxlan.source.includes(':') ? 'ipv6' : 'ipv4',
      );
      const key = `${itf.vxlan.source}|${itf.vxlan.destination}|${itf.vxlan.vni}|${itf.vxlan.encapVrf}`;
      const other = tunnels.get(key);
      if (other)
        ctx.error(
          entry,
          ['vxlan', 'vni'],
          `${other} is the same tunnel (source, destination, vni, encap-vrf)`,
        );
      else tunnels.set(key, itf.name);
    }
    if (itf.kind === 'sub-interface') {
      const parent = itfRef(entry, [], itf.sub.parent);
      if (!parent) continue;
      if (parent.kind === 'sub-interface') {
        ctx.error(entry, [], `the parent ${itf.sub.parent} is itself a sub-interface`, { key: true });
        continue;
      }
      if (itf.adminState === 'up' && parent.adminState === 'down')
        ctx.error(
          entry,
          r['admin-state'] === undefined ? [] : ['admin-state'],
          `admin-state up needs the parent ${parent.name} up: VPP refuses a sub-interface up under a parent that is down (set admin-state: down here, or up on the parent)`,
          { key: r['admin-state'] === undefined },
        );
      if (itf.mtu !== undefined && parent.mtu !== undefined && itf.mtu > parent.mtu)
        ctx.error(
          entry,
          ['mtu'],
          `must be ≤ the MTU of the parent ${parent.name}, ${parent.mtu} (got ${itf.mtu})`,
        );
      if (itf.linuxCp && !parent.linuxCp)
        ctx.error(entry, ['linux-cp'], `the parent ${parent.name} needs a linux-cp pair first`, {
          key: true,
        });
      else if (itf.linuxCp && !itf.sub.exactMatch)
        ctx.error(entry, ['linux-cp'], 'a linux-cp pair needs an exact-match sub-interface', { key: true });
      else if (itf.linuxCp && itf.sub.innerVlan !== undefined) {
        // VPP makes a QinQ pair's host VLAN on the pair of the outer tag's sub-interface
        const sub = itf.sub;
        const outer = Object.values(s.interfaces).find(
          (o) =>
            o.kind === 'sub-interface' &&
            o.sub.parent === sub.parent &&
            o.sub.innerVlan === undefined &&
            o.sub.outerVlan === sub.outerVlan &&
            o.sub.dot1ad === sub.dot1ad &&
            o.linuxCp !== undefined,
        );
        if (!outer)
          ctx.error(
            entry,
            ['linux-cp'],
            `a QinQ sub-interface's pair needs a paired sub-interface of ${parent.name} with outer tag ${String(sub.outerVlan)} only (${sub.dot1ad ? 'dot1ad' : 'dot1q'})`,
            { key: true },
          );
      }
      const t = itf.sub;
      const tagKey = t.default
        ? 'default'
        : `${t.dot1ad ? 'dot1ad' : 'dot1q'} ${t.outerVlan}${t.innerVlan !== undefined ? ` inner ${t.innerVlan}` : ''}${t.exactMatch ? ' exact-match' : ''}`;
      const tags = tagsByParent.get(parent.name) ?? new Map<string, string>();
      tagsByParent.set(parent.name, tags);
      const other = tags.get(tagKey);
      const at = r.encapsulation === undefined ? [] : ['encapsulation'];
      if (other)
        ctx.error(entry, at, `${other} already matches these tags (${tagKey}) on ${parent.name}`, {
          key: at.length === 0,
        });
      else tags.set(tagKey, itf.name);
    }
  }

  // Routes: tables and interfaces. A route built without an error whose VRFs and interfaces all
  // exist passes the checks below as its YAML would: only the others are checked from the YAML
  // (100,000 routes: no entry looked up, no path built for most).
  for (const key in s.routes) {
    const route = s.routes[key];
    const fam: Family = route.prefix.includes(':') ? 'ipv6' : 'ipv4';
    if (
      !ctx.routesWithErrors.has(key) &&
      vrfKnown(route.vrf, fam) &&
      route.paths.every(
        (p) =>
          (p.interface === undefined || s.interfaces[p.interface] !== undefined) &&
          (p.viaVrf === undefined || vrfKnown(p.viaVrf, fam)),
      )
    )
      continue;
    const entry = ctx.origin('routes', key) as Entry;
    const r = raw(entry.value);
    vrfRef(entry, r.vrf === undefined ? ['prefix'] : ['vrf'], route.vrf, fam);
    const rawPaths = (r.paths as unknown[] | undefined) ?? [r];
    rawPaths.forEach((p, i) => {
      const pr = raw(p);
      const sub = r.paths ? ['paths', i] : [];
      if (pr.interface !== undefined) itfRef(entry, [...sub, 'interface'], String(pr.interface));
      if (pr['via-vrf'] !== undefined) vrfRef(entry, [...sub, 'via-vrf'], Number(pr['via-vrf']), fam);
    });
  }

  if (s.nat44) {
    const entry = ctxNat(ctx) as Entry;
    vrfRef(entry, ['inside-vrf'], s.nat44.insideVrf, 'ipv4');
    vrfRef(entry, ['outside-vrf'], s.nat44.outsideVrf, 'ipv4');
    ((raw(entry.value).pool as unknown[] | undefined) ?? []).forEach((p, i) => {
      const v = raw(p).vrf;
      if (v !== undefined) vrfRef(entry, ['pool', i, 'vrf'], Number(v), 'ipv4');
    });
  }
  checkOverlaps(ctx);
  checkIgnored(ctx);
}

const YAML_SECTION: Record<string, string> = { bridgeDomains: 'bridge-domains', l2Xconnects: 'l2-xconnects' };

/** An object cannot be both declared and ignored: vppstate would never make it so. */
function checkIgnored(ctx: BuildContext): void {
  const s = ctx.state;
  for (const section of KEYED_SECTIONS) {
    if (s.settings.ignore[section].length === 0) continue;
    const keys = [...Object.keys(s[section]), ...s.absent[section]];
    for (const key of keys) {
      const glob = ignoredBy(s, section, key);
      const entry = ctx.origin(section, key);
      if (glob && entry)
        ctx.error(
          entry,
          [],
          `is declared but also ignored by settings.ignore.${YAML_SECTION[section] ?? section} pattern ${JSON.stringify(glob)}`,
          { key: true },
        );
    }
  }
}

/** The nat44 section's entry, remembered by the builder. */
function ctxNat(ctx: BuildContext): Entry | undefined {
  return ctx.nat44Origin;
}

function comesBefore(
  ctx: BuildContext,
  a: { itf: string; index: number },
  b: { itf: string; index: number },
): boolean {
  const pa = entryPosition(ctx.origin('interfaces', a.itf) as Entry, ['addresses', a.index]);
  const pb = entryPosition(ctx.origin('interfaces', b.itf) as Entry, ['addresses', b.index]);
  if (pa.file !== pb.file) return pa.file < pb.file;
  return pa.line !== pb.line ? pa.line < pb.line : pa.col <= pb.col;
}

function toBig(bytes: Uint8Array): bigint {
  let n = 0n;
  for (const b of bytes) n = (n << 8n) | BigInt(b);
  return n;
}

/** An address as a range, IPv4 as numbers (most of them), IPv6 as bigints. */
type Span = { start: number; end: number } | { start: bigint; end: bigint };

function spanOf(bytes: Uint8Array, length: number): Span {
  const masked = maskBytes(bytes, length);
  if (masked.length === 4) {
    const start = ((masked[0] << 24) | (masked[1] << 16) | (masked[2] << 8) | masked[3]) >>> 0;
    return { start, end: start + 2 ** (32 - length) - 1 };
  }
  const start = toBig(masked);
  return { start, end: start + (1n << BigInt(128 - length)) - 1n };
}

/** No two addresses of one VRF overlap (VPP refuses with -105), also on one interface. */
function checkOverlaps(ctx: BuildContext): void {
  type Item = Span & { addr: string; itf: Interface };
  const groups = new Map<string, Item[]>();
  for (const itf of Object.values(ctx.state.interfaces)) {
    for (const addr of itf.addresses) {
      const p = parseAddressWithLength(addr);
      if (!p) continue;
      if (p.family === 'ipv6' && p.bytes[0] === 0xfe && (p.bytes[1] & 0xc0) === 0x80) continue; // link-local
      const key = `${p.family}|${itf.vrf[p.family]}`;
      let list = groups.get(key);
      if (list === undefined) groups.set(key, (list = []));
      list.push({ ...spanOf(p.bytes, p.length), addr, itf } as Item);
    }
  }
  // Where an address is written (only asked for one that overlaps).
  const at = (it: Item): { itf: string; index: number } => {
    const rawAddrs =
      (raw(ctx.origin('interfaces', it.itf.name)?.value).addresses as string[] | undefined) ?? [];
    const index = rawAddrs.findIndex((a) => canonicalAddress(a) === it.addr);
    return { itf: it.itf.name, index: index < 0 ? it.itf.addresses.indexOf(it.addr) : index };
  };
  for (const [key, items] of groups) {
    const vrf = key.split('|')[1];
    items.sort((a, b) =>
      a.start < b.start ? -1 : a.start > b.start ? 1 : a.end > b.end ? -1 : a.end < b.end ? 1 : 0,
    );
    let cover: Item | undefined;
    for (const it of items) {
      if (cover && it.start <= cover.end) {
        // Report at the one written later, naming the one written first.
        const [later, first] = comesBefore(ctx, at(cover), at(it)) ? [it, cover] : [cover, it];
        const laterAt = at(later);
        const entry = ctx.origin('interfaces', laterAt.itf) as Entry;
        const where = first.itf === later.itf ? 'on the same interface' : `on ${first.itf.name}`;
        ctx.error(
          entry,
          ['addresses', laterAt.index],
          `${later.addr} overlaps ${first.addr} ${where} (both in VRF ${vrf})`,
        );
      }
      if (!cover || it.end > cover.end) cover = it;
    }
  }
}
