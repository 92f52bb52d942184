import { retvalOf } from '../../api/errno.js';
import { SUB_IF_FLAGS } from '../../api/sub-if-flags.js';
import { jsonEqual } from '../../plan/diff.js';
import { interfaceKindOf } from '../defaults.js';
import type { ApiMessage } from '../../api/types.js';
import type {
  BondInterface,
  BondMember,
  BondMode,
  BondLoadBalance,
  Interface,
  SubInterfaceSettings,
  VxlanInterface,
} from '../types.js';
import { mapLimit, READ_CONCURRENCY } from './concurrency.js';
import { INTERFACE_TYPES, MEMIF_SOCKET_KIND, type InterfaceTypeHandler } from './interface-types.js';
import { key, opBuilder, tableKeys } from './ops.js';
import { decodeTag, encodeTag } from './owner.js';
import type {
  ApiCall,
  FieldChange,
  IdRef,
  Json,
  KindModule,
  KindObject,
  ObjectChange,
  ObjectSet,
  Op,
  OpContext,
  ReadContext,
  Reference,
  Reset,
  Resource,
} from './types.js';
import {
  arr,
  bindIf,
  IF_NS,
  bool,
  canonicalInterfacePrefix,
  cliText,
  dumpOrNothing,
  comparePrefixes,
  FAMILIES,
  familyOf,
  ifRefOf,
  modelFamily,
  NO_INDEX,
  num,
  str,
  type Family,
} from './util.js';

export const INTERFACE_KIND = 'interface';

const BOND_MODES: Record<BondMode, number> = {
  'round-robin': 1,
  'active-backup': 2,
  xor: 3,
  broadcast: 4,
  lacp: 5,
};
const BOND_LB: Record<BondLoadBalance, number> = { l2: 0, l34: 1, l23: 2 };

/**
 * The interface's fields other kinds manage (ACL lists, linux-cp pairs, MSS clamping, NAT44
 * roles, macswap, feature arcs: each its own kind, derived from the interface).
 */
const NOT_COMPARED = new Set(['acls', 'linuxCp', 'mssClamp', 'nat44', 'macswap', 'features']);
/** Optional fields for which `undefined` means "not managed". */
const UNMANAGED_WHEN_UNDEFINED = new Set(['mtu', 'linkMtu', 'mac']);

/**
 * A hardware port's link MTU (hw_interface_set_mtu, read back as link_mtu). Not a model field:
 * the model's `mtu` is also the link MTU of a hardware port, so the comparable object carries it
 * under this name for hardware ports only (virtual kinds refuse a change with -126).
 */
const LINK_MTU = 'linkMtu';
const hasLinkMtu = (kind: string): boolean => kind === 'hardware';
/** Local resource key: a port's link MTU is set before its sw MTU (the hw call resets it). */
const hwMtuKey = (name: string): string => `hw-mtu:${name}`;

export const asInterface = (r: Resource): Interface => r.obj as unknown as Interface;

/** The comparable part of a model interface (plugin fields stripped). */
export function interfaceObject(i: Interface): KindObject {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(i)) if (!NOT_COMPARED.has(k) && v !== undefined) out[k] = v;
  const h = INTERFACE_TYPES.get(i.kind);
  if (h) {
    const [compared, creation] = splitSettings(
      h,
      (i as unknown as Record<string, Record<string, Json>>)[h.kind],
    );
    out[h.kind] = compared;
    if (Object.keys(creation).length > 0) out[CREATION] = creation;
  }
  if (hasLinkMtu(i.kind) && i.mtu !== undefined) out[LINK_MTU] = i.mtu;
  return out as KindObject;
}

/**
 * A desired interface's creation-only settings (a memif's queues and ring size, a VXLAN's decap):
 * VPP never reports them, so they are not compared, but the create call needs them.
 */
const CREATION = 'creation';

/** The settings VPP reports back (compared), and the creation-only rest. */
function splitSettings(
  h: InterfaceTypeHandler,
  settings: Record<string, Json> | undefined,
): [Record<string, Json>, Record<string, Json>] {
  const compared: Record<string, Json> = {};
  const creation: Record<string, Json> = {};
  for (const [f, v] of Object.entries(settings ?? {}))
    if (v !== undefined) (h.compared.includes(f) ? compared : creation)[f] = v;
  return [compared, creation];
}

/** The model interface of a comparable object: creation-only settings back in their place. */
function withCreation(o: KindObject): Record<string, unknown> {
  const { [CREATION]: creation, ...rest } = o as Record<string, unknown>;
  const h = INTERFACE_TYPES.get(String(rest.kind));
  if (!h || creation === undefined) return rest;
  return { ...rest, [h.kind]: { ...(rest[h.kind] as object), ...(creation as object) } };
}

