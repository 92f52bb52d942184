/** The vppstate command line run from the sources, as a child process (signals, exit codes). */
import { spawn, type ChildProcessByStdio, type SpawnOptions } from 'node:child_process';
import type { Readable } from 'node:stream';
import { REPO_ROOT } from './shared.js';

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
