/**
 * When VPP dies, hangs or restarts in the middle — on the simulator (faults: drop after N,
 * freeze as SIGSTOP, restart, kill). Every command ends within its bound, non-zero, saying what
 * happened and what to do next.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readTrace } from '../../src/api/trace/file.js';
import { startSimulator, type Simulator } from '../../src/sim/index.js';
import { loopbacks, onSimWrite, reportCounts, scratch, spawnVppstate, until, vppstate } from './helpers.js';

let sim: Simulator | undefined;
let dir: string;
let socket: string;

async function start(): Promise<Simulator> {
  dir = scratch();
  socket = join(dir, 'api.sock');
  sim = await startSimulator({ socket });
  return sim;
}

afterEach(async () => {
  sim?.server.faults.thaw();
  await sim?.close();
  sim = undefined;
});

/** Short bounds for the tests: a silent VPP is given up after TIMEOUT + RECONNECT. */
const TIMEOUT = 400;
const RECONNECT = 400;
const BOUNDS = ['--timeout', String(TIMEOUT), '--reconnect-timeout', String(RECONNECT)];
/** Room for a loaded machine on top of the bound itself. */
const SLACK = 4000;

describe('apply when the connection drops but VPP stays up (drop after N)', () => {
  it('reconnects to the same VPP, retries what was in flight and finishes, verified', async () => {
    const s = await start();
    const doc = loopbacks(dir, 30);
    let dropped = false;
    onSimWrite(s, (k) => {
      if (k === 40 && !dropped) {
        dropped = true;
        s.server.faults.dropAfter(1);
      }
    });
    const r = await vppstate(socket, 'apply', doc, '--yes', '--quiet');
    expect(dropped).toBe(true);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect((await vppstate(socket, 'plan', doc, '--detailed-exitcode')).code).toBe(0);
  });
});

