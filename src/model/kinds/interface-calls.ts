/**
 * The API calls of the interface kind, each with its vppctl text: create and delete per interface
 * type (InterfaceCreator), and the calls that set what every interface has.
 */
import { SUB_IF_FLAGS } from '../../api/sub-if-flags.js';
import type { BondMember, BondMode, BondLoadBalance, Interface, SubInterfaceSettings } from '../types.js';
import { INTERFACE_TYPES, type InterfaceCreator } from './interface-types.js';
import { key } from './ops.js';
import { encodeTag } from './owner.js';
import type { ApiCall, IdRef, ObjectSet, Resource } from './types.js';
import { bindIf, cliText, familyOf, ifRefOf, type Family } from './util.js';
import { INTERFACE_KIND, asInterface } from './interface-object.js';

export const BOND_MODES: Record<BondMode, number> = {
  'round-robin': 1,
  'active-backup': 2,
  xor: 3,
  broadcast: 4,
  lacp: 5,
};

export const BOND_LB: Record<BondLoadBalance, number> = { l2: 0, l34: 1, l23: 2 };

export function flags(sub: SubInterfaceSettings): number {
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

export const c = {
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

/** Loopbacks, sub-interfaces, bonds; memif, tap and VXLAN are INTERFACE_TYPES (with settings). */
const CREATORS: Readonly<Record<string, InterfaceCreator>> = {
  loopback: {
    create: (i) => {
      if (i.kind !== 'loopback') throw new Error(`${i.name} is no loopback`);
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
    },
    remove: (i, unbinds) => ({
      message: 'delete_loopback',
      args: { sw_if_index: ifRefOf(i.name) },
      unbinds,
      cli: `delete loopback interface intfc ${i.name}`,
    }),
    needs: () => [],
    macAtCreate: true,
  },
  'sub-interface': {
    create: (i) => {
      if (i.kind !== 'sub-interface') throw new Error(`${i.name} is no sub-interface`);
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
    },
    remove: (i, unbinds) => ({
      message: 'delete_subif',
      args: { sw_if_index: ifRefOf(i.name) },
      unbinds,
      cli: `delete sub-interface ${i.name}`,
    }),
    needs: (i) => (i.kind === 'sub-interface' ? [key.iface(i.sub.parent)] : []),
    macAtCreate: false,
  },
  bond: {
    create: (i) => {
      if (i.kind !== 'bond') throw new Error(`${i.name} is no bond`);
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
    },
    remove: (i, unbinds) => ({
      message: 'bond_delete',
      args: { sw_if_index: ifRefOf(i.name) },
      unbinds,
      cli: `delete bond ${i.name}`,
    }),
    needs: () => [],
    macAtCreate: true,
  },
};

/** How to create and delete an interface of this kind; undefined for hardware (never created). */
export function creatorOf(kind: string): InterfaceCreator | undefined {
  return (Object.hasOwn(CREATORS, kind) ? CREATORS[kind] : undefined) ?? INTERFACE_TYPES.get(kind);
}

export function createCall(i: Interface): ApiCall {
  if (i.kind === 'hardware')
    throw new Error(
      `interface ${i.name} does not exist in VPP (hardware interfaces are configured, never created)`,
    );
  const h = creatorOf(i.kind);
  if (!h) throw new Error(`creating ${i.kind} interfaces (${i.name}) is not supported`);
  return h.create(i);
}

export function deleteCall(i: Interface, unbinds: readonly IdRef[]): ApiCall {
  const h = creatorOf(i.kind);
  if (!h) throw new Error(`vppstate cannot delete ${i.kind} interfaces (${i.name})`);
  return h.remove(i, unbinds);
}

export const familyAddresses = (i: Interface | undefined, f: Family): string[] =>
  (i?.addresses ?? []).filter((a) => familyOf(a) === f);

export function tagFor(i: Interface, owned: boolean): string {
  return encodeTag(i.description, owned);
}

/** Whether the create call itself sets the interface's MAC (else a set_mac_address follows). */
export function macSetAtCreate(i: Interface): boolean {
  return creatorOf(i.kind)?.macAtCreate === true;
}

/** The calls that bring a deleted interface back as it was (rollback of a delete). */
export function recreateCalls(l: Resource, live: ObjectSet): ApiCall[] {
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
