/**
 * The interface kind: its module (identity, comparison, retries); the object it compares is in
 * interface-object.ts, the calls in interface-calls.ts, create/delete ops in interface-ops.ts,
 * in-place updates in interface-update.ts, the reader in interface-read.ts.
 */
import { retvalOf } from '../../api/errno.js';
import type { ApiMessage } from '../../api/types.js';
import type { Interface } from '../types.js';
import type { ApiCall, KindModule, ReadContext } from './types.js';
import { IF_NS, NO_INDEX } from './util.js';
import {
  INTERFACE_KIND,
  LINK_MTU,
  UNMANAGED_WHEN_UNDEFINED,
  asInterface,
  interfaceObject,
} from './interface-object.js';
import { createOps, deleteOps } from './interface-ops.js';
import { updateOps } from './interface-update.js';
import { read } from './interface-read.js';

/**
 * Errnos a retried call meets when its lost first attempt was done: INVALID_REGISTRATION is a
 * loopback instance in use, VALUE_EXIST a bond member or memif, ADDRESS_IN_USE an address,
 * INSTANCE_IN_USE a bond id.
 */
const ALREADY = new Set(
  ['INVALID_REGISTRATION', 'VALUE_EXIST', 'ADDRESS_IN_USE', 'INSTANCE_IN_USE'].map(retvalOf),
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
  taggable: true,
  fromModel: (o) => interfaceObject(o as Interface),
  toModel: (o) => {
    const { [LINK_MTU]: _link, ...rest } = o;
    void _link;
    return {
      acls: { input: [], output: [] },
      nat44: { inside: false, outside: false, output: false },
      macswap: false,
      ...rest,
    };
  },
  read,
  cascades(l, live) {
    const out: Array<{ kind: string; id: string }> = [];
    for (const r of live.get(INTERFACE_KIND)?.values() ?? []) {
      const o = asInterface(r);
      if (o.kind === 'sub-interface' && o.sub.parent === l.id) out.push({ kind: INTERFACE_KIND, id: r.id });
    }
    return out;
  },
  create: (d) => createOps(d),
  update: (d, l, fields, ctx) => updateOps(d, l, fields, ctx),
  delete: (l, ctx) => deleteOps(l, ctx),
};
export { asInterface, INTERFACE_KIND, interfaceObject } from './interface-object.js';