describe('apply when VPP stops answering (frozen, as with SIGSTOP)', () => {
  it('gives up within --timeout + --reconnect-timeout, lists what is unknown, and says what to do', async () => {
    const s = await start();
    const doc = loopbacks(dir, 100);
    const journal = join(dir, 'journal.jsonl');
    onSimWrite(s, (k) => {
      if (k === 150) s.server.faults.freeze();
    });
    const r = await vppstate(
      socket,
      ...BOUNDS,
      'apply',
      doc,
      '--yes',
      '--quiet',
      '--concurrency',
      '32',
      '--journal',
      journal,
    );
    expect(r.code).toBe(1);
    expect(r.ms).toBeLessThan(TIMEOUT + RECONNECT + SLACK);
    expect(r.err).toMatch(
      /apply stopped after (\d+) of 400 ops: lost the connection to VPP at .* \(VPP sent nothing for \d+ ms while \d+ requests? waited \(\w+ first, for 400 ms\)/,
    );
    expect(r.err).toMatch(
      /it is stopped \(SIGSTOP\), hung or overloaded\) and could not reconnect: \d+ attempts? in 0\.\d s/,
    );
    const { done, unknown, notStarted } = reportCounts(r.err);
    expect(done).toBeGreaterThanOrEqual(140);
    expect(unknown).toBeGreaterThan(0);
    expect(notStarted).toBeGreaterThan(0);
    expect(done + unknown + notStarted).toBe(400);
    expect(r.err).toContain(
      'rollback not possible: VPP cannot be reached; if it comes back without restarting, the',
    );
    expect(r.err).toContain('next: when VPP is back, run `vppstate plan`');
    // The journal (a trace) has every request sent, with its reply or marked unanswered.
    const entries = readTrace(journal);
    expect(entries.filter((e) => e._outcome === 'unknown').length).toBeGreaterThanOrEqual(unknown);
    const requests = entries.filter((e) => e._dir !== 'rx' && typeof e._seq === 'number');
    expect(
      requests.filter((e) => e._reply === undefined && e._details === undefined && e._outcome !== 'unknown'),
    ).toEqual([]);

    // VPP resumes (and, as a real one would, does what was left unread in its socket): plan
    // shows the way forward, and apply finishes it.
    s.server.faults.thaw();
    const p = await vppstate(socket, 'plan', doc, '--detailed-exitcode');
    expect(p.code).toBe(2);
    expect(p.out).toMatch(/Plan: \d+ to create/);
    expect((await vppstate(socket, 'apply', doc, '--yes', '--quiet')).code).toBe(0);
    expect((await vppstate(socket, 'plan', doc, '--detailed-exitcode')).code).toBe(0);
  });

  it.each([
    ['plan', ['plan']],
    ['drift', ['drift']],
    ['export', ['export']],
  ])('%s gives up on a frozen VPP within its bound, saying so', async (_name, cmd) => {
    const s = await start();
    const doc = loopbacks(dir, 5);
    await vppstate(socket, 'apply', doc, '--yes', '--quiet');
    // Frozen as the first dump arrives: the handshake went through, the read never ends.
    let frozen = false;
    s.server.register('sw_interface_dump', (req) => {
      frozen = true;
      s.server.faults.freeze();
      return s.model.handlers.sw_interface_dump(req);
    });
    const args = cmd[0] === 'export' ? cmd : [...cmd, doc];
    const r = await vppstate(socket, ...BOUNDS, ...args);
    expect(frozen).toBe(true);
    expect(r.code).toBe(1);
    expect(r.ms).toBeLessThan(TIMEOUT + RECONNECT + SLACK);
    expect(r.err).toMatch(
      // kinds are read at once: the interfaces' dump is the first of several waiting
      /^vppstate: lost the connection to VPP at .*VPP sent nothing for \d+ ms while \d+ requests? waited \(sw_interface_dump first, for 400 ms\)/m,
    );
    expect(r.err).toContain('next: check that VPP runs');
    expect(r.out).toBe('');
  });

  it('connect gives up on a VPP frozen before the command starts, after --timeout', async () => {
    const s = await start();
    s.server.faults.freeze();
    const r = await vppstate(socket, ...BOUNDS, 'call', 'show_version');
    expect(r.code).toBe(1);
    expect(r.ms).toBeLessThan(TIMEOUT + SLACK);
    expect(r.err).toContain(
      'accepted the connection but did not answer the handshake within 400 ms: it is stopped (SIGSTOP), hung or overloaded',
    );
  });

  it('call reports a call in flight when VPP went silent, outcome unknown', async () => {
    const s = await start();
    s.server.register('show_version', () => {
      s.server.faults.freeze();
      return new Promise(() => undefined);
    });
    const r = await vppstate(socket, ...BOUNDS, 'call', 'show_version');
    expect(r.code).toBe(1);
    expect(r.ms).toBeLessThan(TIMEOUT + SLACK);
    expect(r.err).toMatch(/show_version: no reply from VPP within 400 ms/);
  });
});

