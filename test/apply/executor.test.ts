import { describe, expect, it } from 'vitest';
import { ApplyError } from '../../src/apply/executor.js';
import { applyDesired, planFor } from '../../src/apply/reconcile.js';
import { VerifyError } from '../../src/apply/verify.js';
import { objectsToState, readLive, stateToObjects } from '../../src/model/live.js';
import { loop, state } from '../plan/fixtures.js';
import { AFTER, BEFORE } from '../plan/scenario.js';
import { simMismatches } from '../helpers/sim-oracle.js';
import { modelCaller, type ModelCaller } from './model-caller.js';

const noSleep = async (): Promise<void> => undefined;

async function exported(vpp: ModelCaller) {
  return objectsToState((await readLive(vpp)).objects);
}

async function prepared(): Promise<ModelCaller> {
  const vpp = modelCaller();
  await applyDesired(vpp, stateToObjects(BEFORE));
  return vpp;
}

describe('apply: the full scenario', () => {
  it('creates, updates, replaces and deletes, then verifies and is idempotent', async () => {
    const vpp = await prepared();
    const out = await applyDesired(vpp, stateToObjects(AFTER));
    expect(out.verified).toBe(true);
    expect(out.plan.summary).toEqual({ create: 5, update: 3, replace: 1, delete: 4 });
    const n = vpp.writes.length;
    await applyDesired(vpp, stateToObjects(AFTER));
    expect(vpp.writes.length).toBe(n);
  });
});

describe('rollback', () => {
  it.each([1, 2, 5, 9, 17, 25, 33])(
    'after a permanent failure at write %i, VPP is exactly as before',
    async (k) => {
      const vpp = await prepared();
      const before = await exported(vpp);
      const { plan } = await planFor(vpp, stateToObjects(AFTER));
      if (k > plan.ops.length) return;
      vpp.failWrite(k, -1);
      const err = await applyDesired(vpp, stateToObjects(AFTER), { concurrency: 4 }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ApplyError);
      const e = err as ApplyError;
      expect(e.message).toContain('VNET_API_ERROR_UNSPECIFIED (-1)');
      expect(e.message).toMatch(/rolled back|nothing had been changed/);
      expect(e.result.rollbackErrors).toEqual([]);
      expect(await exported(vpp)).toEqual(before);
      expect(simMismatches(vpp.model, BEFORE, { exact: true })).toEqual([]);
    },
  );

  it('undoes a call VPP did whose reply was lost, when the op then fails for good', async () => {
    const vpp = await prepared();
    const before = await exported(vpp);
    vpp.loseReply('ip_route_add_del');
    const err = (await applyDesired(vpp, stateToObjects(AFTER), {
      concurrency: 1,
      retry: { attempts: 1, baseMs: 1, maxMs: 1 },
    }).catch((e: unknown) => e)) as ApplyError;
    expect(err).toBeInstanceOf(ApplyError);
    expect(err.result.failure?.op.kind).toBe('route');
    expect(err.result.rollbackErrors).toEqual([]);
    expect(await exported(vpp)).toEqual(before);
    expect(simMismatches(vpp.model, BEFORE, { exact: true })).toEqual([]);
  });

  it('--no-rollback keeps what was done and says so', async () => {
    const vpp = await prepared();
    const before = await exported(vpp);
    vpp.failWrite(12, -1);
    const err = (await applyDesired(vpp, stateToObjects(AFTER), { rollback: false }).catch(
      (e: unknown) => e,
    )) as ApplyError;
    expect(err.message).toContain('--no-rollback');
    expect(err.result.rolledBack).toBe(false);
    expect(await exported(vpp)).not.toEqual(before);
  });

  it('an interrupt stops issuing ops and rolls back', async () => {
    const vpp = await prepared();
    const before = await exported(vpp);
    const ac = new AbortController();
    const err = (await applyDesired(vpp, stateToObjects(AFTER), {
      signal: ac.signal,
      concurrency: 1,
      onProgress: (d) => {
        if (d === 6) ac.abort();
      },
    }).catch((e: unknown) => e)) as ApplyError;
    expect(err).toBeInstanceOf(ApplyError);
    expect(err.result.interrupted).toBe(true);
    expect(err.result.done).toBe(6);
    expect(await exported(vpp)).toEqual(before);
  });

  it('names the failing op, VPP error and YAML position', async () => {
    const vpp = modelCaller();
    const desired = stateToObjects(
      state({ interfaces: [loop(0, { vrf: { ipv4: 99, ipv6: 0 } })] }),
      (section, key) =>
        section === 'interfaces' && key === 'loop0' ? { file: 'site.yaml', line: 4, col: 3 } : undefined,
    );
    const err = (await applyDesired(vpp, desired).catch((e: unknown) => e)) as ApplyError;
    expect(err.result.failure?.errnoName).toBe('VNET_API_ERROR_NO_SUCH_FIB');
    expect(err.message).toContain('interface loop0: bind ip4 table 99');
    expect(err.message).toContain('site.yaml:4:3');
  });
});

