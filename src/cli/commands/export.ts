import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { globalsOf, withVpp } from '../../apply/command-support.js';
import { objectsToState } from '../../model/live.js';
import { readLiveRetrying } from '../../apply/reconcile.js';
import { stateToYaml } from '../../plan/export.js';
import type { RegisterCommand } from './index.js';

export const registerExport: RegisterCommand = (program: Command) => {
  program
    .command('export')
    .description('print the live VPP state as YAML in the configuration language (export → plan is empty)')
    .option('--owned-only', 'only objects vppstate owns (tagged)')
    .option('-o, --output <file>', 'write to this file instead of stdout')
    .action(async (opts: { ownedOnly?: boolean; output?: string }, cmd: Command) => {
      const g = globalsOf(cmd);
      const live = await withVpp(g, (vpp) => readLiveRetrying(vpp));
      const text = stateToYaml(objectsToState(live.objects, { ownedOnly: opts.ownedOnly }));
      if (opts.output) writeFileSync(opts.output, text);
      else process.stdout.write(text);
      process.exitCode = 0;
    });
};