describe('apply when VPP restarts in the middle', () => {
  it('finds the new VPP (another pid), refuses to roll back onto it and says to apply again', async () => {
    const s = await start();
    const doc = loopbacks(dir, 60);
    let restarting: Promise<void> | undefined;
    onSimWrite(s, (k) => {
      if (k === 100) restarting = s.server.restart();
    });
    const r = await vppstate(socket, ...BOUNDS, 'apply', doc, '--yes', '--quiet');
    await restarting;
    expect(r.code).toBe(1);
    expect(r.ms).toBeLessThan(TIMEOUT + RECONNECT + SLACK);
    expect(r.err).toMatch(
      /apply stopped after \d+ of 240 ops: VPP at .* restarted \(pid \d+ → \d+\): everything it held was wiped/,
    );
    expect(r.err).toMatch(
      /rollback not attempted: VPP restarted, so what was done on the previous VPP went with everything else it held; rolling back onto the new, empty one would be wrong/,
    );
    expect(r.err).toContain('next: the restarted VPP holds none of the documents: apply them again');
    // Nothing was sent to the new VPP: it is empty, and plan shows all of it to create.
    const p = await vppstate(socket, 'plan', doc, '--detailed-exitcode');
    expect(p.code).toBe(2);
    expect(p.out).toMatch(/Plan: 60 to create, 0 to update, 0 to replace, 0 to delete/);
    expect((await vppstate(socket, 'apply', doc, '--yes', '--quiet')).code).toBe(0);
  });

  it.each(['plan', 'drift', 'export'])(
    '%s stops when VPP restarts mid-read, saying to run it again',
    async (cmd) => {
      const s = await start();
      const doc = loopbacks(dir, 5);
      await vppstate(socket, 'apply', doc, '--yes', '--quiet');
      let restarting: Promise<void> | undefined;
      s.server.register('sw_interface_dump', (req) => {
        restarting ??= s.server.restart();
        return s.model.handlers.sw_interface_dump(req);
      });
      const r = await vppstate(socket, ...BOUNDS, ...(cmd === 'export' ? [cmd] : [cmd, doc]));
      await restarting;
      expect(r.code).toBe(1);
      expect(r.ms).toBeLessThan(TIMEOUT + RECONNECT + SLACK);
      expect(r.err).toMatch(/restarted \(pid \d+ → \d+\)/);
      expect(r.err).toContain('next: run the command again');
      expect(r.out).toBe('');
    },
  );
});

describe('apply when VPP dies in the middle (nothing listens any more)', () => {
  it('stops at once, says what was done, in flight and not started, and that rollback cannot run', async () => {
    const s = await start();
    const doc = loopbacks(dir, 60);
    let closing: Promise<void> | undefined;
    let struck = NaN;
    onSimWrite(s, (k) => {
      if (k === 100) {
        struck = performance.now();
        closing = s.close();
      }
    });
    const r = await vppstate(socket, 'apply', doc, '--yes', '--quiet');
    await closing;
    expect(r.code).toBe(1);
    // Not the reconnect window: nothing listening means the VPP is gone.
    expect(r.endedAt - struck).toBeLessThan(1000);
    expect(r.err).toMatch(
      /apply stopped after \d+ of 240 ops: VPP at .* went away \(.*\) and nothing listens on its socket any more \(connect (ENOENT|ECONNREFUSED)\): the VPP process exited/,
    );
    expect(r.err).toMatch(/\d+ ops done and acknowledged by VPP; \d+ in flight without a reply/);
    expect(r.err).toContain('rollback not possible: the VPP process is gone');
    expect(r.err).toContain('next: start VPP again, then apply the documents again');
    sim = undefined;
  });
});

describe('apply when VPP dies after the last op, before verification', () => {
  it('says every op was acknowledged and that verification could not run', async () => {
    const s = await start();
    const doc = loopbacks(dir, 5);
    let writes = 0;
    onSimWrite(s, () => writes++);
    let closing: Promise<void> | undefined;
    let struck = NaN;
    let dumps = 0;
    s.server.register('sw_interface_dump', (req) => {
      // The plan's read is the first; the verification's comes after the 20 writes.
      if (++dumps > 1 && writes === 20 && closing === undefined) {
        struck = performance.now();
        closing = s.close();
      }
      return s.model.handlers.sw_interface_dump(req);
    });
    const r = await vppstate(socket, 'apply', doc, '--yes', '--quiet');
    await closing;
    sim = undefined;
    expect(r.code).toBe(1);
    expect(r.endedAt - struck).toBeLessThan(SLACK);
    expect(r.err).toMatch(
      /^vppstate: all 20 ops were applied and acknowledged by VPP, but it was lost before they could be verified: VPP at .* went away/,
    );
    expect(r.err).toContain('next: when VPP is back, run `vppstate drift` with the same documents');
  });

  it('--no-rollback on a VPP that died says nothing could be kept', async () => {
    const s = await start();
    const doc = loopbacks(dir, 30);
    let closing: Promise<void> | undefined;
    onSimWrite(s, (k) => {
      if (k === 50) closing = s.close();
    });
    const r = await vppstate(socket, 'apply', doc, '--yes', '--quiet', '--no-rollback');
    await closing;
    sim = undefined;
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      '--no-rollback: nothing to keep: the VPP process is gone, and what was done went with everything else it held',
    );
  });
});

