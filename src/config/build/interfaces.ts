/** interfaces: YAML entries → model interfaces, with the checks that need only the entry itself. */
import {
  canonicalAddress,
  canonicalIp,
  canonicalMac,
  DEFAULTS,
  familyOf,
  parseInterfaceName,
} from '../../model/defaults.js';
import type { ParsedInterfaceName } from '../../model/defaults.js';
import type {
  BondMember,
  Interface,
  InterfaceCommon,
  MemifSettings,
  MssClamp,
  MssClampFamily,
  Nat44InterfaceRoles,
  SubInterfaceSettings,
  TapSettings,
  VxlanSettings,
} from '../../model/types.js';
import { entryPosition, where } from '../merge.js';
import type { Entry } from '../merge.js';
import { isPowerOfTwo, raw } from './context.js';
import type { BuildContext, Raw } from './context.js';

const KIND_BLOCKS: Record<string, { kind: Interface['kind']; naming: string }> = {
  tap: { kind: 'tap', naming: 'tap<N>' },
  memif: { kind: 'memif', naming: 'memif<socket-id>/<id>' },
  vxlan: { kind: 'vxlan', naming: 'vxlan_tunnel<N>' },
  bond: { kind: 'bond', naming: 'BondEthernet<N>' },
  encapsulation: { kind: 'sub-interface', naming: '<parent>.<sub-id>' },
};

const KIND_TEXT: Record<Interface['kind'], string> = {
  hardware: 'a hardware interface',
  loopback: 'a loopback',
  tap: 'a tap',
  memif: 'a memif',
  vxlan: 'a VXLAN tunnel',
  bond: 'a bond',
  'sub-interface': 'a sub-interface',
};

export function kindText(kind: Interface['kind']): string {
  return KIND_TEXT[kind];
}

/** Memif socket id → the first memif that named its file. */
type SocketFiles = Map<number, { file: string; name: string; entry: Entry }>;

export function buildInterfaces(ctx: BuildContext, entries: Map<string, Entry>): void {
  const sockets = collectSockets(ctx, entries);
  for (const [name, entry] of entries) {
    const r = raw(entry.value);
    const parsed = parseInterfaceName(name);
    ctx.setOrigin('interfaces', name, entry);
    if (r.type !== undefined && r.type !== parsed.kind) {
      ctx.error(
        entry,
        ['type'],
        `${name} is ${KIND_TEXT[parsed.kind]} by its name (got type ${String(r.type)})`,
      );
    }
    if (r.state === 'absent') {
      if (parsed.kind === 'hardware')
        ctx.error(
          entry,
          ['state'],
          `${name} is a hardware interface (by its name): it cannot be declared absent, vppstate never deletes it`,
        );
      const extra = Object.keys(r).filter((k) => k !== 'state' && k !== 'type');
      for (const k of extra) ctx.error(entry, [k], 'an absent interface takes no other field', { key: true });
      ctx.state.absent.interfaces.push(name);
      continue;
    }
    for (const [block, info] of Object.entries(KIND_BLOCKS)) {
      if (r[block] !== undefined && info.kind !== parsed.kind)
        ctx.error(
          entry,
          [block],
          `${block} settings apply only to ${info.naming} interfaces; ${name} is ${KIND_TEXT[parsed.kind]} by its name`,
          { key: true },
        );
    }
    const itf = buildOne(ctx, name, parsed, r, entry, sockets);
    if (itf) ctx.state.interfaces[name] = itf;
  }
}

