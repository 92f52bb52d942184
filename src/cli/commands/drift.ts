import { Option, type Command } from 'commander';
import { ignoreOption, pruneOption } from '../../apply/command-options.js';
import { lazyAction } from '../lazy.js';
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
    .action(lazyAction(() => import('./drift.run.js')));
};
