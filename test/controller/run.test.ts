/**
 * `vppstate run` end to end, as a process, against the simulator and (where one can run) the
 * real VPP: the same scenarios on both. Each target gets one enforcing controller that lives
 * through the whole sequence (edit, ConfigMap swap, out-of-band change, invalid edit, restart,
 * metrics, SIGTERM) and one observing controller.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VppClient } from '../../src/api/client/client.js';
import { readLive } from '../../src/model/live.js';
import { startTarget, TARGETS, type Target } from '../helpers/target.js';
import {
  ConfigMapDir,
  isReconcileEnd,
  saveByRename,
  sleep,
  spawnRun,
  tempDir,
  type LogLine,
  type RunProcess,
} from './harness.js';

const BASE = `vrfs:
  10: { name: blue }
interfaces:
  loop0:
    addresses: [192.0.2.1/24]
  loop1:
    vrf: 10
    addresses: [198.51.100.1/24]
routes:
  - { prefix: 203.0.113.0/24, vrf: 10, via: 198.51.100.254, interface: loop1 }
`;
const EXTRA = (mtu: number): string =>
  `interfaces:\n  loop2:\n    mtu: ${mtu}\n    addresses: [10.2.0.1/24]\n`;

/** Interfaces (name → admin state and MTU) and addresses VPP has now. */
async function vppInterfaces(
  client: VppClient,
): Promise<Map<string, { up: boolean; mtu: unknown; addrs: string[] }>> {
  const live = await readLive(client);
  const out = new Map<string, { up: boolean; mtu: unknown; addrs: string[] }>();
  for (const [name, r] of live.objects.get('interface') ?? []) {
    const o = r.obj as { adminState?: string; mtu?: unknown; addresses?: string[] };
    out.set(name, { up: o.adminState === 'up', mtu: o.mtu, addrs: [...(o.addresses ?? [])] });
  }
  return out;
}

async function ifIndex(client: VppClient, name: string): Promise<number> {
  const idx = (await readLive(client)).ifIndex.get(name);
  if (idx === undefined) throw new Error(`${name} not in VPP`);
  return idx;
}

/** Waits for the next reconcile to end after log line `from`, then a quiet period; returns all that ended. */
async function reconcilesAfter(run: RunProcess, from: number, quietMs = 1200): Promise<LogLine[]> {
  await run.waitFor(isReconcileEnd, 'a reconcile to end', 30_000, from);
  await sleep(quietMs);
  return run.logs.slice(from).filter(isReconcileEnd);
}

