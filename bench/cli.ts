/**
 * `npm run bench:cli [-- --runs N] [--scale small|large|both|none] [--no-real | --real-only]`: `vppstate` as
 * users run it, each command in a fresh process (the built CLI, dist/bin/vppstate.js), beside
 * `node -e 0` measured in the same run: --version, --help, validate, plan and apply of the
 * quickstart, plan with no changes and apply from empty at 1,000 + 10,000 and 10,000 + 100,000,
 * against the simulator and against a real VPP (../shared/vpp) where there is one; and, where
 * python3 and ../shared/vpp are present, vpp_papi's own cold start (import + connect + one
 * show_version). Apply from empty is set beside a raw pipelined replay of the same calls on a
 * fresh VPP of the same kind (VPP's own floor for that work).
 *
 * Wall time is the median of the runs; CPU (user + system of the command's process, from
 * /usr/bin/time where it exists) is the judge on a busy machine.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfigOrThrow } from '../src/config/load.js';
import { stateToObjects } from '../src/model/live.js';
import { generateConfig } from './lib/generate.js';
import { RawClient, type Call } from './lib/raw.js';
import { VppClient } from '../src/api/client/client.js';
import { recordApply } from './lib/record.js';
import { HAVE_REAL_VPP, NO_REAL_VPP_REASON } from '../test/helpers/vpp-sh.js';
import {
  argValue,
  fmtMs,
  papiPath,
  realTarget,
  REPO_ROOT,
  simTarget,
  table,
  type Instance,
  type Target,
} from './lib/targets.js';

const RUNS = Number(argValue('--runs') ?? 5);
const CLI = join(REPO_ROOT, 'dist/bin/vppstate.js');
const QUICKSTART = join(REPO_ROOT, 'examples/quickstart.yaml');
const TIME = '/usr/bin/time';
/** vppstate apply's default concurrency; the raw replay keeps as many calls in flight. */
const WINDOW = 256;

interface Sample {
  readonly wallMs: number;
  /** undefined where /usr/bin/time is missing. */
  readonly cpuMs?: number;
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

const dir = mkdtempSync(join(tmpdir(), 'vppstate-bench-cli-'));

/**
 * Runs a command under a tiny python3 wrapper that times it from fork to wait4 and reads its
 * rusage (microseconds; /usr/bin/time rounds CPU to 10 ms, as much as a command's whole margin).
 */
const WRAPPER = `
import os, sys, time
t = time.perf_counter()
pid = os.fork()
if pid == 0:
    os.execvp(sys.argv[1], sys.argv[1:])
_, status, ru = os.wait4(pid, 0)
w = time.perf_counter() - t
sys.stderr.write("\\n@@time %f %f %d\\n" % (w * 1000, (ru.ru_utime + ru.ru_stime) * 1000, os.waitstatus_to_exitcode(status)))
`;
const HAVE_PYTHON = spawnSync('python3', ['-c', 'import os; os.wait4'], { stdio: 'ignore' }).status === 0;
const HAVE_TIME = HAVE_PYTHON || existsSync(TIME);

/** One fresh process: wall time around it, CPU of it. */
function once(command: readonly string[]): Promise<Sample> {
  const timeFile = join(dir, 'time.out');
  const argv = HAVE_PYTHON
    ? ['python3', '-c', WRAPPER, ...command]
    : existsSync(TIME)
      ? [TIME, '-f', '%U %S', '-o', timeFile, ...command]
      : [...command];
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(argv[0], argv.slice(1), { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      let wallMs = performance.now() - t0;
      let cpuMs: number | undefined;
      if (HAVE_PYTHON) {
        const at = stderr.lastIndexOf('\n@@time ');
        const [w, c, rc] = stderr
          .slice(at + 8)
          .trim()
          .split(' ')
          .map(Number);
        stderr = stderr.slice(0, at);
        [wallMs, cpuMs, code] = [w, c, rc];
      } else if (existsSync(TIME)) {
        const [u, s] = readFileSync(timeFile, 'utf8').trim().split('\n').at(-1)!.split(' ').map(Number);
        cpuMs = (u + s) * 1000;
      }
      resolve({ wallMs, cpuMs, code: code ?? 1, stdout, stderr });
    });
  });
}

