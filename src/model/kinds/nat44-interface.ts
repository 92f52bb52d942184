/**
 * An interface's NAT44-ED roles: inside and/or outside (nat44_interface_add_del_feature), or the
 * output feature (nat44_ed_add_del_output_interface, read back through the cursor service
 * nat44_ed_output_interface_get). The output feature excludes the other two (VPP: -81), so a
 * role leaves before its rival comes. Roles need NAT44 enabled, and go when it is disabled.
 */
import type { Nat44InterfaceRoles } from '../types.js';
import { INTERFACE_KIND } from './interface.js';
import { NAT44_KEY, NAT44_KIND, NAT44_PLUGIN } from './nat44.js';
import { key, opBuilder } from './ops.js';
import { dumpOrNone, perInterface } from './per-interface.js';
import {
  SINGLETON_ID,
  type ApiCall,
  type KindModule,
  type KindObject,
  type Op,
  type ReadContext,
  type Resource,
} from './types.js';
import { ifRefOf, isUnsupported, num } from './util.js';

export const NAT44_INTERFACE_KIND = 'nat44-interface';

const NAT_IS_OUTSIDE = 16;
const NAT_IS_INSIDE = 32;
type Role = keyof Nat44InterfaceRoles;
const ROLES: readonly Role[] = ['inside', 'outside', 'output'];

const asRoles = (r: Resource): Nat44InterfaceRoles => r.obj as unknown as Nat44InterfaceRoles;

function roleCall(itf: string, role: Role, add: boolean): ApiCall {
  if (role === 'output')
    return {
      message: 'nat44_ed_add_del_output_interface',
      args: { is_add: add, sw_if_index: ifRefOf(itf) },
      cli: `set interface nat44 out ${itf} output-feature${add ? '' : ' del'}`,
    };
  return {
    message: 'nat44_interface_add_del_feature',
    args: {
      is_add: add,
      flags: role === 'inside' ? NAT_IS_INSIDE : NAT_IS_OUTSIDE,
      sw_if_index: ifRefOf(itf),
    },
    cli: `set interface nat44 ${role === 'inside' ? 'in' : 'out'} ${itf}${add ? '' : ' del'}`,
  };
}

/** Resource key: the interface holds no NAT44 role the next one would clash with. */
const freeKey = (itf: string): string => `nat44-free:${itf}`;

function roleOps(
  r: Resource,
  action: 'create' | 'update' | 'delete',
  from: Nat44InterfaceRoles,
  to: Nat44InterfaceRoles,
): Op[] {
  const op = opBuilder(r, action);
  const itf = r.id;
  const ops: Op[] = [];
  for (const role of ROLES)
    if (from[role] && !to[role])
      ops.push(
        op({
          field: role,
          summary: `NAT44 ${role} off`,
          call: roleCall(itf, role, false),
          inverse: [roleCall(itf, role, true)],
          releases: [key.iface(itf), NAT44_KEY],
          provides: [freeKey(itf)],
        }),
      );
  for (const role of ROLES)
    if (to[role] && !from[role])
      ops.push(
        op({
          field: role,
          summary: `NAT44 ${role}`,
          call: roleCall(itf, role, true),
          inverse: [roleCall(itf, role, false)],
          needs: [key.iface(itf), NAT44_KEY, freeKey(itf)],
        }),
      );
  return ops;
}

const NONE: Nat44InterfaceRoles = { inside: false, outside: false, output: false };

async function read(ctx: ReadContext): Promise<Resource[]> {
  const roles = new Map<string, Nat44InterfaceRoles>();
  const get = (sw: number): Nat44InterfaceRoles | undefined => {
    const itf = ctx.ifName.get(sw);
    if (itf === undefined) return undefined;
    let r = roles.get(itf);
    if (!r) roles.set(itf, (r = { ...NONE }));
    return r;
  };
  for (const d of await dumpOrNone(() => ctx.caller.dump('nat44_interface_dump'))) {
    const r = get(num(d, 'sw_if_index'));
    if (!r) continue;
    const f = num(d, 'flags');
    if (f & NAT_IS_INSIDE) r.inside = true;
    if (f & NAT_IS_OUTSIDE) r.outside = true;
  }
  try {
    for await (const d of ctx.caller.detailsIter('nat44_ed_output_interface_get', { cursor: 0 })) {
      const r = get(num(d, 'sw_if_index'));
      if (r) r.output = true;
    }
  } catch (err) {
    if (!isUnsupported(err)) throw err;
  }
  return [...roles].map(([itf, r]) => ({
    kind: NAT44_INTERFACE_KIND,
    id: itf,
    obj: r as unknown as KindObject,
  }));
}

const parts = perInterface({
  field: 'nat44',
  yaml: 'nat44',
  fromInterface: (i) =>
    i.nat44.inside || i.nat44.outside || i.nat44.output
      ? ({ ...i.nat44 } as unknown as KindObject)
      : undefined,
  intoInterface: (i, o) => {
    i.nat44 = { ...(o as unknown as Nat44InterfaceRoles) };
  },
});

export const nat44InterfaceKind: KindModule = {
  kind: NAT44_INTERFACE_KIND,
  title: 'NAT44 interfaces',
  section: '',
  ...parts,
  // a role goes with its interface, and with NAT44 itself (a disable forgets every role)
  goesWith: (l) => [...(parts.goesWith?.(l) ?? []), { kind: NAT44_KIND, id: SINGLETON_ID }],
  readAfter: [INTERFACE_KIND],
  immutable: [],
  taggable: false,
  plugin: NAT44_PLUGIN,
  features: ['nat-*', 'nat44-*', 'ip4-sv-reassembly-*'],
  read,
  create: (d) => roleOps(d, 'create', NONE, asRoles(d)),
  update: (d, l) => roleOps(d, 'update', asRoles(l), asRoles(d)),
  delete: (l) => roleOps(l, 'delete', asRoles(l), NONE),
};
