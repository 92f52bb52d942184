import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/shared.js';

/** The command as `npm run build` ships it (scripts/bundle.mjs), built into a scratch folder. */
describe('the bundled vppstate command', () => {
  // Under dist/, so that packages resolve from node_modules as they do from dist/bin.
  mkdirSync(join(REPO_ROOT, 'dist'), { recursive: true });
  const out = mkdtempSync(join(REPO_ROOT, 'dist', 'bundle-test-'));
  const run = (...args: string[]) =>
    spawnSync(process.execPath, [join(out, 'vppstate.js'), ...args], { cwd: REPO_ROOT, encoding: 'utf8' });

  beforeAll(() => {
    const r = spawnSync(process.execPath, ['scripts/bundle.mjs', out], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
  });
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('answers --version and --help', () => {
    const version = run('--version');
    expect(version.status).toBe(0);
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+/);
    const help = run('--help');
    expect(help.status).toBe(0);
    for (const c of ['validate', 'plan', 'apply', 'drift', 'export', 'sim', 'call'])
      expect(help.stdout).toContain(c);
  });

  it('loads a command action and its packages: validate the quickstart', () => {
    const r = run('validate', 'examples/quickstart.yaml');
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('valid: 1 document in 1 file (interfaces: 2, vrfs: 1, routes: 2)\n');
    const bad = run('validate', 'test/fixtures/config/subinterfaces.yaml');
    expect(bad.status).toBe(1);
  });

  it('ends quietly when the reader of its output stops early (`vppstate --help | head -1`)', async () => {
    const child = spawn(process.execPath, [join(out, 'vppstate.js'), '--help'], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});
