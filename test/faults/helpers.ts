/**
 * Fault tests: run vppstate commands (in this process, or as a child where signals matter)
 * against a simulator or a real VPP while something goes wrong, and time how long they take.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vi } from 'vitest';
import { run } from '../../src/cli/program.js';
import type { Simulator } from '../../src/sim/index.js';
import { isRead } from '../e2e/harness.js';
import { REPO_ROOT } from '../helpers/shared.js';

export interface CliResult {
  readonly code: number;
  readonly out: string;
  readonly err: string;
  /** Wall-clock milliseconds the command took. */
  readonly ms: number;
}

/** A scratch directory (documents, journal, lock). */
export function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'vppstate-faults-'));
  process.env.VPPSTATE_LOCK_DIR = dir;
  return dir;
}

/** Runs `vppstate --socket SOCKET ARGS…` in this process, capturing its output. */
export async function vppstate(socket: string, ...args: string[]): Promise<CliResult> {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => {
    out += String(s);
    return true;
  });
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => {
    err += String(s);
    return true;
  });
  process.exitCode = undefined;
  const t0 = performance.now();
  try {
    const code = await run([
      'node',
      'vppstate',
      '--socket',
      socket,
      '--no-color',
      '--log-level',
      'silent',
      ...args,
    ]);
    return { code, out, err, ms: performance.now() - t0 };
  } finally {
    o.mockRestore();
    e.mockRestore();
    process.exitCode = undefined;
  }
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
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'src/cli/main.ts',
      '--socket',
      socket,
      '--no-color',
      '--log-level',
      'silent',
      ...args,
    ],
    {
      cwd: REPO_ROOT,
      env: { ...process.env, VPPSTATE_LOCK_DIR: lockDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
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
