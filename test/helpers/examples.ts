/**
 * The examples as the end-to-end suites use them: loaded through the configuration language.
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

/**
 * An example as a host without /dev/vhost-net can take it (these test machines): no linux-cp
 * pairs, which VPP cannot create there (-11). Everything else applies as written.
 */
export function withoutPairs(s: State): State {
  const interfaces: State['interfaces'] = {};
  for (const i of Object.values(s.interfaces)) {
    const { linuxCp: _pair, ...rest } = i;
    interfaces[i.name] = rest as Interface;
  }
  return { ...s, interfaces };
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
  /**
   * As every target here can apply it: without linux-cp pairs, which hosts without
   * /dev/vhost-net (these) cannot create (withoutPairs).
   */
  readonly portable: State;
  /** Its hardware ports, by name (as `vppstate sim --hardware-from` takes them). */
  readonly hardware: HardwarePort[];
}

export async function loadExample(file: string): Promise<Example> {
  const state = withTestMemifSockets((await loadConfigOrThrow([join(EXAMPLES_DIR, file)])).state);
  // as `vppstate sim --hardware-from` (and the example's header) takes them
  const hardware = await hardwareFromDocuments([join(EXAMPLES_DIR, file)]);
  return { file, state, portable: withoutPairs(state), hardware };
}
