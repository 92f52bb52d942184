/**
 * A real VPP for tests: instances of ../shared/vpp (vpp.sh, see vpp-sh.ts), each isolated by name,
 * stopped when the test is done (and when the worker exits, however it exits).
 *
 * Suites that need one use `describeWithRealVpp`; where ../shared/vpp is absent, or this is not a
 * Linux host where we are root (vpp.sh needs veth pairs and af_packet), they are skipped with one
 * message saying why. `VPPSTATE_REAL_VPP=0` skips them on purpose; `=1` makes their absence an
 * error instead of a skip (CI on a machine that must have it).
 */
import { describe, it } from 'vitest';
import { HAVE_REAL_VPP, NO_REAL_VPP_REASON } from './vpp-sh.js';

export { HAVE_REAL_VPP, NO_REAL_VPP_REASON, startRealVpp, VPP_SH } from './vpp-sh.js';
export type { RealVpp } from './vpp-sh.js';

/** `describe` for suites that need a real VPP; skipped where none can run (the run's summary says why, once). */
export const describeWithRealVpp: typeof describe = HAVE_REAL_VPP
  ? describe
  : (Object.assign((name: unknown) => {
      describe(String(name), () => {
        it.skip(`needs a real VPP (${NO_REAL_VPP_REASON})`, () => undefined);
      });
    }, describe) as unknown as typeof describe);
