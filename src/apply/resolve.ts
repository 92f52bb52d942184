import { VppstateError } from '../errors.js';
import type { ApiMessage, ApiValue } from '../api/types.js';
import { describeRef, idFieldOf, refText, type IdRef, type IdTable } from '../model/kinds/ids.js';

/** An op refers to an object (interface, ACL, …) that VPP does not have when the op runs. */
export class ResolveError extends VppstateError {
  readonly ref: IdRef;
  constructor(ref: IdRef) {
    super('apply.unresolved', `${describeRef(ref)} does not exist in VPP (no ${idFieldOf(ref.$ref)} to use)`);
    this.ref = ref;
  }
}

/**
 * Replaces every reference (`{ $ref: 'if', name }`, see ids.ts) with the id VPP has for it now.
 * Copy-on-write: only the records and arrays on the way to a reference are copied (the rest is
 * shared with the plan), and no closure or entry array is allocated per call: this runs once per
 * op issued.
 */
export function resolveArgs(args: ApiMessage, ids: IdTable): ApiMessage {
  return resolveValue(args, ids) as ApiMessage;
}

function resolveValue(v: ApiValue, ids: IdTable): ApiValue {
  if (typeof v !== 'object' || v === null || v instanceof Uint8Array) return v;
  if (Array.isArray(v)) {
    const a = v as readonly ApiValue[];
    let out: ApiValue[] | undefined;
    for (let i = 0; i < a.length; i++) {
      const x = a[i];
      const r = resolveValue(x, ids);
      if (r !== x) {
        out ??= a.slice();
        out[i] = r;
      }
    }
    return out ?? v;
  }
  if (typeof (v as { $ref?: unknown }).$ref === 'string') {
    const ref = v as unknown as IdRef;
    const id = ids.get(ref);
    if (id === undefined) throw new ResolveError(ref);
    return id;
  }
  const o = v as ApiMessage;
  let out: Record<string, ApiValue> | undefined;
  for (const k in o) {
    const x = o[k];
    if (typeof x !== 'object' || x === null) continue;
    const r = resolveValue(x, ids);
    if (r !== x) {
      out ??= { ...o };
      out[k] = r;
    }
  }
  return out ?? v;
}

/** Arguments for people and JSON: references shown as `$<namespace>:<name>` (`$if:loop0`). */
export function symbolicArgs(args: ApiMessage): Record<string, unknown> {
  const walk = (v: ApiValue): unknown => {
    if (typeof v === 'bigint') return Number(v);
    if (v instanceof Uint8Array) return Buffer.from(v).toString('hex');
    if (typeof v !== 'object' || v === null) return v;
    if (Array.isArray(v)) return (v as readonly ApiValue[]).map(walk);
    if (typeof (v as { $ref?: unknown }).$ref === 'string') return refText(v as unknown as IdRef);
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v as ApiMessage)) out[k] = walk(x);
    return out;
  };
  return walk(args) as Record<string, unknown>;
}
