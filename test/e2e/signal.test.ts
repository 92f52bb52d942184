import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VppClient } from '../../src/api/client/client.js';
import { readLive } from '../../src/model/live.js';
import { startSimulator } from '../../src/sim/index.js';
import { spawnCli } from '../helpers/cli.js';
import { isRead } from './harness.js';

describe('Ctrl-C during apply', () => {
  it('stops issuing calls, rolls back, and says so', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vppstate-sig-'));
    const socket = join(dir, 'api.sock');
    const sim = await startSimulator({ socket });
    let writes = 0;
    let onWrite: () => void = () => undefined;
    for (const [name, h] of Object.entries(sim.model.handlers))
      sim.server.register(name, (req) => {
        if (!isRead(name)) {
          writes++;
          onWrite();
        }
        return h(req);
      });
    sim.server.faults.delay(15);
    const doc = join(dir, 'many.yaml');
    writeFileSync(
      doc,
      `interfaces:\n${Array.from({ length: 40 }, (_, i) => `  loop${i}:\n    addresses: [10.${i}.0.1/24]\n`).join('')}`,
    );
    const child = spawnCli(['--socket', socket, 'apply', doc, '--yes', '--quiet', '--concurrency', '1'], {
      env: { VPPSTATE_LOCK_DIR: dir },
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    // interrupt once 20 writes have gone through
    await new Promise<void>((resolve) => {
      onWrite = () => {
        if (writes === 20) resolve();
      };
    });
    child.kill('SIGINT');
    const code = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
    expect(code).toBe(1);
    expect(stderr).toContain('SIGINT: stopping; no new calls are sent; rolling back');
    expect(stderr).toMatch(/interrupted by SIGINT: apply interrupted after \d+ of 160 ops/);
    expect(stderr).toContain('VPP is as it was before');
    sim.server.faults.delay(0);
    const client = await VppClient.connect({ socket });
    const live = await readLive(client);
    expect([...(live.objects.get('interface')?.keys() ?? [])]).toEqual([]);
    await client.disconnect();
    await sim.close();
  });
});
