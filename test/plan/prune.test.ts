import { describe, expect, it } from 'vitest';
import { applyDesired, planFor } from '../../src/apply/reconcile.js';
import { stateToObjects } from '../../src/model/live.js';
import { PlanError } from '../../src/plan/plan.js';
import { renderText } from '../../src/plan/render/text.js';
import { modelCaller } from '../apply/model-caller.js';
import { hw, loop, route, state } from './fixtures.js';

const HW = [{ name: 'GigabitEthernet0/8/0' }];

async function withForeign() {
  const vpp = modelCaller({ hardware: HW });
  await applyDesired(vpp, stateToObjects(state({ interfaces: [loop(0), loop(1)] })));
  // someone else's loopback, without vppstate's tag
  await vpp.call('create_loopback_instance', {
    mac_address: '00:00:00:00:00:00',
    is_specified: true,
    user_instance: 9,
  });
  return vpp;
}

const ids = (changes: ReadonlyArray<{ id: string; action: string }>, action: string) =>
  changes.filter((c) => c.action === action).map((c) => c.id);

describe('ownership and --prune', () => {
  const only0 = stateToObjects(state({ interfaces: [loop(0)] }));

  it('owned (default): deletes only what vppstate created; lists the rest separately', async () => {
    const vpp = await withForeign();
    const { plan } = await planFor(vpp, only0);
    expect(ids(plan.changes, 'delete')).toEqual(['loop1']);
    expect(plan.unmanaged).toEqual([{ kind: 'interface', id: 'loop9', owned: false, reason: 'not-owned' }]);
    expect(renderText(plan)).toContain('not in the documents (left alone)\n  · interface loop9');
  });

  it('all: deletes unowned objects too, never hardware interfaces or local0', async () => {
    const vpp = await withForeign();
    const { plan } = await planFor(vpp, only0, { prune: 'all' });
    expect(ids(plan.changes, 'delete').sort()).toEqual(['loop1', 'loop9']);
    expect(plan.changes.some((c) => c.id === 'GigabitEthernet0/8/0' || c.id === 'local0')).toBe(false);
  });

  it('none: deletes nothing, says what it keeps', async () => {
    const vpp = await withForeign();
    const { plan } = await planFor(vpp, only0, { prune: 'none' });
    expect(ids(plan.changes, 'delete')).toEqual([]);
    expect(plan.unmanaged.map((u) => [u.id, u.owned])).toEqual([
      ['loop1', true],
      ['loop9', false],
    ]);
  });

  it('the ignore list protects objects from every change', async () => {
    const vpp = await withForeign();
    const { plan } = await planFor(vpp, only0, {
      prune: 'all',
      ignore: { interfaces: ['loop[19]', 'loop9'] },
    });
    expect(ids(plan.changes, 'delete')).toEqual(['loop1']);
    const { plan: p2 } = await planFor(vpp, only0, { prune: 'all', ignore: { interface: ['loop*'] } });
    expect(p2.changes).toEqual([]);
  });

  it('objects declared absent are deleted whatever the prune mode', async () => {
    const vpp = await withForeign();
    const { plan } = await planFor(vpp, only0, { prune: 'none', absent: { interfaces: ['loop9'] } });
    expect(ids(plan.changes, 'delete')).toEqual(['loop9']);
  });

  it('hardware interfaces are configured, and a missing one is an error, not a create', async () => {
    const vpp = modelCaller({ hardware: HW });
    const ok = await applyDesired(
      vpp,
      stateToObjects(
        state({ interfaces: [hw('GigabitEthernet0/8/0', { mtu: 1500, addresses: ['192.0.2.1/24'] })] }),
      ),
    );
    expect(ok.verified).toBe(true);
    const err = await planFor(vpp, stateToObjects(state({ interfaces: [hw('GigabitEthernet0/9/0')] }))).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(PlanError);
    expect((err as Error).message).toContain('interface GigabitEthernet0/9/0 does not exist in VPP');
  });

  it('a route via an owned interface is owned; deleting a table deletes its routes explicitly', async () => {
    const vpp = modelCaller();
    await applyDesired(
      vpp,
      stateToObjects(
        state({
          interfaces: [loop(0, { addresses: ['10.0.0.1/24'] })],
          routes: [route(0, '192.0.2.0/24', [{ via: '10.0.0.2', interface: 'loop0' }])],
        }),
      ),
    );
    const { plan } = await planFor(
      vpp,
      stateToObjects(state({ interfaces: [loop(0, { addresses: ['10.0.0.1/24'] })] })),
    );
    expect(ids(plan.changes, 'delete')).toEqual(['0:192.0.2.0/24']);
  });
});