function buildOne(
  ctx: BuildContext,
  name: string,
  parsed: ParsedInterfaceName,
  r: Raw,
  entry: Entry,
  sockets: SocketFiles,
): Interface | undefined {
  const common = buildCommon(ctx, name, parsed.kind, r, entry);
  switch (parsed.kind) {
    case 'hardware':
      return { ...common, kind: 'hardware' };
    case 'loopback':
      return { ...common, kind: 'loopback', loopback: { instance: parsed.instance } };
    case 'tap':
      return { ...common, kind: 'tap', tap: buildTap(ctx, parsed.id, raw(r.tap), entry) };
    case 'memif': {
      const memif = buildMemif(ctx, name, parsed, raw(r.memif), entry, sockets);
      return { ...common, kind: 'memif', memif };
    }
    case 'vxlan': {
      if (r.vxlan === undefined) {
        ctx.error(
          entry,
          [],
          `missing vxlan settings: a VXLAN tunnel needs vxlan.source, destination and vni`,
          {
            key: true,
          },
        );
        return undefined;
      }
      return { ...common, kind: 'vxlan', vxlan: buildVxlan(ctx, parsed.instance, raw(r.vxlan), entry) };
    }
    case 'bond': {
      const b = raw(r.bond);
      const mode = (b.mode as BondModeT | undefined) ?? DEFAULTS.bondMode;
      if (b['load-balance'] !== undefined && mode !== 'xor' && mode !== 'lacp')
        ctx.error(entry, ['bond', 'load-balance'], `applies only to modes xor and lacp (mode is ${mode})`);
      const members: Record<string, BondMember> = {};
      ((b.members as unknown[] | undefined) ?? []).forEach((m, i) => {
        const mr = typeof m === 'string' ? { interface: m } : raw(m);
        const member = String(mr.interface);
        if (members[member]) ctx.error(entry, ['bond', 'members', i], `${member} is listed twice`);
        members[member] = { passive: mr.passive === true, longTimeout: mr['long-timeout'] === true };
      });
      return {
        ...common,
        kind: 'bond',
        bond: {
          id: parsed.id,
          mode,
          loadBalance: (b['load-balance'] as 'l2' | 'l34' | 'l23' | undefined) ?? DEFAULTS.bondLoadBalance,
          numaOnly: b['numa-only'] === true,
          members,
        },
      };
    }
    case 'sub-interface': {
      const sub = buildSub(ctx, parsed.parent, parsed.subId, r.encapsulation, entry);
      if (r.mac !== undefined)
        ctx.error(entry, ['mac'], 'a sub-interface has its parent’s MAC; it cannot be set');
      if (r.macswap === true)
        ctx.error(entry, ['macswap'], 'macswap works on whole interfaces only, not on sub-interfaces');
      if (!sub.exactMatch && common.addresses.length > 0)
        ctx.error(entry, ['addresses'], 'a sub-interface without exact-match cannot have IP addresses');
      return { ...common, kind: 'sub-interface', sub };
    }
  }
}

type BondModeT = 'round-robin' | 'active-backup' | 'xor' | 'broadcast' | 'lacp';

