/** Ops that change an interface in place, field by field. */
import type { BondInterface } from '../types.js';
import { key, opBuilder, tableKeys } from './ops.js';
import type { FieldChange, Op, OpContext, Resource } from './types.js';
import { FAMILIES, modelFamily } from './util.js';
import { LINK_MTU, asInterface, hasLinkMtu, hwMtuKey } from './interface-object.js';
import { c, familyAddresses, tagFor } from './interface-calls.js';
import {
  addAddressOp,
  addMemberOp,
  adminKeys,
  delAddressOp,
  detachMemberOp,
  keptSubs,
  mtuKeys,
  rawMtuOf,
  unnumberedBinds,
} from './interface-ops.js';

export function updateOps(d: Resource, l: Resource, fields: readonly FieldChange[], ctx: OpContext): Op[] {
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
