import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyDesired, planFor } from '../../src/apply/reconcile.js';
import { stateToObjects } from '../../src/model/live.js';
import type { State } from '../../src/model/types.js';
import { desiredState } from '../plan/arbitrary.js';
import { state } from '../plan/fixtures.js';
import { simMismatches } from '../helpers/sim-oracle.js';
import { startE2e, type E2e } from './harness.js';

let env: E2e;
beforeAll(async () => {
  env = await startE2e();
});
afterAll(async () => {
  await env.close();
});

const ALL = { prune: 'all' } as const;

/** Judged twice: by vppstate's own reader and diff, and by the simulator's state model. */
async function inSync(s: State): Promise<void> {
  const { plan } = await planFor(env.client, stateToObjects(s), ALL);
  expect(plan.changes).toEqual([]);
  expect(simMismatches(env.sim.model, s, { exact: true })).toEqual([]);
}

describe('property over the socket: apply A, apply B → live = B; apply A → live = A', () => {
  // 250 runs of seven applies: well over the default timeout on a loaded machine
  it('holds for random pairs', { timeout: 180_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(desiredState, desiredState, async (a, b) => {
        await applyDesired(env.client, stateToObjects(state({})), ALL);
        await applyDesired(env.client, stateToObjects(a), ALL);
        await inSync(a);
        await applyDesired(env.client, stateToObjects(b), ALL);
        await inSync(b);
        await applyDesired(env.client, stateToObjects(a), ALL);
        await inSync(a);
      }),
      { numRuns: 250 },
    );
  });
});
