import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyDesired, planFor } from '../../src/apply/reconcile.js';
import { readLive, stateToObjects } from '../../src/model/live.js';
import type { State } from '../../src/model/types.js';
import { desiredState } from '../plan/arbitrary.js';
import { simMismatches } from '../helpers/sim-oracle.js';
import { modelCaller, type ModelCaller } from './model-caller.js';

// Full authority: routes and tables carry no tag in VPP, so only --prune=all removes every one
// of them that A has and B does not (hardware interfaces and local0 stay protected).
const ALL = { prune: 'all' } as const;

async function expectLiveEquals(vpp: ModelCaller, s: State): Promise<void> {
  const { plan } = await planFor(vpp, stateToObjects(s), ALL);
  expect(plan.changes).toEqual([]);
  const live = await readLive(vpp);
  expect([...(live.objects.get('interface')?.keys() ?? [])].sort()).toEqual(Object.keys(s.interfaces).sort());
  expect([...(live.objects.get('route')?.keys() ?? [])].sort()).toEqual(Object.keys(s.routes).sort());
  expect([...(live.objects.get('vrf')?.keys() ?? [])].sort()).toEqual(Object.keys(s.vrfs).sort());
  // and by what the reconciler did not compute: the simulator's own state
  expect(simMismatches(vpp.model, s, { exact: true })).toEqual([]);
}

describe('property: apply A, apply B → live = B; apply A again → live = A', () => {
  // Hundreds of runs of several applies: over the default timeout on a loaded machine
  it('holds for hundreds of random pairs (in-process simulator model)', { timeout: 180_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(desiredState, desiredState, async (a, b) => {
        const vpp = modelCaller();
        await applyDesired(vpp, stateToObjects(a), ALL);
        await expectLiveEquals(vpp, a);
        await applyDesired(vpp, stateToObjects(b), ALL);
        await expectLiveEquals(vpp, b);
        await applyDesired(vpp, stateToObjects(a), ALL);
        await expectLiveEquals(vpp, a);
      }),
      { numRuns: 150 },
    );
  });
});