interface Measured {
  readonly wallMs: number;
  readonly cpuMs?: number;
  /** CPU the VPP itself spent meanwhile (one run), where known. */
  readonly vppCpuMs?: number;
  readonly runs: number;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

/**
 * `runs` fresh processes; `prepare` (untimed) readies each run and gives its command line; each
 * must exit with one of `codes`. With more than one run, one more runs first, untimed: the first
 * start of freshly built files pays for reading them from disk, which no user sees twice.
 */
async function measure(
  prepare: () => Promise<readonly string[]> | readonly string[],
  opts: { runs?: number; codes?: number[] } = {},
): Promise<Measured> {
  const runs = opts.runs ?? RUNS;
  const walls: number[] = [];
  const cpu: number[] = [];
  for (let i = runs > 1 ? -1 : 0; i < runs; i++) {
    const command = await prepare();
    const s = await once(command);
    if (!(opts.codes ?? [0]).includes(s.code))
      throw new Error(`${command.join(' ')} exited ${s.code}:\n${s.stderr || s.stdout}`);
    if (i < 0) continue;
    walls.push(s.wallMs);
    if (s.cpuMs !== undefined) cpu.push(s.cpuMs);
  }
  return { wallMs: median(walls), cpuMs: cpu.length ? median(cpu) : undefined, runs };
}

const vppstate = (...args: string[]): string[] => [process.execPath, CLI, ...args];

interface Line {
  readonly what: string;
  readonly target: string;
  readonly m: Measured;
  /** The issue's goal for this line, and whether this run met it. */
  readonly goal?: string;
}

const lines: Line[] = [];
let nodeMs = 0;
let nodeCpuMs = 0;

function add(what: string, target: string, m: Measured, goal?: string): void {
  lines.push({ what, target, m, goal });
  const cpu = m.cpuMs !== undefined ? `, CPU ${fmtMs(m.cpuMs)}` : '';
  process.stderr.write(`  ${what} (${target}): ${fmtMs(m.wallMs)}${cpu}${goal ? ` — ${goal}` : ''}\n`);
}

const met = (ok: boolean, text: string): string => `${text}: ${ok ? 'met' : '**not met**'}`;
const times = (m: Measured): string =>
  `${(m.wallMs / nodeMs).toFixed(2)}×` +
  (m.cpuMs !== undefined && nodeCpuMs ? `; CPU ${(m.cpuMs / nodeCpuMs).toFixed(2)}×` : '');

async function withoutVpp(): Promise<void> {
  const node = await measure(() => [process.execPath, '-e', '0']);
  nodeMs = node.wallMs;
  nodeCpuMs = node.cpuMs ?? 0;
  add('`node -e 0`', '—', node);
  const version = await measure(() => vppstate('--version'));
  add(
    '`vppstate --version`',
    '—',
    version,
    met(
      version.wallMs - nodeMs <= 50,
      `within 50 ms of node -e 0 (${Math.round(version.wallMs - nodeMs)} ms` +
        (version.cpuMs !== undefined ? `; CPU ${Math.round(version.cpuMs - nodeCpuMs)} ms)` : ')'),
    ),
  );
  add('`vppstate --help`', '—', await measure(() => vppstate('--help')));
  const validate = await measure(() => vppstate('validate', QUICKSTART));
  add(
    '`vppstate validate examples/quickstart.yaml`',
    '—',
    validate,
    met(validate.wallMs <= 2 * nodeMs, `within 2× node -e 0 (${times(validate)})`),
  );
}

/** Instances one after the other: `next` closes the previous one. */
function instances(target: Target): { next: () => Promise<Instance>; close: () => Promise<void> } {
  let current: Instance | undefined;
  return {
    next: async () => {
      await current?.close();
      current = undefined;
      current = await target.instance();
      return current;
    },
    close: async () => {
      await current?.close();
      current = undefined;
    },
  };
}

async function quickstart(target: Target, where: string): Promise<void> {
  const vpps = instances(target);
  try {
    const inst = await vpps.next();
    const plan = await measure(() => vppstate('--socket', inst.socket, 'plan', QUICKSTART));
    add(
      '`vppstate plan examples/quickstart.yaml`',
      where,
      plan,
      target.kind === 'real'
        ? met(plan.wallMs < 3 * nodeMs, `under 3× node -e 0 (${times(plan)})`)
        : undefined,
    );
    // every apply from empty on a VPP of its own, started untimed
    const apply = await measure(async () =>
      vppstate('--socket', (await vpps.next()).socket, 'apply', QUICKSTART, '--yes', '--quiet'),
    );
    add('`vppstate apply examples/quickstart.yaml` (from empty)', where, apply, `${times(apply)} node -e 0`);
  } finally {
    await vpps.close();
  }
}

interface Scale {
  readonly name: string;
  readonly key: string;
  readonly interfaces: number;
  readonly routes: number;
  /** The issue's bound for a no-op plan in a fresh process against the real VPP (ms). */
  readonly planGoalMs: number;
}

const SCALES: Record<string, Scale[]> = {
  small: [{ name: '1,000 + 10,000', key: 'small', interfaces: 1_000, routes: 10_000, planGoalMs: 1000 }],
  large: [{ name: '10,000 + 100,000', key: 'large', interfaces: 10_000, routes: 100_000, planGoalMs: 3000 }],
  none: [],
};
SCALES.both = [...SCALES.small, ...SCALES.large];

async function atScale(target: Target, where: string, scale: Scale): Promise<void> {
  const file = join(dir, `${scale.key}.yaml`);
  if (!existsSync(file)) writeFileSync(file, generateConfig(scale.interfaces, scale.routes));
  const vpps = instances(target);
  try {
    let inst = await vpps.next();
    process.stderr.write(`  (${where}: applying ${scale.name}…)\n`);
    const vppCpu0 = inst.cpuMs?.();
    const apply: Measured = {
      // A generous per-call timeout: on a busy machine a call may wait behind a long queue in VPP,
      // and a timed-out call retried would measure the retry path, not the apply.
      ...(await measure(
        () => vppstate('--socket', inst.socket, '--timeout', '60000', 'apply', file, '--yes', '--quiet'),
        {
          runs: 1,
        },
      )),
      vppCpuMs: vppCpu0 !== undefined ? inst.cpuMs!() - vppCpu0 : undefined,
    };
    const plan = await measure(() => vppstate('--socket', inst.socket, 'plan', file, '--detailed-exitcode'));
    add(
      `\`vppstate plan\` with no changes, ${scale.name}`,
      where,
      plan,
      target.kind === 'real'
        ? met(
            plan.wallMs < scale.planGoalMs,
            `under ${scale.planGoalMs / 1000} s` +
              (plan.cpuMs !== undefined ? ` (CPU ${(plan.cpuMs / 1000).toFixed(2)} s)` : ''),
          )
        : undefined,
    );
    // The same calls, replayed raw on an empty VPP. They are recorded (untimed) from an apply on
    // a simulator, which numbers interfaces as VPP does (a replayed call that VPP refuses counts
    // as failed and is reported): a third apply on a real VPP would take minutes at the large scale.
    const sims = instances(simTarget());
    let calls: Call[];
    try {
      const want = stateToObjects((await loadConfigOrThrow([file])).state);
      const recorded = await recordApply((await sims.next()).socket, want, WINDOW);
      calls = recorded.calls;
      await recorded.client.disconnect();
    } finally {
      await sims.close();
    }
    inst = await vpps.next();
    const probe = await VppClient.connect({ socket: inst.socket, timeoutMs: 120_000 });
    const defs = probe.definitions;
    await probe.disconnect();
    const raw = await RawClient.connect(inst.socket);
    const frames = raw.encode(defs, calls);
    const rawVpp0 = inst.cpuMs?.();
    const r = await raw.replay(frames, WINDOW);
    const rawVppCpu = rawVpp0 !== undefined ? inst.cpuMs!() - rawVpp0 : undefined;
    raw.close();
    if (r.failed) process.stderr.write(`  warning: ${r.failed} replayed calls failed\n`);
    const failedNote = r.failed ? ` — ${r.failed} of them failed: not comparable` : '';
    const ratio = r.ms / apply.wallMs;
    add(
      `raw pipelined replay of the same ${calls.length.toLocaleString('en')} calls (VPP's floor)${failedNote}`,
      where,
      {
        wallMs: r.ms,
        cpuMs: r.cpuMs,
        vppCpuMs: rawVppCpu,
        runs: 1,
      },
    );
    add(
      `\`vppstate apply\` from empty, ${scale.name}`,
      where,
      apply,
      target.kind === 'real' && scale.key === 'large'
        ? met(ratio >= 0.8, `within 80% of the raw replay (${Math.round(ratio * 100)}%)`)
        : `${Math.round(ratio * 100)}% of the raw replay's speed`,
    );
  } finally {
    await vpps.close();
  }
}

async function papiColdStart(): Promise<void> {
  const pythonPath = await papiPath();
  if (!pythonPath) return;
  const vpps = instances(realTarget());
  try {
    const inst = await vpps.next();
    const script = join(REPO_ROOT, 'bench/papi.py');
    const m = await measure(() => [
      '/usr/bin/env',
      `PYTHONPATH=${pythonPath}`,
      'python3',
      script,
      inst.socket,
      inst.apiDir ?? '',
      'cold',
    ]);
    add('vpp_papi: import + connect + one show_version', 'real VPP', m, `${times(m)} node -e 0`);
  } finally {
    await vpps.close();
  }
}

async function main(): Promise<void> {
  if (!existsSync(CLI)) {
    process.stderr.write('bench:cli: dist/bin/vppstate.js is missing: run `npm run build` first\n');
    process.exit(1);
  }
  const scales = SCALES[argValue('--scale') ?? 'both'] ?? SCALES.both;
  const realOnly = process.argv.includes('--real-only');
  const targets: Array<[Target, string]> = realOnly ? [] : [[simTarget(), 'simulator']];
  if (realOnly && !HAVE_REAL_VPP) {
    process.stderr.write(`bench:cli: --real-only needs a real VPP: ${NO_REAL_VPP_REASON}\n`);
    process.exit(1);
  }
  if (process.argv.includes('--no-real')) process.stderr.write('bench:cli: --no-real: simulator only\n');
  else if (HAVE_REAL_VPP) targets.push([realTarget(), 'real VPP']);
  else process.stderr.write(`bench:cli: no real VPP (${NO_REAL_VPP_REASON}): simulator only\n`);
  const load = loadavg()[0].toFixed(1);
  process.stderr.write(`bench:cli: ${RUNS} runs each, load average ${load}\n`);
  try {
    await withoutVpp();
    for (const [t, where] of targets) {
      await quickstart(t, where);
      for (const s of scales) await atScale(t, where, s);
    }
    await papiColdStart();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const cpuNote = HAVE_TIME
    ? 'CPU: user + system of the command and its children (median)'
    : 'CPU not measured (no /usr/bin/time)';
  process.stdout.write(
    `bench:cli — Node ${process.version}, ${cpus().length} CPUs, load average ${load} at the start; each command in a fresh process, median of ${RUNS} runs after an untimed one (apply at scale: 1 run); ${cpuNote}\n\n` +
      table(
        [
          'command',
          'against',
          'wall',
          'CPU',
          'wall × node -e 0',
          'CPU × node -e 0',
          'VPP CPU meanwhile',
          'goal (issue 16)',
        ],
        lines.map((l) => [
          l.what,
          l.target,
          fmtMs(l.m.wallMs),
          l.m.cpuMs !== undefined ? fmtMs(l.m.cpuMs) : '—',
          nodeMs ? `${(l.m.wallMs / nodeMs).toFixed(2)}×` : '—',
          nodeCpuMs && l.m.cpuMs !== undefined ? `${(l.m.cpuMs / nodeCpuMs).toFixed(2)}×` : '—',
          l.m.vppCpuMs !== undefined ? fmtMs(l.m.vppCpuMs) : '',
          l.goal ?? '',
        ]),
      ) +
      '\n',
  );
}

await main();