describe('retry', () => {
  it('retries BUSY and EAGAIN with backoff, then succeeds', async () => {
    const vpp = modelCaller();
    vpp.failNth('sw_interface_set_flags', 1, -167);
    vpp.failNth('sw_interface_set_flags', 2, -165);
    const retries: number[] = [];
    const out = await applyDesired(vpp, stateToObjects(state({ interfaces: [loop(0)] })), {
      sleep: noSleep,
      onRetry: (_op, _err, attempt) => retries.push(attempt),
    });
    expect(out.verified).toBe(true);
    expect(out.result?.retries).toBe(2);
    expect(retries).toEqual([1, 2]);
  });

  it('gives up after the bounded number of attempts, and rolls back', async () => {
    const vpp = modelCaller();
    for (let i = 1; i <= 5; i++) vpp.failNth('sw_interface_set_flags', i, -167);
    const err = (await applyDesired(vpp, stateToObjects(state({ interfaces: [loop(0)] })), {
      sleep: noSleep,
    }).catch((e: unknown) => e)) as ApplyError;
    expect(err.result.failure?.errnoName).toBe('VNET_API_ERROR_BUSY');
    expect(err.result.retries).toBe(4);
    expect((await exported(vpp)).interfaces).toEqual({});
  });
});

describe('ambiguous creates', () => {
  it('a create whose reply was lost is not done twice: its kind finds it in VPP before a retry', async () => {
    const vpp = modelCaller();
    vpp.loseReply('create_loopback_instance');
    const out = await applyDesired(
      vpp,
      stateToObjects(state({ interfaces: [loop(4, { addresses: ['10.4.0.1/24'] })] })),
      { sleep: noSleep },
    );
    expect(out.verified).toBe(true);
    expect(out.result?.retries).toBe(1);
    // found by name, with the sw_if_index the address op then used
    expect(vpp.writes.filter((w) => w === 'create_loopback_instance')).toHaveLength(1);
  });

  it('a call whose reply was lost and whose retry meets "already exists" (-105) counts as done', async () => {
    const vpp = modelCaller();
    vpp.loseReply('sw_interface_add_del_address');
    const out = await applyDesired(
      vpp,
      stateToObjects(state({ interfaces: [loop(4, { addresses: ['10.4.0.1/24'] })] })),
      { sleep: noSleep },
    );
    expect(out.verified).toBe(true);
    expect(out.result?.retries).toBe(1);
    expect(vpp.writes.filter((w) => w === 'sw_interface_add_del_address')).toHaveLength(2);
  });

  it('the same for an IPv6 address, where VPP answers -127 (DUPLICATE_IF_ADDRESS) on the same interface', async () => {
    const vpp = modelCaller();
    vpp.loseReply('sw_interface_add_del_address');
    const out = await applyDesired(
      vpp,
      stateToObjects(state({ interfaces: [loop(4, { addresses: ['2001:db8:4::1/64'] })] })),
      { sleep: noSleep },
    );
    expect(out.verified).toBe(true);
    expect(out.result?.retries).toBe(1);
    expect(vpp.writes.filter((w) => w === 'sw_interface_add_del_address')).toHaveLength(2);
  });
});

describe('verify', () => {
  it('catches a change VPP silently did not make, naming the field', async () => {
    const vpp = modelCaller();
    vpp.ignore('sw_interface_set_mtu');
    const err = (await applyDesired(
      vpp,
      stateToObjects(state({ interfaces: [loop(0, { mtu: 1500 })] })),
    ).catch((e: unknown) => e)) as VerifyError;
    expect(err).toBeInstanceOf(VerifyError);
    expect(err.details).toEqual(['interface loop0: mtu: expected 1500, VPP has 9000']);
  });
});
