import { Option, type Command } from 'commander';
import {
  planOptionsFrom,
  globalsOf,
  ignoreOption,
  loadDesired,
  pruneOption,
  withVpp,
} from '../../apply/command-support.js';
import { planFor } from '../../apply/reconcile.js';
import { PLAN_FORMATS, renderPlan, type PlanFormat } from '../../plan/render/index.js';
import type { RegisterCommand } from './index.js';

export const registerPlan: RegisterCommand = (program: Command) => {
  program
    .command('plan')
    .alias('diff')
    .description('show what apply would change in VPP to match the documents')
    .argument('<files...>', 'YAML files or directories')
    .addOption(new Option('--format <format>', 'output format').choices([...PLAN_FORMATS]).default('text'))
    .option('--detailed-exitcode', 'exit 0 when nothing to do, 2 when there are changes, 1 on error')
    .addOption(pruneOption())
    .addOption(ignoreOption())
    .action(
      async (
        files: string[],
        opts: { format: PlanFormat; detailedExitcode?: boolean; prune?: string; ignore?: string[] },
        cmd: Command,
      ) => {
        const g = globalsOf(cmd);
        const { state, desired } = await loadDesired(files);
        const { plan } = await withVpp(g, (vpp) => planFor(vpp, desired, planOptionsFrom(state, opts)));
        process.stdout.write(renderPlan(plan, opts.format, { color: g.color }));
        process.exitCode = opts.detailedExitcode && plan.changes.length > 0 ? 2 : 0;
      },
    );
};
