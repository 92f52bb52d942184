/**
 * Records written scenarios from a real VPP (../shared/vpp) into test/conformance/recordings:
 *   npm run conformance:record [-- NAME...]      (all scenarios without NAME)
 * Each scenario runs twice, each time on a fresh VPP; a field that differs between the two runs
 * and is not declared volatile (VOLATILE in harness.ts) is reported and the recording is not
 * written: declare it (per message, with the reason) or change the scenario.
 */
import { HAVE_REAL_VPP, NO_REAL_VPP_REASON } from '../helpers/real-vpp.js';
import { compareRecordings, formatDifference, saveRecording } from './harness.js';
import { PENDING_SCENARIOS, SCENARIOS as HELD } from './scenarios/index.js';

const SCENARIOS = [...HELD, ...PENDING_SCENARIOS];
import { VppPool, runOnVpp } from './targets.js';

if (!HAVE_REAL_VPP) {
  console.error(`cannot record: ${NO_REAL_VPP_REASON}`);
  process.exit(1);
}
const names = process.argv.slice(2);
const unknown = names.filter((n) => !SCENARIOS.some((s) => s.name === n));
if (unknown.length > 0) {
  console.error(`no such scenario: ${unknown.join(', ')}`);
  process.exit(1);
}
const list = SCENARIOS.filter((s) => names.length === 0 || names.includes(s.name));
const pool = new VppPool(list.flatMap((s) => [s.hardware, s.hardware]));
let failed = 0;
for (let i = 0; i < list.length; i++) {
  const sc = list[i]!;
  const a = await runOnVpp(pool, 2 * i, sc);
  const b = await runOnVpp(pool, 2 * i + 1, sc);
  const diffs = compareRecordings(a, b);
  if (diffs.length > 0) {
    failed++;
    console.error(`${sc.name}: two fresh VPPs answered differently (volatile fields not declared?):`);
    for (const d of diffs) console.error(`  ${formatDifference(d, { a: 'first', b: 'second' })}`);
    continue;
  }
  console.log(`${sc.name}: ${a.steps.length} steps -> ${saveRecording(a)}`);
}
await pool.close();
process.exit(failed > 0 ? 1 : 0);
