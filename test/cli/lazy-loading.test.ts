import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reachableFrom } from '../helpers/import-graph.js';
import { REPO_ROOT } from '../helpers/shared.js';

/**
 * `vppstate` pays for every module it loads before it prints anything. The command line (every
 * command's arguments, options and help) loads commander and nothing heavy; each command loads
 * its own work (`commands/NAME.run.ts`) when it runs, and no more than that work needs.
 */

/** Light modules a command declaration may use besides src/cli itself. */
const LIGHT = new Set([
  'src/errors.ts',
  'src/api/client/defaults.ts',
  'src/apply/command-options.ts',
  'src/plan/render/formats.ts',
]);

const commandsDir = join(REPO_ROOT, 'src/cli/commands');
const runModules = readdirSync(commandsDir)
  .filter((f) => f.endsWith('.run.ts'))
  .map((f) => `src/cli/commands/${f}`);

function heavyIn(files: Set<string>): string[] {
  return [...files].filter((f) => !LIGHT.has(f) && (!f.startsWith('src/cli/') || f.endsWith('.run.ts')));
}

describe('lazy loading of commands', () => {
  it('the command line (parsing, --help) loads commander and light modules only', () => {
    const r = reachableFrom(['src/cli/main.ts', 'src/cli/program.ts']);
    const packages = [...r.packages].filter((p) => !p.startsWith('node:'));
    expect(packages, 'packages the command line loads before any command runs').toEqual(['commander']);
    expect(
      heavyIn(r.files),
      'move these imports into the command action (commands/NAME.run.ts, loaded with lazyAction)',
    ).toEqual([]);
  });

  it('every command declares its action lazily, in a module of its own', () => {
    const program = reachableFrom('src/cli/program.ts', { dynamic: true });
    // Every action module is reachable from the program, only through import().
    for (const m of runModules) expect(program.files, m).toContain(m);
    expect(runModules.length).toBeGreaterThanOrEqual(7);
  });

  it('validate loads neither the client, the planner nor the simulator; with --socket the client only', () => {
    const r = reachableFrom('src/cli/commands/validate.run.ts', { dynamic: false });
    expect([...r.files].filter((f) => /^src\/(api|apply|plan|sim|controller)\//.test(f))).toEqual([]);
    // --socket asks VPP which plugins it has: the client, never the planner or the simulator
    const s = reachableFrom('src/cli/commands/validate.run.ts', { dynamic: true });
    // (the kinds compare with jsonEqual, which lives beside the diff)
    expect(
      [...s.files].filter((f) => /^src\/(plan|sim|controller)\//.test(f) && f !== 'src/plan/diff.ts'),
    ).toEqual([]);
    expect([...s.packages]).not.toContain('pino');
  });

  it.each(['validate', 'plan', 'apply', 'drift'])(
    '%s runs the validator compiled at build time: no ajv compiler, no yaml library on the fast path',
    (name) => {
      const r = reachableFrom(`src/cli/commands/${name}.run.ts`, { dynamic: true });
      // ajv's small runtime helpers are required by the generated code; its compiler never is.
      expect([...r.packages].filter((p) => p === 'ajv' || p === 'yaml')).toEqual([]);
      expect(r.files).toContain('src/config/schema/validator.generated.ts');
      expect([...r.files].filter((f) => /^src\/config\/(schema\/(ajv|index)|generate)\.ts$/.test(f))).toEqual(
        [],
      );
    },
  );

  it.each(['plan', 'drift', 'apply', 'export', 'call'])(
    '%s never loads the simulator, nor pino unless something is logged',
    (name) => {
      const r = reachableFrom(`src/cli/commands/${name}.run.ts`, { dynamic: true });
      expect([...r.files].filter((f) => f.startsWith('src/sim/'))).toEqual([]);
      expect([...r.packages]).not.toContain('pino');
    },
  );

  it('run never loads the simulator', () => {
    const r = reachableFrom('src/cli/commands/run.run.ts', { dynamic: true });
    expect([...r.files].filter((f) => f.startsWith('src/sim/'))).toEqual([]);
  });

  it('call loads no configuration code', () => {
    const r = reachableFrom('src/cli/commands/call.run.ts');
    expect([...r.files].filter((f) => f.startsWith('src/config/'))).toEqual([]);
  });
});
