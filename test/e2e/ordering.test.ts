import { afterEach, describe, expect, it } from 'vitest';
import type { VppCaller } from '../../src/api/types.js';
import { ApplyError } from '../../src/apply/executor.js';
import { applyDesired } from '../../src/apply/reconcile.js';
import { stateToObjects } from '../../src/model/live.js';
import { ORDERING_CASES } from '../plan/ordering-cases.js';
import { recordWrites } from '../helpers/recording.js';
import { isRead, startE2e, type E2e } from './harness.js';

let env: E2e | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

const recording = (inner: VppCaller) => recordWrites(inner, isRead);

describe('every ordering rule, over the simulator socket', () => {
  for (const c of ORDERING_CASES) {
    it(`${c.rule}: holds with the rule, fails without it`, async () => {
      env = await startE2e();
      await applyDesired(env.client, stateToObjects(c.before));
      const snapshot = JSON.stringify(env.sim.model.snapshot());
      const rec = recording(env.client);
      const out = await applyDesired(rec, stateToObjects(c.after));
      expect(out.verified).toBe(true);
      if (c.checkCalls) expect(c.checkCalls(rec.calls)).toBe(true);

      // back to `before` on a fresh VPP, then without the rule
      await env.close();
      env = await startE2e();
      await applyDesired(env.client, stateToObjects(c.before));
      expect(JSON.stringify(env.sim.model.snapshot())).toBe(snapshot);
      const bad = recording(env.client);
      const opts = { concurrency: 1, debug: { dropKeys: c.dropKeys, reverse: c.reverse } };
      if (c.checkCalls) {
        await applyDesired(bad, stateToObjects(c.after), opts);
        expect(c.checkCalls(bad.calls)).toBe(false);
        return;
      }
      const err = await applyDesired(bad, stateToObjects(c.after), opts).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ApplyError);
      const f = (err as ApplyError).result.failure;
      expect(f?.errnoName ?? (f?.error as { code?: string }).code).toBe(c.failsWith);
    });
  }
});
