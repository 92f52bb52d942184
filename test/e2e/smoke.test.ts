import { afterEach, describe, expect, it } from 'vitest';
import { applyDesired } from '../../src/apply/reconcile.js';
import { stateToObjects } from '../../src/model/live.js';
import { AFTER, BEFORE } from '../plan/scenario.js';
import { startE2e, writesOf, type E2e } from './harness.js';

let env: E2e | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

describe('end to end over the simulator socket', () => {
  it('applies, verifies, and a second apply sends no write message', async () => {
    env = await startE2e();
    await applyDesired(env.client, stateToObjects(BEFORE));
    const out = await applyDesired(env.client, stateToObjects(AFTER));
    expect(out.verified).toBe(true);
    const n = writesOf(env.sent()).length;
    const m = env.sent().length;
    const again = await applyDesired(env.client, stateToObjects(AFTER));
    expect(again.applied).toBe(false);
    expect(env.sent().length).toBeGreaterThan(m); // it did read
    expect(writesOf(env.sent()).length).toBe(n); // and wrote nothing
    expect(writesOf(env.received).length).toBe(writesOf(env.sent()).length);
  });
});