function flags(sub: SubInterfaceSettings): number {
  let f = 0;
  if (sub.default) f |= SUB_IF_FLAGS.DEFAULT;
  else {
    f |= sub.innerVlan !== undefined ? SUB_IF_FLAGS.TWO_TAGS : SUB_IF_FLAGS.ONE_TAG;
    if (sub.outerVlan === 'any') f |= SUB_IF_FLAGS.OUTER_VLAN_ID_ANY;
    if (sub.innerVlan === 'any') f |= SUB_IF_FLAGS.INNER_VLAN_ID_ANY;
  }
  if (sub.dot1ad) f |= SUB_IF_FLAGS.DOT1AD;
  if (sub.exactMatch) f |= SUB_IF_FLAGS.EXACT_MATCH;
  return f;
}

function subCli(name: string, s: SubInterfaceSettings): string {
  if (s.default) return `create sub-interfaces ${s.parent} ${s.subId} default`;
  const outer = s.outerVlan === 'any' ? 'any' : String(s.outerVlan ?? 0);
  const inner =
    s.innerVlan === undefined ? '' : ` inner-dot1q ${s.innerVlan === 'any' ? 'any' : s.innerVlan}`;
  void name;
  return `create sub-interfaces ${s.parent} ${s.subId} ${s.dot1ad ? 'dot1ad' : 'dot1q'} ${outer}${inner}${s.exactMatch ? ' exact-match' : ''}`;
}

// ---- calls ---------------------------------------------------------------------------------

const c = {
  flags: (n: string, up: boolean): ApiCall => ({
    message: 'sw_interface_set_flags',
    args: { sw_if_index: ifRefOf(n), flags: up ? 1 : 0 },
    cli: `set interface state ${n} ${up ? 'up' : 'down'}`,
  }),
  mtu: (n: string, mtu: readonly number[]): ApiCall => ({
    message: 'sw_interface_set_mtu',
    args: { sw_if_index: ifRefOf(n), mtu: [...mtu] },
    cli: `set interface mtu packet ${mtu[0]} ${n}`,
  }),
  hwMtu: (n: string, mtu: number): ApiCall => ({
    message: 'hw_interface_set_mtu',
    args: { sw_if_index: ifRefOf(n), mtu },
    cli: `set interface mtu ${mtu} ${n}`,
  }),
  mac: (n: string, mac: string): ApiCall => ({
    message: 'sw_interface_set_mac_address',
    args: { sw_if_index: ifRefOf(n), mac_address: mac },
    cli: `set interface mac address ${n} ${mac}`,
  }),
  tag: (n: string, tag: string): ApiCall =>
    tag
      ? {
          message: 'sw_interface_tag_add_del',
          args: { is_add: true, sw_if_index: ifRefOf(n), tag },
          cli: `set interface tag ${n} ${cliText(tag)}`,
        }
      : {
          message: 'sw_interface_tag_add_del',
          args: { is_add: false, sw_if_index: ifRefOf(n), tag: '' },
          cli: `clear interface tag ${n}`,
        },
  address: (n: string, prefix: string, add: boolean): ApiCall => ({
    message: 'sw_interface_add_del_address',
    args: { sw_if_index: ifRefOf(n), is_add: add, del_all: false, prefix },
    cli: `set interface ip address ${add ? '' : 'del '}${n} ${prefix}`,
  }),
  table: (n: string, f: Family, vrf: number): ApiCall => ({
    message: 'sw_interface_set_table',
    args: { sw_if_index: ifRefOf(n), is_ipv6: f === 'ip6', vrf_id: vrf },
    cli: `set interface ${f === 'ip6' ? 'ip6' : 'ip'} table ${n} ${vrf}`,
  }),
  unnumbered: (n: string, donor: string, add: boolean): ApiCall => ({
    message: 'sw_interface_set_unnumbered',
    args: { sw_if_index: ifRefOf(donor), unnumbered_sw_if_index: ifRefOf(n), is_add: add },
    cli: add ? `set interface unnumbered ${n} use ${donor}` : `set interface unnumbered del ${n}`,
  }),
  addMember: (bond: string, m: string, s: BondMember): ApiCall => ({
    message: 'bond_add_member',
    args: {
      sw_if_index: ifRefOf(m),
      bond_sw_if_index: ifRefOf(bond),
      is_passive: s.passive,
      is_long_timeout: s.longTimeout,
    },
    cli: `bond add ${bond} ${m}${s.passive ? ' passive' : ''}${s.longTimeout ? ' long-timeout' : ''}`,
  }),
  detachMember: (m: string): ApiCall => ({
    message: 'bond_detach_member',
    args: { sw_if_index: ifRefOf(m) },
    cli: `bond del ${m}`,
  }),
};

