import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyDesired, planFor } from '../../src/apply/reconcile.js';
import { loadConfigOrThrow, parseConfig } from '../../src/config/index.js';
import { objectsToState, readLive, stateToObjects } from '../../src/model/live.js';
import type { Interface, State } from '../../src/model/types.js';
import { stateToYaml } from '../../src/plan/export.js';
import { REPO_ROOT } from '../helpers/shared.js';
import { startE2e, type E2e } from './harness.js';

let env: E2e | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

const CORE_KINDS = new Set<Interface['kind']>([
  'hardware',
  'loopback',
  'sub-interface',
  'bond',
  'memif',
  'tap',
  'vxlan',
]);

/**
 * The part of an example the core kinds manage (ACLs, linux-cp, MSS clamping, NAT, macswap and
 * tap/memif/vxlan interfaces belong to the plugin kinds of the next issue).
 */
function coreOf(s: State): State {
  const keep = new Set(
    Object.values(s.interfaces)
      .filter((i) => CORE_KINDS.has(i.kind))
      .map((i) => i.name),
  );
  const interfaces: State['interfaces'] = {};
  for (const i of Object.values(s.interfaces)) {
    if (!keep.has(i.name)) continue;
    const { linuxCp: _l, mssClamp: _m, ...rest } = i;
    interfaces[i.name] = {
      ...rest,
      acls: { input: [], output: [] },
      nat44: { inside: false, outside: false, output: false },
      macswap: false,
    } as Interface;
    if (i.unnumbered && !keep.has(i.unnumbered))
      delete (interfaces[i.name] as { unnumbered?: string }).unnumbered;
  }
  const routes = Object.fromEntries(
    Object.entries(s.routes).filter(([, r]) => r.paths.every((p) => !p.interface || keep.has(p.interface))),
  );
  const bridgeDomains = Object.fromEntries(
    Object.entries(s.bridgeDomains).map(([k, b]) => [
      k,
      {
        ...b,
        members: Object.fromEntries(Object.entries(b.members).filter(([m]) => keep.has(m))),
        ...(b.bvi && !keep.has(b.bvi) ? { bvi: undefined } : {}),
        ...(b.unknownUnicastForward && !keep.has(b.unknownUnicastForward)
          ? { unknownUnicastForward: undefined }
          : {}),
      },
    ]),
  );
  const l2Xconnects = Object.fromEntries(
    Object.entries(s.l2Xconnects).filter(([rx, x]) => keep.has(rx) && keep.has(x.tx)),
  );
  return {
    ...s,
    interfaces,
    routes,
    bridgeDomains,
    l2Xconnects,
    acls: {},
    nat44: undefined,
    linuxCp: undefined,
  };
}

const examples = readdirSync(join(REPO_ROOT, 'examples')).filter((f) => f.endsWith('.yaml'));

describe('export → plan is empty on every example', () => {
  it('has examples', () => expect(examples.length).toBeGreaterThan(0));
  for (const file of examples) {
    it(file, async () => {
      const { state } = await loadConfigOrThrow([join(REPO_ROOT, 'examples', file)]);
      const core = coreOf(state);
      const hardware = Object.values(core.interfaces)
        .filter((i) => i.kind === 'hardware')
        .map((i) => ({ name: i.name }));
      env = await startE2e({ hardware });
      const out = await applyDesired(env.client, stateToObjects(core));
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
