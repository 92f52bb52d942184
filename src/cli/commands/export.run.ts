import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { globalsOf, withVpp } from '../../apply/command-support.js';
import { readLiveRetrying } from '../../apply/reconcile.js';
import { objectsToState } from '../../model/live.js';
import { stateToYaml } from '../../plan/export.js';

export async function run(opts: { ownedOnly?: boolean; output?: string }, cmd: Command): Promise<void> {
  const g = globalsOf(cmd);
  const live = await withVpp(g, (vpp) => readLiveRetrying(vpp));
  const text = stateToYaml(objectsToState(live.objects, { ownedOnly: opts.ownedOnly }));
  if (opts.output) writeFileSync(opts.output, text);
  else process.stdout.write(text);
  process.exitCode = 0;
}