function createCall(i: Interface): ApiCall {
  switch (i.kind) {
    case 'loopback':
      return {
        message: 'create_loopback_instance',
        args: {
          mac_address: i.mac ?? '00:00:00:00:00:00',
          is_specified: true,
          user_instance: i.loopback.instance,
        },
        binds: bindIf(i.name),
        cli: `create loopback interface${i.mac ? ` mac ${i.mac}` : ''} instance ${i.loopback.instance}`,
      };
    case 'sub-interface':
      return {
        message: 'create_subif',
        args: {
          sw_if_index: ifRefOf(i.sub.parent),
          sub_id: i.sub.subId,
          sub_if_flags: flags(i.sub),
          outer_vlan_id: typeof i.sub.outerVlan === 'number' ? i.sub.outerVlan : 0,
          inner_vlan_id: typeof i.sub.innerVlan === 'number' ? i.sub.innerVlan : 0,
        },
        binds: bindIf(i.name),
        cli: subCli(i.name, i.sub),
      };
    case 'bond':
      return {
        message: 'bond_create2',
        args: {
          mode: BOND_MODES[i.bond.mode],
          lb: BOND_LB[i.bond.loadBalance],
          numa_only: i.bond.numaOnly,
          enable_gso: false,
          use_custom_mac: i.mac !== undefined,
          mac_address: i.mac ?? '00:00:00:00:00:00',
          id: i.bond.id,
        },
        binds: bindIf(i.name),
        cli: `create bond mode ${i.bond.mode}${
          i.bond.mode === 'xor' || i.bond.mode === 'lacp' ? ` load-balance ${i.bond.loadBalance}` : ''
        }${i.mac ? ` hw-addr ${i.mac}` : ''} id ${i.bond.id}`,
      };
    case 'hardware':
      throw new Error(
        `interface ${i.name} does not exist in VPP (hardware interfaces are configured, never created)`,
      );
    default: {
      const h = INTERFACE_TYPES.get(i.kind);
      if (!h) throw new Error(`creating ${i.kind} interfaces (${i.name}) is not supported`);
      return h.create(i);
    }
  }
}

function deleteCall(i: Interface, unbinds: readonly IdRef[]): ApiCall {
  switch (i.kind) {
    case 'loopback':
      return {
        message: 'delete_loopback',
        args: { sw_if_index: ifRefOf(i.name) },
        unbinds,
        cli: `delete loopback interface intfc ${i.name}`,
      };
    case 'sub-interface':
      return {
        message: 'delete_subif',
        args: { sw_if_index: ifRefOf(i.name) },
        unbinds,
        cli: `delete sub-interface ${i.name}`,
      };
    case 'bond':
      return {
        message: 'bond_delete',
        args: { sw_if_index: ifRefOf(i.name) },
        unbinds,
        cli: `delete bond ${i.name}`,
      };
    default: {
      const h = INTERFACE_TYPES.get(i.kind);
      if (!h) throw new Error(`vppstate cannot delete ${i.kind} interfaces (${i.name})`);
      return h.remove(i, unbinds);
    }
  }
}

const familyAddresses = (i: Interface | undefined, f: Family): string[] =>
  (i?.addresses ?? []).filter((a) => familyOf(a) === f);

// ---- ops -------------------------------------------------------------------------------------

function mtuKeys(
  i: Interface,
  raise: boolean,
): { provides?: string[]; needs?: string[]; removes?: string[]; releases?: string[] } {
  // Raise the parent first, lower the children first (VPP accepts either; vppstate keeps it sane).
  // After a link MTU change of the port: see resets().
  const parent = i.kind === 'sub-interface' ? i.sub.parent : undefined;
  return raise
    ? {
        provides: [key.mtuUp(i.name)],
        needs: [key.iface(i.name), ...(parent ? [key.mtuUp(parent)] : [])],
      }
    : {
        removes: [key.mtuDown(i.name)],
        needs: [key.iface(i.name)],
        releases: parent ? [key.mtuDown(parent)] : [],
      };
}

function withNeeds<T extends { needs?: string[] }>(k: T, more: string[]): T {
  return more.length ? { ...k, needs: [...(k.needs ?? []), ...more] } : k;
}

function tagFor(i: Interface, owned: boolean): string {
  return encodeTag(i.description, owned);
}

function createOps(d: Resource): Op[] {
  const i = withCreation(d.obj) as unknown as Interface;
  const op = opBuilder(d, 'create');
  const n = i.name;
  const me = key.iface(n);
  const ops: Op[] = [];
  const handler = INTERFACE_TYPES.get(i.kind);
  const parentNeeds = i.kind === 'sub-interface' ? [key.iface(i.sub.parent)] : (handler?.needs(i) ?? []);
  const create = createCall(i);
  ops.push(
    op({
      summary: `create ${i.kind} ${n}`,
      call: create,
      inverse: [deleteCall(i, [ifRefOf(n)])],
      provides: [me],
      needs: parentNeeds,
    }),
  );
  const tag = tagFor(i, true);
  ops.push(
    op({ field: 'description', summary: `tag ${JSON.stringify(tag)}`, call: c.tag(n, tag), needs: [me] }),
  );
  if (i.mac !== undefined && !macSetAtCreate(i))
    ops.push(op({ field: 'mac', summary: `set mac ${i.mac}`, call: c.mac(n, i.mac), needs: [me] }));
  if (i.mtu !== undefined && hasLinkMtu(i.kind))
    ops.push(
      op({
        field: LINK_MTU,
        summary: `set link mtu ${i.mtu}`,
        call: c.hwMtu(n, i.mtu),
        provides: [hwMtuKey(n)],
        needs: [me],
      }),
    );
  if (i.mtu !== undefined)
    ops.push(
      op({
        field: 'mtu',
        summary: `set mtu ${i.mtu}`,
        call: c.mtu(n, [i.mtu, 0, 0, 0]),
        ...withNeeds(mtuKeys(i, true), hasLinkMtu(i.kind) ? [hwMtuKey(n)] : []),
      }),
    );
  for (const f of FAMILIES) {
    const vrf = i.vrf[modelFamily(f)];
    if (vrf !== 0)
      ops.push(
        op({
          field: `vrf.${modelFamily(f)}`,
          summary: `bind ${f} table ${vrf}`,
          call: c.table(n, f, vrf),
          provides: [key.bind(n, f)],
          needs: [me, ...tableKeys(f, vrf)],
        }),
      );
    for (const a of familyAddresses(i, f)) ops.push(addAddressOp(op, i, a, f));
  }
  if (i.unnumbered)
    ops.push(
      op({
        field: 'unnumbered',
        summary: `unnumbered use ${i.unnumbered}`,
        call: c.unnumbered(n, i.unnumbered, true),
        needs: [me, key.iface(i.unnumbered), ...unnumberedBinds(n, i.unnumbered)],
      }),
    );
  if (i.kind === 'bond')
    for (const [m, s] of Object.entries(i.bond.members)) ops.push(addMemberOp(op, n, m, s, false));
  if (i.adminState === 'up')
    ops.push(op({ field: 'adminState', summary: 'admin up', call: c.flags(n, true), ...adminKeys(i, true) }));
  return ops;
}

