/**
 * A hardware port's MTU is its link MTU (hw_interface_set_mtu) and its sw MTU, set hw then sw.
 * Changing the link MTU resets the L3 MTU of the port and of its sub-interfaces (VPP walks
 * them), so it goes first and the sub-interfaces' MTUs are set after it, again if need be;
 * rollback puts the old link MTU and every MTU it reset back.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { VppCaller } from '../../src/api/types.js';
import { ApplyError } from '../../src/apply/executor.js';
import { applyDesired, planFor } from '../../src/apply/reconcile.js';
import { objectsToState, readLive, stateToObjects } from '../../src/model/live.js';
import { stateToYaml } from '../../src/plan/export.js';
import { hw, loop, state, sub } from '../plan/fixtures.js';
import { recordWrites, type RecordedCall } from '../helpers/recording.js';
import { isRead, startE2e, type E2e } from './harness.js';

const PORT = 'GigabitEthernet3/0/0';
const SUB = `${PORT}.100`;

let env: E2e | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

const recording = (inner: VppCaller) => recordWrites(inner, isRead);

const desired = (portMtu: number, subMtu: number) =>
  stateToObjects(
    state({
      interfaces: [hw(PORT, { mtu: portMtu }), sub(PORT, 100, { mtu: subMtu })],
    }),
  );

async function mtus(e: E2e): Promise<Record<string, { link: number; mtu: number[] }>> {
  const out: Record<string, { link: number; mtu: number[] }> = {};
  for (const d of await e.client.dump('sw_interface_dump', { sw_if_index: 0xffffffff }))
    out[String(d.interface_name)] = { link: Number(d.link_mtu), mtu: (d.mtu as number[]).map(Number) };
  return out;
}

const fullExport = async (e: E2e): Promise<string> =>
  stateToYaml(objectsToState((await readLive(e.client)).objects));

/** Indices in `calls` of the MTU calls, as "message name" pairs. */
function mtuCalls(calls: readonly RecordedCall[], idx: Map<string, number>): string[] {
  const byIdx = new Map([...idx].map(([n, i]) => [i, n]));
  return calls
    .filter((c) => c.name.endsWith('_set_mtu'))
    .map((c) => `${c.name} ${byIdx.get(Number(c.args.sw_if_index)) ?? Number(c.args.sw_if_index)}`);
}

async function indexByName(e: E2e): Promise<Map<string, number>> {
  const m = new Map<string, number>();
  for (const d of await e.client.dump('sw_interface_dump', { sw_if_index: 0xffffffff }))
    m.set(String(d.interface_name), Number(d.sw_if_index));
  return m;
}

