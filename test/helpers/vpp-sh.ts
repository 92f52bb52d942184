/**
 * Real VPP instances from ../shared/vpp (vpp.sh), each isolated by name and stopped when done
 * (and when the process exits, however it exits). No test framework here: benchmarks use it too;
 * tests use real-vpp.ts, which adds `describeWithRealVpp`.
 *
 * `VPPSTATE_REAL_VPP=0` says no real VPP may be used; `=1` makes its absence an error.
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

const SHARED_DIR =
  process.env.VPPSTATE_SHARED_DIR ?? resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared');

export const VPP_SH = process.env.VPPSTATE_VPP_SH ?? join(SHARED_DIR, 'vpp', 'vpp.sh');

function whyNoRealVpp(): string | undefined {
  if (process.env.VPPSTATE_REAL_VPP === '0') return 'VPPSTATE_REAL_VPP=0';
  if (!existsSync(VPP_SH)) return `${VPP_SH} not found (../shared/vpp beside the checkout)`;
  if (process.platform !== 'linux') return 'not Linux (vpp.sh needs veth pairs and af_packet)';
  if (process.getuid?.() !== 0) return 'not root (vpp.sh needs veth pairs and af_packet)';
  return undefined;
}

export const NO_REAL_VPP_REASON = whyNoRealVpp();
export const HAVE_REAL_VPP = NO_REAL_VPP_REASON === undefined;

if (!HAVE_REAL_VPP && process.env.VPPSTATE_REAL_VPP === '1')
  throw new Error(`VPPSTATE_REAL_VPP=1 but no real VPP can run here: ${NO_REAL_VPP_REASON}`);

export interface RealVpp {
  readonly name: string;
  /** The binary API socket (socksvr). */
  readonly socket: string;
  readonly cliSocket: string;
  /** VPP's own .api.json files. */
  readonly apiDir: string;
  readonly runDir: string;
  /** The "hardware" ports it was started with, in index order (local0 is 0, the first port 1). */
  readonly ports: readonly string[];
  /** The VPP process id (changes on restart). */
  pid(): number;
  /** Run a vppctl command; its output (VPP's CLI ends lines with CRLF: given here as LF). */
  ctl(...args: string[]): Promise<string>;
  /** Stop and start again with the same ports: every object gone, clients dropped. */
  restart(): Promise<void>;
  /** Send a signal to the VPP process (SIGKILL, SIGSTOP, SIGCONT, SIGABRT…). */
  signal(sig: NodeJS.Signals): void;
  stop(): Promise<void>;
}

const running = new Set<string>();
let exitHook = false;
let counter = 0;

function stopSync(name: string): void {
  try {
    execFileSync(VPP_SH, ['stop', '-n', name], { stdio: 'ignore', timeout: 10_000 });
  } catch {
    // best effort at exit
  }
}

function parseAssignments(out: string): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const line of out.split('\n')) {
    const m = /^(VPP_[A-Z_]+)=(.*)$/.exec(line.trim());
    if (m) vars[m[1]] = m[2];
  }
  return vars;
}

/**
 * Starts a fresh real VPP with the given hardware ports. `name` is made unique per process
 * (several test workers and sessions may run at once).
 */
export async function startRealVpp(
  opts: { ports?: readonly string[]; name?: string } = {},
): Promise<RealVpp> {
  if (!HAVE_REAL_VPP) throw new Error(`no real VPP: ${NO_REAL_VPP_REASON}`);
  const ports = opts.ports ?? [];
  const name = `${opts.name ?? 't'}-${process.pid}-${++counter}`;
  if (!exitHook) {
    exitHook = true;
    process.on('exit', () => {
      for (const n of running) stopSync(n);
    });
  }
  let vars: Record<string, string> = {};
  const start = async (): Promise<void> => {
    const args = ['start', '-n', name, ...ports.flatMap((p) => ['-p', p])];
    const { stdout } = await run(VPP_SH, args, { timeout: 60_000 });
    vars = parseAssignments(stdout);
    if (!vars.VPP_SOCKET) throw new Error(`vpp.sh start printed no VPP_SOCKET:\n${stdout}`);
    running.add(name);
  };
  const stop = async (): Promise<void> => {
    running.delete(name);
    await run(VPP_SH, ['stop', '-n', name], { timeout: 30_000 });
  };
  await start();
  return {
    name,
    get socket() {
      return vars.VPP_SOCKET;
    },
    get cliSocket() {
      return vars.VPP_CLI_SOCKET;
    },
    get apiDir() {
      return vars.VPP_API_DIR;
    },
    get runDir() {
      return vars.VPP_RUN_DIR;
    },
    ports,
    pid: () => Number(vars.VPP_PID),
    async ctl(...args: string[]) {
      const { stdout } = await run(VPP_SH, ['ctl', '-n', name, ...args], { timeout: 30_000 });
      return stdout.replace(/\r\n/g, '\n');
    },
    async restart() {
      await stop();
      await start();
    },
    signal(sig) {
      process.kill(Number(vars.VPP_PID), sig);
    },
    stop,
  };
}
