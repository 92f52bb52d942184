import type { Command } from 'commander';
import { lazyAction } from '../lazy.js';
import type { RegisterCommand } from './index.js';

export const registerExport: RegisterCommand = (program: Command) => {
  program
    .command('export')
    .description('print the live VPP state as YAML in the configuration language (export → plan is empty)')
    .option('--owned-only', 'only objects vppstate owns (tagged)')
    .option('-o, --output <file>', 'write to this file instead of stdout')
    .action(lazyAction(() => import('./export.run.js')));
};
