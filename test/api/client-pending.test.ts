import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PendingTable } from '../../src/api/client/pending.js';

interface Entry {
  context: number;
  tag: number;
}

describe('PendingTable (requests in flight by context)', () => {
  it('keeps entries whose contexts share a slot apart', () => {
    const t = new PendingTable<Entry>();
    const a = { context: 5, tag: 1 };
    const b = { context: 5 + 65536, tag: 2 };
    const c = { context: 5 + 2 * 65536, tag: 3 };
    t.set(a.context, a);
    t.set(b.context, b);
    t.set(c.context, c);
    expect([t.get(5), t.get(b.context), t.get(c.context)]).toEqual([a, b, c]);
    expect(t.size).toBe(3);
    expect(t.delete(5)).toBe(true);
    expect(t.get(5)).toBeUndefined();
    expect(t.get(b.context)).toBe(b);
    t.set(b.context, { context: b.context, tag: 9 }); // replace in overflow
    expect(t.get(b.context)?.tag).toBe(9);
    expect(t.size).toBe(2);
    expect(
      t
        .values()
        .map((e) => e.tag)
        .sort(),
    ).toEqual([3, 9]);
    t.clear();
    expect(t.size).toBe(0);
    expect(t.has(c.context)).toBe(false);
  });

  it('behaves like a Map under any sequence of operations', () => {
    const key = fc.oneof(
      fc.integer({ min: 1, max: 40 }),
      fc.integer({ min: 1, max: 40 }).map((k) => k + 65536 * 3),
    );
    const op = fc.oneof(
      fc.record({ kind: fc.constant('set' as const), key, tag: fc.integer() }),
      fc.record({ kind: fc.constant('delete' as const), key }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 200 }), (ops) => {
        const t = new PendingTable<Entry>();
        const m = new Map<number, Entry>();
        for (const o of ops) {
          if (o.kind === 'set') {
            const e = { context: o.key, tag: o.tag };
            t.set(o.key, e);
            m.set(o.key, e);
          } else expect(t.delete(o.key)).toBe(m.delete(o.key));
          expect(t.size).toBe(m.size);
        }
        for (const [k, v] of m) expect(t.get(k)).toBe(v);
        expect(t.values().length).toBe(m.size);
      }),
    );
  });
});