describe('hardware port MTU over the simulator socket', () => {
  it('lowers the link MTU first, then the sub-interface and the port sw MTU', async () => {
    env = await startE2e({ hardware: [{ name: PORT, mtu: 9000 }] });
    await applyDesired(env.client, desired(9000, 9000));
    const rec = recording(env.client);
    const out = await applyDesired(rec, desired(4000, 1400));
    expect(out.verified).toBe(true);
    expect(mtuCalls(rec.calls, await indexByName(env))).toEqual([
      `hw_interface_set_mtu ${PORT}`,
      `sw_interface_set_mtu ${SUB}`,
      `sw_interface_set_mtu ${PORT}`,
    ]);
    const m = await mtus(env);
    expect(m[PORT]).toEqual({ link: 4000, mtu: [4000, 0, 0, 0] });
    expect(m[SUB]?.mtu).toEqual([1400, 0, 0, 0]);
    // idempotent: the link MTU reads back equal
    expect((await planFor(env.client, desired(4000, 1400))).plan.ops).toEqual([]);
  });

  it('sets an unchanged sub-interface MTU again after the link MTU change resets it', async () => {
    env = await startE2e({ hardware: [{ name: PORT, mtu: 9000 }] });
    await applyDesired(env.client, desired(9000, 1500));
    const rec = recording(env.client);
    const { plan } = await planFor(env.client, desired(4000, 1500));
    expect(plan.ops.map((o) => o.summary)).toContain(`mtu 1500 again (the link mtu of ${PORT} resets it)`);
    const out = await applyDesired(rec, desired(4000, 1500));
    expect(out.verified).toBe(true);
    const calls = mtuCalls(rec.calls, await indexByName(env));
    expect(calls[0]).toBe(`hw_interface_set_mtu ${PORT}`);
    expect(calls.slice(1).sort()).toEqual([`sw_interface_set_mtu ${PORT}`, `sw_interface_set_mtu ${SUB}`]);
    expect((await mtus(env))[SUB]?.mtu).toEqual([1500, 0, 0, 0]);
  });

  it('raises the port (hw then sw) before its sub-interface', async () => {
    env = await startE2e({ hardware: [{ name: PORT, mtu: 1500 }] });
    await applyDesired(env.client, desired(1500, 1500));
    const rec = recording(env.client);
    const out = await applyDesired(rec, desired(9000, 8000));
    expect(out.verified).toBe(true);
    expect(mtuCalls(rec.calls, await indexByName(env))).toEqual([
      `hw_interface_set_mtu ${PORT}`,
      `sw_interface_set_mtu ${PORT}`,
      `sw_interface_set_mtu ${SUB}`,
    ]);
    const m = await mtus(env);
    expect(m[PORT]).toEqual({ link: 9000, mtu: [9000, 0, 0, 0] });
    expect(m[SUB]?.mtu).toEqual([8000, 0, 0, 0]);
  });

  it('shows a link MTU that differs from the sw MTU as a change, and fixes it', async () => {
    env = await startE2e({ hardware: [{ name: PORT, mtu: 9000 }] });
    // someone set only the sw MTU by hand
    const idx = (await indexByName(env)).get(PORT);
    await env.client.call('sw_interface_set_mtu', { sw_if_index: idx ?? -1, mtu: [1500, 0, 0, 0] });
    const { plan } = await planFor(env.client, desired(1500, 1500));
    expect(plan.ops.map((o) => o.call.message)).toContain('hw_interface_set_mtu');
    await applyDesired(env.client, desired(1500, 1500));
    expect((await mtus(env))[PORT]?.link).toBe(1500);
  });

  it('keeps loopbacks on the sw MTU only (a link MTU change would be -126)', async () => {
    env = await startE2e({ hardware: [{ name: PORT, mtu: 9000 }] });
    const rec = recording(env.client);
    const objs = stateToObjects(state({ interfaces: [loop(0, { mtu: 1500 })] }));
    expect((await applyDesired(rec, objs)).verified).toBe(true);
    await applyDesired(rec, stateToObjects(state({ interfaces: [loop(0, { mtu: 4000 })] })));
    expect(rec.calls.map((c) => c.name)).not.toContain('hw_interface_set_mtu');
  });

  const failures: Array<[string, number, number, number, number, number]> = [
    // message, n-th, before port/sub, after port/sub
    ['sw_interface_set_mtu', 2, 9000, 9000, 1500, 1500], // lowering: the port's sw after its hw
    ['sw_interface_set_mtu', 2, 1500, 1500, 9000, 9000], // raising: the sub-interface's, last
    ['sw_interface_set_flags', 1, 9000, 9000, 1500, 1500], // a later op (admin state of loop0)
    ['sw_interface_set_flags', 1, 9000, 1500, 4000, 1500], // the sub's MTU, reset by hw, set again
  ];
  for (const [msg, n, bp, bs, ap, as] of failures) {
    it(`rolls back to the old link MTU after ${msg} #${n} fails (${bp} → ${ap})`, async () => {
      env = await startE2e({ hardware: [{ name: PORT, mtu: bp }] });
      await applyDesired(env.client, desired(bp, bs));
      const before = await fullExport(env);
      const mtusBefore = await mtus(env);
      env.sim.server.faults.failNth(msg, n, -1);
      const rec = recording(env.client);
      const after = state({
        interfaces: [hw(PORT, { mtu: ap }), sub(PORT, 100, { mtu: as }), loop(0, { mtu: 1500 })],
      });
      const err = await applyDesired(rec, stateToObjects(after)).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ApplyError);
      expect((err as ApplyError).result.rollbackErrors).toEqual([]);
      // the link MTU was changed, then put back
      expect(rec.calls.filter((c) => c.name === 'hw_interface_set_mtu').map((c) => c.args.mtu)).toEqual([
        ap,
        bp,
      ]);
      expect(await mtus(env)).toEqual(mtusBefore);
      expect(await fullExport(env)).toBe(before);
    });
  }
});
