/**
 * SIGTERM while `vppstate run` applies: no new call is sent, what was done is rolled back, the
 * client disconnects, exit 0. VPP ends as it was before the apply: nothing half-applied.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readLive } from '../../src/model/live.js';
import { isRead, startTarget, TARGETS, type Target } from '../helpers/target.js';
import { saveByRename, spawnRun, tempDir, type RunProcess } from './harness.js';

const LOOPS = 60;
const DOC = `interfaces:\n${Array.from(
  { length: LOOPS },
  (_, i) => `  loop${100 + i}:\n    description: sigterm\n    addresses: [10.${i}.0.1/24]\n`,
).join('')}`;

for (const name of TARGETS) {
  describe(`SIGTERM during an apply of vppstate run (${name === 'sim' ? 'simulator' : 'real VPP'})`, () => {
    let target: Target | undefined;
    let run: RunProcess | undefined;
    afterEach(async () => {
      await run?.kill('SIGKILL');
      await target?.close();
    });

    it('rolls back what it did, disconnects and exits 0', async () => {
      target = await startTarget(name);
      const dir = tempDir('vppstate-run-sig-');
      const doc = join(dir, 'many.yaml');
      saveByRename(doc, DOC);
      let writes = 0;
      let interrupt: () => void = () => undefined;
      const sim = target.sim;
      if (sim) {
        // Slow the simulator down and count writes at the server: interrupt a third of the way.
        sim.server.faults.delay(10);
        for (const [msg, h] of Object.entries(sim.model.handlers))
          sim.server.register(msg, (req) => {
            if (!isRead(msg) && ++writes === LOOPS) interrupt();
            return h(req);
          });
      }
      const r = spawnRun(target.socket, [doc, '--concurrency', '1', '--resync', '0'], {
        VPPSTATE_LOCK_DIR: dir,
      });
      run = r;
      if (sim) await new Promise<void>((resolve) => (interrupt = resolve));
      else {
        // The real VPP is fast: watch its interfaces appear and interrupt once some have.
        await r.waitFor((l) => /^applying \d+ calls?/.test(l.msg), 'the apply to start');
        for (let i = 0; i < 2000; i++) {
          const ifs = await target.client.dump('sw_interface_dump', { sw_if_index: 0xffffffff });
          if (ifs.filter((d) => String(d.interface_name).startsWith('loop')).length >= 5) break;
        }
      }
      const code = await r.kill('SIGTERM');
      expect(code).toBe(0);
      const end = r.logs.find((l) => /^reconcile r1 (stopped|finished)/.test(l.msg));
      const vpp = target.client;
      const loops = [...((await readLive(vpp)).objects.get('interface')?.keys() ?? [])].filter((n) =>
        n.startsWith('loop'),
      );
      if (sim || end?.msg.includes('stopped')) {
        // Interrupted: every completed call undone, in reverse.
        expect(end?.msg).toMatch(/^reconcile r1 stopped: apply interrupted after \d+ of \d+ ops/);
        expect(end?.msg).toMatch(
          sim ? /VPP is as it was before/ : /VPP is as it was before|nothing had been changed/,
        );
        expect(loops).toEqual([]);
      } else {
        // The real VPP finished before the signal arrived: then everything is there.
        expect(end?.msg).toMatch(/^reconcile r1 finished: applied/);
        expect(loops).toHaveLength(LOOPS);
      }
      expect(r.logs.some((l) => l.msg === 'disconnected from VPP')).toBe(true);
      expect(r.logs.at(-1)?.msg).toBe('stopped');
      if (sim) expect(writes).toBeGreaterThan(LOOPS); // the rollback's calls
    }, 120_000);
  });
}