function buildCommon(
  ctx: BuildContext,
  name: string,
  kind: Interface['kind'],
  r: Raw,
  entry: Entry,
): InterfaceCommon {
  const addresses: string[] = [];
  const seen = new Map<string, number>();
  ((r.addresses as string[] | undefined) ?? []).forEach((a, i) => {
    const c = canonicalAddress(a);
    if (!c) return;
    const first = seen.get(c);
    if (first !== undefined)
      ctx.error(entry, ['addresses', i], `duplicate address ${c} (also item ${first})`);
    else {
      seen.set(c, i);
      addresses.push(c);
    }
  });
  if (r.unnumbered !== undefined && addresses.length > 0)
    ctx.error(
      entry,
      ['unnumbered'],
      'an unnumbered interface borrows its addresses and lists none of its own',
    );
  if (r.unnumbered === name) ctx.error(entry, ['unnumbered'], 'an interface cannot be unnumbered to itself');
  const vrf =
    typeof r.vrf === 'number'
      ? { ipv4: r.vrf, ipv6: r.vrf }
      : { ipv4: Number(raw(r.vrf).ipv4 ?? 0), ipv6: Number(raw(r.vrf).ipv6 ?? 0) };
  const acls = raw(r.acls);
  const lcp = r['linux-cp'] === undefined ? undefined : raw(r['linux-cp']);
  const nat = r.nat44 === undefined ? [] : Array.isArray(r.nat44) ? (r.nat44 as string[]) : [String(r.nat44)];
  const nat44: Nat44InterfaceRoles = {
    inside: nat.includes('inside'),
    outside: nat.includes('outside'),
    output: nat.includes('output'),
  };
  if (nat44.output && (nat44.inside || nat44.outside))
    ctx.error(entry, ['nat44'], 'output cannot be combined with inside or outside');
  const common: InterfaceCommon = {
    name,
    kind,
    adminState: (r['admin-state'] as 'up' | 'down' | undefined) ?? DEFAULTS.adminState,
    vrf,
    addresses,
    acls: {
      input: [...((acls.input as string[] | undefined) ?? [])],
      output: [...((acls.output as string[] | undefined) ?? [])],
    },
    nat44,
    macswap: r.macswap === true,
  };
  if (r.mtu !== undefined) common.mtu = Number(r.mtu);
  if (r.mac !== undefined) common.mac = canonicalMac(String(r.mac));
  if (r.description !== undefined) common.description = String(r.description);
  if (r.unnumbered !== undefined) common.unnumbered = String(r.unnumbered);
  if (lcp)
    common.linuxCp = {
      hostName: String(lcp['host-name']),
      hostType: (lcp['host-type'] as 'tap' | 'tun' | undefined) ?? DEFAULTS.linuxCpHostType,
      namespace: lcp.namespace === undefined ? '' : String(lcp.namespace), // default resolved later
    };
  if (r.features !== undefined) {
    const features: Record<string, string[]> = {};
    for (const [arc, list] of Object.entries(raw(r.features)).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    ))
      features[arc] = [...(list as string[])].sort();
    common.features = features;
  }
  if (r['mss-clamp'] !== undefined) {
    const m = raw(r['mss-clamp']);
    const fam = (v: unknown): MssClampFamily | undefined =>
      v === undefined
        ? undefined
        : typeof v === 'number'
          ? { mss: v, direction: DEFAULTS.mssClampDirection }
          : {
              mss: Number(raw(v).mss),
              direction:
                (raw(v).direction as MssClampFamily['direction'] | undefined) ?? DEFAULTS.mssClampDirection,
            };
    const clamp: MssClamp = {};
    const v4 = fam(m.ipv4);
    const v6 = fam(m.ipv6);
    if (v4) clamp.ipv4 = v4;
    if (v6) clamp.ipv6 = v6;
    if (!v4 && !v6) ctx.error(entry, ['mss-clamp'], 'give ipv4 and/or ipv6 (or leave mss-clamp out)');
    else common.mssClamp = clamp;
  }
  return common;
}

/** Whether linux-cp's namespace was given explicitly (the builder resolves the default later). */
export function lcpNamespaceGiven(entry: Entry): boolean {
  return raw(raw(entry.value)['linux-cp']).namespace !== undefined;
}

/**
 * First pass: every memif socket file given explicitly; one socket id has one file, and one role
 * (VPP refuses a master and a slave on one socket, -68).
 */
