import type { Command } from 'commander';
import { planOptionsFrom, globalsOf, loadDesired, withVpp } from '../../apply/command-support.js';
import { planFor } from '../../apply/reconcile.js';
import { renderPlan, type PlanFormat } from '../../plan/render/index.js';

export interface PlanFlags {
  format: PlanFormat;
  detailedExitcode?: boolean;
  prune?: string;
  ignore?: string[];
}

export async function run(files: string[], opts: PlanFlags, cmd: Command): Promise<void> {
  const g = globalsOf(cmd);
  const { state, desired } = await loadDesired(files);
  const { plan } = await withVpp(g, (vpp) => planFor(vpp, desired, planOptionsFrom(state, opts)));
  process.stdout.write(renderPlan(plan, opts.format, { color: g.color }));
  process.exitCode = opts.detailedExitcode && plan.changes.length > 0 ? 2 : 0;
}
