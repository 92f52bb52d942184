import type { VppCaller } from '../api/types.js';
import type { ObjectSet } from '../model/kinds/types.js';
import { checkPlugins } from '../model/availability.js';
import { readLive, type LiveState } from '../model/live.js';
import { makePlan, verifiable, type Plan, type PlanOptions } from '../plan/plan.js';
import { ApplyError, executePlan, type ExecuteOptions, type ExecuteResult } from './executor.js';
import { DEFAULT_RETRY, withRetry, type RetryPolicy } from './retry.js';
import { VerifyError } from './verify.js';

export interface PlanResult {
  readonly plan: Plan;
  readonly live: LiveState;
}

/**
 * Reads VPP and plans the way to the desired objects. Fails first (PluginUnavailableError) when
 * the documents use a plugin this VPP lacks.
 */
export async function planFor(
  caller: VppCaller,
  desired: ObjectSet,
  opts: PlanOptions & ReadRetryOptions = {},
): Promise<PlanResult> {
  checkPlugins(caller, desired);
  const live = await readLiveRetrying(caller, opts, desired);
  return { plan: makePlan(desired, live.objects, { ...opts, unverifiable: live.unverifiable }), live };
}

export interface ApplyOptions extends PlanOptions, ReadRetryOptions, Omit<ExecuteOptions, 'ids'> {
  /** Read back and diff after apply (default true). */
  readonly verify?: boolean;
  /** Called with the plan before anything is sent; return false to cancel. */
  readonly confirm?: (plan: Plan) => boolean | Promise<boolean>;
}

export interface ApplyOutcome {
  readonly plan: Plan;
  readonly result?: ExecuteResult;
  readonly applied: boolean;
  readonly cancelled: boolean;
  readonly verified: boolean;
}

/** Plan, execute (retry, rollback), verify. Throws ApplyError / VerifyError on failure. */
export async function applyDesired(
  caller: VppCaller,
  desired: ObjectSet,
  opts: ApplyOptions = {},
  planned?: PlanResult,
): Promise<ApplyOutcome> {
  const { plan, live } = planned ?? (await planFor(caller, desired, opts));
  if (plan.ops.length === 0) return { plan, applied: false, cancelled: false, verified: true };
  if (opts.confirm && !(await opts.confirm(plan)))
    return { plan, applied: false, cancelled: true, verified: false };
  const result = await executePlan(plan, caller, { ...opts, ids: live.ids.clone() });
  if (!result.ok) throw new ApplyError(applyFailureMessage(result, opts.rollback ?? true), result);
  let verified = false;
  if (opts.verify ?? true) {
    const after = await readLiveRetrying(caller, opts, desired);
    // What cannot be read back (unverifiable) cannot fail verification either: drift says so.
    const residual = verifiable(
      makePlan(desired, after.objects, { ...opts, unverifiable: after.unverifiable }).changes,
    );
    if (residual.length > 0) throw new VerifyError(residual);
    verified = true;
  }
  return { plan, result, applied: true, cancelled: false, verified };
}

/** Reading is idempotent: a transient failure (timeout, lost connection) restarts the read. */
export function readLiveRetrying(
  caller: VppCaller,
  opts: ReadRetryOptions = {},
  wanted?: ObjectSet,
): Promise<LiveState> {
  return withRetry(() => readLive(caller, { wanted }), opts.retry ?? DEFAULT_RETRY, {
    sleep: opts.sleep,
    onRetry: (err, attempt) => opts.onReadRetry?.(err, attempt),
  });
}

export interface ReadRetryOptions {
  readonly retry?: RetryPolicy;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly onReadRetry?: (err: unknown, attempt: number) => void;
}

export function applyFailureMessage(r: ExecuteResult, rollback: boolean): string {
  const head = r.failure
    ? `apply failed at op ${r.done + 1} of ${r.total}: ${r.failure.message}`
    : `apply interrupted after ${r.done} of ${r.total} ops`;
  let tail: string;
  if (!rollback)
    tail = `--no-rollback: the ${r.done} completed ops were kept; VPP is partly changed (run plan to see what remains)`;
  else if (r.done === 0) tail = 'nothing had been changed';
  else if (r.rollbackErrors.length === 0)
    tail = `rolled back the ${r.done} completed ops; VPP is as it was before`;
  else
    tail = `rollback incomplete: ${r.rollbackErrors.length} inverse calls failed (${r.rollbackErrors
      .map((e) => `${e.call.message}: ${e.error instanceof Error ? e.error.message : String(e.error)}`)
      .join('; ')}); VPP is partly changed`;
  return `${head}\n${tail}`;
}
