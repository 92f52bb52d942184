import type { VppCaller } from '../api/types.js';
import type { IdTable } from '../model/kinds/ids.js';
import type { ApiCall, ObjectSet, Op } from '../model/kinds/types.js';
import { normalizeState } from '../model/defaults.js';
import { objectsToState, type LiveState } from '../model/live.js';
import { makePlan, type Plan, type PlanOptions } from '../plan/plan.js';
import { executePlan, type ExecuteOptions } from './executor.js';
import { residualLines } from './verify.js';

/** How undoing a completed apply went (after a failed verification). */
export interface UndoOutcome {
  /** VPP's export equals the export taken before the apply. */
  readonly restored: boolean;
  /** Inverse calls sent, and those that failed. */
  readonly calls: number;
  readonly errors: readonly { readonly call: ApiCall; readonly error: unknown }[];
  /** The inverses did not restore everything: a plan back to the state before was applied too. */
  readonly repaired: boolean;
  /** What still differs from the state before (empty when restored). */
  readonly residual: readonly string[];
}

export interface UndoOptions
  extends Pick<PlanOptions, 'ignore'>, Pick<ExecuteOptions, 'retry' | 'sleep' | 'random' | 'onRetry'> {
  /** Reads VPP (with the reconciler's retries). */
  readonly read: () => Promise<LiveState>;
}

/**
 * What "the same state" means to a user: the export of the live objects (as the model, canonical:
 * sorted as export sorts, keys in one order), compared without writing YAML.
 */
function exportOf(objects: ObjectSet): string {
  return canonicalJson(normalizeState(objectsToState(objects)));
}

function canonicalJson(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(
          Object.entries(x as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : x,
  );
}

/** The inverses of `ops`, last op first, as a plan whose ops run one after another. */
function inversePlan(ops: readonly Op[]): Plan {
  const inv: Op[] = [];
  for (let i = ops.length - 1; i >= 0; i--)
    for (const call of ops[i].inverse)
      inv.push({ ...ops[i], summary: `undo: ${ops[i].summary}`, call, inverse: [] });
  return {
    changes: [],
    ops: inv,
    deps: inv.map((_, i) => (i === 0 ? [] : [i - 1])),
    unmanaged: [],
    summary: { create: 0, update: 0, replace: 0, delete: 0 },
  };
}

/**
 * Undoes a plan that was applied in full: every op's inverse, last op first (a failed inverse is
 * recorded and the rest still run). If VPP still differs from `before` (a transition the inverses
 * could not see), a plan from what VPP has back to `before` is applied as well.
 */
export async function undoApply(
  caller: VppCaller,
  plan: Plan,
  before: LiveState,
  after: LiveState,
  opts: UndoOptions,
): Promise<UndoOutcome> {
  const exec = (p: Plan, ids: IdTable) =>
    executePlan(p, caller, {
      ids,
      rollback: false,
      concurrency: 1,
      retry: opts.retry,
      sleep: opts.sleep,
      random: opts.random,
      onRetry: opts.onRetry,
    });
  const errors: { call: ApiCall; error: unknown }[] = [];
  let calls = 0;
  let rest = inversePlan(plan.ops);
  const ids = after.ids.clone();
  while (rest.ops.length > 0) {
    const r = await exec(rest, ids);
    calls += r.calls;
    if (r.ok || !r.failure) break;
    // One op per call, run in order: the failed one is the first not done.
    errors.push({ call: rest.ops[r.done].call, error: r.failure.error });
    const ops = rest.ops.slice(r.done + 1);
    rest = { ...rest, ops, deps: ops.map((_, i) => (i === 0 ? [] : [i - 1])) };
  }
  const want = exportOf(before.objects);
  let now = await opts.read();
  if (exportOf(now.objects) === want) return { restored: true, calls, errors, repaired: false, residual: [] };
  const back = (objects: ObjectSet): Plan =>
    makePlan(before.objects, objects, { prune: 'all', ignore: opts.ignore });
  try {
    const r = await exec(back(now.objects), now.ids.clone());
    calls += r.calls;
    if (r.failure) errors.push({ call: r.failure.op.call, error: r.failure.error });
    now = await opts.read();
    const restored = exportOf(now.objects) === want;
    const residual = restored ? [] : residualLines(back(now.objects).changes);
    return { restored, calls, errors, repaired: true, residual };
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    return { restored: false, calls, errors, repaired: true, residual: [why] };
  }
}
