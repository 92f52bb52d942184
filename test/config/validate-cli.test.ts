import { join } from 'node:path';
import { Command } from 'commander';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { registerValidate } from '../../src/cli/commands/validate.js';
import { REPO_ROOT } from '../helpers/shared.js';

/** Runs `vppstate validate ...args` in-process; returns exit code and stdout. */
async function validate(...args: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  process.exitCode = undefined;
  try {
    const program = new Command('vppstate').exitOverride();
    registerValidate(program);
    await program.parseAsync(['node', 'vppstate', 'validate', ...args]);
    return { code: Number(process.exitCode ?? 0), out };
  } finally {
    spy.mockRestore();
    process.exitCode = undefined;
  }
}

afterEach(() => vi.restoreAllMocks());

describe('vppstate validate', () => {
  it('exits 0 and summarises a valid configuration', async () => {
    const r = await validate(join(REPO_ROOT, 'examples/edge-router.yaml'));
    expect(r.code).toBe(0);
    expect(r.out).toBe('valid: 3 documents in 1 file (interfaces: 5, vrfs: 2, routes: 5, acls: 2)\n');
  });

  it('exits 1 and prints every error, one per line, then a count', async () => {
    const file = join(REPO_ROOT, 'test/fixtures/config/subinterfaces.yaml');
    const r = await validate(file);
    expect(r.code).toBe(1);
    const lines = r.out.trimEnd().split('\n');
    expect(lines[0]).toBe(
      `${file}:6:10: interfaces["GigabitEthernet0/8/0.100"].mtu: must be ≤ the MTU of the parent GigabitEthernet0/8/0, 1500 (got 9000)`,
    );
    expect(lines.at(-1)).toBe('8 errors (1 document in 1 file)');
  });

  it('--format json gives errors with file, line, col, path, message and code', async () => {
    const file = join(REPO_ROOT, 'test/fixtures/config/schema.yaml');
    const r = await validate('--format', 'json', file);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out) as { valid: boolean; errors: Array<Record<string, unknown>> };
    expect(report.valid).toBe(false);
    expect(report.errors[0]).toEqual({
      file,
      line: 4,
      col: 10,
      path: 'interfaces.loop0.mtu',
      message: 'must be ≤ 9216 (got 10000)',
      code: 'CONFIG_SCHEMA',
    });
  });

  it('--format json on a valid directory', async () => {
    const r = await validate('--format', 'json', join(REPO_ROOT, 'test/fixtures/config/cross-file/a.yaml'));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({
      valid: true,
      documents: 1,
      errors: [],
      objects: { interfaces: 1, routes: 1 },
    });
  });
});
