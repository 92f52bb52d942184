/**
 * The README's quickstart, scripts/quickstart.sh as a user runs it: on the simulator it starts
 * itself, and on a real VPP (--socket) where one can run. The vppstate it runs is the source
 * through tsx (VPPSTATE_CLI), so no build is needed.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { loadExample } from '../helpers/examples.js';
import { REPO_ROOT } from '../helpers/shared.js';
import { startRealVpp } from '../helpers/real-vpp.js';
import { TARGETS, type TargetName } from '../helpers/target.js';
import { vppctlMismatches } from '../helpers/vppctl.js';

const run = promisify(execFile);
const SCRIPT = join(REPO_ROOT, 'scripts', 'quickstart.sh');
const CLI = `node --import tsx ${join(REPO_ROOT, 'src', 'cli', 'main.ts')}`;

async function quickstart(args: string[]): Promise<string> {
  try {
    const { stdout } = await run('bash', [SCRIPT, ...args], {
      env: { ...process.env, VPPSTATE_CLI: CLI, VPPSTATE_SOCKET: '' },
      timeout: 150_000,
    });
    return stdout;
  } catch (err) {
    const e = err as { message: string; stdout?: string; stderr?: string; code?: unknown; signal?: unknown };
    throw new Error(
      `${e.message} (exit ${String(e.code)}, signal ${String(e.signal)})\n--- stdout\n${e.stdout ?? ''}\n--- stderr\n${e.stderr ?? ''}`,
    );
  }
}

function expectTheWholeFlow(out: string): void {
  for (const step of ['== 1.', '== 2.', '== 3.', '== 4.', '== 5.', '== 6.', '== 7.'])
    expect(out).toContain(step);
  expect(out).toContain('verified: VPP matches the documents');
  expect(out).toContain('mtu: 9000 → 1500');
  expect(out.match(/No changes: VPP matches the documents\./g)).toHaveLength(2);
  expect(out).toContain('Quickstart done');
}

const label = (t: TargetName): string => (t === 'sim' ? 'the simulator' : 'a real VPP');

for (const target of TARGETS) {
  describe(`scripts/quickstart.sh on ${label(target)}`, () => {
    it('plans, applies, shows drift after an out-of-band change, repairs it, exports', async () => {
      if (target === 'sim') {
        expectTheWholeFlow(await quickstart([]));
        return;
      }
      const vpp = await startRealVpp({ name: 'quickstart' });
      try {
        const out = await quickstart(['--socket', vpp.socket]);
        expectTheWholeFlow(out);
        expect(out).toContain(`Quickstart on the VPP at ${vpp.socket}`);
        const { state } = await loadExample('quickstart.yaml');
        expect(await vppctlMismatches(vpp, state)).toEqual([]);
      } finally {
        await vpp.stop();
      }
    }, 180_000);
  });
}
