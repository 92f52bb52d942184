import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { run } from '../../src/cli/program.js';
import { REPO_ROOT } from '../helpers/shared.js';

describe('vppstate CLI', () => {
  it('prints help naming the global options and exits 0', async () => {
    const out: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      out.push(String(chunk));
      return true;
    });
    try {
      expect(await run(['node', 'vppstate', '--help'])).toBe(0);
    } finally {
      spy.mockRestore();
    }
    const text = out.join('');
    expect(text).toContain('--socket <path>');
    expect(text).toContain('VPPSTATE_SOCKET');
  });

  it('rejects an unknown option with exit code 1', async () => {
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(await run(['node', 'vppstate', '--bogus'])).toBe(1);
    } finally {
      spy.mockRestore();
    }
  });
});

describe('subcommand help', () => {
  it.each(['validate', 'plan', 'apply', 'drift', 'export', 'sim'])(
    '%s --help returns 0 instead of exiting',
    async (name) => {
      const out: string[] = [];
      const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
        out.push(String(chunk));
        return true;
      });
      try {
        expect(await run(['node', 'vppstate', name, '--help'])).toBe(0);
      } finally {
        spy.mockRestore();
      }
      expect(out.join('')).toContain(`Usage: vppstate ${name}`);
    },
  );
});

describe('vppstate --version', () => {
  const version = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string })
    .version;
  it('prints the package version, alone or after other options', () => {
    for (const args of [['--version'], ['-V'], ['--socket', '/nonexistent', '--version']]) {
      const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
        cwd: REPO_ROOT,
        encoding: 'utf8',
      });
      expect({ args, status: r.status, out: r.stdout }).toEqual({ args, status: 0, out: `${version}\n` });
    }
  });
});
