/**
 * The written scenarios (test/conformance/scenarios) against VPP. With a real VPP here (../shared/vpp),
 * each runs on a fresh VPP and a fresh simulator and every answer is compared; the VPP's answers
 * must also still be those recorded. Without one, the recordings (our own, from the real VPP)
 * stand in for it. Differences print as `step N message: path: VPP x, simulator y`.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { HAVE_REAL_VPP } from '../helpers/real-vpp.js';
import { type Recording, compareRecordings, formatDifference, loadRecording } from './harness.js';
import { KNOWN_DIFFERENCES, isKnown } from './known-differences.js';
import { stepsDigest } from './scenario.js';
import { PENDING_SCENARIOS, SCENARIOS } from './scenarios/index.js';
import { VppPool, runOnSim, runOnVpp } from './targets.js';

const RECORD_HINT = 'record it on a host with ../shared/vpp: npm run conformance:record --';
const used = new Set<(typeof KNOWN_DIFFERENCES)[number]>();

describe(`written scenarios (${SCENARIOS.length}) against ${HAVE_REAL_VPP ? 'a real VPP' : 'the recordings of a real VPP'}`, () => {
  const pool = HAVE_REAL_VPP ? new VppPool(SCENARIOS.map((s) => s.hardware)) : undefined;
  afterAll(async () => {
    await pool?.close();
  });

  SCENARIOS.forEach((sc, i) => {
    it(`${sc.name}: ${sc.title}`, async () => {
      const rec = loadRecording(sc.name);
      let reference: Recording;
      if (pool) {
        reference = await runOnVpp(pool, i, sc);
        expect(rec, `no recording of ${sc.name}: ${RECORD_HINT} ${sc.name}`).toBeDefined();
        expect(rec!.digest, `the recording of ${sc.name} is of other steps: ${RECORD_HINT} ${sc.name}`).toBe(
          stepsDigest(sc),
        );
        const drift = compareRecordings(rec!, reference).map((d) =>
          formatDifference(d, { a: 'recorded', b: 'VPP now' }),
        );
        expect(drift, `VPP no longer answers as recorded: ${RECORD_HINT} ${sc.name}`).toEqual([]);
      } else {
        expect(rec, `no recording of ${sc.name}: ${RECORD_HINT} ${sc.name}`).toBeDefined();
        expect(rec!.digest, `the recording of ${sc.name} is of other steps: ${RECORD_HINT} ${sc.name}`).toBe(
          stepsDigest(sc),
        );
        reference = rec!;
      }
      const sim = await runOnSim(sc, reference.hardware);
      const diffs: string[] = [];
      for (const d of compareRecordings(reference, sim)) {
        const k = isKnown(sc.name, d);
        if (k) used.add(k);
        else diffs.push(formatDifference(d));
      }
      expect(diffs).toEqual([]);
    }, 120_000);
  });

  for (const sc of PENDING_SCENARIOS) it.todo(`${sc.name}: ${sc.title} (pending simulator work)`);

  it('every known difference still occurs (remove those that do not)', () => {
    const stale = KNOWN_DIFFERENCES.filter((k) => !used.has(k)).map(
      (k) => `${k.scenario} ${k.message} ${String(k.path)}`,
    );
    expect(stale).toEqual([]);
  });
});
