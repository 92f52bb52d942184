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
  /** Lets the caller read what has been done at any moment (a second Ctrl-C reports from it). */
  readonly monitor?: ExecutionMonitor;
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
  /**
   * Ops whose request was sent but whose reply never came (the connection was lost, or VPP did
   * not answer in time, and no retry settled it): VPP may or may not have done them.
   */
  readonly unknown: readonly Op[];
  /** Ops never sent. */
  readonly notStarted: number;
  /**
   * Set when VPP was lost for good (VppUnavailableError: unreachable; VppRestartedError: it came
   * back as a new, empty VPP): the error that said so. Nothing more could be sent.
   */
  readonly vppLost?: Error;
  /** Completed ops whose inverses all ran (rollback may stop early; see rollbackSkipped). */
  readonly undone: number;
  /** Why rollback did not run, or stopped before undoing every completed op. */
  readonly rollbackSkipped?: 'vpp-unreachable' | 'vpp-gone' | 'vpp-restarted';
}

/** Where an apply stands, at any moment. */
export interface ExecutionSnapshot {
  readonly phase: 'applying' | 'rolling-back' | 'finished';
  readonly total: number;
  /** Ops done and acknowledged by VPP. */
  readonly done: number;
  /** Ops sent and not answered yet (their outcome is unknown if we stop now). */
  readonly inFlight: readonly Op[];
  /** Ops sent whose outcome is already known to be unknown (VPP lost, no reply in time). */
  readonly unknown: readonly Op[];
  /** Ops VPP refused. */
  readonly failed: number;
  /** Rollback: completed ops to undo, those undone so far, and the one being undone. */
  readonly rollback: { readonly total: number; readonly undone: number; readonly current?: Op };
}

/** Handed to executePlan to read its progress from outside (e.g. from a signal handler). */
export class ExecutionMonitor {
  private source: (() => ExecutionSnapshot) | null = null;
  /** @internal Set by the executor when it starts. */
  attach(source: () => ExecutionSnapshot): void {
    this.source = source;
  }
  /** Undefined before the executor has started. */
  snapshot(): ExecutionSnapshot | undefined {
    return this.source?.();
  }
}

/** The connection errors after which nothing can be sent to the VPP the apply was planned for. */
export function isVppLost(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'VPP_UNAVAILABLE' || code === 'VPP_RESTARTED';
}

/** The request may have been done by VPP: it was sent and its reply never came. */
function maybeDone(err: unknown): boolean {
  const e = err as { code?: unknown; outcomeUnknown?: unknown } | null;
  return e?.code === 'VPP_TIMEOUT' || e?.outcomeUnknown === true;
}

/** Per-op state in the executor (a byte per op: the hot path writes it, reports read it). */
const WAITING = 0;
const IN_FLIGHT = 1;
const DONE = 2;
const FAILED = 3;
const UNKNOWN = 4;

/** Apply failed and was (or was not) rolled back; the message says which. */
export class ApplyError extends VppstateError {
  readonly result: ExecuteResult;
  constructor(message: string, result: ExecuteResult) {
    super('apply.failed', message);
    this.result = result;
  }
}

/** ` (file:line:col)` of the document that asked for the op, or nothing. */
export function sourceSuffix(op: Op): string {
  return op.source ? ` (${op.source.file}:${op.source.line}:${op.source.col})` : '';
}

