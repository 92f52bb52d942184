/** The interface reader: VPP's interfaces as model objects. */
import { SUB_IF_FLAGS } from '../../api/sub-if-flags.js';
import { interfaceKindOf } from '../defaults.js';
import type { ApiMessage } from '../../api/types.js';
import type { BondMember, BondMode, BondLoadBalance } from '../types.js';
import { mapLimit, READ_CONCURRENCY } from './concurrency.js';
import { INTERFACE_TYPES, type InterfaceTypeHandler } from './interface-types.js';
import { decodeTag } from './owner.js';
import type { Json, KindObject, ReadContext, Resource } from './types.js';
import {
  arr,
  bool,
  canonicalInterfacePrefix,
  dumpOrNothing,
  comparePrefixes,
  NO_INDEX,
  num,
  str,
} from './util.js';
import { INTERFACE_KIND, LINK_MTU, hasLinkMtu, splitSettings } from './interface-object.js';
import { BOND_LB, BOND_MODES } from './interface-calls.js';

async function readBonds(
  ctx: ReadContext,
): Promise<Map<number, { d: ApiMessage; members: Record<string, BondMember> }>> {
  const out = new Map<number, { d: ApiMessage; members: Record<string, BondMember> }>();
  const bonds = await dumpOrNothing(ctx, 'sw_bond_interface_dump', { sw_if_index: NO_INDEX });
  await mapLimit(bonds, READ_CONCURRENCY, async (b) => {
    const idx = num(b, 'sw_if_index');
    const members: Record<string, BondMember> = {};
    for (const m of await ctx.caller.dump('sw_member_interface_dump', { sw_if_index: idx })) {
      const name = str(m, 'interface_name') || ctx.ifName.get(num(m, 'sw_if_index')) || '';
      members[name] = { passive: bool(m, 'is_passive'), longTimeout: bool(m, 'is_long_timeout') };
    }
    out.set(idx, { d: b, members });
  });
  return out;
}

async function readUnnumbered(ctx: ReadContext): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  for (const u of await dumpOrNothing(ctx, 'ip_unnumbered_dump', { sw_if_index: NO_INDEX }))
    out.set(num(u, 'sw_if_index'), num(u, 'ip_sw_if_index'));
  return out;
}

const BOND_MODE_NAMES = new Map(Object.entries(BOND_MODES).map(([k, v]) => [v, k as BondMode]));

const BOND_LB_NAMES = new Map(Object.entries(BOND_LB).map(([k, v]) => [v, k as BondLoadBalance]));

export async function read(ctx: ReadContext): Promise<Resource[]> {
  const details = await ctx.caller.dump('sw_interface_dump', {
    sw_if_index: NO_INDEX,
    name_filter_valid: false,
    name_filter: '',
  });
  for (const d of details) {
    ctx.ifName.set(num(d, 'sw_if_index'), str(d, 'interface_name'));
    ctx.ifIndex.set(str(d, 'interface_name'), num(d, 'sw_if_index'));
  }
  const list = details.filter((d) => str(d, 'interface_name') !== 'local0');
  const tables = { ip4: false, ip6: false };
  for (const t of await ctx.caller.dump('ip_table_dump', {})) {
    const tb = t.table as ApiMessage | undefined;
    if (num(tb, 'table_id') !== 0) tables[bool(tb, 'is_ip6') ? 'ip6' : 'ip4'] = true;
  }
  const [bonds, unnumbered, ...typed] = await Promise.all([
    readBonds(ctx),
    readUnnumbered(ctx),
    ...[...INTERFACE_TYPES.values()].map(async (h) => [h, await h.read(ctx)] as const),
  ]);
  return mapLimit(list, READ_CONCURRENCY, async (d) => {
    const idx = num(d, 'sw_if_index');
    // Only table 0 of a family exists: every interface is in it, no need to ask per interface.
    const q = (is_ipv6: boolean): Promise<ApiMessage> =>
      (is_ipv6 ? tables.ip6 : tables.ip4)
        ? ctx.caller.call('sw_interface_get_table', { sw_if_index: idx, is_ipv6 })
        : Promise.resolve({ vrf_id: 0 });
    const a = (is_ipv6: boolean): Promise<ApiMessage[]> =>
      ctx.caller.dump('ip_address_dump', { sw_if_index: idx, is_ipv6 });
    const [t4, t6, a4, a6] = await Promise.all([q(false), q(true), a(false), a(true)]);
    return liveInterface(ctx, d, {
      vrf4: num(t4, 'vrf_id'),
      vrf6: num(t6, 'vrf_id'),
      addresses: [...a4, ...a6].map((x) => str(x, 'prefix')),
      unnumbered: unnumbered.has(idx) ? ctx.ifName.get(unnumbered.get(idx) as number) : undefined,
      bond: bonds.get(idx),
      typed: typed.map(([h, m]) => [h, m.get(idx)] as const),
    });
  });
}

