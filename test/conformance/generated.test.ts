/**
 * Generated sequences (test/conformance/generate.ts) on a fresh real VPP and a fresh simulator,
 * every answer compared; fast-check shrinks a difference to a minimal sequence. CI runs a bounded
 * number with a fixed seed; by hand: CONFORM_RUNS=500 CONFORM_SEED=<n> npx vitest run
 * test/conformance/generated.test.ts (a failure prints its seed and the shrunk sequence).
 *
 * The second test injects a bug into the simulator (a freed sw_if_index is reused highest first,
 * where VPP takes the one freed last) and shows the same generator, budget and seed find it.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { IndexPool } from '../../src/sim/vpp/util.js';
import type { VppState } from '../../src/sim/vpp/state.js';
import { HAVE_REAL_VPP, NO_REAL_VPP_REASON } from '../helpers/real-vpp.js';
import { type Op, GENERATED_HARDWARE, generatedScenario, opsArb } from './generate.js';
import { type Recording, compareRecordings, formatDifference } from './harness.js';
import { isKnown } from './known-differences.js';
import { VppPool, runOnSim, runOnVpp } from './targets.js';

const RUNS = Number(process.env.CONFORM_RUNS ?? 25);
const SEED = Number(process.env.CONFORM_SEED ?? 20261205);
/** Budget of one search, shrinking included (each candidate starts a VPP). */
const TIME_LIMIT_MS = Number(process.env.CONFORM_TIME_LIMIT_MS ?? 150_000);

/** The simulator's pool taking the highest free index instead of the one freed last. */
class HighestFreeFirst extends IndexPool {
  override alloc(): number {
    if (this.free.length === 0) return this.next++;
    const k = this.free.indexOf(Math.max(...this.free));
    return this.free.splice(k, 1)[0] as number;
  }
  override peek(): number {
    return this.free.length === 0 ? this.next : Math.max(...this.free);
  }
}

function injectHighestFree(s: VppState): void {
  Object.defineProperty(s, 'swPool', { value: new HighestFreeFirst(s.swPool.peek()) });
}

const pool = HAVE_REAL_VPP ? new VppPool(Array.from({ length: 2000 }, () => GENERATED_HARDWARE)) : undefined;
let next = 0;
const SIM_PORTS = GENERATED_HARDWARE.map((name, i) => ({ name, mac: `02:fe:00:00:0${i + 1}:00` }));

/** VPP's answers to the sequence: the real VPP's, or (without one, or asked) a correct simulator's. */
async function reference(ops: readonly Op[], against: 'vpp' | 'sim'): Promise<Recording> {
  const sc = generatedScenario(ops);
  if (pool && against === 'vpp') return runOnVpp(pool, next++, sc);
  return runOnSim(sc, SIM_PORTS);
}

/** The differences of the simulator (with `onState` applied) from the reference, known ones left out. */
async function differences(
  ops: readonly Op[],
  o: { onState?: (s: VppState) => void; against?: 'vpp' | 'sim' } = {},
): Promise<string[]> {
  const ref = await reference(ops, o.against ?? 'vpp');
  const sim = await runOnSim(generatedScenario(ops), ref.hardware, o.onState ? { onState: o.onState } : {});
  return compareRecordings(ref, sim)
    .filter((d) => !isKnown('generated', d))
    .map((d) => formatDifference(d));
}

function describeOps(ops: readonly Op[]): string {
  return generatedScenario(ops)
    .steps.map((s, i) => `  ${i + 1}. ${s.call} ${JSON.stringify(s.args)}`)
    .join('\n');
}

function property(o: Parameters<typeof differences>[1] = {}): fc.IAsyncPropertyWithHooks<[Op[]]> {
  return fc.asyncProperty(opsArb(), async (ops) => {
    const d = await differences(ops, o);
    if (d.length > 0) throw new Error(`${d.slice(0, 8).join('\n')}\nsequence:\n${describeOps(ops)}`);
  });
}

describe('generated sequences', () => {
  afterAll(async () => {
    await pool?.close();
  });

  it.skipIf(!HAVE_REAL_VPP)(
    `${RUNS} generated sequences answer on the simulator as on a real VPP (seed ${SEED})`,
    async () => {
      const out = await fc.check(property(), {
        numRuns: RUNS,
        seed: SEED,
        interruptAfterTimeLimit: TIME_LIMIT_MS,
        markInterruptAsFailure: false,
      });
      expect(out.failed, `${fc.defaultReportMessage(out) ?? ''}\n${String(out.errorInstance)}`).toBe(false);
    },
    TIME_LIMIT_MS + 60_000,
  );
  if (!HAVE_REAL_VPP) it.skip(`against a real VPP: ${NO_REAL_VPP_REASON}`, () => undefined);

  it(
    `finds an injected sw_if_index reuse bug within the same budget (against ${HAVE_REAL_VPP ? 'a real VPP' : 'a correct simulator'}) and shrinks it`,
    async () => {
      // found: the same generator, seed and number of runs as the test above
      const found = await fc.check(property({ onState: injectHighestFree }), {
        numRuns: RUNS,
        seed: SEED,
        endOnFailure: true,
        interruptAfterTimeLimit: TIME_LIMIT_MS,
      });
      expect(found.failed, 'the injected bug went unnoticed').toBe(true);
      const seq = found.counterexample![0];
      // the difference is the bug's: without it the simulator answers that sequence as VPP did
      expect(await differences(seq)).toEqual([]);
      // shrunk (against the correct simulator, which answers as VPP: each candidate costs no VPP)
      const shrunk = await fc.check(property({ onState: injectHighestFree, against: 'sim' }), {
        examples: [[seq]],
        numRuns: 1,
        seed: SEED,
      });
      expect(shrunk.failed).toBe(true);
      const min = shrunk.counterexample![0];
      const report = String(shrunk.errorInstance).split('\nsequence:')[0]!;
      console.log(
        `injected bug found at sequence ${found.numRuns} of ${RUNS} (${seq.length} operations), shrunk ${shrunk.numShrinks} times to ${min.length}:\n${describeOps(min)}\n${report}`,
      );
      // a minimal sequence: two interfaces freed, one created again; the harness names the step
      expect(min.length).toBeLessThanOrEqual(6);
      expect(report).toMatch(/step \d+ \S+: reply\.sw_if_index: VPP \d+, simulator \d+/);
    },
    TIME_LIMIT_MS + 60_000,
  );
});
