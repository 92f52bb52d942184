/**
 * apply when the real VPP dies (kill -9), restarts (vpp.sh restart) or stops answering
 * (SIGSTOP) in the middle: it exits within its bound, non-zero, saying what was done, what is
 * unknown, whether rollback ran and what to do next. The fault strikes when apply makes a given
 * API call (a spy on the client), so it lands at the same point every run; times are measured
 * from the fault.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it, vi } from 'vitest';
import { describeWithRealVpp } from '../helpers/real-vpp.js';
import { after, journalLines, loopbacks, onRequest, reportCounts, vppstate } from './helpers.js';
import { BOUNDS, freshVppPerTest, GONE, RECONNECT, SILENT, SLACK, TIMEOUT } from './real-vpp-setup.js';

const PORT = 'GigabitEthernet0/8/0';

describeWithRealVpp('apply on the real VPP when it dies, restarts or hangs', () => {
  const t = freshVppPerTest();

  /** Sub-interfaces of PORT with an address each (4 write ops per sub-interface). */
  function subinterfaces(n: number): string {
    const file = join(t.dir, 'subifs.yaml');
    writeFileSync(
      file,
      `interfaces:\n  ${PORT}: {}\n${Array.from({ length: n }, (_, i) => `  ${PORT}.${i + 1}:\n    addresses: [10.${(i + 1) >> 8}.${(i + 1) & 255}.1/24]\n`).join('')}`,
    );
    return file;
  }

  it('kill -9 while apply creates sub-interfaces (requests unread in VPP): stops at once, says what is known', async () => {
    await t.withPorts([PORT]);
    const doc = subinterfaces(300);
    const journal = join(t.dir, 'journal.jsonl');
    // At once, with up to 256 requests in VPP's socket: the client sees ECONNRESET.
    const fault = onRequest('sw_interface_add_del_address', 100, () => t.vpp.signal('SIGKILL'));
    const r = await vppstate(t.vpp.socket, 'apply', doc, '--yes', '--quiet', '--journal', journal);
    expect(r.code).toBe(1);
    expect(after(r, fault)).toBeLessThan(SLACK);
    expect(r.err).toMatch(/apply stopped after \d+ of 1201 ops: VPP at .*/);
    expect(r.err).toMatch(GONE);
    const { done, unknown, notStarted } = reportCounts(r.err);
    expect(done).toBeGreaterThanOrEqual(100);
    expect(unknown).toBeGreaterThan(0);
    expect(done + unknown + notStarted).toBe(1201);
    expect(r.err).toMatch(/\n {2}\? interface GigabitEthernet0\/8\/0\.\d+: .*\(.*subifs\.yaml:\d+:\d+\)\n/);
    expect(r.err).toContain('rollback not possible: the VPP process is gone');
    expect(r.err).toContain('next: start VPP again, then apply the documents again');
    // The journal (a trace of what crossed the socket) marks every request sent without a reply.
    // The report may count more: ops still queued in the client when VPP died never left.
    const lines = journalLines(journal);
    const unanswered = lines.filter((l) => l._outcome === 'unknown').length;
    expect(unanswered).toBeGreaterThan(0);
    expect(unanswered).toBeLessThanOrEqual(unknown);
    expect(
      lines.filter(
        (l) =>
          typeof l._seq === 'number' &&
          l._reply === undefined &&
          l._details === undefined &&
          l._outcome !== 'unknown',
      ),
    ).toEqual([]);
    // VPP back (a new process, empty): plan shows the way forward.
    await t.vpp.restart();
    const p = await vppstate(t.vpp.socket, 'plan', doc, '--detailed-exitcode');
    expect(p.code).toBe(2);
    expect(p.out).toMatch(/Plan: 300 to create/);
  });

  it('vpp.sh restart in the middle of apply: stops at once, never rolls back onto the new VPP', async () => {
    const doc = loopbacks(t.dir, 100);
    const fault = onRequest('sw_interface_set_flags', 50, () => t.restart());
    const r = await vppstate(t.vpp.socket, ...BOUNDS, 'apply', doc, '--yes', '--quiet');
    expect(r.code).toBe(1);
    expect(after(r, fault)).toBeLessThan(SLACK);
    // VPP takes longer to come back than vppstate takes to see that nothing listens any more.
    expect(r.err).toMatch(/apply stopped after \d+ of 400 ops: VPP at .*/);
    expect(r.err).toMatch(GONE);
    expect(r.err).toContain('rollback not possible: the VPP process is gone');
    expect(r.err).toContain('next: start VPP again, then apply the documents again');
    await t.back();
    const p = await vppstate(t.vpp.socket, 'plan', doc, '--detailed-exitcode');
    expect(p.code).toBe(2);
    expect(p.out).toMatch(/Plan: 100 to create, 0 to update, 0 to replace, 0 to delete/);
  });

  it('SIGSTOP in the middle of apply: gives up after --timeout + --reconnect-timeout; after SIGCONT, plan shows the way forward', async () => {
    const doc = loopbacks(t.dir, 100);
    const fault = onRequest('sw_interface_set_flags', 50, () => t.vpp.signal('SIGSTOP'));
    const r = await vppstate(
      t.vpp.socket,
      ...BOUNDS,
      'apply',
      doc,
      '--yes',
      '--quiet',
      '--concurrency',
      '32',
    );
    expect(r.code).toBe(1);
    expect(after(r, fault)).toBeLessThan(TIMEOUT + RECONNECT + SLACK);
    expect(r.err).toMatch(/apply stopped after \d+ of 400 ops: lost the connection to VPP at .* \(/);
    expect(r.err).toMatch(SILENT('\\w+'));
    expect(r.err).toMatch(/\) and could not reconnect: \d+ attempts? in \d\.\d s/);
    expect(r.err).toMatch(/\d+ ops done and acknowledged by VPP; [1-9]\d* in flight without a reply/);
    expect(r.err).toContain(
      'rollback not possible: VPP cannot be reached; if it comes back without restarting',
    );
    expect(r.err).toContain('next: when VPP is back, run `vppstate plan`');
    vi.restoreAllMocks();
    t.vpp.signal('SIGCONT');
    const p = await vppstate(t.vpp.socket, 'plan', doc, '--detailed-exitcode');
    expect(p.code).toBe(2);
    expect(p.out).toMatch(/Plan: \d+ to create/);
    expect((await vppstate(t.vpp.socket, 'apply', doc, '--yes', '--quiet')).code).toBe(0);
    expect((await vppstate(t.vpp.socket, 'plan', doc, '--detailed-exitcode')).code).toBe(0);
  });
});
