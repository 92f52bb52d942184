import type { FieldChange, Json, KindModule, KindObject } from '../model/kinds/types.js';
import { jsonEqual } from '../model/kinds/util.js';

const isPlain = (v: Json | undefined): v is { readonly [k: string]: Json } =>
  v !== null && v !== undefined && typeof v === 'object' && !Array.isArray(v);

/**
 * Field-by-field difference of a desired and a live object. Nested records (vrf, bond.members,
 * bridge members) are walked so that a change names the exact field (`vrf.ipv4`,
 * `members.memif1/0.splitHorizonGroup`); arrays and scalars are compared whole.
 */
export function diffObject(k: KindModule, desired: KindObject, live: KindObject): FieldChange[] {
  const out: FieldChange[] = [];
  const walk = (d: Json | undefined, l: Json | undefined, path: string): void => {
    if (isPlain(d) && isPlain(l)) {
      const keys = new Set([...Object.keys(d), ...Object.keys(l)]);
      for (const key of keys) walk(d[key], l[key], `${path}.${key}`);
      return;
    }
    const same = k.equal && d !== undefined && l !== undefined ? k.equal(path, d, l) : jsonEqual(d, l);
    if (!same) out.push({ field: path, old: l, new: d });
  };
  const keys = new Set([...Object.keys(desired), ...Object.keys(live)]);
  for (const key of keys) {
    if (k.notCompared?.has(key)) continue;
    const d = desired[key];
    if (d === undefined && k.unmanagedWhenUndefined?.has(key)) continue;
    walk(d, live[key], key);
  }
  return out;
}

/** Every field of an object, flattened as diffObject would name them (for creates and deletes). */
export function flattenObject(o: KindObject, side: 'old' | 'new'): FieldChange[] {
  const out: FieldChange[] = [];
  const walk = (v: Json | undefined, path: string): void => {
    if (v === undefined) return;
    if (isPlain(v) && Object.keys(v).length > 0) {
      for (const [k, x] of Object.entries(v)) walk(x, `${path}.${k}`);
      return;
    }
    out.push(side === 'new' ? { field: path, new: v } : { field: path, old: v });
  };
  for (const [k, v] of Object.entries(o)) walk(v, k);
  return out;
}

/** Whether a changed field is (under) one of the kind's immutable fields. */
export function touchesImmutable(k: KindModule, fields: readonly FieldChange[]): string[] {
  return fields
    .filter((f) => k.immutable.some((p) => f.field === p || f.field.startsWith(`${p}.`)))
    .map((f) => f.field);
}
