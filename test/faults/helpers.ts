/**
 * Fault tests: run vppstate commands (in this process, or as a child where signals matter)
 * against a simulator or a real VPP while something goes wrong, and time how long they take.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vi } from 'vitest';
import { VppClient } from '../../src/api/client/client.js';
import { readTrace } from '../../src/api/trace/file.js';
import type { ApiMessage, CallOptions } from '../../src/api/types.js';
import type { Simulator } from '../../src/sim/index.js';
import { isRead } from '../e2e/harness.js';
import { runCli, spawnCli, type CliRun } from '../helpers/cli.js';

export type CliResult = CliRun;

/** A scratch directory (documents, journal, lock). */
export function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'vppstate-faults-'));
  process.env.VPPSTATE_LOCK_DIR = dir;
  return dir;
}

/** Runs `vppstate --socket SOCKET ARGS…` in this process, capturing its output. */
export function vppstate(socket: string, ...args: string[]): Promise<CliResult> {
  return runCli('--socket', socket, '--no-color', '--log-level', 'silent', ...args);
}

/** The requests of a --journal file (a trace: src/api/trace/file.ts). */
export function journalLines(file: string): Array<Record<string, unknown>> {
  return readTrace(file) as unknown as Array<Record<string, unknown>>;
}

export interface Child {
  readonly pid: number;
  kill(sig: NodeJS.Signals): void;
  /** Everything written to stderr so far. */
  stderr(): string;
  /** Resolves with the exit code (or 128 + signal number) and the time since start. */
  exited: Promise<{ code: number; ms: number }>;
}

/** Runs the CLI as a child process (signals are only meaningful there). */
export function spawnVppstate(socket: string, lockDir: string, ...args: string[]): Child {
  const t0 = performance.now();
  const child = spawnCli(['--socket', socket, '--no-color', '--log-level', 'silent', ...args], {
    env: { VPPSTATE_LOCK_DIR: lockDir },
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdout.resume();
  const exited = new Promise<{ code: number; ms: number }>((resolve) =>
    child.on('exit', (code, sig) =>
      resolve({ code: code ?? 128 + (sig === 'SIGKILL' ? 9 : 15), ms: performance.now() - t0 }),
    ),
  );
  return { pid: child.pid ?? -1, kill: (sig) => child.kill(sig), stderr: () => stderr, exited };
}

/** Documents declaring `n` loopbacks with an address each (4 write ops per loopback). */
export function loopbacks(dir: string, n: number, name = 'loops.yaml'): string {
  const file = join(dir, name);
  writeFileSync(
    file,
    `interfaces:\n${Array.from({ length: n }, (_, i) => `  loop${i}:\n    addresses: [10.${i >> 8}.${i & 255}.1/32]\n`).join('')}`,
  );
  return file;
}

/**
 * Calls `fn(k, name)` as the simulator handles its k-th write request (reads are not counted),
 * before the request is handled.
 */
export function onSimWrite(sim: Simulator, fn: (k: number, name: string) => void): void {
  let k = 0;
  for (const [name, h] of Object.entries(sim.model.handlers)) {
    if (isRead(name)) continue;
    sim.server.register(name, (req) => {
      fn(++k, name);
      return h(req);
    });
  }
}

/** Resolves once `cond()` holds (polled). */
export async function until(cond: () => boolean, what: string, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

export interface Fault {
  /** When it struck (performance.now()). */
  at(): number;
}

/**
 * Runs `fault` when the command's client makes its `nth` request of `name`, and sends that
 * request once `fault` has finished.
 */
export function onRequest(name: string, nth: number, fault: () => void | Promise<void>): Fault {
  let k = 0;
  let at = NaN;
  const hit = (n: string): void | Promise<void> => {
    if (n !== name || ++k !== nth) return;
    at = performance.now();
    return fault();
  };
  for (const method of ['call', 'dump'] as const) {
    const original = VppClient.prototype[method] as (
      this: VppClient,
      n: string,
      a?: ApiMessage,
      o?: CallOptions,
    ) => Promise<unknown>;
    vi.spyOn(VppClient.prototype, method).mockImplementation(function (
      this: VppClient,
      n: string,
      a?: ApiMessage,
      o?: CallOptions,
    ) {
      const h = hit(n);
      return (
        h instanceof Promise ? h.then(() => original.call(this, n, a, o)) : original.call(this, n, a, o)
      ) as never;
    });
  }
  return { at: () => at };
}

/** Resolves once process `pid` has exited. */
export async function exited(pid: number): Promise<void> {
  for (;;) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Milliseconds from the fault to the end of the command. */
export const after = (r: CliResult, fault: Fault): number => r.endedAt - fault.at();

/** The counts line of an apply report: ops done, in flight without a reply, not started. */
export function reportCounts(err: string): { done: number; unknown: number; notStarted: number } {
  const m =
    /(\d+) ops done and acknowledged by VPP; (\d+) in flight without a reply \(outcome unknown: VPP may or may not have done them\); (\d+) not started/.exec(
      err,
    );
  if (m === null) throw new Error(`no counts line in the report:\n${err}`);
  const [done, unknown, notStarted] = m.slice(1).map(Number) as [number, number, number];
  return { done, unknown, notStarted };
}
