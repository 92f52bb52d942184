/**
 * The interface kind: its module (identity, comparison, retries); the object it compares is in
 * interface-object.ts, the calls in interface-calls.ts, create/delete ops in interface-ops.ts,
 * in-place updates in interface-update.ts, the reader in interface-read.ts.
 */
import { retvalOf } from '../../api/errno.js';
import type { ApiMessage } from '../../api/types.js';
import type { BondMember, Interface, VxlanInterface } from '../types.js';
import { MEMIF_SOCKET_KIND } from './interface-types.js';
import { key } from './ops.js';
import type {
  ApiCall,
  KindModule,
  KindObject,
  ObjectChange,
  OpContext,
  ReadContext,
  Reference,
  Reset,
  Resource,
} from './types.js';
import { IF_NS, FAMILIES, familyOf, modelFamily, NO_INDEX } from './util.js';
import {
  CREATION,
  INTERFACE_KIND,
  LINK_MTU,
  UNMANAGED_WHEN_UNDEFINED,
  asInterface,
  hasLinkMtu,
  hwMtuKey,
  interfaceObject,
  withCreation,
} from './interface-object.js';
import { bondJoinedKey, createOps, deleteOps } from './interface-ops.js';
import { updateOps } from './interface-update.js';
import { read } from './interface-read.js';

/** The VRF kind (src/model/kinds/vrf.ts), whose tables interfaces are bound to. */
const VRF_KIND = 'vrf';

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

export function detach(o: KindObject, target: { readonly kind: string; readonly id: string }): KindObject {
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
export function resets(ch: ObjectChange, ctx: OpContext): Reset[] {
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
export { asInterface, INTERFACE_KIND, interfaceObject } from './interface-object.js';
