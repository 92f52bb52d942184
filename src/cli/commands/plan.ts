import { Option, type Command } from 'commander';
import { ignoreOption, pruneOption } from '../../apply/command-options.js';
import { PLAN_FORMATS } from '../../plan/render/formats.js';
import { lazyAction } from '../lazy.js';
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
    .action(lazyAction(() => import('./plan.run.js')));
};
