/** The calls an apply makes, recorded so that a raw client or vpp_papi can replay them. */
import { VppClient } from '../../src/api/client/client.js';
import type { VppCaller } from '../../src/api/types.js';
import { executePlan } from '../../src/apply/executor.js';
import { planFor } from '../../src/apply/reconcile.js';
import type { ObjectSet } from '../../src/model/kinds/types.js';
import type { Call } from './raw.js';

/**
 * Records the resolved write calls in the order they are issued: one connection, so this is the
 * order VPP handles them in. Synchronous, so that it adds no promise of its own to the apply.
 */
export function recorder(inner: VppCaller): { caller: VppCaller; calls: Call[] } {
  const calls: Call[] = [];
  return {
    calls,
    caller: {
      call: (name, args, o) => {
        calls.push([name, args ?? {}]);
        return inner.call(name, args, o);
      },
      dump: (n, a, o) => inner.dump(n, a, o),
      detailsIter: (n, a, o) => inner.detailsIter(n, a, o),
    },
  };
}

/** Applies `want` to the (empty) VPP at `socket`, untimed; the calls made, and the definitions. */
export async function recordApply(
  socket: string,
  want: ObjectSet,
  concurrency: number,
): Promise<{ calls: Call[]; client: VppClient }> {
  const client = await VppClient.connect({ socket, timeoutMs: 120_000 });
  const { plan, live } = await planFor(client, want);
  const rec = recorder(client);
  const r = await executePlan(plan, rec.caller, { ids: live.ids.clone(), concurrency });
  if (!r.ok) throw new Error(`apply failed: ${r.failure?.message}`);
  return { calls: rec.calls, client };
}
