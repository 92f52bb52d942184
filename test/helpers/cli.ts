/** Runs the vppstate CLI in tests: in this process (fast, output captured) or as a child (signals, exit codes). */
import { spawn, type ChildProcessByStdio, type SpawnOptions } from 'node:child_process';
import type { Readable } from 'node:stream';
import { vi } from 'vitest';
import { run } from '../../src/cli/program.js';
import { REPO_ROOT } from './shared.js';

export interface CliRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
  /** Wall-clock milliseconds it took. */
  readonly ms: number;
  /** When it ended (performance.now()). */
  readonly endedAt: number;
}

/** `vppstate ARGS…` (no `node vppstate` prefix): exit code, stdout, stderr and timing. */
export async function runCli(...args: string[]): Promise<CliRun> {
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
    const code = await run(['node', 'vppstate', ...args]);
    const endedAt = performance.now();
    return { code, out, err, ms: endedAt - t0, endedAt };
  } finally {
    o.mockRestore();
    e.mockRestore();
    process.exitCode = undefined;
  }
}

/** Spawns `vppstate ARGS…` (tsx, from the repository root) with stdout and stderr piped. */
export function spawnCli(
  args: readonly string[],
  opts: { env?: NodeJS.ProcessEnv } & Omit<SpawnOptions, 'env' | 'stdio'> = {},
): ChildProcessByStdio<null, Readable, Readable> {
  return spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    cwd: REPO_ROOT,
    ...opts,
    env: { ...process.env, ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Short name used by the api, trace, gen and call tests. */
export const cli = runCli;
