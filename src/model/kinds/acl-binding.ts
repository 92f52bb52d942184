/**
 * The ACLs an interface applies, input and output, in order (acl_interface_set_acl_list, read
 * back with acl_interface_list_dump). The list refers to ACLs by name; the acl_index VPP gave each
 * is resolved when the call is sent. An ACL a binding uses is created before it and deleted after
 * the binding has left it.
 */
import type { AclBinding } from '../types.js';
import { ACL_KIND, ACL_NS, ACL_PLUGIN, aclKey, aclRef } from './acl.js';
import { INTERFACE_KIND } from './interface.js';
import { key, opBuilder } from './ops.js';
import { dumpOrNone, perInterface } from './per-interface.js';
import type { ApiCall, KindModule, KindObject, ReadContext, Resource } from './types.js';
import { arr, ifRefOf, NO_INDEX, num } from './util.js';

export const ACL_BINDING_KIND = 'acl-binding';

const asBinding = (r: Resource): AclBinding => r.obj as unknown as AclBinding;

/** The whole list in one call; vppctl takes one ACL per command, by its index. */
function setCall(itf: string, b: AclBinding, old: AclBinding): ApiCall {
  const acls = [...b.input, ...b.output];
  const line = (dir: string, a: string, del: boolean): string =>
    `set acl-plugin interface ${itf} ${dir} acl <index of ${a}>${del ? ' del' : ''}`;
  return {
    message: 'acl_interface_set_acl_list',
    args: { sw_if_index: ifRefOf(itf), count: acls.length, n_input: b.input.length, acls: acls.map(aclRef) },
    cli: [
      ...old.input.map((a) => line('input', a, true)),
      ...old.output.map((a) => line('output', a, true)),
      ...b.input.map((a) => line('input', a, false)),
      ...b.output.map((a) => line('output', a, false)),
    ].join('\n'),
  };
}

const NONE: AclBinding = { input: [], output: [] };
const aclKeys = (b: AclBinding): string[] => [...new Set([...b.input, ...b.output])].map(aclKey);

async function read(ctx: ReadContext): Promise<Resource[]> {
  const names = new Map<number, string>();
  for (const [name, index] of ctx.ids.of(ACL_NS)) names.set(index, name);
  const out: Resource[] = [];
  const details = await dumpOrNone(() =>
    ctx.caller.dump('acl_interface_list_dump', { sw_if_index: NO_INDEX }),
  );
  for (const d of details) {
    // VPP lists every index up to the highest configured, empty lists included (09 step 15)
    const itf = ctx.ifName.get(num(d, 'sw_if_index'));
    const acls = arr(d, 'acls').map((x) => names.get(Number(x)) ?? `#${Number(x)}`);
    if (itf === undefined || acls.length === 0) continue;
    const nIn = num(d, 'n_input');
    const b: AclBinding = { input: acls.slice(0, nIn), output: acls.slice(nIn) };
    out.push({ kind: ACL_BINDING_KIND, id: itf, obj: b as unknown as KindObject });
  }
  return out;
}

export const aclBindingKind: KindModule = {
  kind: ACL_BINDING_KIND,
  title: 'interface ACLs',
  section: '',
  ...perInterface({
    field: 'acls',
    yaml: 'acls',
    fromInterface: (i) =>
      i.acls.input.length + i.acls.output.length > 0
        ? ({ input: [...i.acls.input], output: [...i.acls.output] } as unknown as KindObject)
        : undefined,
    intoInterface: (i, o) => {
      const b = o as unknown as AclBinding;
      i.acls = { input: [...b.input], output: [...b.output] };
    },
  }),
  readAfter: [INTERFACE_KIND, ACL_KIND],
  immutable: [],
  taggable: false,
  plugin: ACL_PLUGIN,
  features: ['acl-plugin-*'],
  read,
  create(d) {
    const b = asBinding(d);
    return [
      opBuilder(
        d,
        'create',
      )({
        summary: `apply ACLs input [${b.input.join(', ')}] output [${b.output.join(', ')}]`,
        call: setCall(d.id, b, NONE),
        inverse: [setCall(d.id, NONE, b)],
        needs: [key.iface(d.id), ...aclKeys(b)],
      }),
    ];
  },
  update(d, l) {
    const b = asBinding(d);
    const o = asBinding(l);
    const now = new Set(aclKeys(b));
    return [
      opBuilder(
        d,
        'update',
      )({
        summary: `ACLs input [${o.input.join(', ')}] → [${b.input.join(', ')}], output [${o.output.join(', ')}] → [${b.output.join(', ')}]`,
        call: setCall(d.id, b, o),
        inverse: [setCall(d.id, o, b)],
        needs: [key.iface(d.id), ...now],
        // an ACL this interface stops using may be deleted only after this
        releases: aclKeys(o).filter((k) => !now.has(k)),
      }),
    ];
  },
  delete(l) {
    const o = asBinding(l);
    return [
      opBuilder(
        l,
        'delete',
      )({
        summary: `remove ACLs input [${o.input.join(', ')}] output [${o.output.join(', ')}]`,
        call: setCall(l.id, NONE, o),
        inverse: [setCall(l.id, o, NONE)],
        releases: [key.iface(l.id), ...aclKeys(o)],
      }),
    ];
  },
};
