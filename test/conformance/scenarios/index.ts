/** Every written scenario of the differential harness (recordings: ../recordings/<name>.json). */
import type { Scenario } from '../scenario.js';
import { ScenarioError } from '../scenario.js';
import { basics } from './basics.js';
import { interfaces } from './interfaces.js';
import { ip } from './ip.js';
import { l2 } from './l2.js';

export const SCENARIOS: readonly Scenario[] = [...basics, ...interfaces, ...ip, ...l2];

/** Written and recorded, waiting for simulator work before they are held (see each list). */
export const PENDING_SCENARIOS: readonly Scenario[] = [];

const seen = new Set<string>();
for (const s of [...SCENARIOS, ...PENDING_SCENARIOS]) {
  if (seen.has(s.name)) throw new ScenarioError(`two scenarios named ${s.name}`);
  seen.add(s.name);
}
