import { Option, type Command } from 'commander';
import {
  globalsOf,
  ignoreOption,
  loadDesired,
  planOptionsFrom,
  pruneOption,
  withVpp,
} from '../../apply/command-support.js';
import { planFor } from '../../apply/reconcile.js';
import { inSync } from '../../plan/plan.js';
import { renderPlan, type PlanFormat } from '../../plan/render/index.js';
import type { RegisterCommand } from './index.js';

export const registerDrift: RegisterCommand = (program: Command) => {
  program
    .command('drift')
    .description(
      'report how VPP differs from the documents, per object and field (exit 0 in sync, 2 drift, 1 error)',
    )
    .argument('<files...>', 'YAML files or directories')
    .addOption(
      new Option('--format <format>', 'output format').choices(['text', 'json', 'markdown']).default('text'),
    )
    .addOption(pruneOption())
    .addOption(ignoreOption())
    .action(
      async (
        files: string[],
        opts: { format: PlanFormat; prune?: string; ignore?: string[] },
        cmd: Command,
      ) => {
        const g = globalsOf(cmd);
        const { state, desired } = await loadDesired(files);
        const { plan } = await withVpp(g, (vpp) => planFor(vpp, desired, planOptionsFrom(state, opts)));
        process.stdout.write(renderPlan(plan, opts.format, { color: g.color, mode: 'drift' }));
        process.exitCode = inSync(plan) ? 0 : 2;
      },
    );
};
