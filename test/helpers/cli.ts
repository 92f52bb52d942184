/** Runs the vppstate CLI in this process, capturing what it writes. */
import { vi } from 'vitest';
import { run } from '../../src/cli/program.js';

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
