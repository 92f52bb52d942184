/**
 * `npm run bench:reconcile [-- --scale small|large|both]`: the reconciler against the simulator
 * (a separate process, over its Unix socket, as against VPP).
 *
 * Per scale: loopbacks + one sub-interface each (every one with an IPv4 address) and static
 * routes via the loopbacks. Measured: apply from empty (plan, execute, verify), reading live
 * state, planning, a no-op reconcile (read + plan, nothing to do), the raw pipelined call rate
 * of the same client and simulator (control_ping), and peak memory of this process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { VppClient } from '../src/api/client/client.js';
import type { ApiMessage, VppCaller } from '../src/api/types.js';
import { executePlan } from '../src/apply/executor.js';
import { planFor } from '../src/apply/reconcile.js';
import { emptyState } from '../src/model/defaults.js';
import { readLive, stateToObjects } from '../src/model/live.js';
import type { ObjectSet } from '../src/model/kinds/types.js';
import type { Interface, State } from '../src/model/types.js';
import { makePlan } from '../src/plan/plan.js';

interface Scale {
  readonly name: string;
  readonly interfaces: number;
  readonly routes: number;
}
const SCALES: Record<string, Scale[]> = {
  small: [{ name: '1,000 interfaces + 10,000 routes', interfaces: 1_000, routes: 10_000 }],
  large: [{ name: '10,000 interfaces + 100,000 routes', interfaces: 10_000, routes: 100_000 }],
};
SCALES.both = [...SCALES.small, ...SCALES.large];

function desired(scale: Scale): State {
  const s = emptyState();
  const loops = scale.interfaces / 2;
  const common = {
    adminState: 'up' as const,
    vrf: { ipv4: 0, ipv6: 0 },
    acls: { input: [], output: [] },
    nat44: { inside: false, outside: false, output: false },
    macswap: false,
  };
  for (let i = 0; i < loops; i++) {
    const loop: Interface = {
      ...common,
      name: `loop${i}`,
      kind: 'loopback',
      loopback: { instance: i },
      addresses: [`10.${i >> 8}.${i & 255}.1/24`],
    };
    const sub: Interface = {
      ...common,
      name: `loop${i}.100`,
      kind: 'sub-interface',
      sub: {
        parent: `loop${i}`,
        subId: 100,
        outerVlan: 100,
        dot1ad: false,
        exactMatch: true,
        default: false,
      },
      addresses: [`11.${i >> 8}.${i & 255}.1/24`],
    };
    s.interfaces[loop.name] = loop;
    s.interfaces[sub.name] = sub;
  }
  for (let j = 0; j < scale.routes; j++) {
    const k = j % loops;
    const prefix = `${20 + (j >> 16)}.${(j >> 8) & 255}.${j & 255}.0/24`;
    s.routes[`0:${prefix}`] = {
      vrf: 0,
      prefix,
      paths: [
        { type: 'normal', via: `10.${k >> 8}.${k & 255}.2`, interface: `loop${k}`, weight: 1, preference: 0 },
      ],
    };
  }
  return s;
}

let peakRss = 0;
let peakHeap = 0;
const sampler = setInterval(() => {
  const m = process.memoryUsage();
  peakRss = Math.max(peakRss, m.rss);
  peakHeap = Math.max(peakHeap, m.heapUsed);
}, 20);
sampler.unref();

/** Wall seconds; `lastCpu` gets this process's CPU seconds (user + system) for the same span. */
let lastCpu = 0;
async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const c = process.cpuUsage();
  const r = await fn();
  const d = process.cpuUsage(c);
  lastCpu = (d.user + d.system) / 1e6;
  return [r, (performance.now() - t) / 1000];
}

async function startSim(socket: string): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/cli/main.ts', '--log-level', 'silent', '--socket', socket, 'sim', '--quiet'],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  for (let i = 0; i < 200 && !existsSync(socket); i++) await new Promise((r) => setTimeout(r, 50));
  if (!existsSync(socket)) throw new Error('the simulator did not start');
  return child;
}

/** Replays recorded calls with plain pipelining (no graph, no retry): the API's own speed. */
async function replay(
  client: VppClient,
  calls: ReadonlyArray<[string, ApiMessage]>,
  window = 256,
): Promise<{ rate: number; cpu: number }> {
  const t = performance.now();
  const c = process.cpuUsage();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < calls.length) {
      const [name, args] = calls[next++];
      await client.call(name, args);
    }
  };
  await Promise.all(Array.from({ length: window }, worker));
  const d = process.cpuUsage(c);
  return { rate: calls.length / ((performance.now() - t) / 1000), cpu: (d.user + d.system) / 1e6 };
}

/**
 * Records the resolved write calls in the order they are issued: one connection, so this is the
 * order the simulator handles them in. Synchronous, so that it adds no promise of its own to
 * the apply being measured.
 */
