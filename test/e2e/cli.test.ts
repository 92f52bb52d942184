import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquireLock } from '../../src/apply/lock.js';
import { startSimulator, type Simulator } from '../../src/sim/index.js';
import { runCli, type CliRun } from '../helpers/cli.js';
import { REPO_ROOT } from '../helpers/shared.js';

let sim: Simulator;
let socket: string;
let dir: string;

function vppstate(...args: string[]): Promise<CliRun> {
  return runCli('--socket', socket, '--no-color', ...args);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vppstate-cli-'));
  socket = join(dir, 'api.sock');
  process.env.VPPSTATE_LOCK_DIR = dir;
  sim = await startSimulator({ socket });
});
afterAll(async () => {
  await sim.close();
});

const quickstart = join(REPO_ROOT, 'examples', 'quickstart.yaml');

describe('the quickstart flow through the CLI, on the simulator', () => {
  it('plan → apply → in sync → drift after an out-of-band change → apply again', async () => {
    const p = await vppstate('plan', quickstart, '--detailed-exitcode');
    expect(p.code).toBe(2);
    expect(p.out).toContain('+ interface loop0');
    expect(p.out).toMatch(/Plan: \d+ to create/);

    const a = await vppstate('apply', quickstart, '--yes');
    expect(a.err).toBe('');
    expect(a.code).toBe(0);
    expect(a.out).toContain('verified: VPP matches the documents');

    expect((await vppstate('plan', quickstart, '--detailed-exitcode')).code).toBe(0);
    expect((await vppstate('drift', quickstart)).code).toBe(0);

    // someone changes loop1's MTU by hand (a one-off document applied without pruning)
    const oob = join(dir, 'oob.yaml');
    writeFileSync(
      oob,
      'vrfs:\n  10:\n    name: blue\ninterfaces:\n  loop1:\n    mtu: 9000\n    vrf: 10\n    addresses: [10.10.0.1/24]\n',
    );
    const o = await vppstate('apply', oob, '--yes', '--prune', 'none', '--quiet');
    expect(o.err).toBe('');
    expect(o.code).toBe(0);

    const d = await vppstate('drift', quickstart);
    expect(d.code).toBe(2);
    expect(d.out).toContain('~ interface loop1');
    expect(d.out).toContain('mtu: 9000 → 1500');
    const dj = JSON.parse((await vppstate('drift', quickstart, '--format', 'json')).out) as {
      summary: { in_sync: boolean };
    };
    expect(dj.summary.in_sync).toBe(false);

    expect((await vppstate('apply', quickstart, '--yes', '--quiet')).code).toBe(0);
    expect((await vppstate('drift', quickstart)).code).toBe(0);

    const x = await vppstate('export');
    expect(x.code).toBe(0);
    expect(x.out).toContain('loop1:');
    const exported = join(dir, 'exported.yaml');
    writeFileSync(exported, x.out);
    expect((await vppstate('plan', exported, '--detailed-exitcode')).code).toBe(0);

    const cli = await vppstate('plan', quickstart, '--format', 'cli');
    expect(cli.out).toBe('# nothing to do\n');
  });

  it('counts a loopback someone else created as drift: exit 2, named, in_sync false', async () => {
    expect((await vppstate('apply', quickstart, '--yes', '--quiet')).code).toBe(0);
    const made = await vppstate('call', 'create_loopback_instance', 'is_specified=true', 'user_instance=77');
    expect(made.code).toBe(0);
    try {
      const d = await vppstate('drift', quickstart);
      expect(d.code).toBe(2);
      expect(d.out).toContain('· interface loop77');
      expect(d.out).toContain('Drift: nothing to fix; 1 object not in the documents (left alone).');
      const dj = JSON.parse((await vppstate('drift', quickstart, '--format', 'json')).out) as {
        summary: { in_sync: boolean; ops: number };
      };
      expect(dj.summary).toMatchObject({ in_sync: false, ops: 0 });
      // nothing for a plan to do: it is not vppstate's loopback
      expect((await vppstate('plan', quickstart, '--detailed-exitcode')).code).toBe(0);
    } finally {
      const idx = JSON.parse(made.out) as { sw_if_index: number };
      await vppstate('call', 'delete_loopback', `sw_if_index=${idx.sw_if_index}`);
    }
  });

  it('refuses to apply while another vppstate holds the lock, naming it', async () => {
    const release = await acquireLock(socket);
    try {
      const r = await vppstate('apply', quickstart, '--yes');
      expect(r.code).toBe(1);
      expect(r.err).toContain(`another vppstate is applying to ${socket}: pid ${process.pid}`);
    } finally {
      await release();
    }
  });

  it('reports an invalid document with its position and changes nothing', async () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'interfaces:\n  loop0:\n    mtu: 100000\n');
    const r = await vppstate('apply', bad, '--yes');
    expect(r.code).toBe(1);
    expect(r.err).toContain('bad.yaml:3');
  });
});
