/**
 * `npm run bench:reconcile [-- --scale small|large|both] [--real | --socket PATH]`: the reconciler
 * against the simulator (default, a child process over its Unix socket), real VPPs started from
 * ../shared/vpp (`--real`), or a running VPP (`--socket PATH` / VPPSTATE_BENCH_SOCKET: the bench
 * creates its objects there and deletes exactly those afterwards).
 *
 * Per scale: loopbacks + one sub-interface each (every one with an IPv4 address) and static
 * routes via the loopbacks. Measured in one run, on the same kind of VPP: apply from empty (plan,
 * execute, verify); the same calls replayed by a raw client that pre-builds frames and only
 * counts replies (VPP's ceiling for this work) and, where vpp_papi is at hand, by vpp_papi; a
 * no-op reconcile (read + plan) in this process and in a fresh one; the same reads through
 * vpp_papi; peak memory of this process.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { VppClient } from '../src/api/client/client.js';
import type { ApiDefinitions } from '../src/api/definitions/index.js';
import type { VppCaller } from '../src/api/types.js';
import { executePlan } from '../src/apply/executor.js';
import { planFor } from '../src/apply/reconcile.js';
import { emptyState } from '../src/model/defaults.js';
import { readLive, stateToObjects } from '../src/model/live.js';
import type { ObjectSet } from '../src/model/kinds/types.js';
import type { Interface, State } from '../src/model/types.js';
import { makePlan } from '../src/plan/plan.js';
import { Papi, writePapiCalls } from './lib/papi.js';
import { RawClient, type Call } from './lib/raw.js';
import { recorder } from './lib/record.js';
import {
  argValue,
  fmtS,
  papiPath,
  table,
  targetFromArgs,
  type Instance,
  type Target,
} from './lib/targets.js';

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

/** Calls in flight: vppstate apply's default concurrency, used for every replay too. */
const WINDOW = Number(argValue('--window') ?? 256);

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

/** The reads a no-op reconcile makes (dumps and calls, with their arguments), for vpp_papi. */
function readRecorder(inner: VppClient): { caller: VppCaller; reads: Call[] } {
  const reads: Call[] = [];
  return {
    reads,
    caller: {
      call: (name, args, o) => {
        reads.push([name, args ?? {}]);
        return inner.call(name, args, o);
      },
      dump: (name, args, o) => {
        reads.push([name, args ?? {}]);
        return inner.dump(name, args, o);
      },
      detailsIter: (name, args, o) => {
        reads.push([name, args ?? {}]);
        return inner.detailsIter(name, args, o);
      },
    },
  };
}

/** Deletes exactly the bench's objects (declared absent), on a VPP the bench does not own. */
async function cleanup(socket: string, scale: Scale): Promise<void> {
  const client = await VppClient.connect({ socket, timeoutMs: 120_000 });
  try {
    const s = desired(scale);
    const absent = { interfaces: Object.keys(s.interfaces), routes: Object.keys(s.routes) };
    const { plan, live } = await planFor(client, stateToObjects(emptyState()), { prune: 'none', absent });
    const r = await executePlan(plan, client, { ids: live.ids.clone(), concurrency: WINDOW });
    if (!r.ok) throw new Error(`cleanup failed: ${r.failure?.message}`);
  } finally {
    await client.disconnect().catch(() => undefined);
  }
}

/** An empty VPP for the next measurement: a new instance, or the shared one cleaned. */
async function emptyInstance(target: Target, prev: Instance, scale: Scale): Promise<Instance> {
  if (target.kind === 'socket') {
    await cleanup(prev.socket, scale);
    return prev;
  }
  await prev.close();
  return target.instance();
}

interface Row {
  ops: number;
  apply: string;
  execRate: number;
  raw: string;
  rawRate: number;
  papiReplay: string;
  noop: string;
  fresh: string;
  papiReads: string;
  memory: string;
}

