/**
 * The examples as the end-to-end suites use them: loaded through the configuration language, with
 * what the plugin kinds manage (issue #12) stripped until those kinds land.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { hardwareFromDocuments } from '../../src/cli/commands/sim.run.js';
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

/**
 * Where the examples' memif sockets go in tests: a directory of this test process. VPP refuses a
 * master socket that another VPP listens on ("Active listener", memif_create_v2 -14), so two real
 * VPPs running the same example at once (test workers, other sessions on the host) must not share
 * /run/vpp/memif-firewall.sock; and VPP does not create a missing directory (bind: ENOENT).
 */
export const MEMIF_SOCKET_DIR = mkdtempSync(join(tmpdir(), 'vppstate-memif-'));
process.on('exit', () => rmSync(MEMIF_SOCKET_DIR, { recursive: true, force: true }));

/** The state with every memif socket file moved into MEMIF_SOCKET_DIR (same base name). */
export function withTestMemifSockets(s: State): State {
  const interfaces: State['interfaces'] = {};
  for (const [n, i] of Object.entries(s.interfaces))
    interfaces[n] =
      i.kind === 'memif'
        ? {
            ...i,
            memif: { ...i.memif, socketFilename: join(MEMIF_SOCKET_DIR, basename(i.memif.socketFilename)) },
          }
        : i;
  return { ...s, interfaces };
}

export interface Example {
  readonly file: string;
  /** As written, but for memif socket files (see MEMIF_SOCKET_DIR). */
  readonly state: State;
  /** What the core kinds manage of it (see coreOf). */
  readonly core: State;
  /** Its hardware ports, by name (as `vppstate sim --hardware-from` takes them). */
  readonly hardware: HardwarePort[];
}

export async function loadExample(file: string): Promise<Example> {
  const state = withTestMemifSockets((await loadConfigOrThrow([join(EXAMPLES_DIR, file)])).state);
  const core = coreOf(state);
  // as `vppstate sim --hardware-from` (and the example's header) takes them
  const hardware = await hardwareFromDocuments([join(EXAMPLES_DIR, file)]);
  return { file, state, core, hardware };
}
