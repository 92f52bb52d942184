import { Option } from 'commander';
import type { Command } from 'commander';
import { lazyAction } from '../lazy.js';
import type { RegisterCommand } from './index.js';

/** `vppstate validate [paths...]`: schema and meaning, every error at once; exit 0 valid, 1 invalid. */
export const registerValidate: RegisterCommand = (program: Command) => {
  program
    .command('validate')
    .description(
      'check configuration files (files, directories, - for stdin); with --socket (or VPPSTATE_SOCKET) also that the running VPP has the plugins they use',
    )
    .argument('<paths...>', 'YAML files, directories (every *.yaml/*.yml below) or - for stdin')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(lazyAction(() => import('./validate.run.js')));
};
