/**
 * What a benchmark runs against, chosen on its command line:
 *   (default)        the embedded simulator, in a child process, over its Unix socket;
 *   --real           real VPPs started from ../shared/vpp (vpp.sh), a fresh one when asked;
 *   --socket PATH    a VPP that is already running (env VPPSTATE_BENCH_SOCKET); the benchmark
 *                    creates its objects there and deletes exactly those again.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HAVE_REAL_VPP, NO_REAL_VPP_REASON, startRealVpp } from '../../test/helpers/vpp-sh.js';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** One VPP (or simulator) to run against. */
export interface Instance {
  readonly socket: string;
  /** VPP's .api.json directory, where known (vpp_papi needs one). */
  readonly apiDir?: string;
  /** Stops what this benchmark started (nothing for --socket). */
  close(): Promise<void>;
  /** CPU milliseconds (user + system) the VPP process has used so far, where known (10 ms steps). */
  cpuMs?(): number;
}

export interface Target {
  readonly kind: 'sim' | 'real' | 'socket';
  /** For table headings: "simulator", "real VPP v26.10 (vpp.sh)", "VPP at /run/vpp/api.sock". */
  readonly label: string;
  /** An instance: a new one for sim and --real; the given VPP for --socket (shared, never empty). */
  instance(opts?: { ports?: readonly string[] }): Promise<Instance>;
}

export function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
}

/** The target the command line asks for; exits with a message when it cannot be had. */
export function targetFromArgs(): Target {
  const socket = argValue('--socket') ?? process.env.VPPSTATE_BENCH_SOCKET;
  if (socket) return socketTarget(socket);
  if (process.argv.includes('--real')) {
    if (!HAVE_REAL_VPP) {
      process.stderr.write(`bench: --real needs ../shared/vpp: ${NO_REAL_VPP_REASON}\n`);
      process.exit(1);
    }
    return realTarget();
  }
  return simTarget();
}

export function socketTarget(socket: string): Target {
  if (!existsSync(socket)) {
    process.stderr.write(`bench: no socket at ${socket}\n`);
    process.exit(1);
  }
  return {
    kind: 'socket',
    label: `VPP at ${socket}`,
    instance: async () => ({ socket, apiDir: process.env.VPP_API_DIR, close: async () => undefined }),
  };
}

export function realTarget(): Target {
  return {
    kind: 'real',
    label: 'real VPP v26.10 (vpp.sh)',
    instance: async (opts = {}) => {
      const vpp = await startRealVpp({ name: 'bench', ports: opts.ports });
      return {
        socket: vpp.socket,
        apiDir: vpp.apiDir,
        close: () => vpp.stop(),
        cpuMs: () => processCpuMs(vpp.pid()),
      };
    },
  };
}

export function simTarget(): Target {
  return {
    kind: 'sim',
    label: 'simulator (vppstate sim, child process)',
    instance: async (opts = {}) => {
      const dir = mkdtempSync(join(tmpdir(), 'vppstate-bench-'));
      const socket = join(dir, 'api.sock');
      const hw = (opts.ports ?? []).flatMap((p) => ['--hardware', p]);
      const child = spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          'src/cli/main.ts',
          '--log-level',
          'silent',
          '--socket',
          socket,
          'sim',
          '--quiet',
          ...hw,
        ],
        { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'inherit'] },
      );
      for (let i = 0; i < 400 && !existsSync(socket); i++) await new Promise((r) => setTimeout(r, 50));
      if (!existsSync(socket)) throw new Error('the simulator did not start');
      return {
        socket,
        close: async () => {
          const exited = new Promise((r) => child.once('exit', r));
          child.kill('SIGTERM');
          await exited;
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  };
}

/** utime + stime of a process from /proc (clock ticks of 10 ms), in milliseconds. */
function processCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) * 10;
}

/** The PYTHONPATH holding vpp_papi (`vpp.sh papi`), or undefined where python3 or vpp.sh is missing. */
export async function papiPath(): Promise<string | undefined> {
  if (!HAVE_REAL_VPP) return undefined;
  const { VPP_SH } = await import('../../test/helpers/vpp-sh.js');
  const { execFileSync } = await import('node:child_process');
  try {
    execFileSync('python3', ['--version'], { stdio: 'ignore' });
    return execFileSync(VPP_SH, ['papi'], { encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
}

export function fmtRate(n: number, ms: number): string {
  return `${Math.round((n / ms) * 1000).toLocaleString('en-US')}/s`;
}

export function fmtS(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

export function fmtMs(ms: number): string {
  return ms >= 100 ? `${Math.round(ms)} ms` : `${ms.toFixed(1)} ms`;
}

/** A markdown table, ready to paste into BENCHMARKS.md. */
export function table(head: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  return [
    `| ${head.join(' | ')} |`,
    `|${head.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}
