import { afterEach, describe, expect, it } from 'vitest';
import { ApplyError } from '../../src/apply/executor.js';
import { applyDesired, planFor } from '../../src/apply/reconcile.js';
import { VerifyError } from '../../src/apply/verify.js';
import { objectsToState, readLive, stateToObjects } from '../../src/model/live.js';
import { stateToYaml } from '../../src/plan/export.js';
import { loop, state } from '../plan/fixtures.js';
import { AFTER, BEFORE } from '../plan/scenario.js';
import { startE2e, writesOf, type E2e } from './harness.js';

let env: E2e | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

const fullExport = async (e: E2e): Promise<string> =>
  stateToYaml(objectsToState((await readLive(e.client)).objects));
const noSleep = async (): Promise<void> => undefined;

describe('rollback over the socket (compared by a full export)', () => {
  // fail the n-th call of a message at several points of the plan
  const points: Array<[string, number]> = [
    ['create_loopback_instance', 1],
    ['sw_interface_set_table', 1],
    ['sw_interface_add_del_address', 3],
    ['create_subif', 1],
    ['sw_interface_set_l2_bridge', 2],
    ['ip_route_add_del', 2],
    ['delete_loopback', 1],
    ['ip_table_add_del', 2],
  ];
  for (const [msg, n] of points) {
    it(`failure of ${msg} #${n}: export after == export before`, async () => {
      env = await startE2e();
      await applyDesired(env.client, stateToObjects(BEFORE));
      const before = await fullExport(env);
      env.sim.server.faults.failNth(msg, n, -1);
      const err = await applyDesired(env.client, stateToObjects(AFTER)).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ApplyError);
      expect((err as ApplyError).message).toContain(`${msg}: VNET_API_ERROR_UNSPECIFIED (-1)`);
      expect((err as ApplyError).result.rollbackErrors).toEqual([]);
      expect(await fullExport(env)).toBe(before);
    });
  }
});

describe('retry over the socket', () => {
  it('retries BUSY/EAGAIN and a timed-out call', async () => {
    env = await startE2e();
    env.sim.server.faults
      .failNth('sw_interface_set_flags', 1, -167)
      .failNth('sw_interface_add_del_address', 1, -165);
    const retried: string[] = [];
    const out = await applyDesired(
      env.client,
      stateToObjects(state({ interfaces: [loop(0, { addresses: ['10.0.0.1/24'] })] })),
      { sleep: noSleep, onRetry: (op) => retried.push('call' in op ? op.call.message : op.message) },
    );
    expect(out.verified).toBe(true);
    expect(retried.sort()).toEqual(['sw_interface_add_del_address', 'sw_interface_set_flags']);
  });

  it('survives a dropped connection (the client reconnects, the op is retried)', async () => {
    env = await startE2e();
    const desired = stateToObjects(state({ interfaces: [loop(0), loop(1), loop(2)] }));
    const { plan } = await planFor(env.client, desired);
    expect(plan.ops.length).toBeGreaterThan(3);
    env.sim.server.faults.dropAfter(3);
    const out = await applyDesired(env.client, desired, {
      concurrency: 1,
      retry: { attempts: 6, baseMs: 20, maxMs: 200 },
    });
    expect(out.verified).toBe(true);
  });
});

describe('verify over the socket', () => {
  it('fails, naming the field, when VPP silently does not make a change', async () => {
    env = await startE2e();
    env.sim.server.register('sw_interface_set_mtu', () => ({ reply: { fields: { retval: 0 } } }));
    const err = await applyDesired(
      env.client,
      stateToObjects(state({ interfaces: [loop(0, { mtu: 1500 })] })),
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(VerifyError);
    expect((err as VerifyError).details).toEqual(['interface loop0: mtu: expected 1500, VPP has 9000']);
  });
});

describe('idempotence', () => {
  it('a second apply sends only reads (counted at the transport)', async () => {
    env = await startE2e();
    await applyDesired(env.client, stateToObjects(AFTER));
    const writes = writesOf(env.sent()).length;
    await applyDesired(env.client, stateToObjects(AFTER));
    expect(writesOf(env.sent()).length).toBe(writes);
  });
});
