import { Option, type Command } from 'commander';
import { ignoreOption, pruneOption } from '../../apply/command-options.js';
import { PLAN_FORMATS } from '../../plan/render/formats.js';
import { lazyAction } from '../lazy.js';
import type { RegisterCommand } from './index.js';

export const registerApply: RegisterCommand = (program: Command) => {
  program
    .command('apply')
    .description('plan, apply to VPP (retry, rollback on failure), then verify by reading back')
    .argument('<files...>', 'YAML files or directories')
    .addOption(
      new Option('--format <format>', 'how to print the plan').choices([...PLAN_FORMATS]).default('text'),
    )
    .option('--dry-run', 'plan only, change nothing')
    .option('-y, --yes', 'do not ask for confirmation on a terminal')
    .option('--no-rollback', 'on failure keep what was done instead of undoing it')
    .option('--no-verify', 'skip reading back after apply')
    .option(
      '--journal <file>',
      'record every message sent and received to FILE, with timing (the same as the global --trace FILE)',
    )
    .option('-q, --quiet', 'no plan, no progress; errors only')
    .option('--concurrency <n>', 'API calls in flight at once', '256')
    .addOption(pruneOption())
    .addOption(ignoreOption())
    .action(lazyAction(() => import('./apply.run.js')));
};
