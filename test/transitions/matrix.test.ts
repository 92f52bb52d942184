/**
 * The fourteen configurations of test/transitions/configurations/, one after another: in CI a
 * lean walk (each configuration once as source and once as target, then back), on the
 * simulator and the real VPP; VPPSTATE_TRANSITIONS=all takes all 196 ordered pairs (as
 * `npm run bench:transitions` does, with the time).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { expect, it } from 'vitest';
import { describeOnTargets } from '../helpers/target.js';
import { PORTS } from './arbitrary.js';
import { everyPair, objectsOf, runTransitions } from './matrix.js';

const dir = new URL('./configurations/', import.meta.url).pathname;
const configs = readdirSync(dir)
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .map((f) => ({ name: basename(f, '.yaml'), objects: objectsOf(readFileSync(join(dir, f), 'utf8'), f) }));
const n = configs.length;
const all = process.env.VPPSTATE_TRANSITIONS === 'all';
/** 0 → 1 → … → n-1 → 0, then back the other way: 2n transitions, every one a different pair. */
const lean: Array<[number, number]> = [
  ...configs.map((_, i): [number, number] => [i, (i + 1) % n]),
  ...configs.map((_, i): [number, number] => [(n - i) % n, (2 * n - i - 1) % n]),
];
const pairs = all ? everyPair(n) : lean;

describeOnTargets(
  (where) => `${n} configurations one after another on ${where}`,
  { hardware: PORTS.map((p) => ({ name: p })) },
  (client) => {
    it(`${pairs.length} transitions converge (verified, re-plan empty, export → plan empty)`, async () => {
      const steps = await runTransitions(client(), configs, { pairs });
      expect(steps.filter((s) => !s.ok).map((s) => `${s.from} → ${s.to}: ${s.error}`)).toEqual([]);
      expect(steps).toHaveLength(pairs.length);
    }, 900_000);
  },
);