describe('signals during apply', () => {
  it('a Ctrl-C stops issuing calls, rolls back, and says so', async () => {
    const s = await start();
    s.server.faults.delay(15);
    const doc = loopbacks(dir, 40);
    let writes = 0;
    onSimWrite(s, () => writes++);
    const child = spawnVppstate(socket, dir, 'apply', doc, '--yes', '--quiet', '--concurrency', '1');
    await until(() => writes >= 20, '20 writes');
    child.kill('SIGINT');
    const { code } = await child.exited;
    expect(code).toBe(1);
    const err = child.stderr();
    expect(err).toContain(
      'SIGINT: stopping; no new calls are sent; rolling back what was done… (Ctrl-C again to exit at once)',
    );
    expect(err).toMatch(/interrupted by SIGINT: apply interrupted after \d+ of 160 ops/);
    expect(err).toContain('VPP is as it was before');
    s.server.faults.delay(0);
    expect((await vppstate(socket, 'plan', doc)).out).toMatch(
      /Plan: 40 to create, 0 to update, 0 to replace, 0 to delete/,
    );
  });
});

describe('signals during rollback', () => {
  /** An apply whose op 30 fails for good, with a slow rollback to interrupt. */
  async function rollingBack(): Promise<{ child: ReturnType<typeof spawnVppstate>; deletes: () => number }> {
    const s = await start();
    const doc = loopbacks(dir, 20);
    let deletes = 0;
    onSimWrite(s, (k, name) => {
      if (k === 30) s.server.faults.failNth(name, 1, -1);
      if (name === 'delete_loopback') deletes++;
    });
    s.server.faults.delay({ delete_loopback: 300, sw_interface_add_del_address: 50 });
    const child = spawnVppstate(socket, dir, 'apply', doc, '--yes', '--quiet', '--concurrency', '1');
    await until(() => deletes > 0, 'rollback under way');
    return { child, deletes: () => deletes };
  }

  it('a second Ctrl-C exits at once, saying how far rollback got and what is unknown', async () => {
    const { child } = await rollingBack();
    child.kill('SIGINT');
    await until(() => child.stderr().includes('SIGINT: stopping'), 'first SIGINT seen');
    const t0 = performance.now();
    child.kill('SIGINT');
    const { code } = await child.exited;
    expect(performance.now() - t0).toBeLessThan(1500);
    expect(code).toBe(130);
    const err = child.stderr();
    expect(err).toContain('SIGINT again: exiting now, without waiting for VPP.');
    expect(err).toMatch(
      /(\d+) of 80 ops were done and acknowledged by VPP\.\nRollback had undone \d+ of \1; \d+ remain in VPP; undoing this one was under way \(outcome unknown\): interface loop\d+: create loopback/,
    );
    expect(err).toContain('VPP is partly changed: run `vppstate plan` with the same documents');
  });

  it('SIGTERM during rollback exits at once too', async () => {
    const { child } = await rollingBack();
    const t0 = performance.now();
    child.kill('SIGTERM');
    const { code } = await child.exited;
    expect(performance.now() - t0).toBeLessThan(1500);
    expect(code).toBe(143);
    expect(child.stderr()).toContain('SIGTERM during rollback: exiting now, without waiting for VPP.');
    expect(child.stderr()).toMatch(
      /(\d+) of 80 ops were done and acknowledged by VPP\.\nRollback had undone \d+ of \1/,
    );
  });
});
