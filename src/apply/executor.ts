import type { ApiMessage, VppCaller } from '../api/types.js';
import { VppstateError } from '../errors.js';
import type { IdTable } from '../model/kinds/ids.js';
import { findKind } from '../model/kinds/registry.js';
import type { ApiCall, Op, RetryHooks, SourcePos } from '../model/kinds/types.js';
import type { Plan } from '../plan/plan.js';
import { IntHeap } from '../plan/heap.js';
import { resolveArgs } from './resolve.js';
import { backoffMs, DEFAULT_RETRY, isTransient, sleep, type RetryPolicy } from './retry.js';

export interface ExecuteOptions {
  /** Ids VPP assigned (sw_if_index, acl_index, …) as read from VPP; updated as ops create and delete. */
  readonly ids: IdTable;
  /** Ops in flight at once (independent ops are pipelined). Default 256. */
  readonly concurrency?: number;
  readonly retry?: RetryPolicy;
  /** Undo what was done when an op fails for good or the run is interrupted. Default true. */
  readonly rollback?: boolean;
  /** Aborting stops issuing new ops; what was done is rolled back (or kept, see rollback). */
  readonly signal?: AbortSignal;
  readonly onProgress?: (done: number, total: number) => void;
  readonly onRetry?: (op: Op | ApiCall, err: unknown, attempt: number) => void;
  /** Test hooks. */
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
}

export interface OpFailure {
  readonly op: Op;
  readonly error: unknown;
  /** `interface loop0: set mtu 1500: sw_interface_set_mtu: VNET_API_ERROR_… (-n) … (file:line:col)`. */
  readonly message: string;
  /** VPP's error name when VPP refused, e.g. VNET_API_ERROR_ADDRESS_FOUND_FOR_INTERFACE. */
  readonly errnoName?: string;
  readonly source?: SourcePos;
}

export interface ExecuteResult {
  readonly ok: boolean;
  readonly total: number;
  /** Ops that completed (before any rollback). */
  readonly done: number;
  readonly failure?: OpFailure;
  readonly interrupted: boolean;
  readonly rolledBack: boolean;
  /** Inverse calls that failed during rollback: the state is then neither before nor after. */
  readonly rollbackErrors: readonly { readonly call: ApiCall; readonly op: Op; readonly error: unknown }[];
  /** Write calls sent (first attempts and retries). */
  readonly calls: number;
  readonly retries: number;
}

/** Apply failed and was (or was not) rolled back; the message says which. */
export class ApplyError extends VppstateError {
  readonly result: ExecuteResult;
  constructor(message: string, result: ExecuteResult) {
    super('apply.failed', message);
    this.result = result;
  }
}

export function describeFailure(op: Op, err: unknown): OpFailure {
  const e = err as { message?: string; errnoName?: string } | null;
  const where = op.source ? ` (${op.source.file}:${op.source.line}:${op.source.col})` : '';
  return {
    op,
    error: err,
    errnoName: e?.errnoName,
    source: op.source,
    message: `${op.kind} ${op.id}: ${op.summary}: ${e?.message ?? String(err)}${where}`,
  };
}

/**
 * Runs a plan's ops against VPP. Ops whose dependencies are done are issued together (up to
 * `concurrency`), so a large apply is limited by the API, not by round trips. sw_if_index values
 * are resolved when each call is issued. A permanent failure stops the run and rolls back every
 * completed op in reverse completion order using the inverses.
 *
 * The hot path is one `caller.call` and one `then` per op: no retry wrapper, no per-op arrays
 * (successors are one flat Int32Array); the retry loop only starts after a transient failure.
 */
