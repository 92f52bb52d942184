import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Reporter, TestModule } from 'vitest/node';
import { NO_REAL_VPP_REASON } from './vpp-sh.js';

/** What suites were skipped for (said once for the run, not per file). */
function missingPrerequisites(): string[] {
  const shared =
    process.env.VPPSTATE_SHARED_DIR ?? resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared');
  const out: string[] = [];
  for (const [dir, probe] of [
    ['vpp-api', 'core'],
    ['vpp-reference', 'README.md'],
  ] as const)
    if (!existsSync(join(shared, dir, probe)))
      out.push(`${join(shared, dir)} not found (beside the checkout, or set VPPSTATE_SHARED_DIR)`);
  if (NO_REAL_VPP_REASON) out.push(`no real VPP: ${NO_REAL_VPP_REASON}`);
  return out;
}

/** Ends the run with a plain `N passed, N failed, N skipped` line that any CI can read. */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const mod of testModules) {
      let failedHere = 0;
      for (const test of mod.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failedHere++;
        else skipped++;
      }
      // A file that fails to load, or whose beforeAll throws, fails even with no failed test.
      if (mod.state() === 'failed' && failedHere === 0) failedHere = 1;
      failed += failedHere;
    }
    const missing = skipped > 0 ? missingPrerequisites() : [];
    for (const m of missing) process.stdout.write(`\nskipped the suites that need it: ${m}`);
    process.stdout.write(`\nvitest: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}