export function describeFailure(op: Op, err: unknown): OpFailure {
  const e = err as { message?: string; errnoName?: string } | null;
  return {
    op,
    error: err,
    errnoName: e?.errnoName,
    source: op.source,
    message: `${op.kind} ${op.id}: ${op.summary}: ${e?.message ?? String(err)}${sourceSuffix(op)}`,
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
  /** Ops (by index) an attempt of which may have been done by VPP (sent, reply lost). */
  const mayHaveRun = new Uint8Array(n);
  /** Set once VPP is lost for good (see isVppLost): nothing more can be sent. */
  let vppLost: Error | undefined;
  /** Back-off sleeps in progress: woken when VPP is lost, so that nobody waits for nothing. */
  const napping = new Set<() => void>();
  const nap = (ms: number): Promise<void> =>
    vppLost !== undefined
      ? Promise.resolve()
      : new Promise<void>((resolve) => {
          const wake = (): void => {
            if (napping.delete(wake)) resolve();
          };
          napping.add(wake);
          void (opts.sleep ?? sleep)(ms).then(wake);
        });
  const lose = (err: unknown): void => {
    if (vppLost !== undefined || !isVppLost(err)) return;
    vppLost = err as Error;
    for (const wake of [...napping]) wake();
  };
  /**
   * The attempts after a first one failed with `first` (exponential back-off, bounded). A
   * timed-out or cut-off call may have been done by VPP: the op's kind says how to tell
   * (RetryHooks), so it is neither done twice nor is the id VPP assigned lost. `i` is the op's
   * index (-1 for a rollback call).
   */
  const retry = async (
    call: ApiCall,
    op: Op,
    owner: Op | ApiCall,
    first: unknown,
    i: number,
  ): Promise<ApiMessage> => {
    const hooks = findKind(op.kind)?.retry;
    let err = first;
    let lostReply = isTransient(first);
    if (i >= 0 && maybeDone(first)) mayHaveRun[i] = 1;
    for (let attempt = 1; ; attempt++) {
      if (!isTransient(err) || attempt >= policy.attempts) throw err;
      retries++;
      opts.onRetry?.(owner, err, attempt);
      await nap(backoffMs(policy, attempt - 1, opts.random));
      if (vppLost !== undefined) throw vppLost;
      try {
        const found = lostReply ? await hooks?.recover?.(call, caller) : undefined;
        return found ?? (await send(call));
      } catch (e) {
        if (lostReply && alreadyDone(hooks, call, e))
          return (await hooks?.recover?.(call, caller)) ?? { retval: 0 };
        if (isTransient(e)) lostReply = true;
        if (i >= 0 && maybeDone(e)) mayHaveRun[i] = 1;
        lose(e);
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
      reply = await retry(call, op, call, err, -1);
    }
    bookkeep(call, reply);
  };

  const completed = new Int32Array(n);
  const status = new Uint8Array(n);
  let done = 0;
  let failed = 0;
  let failure: OpFailure | undefined;
  /** Ops whose outcome is unknown (UNKNOWN), in the order they failed. */
  const uncertain: number[] = [];
  let interrupted = opts.signal?.aborted ?? false;
  let phase: ExecutionSnapshot['phase'] = 'applying';
  let undone = 0;
  let toUndo = 0;
  let undoing: Op | undefined;
  const opsIn = (st: number): Op[] => {
    const out: Op[] = [];
    for (let i = 0; i < n; i++) if (status[i] === st) out.push(ops[i]);
    return out;
  };
  opts.monitor?.attach(() => ({
    phase,
    total: n,
    done,
    inFlight: opsIn(IN_FLIGHT),
    unknown: opsIn(UNKNOWN),
    failed,
    rollback: { total: toUndo, undone, current: undoing },
  }));
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
      status[i] = DONE;
      bookkeep(ops[i].call, reply);
      completed[done++] = i;
      onProgress?.(done, n);
      for (let e = succStart[i], end = succStart[i + 1]; e < end; e++) {
        const s = succ[e];
        if (--waiting[s] === 0) ready.push(s);
      }
      pump();
    };
    const fail = (i: number, err: unknown): void => {
      inflight--;
      // an attempt may have been done, and no later one settled it (VPP refusing, or answering)
      if (maybeDone(err) || (mayHaveRun[i] === 1 && (isVppLost(err) || isTransient(err)))) {
        status[i] = UNKNOWN;
        uncertain.push(i);
      } else {
        status[i] = FAILED;
        failed++;
      }
      lose(err);
      failure ??= describeFailure(ops[i], err);
      pump();
    };
    const issue = (i: number): void => {
      const op = ops[i];
      status[i] = IN_FLIGHT;
      send(op.call).then(
        (reply) => succeeded(i, reply),
        (err: unknown) => {
          if (!isTransient(err) || policy.attempts <= 1) fail(i, err);
          else
            retry(op.call, op, op, err, i).then(
              (reply) => succeeded(i, reply),
              (e: unknown) => fail(i, e),
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
  /**
   * Runs the inverses of an op whose outcome was unknown; true when they all ran (or, with
   * `refusalMeansUndone`, VPP refused them: the op was not done). A lost VPP is thrown.
   */
  const undoAll = async (op: Op, refusalMeansUndone: boolean): Promise<boolean> => {
    let clean = true;
    for (const call of op.inverse) {
      try {
        await invoke(call, op);
      } catch (error) {
        if (isVppLost(error)) throw error;
        if (refusalMeansUndone && (error as { code?: string }).code === 'VPP_API_ERROR') continue;
        rollbackErrors.push({ call, op, error });
        clean = false;
      }
    }
    return clean;
  };
  let rolledBack = false;
  let rollbackSkipped: ExecuteResult['rollbackSkipped'];
  const skipFor = (err: Error): ExecuteResult['rollbackSkipped'] => {
    const e = err as { code?: string; processGone?: boolean };
    if (e.code === 'VPP_RESTARTED') return 'vpp-restarted';
    return e.processGone === true ? 'vpp-gone' : 'vpp-unreachable';
  };
  const ok = failure === undefined && !interrupted && done === n;
  if (!ok && (opts.rollback ?? true) && (done > 0 || uncertain.length > 0)) {
    toUndo = done;
    // Nothing can reach the VPP the ops were done on: a restarted one holds none of them (rolling
    // back onto it would be wrong), an unreachable one cannot be asked.
    if (vppLost !== undefined) rollbackSkipped = skipFor(vppLost);
    else {
      rolledBack = true;
      phase = 'rolling-back';
      // Last in, first out: the ops VPP may have done (their reply was lost) go first. Their kind
      // can tell whether they were done (RetryHooks.recover); otherwise their inverses run, and
      // VPP refusing one means the op was not done. Either way the outcome is then known.
      for (const i of uncertain.reverse()) {
        const op = ops[i];
        undoing = op;
        try {
          const hooks = findKind(op.kind)?.retry;
          if (hooks?.recover) {
            const found = await hooks.recover(op.call, caller);
            if (found !== undefined) bookkeep(op.call, found);
            if (found === undefined || (await undoAll(op, false))) status[i] = FAILED;
          } else if (await undoAll(op, true)) status[i] = FAILED;
        } catch (error) {
          if (isVppLost(error)) {
            lose(error);
            rollbackSkipped = skipFor(error as Error);
            break;
          }
          rollbackErrors.push({ call: op.call, op, error });
        }
      }
      if (vppLost === undefined)
        undo: for (let j = done - 1; j >= 0; j--) {
          const op = ops[completed[j]];
          undoing = op;
          for (const call of op.inverse) {
            try {
              await invoke(call, op);
            } catch (error) {
              if (isVppLost(error)) {
                lose(error);
                rollbackSkipped = skipFor(error as Error);
                break undo;
              }
              rollbackErrors.push({ call, op, error });
            }
          }
          undone++;
        }
      undoing = undefined;
    }
  }
  phase = 'finished';
  let notStarted = 0;
  for (let i = 0; i < n; i++) if (status[i] === WAITING) notStarted++;
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
    unknown: opsIn(UNKNOWN),
    notStarted,
    vppLost,
    undone,
    rollbackSkipped,
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
