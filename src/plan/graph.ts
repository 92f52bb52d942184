import { VppstateError } from '../errors.js';
import type { Op } from '../model/kinds/types.js';
import { IntHeap } from './heap.js';

/** The planner built a dependency cycle: a bug in a kind module, never the user's fault. */
export class PlanCycleError extends VppstateError {
  readonly ops: readonly string[];
  /** The ops on the cycle. */
  readonly members: readonly Op[];
  constructor(members: readonly Op[]) {
    const ops = members.map(describeOp);
    super(
      'plan.cycle',
      `internal error (please report): the plan's dependency graph has a cycle through: ${ops.join(' → ')}`,
    );
    this.ops = ops;
    this.members = members;
  }
}

/** The ops in execution order with, for each, the positions (in that order) it must wait for. */
export interface OrderedOps {
  readonly ops: readonly Op[];
  readonly deps: readonly (readonly number[])[];
}

interface KeyUse {
  providers: number[];
  removers: number[];
  needers: number[];
  releasers: number[];
}

export function describeOp(op: Op): string {
  return `${op.kind} ${op.id}: ${op.summary}`;
}

/** Builds edges from the ops' resource keys (see Op) and sorts topologically, stable by input order. */
export interface OrderDebug {
  /** Test hook: ignore resource keys matching this (to show a rule is needed). */
  readonly dropKeys?: RegExp;
}

export function orderOps(input: readonly Op[], debug: OrderDebug = {}): OrderedOps {
  const n = input.length;
  const keys = new Map<string, KeyUse>();
  const use = (k: string): KeyUse => {
    if (debug.dropKeys?.test(k)) return { providers: [], removers: [], needers: [], releasers: [] };
    let u = keys.get(k);
    if (!u) {
      u = { providers: [], removers: [], needers: [], releasers: [] };
      keys.set(k, u);
    }
    return u;
  };
  input.forEach((op, i) => {
    for (const k of op.provides ?? []) use(k).providers.push(i);
    for (const k of op.removes ?? []) use(k).removers.push(i);
    for (const k of op.needs ?? []) use(k).needers.push(i);
    for (const k of op.releases ?? []) use(k).releasers.push(i);
  });
  const succ: number[][] = Array.from({ length: n }, () => []);
  const indeg = new Int32Array(n);
  const edge = (a: number, b: number): void => {
    if (a === b) return;
    succ[a].push(b);
    indeg[b]++;
  };
  for (const u of keys.values()) {
    for (const p of u.providers) for (const q of u.needers) edge(p, q);
    for (const r of u.releasers) for (const q of u.removers) edge(r, q);
    for (const r of u.removers) for (const p of u.providers) edge(r, p);
  }
  // Kahn's algorithm; a min-heap on the input index keeps the order stable and readable.
  const heap = new IntHeap();
  for (let i = 0; i < n; i++) if (indeg[i] === 0) heap.push(i);
  const order: number[] = [];
  const position = new Int32Array(n).fill(-1);
  while (heap.size > 0) {
    const i = heap.pop();
    position[i] = order.length;
    order.push(i);
    for (const s of succ[i]) if (--indeg[s] === 0) heap.push(s);
  }
  if (order.length < n) throw new PlanCycleError(findCycle(input, succ, position));
  const pred: number[][] = Array.from({ length: n }, () => []);
  for (let a = 0; a < n; a++) for (const b of succ[a]) pred[position[b]].push(position[a]);
  return {
    ops: order.map((i) => input[i]),
    deps: pred.map((p) => [...new Set(p)].sort((x, y) => x - y)),
  };
}

function findCycle(ops: readonly Op[], succ: number[][], placed: Int32Array): Op[] {
  // Depth-first search among the ops that never became ready.
  const state = new Int8Array(ops.length); // 0 new, 1 on stack, 2 done
  const stack: number[] = [];
  const dfs = (v: number): number[] | undefined => {
    state[v] = 1;
    stack.push(v);
    for (const w of succ[v]) {
      if (placed[w] >= 0) continue;
      if (state[w] === 1) return stack.slice(stack.indexOf(w)).concat(w);
      if (state[w] === 0) {
        const c = dfs(w);
        if (c) return c;
      }
    }
    stack.pop();
    state[v] = 2;
    return undefined;
  };
  for (let v = 0; v < ops.length; v++) {
    if (placed[v] < 0 && state[v] === 0) {
      const c = dfs(v);
      if (c) return c.map((i) => ops[i]);
    }
  }
  return [];
}
