/**
 * The examples as the end-to-end suites use them: loaded through the configuration language, with
 * what the plugin kinds manage (issue #12) stripped until those kinds land.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfigOrThrow } from '../../src/config/index.js';
import type { Interface, State } from '../../src/model/types.js';
import type { HardwarePort } from '../../src/sim/index.js';
import { REPO_ROOT } from './shared.js';

export const EXAMPLES_DIR = join(REPO_ROOT, 'examples');

/** Every example file name (*.yaml), sorted. */
export const EXAMPLES: readonly string[] = readdirSync(EXAMPLES_DIR)
  .filter((f) => f.endsWith('.yaml'))
  .sort();

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
export function coreOf(s: State): State {
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

export interface Example {
  readonly file: string;
  /** As written. */
  readonly state: State;
  /** What the core kinds manage of it (see coreOf). */
  readonly core: State;
  /** Its hardware ports, in the order the documents name them. */
  readonly hardware: HardwarePort[];
}

export async function loadExample(file: string): Promise<Example> {
  const { state } = await loadConfigOrThrow([join(EXAMPLES_DIR, file)]);
  const core = coreOf(state);
  const hardware = Object.values(state.interfaces)
    .filter((i) => i.kind === 'hardware')
    .map((i) => ({ name: i.name }));
  return { file, state, core, hardware };
}