/**
 * VPP brings a sub-interface up only under a parent that is up (-1 otherwise): a parent goes up
 * before its sub-interfaces, and down after them (so that a rollback, in reverse, works too).
 */
function adminKeys(i: Interface, up: boolean): Pick<Op, 'needs' | 'provides' | 'releases' | 'removes'> {
  const me = key.iface(i.name);
  const parent = i.kind === 'sub-interface' ? i.sub.parent : undefined;
  if (up)
    return parent
      ? { needs: [me, key.adminUp(parent)], provides: [key.adminUp(i.name)] }
      : { needs: [me], provides: [key.adminUp(i.name)] };
  return parent
    ? { needs: [me], releases: [key.adminUp(parent)], removes: [key.adminUp(i.name)] }
    : { needs: [me], removes: [key.adminUp(i.name)] };
}

/**
 * VPP makes an interface unnumbered only to a source in the same tables (-74 otherwise): after
 * both have moved to theirs.
 */
const unnumberedBinds = (n: string, donor: string): string[] =>
  FAMILIES.flatMap((f) => [key.bind(n, f), key.bind(donor, f)]);

type Build = ReturnType<typeof opBuilder>;

function addAddressOp(op: Build, i: Interface, a: string, f: Family, withInverse = false): Op {
  return op({
    field: 'addresses',
    summary: `add address ${a}`,
    call: c.address(i.name, a, true),
    inverse: withInverse ? [c.address(i.name, a, false)] : [],
    needs: [key.iface(i.name), key.bind(i.name, f)],
    // Deletions in the VRF first: moving an address between interfaces would otherwise be -105.
    removes: [key.addrSlot(f, i.vrf[modelFamily(f)])],
  });
}

function delAddressOp(op: Build, l: Interface, a: string, f: Family): Op {
  return op({
    field: 'addresses',
    summary: `remove address ${a}`,
    call: c.address(l.name, a, false),
    inverse: [c.address(l.name, a, true)],
    releases: [key.iface(l.name), key.addrsGone(l.name, f), key.addrSlot(f, l.vrf[modelFamily(f)])],
  });
}

function addMemberOp(op: Build, bond: string, m: string, s: BondMember, withInverse: boolean): Op {
  return op({
    field: `bond.members.${m}`,
    summary: `add member ${m}`,
    call: c.addMember(bond, m, s),
    inverse: withInverse ? [c.detachMember(m)] : [],
    needs: [key.iface(bond), key.iface(m), key.bondFree(m)],
    provides: [bondJoinedKey(m)],
  });
}

/** Local resource key: the member has joined its bond (which gave it the bond's MAC). */
const bondJoinedKey = (m: string): string => `bond-joined:${m}`;

function detachMemberOp(op: Build, bond: string, m: string, s: BondMember): Op {
  return op({
    field: `bond.members.${m}`,
    summary: `detach member ${m}`,
    call: c.detachMember(m),
    inverse: [c.addMember(bond, m, s)],
    releases: [key.iface(bond), key.iface(m)],
    provides: [key.bondFree(m)],
  });
}

/** Whether the create call itself sets the interface's MAC (else a set_mac_address follows). */
function macSetAtCreate(i: Interface): boolean {
  return i.kind === 'loopback' || i.kind === 'bond' || INTERFACE_TYPES.get(i.kind)?.macAtCreate === true;
}

