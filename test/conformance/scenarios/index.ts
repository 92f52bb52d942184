/** Every written scenario of the differential harness (recordings: ../recordings/<name>.json). */
import type { Scenario } from '../scenario.js';
import { ScenarioError } from '../scenario.js';
import { basics } from './basics.js';
import { interfaces } from './interfaces.js';

export const SCENARIOS: readonly Scenario[] = [...basics, ...interfaces];

const seen = new Set<string>();
for (const s of SCENARIOS) {
  if (seen.has(s.name)) throw new ScenarioError(`two scenarios named ${s.name}`);
  seen.add(s.name);
}
