import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/shared.js';

/** Runs a few log calls through the CLI's logger in a fresh process; its stderr, as JSON lines. */
function logged(level: string, calls: string): Array<Record<string, unknown>> {
  const script = `import { stderrLogger } from './src/apply/session.ts';
const log = stderrLogger(${JSON.stringify(level)});
${calls}
const loaded = Object.keys((await import('node:module')).createRequire(import.meta.url).cache ?? {}).some((k) => k.includes('/pino/'));
process.stdout.write(JSON.stringify({ loaded }));`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
  });
  expect(r.status, r.stderr).toBe(0);
  const lines = r.stderr
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  return [...lines, JSON.parse(r.stdout) as Record<string, unknown>];
}

describe('the CLI log (--log-level, stderr)', () => {
  it('writes pino JSON lines at and above the level, and nothing below it', () => {
    const out = logged(
      'warn',
      `log.debug({ api: 'x' }, 'call'); log.warn({ attempt: 1 }, 'connection to VPP lost'); log.error('gone');`,
    );
    expect(out.slice(0, -1)).toMatchObject([
      { level: 40, name: 'vppstate', attempt: 1, msg: 'connection to VPP lost' },
      { level: 50, msg: 'gone' },
    ]);
    expect(out.at(-1)).toEqual({ loaded: true });
  });

  it('never loads pino when nothing reaches the level', () => {
    const out = logged('warn', `log.debug({ api: 'x' }, 'call'); log.info('reconnected');`);
    expect(out).toEqual([{ loaded: false }]);
    expect(logged('silent', `log.error('gone')`)).toEqual([{ loaded: false }]);
  });
});
