import { describe, expect, it, vi } from 'vitest';
import { run } from '../../src/cli/program.js';

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