for (const name of TARGETS) {
  describe(`vppstate run against ${name === 'sim' ? 'the simulator' : 'a real VPP'}`, () => {
    let target: Target;
    let dir: string;
    let cm: ConfigMapDir;
    let extra: string;
    let run: RunProcess;

    beforeAll(async () => {
      target = await startTarget(name);
      dir = tempDir('vppstate-run-');
      cm = new ConfigMapDir(dir, ['config.yaml']);
      cm.init({ 'config.yaml': BASE });
      extra = join(dir, 'extra.yaml');
      saveByRename(extra, EXTRA(1500));
      run = spawnRun(target.socket, [cm.dir, extra, '--resync', '3600'], { VPPSTATE_LOCK_DIR: dir });
    }, 60_000);

    afterAll(async () => {
      await run?.kill('SIGKILL');
      await target?.close();
    }, 60_000);

    it('starts, applies the documents once and becomes ready', { timeout: 90_000 }, async () => {
      // Starting takes long on a loaded machine (tsx compiles the sources as they load).
      const first = await run.waitFor(isReconcileEnd, 'the first reconcile', 80_000);
      expect(first.result).toBe('applied');
      expect(first.msg).toMatch(/^reconcile r1 finished: applied \d+ calls, verified/);
      const ifs = await vppInterfaces(target.client);
      expect([...ifs.keys()].filter((n) => n.startsWith('loop')).sort()).toEqual(['loop0', 'loop1', 'loop2']);
      expect(ifs.get('loop2')).toMatchObject({ up: true, mtu: 1500, addrs: ['10.2.0.1/24'] });
      const ready = await run.get('/readyz');
      expect(ready.status).toBe(200);
      expect(ready.body).toContain('generation 1 enforced');
      expect((await run.get('/healthz')).status).toBe(200);
    });

    it('an editor saving a file (rename over it) triggers exactly one reconcile', async () => {
      const from = run.logs.length;
      saveByRename(extra, EXTRA(1400));
      const ends = await reconcilesAfter(run, from);
      expect(ends).toHaveLength(1);
      expect(ends[0]).toMatchObject({ result: 'applied' });
      const started = run.logs.slice(from).find((l) => /^reconcile r\d+ started/.test(l.msg));
      expect(started?.triggers).toEqual(['files']);
      expect((await vppInterfaces(target.client)).get('loop2')?.mtu).toBe(1400);
    });

    it('a ConfigMap update (..data symlink swap) triggers exactly one reconcile', async () => {
      const from = run.logs.length;
      cm.swap({ 'config.yaml': BASE.replace('192.0.2.1/24', '192.0.2.9/24') });
      const ends = await reconcilesAfter(run, from);
      expect(ends).toHaveLength(1);
      expect(ends[0]).toMatchObject({ result: 'applied' });
      expect((await vppInterfaces(target.client)).get('loop0')?.addrs).toEqual(['192.0.2.9/24']);
      expect(run.logs.slice(from).some((l) => /^documents loaded: generation 3/.test(l.msg))).toBe(true);
    });

    it('an out-of-band change in VPP is reverted at the interface event', async () => {
      const from = run.logs.length;
      await target.client.call('sw_interface_set_flags', {
        sw_if_index: await ifIndex(target.client, 'loop0'),
        flags: 0,
      });
      const seen = await run.waitFor(
        (l) => /^VPP changed outside vppstate/.test(l.msg),
        'the event',
        20_000,
        from,
      );
      expect(seen.msg).toContain('loop0 admin down');
      const ends = await reconcilesAfter(run, from);
      expect(ends).toHaveLength(1);
      expect(ends[0].result).toBe('applied');
      const started = run.logs.slice(from).find((l) => /^reconcile r\d+ started/.test(l.msg));
      expect(started?.triggers).toEqual(['vpp-event']);
      expect((await vppInterfaces(target.client)).get('loop0')?.up).toBe(true);
    });

    it('an invalid edit is rejected with its position; the last good state stays enforced', async () => {
      const from = run.logs.length;
      saveByRename(extra, 'interfaces:\n  loop2:\n    mtu: 100000\n');
      const rejected = await run.waitFor(
        (l) => /^documents rejected/.test(l.msg),
        'the rejection',
        20_000,
        from,
      );
      expect(rejected.msg).toMatch(/extra\.yaml:3:\d+: interfaces\.loop2\.mtu: /);
      expect(rejected.msg).toContain('still enforcing generation 3');
      const status = JSON.parse((await run.get('/status')).body) as {
        documents: { valid: boolean; generation: number; rejected?: { errors: { line: number }[] } };
        lastError: { phase: string; errors: { file: string; line: number; path: string }[] };
        ready: boolean;
      };
      expect(status.documents).toMatchObject({ valid: false, generation: 3 });
      expect(status.lastError.phase).toBe('load');
      expect(status.lastError.errors[0]).toMatchObject({ line: 3, path: 'interfaces.loop2.mtu' });
      expect(status.ready).toBe(true);
      // No reconcile for the rejected edit; VPP keeps loop2 as generation 3 had it.
      await sleep(800);
      expect(run.logs.slice(from).filter(isReconcileEnd)).toHaveLength(0);
      // An out-of-band deletion of an address is put back from the last good documents.
      const from2 = run.logs.length;
      await target.client.call('sw_interface_set_flags', {
        sw_if_index: await ifIndex(target.client, 'loop2'),
        flags: 0,
      });
      const ends = await reconcilesAfter(run, from2);
      expect(ends.map((e) => e.result)).toEqual(['applied']);
      expect((await vppInterfaces(target.client)).get('loop2')).toMatchObject({ up: true, mtu: 1400 });
      // Fixing the file is accepted again.
      const from3 = run.logs.length;
      saveByRename(extra, EXTRA(1400));
      await run.waitFor((l) => /^documents unchanged/.test(l.msg), 'the fixed documents', 20_000, from3);
      expect(JSON.parse((await run.get('/status')).body).documents.valid).toBe(true);
      expect((await reconcilesAfter(run, from3)).map((e) => e.result)).toEqual(['in_sync']);
    });

    it('SIGHUP reloads the documents', async () => {
      const from = run.logs.length;
      run.child.kill('SIGHUP');
      await run.waitFor((l) => /^SIGHUP: reloading the documents/.test(l.msg), 'the SIGHUP', 30_000, from);
      const ends = await reconcilesAfter(run, from);
      expect(ends.map((e) => e.result)).toEqual(['in_sync']);
      expect(run.logs.slice(from).some((l) => /^documents unchanged/.test(l.msg))).toBe(true);
    });

    it('a VPP restart is noticed and followed by a full resync', async () => {
      const from = run.logs.length;
      if (target.sim) await target.sim.server.restart();
      else await target.vpp?.restart();
      await run.waitFor((l) => /^connection to VPP lost/.test(l.msg), 'the lost connection', 20_000, from);
      const back = await run.waitFor((l) => /^reconnected to VPP/.test(l.msg), 'the reconnect', 30_000, from);
      expect(back.msg).toContain('(a new VPP process: full resync)');
      const started = await run.waitFor(
        (l) => /^reconcile r\d+ started/.test(l.msg) && l.triggers?.includes('vpp-restart') === true,
        'the full resync',
        30_000,
        from,
      );
      const ends = await reconcilesAfter(run, run.logs.indexOf(started));
      expect(ends.map((e) => e.result)).toEqual(['applied']);
      // The test's own client may have given up reconnecting while VPP was down.
      const ifs = await vppInterfaces(target.client.connected ? target.client : await target.connect());
      expect([...ifs.keys()].filter((n) => n.startsWith('loop')).sort()).toEqual(['loop0', 'loop1', 'loop2']);
      expect(ifs.get('loop0')?.addrs).toEqual(['192.0.2.9/24']);
    }, 60_000);

    it('metrics, health and status say what happened', async () => {
      const m = await run.get('/metrics');
      expect(m.status).toBe(200);
      const metric = (re: RegExp): number => {
        const line = m.body.split('\n').find((l) => re.test(l));
        if (!line) throw new Error(`no metric ${re}:\n${m.body.slice(0, 3000)}`);
        return Number(line.slice(line.lastIndexOf(' ') + 1));
      };
      const applied = run.reconciles().filter((l) => l.result === 'applied').length;
      expect(metric(/^vppstate_reconciles_total\{result="applied"\}/)).toBe(applied);
      expect(metric(/^vppstate_reconciles_total\{result="failed"\}/)).toBe(0);
      expect(metric(/^vppstate_connected /)).toBe(1);
      expect(metric(/^vppstate_desired_generation /)).toBe(3);
      expect(metric(/^vppstate_documents_valid /)).toBe(1);
      expect(metric(/^vppstate_document_rejections_total /)).toBe(1);
      expect(metric(/^vppstate_vpp_reconnects_total /)).toBe(1);
      expect(metric(/^vppstate_vpp_restarts_total /)).toBe(1);
      expect(metric(/^vppstate_drifted_objects /)).toBe(0); // the last apply was verified
      expect(metric(/^vppstate_last_success_timestamp_seconds /)).toBeGreaterThan(Date.now() / 1000 - 120);
      expect(metric(/^vppstate_reconcile_duration_seconds_count\{result="applied"\}/)).toBe(applied);
      expect(
        metric(/^vppstate_api_calls_total\{message="sw_interface_set_flags",result="ok"\}/),
      ).toBeGreaterThan(0);
      expect(metric(/^vppstate_reconcile_triggers_total\{trigger="vpp-event"\}/)).toBe(2);
      expect(metric(/^vppstate_reconcile_triggers_total\{trigger="vpp-restart"\}/)).toBe(1);
      expect(metric(/^vppstate_controller_state\{region="connection",state="connected"\}/)).toBe(1);
      expect(metric(/^vppstate_controller_state\{region="reconcile",state="idle"\}/)).toBe(1);
      const status = JSON.parse((await run.get('/status')).body) as Record<string, unknown>;
      expect(status).toMatchObject({
        mode: 'enforce',
        connected: true,
        ready: true,
        state: { connection: 'connected', reconcile: 'idle' },
        documents: { valid: true, generation: 3 },
        reconciles: { applied, failed: 0 },
        lastReconcile: { result: 'applied', triggers: ['vpp-restart'] },
      });
      expect((await run.get('/nope')).status).toBe(404);
    });

    it('SIGTERM disconnects cleanly and exits 0', async () => {
      const code = await run.kill('SIGTERM');
      expect(code).toBe(0);
      expect(run.logs.some((l) => l.msg === 'disconnected from VPP')).toBe(true);
      expect(run.logs.at(-1)?.msg).toBe('stopped');
      expect(run.stderr()).toBe('');
    });
  });

  describe(`vppstate run --mode observe against ${name === 'sim' ? 'the simulator' : 'a real VPP'}`, () => {
    let target: Target;
    let run: RunProcess;
    let doc: string;

    beforeAll(async () => {
      target = await startTarget(name);
      const dir = tempDir('vppstate-observe-');
      doc = join(dir, 'state.yaml');
      saveByRename(doc, 'interfaces:\n  loop7:\n    addresses: [192.0.2.7/24]\n');
      run = spawnRun(target.socket, ['--mode', 'observe', doc, '--resync', '3600'], {
        VPPSTATE_LOCK_DIR: dir,
      });
    }, 60_000);

    afterAll(async () => {
      await run?.kill('SIGKILL');
      await target?.close();
    }, 60_000);

    it('reports drift and changes nothing', { timeout: 90_000 }, async () => {
      const end = await run.waitFor(isReconcileEnd, 'the first check', 80_000);
      expect(end.result).toBe('drift');
      const drift = run.logs.find((l) => /^drift: 1 object differs/.test(l.msg));
      expect(drift?.msg).toContain('interface loop7: create');
      expect(drift?.drift).toEqual(['interface loop7: create']);
      expect((await vppInterfaces(target.client)).has('loop7')).toBe(false);
      expect(target.writes()).toEqual([]);
      expect((await run.get('/readyz')).status).toBe(200);
    });

    it('an out-of-band change is reported, not reverted', async () => {
      // Make VPP match, then change it behind the controller's back.
      await target.client.call('create_loopback_instance', { is_specified: true, user_instance: 7 });
      const idx = await ifIndex(target.client, 'loop7');
      await target.client.call('sw_interface_add_del_address', {
        sw_if_index: idx,
        is_add: true,
        prefix: '192.0.2.7/24',
      });
      const from = run.logs.length;
      await target.client.call('sw_interface_set_flags', { sw_if_index: idx, flags: 1 });
      let end = await run.waitFor(isReconcileEnd, 'the event check', 20_000, from);
      expect(end.result).toBe('in_sync');
      const from2 = run.logs.length;
      await target.client.call('sw_interface_set_flags', { sw_if_index: idx, flags: 0 });
      end = await run.waitFor(isReconcileEnd, 'the drift report', 20_000, from2);
      expect(end.result).toBe('drift');
      await sleep(500);
      expect((await vppInterfaces(target.client)).get('loop7')?.up).toBe(false);
      const m = (await run.get('/metrics')).body;
      expect(m).toMatch(/^vppstate_reconciles_total\{result="drift"\} 2$/m);
      expect(m).toMatch(/^vppstate_reconciles_total\{result="applied"\} 0$/m);
      expect(m).toMatch(/^vppstate_drifted_objects 1$/m);
      expect(await run.kill('SIGTERM')).toBe(0);
    });
  });
}
