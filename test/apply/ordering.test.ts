import { describe, expect, it } from 'vitest';
import type { VppCaller } from '../../src/api/types.js';
import { ApplyError } from '../../src/apply/executor.js';
import { applyDesired } from '../../src/apply/reconcile.js';
import { stateToObjects } from '../../src/model/live.js';
import { ORDERING_CASES } from '../plan/ordering-cases.js';
import { recordWrites } from '../helpers/recording.js';
import { modelCaller, READ_CALLS } from './model-caller.js';

const recording = (inner: VppCaller) => recordWrites(inner, (n) => READ_CALLS.has(n));

describe('ordering rules (in-process simulator model)', () => {
  for (const c of ORDERING_CASES) {
    it(`${c.rule}: holds with the rule`, async () => {
      const vpp = modelCaller();
      await applyDesired(vpp, stateToObjects(c.before));
      const rec = recording(vpp);
      const out = await applyDesired(rec, stateToObjects(c.after));
      expect(out.verified).toBe(true);
      if (c.checkCalls) expect(c.checkCalls(rec.calls)).toBe(true);
    });
    it(`${c.rule}: fails without it`, async () => {
      const vpp = modelCaller();
      await applyDesired(vpp, stateToObjects(c.before));
      const rec = recording(vpp);
      // one call at a time, so the order without the rule is exactly the sorted order
      const opts = { concurrency: 1, debug: { dropKeys: c.dropKeys, reverse: c.reverse } };
      if (c.checkCalls) {
        await applyDesired(rec, stateToObjects(c.after), opts);
        expect(c.checkCalls(rec.calls)).toBe(false);
        return;
      }
      const err = await applyDesired(rec, stateToObjects(c.after), opts).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(ApplyError);
      const f = (err as ApplyError).result.failure;
      const got = f?.errnoName ?? (f?.error as { code?: string }).code;
      expect(got).toBe(c.failsWith);
    });
  }
});
