/**
 * What ships vppstate run: the image (Dockerfile) and the systemd unit, checked without Docker
 * and without installing the unit.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/program.js';
import { tempDir } from '../controller/harness.js';
import { reachableFrom } from '../helpers/import-graph.js';
import { REPO_ROOT } from '../helpers/shared.js';

const run = promisify(execFile);
const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const dockerfile = readFileSync(join(REPO_ROOT, 'Dockerfile'), 'utf8');
const UNIT = join(REPO_ROOT, 'deploy', 'systemd', 'vppstate.service');
const unit = readFileSync(UNIT, 'utf8');

/** The options `vppstate run` and the global options accept (long names). */
function runOptions(): Set<string> {
  const program = buildProgram();
  const runCmd = program.commands.find((c) => c.name() === 'run');
  if (!runCmd) throw new Error('no run command');
  return new Set([...program.options, ...runCmd.options].map((o) => o.long ?? ''));
}

describe('the image (Dockerfile)', () => {
  it('is multi-stage: build with dev dependencies, run with production ones only, as a non-root user', () => {
    const stages = dockerfile.match(/^FROM .*/gm) ?? [];
    expect(stages.length).toBeGreaterThanOrEqual(3);
    expect(dockerfile).toMatch(/^RUN npm ci --omit=dev/m);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^ENTRYPOINT \["node", "\/app\/dist\/bin\/vppstate.js"\]$/m);
    // The default command is a valid `vppstate run` command line.
    const cmd = JSON.parse(/^CMD (\[.*\])$/m.exec(dockerfile)?.[1] ?? '[]') as string[];
    expect(cmd[0]).toBe('run');
    const known = runOptions();
    for (const a of cmd.filter((x) => x.startsWith('--'))) expect(known, a).toContain(a.split('=')[0]);
  });

  it('every package vppstate run can load is a production dependency (the image has no others)', () => {
    const r = reachableFrom(['src/cli/main.ts', 'src/cli/commands/run.run.ts'], { dynamic: true });
    const packages = [...r.packages].filter((p) => !p.startsWith('node:'));
    const missing = packages.filter((p) => !(p in pkg.dependencies));
    expect(missing, 'imported by vppstate run but not in dependencies').toEqual([]);
  });
});

describe('the systemd unit (deploy/systemd/vppstate.service)', () => {
  it('runs vppstate run with options it has, reloads with SIGHUP and stops with SIGTERM', () => {
    const exec = /^ExecStart=(.*)$/m.exec(unit)?.[1].split(/\s+/) ?? [];
    expect(exec[0]).toBe('/usr/bin/vppstate');
    expect(exec).toContain('run');
    const known = runOptions();
    for (const a of exec.filter((x) => x.startsWith('--'))) expect(known, a).toContain(a.split('=')[0]);
    expect(unit).toMatch(/^ExecReload=\/bin\/kill -HUP \$MAINPID$/m);
    expect(unit).toMatch(/^KillSignal=SIGTERM$/m);
    expect(unit).toMatch(/^CapabilityBoundingSet=$/m);
  });

  it('systemd-analyze verify finds nothing wrong with it', async (ctx) => {
    try {
      await run('systemd-analyze', ['--version']);
    } catch {
      return ctx.skip('systemd-analyze is not installed');
    }
    // Verify a copy whose ExecStart names a binary that exists here (vppstate is not installed).
    const dir = tempDir('vppstate-unit-');
    const copy = join(dir, 'vppstate.service');
    copyFileSync(UNIT, copy);
    writeFileSync(copy, unit.replace(/^ExecStart=\/usr\/bin\/vppstate/m, `ExecStart=${process.execPath}`));
    const { stderr } = await run('systemd-analyze', ['verify', '--man=no', copy]).catch(
      (e: { stderr: string; message: string }) => ({ stderr: `${e.stderr}\n${e.message}` }),
    );
    // Lines about this unit only (the host's own units may have warnings of their own).
    expect(stderr.split('\n').filter((l) => l.includes('vppstate.service'))).toEqual([]);
  });
});