/** The calls that bring a deleted interface back as it was (rollback of a delete). */
function recreateCalls(l: Resource, live: ObjectSet): ApiCall[] {
  const i = asInterface(l);
  const calls: ApiCall[] = [createCall(i)];
  const rawMtu = l.raw?.mtu;
  if (Array.isArray(rawMtu) && rawMtu.some((x) => x !== 0)) calls.push(c.mtu(i.name, rawMtu as number[]));
  // VPP draws a new MAC for some kinds (a VXLAN tunnel's is random): put the old one back
  if (i.mac !== undefined && !macSetAtCreate(i)) calls.push(c.mac(i.name, i.mac));
  const tag = typeof l.raw?.tag === 'string' ? l.raw.tag : tagFor(i, l.owned ?? false);
  if (tag) calls.push(c.tag(i.name, tag));
  if (i.adminState === 'up') {
    // Under a parent that is down (rollback to a state VPP reached), VPP brings it up only while the parent is up.
    const parent = i.kind === 'sub-interface' ? live.get(INTERFACE_KIND)?.get(i.sub.parent) : undefined;
    const moment = parent !== undefined && asInterface(parent).adminState === 'down';
    if (moment) calls.push(c.flags(parent.id, true));
    calls.push(c.flags(i.name, true));
    if (moment) calls.push(c.flags(parent.id, false));
  }
  return calls;
}

function deleteOps(l: Resource, ctx: OpContext): Op[] {
  const i = asInterface(l);
  const op = opBuilder(l, 'delete');
  const n = i.name;
  const ops: Op[] = [];
  if (i.kind === 'bond')
    for (const [m, s] of Object.entries(i.bond.members)) ops.push(detachMemberOp(op, n, m, s));
  if (i.unnumbered)
    ops.push(
      op({
        field: 'unnumbered',
        summary: 'unnumbered off',
        call: c.unnumbered(n, i.unnumbered, false),
        inverse: [c.unnumbered(n, i.unnumbered, true)],
        releases: [key.iface(n), key.iface(i.unnumbered)],
      }),
    );
  for (const f of FAMILIES) {
    for (const a of familyAddresses(i, f)) ops.push(delAddressOp(op, i, a, f));
    const vrf = i.vrf[modelFamily(f)];
    if (vrf !== 0)
      ops.push(
        op({
          field: `vrf.${modelFamily(f)}`,
          summary: `unbind ${f} table ${vrf}`,
          call: c.table(n, f, 0),
          inverse: [c.table(n, f, vrf)],
          removes: [key.addrsGone(n, f)],
          releases: [key.iface(n), ...tableKeys(f, vrf)],
        }),
      );
  }
  // VPP deletes sub-interfaces with their parent; they are planned explicitly (children first).
  const unbinds = [ifRefOf(n)];
  for (const other of ctx.live.get(INTERFACE_KIND)?.values() ?? []) {
    const o = asInterface(other);
    if (o.kind === 'sub-interface' && o.sub.parent === n) unbinds.push(ifRefOf(o.name));
  }
  ops.push(
    op({
      summary: `delete ${i.kind} ${n}`,
      call: deleteCall(i, unbinds),
      inverse: recreateCalls(l, ctx.live),
      removes: [key.iface(n), key.mtuDown(n)],
      releases:
        i.kind === 'sub-interface'
          ? [key.iface(i.sub.parent)]
          : (INTERFACE_TYPES.get(i.kind)?.needs(i) ?? []),
      provides: INTERFACE_TYPES.get(i.kind)?.frees?.(i),
    }),
  );
  return ops;
}

/**
 * Live sub-interfaces of `port` that stay as they are in the desired state (not deleted, not
 * recreated): VPP resets their L3 MTU to the port's whenever the port's link MTU changes.
 */
function keptSubs(port: string, ctx: OpContext): Array<{ live: Resource; desired: Resource }> {
  const out: Array<{ live: Resource; desired: Resource }> = [];
  const want = ctx.desired.get(INTERFACE_KIND);
  for (const r of ctx.live.get(INTERFACE_KIND)?.values() ?? []) {
    const li = asInterface(r);
    if (li.kind !== 'sub-interface' || li.sub.parent !== port) continue;
    const d = want?.get(r.id);
    if (d !== undefined && asInterface(d).kind === li.kind && jsonEqual(d.obj.sub, r.obj.sub))
      out.push({ live: r, desired: d });
  }
  return out;
}

const rawMtuOf = (l: Resource): number[] => {
  const raw = l.raw?.mtu;
  return Array.isArray(raw) ? (raw as number[]) : [asInterface(l).mtu ?? 0, 0, 0, 0];
};

