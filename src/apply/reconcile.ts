import type { VppCaller } from '../api/types.js';
import type { ObjectSet } from '../model/kinds/types.js';
import { checkPlugins } from '../model/availability.js';
import { readLive, type LiveState } from '../model/live.js';
import { makePlan, verifiable, type Plan, type PlanOptions } from '../plan/plan.js';
import {
  ApplyError,
  executePlan,
  isVppLost,
  sourceSuffix,
  type ExecuteOptions,
  type ExecuteResult,
} from './executor.js';
import { DEFAULT_RETRY, withRetry, type RetryPolicy } from './retry.js';
import { undoApply } from './undo.js';
import { VerifyError } from './verify.js';
import { describeOp } from '../plan/graph.js';

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
  /** Called when the calls are done and the read-back starts (the controller's verifying state). */
  readonly onVerify?: () => void;
}

export interface ApplyOutcome {
  readonly plan: Plan;
  readonly result?: ExecuteResult;
  readonly applied: boolean;
  readonly cancelled: boolean;
  readonly verified: boolean;
  /** VPP as read back by the verification (absent without verify). */
  readonly after?: LiveState;
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
  if (!(opts.verify ?? true)) return { plan, result, applied: true, cancelled: false, verified: false };
  opts.onVerify?.();
  const after = await readLiveRetrying(caller, opts, desired).catch((err: unknown) => {
    if (!isVppLost(err)) throw err;
    throw new ApplyError(
      `all ${result.done} ops were applied and acknowledged by VPP, but it was lost before they could be verified: ${(err as Error).message}\nnext: when VPP is back, run \`vppstate drift\` with the same documents (a VPP that restarted starts empty: apply them again)`,
      { ...result, vppLost: err as Error },
    );
  });
  // What cannot be read back (unverifiable) cannot fail verification either: drift says so.
  const residual = verifiable(
    makePlan(desired, after.objects, { ...opts, unverifiable: after.unverifiable }).changes,
  );
  if (residual.length > 0) {
    // As for a failed call: back to the state before the apply, unless --no-rollback.
    const rollback = opts.rollback ?? true;
    const undo = rollback
      ? await undoApply(caller, plan, live, after, { ...opts, read: () => readLiveRetrying(caller, opts) })
      : undefined;
    throw new VerifyError(residual, { applied: result.done, undo });
  }
  return { plan, result, applied: true, cancelled: false, verified: true, after };
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

/**
 * What happened, for people: the failure (or the lost VPP), how many ops VPP acknowledged, which
 * were in flight with no reply (outcome unknown), whether rollback ran, and what to do next.
 */
export function applyFailureMessage(r: ExecuteResult, rollback: boolean): string {
  const lost = r.vppLost;
  const l = lost as { code?: string; processGone?: boolean } | undefined;
  const restarted = l?.code === 'VPP_RESTARTED';
  const gone = l?.processGone === true;
  const lines: string[] = [];
  if (lost !== undefined) lines.push(`apply stopped after ${r.done} of ${r.total} ops: ${lost.message}`);
  else if (r.failure) lines.push(`apply failed at op ${r.done + 1} of ${r.total}: ${r.failure.message}`);
  else lines.push(`apply interrupted after ${r.done} of ${r.total} ops`);
  const unknown = r.unknown ?? [];
  if (lost !== undefined || unknown.length > 0) {
    lines.push(
      `${r.done} ops done and acknowledged by VPP; ${unknown.length} in flight without a reply (outcome unknown: VPP may or may not have done them); ${r.notStarted ?? 0} not started`,
    );
    for (const op of unknown.slice(0, MAX_LISTED)) lines.push(`  ? ${describeOp(op)}${sourceSuffix(op)}`);
    if (unknown.length > MAX_LISTED) lines.push(`  … and ${unknown.length - MAX_LISTED} more`);
  }
  const maybe = unknown.length > 0 ? ` (and perhaps the ${unknown.length} ops whose outcome is unknown)` : '';
  if (!rollback && (gone || restarted))
    lines.push(
      `--no-rollback: nothing to keep: the VPP process ${restarted ? 'restarted' : 'is gone'}, and what was done went with everything else it held`,
    );
  else if (!rollback)
    lines.push(
      `--no-rollback: the ${r.done} completed ops${maybe} were kept; VPP is partly changed (run plan to see what remains)`,
    );
  else if (r.rollbackSkipped === 'vpp-restarted')
    lines.push(
      `${r.undone > 0 ? `rollback stopped after undoing ${r.undone} of ${r.done} ops` : 'rollback not attempted'}: VPP restarted, so what was done on the previous VPP went with everything else it held; rolling back onto the new, empty one would be wrong`,
    );
  else if (r.rollbackSkipped === 'vpp-gone')
    lines.push(
      `${r.undone > 0 ? `rollback stopped after undoing ${r.undone} of ${r.done} ops` : 'rollback not possible'}: the VPP process is gone, and what was done went with everything else it held`,
    );
  else if (r.rollbackSkipped === 'vpp-unreachable')
    lines.push(
      `${r.undone > 0 ? `rollback stopped after undoing ${r.undone} of ${r.done} ops` : 'rollback not possible'}: VPP cannot be reached; if it comes back without restarting, the ${r.done - r.undone} completed ops not undone${maybe} are still in it`,
    );
  else if (r.done === 0)
    lines.push(
      unknown.length > 0
        ? `nothing was acknowledged, but the ops in flight may have been done`
        : 'nothing had been changed',
    );
  else if (r.rollbackErrors.length === 0)
    lines.push(
      `rolled back the ${r.done} completed ops; VPP is as it was before${unknown.length > 0 ? `, except perhaps for the ${unknown.length} ops whose outcome is unknown` : ''}`,
    );
  else
    lines.push(
      `rollback incomplete: ${r.rollbackErrors.length} inverse calls failed (${grouped(r)}); VPP is partly changed`,
    );
  if (restarted)
    lines.push(
      'next: the restarted VPP holds none of the documents: apply them again (`vppstate plan` shows everything that will be created)',
    );
  else if (gone)
    lines.push(
      'next: start VPP again, then apply the documents again (a new VPP starts empty; `vppstate plan` shows everything that will be created)',
    );
  else if (lost !== undefined)
    lines.push(
      'next: when VPP is back, run `vppstate plan` with the same documents to see where it stands (a VPP that restarted starts empty), then `vppstate apply`',
    );
  else if (unknown.length > 0 || r.rollbackErrors.length > 0 || !rollback)
    lines.push('next: run `vppstate plan` with the same documents to see where VPP stands');
  return lines.join('\n');
}

/** Ops listed one per line in a failure report; the rest are counted. */
const MAX_LISTED = 10;

/** Rollback errors with the same message counted once: `delete_subif: … ×512`. */
function grouped(r: ExecuteResult): string {
  const counts = new Map<string, number>();
  for (const e of r.rollbackErrors) {
    const m = `${e.call.message}: ${e.error instanceof Error ? e.error.message : String(e.error)}`;
    counts.set(m, (counts.get(m) ?? 0) + 1);
  }
  return [...counts].map(([m, k]) => (k > 1 ? `${m} ×${k}` : m)).join('; ');
}
