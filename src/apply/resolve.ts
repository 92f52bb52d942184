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

/** Replaces every `{ $if: name }` with the interface's current sw_if_index. */
export function resolveArgs(args: ApiMessage, ifIndex: ReadonlyMap<string, number>): ApiMessage {
  const walk = (v: ApiValue): ApiValue => {
    if (typeof v !== 'object' || v === null || v instanceof Uint8Array) return v;
    if (Array.isArray(v)) return (v as readonly ApiValue[]).map(walk);
    if (isRef(v)) {
      const idx = ifIndex.get(v.$if);
      if (idx === undefined) throw new ResolveError(v.$if);
      return idx;
    }
    const out: Record<string, ApiValue> = {};
    for (const [k, x] of Object.entries(v as ApiMessage)) out[k] = walk(x);
    return out;
  };
  return walk(args) as ApiMessage;
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