function updateOps(d: Resource, l: Resource, fields: readonly FieldChange[], ctx: OpContext): Op[] {
  const di = asInterface(d);
  const li = asInterface(l);
  const op = opBuilder(d, 'update');
  const n = di.name;
  const me = key.iface(n);
  const has = (p: string): boolean => fields.some((f) => f.field === p || f.field.startsWith(`${p}.`));
  const ops: Op[] = [];
  const linkChanged = hasLinkMtu(di.kind) && has(LINK_MTU);
  if ((has('mtu') || linkChanged) && di.mtu !== undefined) {
    const old = li.mtu ?? 0;
    const rawOld = rawMtuOf(l);
    const swKeys = mtuKeys(di, di.mtu > old);
    if (linkChanged) {
      // hw_interface_set_mtu also resets the L3 MTU of the port and of every sub-interface on
      // it: hw first, then the sw MTUs (the sub-interfaces' ops need hwMtuKey); its inverse
      // puts them all back (rollback runs the sw ops' inverses first, then this one).
      const live = l.raw?.linkMtu ?? l.obj[LINK_MTU];
      const oldLink = typeof live === 'number' ? live : 0;
      const subs = keptSubs(n, ctx);
      ops.push(
        op({
          field: LINK_MTU,
          summary: `link mtu ${oldLink} → ${di.mtu}`,
          call: c.hwMtu(n, di.mtu),
          inverse: [
            c.hwMtu(n, oldLink),
            c.mtu(n, rawOld),
            ...subs.map(({ live: sl }) => c.mtu(sl.id, rawMtuOf(sl))),
          ],
          provides: [hwMtuKey(n), ...(di.mtu > oldLink ? [key.mtuUp(n)] : [])],
          needs: [me],
        }),
      );
      swKeys.needs = [...(swKeys.needs ?? []), hwMtuKey(n)];
    }
    ops.push(
      op({
        field: 'mtu',
        summary: `mtu ${old} → ${di.mtu}`,
        call: c.mtu(n, [di.mtu, 0, 0, 0]),
        inverse: [c.mtu(n, rawOld)],
        ...swKeys,
      }),
    );
  }
  if (has('mac') && di.mac !== undefined)
    ops.push(
      op({
        field: 'mac',
        summary: `mac ${li.mac ?? '-'} → ${di.mac}`,
        call: c.mac(n, di.mac),
        inverse: li.mac ? [c.mac(n, li.mac)] : [],
        needs: [me],
      }),
    );
  if (has('description')) {
    const oldTag = typeof l.raw?.tag === 'string' ? l.raw.tag : tagFor(li, l.owned ?? false);
    const tag = tagFor(di, l.owned ?? false);
    ops.push(
      op({
        field: 'description',
        summary: `tag ${JSON.stringify(oldTag)} → ${JSON.stringify(tag)}`,
        call: c.tag(n, tag),
        inverse: [c.tag(n, oldTag)],
        needs: [me],
      }),
    );
  }
  if (has('unnumbered')) {
    if (li.unnumbered)
      ops.push(
        op({
          field: 'unnumbered',
          summary: `unnumbered off (was ${li.unnumbered})`,
          call: c.unnumbered(n, li.unnumbered, false),
          inverse: [c.unnumbered(n, li.unnumbered, true)],
          releases: [key.iface(li.unnumbered)],
          provides: [`unnumbered-free:${n}`],
        }),
      );
    if (di.unnumbered)
      ops.push(
        op({
          field: 'unnumbered',
          summary: `unnumbered use ${di.unnumbered}`,
          call: c.unnumbered(n, di.unnumbered, true),
          inverse: [c.unnumbered(n, di.unnumbered, false)],
          needs: [me, key.iface(di.unnumbered), `unnumbered-free:${n}`, ...unnumberedBinds(n, di.unnumbered)],
        }),
      );
  }
  for (const f of FAMILIES) {
    const vf = modelFamily(f);
    const vrfChanged = has(`vrf.${vf}`);
    const liveA = familyAddresses(li, f);
    const desA = familyAddresses(di, f);
    let dels: string[];
    let adds: string[];
    if (vrfChanged) {
      // -114 otherwise: addresses of the family off, bind, addresses back on.
      dels = liveA;
      adds = desA;
    } else if (has('addresses')) {
      const ls = new Set(liveA);
      const ds = new Set(desA);
      dels = liveA.filter((a) => !ds.has(a));
      adds = desA.filter((a) => !ls.has(a));
    } else continue;
    for (const a of dels) ops.push(delAddressOp(op, li, a, f));
    if (vrfChanged) {
      const from = li.vrf[vf];
      const to = di.vrf[vf];
      ops.push(
        op({
          field: `vrf.${vf}`,
          summary: `${f} table ${from} → ${to}`,
          call: c.table(n, f, to),
          inverse: [c.table(n, f, from)],
          provides: [key.bind(n, f)],
          removes: [key.addrsGone(n, f)],
          // an unnumbered interface has its source's addresses: it moves once it no longer is
          needs: [me, ...tableKeys(f, to), `unnumbered-free:${n}`],
          releases: tableKeys(f, from),
        }),
      );
    }
    for (const a of adds) ops.push(addAddressOp(op, di, a, f, true));
  }
  if (di.kind === 'bond' && li.kind === 'bond' && has('bond.members')) {
    const dm = di.bond.members;
    const lm = (li as BondInterface).bond.members;
    for (const [m, s] of Object.entries(lm)) {
      const want = dm[m];
      if (!want || want.passive !== s.passive || want.longTimeout !== s.longTimeout)
        ops.push(detachMemberOp(op, n, m, s));
    }
    for (const [m, s] of Object.entries(dm)) {
      const had = lm[m];
      if (!had || had.passive !== s.passive || had.longTimeout !== s.longTimeout)
        ops.push(addMemberOp(op, n, m, s, true));
    }
  }
  if (has('adminState'))
    ops.push(
      op({
        field: 'adminState',
        summary: `admin ${li.adminState} → ${di.adminState}`,
        call: c.flags(n, di.adminState === 'up'),
        inverse: [c.flags(n, li.adminState === 'up')],
        ...adminKeys(di, di.adminState === 'up'),
      }),
    );
  return ops;
}