function collectSockets(ctx: BuildContext, entries: Map<string, Entry>): SocketFiles {
  const sockets: SocketFiles = new Map();
  const roles = new Map<number, { role: string; name: string; entry: Entry }>();
  for (const [name, entry] of entries) {
    const parsed = parseInterfaceName(name);
    if (parsed.kind === 'memif') {
      const role = String(raw(raw(entry.value).memif).role ?? DEFAULTS.memifRole);
      const first = roles.get(parsed.socketId);
      if (!first) roles.set(parsed.socketId, { role, name, entry });
      else if (first.role !== role)
        ctx.error(
          entry,
          raw(raw(entry.value).memif).role === undefined ? [] : ['memif', 'role'],
          `${role} on socket id ${parsed.socketId}, where ${first.name} (${where(entryPosition(first.entry, [], { key: true }))}) is ${first.role}; the memifs of one socket are all masters or all slaves`,
          { key: raw(raw(entry.value).memif).role === undefined },
        );
    }
    const file = raw(raw(entry.value).memif).socket;
    if (parsed.kind !== 'memif' || parsed.socketId === 0 || file === undefined) continue;
    const known = sockets.get(parsed.socketId);
    if (!known) sockets.set(parsed.socketId, { file: String(file), name, entry });
    else if (known.file !== file)
      ctx.error(
        entry,
        ['memif', 'socket'],
        `socket id ${parsed.socketId} is ${known.file} for ${known.name} (${where(entryPosition(known.entry, [], { key: true }))}); one socket id has one file`,
      );
  }
  return sockets;
}

function buildTap(ctx: BuildContext, id: number, t: Raw, entry: Entry): TapSettings {
  const tap: TapSettings = {
    id,
    hostNamespace: String(t['host-namespace'] ?? ''),
    hostBridge: String(t['host-bridge'] ?? ''),
    rxRingSize: Number(t['rx-ring-size'] ?? DEFAULTS.tapRingSize),
    txRingSize: Number(t['tx-ring-size'] ?? DEFAULTS.tapRingSize),
    tun: t.tun === true,
    gso: t.gso === true,
    checksumOffload: t['checksum-offload'] === true,
    persist: t.persist === true,
  };
  for (const k of ['rx-ring-size', 'tx-ring-size'])
    if (t[k] !== undefined && !isPowerOfTwo(Number(t[k])))
      ctx.error(entry, ['tap', k], `must be a power of 2 (got ${String(t[k])})`);
  if (t['host-name'] !== undefined) tap.hostName = String(t['host-name']);
  if (t['host-mtu'] !== undefined) tap.hostMtu = Number(t['host-mtu']);
  if (t['host-mac'] !== undefined) tap.hostMac = canonicalMac(String(t['host-mac']));
  for (const [k, fam, prop] of [
    ['host-ipv4-address', 'ipv4', 'hostIpv4Address'],
    ['host-ipv6-address', 'ipv6', 'hostIpv6Address'],
  ] as const) {
    if (t[k] === undefined) continue;
    const text = String(t[k]);
    if (familyOf(text) !== fam)
      ctx.error(entry, ['tap', k], `must be an ${fam === 'ipv4' ? 'IPv4' : 'IPv6'} address (got ${text})`);
    else tap[prop] = canonicalAddress(text);
  }
  return tap;
}

function buildMemif(
  ctx: BuildContext,
  name: string,
  parsed: { socketId: number; id: number },
  m: Raw,
  entry: Entry,
  sockets: SocketFiles,
): MemifSettings {
  if (m['socket-id'] !== undefined && m['socket-id'] !== parsed.socketId)
    ctx.error(
      entry,
      ['memif', 'socket-id'],
      `must match the name ${name} (socket id ${parsed.socketId}, got ${String(m['socket-id'])})`,
    );
  if (m.id !== undefined && m.id !== parsed.id)
    ctx.error(entry, ['memif', 'id'], `must match the name ${name} (id ${parsed.id}, got ${String(m.id)})`);
  let socketFilename: string = DEFAULTS.memifDefaultSocket;
  if (parsed.socketId === 0) {
    if (m.socket !== undefined && m.socket !== DEFAULTS.memifDefaultSocket)
      ctx.error(
        entry,
        ['memif', 'socket'],
        `socket id 0 is always ${DEFAULTS.memifDefaultSocket} (got ${String(m.socket)})`,
      );
  } else {
    const known = sockets.get(parsed.socketId);
    if (known) socketFilename = known.file;
    else
      ctx.error(
        entry,
        m.socket === undefined && raw(entry.value).memif === undefined ? [] : ['memif'],
        `missing memif.socket: socket id ${parsed.socketId} needs a socket file`,
        { key: true },
      );
  }
  const memif: MemifSettings = {
    socketId: parsed.socketId,
    id: parsed.id,
    socketFilename,
    role: (m.role as MemifSettings['role'] | undefined) ?? DEFAULTS.memifRole,
    mode: (m.mode as MemifSettings['mode'] | undefined) ?? DEFAULTS.memifMode,
    zeroCopy: m['zero-copy'] === undefined ? DEFAULTS.memifZeroCopy : m['zero-copy'] === true,
  };
  if (m['rx-queues'] !== undefined) memif.rxQueues = Number(m['rx-queues']);
  if (m['tx-queues'] !== undefined) memif.txQueues = Number(m['tx-queues']);
  if (m['ring-size'] !== undefined) {
    memif.ringSize = Number(m['ring-size']);
    if (!isPowerOfTwo(memif.ringSize))
      ctx.error(entry, ['memif', 'ring-size'], `must be a power of 2 (got ${memif.ringSize})`);
  }
  if (m['buffer-size'] !== undefined) memif.bufferSize = Number(m['buffer-size']);
  if (m.secret !== undefined) memif.secret = String(m.secret);
  return memif;
}