function recorder(inner: VppClient): { caller: VppCaller; calls: Array<[string, ApiMessage]> } {
  const calls: Array<[string, ApiMessage]> = [];
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

/** Plan, execute and verify from an empty simulator; keeps only figures and the calls made. */
async function applyFromEmpty(client: VppClient, want: ObjectSet) {
  const [first, tPlan0] = await timed(() => planFor(client, want));
  const ops = first.plan.ops.length;
  const rec = recorder(client);
  const [result, tExec] = await timed(() =>
    executePlan(first.plan, rec.caller, { ids: first.live.ids.clone(), concurrency: 256 }),
  );
  const cpuExec = lastCpu;
  if (!result.ok) throw new Error(`apply failed: ${result.failure?.message}`);
  const [, tVerify] = await timed(async () => {
    const residual = makePlan(want, (await readLive(client)).objects).changes;
    if (residual.length > 0) throw new Error(`verify: ${residual.length} objects differ`);
  });
  return { ops, tPlan0, tExec, cpuExec, tVerify, calls: rec.calls };
}

/** Reading live state and planning, timed apart. */
async function readThenPlan(client: VppClient, want: ObjectSet) {
  const [live, tRead] = await timed(() => readLive(client));
  const cpuRead = lastCpu;
  const [noop, tPlan] = await timed(async () => makePlan(want, live.objects));
  if (noop.changes.length > 0) throw new Error('no-op plan is not empty');
  return { tRead, cpuRead, tPlan };
}

async function bench(scale: Scale): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'vppstate-bench-'));
  const socket = join(dir, 'api.sock');
  const sim = await startSim(socket);
  const client = await VppClient.connect({ socket, timeoutMs: 120_000 });
  try {
    const want = stateToObjects(desired(scale));
    const { ops, tPlan0, tExec, cpuExec, tVerify, calls } = await applyFromEmpty(client, want);
    // the same calls, replayed on a fresh simulator with plain pipelining
    const socket2 = join(dir, 'api2.sock');
    const sim2 = await startSim(socket2);
    const client2 = await VppClient.connect({ socket: socket2, timeoutMs: 120_000 });
    const { rate, cpu: cpuRaw } = await replay(client2, calls);
    await client2.disconnect().catch(() => undefined);
    sim2.kill('SIGTERM');
    // The apply's plan and the recorded calls are done with: drop them before the no-op
    // measurements, which would otherwise pay for collecting a heap they do not use.
    calls.length = 0;
    const { tRead, cpuRead, tPlan } = await readThenPlan(client, want);
    const [again, tNoop] = await timed(() => planFor(client, want));
    const cpuNoop = lastCpu;
    if (again.plan.changes.length > 0) throw new Error('no-op reconcile is not empty');
    const fresh = await freshNoop(socket, scale);
    const execRate = ops / tExec;
    const f = (s: number): string => `${s.toFixed(2)} s`;
    return [
      `| ${scale.name} | ${ops.toLocaleString('en')} | ${f(tPlan0 + tExec + tVerify)} (exec ${f(tExec)}, CPU ${f(cpuExec)}, ${Math.round(execRate).toLocaleString('en')} ops/s) | ${f(tRead)} (CPU ${f(cpuRead)}) | ${f(tPlan)} | ${f(tNoop)} (CPU ${f(cpuNoop)}) | ${f(fresh.s)} (connect ${f(fresh.connect)}, read ${f(fresh.read)}, plan ${f(fresh.plan)}; CPU ${f(fresh.cpu)}) | ${Math.round(rate).toLocaleString('en')} calls/s, CPU ${f(cpuRaw)} → ${(execRate / rate).toFixed(2)} | ${Math.round(peakRss / 2 ** 20)} MiB RSS, ${Math.round(peakHeap / 2 ** 20)} MiB heap |`,
    ];
  } finally {
    await client.disconnect().catch(() => undefined);
    sim.kill('SIGTERM');
  }
}

/**
 * `--noop-child SOCKET SCALE`: a no-op reconcile in a fresh process, as `vppstate plan` runs:
 * connect, read, plan. The bench process itself holds the apply's plan and records, whose
 * large heap makes every collection during its own read slower.
 */
async function noopChild(socket: string, scaleName: string): Promise<void> {
  const scale = SCALES.both.find((x) => x.name === scaleName) as Scale;
  const want = stateToObjects(desired(scale));
  const t = performance.now();
  const c = process.cpuUsage();
  const client = await VppClient.connect({ socket, timeoutMs: 120_000 });
  const t1 = performance.now();
  const live = await readLive(client);
  const t2 = performance.now();
  const plan = makePlan(want, live.objects);
  const t3 = performance.now();
  const d = process.cpuUsage(c);
  await client.disconnect();
  if (plan.changes.length > 0) throw new Error('no-op reconcile is not empty');
  const out: Fresh = {
    s: (t3 - t) / 1000,
    connect: (t1 - t) / 1000,
    read: (t2 - t1) / 1000,
    plan: (t3 - t2) / 1000,
    cpu: (d.user + d.system) / 1e6,
  };
  process.stdout.write(JSON.stringify(out));
}

interface Fresh {
  readonly s: number;
  readonly connect: number;
  readonly read: number;
  readonly plan: number;
  readonly cpu: number;
}

function freshNoop(socket: string, scale: Scale): Promise<Fresh> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'bench/reconcile.ts', '--noop-child', socket, scale.name],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout?.on('data', (b: Buffer) => (out += b.toString()));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve(JSON.parse(out) as Fresh) : reject(new Error(`child exit ${code}`)),
    );
  });
}

async function main(): Promise<void> {
  const child = process.argv.indexOf('--noop-child');
  if (child > 0) return noopChild(process.argv[child + 1], process.argv[child + 2]);
  const i = process.argv.indexOf('--scale');
  const scales = SCALES[i > 0 ? process.argv[i + 1] : 'both'] ?? SCALES.both;
  const rows = [
    '| scale | ops | apply from empty (plan + exec + verify) | read live | plan | no-op reconcile (read + plan) | no-op reconcile, fresh process (connect + read + plan) | same calls replayed raw → apply/raw | peak memory (bench process) |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  for (const s of scales) {
    process.stderr.write(`bench: ${s.name}…\n`);
    rows.push(...(await bench(s)));
  }
  process.stdout.write(`${rows.join('\n')}\n`);
}

await main();