// ---- transitions -------------------------------------------------------------------------------

/** The VRF kind (src/model/kinds/vrf.ts), whose tables interfaces are bound to. */
const VRF_KIND = 'vrf';

/**
 * What VPP does to an interface when what it refers to goes (each measured on VPP v26.10):
 * a sub-interface is deleted with its parent; a memif socket cannot be deleted while a memif
 * uses it (-74); a VXLAN tunnel needs its encap table; an unnumbered interface keeps pointing at
 * its deleted source's index; a bond loses a deleted member; a table (which VPP cannot rename)
 * is recreated without the interfaces bound to it: they leave it, addresses of that family off,
 * and come back.
 */
function refs(o: KindObject): Reference[] {
  const i = o as unknown as Interface;
  const out: Reference[] = [];
  if (i.kind === 'sub-interface') out.push({ kind: INTERFACE_KIND, id: i.sub.parent, drop: 'object' });
  if (i.kind === 'memif' && i.memif.socketId !== 0)
    out.push({ kind: MEMIF_SOCKET_KIND, id: String(i.memif.socketId), drop: 'object' });
  if (i.kind === 'vxlan' && i.vxlan.encapVrf !== 0)
    out.push({ kind: VRF_KIND, id: String(i.vxlan.encapVrf), drop: 'object' });
  if (i.unnumbered) out.push({ kind: INTERFACE_KIND, id: i.unnumbered, drop: 'part' });
  if (i.kind === 'bond')
    for (const m of Object.keys(i.bond.members)) out.push({ kind: INTERFACE_KIND, id: m, drop: 'part' });
  for (const id of new Set([i.vrf.ipv4, i.vrf.ipv6]))
    if (id !== 0) out.push({ kind: VRF_KIND, id: String(id), drop: 'part' });
  return out;
}

function detach(o: KindObject, target: { readonly kind: string; readonly id: string }): KindObject {
  const i = o as unknown as Interface;
  const out: Record<string, unknown> = { ...i };
  if (target.kind === INTERFACE_KIND) {
    if (i.unnumbered === target.id) delete out.unnumbered;
    if (i.kind === 'bond' && target.id in i.bond.members) {
      const { [target.id]: _gone, ...members } = i.bond.members;
      void _gone;
      out.bond = { ...i.bond, members };
    }
  } else if (target.kind === VRF_KIND) {
    const vrf = { ...i.vrf };
    let addresses = i.addresses;
    for (const f of FAMILIES) {
      const mf = modelFamily(f);
      if (String(vrf[mf]) !== target.id) continue;
      vrf[mf] = 0;
      addresses = addresses.filter((a) => familyOf(a) !== f);
    }
    out.vrf = vrf;
    out.addresses = addresses;
  }
  return out as KindObject;
}

/**
 * Keys VPP refuses a second interface under, besides its name: a sub-interface's tags on its
 * parent ("vlan is already in use", -1; exact-match is left out, so the rule is if anything
 * stricter than VPP), a VXLAN tunnel's endpoints, UDP port, encap table and VNI (-75
 * TUNNEL_EXIST; IPv6 and multicast tunnels are found without their source).
 */
function vppKeys(o: KindObject): string[] {
  const i = o as unknown as Interface;
  if (i.kind === 'sub-interface') {
    const s = i.sub;
    const tags = s.default
      ? 'default'
      : `${s.dot1ad ? 'dot1ad' : 'dot1q'} ${s.outerVlan ?? 0}${s.innerVlan !== undefined ? ` inner ${s.innerVlan}` : ''}`;
    return [`sub-interface ${s.parent} ${tags}`];
  }
  if (i.kind === 'vxlan') {
    const v = (i as VxlanInterface).vxlan;
    const withSource = familyOf(v.destination) === 'ip4' && !isMulticast(v.destination);
    return [
      `vxlan ${withSource ? `${v.source} → ` : ''}${v.destination} port ${v.port} encap-vrf ${v.encapVrf} vni ${v.vni}`,
    ];
  }
  return [];
}

const isMulticast = (a: string): boolean =>
  a.includes(':')
    ? a.toLowerCase().startsWith('ff')
    : Number(a.split('.')[0]) >= 224 && Number(a.split('.')[0]) <= 239;

function bondMembersOf(r: Resource | undefined): Record<string, BondMember> {
  const i = r ? asInterface(r) : undefined;
  return i?.kind === 'bond' ? i.bond.members : {};
}

const sameMember = (a: BondMember | undefined, b: BondMember | undefined): boolean =>
  a !== undefined && b !== undefined && a.passive === b.passive && a.longTimeout === b.longTimeout;

/**
 * Settings VPP resets as a side effect (VPP v26.10, measured):
 * - a member leaving its bond (detached, or the bond deleted) gets back the MAC it had when it
 *   joined, whatever was set since; a member joining takes the bond's MAC;
 * - a hardware port's link MTU sets the L3 MTU of the port and of every sub-interface on it.
 */
