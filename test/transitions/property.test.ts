/**
 * Any configuration to any other (issue #11): random pairs (A, B) of valid configurations over
 * every kind and setting (test/transitions/arbitrary.ts). A applied from empty, then B: B
 * verifies, re-plans empty, and its export plans empty; then A again: VPP's export is A's export
 * again, on every field A manages (fields A leaves to VPP, such as a MAC it does not give, may
 * keep what B set). On the simulator in every run; on the real VPP, fewer pairs, where it runs.
 * A failure shrinks (fast-check) to a minimal pair, printed as YAML.
 *
 * VPPSTATE_PROPERTY_PAIRS=sim,vpp sets the number of pairs per target (default 40,8);
 * VPPSTATE_PROPERTY_SEED a seed (default: a fixed one, so that CI is reproducible; `random`
 * draws one, printed with any failure).
 */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { stringify } from 'yaml';
import { applyDesired, planFor, readLiveRetrying } from '../../src/apply/reconcile.js';
import { findKind } from '../../src/model/kinds/registry.js';
import type { KindObject, ObjectSet, Resource } from '../../src/model/kinds/types.js';
import { objectsToState } from '../../src/model/live.js';
import { stateToYaml } from '../../src/plan/export.js';
import { describeOnTargets } from '../helpers/target.js';
import { configuration, PORTS } from './arbitrary.js';
import { objectsOf } from './matrix.js';

const ALL = { prune: 'all' } as const;
const [SIM_PAIRS, VPP_PAIRS] = (process.env.VPPSTATE_PROPERTY_PAIRS ?? '40,8').split(',').map(Number);
const SEED_ENV = process.env.VPPSTATE_PROPERTY_SEED ?? '11';
const SEED = SEED_ENV === 'random' ? undefined : Number(SEED_ENV);

/** Live objects as exported, without the fields `managed` leaves to VPP (mtu, mac... undefined). */
function managedExport(live: ObjectSet, managed: ObjectSet): string {
  const masked: ObjectSet = new Map();
  for (const [kind, objs] of live) {
    const unmanaged = findKind(kind)?.unmanagedWhenUndefined;
    const out = new Map<string, Resource>();
    for (const [id, r] of objs) {
      const want = managed.get(kind)?.get(id)?.obj;
      if (!unmanaged || !want) {
        out.set(id, r);
        continue;
      }
      const obj: Record<string, unknown> = { ...r.obj };
      for (const f of unmanaged) if (want[f] === undefined) delete obj[f];
      out.set(id, { ...r, obj: obj as KindObject });
    }
    masked.set(kind, out);
  }
  return stateToYaml(objectsToState(masked));
}

describeOnTargets(
  (where) => `any configuration to any other on ${where}`,
  { hardware: PORTS.map((p) => ({ name: p })) },
  (client, name) => {
    const pairs = name === 'vpp' ? VPP_PAIRS : SIM_PAIRS;

    it(`holds for ${pairs} random pairs (A from empty, A → B verifies and re-plans empty, B → A gives A's export back)`, async () => {
      const vpp = client();
      const live = async () => (await readLiveRetrying(vpp)).objects;
      const empty = objectsOf('interfaces: {}');
      let run = 0;
      await fc.assert(
        fc.asyncProperty(configuration, configuration, async (a, b) => {
          run++;
          const A = objectsOf(stringify(a), 'A.yaml');
          const B = objectsOf(stringify(b), 'B.yaml');
          await applyDesired(vpp, empty, ALL);
          expect((await applyDesired(vpp, A, ALL)).verified).toBe(true);
          const exportA = managedExport(await live(), A);
          expect((await applyDesired(vpp, B, ALL)).verified).toBe(true);
          expect((await planFor(vpp, B, ALL)).plan.changes).toEqual([]);
          const exported = objectsOf(stateToYaml(objectsToState(await live())), 'export.yaml');
          expect((await planFor(vpp, exported, ALL)).plan.changes).toEqual([]);
          expect((await applyDesired(vpp, A, ALL)).verified).toBe(true);
          expect(managedExport(await live(), A)).toBe(exportA);
        }),
        {
          numRuns: pairs,
          ...(SEED !== undefined ? { seed: SEED } : {}),
          // A failure prints the pair as the documents a user would write.
          reporter: (out) => {
            if (!out.failed) return;
            const [a, b] = out.counterexample ?? [];
            throw new Error(
              `failed after ${out.numRuns} pairs (${out.numShrinks} shrinks), seed ${out.seed}:\n${out.errorInstance instanceof Error ? out.errorInstance.message : String(out.errorInstance)}\n--- A.yaml\n${stringify(a)}--- B.yaml\n${stringify(b)}`,
            );
          },
        },
      );
      expect(run).toBeGreaterThanOrEqual(pairs);
    }, 900_000);
  },
);