function liveInterface(
  ctx: ReadContext,
  d: ApiMessage,
  extra: {
    vrf4: number;
    vrf6: number;
    addresses: string[];
    unnumbered?: string;
    bond?: { d: ApiMessage; members: Record<string, BondMember> };
    typed?: ReadonlyArray<readonly [InterfaceTypeHandler, Record<string, Json> | undefined]>;
  },
): Resource {
  const name = str(d, 'interface_name');
  const isSub =
    num(d, 'type') === 1 || (num(d, 'sup_sw_if_index') !== num(d, 'sw_if_index') && name.includes('.'));
  const kind = isSub ? 'sub-interface' : interfaceKindOf(name);
  const tag = str(d, 'tag');
  const { owned, description } = decodeTag(tag);
  const mtuArr = arr(d, 'mtu').map((x) => (typeof x === 'number' ? x : 0));
  const l2 = str(d, 'l2_address');
  const base: Record<string, unknown> = {
    name,
    kind,
    adminState: num(d, 'flags') & 1 ? 'up' : 'down',
    mtu: mtuArr[0] ? mtuArr[0] : undefined,
    [LINK_MTU]: hasLinkMtu(kind) && num(d, 'link_mtu') ? num(d, 'link_mtu') : undefined,
    mac: kind === 'sub-interface' || !l2 || l2 === '00:00:00:00:00:00' ? undefined : l2,
    description: description ?? undefined,
    vrf: { ipv4: extra.vrf4, ipv6: extra.vrf6 },
    addresses: extra.addresses
      .map(canonicalInterfacePrefix)
      .filter((p) => !p.startsWith('fe80:'))
      .sort(comparePrefixes),
    unnumbered: extra.unnumbered,
  };
  if (kind === 'loopback') base.loopback = { instance: Number(name.slice(4)) };
  if (kind === 'sub-interface') {
    const f = num(d, 'sub_if_flags');
    const ntags = num(d, 'sub_number_of_tags');
    const sub: Record<string, unknown> = {
      parent: ctx.ifName.get(num(d, 'sup_sw_if_index')) ?? name.slice(0, name.lastIndexOf('.')),
      subId: num(d, 'sub_id'),
      dot1ad: (f & SUB_IF_FLAGS.DOT1AD) !== 0,
      exactMatch: (f & SUB_IF_FLAGS.EXACT_MATCH) !== 0,
      default: (f & SUB_IF_FLAGS.DEFAULT) !== 0,
    };
    if (!(f & SUB_IF_FLAGS.DEFAULT))
      sub.outerVlan = f & SUB_IF_FLAGS.OUTER_VLAN_ID_ANY ? 'any' : num(d, 'sub_outer_vlan_id');
    if (ntags >= 2 || f & SUB_IF_FLAGS.INNER_VLAN_ID_ANY)
      sub.innerVlan = f & SUB_IF_FLAGS.INNER_VLAN_ID_ANY ? 'any' : num(d, 'sub_inner_vlan_id');
    base.sub = sub;
  }
  if (kind === 'bond') {
    const b = extra.bond;
    const mode = BOND_MODE_NAMES.get(num(b?.d, 'mode')) ?? 'lacp';
    base.bond = {
      id: Number(name.slice('BondEthernet'.length)),
      mode,
      loadBalance: mode === 'xor' || mode === 'lacp' ? (BOND_LB_NAMES.get(num(b?.d, 'lb')) ?? 'l2') : 'l2',
      numaOnly: bool(b?.d, 'numa_only'),
      members: b?.members ?? {},
    };
  }
  for (const [h, settings] of extra.typed ?? [])
    if (h.kind === kind) base[kind] = splitSettings(h, settings)[0];
  return {
    kind: INTERFACE_KIND,
    id: name,
    obj: Object.fromEntries(Object.entries(base).filter(([, v]) => v !== undefined)) as KindObject,
    owned,
    // A created interface whose type-specific dump is missing cannot be rebuilt: leave it alone.
    permanent: kind === 'hardware' || (INTERFACE_TYPES.has(kind) && base[kind] === undefined),
    raw: { mtu: mtuArr, linkMtu: num(d, 'link_mtu'), tag, sw_if_index: num(d, 'sw_if_index') },
  };
}
