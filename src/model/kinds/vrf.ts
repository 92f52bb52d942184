import type { Vrf, VrfTable } from '../types.js';
import { asInterface, INTERFACE_KIND } from './interface.js';
import { key } from './ops.js';
import { opBuilder } from './ops.js';
import type {
  ApiCall,
  FieldChange,
  KindModule,
  KindObject,
  ObjectSet,
  Op,
  ReadContext,
  Resource,
} from './types.js';
import { defaultVrfTableName } from '../defaults.js';
import { bool, FAMILIES, modelFamily, num, obj, str, type Family } from './util.js';

export const VRF_KIND = 'vrf';
const defaultName = (f: Family, id: number): string => defaultVrfTableName(modelFamily(f), id);

const asVrf = (r: Resource): Vrf => r.obj as unknown as Vrf;

function tableCall(f: Family, id: number, name: string, add: boolean): ApiCall {
  // VPP names an unnamed table itself; sending its default name back is the same as none.
  const n = name === defaultName(f, id) ? '' : name;
  return {
    message: 'ip_table_add_del',
    args: { is_add: add, table: { table_id: id, is_ip6: f === 'ip6', name: add ? n : '' } },
    cli: `${f === 'ip6' ? 'ip6' : 'ip'} table ${add ? 'add' : 'del'} ${id}${add && n ? ` name ${n}` : ''}`,
  };
}

function addOp(r: Resource, action: 'create' | 'update', f: Family, t: VrfTable, inverse: boolean): Op {
  const v = asVrf(r);
  return opBuilder(
    r,
    action,
  )({
    field: modelFamily(f),
    summary: `create ${f} table ${v.id}${t.name !== defaultName(f, v.id) ? ` "${t.name}"` : ''}`,
    call: tableCall(f, v.id, t.name, true),
    inverse: inverse ? [tableCall(f, v.id, t.name, false)] : [tableCall(f, v.id, t.name, false)],
    provides: [key.table(f, v.id)],
  });
}

function delOp(r: Resource, action: 'delete' | 'update', f: Family, t: VrfTable): Op {
  const v = asVrf(r);
  return opBuilder(
    r,
    action,
  )({
    field: modelFamily(f),
    summary: `delete ${f} table ${v.id}`,
    call: tableCall(f, v.id, t.name, false),
    inverse: [tableCall(f, v.id, t.name, true)],
    removes: [key.table(f, v.id)],
  });
}

async function read(ctx: ReadContext): Promise<Resource[]> {
  const byId = new Map<number, Record<string, unknown>>();
  for (const d of await ctx.caller.dump('ip_table_dump', {})) {
    const t = obj(d, 'table');
    const id = num(t, 'table_id');
    if (id === 0) continue;
    const f: Family = bool(t, 'is_ip6') ? 'ip6' : 'ip4';
    const v = byId.get(id) ?? { id };
    v[modelFamily(f)] = { name: str(t, 'name') || defaultName(f, id) };
    byId.set(id, v);
  }
  return [...byId.entries()].map(([id, v]) => ({ kind: VRF_KIND, id: String(id), obj: v as KindObject }));
}

export const vrfKind: KindModule = {
  kind: VRF_KIND,
  title: 'vrfs',
  section: 'vrfs',
  identity: ['id'],
  // VPP names a table when it creates it and never renames it (ip_table_add_del on an existing
  // table keeps the old name): a new name is a new table.
  immutable: ['id', 'ipv4.name', 'ipv6.name'],
  taggable: false,
  read,
  create(d) {
    const v = asVrf(d);
    return FAMILIES.flatMap((f) => {
      const t = v[modelFamily(f)];
      return t ? [addOp(d, 'create', f, t, true)] : [];
    });
  },
  update(d, l, fields: readonly FieldChange[]) {
    const dv = asVrf(d);
    const lv = asVrf(l);
    const ops: Op[] = [];
    for (const f of FAMILIES) {
      const fl = modelFamily(f);
      if (!fields.some((c) => c.field === fl || c.field.startsWith(`${fl}.`))) continue;
      const want = dv[fl];
      const have = lv[fl];
      if (want && !have) ops.push(addOp(d, 'update', f, want, true));
      else if (!want && have) ops.push(delOp(l, 'update', f, have));
    }
    return ops;
  },
  delete(l) {
    const v = asVrf(l);
    return FAMILIES.flatMap((f) => {
      const t = v[modelFamily(f)];
      return t ? [delOp(l, 'delete', f, t)] : [];
    });
  },
  ownedBy(l: Resource, live: ObjectSet): boolean {
    // No tag on tables: a table belongs to vppstate while one of its interfaces does.
    const id = Number(l.id);
    for (const r of live.get(INTERFACE_KIND)?.values() ?? [])
      if (r.owned && (asInterface(r).vrf.ipv4 === id || asInterface(r).vrf.ipv6 === id)) return true;
    return false;
  },
};
