import type { FieldChange, Json, KindModule, KindObject } from '../model/kinds/types.js';

// Module-level helpers, not closures: diffObject runs once per declared object (100k+ on a large
// no-op plan), and closures made per call cost an allocation (and a keepNames wrapper under tsx).

const hasOwn = Object.prototype.hasOwnProperty;

/**
 * Deep equality of JSON-like values (arrays in order; object keys in any order, an undefined
 * field counts as absent). Allocation-free: the planner calls it for every field of every object.
 */
export function jsonEqual(a: Json | undefined, b: Json | undefined): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const aIsArray = Array.isArray(a);
  if (aIsArray !== Array.isArray(b)) return false;
  if (aIsArray) {
    const aa = a as readonly Json[];
    const ba = b as readonly Json[];
    if (aa.length !== ba.length) return false;
    for (let i = 0; i < aa.length; i++) {
      const x = aa[i];
      const y = ba[i];
      if (x !== y && !jsonEqual(x, y)) return false;
    }
    return true;
  }
  const ao = a as { readonly [k: string]: Json | undefined };
  const bo = b as { readonly [k: string]: Json | undefined };
  // Every defined field of a equals b's, and b has no more defined fields than a.
  let n = 0;
  for (const k in ao) {
    if (!hasOwn.call(ao, k)) continue;
    const v = ao[k];
    if (v === undefined) continue;
    const w = bo[k];
    if (v !== w && !jsonEqual(v, w)) return false;
    n++;
  }
  for (const k in bo) if (hasOwn.call(bo, k) && bo[k] !== undefined && --n < 0) return false;
  return n === 0;
}

/** What diffObject returns for equal objects (most of them): shared, not allocated per object. */
const NO_CHANGES: readonly FieldChange[] = Object.freeze([]);

const isPlain = (v: Json | undefined): v is { readonly [k: string]: Json } =>
  v !== null && v !== undefined && typeof v === 'object' && !Array.isArray(v);

function sameField(k: KindModule, path: string, d: Json | undefined, l: Json | undefined): boolean {
  return k.equal && d !== undefined && l !== undefined ? k.equal(path, d, l) : jsonEqual(d, l);
}

function walk(
  k: KindModule,
  d: Json | undefined,
  l: Json | undefined,
  path: string,
  out: FieldChange[],
): void {
  if (isPlain(d) && isPlain(l)) {
    for (const key of Object.keys(d)) walk(k, d[key], l[key], `${path}.${key}`, out);
    for (const key of Object.keys(l))
      if (!hasOwn.call(d, key)) walk(k, d[key], l[key], `${path}.${key}`, out);
    return;
  }
  if (!sameField(k, path, d, l)) out.push({ field: path, old: l, new: d });
}

/**
 * One top-level field. Deep-equal values cannot differ under a kind's `equal` (which only relaxes
 * deep equality, e.g. ignoring order), so they are settled without walking or building paths:
 * this is what keeps a no-op plan cheap.
 */
function diffField(
  k: KindModule,
  key: string,
  d: Json | undefined,
  l: Json | undefined,
  out: FieldChange[] | undefined,
): FieldChange[] | undefined {
  if (d === l || (d !== undefined && l !== undefined && jsonEqual(d, l))) return out;
  const o = out ?? [];
  walk(k, d, l, key, o);
  return o;
}

/**
 * Field-by-field difference of a desired and a live object. Nested records (vrf, bond.members,
 * bridge members) are walked so that a change names the exact field (`vrf.ipv4`,
 * `members.memif1/0.splitHorizonGroup`); arrays and scalars are compared whole.
 * Fields come in the desired object's key order, then the live-only keys in the live order.
 */
export function diffObject(k: KindModule, desired: KindObject, live: KindObject): readonly FieldChange[] {
  let out: FieldChange[] | undefined;
  const skip = k.notCompared;
  const unmanaged = k.unmanagedWhenUndefined;
  for (const key in desired) {
    if (!hasOwn.call(desired, key) || skip?.has(key)) continue;
    const d = desired[key];
    if (d === undefined && unmanaged?.has(key)) continue;
    out = diffField(k, key, d, live[key], out);
  }
  for (const key in live) {
    if (!hasOwn.call(live, key) || hasOwn.call(desired, key) || skip?.has(key)) continue;
    // Not declared: an unmanaged field is left alone.
    if (desired[key] === undefined && unmanaged?.has(key)) continue;
    out = diffField(k, key, desired[key], live[key], out);
  }
  return out ?? NO_CHANGES;
}

function flattenInto(v: Json | undefined, path: string, side: 'old' | 'new', out: FieldChange[]): void {
  if (v === undefined) return;
  if (isPlain(v) && Object.keys(v).length > 0) {
    for (const [k, x] of Object.entries(v)) flattenInto(x, `${path}.${k}`, side, out);
    return;
  }
  out.push(side === 'new' ? { field: path, new: v } : { field: path, old: v });
}

/** Every field of an object, flattened as diffObject would name them (for creates and deletes). */
export function flattenObject(o: KindObject, side: 'old' | 'new'): FieldChange[] {
  const out: FieldChange[] = [];
  for (const [k, v] of Object.entries(o)) flattenInto(v, k, side, out);
  return out;
}

/** Whether `field` is `prefix` or a field under it (`prefix.x`), without building `prefix.`. */
function isUnder(field: string, prefix: string): boolean {
  return (
    field === prefix ||
    (field.length > prefix.length && field.charCodeAt(prefix.length) === 0x2e && field.startsWith(prefix))
  );
}

/** Whether a changed field is (under) one of the kind's immutable fields. */
export function touchesImmutable(k: KindModule, fields: readonly FieldChange[]): string[] {
  const out: string[] = [];
  for (const f of fields) {
    for (const p of k.immutable) {
      if (isUnder(f.field, p)) {
        out.push(f.field);
        break;
      }
    }
  }
  return out;
}
