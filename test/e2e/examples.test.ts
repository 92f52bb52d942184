import { afterEach, describe, expect, it } from 'vitest';
import { applyDesired, planFor } from '../../src/apply/reconcile.js';
import { parseConfig } from '../../src/config/index.js';
import { objectsToState, readLive, stateToObjects } from '../../src/model/live.js';
import { stateToYaml } from '../../src/plan/export.js';
import { EXAMPLES, loadExample } from '../helpers/examples.js';
import { startE2e, type E2e } from './harness.js';

let env: E2e | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

describe('export → plan is empty on every example (core kinds; plugin features stripped until #12)', () => {
  it('has examples', () => expect(EXAMPLES.length).toBeGreaterThan(0));
  for (const file of EXAMPLES) {
    it(file, async () => {
      const { state, hardware } = await loadExample(file);
      env = await startE2e({ hardware });
      const out = await applyDesired(env.client, stateToObjects(state));
      expect(out.verified).toBe(true);
      // export as YAML, load it back through the configuration language, plan: nothing to do
      const yaml = stateToYaml(objectsToState((await readLive(env.client)).objects));
      const loaded = parseConfig(yaml, `export-of-${file}`);
      expect(loaded.errors.map((e) => e.message)).toEqual([]);
      const { plan } = await planFor(env.client, stateToObjects(loaded.state));
      expect(plan.changes).toEqual([]);
    });
  }
});