function resets(ch: ObjectChange, ctx: OpContext): Reset[] {
  const out: Reset[] = [];
  const n = ch.id;
  const before = ch.action === 'create' ? {} : bondMembersOf(ch.live);
  const after = ch.action === 'delete' ? {} : bondMembersOf(ch.desired);
  const recreated = ch.action === 'replace';
  for (const [m, s] of Object.entries(before))
    if (recreated || !sameMember(s, after[m]))
      out.push({
        kind: INTERFACE_KIND,
        id: m,
        field: 'mac',
        after: key.bondFree(m),
        why: `VPP gives a member back its own MAC when it leaves ${n}`,
      });
  // The first member to join a bond created without a MAC of its own lends it its MAC (and VPP
  // does not tell whether it was): the bond's MAC is set again after.
  const wasEmpty = Object.keys(before).length === 0;
  for (const [m, s] of Object.entries(after))
    if (recreated || !sameMember(s, before[m])) {
      out.push({
        kind: INTERFACE_KIND,
        id: m,
        field: 'mac',
        after: bondJoinedKey(m),
        why: `VPP gives a member the MAC of ${n} when it joins`,
      });
      if (wasEmpty)
        out.push({
          kind: INTERFACE_KIND,
          id: n,
          field: 'mac',
          after: bondJoinedKey(m),
          why: `a bond without a MAC of its own takes its first member's`,
        });
    }
  const d = ch.desired ? asInterface(ch.desired) : undefined;
  if (ch.action === 'update' && d && hasLinkMtu(d.kind) && ch.fields.some((f) => f.field === LINK_MTU)) {
    const why = `the link mtu of ${n} resets it`;
    const reset = (id: string): Reset => ({
      kind: INTERFACE_KIND,
      id,
      field: 'mtu',
      after: hwMtuKey(n),
      why,
      ...(d.mtu !== undefined ? { to: d.mtu } : {}),
    });
    out.push(reset(n));
    const subs = new Set<string>();
    for (const set of [ctx.live, ctx.desired])
      for (const r of set.get(INTERFACE_KIND)?.values() ?? []) {
        const o = asInterface(r);
        if (o.kind === 'sub-interface' && o.sub.parent === n) subs.add(r.id);
      }
    for (const s of subs) out.push(reset(s));
  }
  return out;
}

// ---- read ------------------------------------------------------------------------------------

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

async function read(ctx: ReadContext): Promise<Resource[]> {
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

/**
 * Errnos a retried call meets when its lost first attempt was done: INVALID_REGISTRATION is a
 * loopback instance in use, VALUE_EXIST a bond member or memif, ADDRESS_IN_USE an IPv4 address
 * and DUPLICATE_IF_ADDRESS an IPv6 one (VPP v26.10 answers so for the same interface too),
 * INSTANCE_IN_USE a bond id.
 */
const ALREADY = new Set(
  ['INVALID_REGISTRATION', 'VALUE_EXIST', 'ADDRESS_IN_USE', 'DUPLICATE_IF_ADDRESS', 'INSTANCE_IN_USE'].map(
    retvalOf,
  ),
);

/** A create whose reply was lost: the interface VPP made, found by its name. */
async function recoverCreate(call: ApiCall, caller: ReadContext['caller']): Promise<ApiMessage | undefined> {
  const b = call.binds;
  if (b === undefined || b.ref.$ref !== IF_NS) return undefined;
  const found = await caller.dump('sw_interface_dump', {
    sw_if_index: NO_INDEX,
    name_filter_valid: true,
    name_filter: b.ref.name,
  });
  const d = found.find((x) => x.interface_name === b.ref.name);
  return d ? { retval: 0, [b.field]: d.sw_if_index } : undefined;
}

export const interfaceKind: KindModule = {
  kind: INTERFACE_KIND,
  title: 'interfaces',
  section: 'interfaces',
  identity: ['name'],
  retry: { recover: recoverCreate, alreadyDone: (_call, retval) => ALREADY.has(retval) },
  immutable: [
    'kind',
    'loopback',
    'sub',
    'bond.id',
    'bond.mode',
    'bond.loadBalance',
    'bond.numaOnly',
    'memif',
    'tap',
    'vxlan',
  ],
  unmanagedWhenUndefined: UNMANAGED_WHEN_UNDEFINED,
  notCompared: new Set([CREATION]),
  taggable: true,
  fromModel: (o) => interfaceObject(o as Interface),
  toModel: (o) => {
    const { [LINK_MTU]: _link, ...rest } = withCreation(o);
    void _link;
    return {
      acls: { input: [], output: [] },
      nat44: { inside: false, outside: false, output: false },
      macswap: false,
      ...rest,
    };
  },
  read,
  refs,
  detach,
  vppKeys,
  resets,
  create: (d) => createOps(d),
  update: (d, l, fields, ctx) => updateOps(d, l, fields, ctx),
  delete: (l, ctx) => deleteOps(l, ctx),
};
