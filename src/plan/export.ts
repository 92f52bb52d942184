import { stateToYaml as serialize } from '../config/index.js';
import { normalizeState } from '../model/defaults.js';
import type { State } from '../model/types.js';

/** Live state as YAML in the configuration language (the config layer owns the document shape). */
export function stateToYaml(state: State): string {
  return serialize(normalizeState(state), { header: 'Exported by vppstate from the live VPP state.' });
}
