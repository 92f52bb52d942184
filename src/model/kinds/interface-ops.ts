/** Ops of the interface kind: create and delete, and the op builders and ordering keys update shares. */
import { jsonEqual } from '../../plan/diff.js';
import type { BondMember, Interface } from '../types.js';
import { key, opBuilder, tableKeys } from './ops.js';
import type { Op, OpContext, Resource } from './types.js';
import { FAMILIES, ifRefOf, modelFamily, type Family } from './util.js';
import {
  INTERFACE_KIND,
  LINK_MTU,
  asInterface,
  hasLinkMtu,
  hwMtuKey,
  withCreation,
} from './interface-object.js';
import {
  c,
  createCall,
  deleteCall,
  familyAddresses,
  macSetAtCreate,
  recreateCalls,
  tagFor,
  creatorOf,
} from './interface-calls.js';

/**
 * VPP makes an interface unnumbered only to a source in the same tables (-74 otherwise): after
 * both have moved to theirs.
 */
export const unnumberedBinds = (n: string, donor: string): string[] =>
  FAMILIES.flatMap((f) => [key.bind(n, f), key.bind(donor, f)]);

/** Local resource key: the member has joined its bond (which gave it the bond's MAC). */
export const bondJoinedKey = (m: string): string => `bond-joined:${m}`;

export function mtuKeys(
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

export function createOps(d: Resource): Op[] {
  const i = withCreation(d.obj) as unknown as Interface;
  const op = opBuilder(d, 'create');
  const n = i.name;
  const me = key.iface(n);
  const ops: Op[] = [];
  const parentNeeds = creatorOf(i.kind)?.needs(i) ?? [];
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
export function adminKeys(
  i: Interface,
  up: boolean,
): Pick<Op, 'needs' | 'provides' | 'releases' | 'removes'> {
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

type Build = ReturnType<typeof opBuilder>;

export function addAddressOp(op: Build, i: Interface, a: string, f: Family, withInverse = false): Op {
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

export function delAddressOp(op: Build, l: Interface, a: string, f: Family): Op {
  return op({
    field: 'addresses',
    summary: `remove address ${a}`,
    call: c.address(l.name, a, false),
    inverse: [c.address(l.name, a, true)],
    releases: [key.iface(l.name), key.addrsGone(l.name, f), key.addrSlot(f, l.vrf[modelFamily(f)])],
  });
}

export function addMemberOp(op: Build, bond: string, m: string, s: BondMember, withInverse: boolean): Op {
  return op({
    field: `bond.members.${m}`,
    summary: `add member ${m}`,
    call: c.addMember(bond, m, s),
    inverse: withInverse ? [c.detachMember(m)] : [],
    needs: [key.iface(bond), key.iface(m), key.bondFree(m)],
    provides: [bondJoinedKey(m)],
  });
}

export function detachMemberOp(op: Build, bond: string, m: string, s: BondMember): Op {
  return op({
    field: `bond.members.${m}`,
    summary: `detach member ${m}`,
    call: c.detachMember(m),
    inverse: [c.addMember(bond, m, s)],
    releases: [key.iface(bond), key.iface(m)],
    provides: [key.bondFree(m)],
  });
}

export function deleteOps(l: Resource, ctx: OpContext): Op[] {
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
      releases: creatorOf(i.kind)?.needs(i) ?? [],
      provides: creatorOf(i.kind)?.frees?.(i),
    }),
  );
  return ops;
}

/**
 * Live sub-interfaces of `port` that stay as they are in the desired state (not deleted, not
 * recreated): VPP resets their L3 MTU to the port's whenever the port's link MTU changes.
 */
export function keptSubs(port: string, ctx: OpContext): Array<{ live: Resource; desired: Resource }> {
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

export const rawMtuOf = (l: Resource): number[] => {
  const raw = l.raw?.mtu;
  return Array.isArray(raw) ? (raw as number[]) : [asInterface(l).mtu ?? 0, 0, 0, 0];
};
