import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Json, KindModule, KindObject } from '../../src/model/kinds/types.js';
import { diffObject, flattenObject, jsonEqual, touchesImmutable } from '../../src/plan/diff.js';

/** The straightforward definition jsonEqual must keep agreeing with. */
function referenceEqual(a: Json | undefined, b: Json | undefined): boolean {
  if (a === b) return true;
  if (a === null || b === null || a === undefined || b === undefined) return false;
  if (typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => referenceEqual(x as Json, b[i] as Json));
  }
  const ao = a as { readonly [k: string]: Json | undefined };
  const bo = b as { readonly [k: string]: Json | undefined };
  const ak = Object.keys(ao).filter((k) => ao[k] !== undefined);
  const bk = Object.keys(bo).filter((k) => bo[k] !== undefined);
  return ak.length === bk.length && ak.every((k) => referenceEqual(ao[k], bo[k]));
}

const kind = (extra: Partial<KindModule> = {}): KindModule =>
  ({ kind: 'thing', immutable: [], ...extra }) as unknown as KindModule;

describe('jsonEqual', () => {
  it('ignores key order and undefined fields, not array order', () => {
    expect(jsonEqual({ a: 1, b: [1, 2] }, { b: [1, 2], a: 1 })).toBe(true);
    expect(jsonEqual({ a: 1, b: undefined } as unknown as Json, { a: 1 })).toBe(true);
    expect(jsonEqual({ a: 1 }, { a: 1, c: null })).toBe(false);
    expect(jsonEqual([1, 2], [2, 1])).toBe(false);
    expect(jsonEqual([], {})).toBe(false);
    expect(jsonEqual(null, {})).toBe(false);
  });

  it('agrees with the reference definition', () => {
    const leaf = fc.constantFrom<Json | undefined>(0, 1, 'a', 'b', true, false, null, undefined);
    const { json } = fc.letrec((tie) => ({
      json: fc.oneof(
        { depthSize: 'small' },
        leaf,
        fc.array(tie('json'), { maxLength: 3 }),
        fc.dictionary(fc.constantFrom('a', 'b', 'c', '0'), tie('json'), { maxKeys: 3 }),
      ),
    }));
    fc.assert(
      fc.property(json, json, (a, b) => {
        const x = a as Json;
        const y = b as Json;
        const copy = JSON.parse(JSON.stringify(x ?? null)) as Json;
        return jsonEqual(x, y) === referenceEqual(x, y) && jsonEqual(x, copy) === referenceEqual(x, copy);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('diffObject', () => {
  it('names fields in desired order, then live-only ones, walking nested records', () => {
    const d: KindObject = { b: 1, vrf: { ipv4: 1, ipv6: 0 }, a: 'x' };
    const l: KindObject = { z: 5, a: 'y', vrf: { ipv6: 0, ipv4: 0, extra: 1 }, b: 1 };
    expect(diffObject(kind(), d, l)).toEqual([
      { field: 'vrf.ipv4', old: 0, new: 1 },
      { field: 'vrf.extra', old: 1, new: undefined },
      { field: 'a', old: 'y', new: 'x' },
      { field: 'z', old: 5, new: undefined },
    ]);
  });

  it('skips unmanaged and uncompared fields, and treats undefined as absent', () => {
    const k = kind({ notCompared: new Set(['members']), unmanagedWhenUndefined: new Set(['mtu']) });
    const d: KindObject = { name: 'a', mtu: undefined, members: ['x'], mac: undefined };
    const l: KindObject = { name: 'a', mtu: 9000, members: ['y'] };
    expect(diffObject(k, d, l)).toEqual([]);
    expect(diffObject(k, { name: 'a' }, { name: 'a', mac: 'de:ad' })).toEqual([
      { field: 'mac', old: 'de:ad', new: undefined },
    ]);
  });

  it("uses the kind's equality for fields that differ", () => {
    const k = kind({
      equal: (_f: string, a: Json, b: Json) =>
        JSON.stringify([...(a as string[])].sort()) === JSON.stringify([...(b as string[])].sort()),
    });
    expect(diffObject(k, { set: ['a', 'b'] }, { set: ['b', 'a'] })).toEqual([]);
    expect(diffObject(k, { set: ['a', 'c'] }, { set: ['b', 'a'] })).toEqual([
      { field: 'set', old: ['b', 'a'], new: ['a', 'c'] },
    ]);
  });

  it('flattens objects for creates and deletes', () => {
    expect(flattenObject({ a: 1, vrf: { ipv4: 2 }, e: {}, u: undefined }, 'new')).toEqual([
      { field: 'a', new: 1 },
      { field: 'vrf.ipv4', new: 2 },
      { field: 'e', new: {} },
    ]);
  });

  it('matches immutable fields and fields under them only', () => {
    const k = kind({ immutable: ['bond.id', 'kind'] });
    const fields = ['bond.id', 'bond.idx', 'bond.id.x', 'kinds', 'kind', 'bond'].map((field) => ({ field }));
    expect(touchesImmutable(k, fields)).toEqual(['bond.id', 'bond.id.x', 'kind']);
  });
});
