import { describe, expect, it } from 'vitest';
import type { Op } from '../../src/model/kinds/types.js';
import { orderOps, PlanCycleError } from '../../src/plan/graph.js';

const op = (id: string, keys: Partial<Pick<Op, 'provides' | 'needs' | 'removes' | 'releases'>>): Op => ({
  kind: 'test',
  id,
  action: 'create',
  summary: id,
  call: { message: 'x', args: {}, cli: '' },
  inverse: [],
  ...keys,
});

describe('dependency graph', () => {
  it('providers before needers, releasers before removers, removers before providers', () => {
    const { ops, deps } = orderOps([
      op('use-b', { needs: ['b'] }),
      op('make-b', { provides: ['b'] }),
      op('drop-a', { removes: ['a'] }),
      op('leave-a', { releases: ['a'] }),
      op('remake-c', { provides: ['c'] }),
      op('unmake-c', { removes: ['c'] }),
    ]);
    const pos = (id: string) => ops.findIndex((o) => o.id === id);
    expect(pos('make-b')).toBeLessThan(pos('use-b'));
    expect(pos('leave-a')).toBeLessThan(pos('drop-a'));
    expect(pos('unmake-c')).toBeLessThan(pos('remake-c'));
    expect(deps[pos('use-b')]).toEqual([pos('make-b')]);
  });

  it('keeps the input order where nothing constrains it', () => {
    const { ops } = orderOps([op('a', {}), op('b', {}), op('c', {})]);
    expect(ops.map((o) => o.id)).toEqual(['a', 'b', 'c']);
  });

  it('reports a cycle as a bug naming the objects involved', () => {
    const run = () =>
      orderOps([op('x', { provides: ['p'], needs: ['q'] }), op('y', { provides: ['q'], needs: ['p'] })]);
    expect(run).toThrow(PlanCycleError);
    expect(run).toThrow(/internal error.*cycle through: test x: x → test y: y → test x: x/);
  });
});
