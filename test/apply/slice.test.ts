import { describe, expect, it } from 'vitest';
import { applyDesired, planFor } from '../../src/apply/reconcile.js';
import { objectsToState, readLive, stateToObjects } from '../../src/model/live.js';
import { renderText } from '../../src/plan/render/text.js';
import { loop, route, state, vrf } from '../plan/fixtures.js';
import { modelCaller } from './model-caller.js';

describe('vertical slice: loopbacks, addresses, VRFs, routes', () => {
  const desired = state({
    vrfs: [vrf(10, true)],
    interfaces: [
      loop(0, { mtu: 1500, addresses: ['10.0.0.1/24', '2001:db8::1/64'], description: 'uplink' }),
      loop(1, { vrf: { ipv4: 10, ipv6: 10 }, addresses: ['10.1.0.1/24'] }),
    ],
    routes: [
      route(0, '192.0.2.0/24', [{ via: '10.0.0.2', interface: 'loop0' }]),
      route(10, '198.51.100.0/24', [{ via: '10.1.0.2', interface: 'loop1' }]),
    ],
  });

  it('plans, applies, verifies, and is idempotent', async () => {
    const vpp = modelCaller();
    const objs = stateToObjects(desired);
    const { plan } = await planFor(vpp, objs);
    expect(plan.summary).toEqual({ create: 5, update: 0, replace: 0, delete: 0 });
    const text = renderText(plan);
    expect(text).toContain('+ interface loop0');
    expect(text).toMatch(/Plan: 5 to create/);
    const out = await applyDesired(vpp, objs);
    expect(out.applied).toBe(true);
    expect(out.verified).toBe(true);
    const before = vpp.writes.length;
    const again = await applyDesired(vpp, objs);
    expect(again.applied).toBe(false);
    expect(vpp.writes.length).toBe(before);
  });

  it('export → plan is empty', async () => {
    const vpp = modelCaller();
    await applyDesired(vpp, stateToObjects(desired));
    const live = await readLive(vpp);
    const exported = objectsToState(live.objects);
    const { plan } = await planFor(vpp, stateToObjects(exported));
    expect(plan.changes).toEqual([]);
  });
});