function buildVxlan(ctx: BuildContext, instance: number, v: Raw, entry: Entry): VxlanSettings {
  const source = canonicalIp(String(v.source)) ?? String(v.source);
  const destination = canonicalIp(String(v.destination)) ?? String(v.destination);
  if (familyOf(source) !== familyOf(destination))
    ctx.error(entry, ['vxlan', 'destination'], `must be of the same family as source ${source}`);
  else if (source === destination) ctx.error(entry, ['vxlan', 'destination'], 'must differ from source');
  return {
    instance,
    source,
    destination,
    vni: Number(v.vni),
    encapVrf: Number(v['encap-vrf'] ?? 0),
    port: Number(v.port ?? DEFAULTS.vxlanPort),
    decap: (v.decap as 'l2' | 'l3' | undefined) ?? DEFAULTS.vxlanDecap,
  };
}

function buildSub(
  ctx: BuildContext,
  parent: string,
  subId: number,
  enc: unknown,
  entry: Entry,
): SubInterfaceSettings {
  if (enc === undefined) {
    if (subId < 1 || subId > 4094)
      ctx.error(
        entry,
        [],
        `sub-id ${subId} is not a VLAN id: give encapsulation (the default is one dot1q tag equal to the sub-id)`,
        { key: true },
      );
    return { parent, subId, outerVlan: subId, dot1ad: false, exactMatch: true, default: false };
  }
  const e = raw(enc);
  const outer = e.outer as number | 'any' | undefined;
  const inner = e.inner as number | 'any' | undefined;
  const isDefault = e.default === true;
  const fixed = outer !== 'any' && inner !== 'any';
  if (isDefault && (outer !== undefined || inner !== undefined))
    ctx.error(entry, ['encapsulation', 'default'], 'a default sub-interface takes no outer or inner tag');
  if (!isDefault && outer === undefined)
    ctx.error(entry, ['encapsulation'], 'missing outer tag (or default: true)');
  if (outer === 'any' && inner !== undefined)
    ctx.error(entry, ['encapsulation', 'inner'], 'an inner tag needs a fixed outer tag');
  if (e['exact-match'] === true && (!fixed || isDefault))
    ctx.error(entry, ['encapsulation', 'exact-match'], 'exact-match needs fixed tags');
  const sub: SubInterfaceSettings = {
    parent,
    subId,
    dot1ad: e.dot1ad === true,
    exactMatch: e['exact-match'] === undefined ? fixed && !isDefault : e['exact-match'] === true,
    default: isDefault,
  };
  if (outer !== undefined) sub.outerVlan = outer;
  if (inner !== undefined) sub.innerVlan = inner;
  return sub;
}
