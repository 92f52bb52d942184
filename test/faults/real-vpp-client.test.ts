/**
 * The client riding through a real VPP restart (what `vppstate run` does): it finds the new VPP
 * by its pid, says so (onRestart), fails what was meant for the old one and serves new calls.
 */
import { expect, it } from 'vitest';
import { VppClient } from '../../src/api/client/client.js';
import { VppRestartedError } from '../../src/api/client/errors.js';
import { describeWithRealVpp } from '../helpers/real-vpp.js';
import { until } from './helpers.js';
import { freshVppPerTest } from './real-vpp-setup.js';

describeWithRealVpp('the client through a real VPP restart', () => {
  const t = freshVppPerTest();

  it('finds the restarted VPP by its pid, fails the call that waited for it, then serves new calls', async () => {
    const client = await VppClient.connect({
      socket: t.vpp.socket,
      timeoutMs: 5000,
      reconnect: { minDelayMs: 50, maxDelayMs: 200 },
    });
    try {
      const before = client.vppPid;
      expect(before).toBe(t.vpp.pid());
      const restarts: VppRestartedError[] = [];
      client.onRestart((e) => restarts.push(e));
      await t.restart();
      // Made while VPP is down: meant for the VPP that is gone.
      const waiting = client.call('show_version', {}, { timeoutMs: 30_000 }).catch((e: unknown) => e);
      await t.back();
      await until(() => restarts.length === 1, 'restart seen');
      expect(await waiting).toBeInstanceOf(VppRestartedError);
      expect(restarts[0].previousPid).toBe(before);
      expect(restarts[0].pid).toBe(t.vpp.pid());
      expect(restarts[0].message).toMatch(/restarted \(pid \d+ → \d+\): everything it held was wiped/);
      expect(client.vppPid).toBe(t.vpp.pid());
      expect((await client.call('show_version')).retval).toBe(0);
    } finally {
      await client.disconnect();
    }
  });
});