export async function executePlan(
  plan: Plan,
  caller: VppCaller,
  opts: ExecuteOptions,
): Promise<ExecuteResult> {
  const { ops, deps } = plan;
  const n = ops.length;
  const policy = opts.retry ?? DEFAULT_RETRY;
  const concurrency = Math.max(1, opts.concurrency ?? 256);
  const ids = opts.ids;
  const onProgress = opts.onProgress;
  const { waiting, succStart, succ } = successors(deps, n);
  let calls = 0;
  let retries = 0;

  /** After a reply: remember the ids VPP assigned, forget those of deleted objects. */
  const bookkeep = (call: ApiCall, reply: ApiMessage): void => {
    const b = call.binds;
    if (b !== undefined) {
      const id = reply[b.field];
      if (typeof id === 'number') ids.set(b.ref, id);
    }
    const u = call.unbinds;
    if (u !== undefined) for (const r of u) ids.delete(r);
  };
  const send = (call: ApiCall): Promise<ApiMessage> => {
    calls++;
    try {
      return caller.call(call.message, resolveArgs(call.args, ids));
    } catch (err) {
      return Promise.reject(err);
    }
  };
  /**
   * The attempts after a first one failed with `first` (exponential back-off, bounded). A
   * timed-out or cut-off call may have been done by VPP: the op's kind says how to tell
   * (RetryHooks), so it is neither done twice nor is the id VPP assigned lost.
   */
  const retry = async (call: ApiCall, op: Op, owner: Op | ApiCall, first: unknown): Promise<ApiMessage> => {
    const hooks = findKind(op.kind)?.retry;
    let err = first;
    let lostReply = isTransient(first);
    for (let attempt = 1; ; attempt++) {
      if (!isTransient(err) || attempt >= policy.attempts) throw err;
      retries++;
      opts.onRetry?.(owner, err, attempt);
      await (opts.sleep ?? sleep)(backoffMs(policy, attempt - 1, opts.random));
      try {
        const found = lostReply ? await hooks?.recover?.(call, caller) : undefined;
        return found ?? (await send(call));
      } catch (e) {
        if (lostReply && alreadyDone(hooks, call, e))
          return (await hooks?.recover?.(call, caller)) ?? { retval: 0 };
        if (isTransient(e)) lostReply = true;
        err = e;
      }
    }
  };
  /** One call with retries, for rollback (sequential, off the hot path). */
  const invoke = async (call: ApiCall, op: Op): Promise<void> => {
    let reply: ApiMessage;
    try {
      reply = await send(call);
    } catch (err) {
      reply = await retry(call, op, call, err);
    }
    bookkeep(call, reply);
  };

  const completed = new Int32Array(n);
  let done = 0;
  let failure: OpFailure | undefined;
  let interrupted = opts.signal?.aborted ?? false;
  await new Promise<void>((resolve) => {
    const ready = new IntHeap();
    for (let i = 0; i < n; i++) if (waiting[i] === 0) ready.push(i);
    let inflight = 0;
    let finished = false;
    const onAbort = (): void => {
      interrupted = true;
      pump();
    };
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    const succeeded = (i: number, reply: ApiMessage): void => {
      inflight--;
      bookkeep(ops[i].call, reply);
      completed[done++] = i;
      onProgress?.(done, n);
      for (let e = succStart[i], end = succStart[i + 1]; e < end; e++) {
        const s = succ[e];
        if (--waiting[s] === 0) ready.push(s);
      }
      pump();
    };
    const failed = (i: number, err: unknown): void => {
      inflight--;
      failure ??= describeFailure(ops[i], err);
      pump();
    };
    const issue = (i: number): void => {
      const op = ops[i];
      send(op.call).then(
        (reply) => succeeded(i, reply),
        (err: unknown) => {
          if (!isTransient(err) || policy.attempts <= 1) failed(i, err);
          else
            retry(op.call, op, op, err).then(
              (reply) => succeeded(i, reply),
              (e: unknown) => failed(i, e),
            );
        },
      );
    };
    function pump(): void {
      if (finished) return;
      const stopping = failure !== undefined || interrupted;
      while (!stopping && inflight < concurrency && ready.size > 0) {
        inflight++;
        issue(ready.pop());
      }
      if (inflight === 0 && (stopping || ready.size === 0)) {
        finished = true;
        opts.signal?.removeEventListener('abort', onAbort);
        resolve();
      }
    }
    pump();
  });

  const rollbackErrors: { call: ApiCall; op: Op; error: unknown }[] = [];
  let rolledBack = false;
  const ok = failure === undefined && !interrupted && done === n;
  if (!ok && (opts.rollback ?? true) && done > 0) {
    rolledBack = true;
    for (let j = done - 1; j >= 0; j--) {
      const op = ops[completed[j]];
      for (const call of op.inverse) {
        try {
          await invoke(call, op);
        } catch (error) {
          rollbackErrors.push({ call, op, error });
        }
      }
    }
  }
  return {
    ok,
    total: n,
    done,
    failure,
    interrupted,
    rolledBack,
    rollbackErrors,
    calls,
    retries,
  };
}

/** Successor lists of the plan's dependency lists, flat (CSR): succ[succStart[i] .. succStart[i+1]). */
function successors(
  deps: readonly (readonly number[])[],
  n: number,
): { waiting: Int32Array; succStart: Int32Array; succ: Int32Array } {
  const waiting = new Int32Array(n);
  const succStart = new Int32Array(n + 1);
  let edges = 0;
  for (let i = 0; i < n; i++) {
    const ds = deps[i];
    waiting[i] = ds.length;
    edges += ds.length;
    for (let k = 0; k < ds.length; k++) succStart[ds[k] + 1]++;
  }
  for (let i = 0; i < n; i++) succStart[i + 1] += succStart[i];
  const fill = succStart.slice(0, n);
  const succ = new Int32Array(edges);
  for (let i = 0; i < n; i++) {
    const ds = deps[i];
    for (let k = 0; k < ds.length; k++) succ[fill[ds[k]]++] = i;
  }
  return { waiting, succStart, succ };
}

export { isTransient };

/** VPP refused a retried call in a way that, says its kind, means the lost first attempt was done. */
function alreadyDone(hooks: RetryHooks | undefined, call: ApiCall, err: unknown): boolean {
  const e = err as { code?: string; retval?: number } | null;
  return (
    hooks?.alreadyDone !== undefined &&
    e?.code === 'VPP_API_ERROR' &&
    typeof e.retval === 'number' &&
    hooks.alreadyDone(call, e.retval)
  );
}