async function bench(target: Target, scale: Scale, papi: string | undefined, dir: string): Promise<Row> {
  const want = stateToObjects(desired(scale));
  let inst = await target.instance();
  const client = await VppClient.connect({ socket: inst.socket, timeoutMs: 120_000 });
  let defs: ApiDefinitions;
  let calls: Call[];
  const row: Partial<Row> = {};
  try {
    const applied = await applyFromEmpty(client, want);
    calls = applied.calls;
    const { ops, tPlan0, tExec, cpuExec, tVerify } = applied;
    row.ops = ops;
    row.execRate = ops / tExec;
    row.apply = `${fmtS((tPlan0 + tExec + tVerify) * 1000)} (exec ${fmtS(tExec * 1000)} = ${Math.round(row.execRate).toLocaleString('en')} ops/s, CPU ${fmtS(cpuExec * 1000)})`;
    defs = client.definitions;
    // The apply's plan is done with; only the calls are kept, for the replays.
    const { tRead, cpuRead, tPlan } = await readThenPlan(client, want);
    const [again, tNoop] = await timed(() => planFor(client, want));
    const cpuNoop = lastCpu;
    if (again.plan.changes.length > 0) throw new Error('no-op reconcile is not empty');
    row.noop = `${fmtS(tNoop * 1000)} (read ${fmtS(tRead * 1000)}, CPU ${fmtS(cpuRead * 1000)}; plan ${fmtS(tPlan * 1000)}; CPU ${fmtS(cpuNoop * 1000)})`;
    const fresh = await freshNoop(inst.socket, scale);
    row.fresh = `${fmtS(fresh.s * 1000)} (connect ${fmtS(fresh.connect * 1000)}, read ${fmtS(fresh.read * 1000)}, plan ${fmtS(fresh.plan * 1000)}; CPU ${fmtS(fresh.cpu * 1000)})`;
    row.papiReads = '—';
    if (papi && inst.apiDir) {
      const rec = readRecorder(client);
      await readLive(rec.caller);
      const file = join(dir, 'reads.jsonl');
      writePapiCalls(file, defs, rec.reads);
      const r = await new Papi(papi, inst.socket, inst.apiDir).run<{
        calls: number;
        ms: number;
        cpu_ms: number;
      }>('reads', file);
      row.papiReads = `${fmtS(r.ms)} (${r.calls.toLocaleString('en')} reads, one at a time; CPU ${fmtS(r.cpu_ms)})`;
    }
  } finally {
    await client.disconnect().catch(() => undefined);
  }
  try {
    inst = await emptyInstance(target, inst, scale);
    const raw = await RawClient.connect(inst.socket);
    try {
      const r = await raw.replay(raw.encode(defs, calls), WINDOW);
      row.rawRate = r.calls / (r.ms / 1000);
      row.raw = `${fmtS(r.ms)} = ${Math.round(row.rawRate).toLocaleString('en')} calls/s${r.failed ? ` (${r.failed} failed!)` : ''}`;
    } finally {
      raw.close();
    }
    row.papiReplay = '—';
    if (papi) {
      inst = await emptyInstance(target, inst, scale);
      if (inst.apiDir) {
        const file = join(dir, 'calls.jsonl');
        writePapiCalls(file, defs, calls);
        const r = await new Papi(papi, inst.socket, inst.apiDir).run<{
          calls: number;
          ms: number;
          failed: number;
        }>('replay', file, WINDOW);
        row.papiReplay = `${fmtS(r.ms)} = ${Math.round(r.calls / (r.ms / 1000)).toLocaleString('en')} calls/s${r.failed ? ` (${r.failed} failed!)` : ''}`;
      }
    }
  } finally {
    if (target.kind === 'socket') await cleanup(inst.socket, scale);
    else await inst.close();
  }
  row.memory = `${Math.round(peakRss / 2 ** 20)} MiB RSS, ${Math.round(peakHeap / 2 ** 20)} MiB heap`;
  return row as Row;
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
  const target = targetFromArgs();
  const scales = SCALES[argValue('--scale') ?? 'both'] ?? SCALES.both;
  const papi = target.kind === 'sim' ? undefined : await papiPath();
  const dir = mkdtempSync(join(tmpdir(), 'vppstate-bench-'));
  const rows: string[][] = [];
  try {
    for (const s of scales) {
      process.stderr.write(`bench: ${s.name} on ${target.label}…\n`);
      const r = await bench(target, s, papi, dir);
      rows.push([
        s.name,
        r.ops.toLocaleString('en'),
        r.apply,
        r.raw,
        `${((r.execRate / r.rawRate) * 100).toFixed(0)} %`,
        r.papiReplay,
        r.noop,
        r.fresh,
        r.papiReads,
        r.memory,
      ]);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  process.stdout.write(
    `bench:reconcile on ${target.label}, Node ${process.version}, ${WINDOW} calls in flight\n\n${table(
      [
        'scale',
        'ops',
        'vppstate apply from empty (plan + exec + verify)',
        'VPP ceiling: raw replay of the same calls',
        'vppstate exec / ceiling',
        'vpp_papi replay of the same calls',
        'no-op reconcile, this process (read + plan)',
        'no-op reconcile, fresh process (connect + read + plan)',
        'vpp_papi: the same reads',
        'peak memory (bench process)',
      ],
      rows,
    )}\n`,
  );
}

await main();
