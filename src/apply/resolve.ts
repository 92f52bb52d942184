import { VppstateError } from '../errors.js';
import type { ApiMessage, ApiValue } from '../api/types.js';

/** An op names an interface that VPP does not have when the op runs. */
export class ResolveError extends VppstateError {
  readonly interfaceName: string;
  constructor(name: string) {
    super('apply.unresolved', `interface ${name} does not exist in VPP (no sw_if_index to use)`);
    this.interfaceName = name;
  }
}

const isRef = (v: ApiValue): v is { readonly $if: string } =>
  typeof v === 'object' &&
  v !== null &&
  !Array.isArray(v) &&
  !(v instanceof Uint8Array) &&
  typeof (v as { $if?: unknown }).$if === 'string';

/**
 * Replaces every `{ $if: name }` with the interface's current sw_if_index. Copy-on-write: only
 * the records and arrays on the way to a reference are copied (the rest is shared with the
 * plan), and no closure or entry array is allocated per call: this runs once per op issued.
 */
export function resolveArgs(args: ApiMessage, ifIndex: ReadonlyMap<string, number>): ApiMessage {
  return resolveValue(args, ifIndex) as ApiMessage;
}

function resolveValue(v: ApiValue, ifIndex: ReadonlyMap<string, number>): ApiValue {
  if (typeof v !== 'object' || v === null || v instanceof Uint8Array) return v;
  if (Array.isArray(v)) {
    const a = v as readonly ApiValue[];
    let out: ApiValue[] | undefined;
    for (let i = 0; i < a.length; i++) {
      const x = a[i];
      const r = resolveValue(x, ifIndex);
      if (r !== x) {
        out ??= a.slice();
        out[i] = r;
      }
    }
    return out ?? v;
  }
  const ref = (v as { $if?: unknown }).$if;
  if (typeof ref === 'string') {
    const idx = ifIndex.get(ref);
    if (idx === undefined) throw new ResolveError(ref);
    return idx;
  }
  const o = v as ApiMessage;
  let out: Record<string, ApiValue> | undefined;
  for (const k in o) {
    const x = o[k];
    if (typeof x !== 'object' || x === null) continue;
    const r = resolveValue(x, ifIndex);
    if (r !== x) {
      out ??= { ...o };
      out[k] = r;
    }
  }
  return out ?? v;
}

/** Arguments for people and JSON: interface references shown as their names. */
export function symbolicArgs(args: ApiMessage): Record<string, unknown> {
  const walk = (v: ApiValue): unknown => {
    if (typeof v === 'bigint') return Number(v);
    if (v instanceof Uint8Array) return Buffer.from(v).toString('hex');
    if (typeof v !== 'object' || v === null) return v;
    if (Array.isArray(v)) return (v as readonly ApiValue[]).map(walk);
    if (isRef(v)) return `$if:${v.$if}`;
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v as ApiMessage)) out[k] = walk(x);
    return out;
  };
  return walk(args) as Record<string, unknown>;
}
