/**
 * Every configuration after every other: a walk through the complete directed graph of n
 * configurations (self-loops included) that takes each of the n² ordered pairs exactly once, so
 * n² transitions cost n² + 1 applies. After each: verified, re-plan empty, export → plan empty,
 * and a configuration applied after itself sends no write.
 */
import { performance } from 'node:perf_hooks';
import type { VppCaller } from '../../src/api/types.js';
import { applyDesired, planFor, readLiveRetrying } from '../../src/apply/reconcile.js';
import { parseConfig } from '../../src/config/index.js';
import type { ObjectSet } from '../../src/model/kinds/types.js';
import { objectsToState, stateToObjects } from '../../src/model/live.js';
import { stateToYaml } from '../../src/plan/export.js';

const ALL = { prune: 'all' } as const;

export interface Config {
  readonly name: string;
  readonly objects: ObjectSet;
}

export interface Transition {
  readonly from: string;
  readonly to: string;
  readonly ok: boolean;
  /** Wall time of the apply (plan, execute, verify) and of the checks after it. */
  readonly applyMs: number;
  readonly checkMs: number;
  /** API calls the apply sent (0 for a configuration after itself). */
  readonly ops: number;
  readonly error?: string;
}

/** An Euler circuit of the complete digraph with self-loops on n nodes, from node 0: n² steps. */
export function everyPair(n: number): Array<[number, number]> {
  const next = Array.from({ length: n }, () => 0); // next unused out-edge per node
  const stack = [0];
  const path: number[] = [];
  while (stack.length > 0) {
    const v = stack[stack.length - 1];
    if (next[v] < n) stack.push(next[v]++);
    else path.push(stack.pop() as number);
  }
  path.reverse();
  const out: Array<[number, number]> = [];
  for (let i = 1; i < path.length; i++) out.push([path[i - 1], path[i]]);
  return out;
}

/** Documents (YAML text) as the reconciler's desired objects; throws on invalid documents. */
export function objectsOf(yaml: string, file = 'documents.yaml'): ObjectSet {
  const loaded = parseConfig(yaml, file);
  if (!loaded.valid) throw new Error(`${file}:\n  ${loaded.errors.map((e) => e.message).join('\n  ')}`);
  return stateToObjects(loaded.state);
}

async function check(vpp: VppCaller, c: Config): Promise<void> {
  const again = await planFor(vpp, c.objects, ALL);
  if (again.plan.changes.length > 0)
    throw new Error(
      `re-plan not empty: ${again.plan.changes.map((x) => `${x.action} ${x.kind} ${x.id}`).join(', ')}`,
    );
  const exported = stateToYaml(objectsToState((await readLiveRetrying(vpp)).objects));
  const back = await planFor(vpp, objectsOf(exported, 'export.yaml'), ALL);
  if (back.plan.changes.length > 0)
    throw new Error(
      `export → plan not empty: ${back.plan.changes.map((x) => `${x.action} ${x.kind} ${x.id}`).join(', ')}`,
    );
}

/**
 * Applies `configs[0]` (from whatever VPP has), then every ordered pair. A transition that fails
 * is reported, and the walk goes on from its target applied afresh (from empty if need be).
 */
export async function runTransitions(
  vpp: VppCaller,
  configs: readonly Config[],
  opts: {
    pairs?: ReadonlyArray<[number, number]>;
    onStep?: (t: Transition, i: number, total: number) => void;
  } = {},
): Promise<Transition[]> {
  const pairs = opts.pairs ?? everyPair(configs.length);
  const out: Transition[] = [];
  await applyDesired(vpp, configs[pairs[0]?.[0] ?? 0].objects, ALL);
  for (const [i, j] of pairs) {
    const from = configs[i];
    const to = configs[j];
    let t0 = performance.now();
    let applyMs = 0;
    let ops = 0;
    try {
      const r = await applyDesired(vpp, to.objects, ALL);
      applyMs = performance.now() - t0;
      ops = r.plan.ops.length;
      if (i === j && ops > 0) throw new Error(`applied after itself, ${ops} calls planned (expected none)`);
      t0 = performance.now();
      await check(vpp, to);
      out.push({ from: from.name, to: to.name, ok: true, applyMs, checkMs: performance.now() - t0, ops });
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      out.push({
        from: from.name,
        to: to.name,
        ok: false,
        applyMs: applyMs || performance.now() - t0,
        checkMs: 0,
        ops,
        error,
      });
      // Start the next transition from the target, whatever it takes.
      await applyDesired(vpp, to.objects, ALL).catch(async () => {
        await applyDesired(vpp, objectsOf('interfaces: {}'), ALL).catch(() => undefined);
        await applyDesired(vpp, to.objects, ALL).catch(() => undefined);
      });
    }
    opts.onStep?.(out[out.length - 1], out.length, pairs.length);
  }
  return out;
}
