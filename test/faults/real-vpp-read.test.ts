/**
 * plan, drift and export when the real VPP dies (kill -9), restarts (vpp.sh restart) or stops
 * answering (SIGSTOP) while they read it: each exits within its bound, non-zero, saying so and
 * printing nothing on stdout. The fault strikes at the read's sw_interface_dump; times are
 * measured from the fault.
 */
import { expect, it } from 'vitest';
import { describeWithRealVpp } from '../helpers/real-vpp.js';
import { after, loopbacks, onRequest, vppstate } from './helpers.js';
import { BOUNDS, freshVppPerTest, GONE, RECONNECT, SILENT, SLACK, TIMEOUT } from './real-vpp-setup.js';

describeWithRealVpp('plan, drift and export on the real VPP when it dies, restarts or hangs', () => {
  const t = freshVppPerTest();
  const reads: Array<[string, (doc: string) => string[]]> = [
    ['plan', (doc) => ['plan', doc]],
    ['drift', (doc) => ['drift', doc]],
    ['export', () => ['export']],
  ];

  const faults: Array<[string, () => Promise<void>]> = [
    ['kill -9', () => t.kill()],
    ['vpp.sh restart', () => t.restart()],
  ];
  const cases = faults.flatMap(([f, strike]) => reads.map(([cmd, args]) => [f, cmd, strike, args] as const));

  it.each(cases)(
    '%s in the middle of %s: exits at once, non-zero, saying VPP is gone',
    async (_f, _c, strike, args) => {
      const fault = onRequest('sw_interface_dump', 1, strike);
      const r = await vppstate(t.vpp.socket, ...BOUNDS, ...args(loopbacks(t.dir, 1)));
      expect(r.code).toBe(1);
      expect(after(r, fault)).toBeLessThan(SLACK);
      expect(r.err).toMatch(GONE);
      expect(r.err).toContain('next: check that VPP runs');
      expect(r.out).toBe('');
    },
  );

  it('SIGSTOP in the middle of plan: exits after --timeout + --reconnect-timeout, non-zero', async () => {
    const fault = onRequest('sw_interface_dump', 1, () => t.vpp.signal('SIGSTOP'));
    const r = await vppstate(t.vpp.socket, ...BOUNDS, 'plan', loopbacks(t.dir, 1));
    expect(r.code).toBe(1);
    expect(after(r, fault)).toBeLessThan(TIMEOUT + RECONNECT + SLACK);
    expect(r.err).toMatch(SILENT('sw_interface_dump'));
    expect(r.err).toContain('next: check that VPP runs');
    expect(r.out).toBe('');
  });

  it('SIGSTOP before the command: connect gives up after --timeout, saying VPP does not answer', async () => {
    t.vpp.signal('SIGSTOP');
    const r = await vppstate(t.vpp.socket, ...BOUNDS, 'drift', loopbacks(t.dir, 1));
    expect(r.code).toBe(1);
    expect(r.ms).toBeLessThan(TIMEOUT + SLACK);
    expect(r.err).toContain(
      `accepted the connection but did not answer the handshake within ${TIMEOUT} ms: it is stopped (SIGSTOP), hung or overloaded`,
    );
  });
});
