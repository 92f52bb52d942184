/**
 * `npm run bench:report`: every benchmark BENCHMARKS.md reports from real VPPs, in one command:
 * it builds the command, starts its own VPPs from ../shared/vpp (and stops them), and prints the
 * markdown tables to paste:
 *   1. bench:cli --real-only   each command in a fresh process beside `node -e 0` (issue 16);
 *   2. bench:client --real     vppstate vs vpp_papi vs VPP's ceiling: pings and dumps (issue 10);
 *   3. bench:reconcile --real  apply from empty and no-op reconcile at both scales (issue 10).
 * Progress goes to stderr, the tables to stdout. `-- --runs N` is passed on to bench:cli.
 */
import { spawn } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { argValue, REPO_ROOT } from './lib/targets.js';
import { HAVE_REAL_VPP, NO_REAL_VPP_REASON } from '../test/helpers/vpp-sh.js';

function run(args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`${args.join(' ')} exited ${code}`)),
    );
  });
}

if (!HAVE_REAL_VPP) {
  process.stderr.write(`bench:report needs a real VPP: ${NO_REAL_VPP_REASON}\n`);
  process.exit(1);
}
const runs = argValue('--runs') ?? '5';
const t0 = performance.now();
const load = loadavg()[0].toFixed(1);
const sections: Array<[string, string[]]> = [
  [
    'Cold start and end to end, each command in a fresh process (issue 16)',
    ['bench/cli.ts', '--real-only', '--runs', runs],
  ],
  [
    'Client against the real VPP: vppstate, vpp_papi and VPP’s ceiling (issue 10)',
    ['bench/client.ts', '--real'],
  ],
  ['Reconcile against the real VPP (issue 10)', ['bench/reconcile.ts', '--real', '--scale', 'both']],
];
const out: string[] = [];
for (const [title, args] of sections) {
  process.stderr.write(`bench:report: ${args.join(' ')}\n`);
  const t = performance.now();
  const text = await run(args);
  out.push(`### ${title}\n\n${text.trim()}\n\n(${Math.round((performance.now() - t) / 1000)} s)\n`);
}
const total = Math.round((performance.now() - t0) / 1000);
process.stdout.write(
  `## bench:report — ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, Node ${process.version}, ${cpus().length} CPUs, load average ${load} at the start, ${Math.floor(total / 60)} min ${total % 60} s in all\n\n${out.join('\n')}`,
);
